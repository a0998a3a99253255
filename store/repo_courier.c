/* Couriers on the SQLite store (programme.md section 4): enrolment, duty,
 * the next free courier, job records, the buyer's sealed delivery code and
 * the failed-delivery marks under the store's keyed tag (never the
 * number). Prepared statements from the store's cache only. */
#include <string.h>

#include "store/repo_courier.h"
#include "store/repo_privacy.h"
#include "store/repo_util.h"
#include "store/store_internal.h"
#include "store/tag.h"

/* Open jobs of a courier: its orders assigned or shipped. */
#define OPEN_JOBS(col)	"(SELECT count(*) FROM orders o WHERE o.courier = " \
	col " AND o.state IN ('assigned', 'shipped'))"

static void
courier_row(sqlite3_stmt *s, struct courier *k)
{
	memset(k, 0, sizeof(*k));
	store_col_text(s, 0, k->msisdn, sizeof(k->msisdn));
	store_col_text(s, 1, k->name, sizeof(k->name));
	store_col_text(s, 2, k->place, sizeof(k->place));
	k->fee_rp = sqlite3_column_int64(s, 3);
	k->on_duty = sqlite3_column_int(s, 4) != 0;
	k->jobs = sqlite3_column_int(s, 5);
}

enum repo_rc
sq_courier_get(void *be, const char *msisdn, struct courier *out)
{
	static const char sql[] = "SELECT c.msisdn, c.name, c.place, c.fee_rp, "
	    "c.on_duty, " OPEN_JOBS("c.msisdn") " FROM couriers c "
	    "WHERE c.msisdn = ?1 AND c.removed_s IS NULL";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc;
	courier_row(s, out);
	sqlite3_reset(s);
	return REPO_OK;
}

enum repo_rc
sq_courier_set_duty(void *be, const char *msisdn, bool on)
{
	static const char sql[] = "UPDATE couriers SET on_duty = ?2 "
	    "WHERE msisdn = ?1 AND removed_s IS NULL";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, on ? 1 : 0);
	return repo_run(st, s);
}

enum repo_rc
sq_courier_next(void *be, const char *place, bool prefix, const char *not,
    int max_jobs, struct courier *out)
{
	/* ?2 = 1: the place starts with ?1 ("33.20.05."), or is the district
	 * code itself ("33.20.05"). */
	static const char sql[] = "SELECT msisdn, name, place, fee_rp, on_duty, "
	    "jobs FROM (SELECT c.msisdn, c.name, c.place, c.fee_rp, c.on_duty, "
	    OPEN_JOBS("c.msisdn") " AS jobs, coalesce((SELECT max(j.assigned_s) "
	    "FROM courier_jobs j WHERE j.courier = c.msisdn), 0) AS last "
	    "FROM couriers c WHERE c.removed_s IS NULL AND c.on_duty = 1 AND "
	    "c.msisdn <> ?3 AND (CASE WHEN ?2 THEN "
	    "substr(c.place, 1, length(?1)) = ?1 OR c.place || '.' = ?1 "
	    "ELSE c.place = ?1 END)) WHERE jobs < ?4 "
	    "ORDER BY jobs, last, msisdn";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;
	bool		 blocked;
	int		 src;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, place, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, prefix ? 1 : 0);
	sqlite3_bind_text(s, 3, not, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 4, max_jobs);
	/* issue 15, operators: the first one not blocked (no hash is made
	 * while no number is blocked) */
	while ((src = store_step(st, s)) == SQLITE_ROW) {
		courier_row(s, out);
		if ((rc = sq_number_blocked(be, out->msisdn, &blocked)) !=
		    REPO_OK) {
			sqlite3_reset(s);
			return rc;
		}
		if (!blocked) {
			sqlite3_reset(s);
			return REPO_OK;
		}
	}
	sqlite3_reset(s);
	return src == SQLITE_DONE ? REPO_NOTFOUND : repo_rc_of(src);
}

enum repo_rc
sq_job_open(void *be, int64_t order_id, const char *courier, int64_t fee_rp,
    int64_t now_s)
{
	static const char qj[] = "INSERT INTO courier_jobs (order_id, courier, "
	    "fee_rp, assigned_s) VALUES (?1, ?2, ?3, ?4)";
	static const char qo[] = "UPDATE orders SET courier = ?2, fee_rp = ?3, "
	    "assigned_at = ?4 WHERE id = ?1";
	const char	*sql[2] = { qj, qo };
	struct store	*st = be;
	sqlite3_stmt	*s;
	enum repo_rc	 rc;
	int		 i;

	for (i = 0; i < 2; i++) {
		if ((s = store_stmt(st, sql[i])) == NULL)
			return REPO_ERR;
		sqlite3_bind_int64(s, 1, order_id);
		sqlite3_bind_text(s, 2, courier, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 3, fee_rp);
		sqlite3_bind_int64(s, 4, now_s);
		if ((rc = repo_run(st, s)) != REPO_OK)
			return rc;
	}
	return REPO_OK;
}

enum repo_rc
sq_job_mark(void *be, int64_t order_id, const char *what, int64_t now_s)
{
	static const char qp[] = "UPDATE courier_jobs SET picked_s = ?2 "
	    "WHERE order_id = ?1 AND ended_s IS NULL";
	static const char qe[] = "UPDATE courier_jobs SET ended_s = ?2, "
	    "outcome = ?3 WHERE order_id = ?1 AND ended_s IS NULL";
	static const char qo[] = "UPDATE orders SET courier = NULL, fee_rp = 0 "
	    "WHERE id = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s;
	enum repo_rc	 rc;
	bool		 picked = strcmp(what, "picked") == 0;
	bool		 back = strcmp(what, "given_back") == 0 ||
			    strcmp(what, "timeout") == 0 ||
			    strcmp(what, "unassigned") == 0;

	if (!picked && !back && strcmp(what, "delivered") != 0 &&
	    strcmp(what, "failed") != 0)
		return REPO_ERR;
	if ((s = store_stmt(st, picked ? qp : qe)) == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, order_id);
	sqlite3_bind_int64(s, 2, now_s);
	if (!picked)
		sqlite3_bind_text(s, 3, what, -1, SQLITE_STATIC);
	if ((rc = repo_run(st, s)) != REPO_OK)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return REPO_NOTFOUND;
	if (!back)
		return REPO_OK;
	if ((s = store_stmt(st, qo)) == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, order_id);
	return repo_run(st, s);
}

enum repo_rc
sq_job_list(void *be, const char *courier, int64_t offset,
    struct courier_job_line *out, int max, int *n)
{
	static const char sql[] = "SELECT o.id, p.name, o.qty, o.state, "
	    "CASE WHEN o.paid_method IS NULL THEN o.unit_price_rp * o.qty + "
	    "o.fee_rp ELSE 0 END FROM orders o JOIN products p ON "
	    "p.id = o.product_id WHERE o.courier = ?1 AND o.state IN "
	    "('assigned', 'shipped') ORDER BY o.id LIMIT ?2 OFFSET ?3";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	char		 state[16];
	int		 rc;

	*n = 0;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, courier, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, max);
	sqlite3_bind_int64(s, 3, offset);
	while ((rc = store_step(st, s)) == SQLITE_ROW && *n < max) {
		struct courier_job_line	*l = &out[(*n)++];

		l->id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, l->item, sizeof(l->item));
		l->qty = sqlite3_column_int64(s, 2);
		store_col_text(s, 3, state, sizeof(state));
		l->state = order_state_by_name(state);
		l->collect_rp = sqlite3_column_int64(s, 4);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? REPO_OK : repo_rc_of(rc);
}

enum repo_rc
sq_drop_set(void *be, int64_t order_id, const unsigned char *sealed,
    size_t len)
{
	static const char sql[] = "UPDATE orders SET drop_hash = ?2, "
	    "drop_attempts = 0 WHERE id = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, order_id);
	if (len > 0)
		sqlite3_bind_blob(s, 2, sealed, (int)len, SQLITE_TRANSIENT);
	return repo_run(st, s);
}

enum repo_rc
sq_drop_get(void *be, int64_t order_id, unsigned char *sealed, size_t *len)
{
	static const char sql[] = "SELECT drop_hash FROM orders WHERE id = ?1 "
	    "AND drop_hash IS NOT NULL";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;
	int		 n;

	*len = 0;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, order_id);
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc;
	n = sqlite3_column_bytes(s, 0);
	if (n > 0 && n <= REPO_CODE_BLOB) {
		memcpy(sealed, sqlite3_column_blob(s, 0), (size_t)n);
		*len = (size_t)n;
	}
	sqlite3_reset(s);
	return *len > 0 ? REPO_OK : REPO_NOTFOUND;
}

enum repo_rc
sq_drop_attempts(void *be, int64_t order_id, int attempts)
{
	static const char sql[] = "UPDATE orders SET drop_attempts = ?2 "
	    "WHERE id = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, order_id);
	sqlite3_bind_int(s, 2, attempts);
	return repo_run(st, s);
}

enum repo_rc
sq_mark_add(void *be, const char *msisdn, const char *kind, int64_t order_id,
    int64_t now_s)
{
	static const char sql[] = "INSERT INTO number_marks (tag, kind, "
	    "order_id, at_s) VALUES (?1, ?2, ?3, ?4)";
	struct store	*st = be;
	sqlite3_stmt	*s;
	char		 tag[STORE_TAG_HEX + 1];

	if (store_tag(st, msisdn, tag, sizeof(tag)) == -1 ||
	    (s = store_stmt(st, sql)) == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, tag, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_TRANSIENT);
	if (order_id > 0)
		sqlite3_bind_int64(s, 3, order_id);
	sqlite3_bind_int64(s, 4, now_s);
	return repo_run(st, s);
}

enum repo_rc
sq_buyer_record(void *be, const char *msisdn, int64_t since_s,
    int *completed, int *failed)
{
	static const char sql[] = "SELECT (SELECT count(*) FROM orders WHERE "
	    "buyer = ?1 AND state = 'delivered' AND delivered_at >= ?3), "
	    "(SELECT count(*) FROM number_marks WHERE tag = ?2 AND "
	    "kind = 'failed' AND at_s >= ?3)";
	struct store	*st = be;
	sqlite3_stmt	*s;
	enum repo_rc	 rc;
	char		 tag[STORE_TAG_HEX + 1];

	*completed = *failed = 0;
	if (store_tag(st, msisdn, tag, sizeof(tag)) == -1 ||
	    (s = store_stmt(st, sql)) == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, tag, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, since_s);
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc;
	*completed = sqlite3_column_int(s, 0);
	*failed = sqlite3_column_int(s, 1);
	sqlite3_reset(s);
	return REPO_OK;
}

/* lapakctl courier. */

enum store_rc
store_courier_add(struct store *st, const char *msisdn, const char *name,
    const char *place, int64_t fee_rp, int64_t now_s)
{
	static const char sql[] = "INSERT INTO couriers (msisdn, name, place, "
	    "fee_rp, created_s) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (msisdn) "
	    "DO UPDATE SET name = ?2, place = ?3, fee_rp = ?4, on_duty = 1, "
	    "removed_s = NULL, created_s = CASE WHEN removed_s IS NULL THEN "
	    "created_s ELSE ?5 END";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, place, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, fee_rp);
	sqlite3_bind_int64(s, 5, now_s);
	return store_run(st, s);
}

enum store_rc
store_courier_remove(struct store *st, const char *msisdn, int64_t now_s)
{
	static const char sql[] = "UPDATE couriers SET removed_s = ?2 WHERE "
	    "msisdn = ?1 AND removed_s IS NULL";
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum store_rc	 src;

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now_s);
	if ((src = store_run(st, s)) != STORE_OK)
		return src;
	return sqlite3_changes(st->db) == 0 ? STORE_NOTFOUND : STORE_OK;
}

enum store_rc
store_courier_list(struct store *st,
    void (*fn)(void *arg, const struct store_courier_row *row), void *arg)
{
	static const char sql[] = "SELECT c.msisdn, c.name, c.place, c.fee_rp, "
	    "c.on_duty, " OPEN_JOBS("c.msisdn") ", c.created_s FROM couriers c "
	    "WHERE c.removed_s IS NULL ORDER BY c.msisdn";
	sqlite3_stmt		*s = store_stmt(st, sql);
	struct store_courier_row r;
	int			 rc;

	if (s == NULL)
		return STORE_ERR;
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		store_col_text(s, 0, r.msisdn, sizeof(r.msisdn));
		store_col_text(s, 1, r.name, sizeof(r.name));
		store_col_text(s, 2, r.place, sizeof(r.place));
		r.fee_rp = sqlite3_column_int64(s, 3);
		r.on_duty = sqlite3_column_int(s, 4) != 0;
		r.jobs = sqlite3_column_int64(s, 5);
		r.created_s = sqlite3_column_int64(s, 6);
		fn(arg, &r);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? STORE_OK : store_rc_of(rc);
}
