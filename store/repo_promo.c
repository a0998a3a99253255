/* Promotions on the SQLite store (programme.md section 6): pauses,
 * subscriptions, broadcasts and their recipients, the digest's reads.
 * Prepared statements only. */
#include <stdio.h>
#include <string.h>

#include "store/repo_promo.h"
#include "store/repo_util.h"
#include "store/store_internal.h"

enum repo_rc
sq_promo_pause(void *be, const char *msisdn, int64_t at_s)
{
	static const char sql[] = "UPDATE numbers SET promo_paused_s = "
	    "NULLIF(?2, 0) WHERE msisdn = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, at_s);
	return repo_run(st, s);
}

enum repo_rc
sq_promo_paused(void *be, const char *msisdn, int64_t *at_s)
{
	static const char sql[] = "SELECT coalesce(promo_paused_s, 0) "
	    "FROM numbers WHERE msisdn = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	*at_s = 0;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	if ((rc = repo_one(st, s)) == REPO_NOTFOUND)
		return REPO_OK;
	if (rc != REPO_OK)
		return rc;
	*at_s = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return REPO_OK;
}

enum repo_rc
sq_sub_add(void *be, const char *msisdn, const char *kind, const char *value,
    const char *label, int64_t now_s, int64_t *id)
{
	static const char sql[] = "INSERT INTO subscriptions(msisdn, kind, "
	    "value, label, created_s, seen_pid) SELECT ?1, ?2, ?3, ?4, ?5, "
	    "(SELECT coalesce(max(id), 0) FROM products) WHERE NOT EXISTS "
	    "(SELECT 1 FROM subscriptions WHERE msisdn = ?1 AND kind = ?2 "
	    "AND value = ?3)";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, value, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, label, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, now_s);
	if ((rc = repo_run(st, s)) != REPO_OK)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return REPO_CONFLICT;
	*id = sqlite3_last_insert_rowid(st->db);
	return REPO_OK;
}

enum repo_rc
sq_sub_count(void *be, const char *msisdn, int *n)
{
	static const char sql[] = "SELECT count(*) FROM subscriptions "
	    "WHERE msisdn = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	*n = 0;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc;
	*n = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return REPO_OK;
}

/* Rows of a subscription query (id, kind, value, label) into out. */
static int
sub_rows(struct store *st, sqlite3_stmt *s, struct sub_line *out, int max)
{
	int	n = 0, rc;

	while (n < max && (rc = store_step(st, s)) == SQLITE_ROW) {
		struct sub_line	*l = &out[n++];

		memset(l, 0, sizeof(*l));
		l->id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, l->kind, sizeof(l->kind));
		store_col_text(s, 2, l->value, sizeof(l->value));
		store_col_text(s, 3, l->label, sizeof(l->label));
	}
	if (n < max && rc != SQLITE_DONE)
		n = -1;
	sqlite3_reset(s);
	return n;
}

enum repo_rc
sq_sub_page(void *be, const char *msisdn, int64_t offset,
    struct sub_line *out, int max, int *n)
{
	static const char sql[] = "SELECT id, kind, value, label FROM "
	    "subscriptions WHERE msisdn = ?1 ORDER BY id LIMIT ?2 OFFSET ?3";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	*n = 0;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, max);
	sqlite3_bind_int64(s, 3, offset);
	if ((*n = sub_rows(st, s, out, max)) < 0) {
		*n = 0;
		return REPO_ERR;
	}
	return REPO_OK;
}

enum repo_rc
sq_sub_drop(void *be, const char *msisdn, int64_t id)
{
	static const char sql[] = "DELETE FROM subscriptions WHERE id = ?1 "
	    "AND msisdn = ?2";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, msisdn, -1, SQLITE_STATIC);
	if ((rc = repo_run(st, s)) != REPO_OK)
		return rc;
	return sqlite3_changes(st->db) > 0 ? REPO_OK : REPO_NOTFOUND;
}

/* lapakctl broadcast: the recipients of each audience, fixed now. A place
 * narrows to that code or under it. */
static const char sql_to_subscribers[] =
    "INSERT OR IGNORE INTO broadcast_to(broadcast_id, msisdn) "
    "SELECT DISTINCT ?1, s.msisdn FROM subscriptions s "
    "LEFT JOIN numbers n ON n.msisdn = s.msisdn "
    "WHERE n.promo_paused_s IS NULL "
    "AND (?2 = '' OR (s.kind = 'place' AND (s.value = ?2 OR "
    "  s.value LIKE ?2 || '.%'))) "
    "AND (?3 = '' OR (s.kind = 'word' AND s.value = lower(?3)))";
static const char sql_to_sellers[] =
    "INSERT OR IGNORE INTO broadcast_to(broadcast_id, msisdn) "
    "SELECT ?1, s.msisdn FROM sellers s "
    "LEFT JOIN numbers n ON n.msisdn = s.msisdn "
    "WHERE n.promo_paused_s IS NULL AND substr(s.msisdn, 1, 1) = '+' "
    "AND (?2 = '' OR s.place = ?2 OR s.place LIKE ?2 || '.%') "
    "AND ?3 = ''";
static const char sql_to_agents[] =
    "INSERT OR IGNORE INTO broadcast_to(broadcast_id, msisdn) "
    "SELECT ?1, a.msisdn FROM agents a "
    "LEFT JOIN numbers n ON n.msisdn = a.msisdn "
    "WHERE n.promo_paused_s IS NULL AND a.removed_s IS NULL "
    "AND (?2 = '' OR a.place = ?2 OR a.place LIKE ?2 || '.%') "
    "AND ?3 = ''";

enum store_rc
store_broadcast_add(struct store *st, const char *audience,
    const char *place, const char *keyword, const char *text, int64_t now_s,
    int64_t *id, int64_t *n)
{
	static const char sql[] = "INSERT INTO broadcasts(audience, place, "
	    "keyword, text, created_s) VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt	*s;
	const char	*to;
	enum store_rc	 rc;

	if (strcmp(audience, "subscribers") == 0)
		to = sql_to_subscribers;
	else if (strcmp(audience, "sellers") == 0)
		to = sql_to_sellers;
	else if (strcmp(audience, "agents") == 0)
		to = sql_to_agents;
	else
		return STORE_ERR;
	if ((s = store_stmt(st, sql)) == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, audience, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, place, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, keyword, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, now_s);
	if ((rc = store_run(st, s)) != STORE_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	if ((s = store_stmt(st, to)) == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, *id);
	sqlite3_bind_text(s, 2, place, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, keyword, -1, SQLITE_STATIC);
	if ((rc = store_run(st, s)) != STORE_OK)
		return rc;
	*n = sqlite3_changes(st->db);
	return STORE_OK;
}

int
store_promo_bcast_next(struct store *st, int64_t after_bid,
    const char *after_msisdn, struct promo_to *out, int max)
{
	static const char sql[] = "SELECT t.broadcast_id, t.msisdn, b.text "
	    "FROM broadcast_to t JOIN broadcasts b ON b.id = t.broadcast_id "
	    "WHERE b.done_s IS NULL AND t.sent_s IS NULL "
	    "AND (t.broadcast_id, t.msisdn) > (?1, ?2) "
	    "ORDER BY t.broadcast_id, t.msisdn LIMIT ?3";
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 n = 0, rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, after_bid);
	sqlite3_bind_text(s, 2, after_msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, max);
	while (n < max && (rc = store_step(st, s)) == SQLITE_ROW) {
		out[n].bid = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, out[n].msisdn, sizeof(out[n].msisdn));
		store_col_text(s, 2, out[n].text, sizeof(out[n].text));
		n++;
	}
	if (n < max && rc != SQLITE_DONE)
		n = -1;
	sqlite3_reset(s);
	return n;
}

enum store_rc
store_promo_bcast_mark(struct store *st, int64_t bid, const char *msisdn,
    int64_t sent_s)
{
	static const char sql[] = "UPDATE broadcast_to SET sent_s = ?3 "
	    "WHERE broadcast_id = ?1 AND msisdn = ?2 AND sent_s IS NULL";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, bid);
	sqlite3_bind_text(s, 2, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, sent_s);
	return store_run(st, s);
}

int
store_promo_bcast_finish(struct store *st, int64_t now_s)
{
	static const char sql[] = "UPDATE broadcasts SET done_s = ?1 "
	    "WHERE done_s IS NULL AND NOT EXISTS (SELECT 1 FROM broadcast_to "
	    "WHERE broadcast_id = broadcasts.id AND sent_s IS NULL)";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, now_s);
	if (store_run(st, s) != STORE_OK)
		return -1;
	return sqlite3_changes(st->db);
}

enum store_rc
store_promo_number(struct store *st, const char *msisdn, bool *paused,
    int64_t *day, char *lang, size_t langsz)
{
	static const char sql[] = "SELECT "
	    "(SELECT promo_paused_s IS NOT NULL FROM numbers WHERE msisdn = ?1),"
	    " (SELECT coalesce(lang, '') FROM numbers WHERE msisdn = ?1),"
	    " (SELECT day FROM promo_sent WHERE msisdn = ?1)";
	sqlite3_stmt	*s = store_stmt(st, sql);

	*paused = false;
	*day = -1;
	lang[0] = '\0';
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	if (store_step(st, s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return STORE_ERR;
	}
	*paused = sqlite3_column_int(s, 0) != 0;
	store_col_text(s, 1, lang, langsz);
	if (sqlite3_column_type(s, 2) != SQLITE_NULL)
		*day = sqlite3_column_int64(s, 2);
	sqlite3_reset(s);
	return STORE_OK;
}

enum store_rc
store_promo_sent(struct store *st, const char *msisdn, int64_t day)
{
	static const char sql[] = "INSERT INTO promo_sent(msisdn, day) "
	    "VALUES (?1, ?2) ON CONFLICT(msisdn) DO UPDATE SET day = ?2";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, day);
	return store_run(st, s);
}

int
store_promo_digest_numbers(struct store *st, const char *after_msisdn,
    char (*out)[MSG_ADDR_MAX], int max)
{
	static const char sql[] = "SELECT DISTINCT msisdn FROM subscriptions "
	    "WHERE msisdn > ?1 ORDER BY msisdn LIMIT ?2";
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 n = 0, rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, after_msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, max);
	while (n < max && (rc = store_step(st, s)) == SQLITE_ROW)
		store_col_text(s, 0, out[n++], MSG_ADDR_MAX);
	if (n < max && rc != SQLITE_DONE)
		n = -1;
	sqlite3_reset(s);
	return n;
}

/* The products a subscription matches past its seen_pid. */
#define DIGEST_MATCH \
    "FROM products p, subscriptions s WHERE s.id = ?1 " \
    "AND p.id > s.seen_pid AND p.active = 1 " \
    "AND ((s.kind = 'place' AND (p.place = s.value OR " \
    "  p.place LIKE s.value || '.%')) " \
    "OR (s.kind = 'word' AND instr(lower(p.name), s.value) > 0))"

int
store_promo_digest_items(struct store *st, int64_t sid,
    struct promo_item *out, int max, int64_t *top)
{
	static const char sql[] = "SELECT p.id, p.name, p.price_rp, p.unit "
	    DIGEST_MATCH " ORDER BY p.id LIMIT ?2";
	static const char sql_top[] = "SELECT max(p.id) " DIGEST_MATCH;
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 n = 0, rc;

	*top = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, sid);
	sqlite3_bind_int(s, 2, max);
	while (n < max && (rc = store_step(st, s)) == SQLITE_ROW) {
		out[n].pid = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, out[n].name, sizeof(out[n].name));
		out[n].price_rp = sqlite3_column_int64(s, 2);
		store_col_text(s, 3, out[n].unit, sizeof(out[n].unit));
		n++;
	}
	if (n < max && rc != SQLITE_DONE)
		n = -1;
	sqlite3_reset(s);
	if (n <= 0)
		return n;
	if ((s = store_stmt(st, sql_top)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, sid);
	if (store_step(st, s) == SQLITE_ROW)
		*top = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

int
store_promo_subs(struct store *st, const char *msisdn, struct sub_line *out,
    int max)
{
	static const char sql[] = "SELECT id, kind, value, label FROM "
	    "subscriptions WHERE msisdn = ?1 ORDER BY id LIMIT ?2";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, max);
	return sub_rows(st, s, out, max);
}

enum store_rc
store_promo_seen(struct store *st, int64_t sid, int64_t top)
{
	static const char sql[] = "UPDATE subscriptions SET seen_pid = ?2 "
	    "WHERE id = ?1 AND seen_pid < ?2";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, sid);
	sqlite3_bind_int64(s, 2, top);
	return store_run(st, s);
}

static int64_t
count_of(struct store *st, const char *sql)
{
	sqlite3_stmt	*s = store_stmt(st, sql);
	int64_t		 n = -1;

	if (s == NULL)
		return -1;
	if (store_step(st, s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

int64_t
store_promo_lane_queued(struct store *st)
{
	return count_of(st, "SELECT count(*) FROM outbox INDEXED BY "
	    "outbox_queued WHERE state = 0 AND lane = 1");
}

int64_t
store_promo_bcast_waiting(struct store *st)
{
	return count_of(st, "SELECT count(*) FROM broadcast_to "
	    "INDEXED BY broadcast_to_unsent WHERE sent_s IS NULL");
}
