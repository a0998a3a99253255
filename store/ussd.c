/* USSD session rows (store/ussd.h). Static SQL through the statement cache,
 * always bound. */
#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/ussd.h"

#define TXT(s, i, v) sqlite3_bind_text((s), (i), (v), -1, SQLITE_STATIC)

static const char sql_get[] =
    "SELECT key, msisdn, gen, status, seq, text_len, updated_ms, state"
    " FROM ussd_session WHERE key = ?1";
static const char sql_last[] =
    "SELECT key, msisdn, gen, status, seq, text_len, updated_ms, state"
    " FROM ussd_session WHERE msisdn = ?1 AND updated_ms >= ?2"
    " AND status IN (0, 1) ORDER BY updated_ms DESC LIMIT 1";
static const char sql_put[] =
    "INSERT INTO ussd_session(key, msisdn, gen, status, seq, text_len,"
    " updated_ms, state, started_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
    " ?7) ON CONFLICT(key) DO UPDATE SET msisdn = excluded.msisdn,"
    " gen = excluded.gen, status = excluded.status, seq = excluded.seq,"
    " text_len = excluded.text_len, updated_ms = excluded.updated_ms,"
    " state = excluded.state";	/* started_ms kept (lapakctl sessions) */
static const char sql_del[] = "DELETE FROM ussd_session WHERE key = ?1";
static const char sql_prune[] =
    "DELETE FROM ussd_session WHERE updated_ms < ?1";
static const char sql_gen[] =
    "SELECT 1 FROM ussd_session WHERE gen = ?1 AND updated_ms >= ?2 LIMIT 1";
static const char sql_count[] = "SELECT count(*) FROM ussd_session";

static int
read_row(struct store *st, sqlite3_stmt *s, struct ussd_row *row, void *buf,
    size_t bufsz)
{
	int	rc = store_step(st, s), n;

	if (rc == SQLITE_ROW) {
		memset(row, 0, sizeof(*row));
		store_col_text(s, 0, row->key, sizeof(row->key));
		store_col_text(s, 1, row->msisdn, sizeof(row->msisdn));
		row->gen = sqlite3_column_int64(s, 2);
		row->status = sqlite3_column_int(s, 3);
		row->seq = sqlite3_column_int(s, 4);
		row->text_len = sqlite3_column_int(s, 5);
		row->updated_ms = sqlite3_column_int64(s, 6);
		n = sqlite3_column_bytes(s, 7);
		row->state_len = (size_t)n;
		memset(buf, 0, bufsz);
		if (n > 0)
			memcpy(buf, sqlite3_column_blob(s, 7),
			    (size_t)n < bufsz ? (size_t)n : bufsz);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : -1;
}

int
ussd_sess_get(struct store *st, const char *key, struct ussd_row *row,
    void *buf, size_t bufsz)
{
	sqlite3_stmt	*s = store_stmt(st, sql_get);

	if (s == NULL)
		return -1;
	TXT(s, 1, key);
	return read_row(st, s, row, buf, bufsz);
}

int
ussd_sess_last(struct store *st, const char *msisdn, int64_t since_ms,
    struct ussd_row *row, void *buf, size_t bufsz)
{
	sqlite3_stmt	*s = store_stmt(st, sql_last);

	if (s == NULL)
		return -1;
	TXT(s, 1, msisdn);
	sqlite3_bind_int64(s, 2, since_ms);
	return read_row(st, s, row, buf, bufsz);
}

static enum store_rc
step_done(struct store *st, sqlite3_stmt *s)
{
	int	rc = store_step(st, s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? STORE_OK : store_rc_of(rc);
}

enum store_rc
ussd_sess_put(struct store *st, const struct ussd_row *row, const void *state,
    size_t len)
{
	sqlite3_stmt	*s = store_stmt(st, sql_put);

	if (s == NULL)
		return STORE_ERR;
	TXT(s, 1, row->key);
	TXT(s, 2, row->msisdn);
	sqlite3_bind_int64(s, 3, row->gen);
	sqlite3_bind_int(s, 4, row->status);
	sqlite3_bind_int(s, 5, row->seq);
	sqlite3_bind_int(s, 6, row->text_len);
	sqlite3_bind_int64(s, 7, row->updated_ms);
	sqlite3_bind_blob(s, 8, state, (int)len, SQLITE_STATIC);
	return step_done(st, s);
}

enum store_rc
ussd_sess_del(struct store *st, const char *key)
{
	sqlite3_stmt	*s = store_stmt(st, sql_del);

	if (s == NULL)
		return STORE_ERR;
	TXT(s, 1, key);
	return step_done(st, s);
}

int
ussd_sess_prune(struct store *st, int64_t before_ms)
{
	sqlite3_stmt	*s = store_stmt(st, sql_prune);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, before_ms);
	if (step_done(st, s) != STORE_OK)
		return -1;
	return sqlite3_changes(st->db);
}

int
ussd_sess_gen_used(struct store *st, int64_t gen, int64_t since_ms)
{
	sqlite3_stmt	*s = store_stmt(st, sql_gen);
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, gen);
	sqlite3_bind_int64(s, 2, since_ms);
	rc = store_step(st, s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : -1;
}

int64_t
ussd_sess_count(struct store *st)
{
	sqlite3_stmt	*s = store_stmt(st, sql_count);
	int64_t		 n = -1;

	if (s == NULL)
		return -1;
	if (store_step(st, s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}
