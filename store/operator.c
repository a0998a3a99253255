/* The operator's verbs over the store (store/operator.h; issue 15): the
 * audit log, block and takedown reasons, outbox/inbox/session listings,
 * outbox retry and purge, and the online backup through SQLite's backup
 * API. Prepared statements only, through the statement cache. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/msg.h"
#include "store/operator.h"
#include "store/store_internal.h"
#include "store/tag.h"

#define TXT(s, i, v) sqlite3_bind_text((s), (i), (v) != NULL ? (v) : "", \
	    -1, SQLITE_TRANSIENT)

static enum store_rc
rc_of(int src)
{
	switch (src & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return STORE_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_BUSY;
	case SQLITE_CONSTRAINT:
		return STORE_CONFLICT;
	case SQLITE_FULL:
		return STORE_FULL;
	default:
		return STORE_ERR;
	}
}

/* Steps a write to its end. */
static enum store_rc
run(struct store *st, sqlite3_stmt *s)
{
	int	rc = store_step(st, s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? STORE_OK : rc_of(rc);
}

enum store_rc
op_audit_add(struct store *st, const struct op_audit *a)
{
	static const char sql[] = "INSERT INTO op_audit(at_s, user, verb,"
	    " target, outcome, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, a->at_s);
	TXT(s, 2, a->user);
	TXT(s, 3, a->verb);
	TXT(s, 4, a->target);
	TXT(s, 5, a->outcome);
	TXT(s, 6, a->detail);
	return run(st, s);
}

enum store_rc
op_audit_list(struct store *st, int limit,
    void (*fn)(void *arg, const struct op_audit *a), void *arg)
{
	static const char sql[] = "SELECT id, at_s, user, verb, target,"
	    " outcome, detail FROM op_audit ORDER BY id DESC LIMIT ?1";
	sqlite3_stmt	*s = store_stmt(st, sql);
	struct op_audit	 a;
	int		 rc;

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int(s, 1, limit);
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		memset(&a, 0, sizeof(a));
		a.id = sqlite3_column_int64(s, 0);
		a.at_s = sqlite3_column_int64(s, 1);
		store_col_text(s, 2, a.user, sizeof(a.user));
		store_col_text(s, 3, a.verb, sizeof(a.verb));
		store_col_text(s, 4, a.target, sizeof(a.target));
		store_col_text(s, 5, a.outcome, sizeof(a.outcome));
		store_col_text(s, 6, a.detail, sizeof(a.detail));
		fn(arg, &a);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? STORE_OK : rc_of(rc);
}

enum store_rc
op_block_reason(struct store *st, const char *msisdn, const char *reason)
{
	static const char sql[] = "UPDATE number_marks SET reason = ?2"
	    " WHERE tag = ?1 AND kind = 'block'";
	sqlite3_stmt	*s;
	char		 hex[STORE_TAG_HEX + 1];
	enum store_rc	 rc;

	if (store_tag(st, msisdn, hex, sizeof(hex)) == -1 ||
	    (s = store_stmt(st, sql)) == NULL)
		return STORE_ERR;
	TXT(s, 1, hex);
	if (reason == NULL || reason[0] == '\0')
		sqlite3_bind_null(s, 2);
	else
		TXT(s, 2, reason);
	if ((rc = run(st, s)) != STORE_OK)
		return rc;
	return sqlite3_changes(st->db) > 0 ? STORE_OK : STORE_NOTFOUND;
}

int
op_block_get(struct store *st, const char *msisdn, char *reason, size_t len)
{
	static const char sql[] = "SELECT coalesce(reason, '') FROM"
	    " number_marks WHERE tag = ?1 AND kind = 'block' LIMIT 1";
	sqlite3_stmt	*s;
	char		 hex[STORE_TAG_HEX + 1];
	int		 rc;

	reason[0] = '\0';
	if (store_tag(st, msisdn, hex, sizeof(hex)) == -1 ||
	    (s = store_stmt(st, sql)) == NULL)
		return -1;
	TXT(s, 1, hex);
	if ((rc = store_step(st, s)) == SQLITE_ROW)
		store_col_text(s, 0, reason, len);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : -1;
}

enum store_rc
op_takedown_note(struct store *st, int64_t id, const char *reason)
{
	static const char sql[] = "UPDATE products SET takedown = ?2"
	    " WHERE id = ?1";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	TXT(s, 2, reason);
	return run(st, s);
}

static void
msg_row(sqlite3_stmt *s, struct op_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->id = sqlite3_column_int64(s, 0);
	m->state = sqlite3_column_int(s, 1);
	store_col_text(s, 2, m->number, sizeof(m->number));
	m->created_ms = sqlite3_column_int64(s, 3);
	m->tries = sqlite3_column_int(s, 4);
	store_col_text(s, 5, m->text, sizeof(m->text));
}

static enum store_rc
msg_rows(struct store *st, sqlite3_stmt *s,
    void (*fn)(void *arg, const struct op_msg *m), void *arg)
{
	struct op_msg	m;
	int		rc;

	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		msg_row(s, &m);
		fn(arg, &m);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? STORE_OK : rc_of(rc);
}

enum store_rc
op_outbox_list(struct store *st, int state, const char *number, int limit,
    void (*fn)(void *arg, const struct op_msg *m), void *arg)
{
	static const char sql[] = "SELECT id, state, dst, created_ms, tries,"
	    " text FROM outbox WHERE (?1 < 0 OR state = ?1) AND (?2 = ''"
	    " OR dst = ?2) ORDER BY id DESC LIMIT ?3";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int(s, 1, state);
	TXT(s, 2, number);
	sqlite3_bind_int(s, 3, limit);
	return msg_rows(st, s, fn, arg);
}

enum store_rc
op_outbox_retry(struct store *st, int64_t id, int64_t now_ms, int validity_s,
    int64_t *n)
{
	/* ?1 = 0: every failed row; else the one row, failed or expired. */
	static const char sql_state[] = "SELECT state FROM outbox"
	    " WHERE id = ?1";
	static const char sql_parts[] = "DELETE FROM outbox_part WHERE"
	    " outbox_id IN (SELECT id FROM outbox WHERE CASE WHEN ?1 = 0 THEN"
	    " state = 3 ELSE id = ?1 AND state IN (3, 4) END)";
	static const char sql[] = "UPDATE outbox SET state = 0,"
	    " next_try_ms = ?2, tries = 0, acked = 0, message_id = NULL,"
	    " last_status = NULL, done_ms = NULL, expires_ms = ?3"
	    " WHERE CASE WHEN ?1 = 0 THEN state = 3 ELSE id = ?1 AND"
	    " state IN (3, 4) END";
	sqlite3_stmt	*s;
	enum store_rc	 rc;
	int		 src, state = 0;

	*n = 0;
	if (id > 0) {
		if ((s = store_stmt(st, sql_state)) == NULL)
			return STORE_ERR;
		sqlite3_bind_int64(s, 1, id);
		if ((src = store_step(st, s)) == SQLITE_ROW)
			state = sqlite3_column_int(s, 0);
		sqlite3_reset(s);
		if (src == SQLITE_DONE)
			return STORE_NOTFOUND;
		if (src != SQLITE_ROW)
			return rc_of(src);
		if (state != MSG_FAILED && state != MSG_EXPIRED)
			return STORE_CONFLICT;
	}
	if ((s = store_stmt(st, sql_parts)) == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = run(st, s)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, sql)) == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, now_ms);
	sqlite3_bind_int64(s, 3, now_ms + (int64_t)validity_s * 1000);
	if ((rc = run(st, s)) != STORE_OK)
		return rc;
	*n = sqlite3_changes(st->db);
	return STORE_OK;
}

enum store_rc
op_outbox_purge(struct store *st, int64_t before_ms, int64_t *n)
{
	static const char sql_parts[] = "DELETE FROM outbox_part WHERE"
	    " outbox_id IN (SELECT id FROM outbox WHERE state <> 0 AND"
	    " created_ms < ?1)";
	static const char sql[] = "DELETE FROM outbox WHERE state <> 0 AND"
	    " created_ms < ?1";
	sqlite3_stmt	*s;
	enum store_rc	 rc;

	*n = 0;
	if ((s = store_stmt(st, sql_parts)) == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, before_ms);
	if ((rc = run(st, s)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, sql)) == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, before_ms);
	if ((rc = run(st, s)) != STORE_OK)
		return rc;
	*n = sqlite3_changes(st->db);
	return STORE_OK;
}

enum store_rc
op_inbox_list(struct store *st, const char *number, int limit,
    void (*fn)(void *arg, const struct op_msg *m), void *arg)
{
	static const char sql[] = "SELECT id, state, src, received_ms, 0,"
	    " text FROM inbox WHERE src = ?1 ORDER BY id DESC LIMIT ?2";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return STORE_ERR;
	TXT(s, 1, number);
	sqlite3_bind_int(s, 2, limit);
	return msg_rows(st, s, fn, arg);
}

enum store_rc
op_sessions(struct store *st, int64_t since_ms, int limit,
    void (*fn)(void *arg, const struct op_session *s), void *arg)
{
	static const char sql[] = "SELECT key, msisdn, status,"
	    " coalesce(started_ms, 0), updated_ms, state FROM ussd_session"
	    " WHERE updated_ms >= ?1 ORDER BY updated_ms DESC LIMIT ?2";
	sqlite3_stmt		*s = store_stmt(st, sql);
	struct op_session	 o;
	int			 rc;

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, since_ms);
	sqlite3_bind_int(s, 2, limit);
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		memset(&o, 0, sizeof(o));
		store_col_text(s, 0, o.key, sizeof(o.key));
		store_col_text(s, 1, o.number, sizeof(o.number));
		o.status = sqlite3_column_int(s, 2);
		o.started_ms = sqlite3_column_int64(s, 3);
		o.updated_ms = sqlite3_column_int64(s, 4);
		o.state = sqlite3_column_blob(s, 5);
		o.state_len = (size_t)sqlite3_column_bytes(s, 5);
		fn(arg, &o);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? STORE_OK : rc_of(rc);
}

/* The backup's source: its own read-only connection, one read transaction
 * open from the first statement to the end, so every step copies the same
 * snapshot (sqlite3_backup_step opens none of its own when one is open,
 * and a WAL reader never waits for lapakd's writes nor holds them up). */
int
op_backup(const char *path, const char *dest, bool force, int step_pages,
    int sleep_ms, int *pages, char *err, size_t errlen)
{
	struct timespec	 ts = { sleep_ms / 1000,
			    (long)(sleep_ms % 1000) * 1000000L };
	sqlite3		*src = NULL, *dst = NULL;
	sqlite3_backup	*b = NULL;
	sqlite3_stmt	*s = NULL;
	static const char *const sides[] = { "-wal", "-shm", "-journal" };
	struct stat	 sb, sb2, db;
	char		 side[PATH_MAX];
	int		 fd, rc, i, ret = -1;

	*pages = 0;
	/* A -wal or -journal left beside dest belongs to no store we keep:
	 * SQLite would read it into the copy. */
	if (strlen(dest) + 9 > sizeof(side)) {
		snprintf(err, errlen, "%s: path too long", dest);
		return -1;
	}
	/* never over the store itself (nor its -wal or -shm) */
	if (stat(path, &sb) == 0) {
		for (i = -1; i < 3; i++) {
			snprintf(side, sizeof(side), "%s%s", dest, i < 0 ? "" :
			    sides[i]);
			if (stat(side, &db) == 0 && db.st_dev == sb.st_dev &&
			    db.st_ino == sb.st_ino) {
				snprintf(err, errlen, "%s: that is the store "
				    "itself", dest);
				return -1;
			}
		}
		for (i = 0; i < 2; i++) {
			snprintf(side, sizeof(side), "%s%s", path, sides[i]);
			if (stat(side, &sb2) == 0 && stat(dest, &db) == 0 &&
			    db.st_dev == sb2.st_dev &&
			    db.st_ino == sb2.st_ino) {
				snprintf(err, errlen, "%s: that is the store's "
				    "%s", dest, sides[i]);
				return -1;
			}
		}
	}
	fd = open(dest, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
	    (force ? O_TRUNC : O_EXCL), 0600);
	if (fd == -1) {
		snprintf(err, errlen, "%s: %s%s", dest, strerror(errno),
		    errno == EEXIST ? " (--force replaces it)" : "");
		return -1;
	}
	if (fchmod(fd, 0600) == -1) {
		snprintf(err, errlen, "%s: %s", dest, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	for (i = 0; i < 3; i++) {
		snprintf(side, sizeof(side), "%s%s", dest, sides[i]);
		(void)unlink(side);
	}
	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, src != NULL ?
		    sqlite3_errmsg(src) : "cannot open");
		goto done;
	}
	sqlite3_busy_timeout(src, 2000);
	if (sqlite3_exec(src, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(src, "SELECT count(*) FROM sqlite_schema", -1,
	    &s, NULL) != SQLITE_OK || sqlite3_step(s) != SQLITE_ROW) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(src));
		goto done;
	}
	sqlite3_finalize(s);
	s = NULL;
	if (sqlite3_open_v2(dest, &dst, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", dest, dst != NULL ?
		    sqlite3_errmsg(dst) : "cannot open");
		goto done;
	}
	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		snprintf(err, errlen, "%s: %s", dest, sqlite3_errmsg(dst));
		goto done;
	}
	for (;;) {
		rc = sqlite3_backup_step(b, step_pages > 0 ? step_pages : 64);
		*pages = sqlite3_backup_pagecount(b);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_OK && rc != SQLITE_BUSY &&
		    rc != SQLITE_LOCKED) {
			snprintf(err, errlen, "backup: %s", sqlite3_errstr(rc));
			goto done;
		}
		if (sleep_ms > 0)
			nanosleep(&ts, NULL);
	}
	rc = sqlite3_backup_finish(b);
	b = NULL;
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "backup: %s", sqlite3_errstr(rc));
		goto done;
	}
	ret = 0;
done:
	if (b != NULL)
		sqlite3_backup_finish(b);
	sqlite3_finalize(s);
	if (src != NULL) {
		sqlite3_exec(src, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(src);
	}
	if (dst != NULL && sqlite3_close(dst) != SQLITE_OK && ret == 0) {
		snprintf(err, errlen, "%s: close failed", dest);
		ret = -1;
	}
	if (ret == -1)
		unlink(dest);
	return ret;
}
