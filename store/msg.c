/* The durable message flow on SQLite: inbox, outbox, concatenation parts,
 * repeat window, routes and rate limits. Every statement is static SQL,
 * prepared once through store_stmt() and bound. */
#include <stdio.h>
#include <string.h>

#include "store/msg.h"
#include "store/store_internal.h"

#define TXT(s, i, v) sqlite3_bind_text((s), (i), (v), -1, SQLITE_STATIC)

static const char sql_inbox_add[] =
    "INSERT INTO inbox(link, src, dst, text, kind, received_ms, repeat_of,"
    " state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULLIF(?7, 0), 1)";

enum store_rc
msg_inbox_add(struct store *st, const struct msg_in *m, int64_t repeat_of,
    int64_t *id)
{
	sqlite3_stmt	*s = store_stmt(st, sql_inbox_add);
	enum store_rc	 rc;

	if (s == NULL)
		return STORE_ERR;
	TXT(s, 1, m->link);
	TXT(s, 2, m->src);
	TXT(s, 3, m->dst);
	TXT(s, 4, m->text);
	sqlite3_bind_int(s, 5, m->kind);
	sqlite3_bind_int64(s, 6, m->received_ms);
	sqlite3_bind_int64(s, 7, repeat_of);
	rc = store_run(st, s);
	if (rc == STORE_OK && id != NULL)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

enum store_rc
msg_inbox_pending(struct store *st, int64_t id)
{
	static const char sql[] = "UPDATE inbox SET state = 0 WHERE id = ?1";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	return store_run(st, s);
}

int
msg_inbox_done(struct store *st, int64_t id, const char *src)
{
	static const char sql[] = "UPDATE inbox SET state = 1 WHERE id = ?1 "
	    "AND state = 0 AND src = ?2";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	TXT(s, 2, src);
	if (store_run(st, s) != STORE_OK)
		return -1;
	return sqlite3_changes(st->db) == 1;
}

int
msg_inbox_pending_next(struct store *st, int64_t after_id, int64_t *id,
    char *src, size_t srclen, char *text, size_t textlen)
{
	static const char sql[] = "SELECT id, src, text FROM inbox "
	    "INDEXED BY inbox_state WHERE state = 0 AND id > ?1 "
	    "ORDER BY id LIMIT 1";
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, after_id);
	if ((rc = store_step(st, s)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, src, srclen);
		store_col_text(s, 2, text, textlen);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static const char sql_outbox_add[] =
    "INSERT INTO outbox(inbox_id, link, dst, text, kind, ussd_op, ussd_sid,"
    " ussd_seq, created_ms, expires_ms, next_try_ms, lane)"
    " VALUES (NULLIF(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11)";

enum store_rc
msg_outbox_add(struct store *st, int64_t inbox_id, struct msg_out *o,
    int64_t now_ms, int validity_s)
{
	sqlite3_stmt	*s = store_stmt(st, sql_outbox_add);
	enum store_rc	 rc;

	if (s == NULL)
		return STORE_ERR;
	o->expires_ms = now_ms + (int64_t)validity_s * 1000;
	sqlite3_bind_int64(s, 1, inbox_id);
	TXT(s, 2, o->link);
	TXT(s, 3, o->dst);
	TXT(s, 4, o->text);
	sqlite3_bind_int(s, 5, o->kind);
	sqlite3_bind_int(s, 6, o->ussd_op);
	sqlite3_bind_int(s, 7, o->ussd_sid);
	sqlite3_bind_int(s, 8, o->ussd_seq);
	sqlite3_bind_int64(s, 9, now_ms);
	sqlite3_bind_int64(s, 10, o->expires_ms);
	sqlite3_bind_int(s, 11, o->lane);
	rc = store_run(st, s);
	if (rc == STORE_OK)
		o->id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

static const char sql_outbox_due[] =
    "SELECT id, dst, text, kind, ussd_op, ussd_sid, ussd_seq, tries,"
    " expires_ms FROM outbox WHERE state = 0 AND link = ?1"
    " AND next_try_ms <= ?2 AND id > ?3 AND id <= ?5 AND lane = ?6"
    " ORDER BY id LIMIT ?4";
/* The same from the start (the pump's rescan, every second): by rowid the
 * planner walked every settled row ever sent before the first queued one,
 * a cost growing with the outbox's history; the partial index holds only
 * queued rows. */
static const char sql_outbox_due_all[] =
    "SELECT id, dst, text, kind, ussd_op, ussd_sid, ussd_seq, tries,"
    " expires_ms FROM outbox INDEXED BY outbox_queued WHERE state = 0"
    " AND link = ?1 AND next_try_ms <= ?2 AND id > ?3 AND id <= ?5"
    " AND lane = ?6 ORDER BY id LIMIT ?4";

int
msg_outbox_due(struct store *st, const char *link, int64_t now_ms,
    int64_t after_id, int64_t upto_id, struct msg_out *out, int max)
{
	return msg_outbox_due_lane(st, link, 0, now_ms, after_id, upto_id,
	    out, max);
}

int
msg_outbox_due_lane(struct store *st, const char *link, int lane,
    int64_t now_ms, int64_t after_id, int64_t upto_id, struct msg_out *out,
    int max)
{
	sqlite3_stmt	*s = store_stmt(st, after_id > 0 ? sql_outbox_due :
			    sql_outbox_due_all);
	int		 n = 0, rc;

	if (s == NULL)
		return -1;
	TXT(s, 1, link);
	sqlite3_bind_int64(s, 2, now_ms);
	sqlite3_bind_int64(s, 3, after_id);
	sqlite3_bind_int(s, 4, max);
	sqlite3_bind_int64(s, 5, upto_id);
	sqlite3_bind_int(s, 6, lane);
	while (n < max && (rc = store_step(st, s)) == SQLITE_ROW) {
		struct msg_out *o = &out[n++];

		o->id = sqlite3_column_int64(s, 0);
		o->lane = lane;
		snprintf(o->link, sizeof(o->link), "%s", link);
		store_col_text(s, 1, o->dst, sizeof(o->dst));
		store_col_text(s, 2, o->text, sizeof(o->text));
		o->kind = sqlite3_column_int(s, 3);
		o->ussd_op = sqlite3_column_int(s, 4);
		o->ussd_sid = sqlite3_column_int(s, 5);
		o->ussd_seq = sqlite3_column_int(s, 6);
		o->tries = sqlite3_column_int(s, 7);
		o->expires_ms = sqlite3_column_int64(s, 8);
	}
	if (n < max && rc != SQLITE_DONE) {
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return n;
}

static const char sql_part_add[] =
    "INSERT OR REPLACE INTO outbox_part(message_id, outbox_id) VALUES (?1, ?2)";
static const char sql_outbox_submitted[] =
    "UPDATE outbox SET state = 1, message_id = COALESCE(message_id, ?2),"
    " done_ms = ?3, acked = acked + 1 WHERE id = ?1 AND state = 0";
static const char sql_outbox_acked[] =
    "UPDATE outbox SET message_id = COALESCE(message_id, ?2),"
    " acked = acked + 1 WHERE id = ?1";

enum store_rc
msg_outbox_part_ok(struct store *st, int64_t id, const char *message_id,
    bool last, int64_t now_ms)
{
	sqlite3_stmt	*s;
	enum store_rc	 rc;

	if (message_id != NULL && message_id[0] != '\0') {
		if ((s = store_stmt(st, sql_part_add)) == NULL)
			return STORE_ERR;
		TXT(s, 1, message_id);
		sqlite3_bind_int64(s, 2, id);
		if ((rc = store_run(st, s)) != STORE_OK)
			return rc;
	}
	s = store_stmt(st, last ? sql_outbox_submitted : sql_outbox_acked);
	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	if (message_id != NULL && message_id[0] != '\0')
		TXT(s, 2, message_id);
	else
		sqlite3_bind_null(s, 2);
	if (last)
		sqlite3_bind_int64(s, 3, now_ms);
	return store_run(st, s);
}

static const char sql_outbox_retry[] =
    "UPDATE outbox SET tries = tries + 1, last_status = ?2,"
    " next_try_ms = ?3, state = CASE WHEN tries + 1 > ?4 THEN 3 ELSE 0 END,"
    " done_ms = CASE WHEN tries + 1 > ?4 THEN ?3 ELSE NULL END"
    " WHERE id = ?1 RETURNING state";

enum store_rc
msg_outbox_retry(struct store *st, int64_t id, uint32_t status,
    int64_t next_try_ms, int retry_max, enum msg_state *state)
{
	sqlite3_stmt	*s = store_stmt(st, sql_outbox_retry);
	int		 rc;

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, status);
	sqlite3_bind_int64(s, 3, next_try_ms);
	sqlite3_bind_int(s, 4, retry_max);
	rc = store_step(st, s);
	if (rc == SQLITE_ROW) {
		if (state != NULL)
			*state = (enum msg_state)sqlite3_column_int(s, 0);
		rc = store_step(st, s);
	} else if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		return STORE_NOTFOUND;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? STORE_OK : store_rc_of(rc);
}

static const char sql_outbox_fail[] =
    "UPDATE outbox SET state = 3, last_status = ?2, done_ms = ?3"
    " WHERE id = ?1";

enum store_rc
msg_outbox_fail(struct store *st, int64_t id, uint32_t status, int64_t now_ms)
{
	sqlite3_stmt	*s = store_stmt(st, sql_outbox_fail);

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, status);
	sqlite3_bind_int64(s, 3, now_ms);
	return store_run(st, s);
}

static const char sql_outbox_receipt[] =
    "UPDATE outbox SET state = ?2, done_ms = ?3 WHERE id ="
    " (SELECT outbox_id FROM outbox_part WHERE message_id = ?1)"
    " AND state IN (0, 1, 2)";

enum store_rc
msg_outbox_receipt(struct store *st, const char *message_id, bool delivered,
    int64_t now_ms)
{
	sqlite3_stmt	*s = store_stmt(st, sql_outbox_receipt);
	enum store_rc	 rc;

	if (s == NULL)
		return STORE_ERR;
	TXT(s, 1, message_id);
	sqlite3_bind_int(s, 2, delivered ? MSG_DELIVERED : MSG_FAILED);
	sqlite3_bind_int64(s, 3, now_ms);
	if ((rc = store_run(st, s)) != STORE_OK)
		return rc;
	return sqlite3_changes(st->db) > 0 ? STORE_OK : STORE_NOTFOUND;
}

static const char sql_outbox_expire[] =
    "UPDATE outbox SET state = 4, done_ms = ?1"
    " WHERE state = 0 AND expires_ms < ?1";

int
msg_outbox_expire(struct store *st, int64_t now_ms)
{
	sqlite3_stmt	*s = store_stmt(st, sql_outbox_expire);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, now_ms);
	if (store_run(st, s) != STORE_OK)
		return -1;
	return sqlite3_changes(st->db);
}

static int64_t
count_one(struct store *st, const char *sql, int state)
{
	sqlite3_stmt	*s = store_stmt(st, sql);
	int64_t		 n = -1;

	if (s == NULL)
		return -1;
	if (state >= 0)
		sqlite3_bind_int(s, 1, state);
	if (store_step(st, s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

int64_t
msg_outbox_last_id(struct store *st)
{
	static const char sql[] = "SELECT coalesce(max(id), 0) FROM outbox";

	return count_one(st, sql, -1);
}

int64_t
msg_outbox_count(struct store *st, enum msg_state state)
{
	static const char sql[] = "SELECT count(*) FROM outbox WHERE state = ?1";

	return count_one(st, sql, (int)state);
}

int64_t
msg_inbox_count(struct store *st)
{
	static const char sql[] = "SELECT count(*) FROM inbox";

	return count_one(st, sql, -1);
}

static const char sql_concat_add[] =
    "INSERT OR IGNORE INTO concat_part(link, src, ref, total, seq, text,"
    " received_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_concat_parts[] =
    "SELECT seq, text FROM concat_part WHERE link = ?1 AND src = ?2"
    " AND ref = ?3 AND total = ?4 ORDER BY seq";
static const char sql_concat_del[] =
    "DELETE FROM concat_part WHERE link = ?1 AND src = ?2 AND ref = ?3"
    " AND total = ?4";

static void
bind_set(sqlite3_stmt *s, const char *link, const char *src, int ref,
    int total)
{
	TXT(s, 1, link);
	TXT(s, 2, src);
	sqlite3_bind_int(s, 3, ref);
	sqlite3_bind_int(s, 4, total);
}

/* Joins the stored parts of a set in order; returns how many there were. */
static int
concat_join(struct store *st, const char *link, const char *src, int ref,
    int total, char *full, size_t fullsz)
{
	sqlite3_stmt	*s = store_stmt(st, sql_concat_parts);
	int		 n = 0, expect = 1, rc;
	size_t		 used = 0;

	if (s == NULL)
		return -1;
	bind_set(s, link, src, ref, total);
	full[0] = '\0';
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		const char	*t = (const char *)sqlite3_column_text(s, 1);
		int		 seq = sqlite3_column_int(s, 0);

		if (seq != expect && used < fullsz)
			used += (size_t)snprintf(full + used, fullsz - used, "...");
		if (used < fullsz)
			used += (size_t)snprintf(full + used, fullsz - used, "%s",
			    t ? t : "");
		expect = seq + 1;
		n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return -1;
	if (used >= fullsz)
		full[fullsz - 1] = '\0';
	return n;
}

int
msg_concat_add(struct store *st, const char *link, const char *src, int ref,
    int total, int seq, const char *text, int64_t now_ms, char *full,
    size_t fullsz)
{
	sqlite3_stmt	*s = store_stmt(st, sql_concat_add);
	int		 n;

	if (s == NULL)
		return -1;
	bind_set(s, link, src, ref, total);
	sqlite3_bind_int(s, 5, seq);
	TXT(s, 6, text);
	sqlite3_bind_int64(s, 7, now_ms);
	if (store_run(st, s) != STORE_OK)
		return -1;
	if ((n = concat_join(st, link, src, ref, total, full, fullsz)) < 0)
		return -1;
	if (n < total)
		return 0;
	if ((s = store_stmt(st, sql_concat_del)) == NULL)
		return -1;
	bind_set(s, link, src, ref, total);
	return store_run(st, s) == STORE_OK ? 1 : -1;
}

static const char sql_concat_stale[] =
    "SELECT link, src, ref, total, min(received_ms) AS first"
    " FROM concat_part GROUP BY link, src, ref, total"
    " HAVING first < ?1 LIMIT 1";

int
msg_concat_take_stale(struct store *st, int64_t before_ms, struct msg_in *m)
{
	sqlite3_stmt	*s = store_stmt(st, sql_concat_stale);
	int		 ref, total, rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, before_ms);
	rc = store_step(st, s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc == SQLITE_DONE ? 0 : -1;
	}
	memset(m, 0, sizeof(*m));
	store_col_text(s, 0, m->link, sizeof(m->link));
	store_col_text(s, 1, m->src, sizeof(m->src));
	ref = sqlite3_column_int(s, 2);
	total = sqlite3_column_int(s, 3);
	m->received_ms = sqlite3_column_int64(s, 4);
	sqlite3_reset(s);
	if (concat_join(st, m->link, m->src, ref, total, m->text,
	    sizeof(m->text)) < 0)
		return -1;
	if ((s = store_stmt(st, sql_concat_del)) == NULL)
		return -1;
	bind_set(s, m->link, m->src, ref, total);
	return store_run(st, s) == STORE_OK ? 1 : -1;
}

/* The repeat window, one row per number (schema v7). The hit is worked
 * out in the statement so that the reply is read only on a hit. */
static const char sql_recent_find[] =
    "SELECT r.command = ?2 AND r.at_ms >= ?3, r.inbox_id, o.text, r.earlier"
    " FROM recent r LEFT JOIN outbox o"
    " ON o.id = r.reply_id AND r.command = ?2 AND r.at_ms >= ?3"
    " WHERE r.src = ?1";
static const char sql_recent_reply[] = "SELECT text FROM outbox WHERE id = ?1";
/* The command that was most recent moves to the front of earlier, unless
 * it is older than the window (then earlier starts afresh) or was a
 * refusal (hash NULL); earlier is cut to RECENT_EARLIER_MAX characters,
 * a cut entry (no ';') being ignored when read. */
#define RECENT_EARLIER_MAX	"240"
static const char sql_recent_put[] =
    "INSERT INTO recent(src, command, hash, at_ms, inbox_id, reply_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, NULLIF(?6, 0))"
    " ON CONFLICT(src) DO UPDATE SET"
    " earlier = CASE WHEN recent.at_ms < ?7 THEN ''"
    "  WHEN recent.hash IS NULL THEN recent.earlier"
    "  ELSE substr(printf('%d %d %d %d;', recent.hash, recent.at_ms,"
    "  recent.inbox_id, coalesce(recent.reply_id, 0)) || recent.earlier, 1, "
    RECENT_EARLIER_MAX ") END,"
    " command = excluded.command, hash = excluded.hash,"
    " at_ms = excluded.at_ms, inbox_id = excluded.inbox_id,"
    " reply_id = excluded.reply_id";
static const char sql_recent_prune[] = "DELETE FROM recent WHERE at_ms < ?1";

/* FNV-1a, 64 bits: tells a number's few earlier commands apart. */
int64_t
msg_recent_hash(const char *command)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	for (; *command != '\0'; command++) {
		h ^= (unsigned char)*command;
		h *= 0x100000001b3ULL;
	}
	return (int64_t)h;
}

/* Looks for hash among the entries of earlier received in
 * [since_ms, bound_ms); on a hit sets *inbox_id and *reply_id. */
static bool
recent_earlier(const char *earlier, int64_t hash, int64_t since_ms,
    int64_t bound_ms, int64_t *inbox_id, int64_t *reply_id)
{
	const char	*p = earlier, *semi;
	long long	 h, at, mo, rep;

	while ((semi = strchr(p, ';')) != NULL) {
		if (sscanf(p, "%lld %lld %lld %lld", &h, &at, &mo, &rep) == 4 &&
		    h == hash && at >= since_ms && at < bound_ms) {
			*inbox_id = mo;
			*reply_id = rep;
			return true;
		}
		p = semi + 1;
	}
	return false;
}

bool
msg_recent_find(struct store *st, const char *src, const char *command,
    int64_t since_ms, int64_t bound_ms, char *reply, size_t replysz,
    int64_t *inbox_id)
{
	sqlite3_stmt	*s = store_stmt(st, sql_recent_find);
	char		 earlier[256];
	int64_t		 mo = 0, rep = 0;
	bool		 found = false;

	if (s == NULL || command[0] == '\0')
		return false;
	earlier[0] = '\0';
	TXT(s, 1, src);
	TXT(s, 2, command);
	sqlite3_bind_int64(s, 3, since_ms);
	if (store_step(st, s) == SQLITE_ROW) {
		if (sqlite3_column_int(s, 0)) {
			mo = sqlite3_column_int64(s, 1);
			store_col_text(s, 2, reply, replysz);
			found = true;
		} else if (bound_ms > since_ms)
			store_col_text(s, 3, earlier, sizeof(earlier));
	}
	sqlite3_reset(s);
	/* Only after a (re)bind, and rarely: an SMSC redelivering an MO
	 * whose ack it never got, after later ones were handled. */
	if (!found && earlier[0] != '\0' && recent_earlier(earlier,
	    msg_recent_hash(command), since_ms, bound_ms, &mo, &rep)) {
		found = true;
		reply[0] = '\0';
		if (rep != 0 && (s = store_stmt(st, sql_recent_reply)) != NULL) {
			sqlite3_bind_int64(s, 1, rep);
			if (store_step(st, s) == SQLITE_ROW)
				store_col_text(s, 0, reply, replysz);
			sqlite3_reset(s);
		}
	}
	if (found && inbox_id != NULL)
		*inbox_id = mo;
	return found;
}

enum store_rc
msg_recent_put(struct store *st, const char *src, const char *command,
    int64_t now_ms, int64_t since_ms, int64_t inbox_id, int64_t reply_id)
{
	sqlite3_stmt	*s = store_stmt(st, sql_recent_put);

	if (s == NULL)
		return STORE_ERR;
	TXT(s, 1, src);
	TXT(s, 2, command);
	if (command[0] != '\0')
		sqlite3_bind_int64(s, 3, msg_recent_hash(command));
	else
		sqlite3_bind_null(s, 3);
	sqlite3_bind_int64(s, 4, now_ms);
	sqlite3_bind_int64(s, 5, inbox_id);
	sqlite3_bind_int64(s, 6, reply_id);
	sqlite3_bind_int64(s, 7, since_ms);
	return store_run(st, s);
}

enum store_rc
msg_recent_prune(struct store *st, int64_t before_ms)
{
	sqlite3_stmt	*s = store_stmt(st, sql_recent_prune);
	enum store_rc	 rc;

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, before_ms);
	if ((rc = store_run(st, s)) != STORE_OK)
		return rc;
	if (st->tagged_n > 0 && sqlite3_changes(st->db) > 0)
		st->tagged_known = false;	/* privacy.c counts again */
	return STORE_OK;
}

static const char sql_route_set[] =
    "INSERT INTO route(msisdn, link) VALUES (?1, ?2)"
    " ON CONFLICT(msisdn) DO UPDATE SET link = excluded.link"
    " WHERE link <> excluded.link";
static const char sql_route_get[] = "SELECT link FROM route WHERE msisdn = ?1";

enum store_rc
msg_route_set(struct store *st, const char *msisdn, const char *link)
{
	sqlite3_stmt	*s = store_stmt(st, sql_route_set);

	if (s == NULL)
		return STORE_ERR;
	TXT(s, 1, msisdn);
	TXT(s, 2, link);
	return store_run(st, s);
}

bool
msg_route_get(struct store *st, const char *msisdn, char *link, size_t linksz)
{
	sqlite3_stmt	*s = store_stmt(st, sql_route_get);
	bool		 found = false;

	if (s == NULL)
		return false;
	TXT(s, 1, msisdn);
	if (store_step(st, s) == SQLITE_ROW) {
		store_col_text(s, 0, link, linksz);
		found = true;
	}
	sqlite3_reset(s);
	return found;
}

static const char sql_rate_get[] =
    "SELECT tokens, at_ms, noticed FROM ratelimit WHERE msisdn = ?1";
static const char sql_rate_put[] =
    "INSERT OR REPLACE INTO ratelimit(msisdn, tokens, at_ms, noticed)"
    " VALUES (?1, ?2, ?3, ?4)";

enum msg_rate
msg_rate_take(struct store *st, const char *msisdn, int64_t now_ms,
    int per_minute)
{
	sqlite3_stmt	*s;
	double		 tokens = per_minute, rate = per_minute / 60000.0;
	int		 noticed = 0;
	enum msg_rate	 out;

	if (per_minute <= 0 || (s = store_stmt(st, sql_rate_get)) == NULL)
		return RATE_OK;
	TXT(s, 1, msisdn);
	if (store_step(st, s) == SQLITE_ROW) {
		int64_t	at = sqlite3_column_int64(s, 1);

		tokens = sqlite3_column_double(s, 0);
		noticed = sqlite3_column_int(s, 2);
		if (now_ms > at)
			tokens += (double)(now_ms - at) * rate;
		if (tokens > per_minute)
			tokens = per_minute;
	}
	sqlite3_reset(s);
	if (tokens >= 1.0) {
		tokens -= 1.0;
		noticed = 0;
		out = RATE_OK;
	} else if (!noticed) {
		noticed = 1;
		out = RATE_NOTICE;
	} else
		out = RATE_SILENT;
	if ((s = store_stmt(st, sql_rate_put)) != NULL) {
		TXT(s, 1, msisdn);
		sqlite3_bind_double(s, 2, tokens);
		sqlite3_bind_int64(s, 3, now_ms);
		sqlite3_bind_int(s, 4, noticed);
		store_run(st, s);
	}
	return out;
}
