/* Assistants on the SQLite store: enrolment, links, consent requests and
 * actions on behalf (programme.md section 2), prepared statements only. */
#include <stdio.h>
#include <string.h>

#include "store/repo_agent.h"
#include "store/repo_util.h"
#include "store/store_internal.h"
#include "store/tag.h"

enum repo_rc
sq_agent_get(void *be, const char *msisdn, struct agent *out)
{
	static const char sql[] = "SELECT name, coalesce(pin_hash, ''), "
	    "pin_fails, pin_locked_until FROM agents WHERE msisdn = ?1 "
	    "AND removed_s IS NULL";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	char		 num[sizeof(out->msisdn)];
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc;
	/* msisdn may be out->msisdn itself: copy it before clearing out. */
	snprintf(num, sizeof(num), "%s", msisdn);
	memset(out, 0, sizeof(*out));
	snprintf(out->msisdn, sizeof(out->msisdn), "%s", num);
	store_col_text(s, 0, out->name, sizeof(out->name));
	store_col_text(s, 1, out->pin_hash, sizeof(out->pin_hash));
	out->pin_fails = sqlite3_column_int(s, 2);
	out->pin_locked_until = sqlite3_column_int64(s, 3);
	sqlite3_reset(s);
	return REPO_OK;
}

enum repo_rc
sq_agent_set_pin(void *be, const char *msisdn, const char *hash)
{
	static const char sql[] = "UPDATE agents SET pin_hash = ?2, "
	    "pin_fails = 0, pin_locked_until = 0 WHERE msisdn = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, hash, -1, SQLITE_TRANSIENT);
	return repo_run(st, s);
}

enum repo_rc
sq_agent_pin_fails(void *be, const char *msisdn, int fails,
    int64_t locked_until)
{
	static const char sql[] = "UPDATE agents SET pin_fails = ?2, "
	    "pin_locked_until = ?3 WHERE msisdn = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, fails);
	sqlite3_bind_int64(s, 3, locked_until);
	return repo_run(st, s);
}

enum repo_rc
sq_link_get(void *be, const char *agent, const char *seller)
{
	static const char sql[] = "SELECT 1 FROM agent_links WHERE agent = ?1 "
	    "AND seller = ?2 AND ended_s IS NULL";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, agent, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, seller, -1, SQLITE_STATIC);
	if ((rc = repo_one(st, s)) == REPO_OK)
		sqlite3_reset(s);
	return rc;
}

enum repo_rc
sq_link_add(void *be, const char *agent, const char *seller, int64_t now_s)
{
	static const char sql[] = "INSERT INTO agent_links (agent, seller, "
	    "created_s) VALUES (?1, ?2, ?3)";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, agent, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, seller, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, now_s);
	return repo_run(st, s);
}

enum repo_rc
sq_link_end(void *be, const char *agent, const char *seller, const char *by,
    int64_t now_s)
{
	static const char sql[] = "UPDATE agent_links SET ended_s = ?3, "
	    "ended_by = ?4 WHERE agent = ?1 AND seller = ?2 AND ended_s IS NULL";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, agent, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, seller, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, now_s);
	sqlite3_bind_text(s, 4, by, -1, SQLITE_STATIC);
	if ((rc = repo_run(st, s)) != REPO_OK)
		return rc;
	return sqlite3_changes(st->db) > 0 ? REPO_OK : REPO_NOTFOUND;
}

enum repo_rc
sq_consent_counts(void *be, const char *agent, const char *msisdn,
    int64_t day_start_s, int64_t now_s, int64_t refused_since_s,
    struct consent_counts *out)
{
	/* issue 13, privacy: an erasure keeps the asked number's rows under
	 * "t" + store_tag() (?6), so its limits outlive it. */
	static const char sql[] = "SELECT "
	    "(SELECT count(*) FROM consent_requests WHERE agent = ?1 AND "
	    "  created_s >= ?3), "
	    "(SELECT count(*) FROM consent_requests WHERE agent = ?1 AND "
	    "  msisdn IN (?2, ?6) AND created_s > ?4 - 86400), "
	    "(SELECT count(DISTINCT agent) FROM consent_requests WHERE "
	    "  msisdn IN (?2, ?6) AND agent <> ?1 AND created_s >= ?3), "
	    "(SELECT count(*) FROM consent_requests WHERE agent = ?1 AND "
	    "  msisdn IN (?2, ?6) AND state = 'refused' AND answered_s > ?5)";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;
	char		 tag[STORE_TAG_HEX + 2];

	if (s == NULL)
		return REPO_ERR;
	tag[0] = 't';
	if (store_tag(st, msisdn, tag + 1, sizeof(tag) - 1) == -1)
		return REPO_ERR;
	sqlite3_bind_text(s, 6, tag, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 1, agent, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, day_start_s);
	sqlite3_bind_int64(s, 4, now_s);
	sqlite3_bind_int64(s, 5, refused_since_s);
	/* An aggregate always has its row. */
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc == REPO_NOTFOUND ? REPO_ERR : rc;
	out->agent_day = sqlite3_column_int(s, 0);
	out->pair_24h = sqlite3_column_int(s, 1);
	out->number_agents_day = sqlite3_column_int(s, 2);
	out->refused_30d = sqlite3_column_int(s, 3);
	sqlite3_reset(s);
	return REPO_OK;
}

enum repo_rc
sq_consent_add(void *be, const char *agent, const char *msisdn,
    const unsigned char *sealed, size_t sealed_len, int64_t now_s,
    int64_t expires_s)
{
	static const char sql[] = "INSERT INTO consent_requests (agent, msisdn, "
	    "code_hash, state, created_s, expires_s) VALUES (?1, ?2, ?3, "
	    "'pending', ?4, ?5)";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, agent, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_blob(s, 3, sealed, (int)sealed_len, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, now_s);
	sqlite3_bind_int64(s, 5, expires_s);
	return repo_run(st, s);
}

enum repo_rc
sq_consent_pending(void *be, const char *msisdn, int64_t now_s,
    struct consent_pending *out, int max, int *n)
{
	static const char sql[] = "SELECT id, agent, attempts, code_hash FROM "
	    "consent_requests WHERE msisdn = ?1 AND state = 'pending' AND "
	    "expires_s > ?2 ORDER BY id LIMIT ?3";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc;

	*n = 0;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now_s);
	sqlite3_bind_int(s, 3, max);
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		struct consent_pending	*p = &out[(*n)++];
		int			 len = sqlite3_column_bytes(s, 3);

		p->id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, p->agent, sizeof(p->agent));
		p->attempts = sqlite3_column_int(s, 2);
		p->sealed_len = 0;
		if (len > 0 && len <= REPO_CODE_BLOB) {
			memcpy(p->sealed, sqlite3_column_blob(s, 3), (size_t)len);
			p->sealed_len = (size_t)len;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? REPO_OK : repo_rc_of(rc);
}

enum repo_rc
sq_consent_set(void *be, int64_t id, const char *state, int attempts,
    int64_t now_s)
{
	static const char sql[] = "UPDATE consent_requests SET attempts = ?3, "
	    "state = ?2, "
	    "code_hash = CASE WHEN ?2 = 'pending' THEN code_hash END, "
	    "answered_s = CASE WHEN ?2 = 'pending' THEN answered_s ELSE ?4 END "
	    "WHERE id = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, state, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, attempts);
	sqlite3_bind_int64(s, 4, now_s);
	return repo_run(st, s);
}

enum repo_rc
sq_agent_sellers(void *be, const char *agent, int64_t month_start_s,
    int64_t offset, struct agent_seller_line *out, int max, int *n,
    int64_t *total)
{
	static const char qn[] = "SELECT count(*) FROM agent_links WHERE "
	    "agent = ?1 AND ended_s IS NULL";
	static const char sql[] = "SELECT l.seller, coalesce(s.shop, ''), "
	    "(SELECT count(*) FROM products p WHERE p.seller_id = s.id AND "
	    "  p.active), "
	    "(SELECT count(*) FROM orders o WHERE o.seller_id = s.id AND "
	    "  o.state = 'delivered' AND o.delivered_at >= ?2) "
	    "FROM agent_links l LEFT JOIN sellers s ON s.msisdn = l.seller "
	    "WHERE l.agent = ?1 AND l.ended_s IS NULL ORDER BY l.id "
	    "LIMIT ?4 OFFSET ?3";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, qn);
	int		 rc;

	*n = 0;
	*total = 0;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, agent, -1, SQLITE_STATIC);
	if ((rc = store_step(st, s)) == SQLITE_ROW)
		*total = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return repo_rc_of(rc == SQLITE_DONE ? SQLITE_ERROR : rc);
	if ((s = store_stmt(st, sql)) == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, agent, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, month_start_s);
	sqlite3_bind_int64(s, 3, offset);
	sqlite3_bind_int(s, 4, max);
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		struct agent_seller_line	*l = &out[(*n)++];

		store_col_text(s, 0, l->seller, sizeof(l->seller));
		store_col_text(s, 1, l->shop, sizeof(l->shop));
		l->products = sqlite3_column_int64(s, 2);
		l->completed = sqlite3_column_int64(s, 3);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? REPO_OK : repo_rc_of(rc);
}

enum repo_rc
sq_agent_action_add(void *be, const char *agent, const char *seller,
    const char *verb, int64_t now_s)
{
	static const char sql[] = "INSERT INTO agent_actions (agent, seller, "
	    "verb, at_s) VALUES (?1, ?2, ?3, ?4)";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, agent, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, seller, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, verb, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, now_s);
	return repo_run(st, s);
}

enum repo_rc
sq_audit_via(void *be, const char *via)
{
	struct store	*st = be;

	snprintf(st->audit_via, sizeof(st->audit_via), "%s",
	    via != NULL ? via : "");
	return REPO_OK;
}

/* lapakctl agent. */

enum store_rc
store_agent_add(struct store *st, const char *msisdn, const char *name,
    const char *place, int64_t now_s)
{
	static const char sql[] = "INSERT INTO agents (msisdn, name, place, "
	    "created_s) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (msisdn) DO UPDATE "
	    "SET name = ?2, place = ?3, removed_s = NULL, created_s = "
	    "CASE WHEN removed_s IS NULL THEN created_s ELSE ?4 END";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, place, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, now_s);
	return store_run(st, s);
}

enum store_rc
store_agent_remove(struct store *st, const char *msisdn, int64_t now_s,
    void (*fn)(void *arg, const char *seller), void *arg)
{
	static const char qr[] = "UPDATE agents SET removed_s = ?2 WHERE "
	    "msisdn = ?1 AND removed_s IS NULL";
	static const char ql[] = "UPDATE agent_links SET ended_s = ?2, "
	    "ended_by = 'operator' WHERE agent = ?1 AND ended_s IS NULL "
	    "RETURNING seller";
	static const char qc[] = "UPDATE consent_requests SET state = 'void', "
	    "code_hash = NULL, answered_s = ?2 WHERE agent = ?1 AND "
	    "state = 'pending'";
	sqlite3_stmt	*s = store_stmt(st, qr);
	char		 seller[16];
	enum store_rc	 src;
	int		 rc;

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now_s);
	if ((src = store_run(st, s)) != STORE_OK)
		return src;
	if (sqlite3_changes(st->db) == 0)
		return STORE_NOTFOUND;
	/* Its pending consent requests die with it. */
	if ((s = store_stmt(st, qc)) == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now_s);
	if ((src = store_run(st, s)) != STORE_OK)
		return src;
	if ((s = store_stmt(st, ql)) == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now_s);
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		store_col_text(s, 0, seller, sizeof(seller));
		fn(arg, seller);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? STORE_OK : store_rc_of(rc);
}

enum store_rc
store_agent_list(struct store *st,
    void (*fn)(void *arg, const struct store_agent_row *row), void *arg)
{
	static const char sql[] = "SELECT a.msisdn, a.name, a.place, "
	    "a.created_s, (SELECT count(*) FROM agent_links l WHERE "
	    "l.agent = a.msisdn AND l.ended_s IS NULL) FROM agents a "
	    "WHERE a.removed_s IS NULL ORDER BY a.msisdn";
	sqlite3_stmt		*s = store_stmt(st, sql);
	struct store_agent_row	 r;
	int			 rc;

	if (s == NULL)
		return STORE_ERR;
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		store_col_text(s, 0, r.msisdn, sizeof(r.msisdn));
		store_col_text(s, 1, r.name, sizeof(r.name));
		store_col_text(s, 2, r.place, sizeof(r.place));
		r.created_s = sqlite3_column_int64(s, 3);
		r.sellers = sqlite3_column_int64(s, 4);
		fn(arg, &r);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? STORE_OK : store_rc_of(rc);
}
