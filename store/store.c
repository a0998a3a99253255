/* Opening, migrating and transacting on the SQLite store; the statement cache
 * and the fault hook every store/ module steps through. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/xalloc.h"
#include "store/search_internal.h"
#include "store/store_internal.h"

static int
pragma_int(struct store *st, const char *sql)
{
	sqlite3_stmt	*s = NULL;
	int		 v = -1;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

int
store_schema_latest(void)
{
	return store_nmigrations > 0 ?
	    store_migrations[store_nmigrations - 1].version : 0;
}

int
store_schema_version(struct store *st)
{
	return pragma_int(st, "PRAGMA user_version");
}

/* A store written by a newer lapak (a downgrade): say so and what to do. */
static void
store_schema_newer(int have, char *err, size_t errlen)
{
	snprintf(err, errlen, "store schema v%d is newer than this lapak "
	    "(v%d): a newer package wrote it; install that package again or "
	    "restore a backup made before the upgrade (refusing to touch it)",
	    have, store_schema_latest());
}

static int
store_migrate(struct store *st, char *err, size_t errlen)
{
	int	 have = store_schema_version(st), i;
	char	*msg = NULL, sql[64];

	if (have < 0) {
		snprintf(err, errlen, "cannot read schema version: %s",
		    sqlite3_errmsg(st->db));
		return -1;
	}
	if (have > store_schema_latest()) {
		store_schema_newer(have, err, errlen);
		return -1;
	}
	for (i = 0; i < store_nmigrations; i++) {
		const struct store_migration *m = &store_migrations[i];

		if (m->version <= have)
			continue;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", m->version);
		if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK ||
		    sqlite3_exec(st->db, m->sql, NULL, NULL, &msg) != SQLITE_OK ||
		    sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK ||
		    sqlite3_exec(st->db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK) {
			snprintf(err, errlen, "migration %d (%s): %s", m->version,
			    m->name, msg ? msg : sqlite3_errmsg(st->db));
			sqlite3_free(msg);
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

/* One file of the store (the database, its -wal or -shm) found readable or
 * writable by group or others: refused, like a config holding a password. */
static int
store_mode_bad(const char *file, mode_t mode, char *err, size_t errlen)
{
	if ((mode & 066) == 0)
		return 0;
	snprintf(err, errlen, "%s: mode %04o lets other users read the store "
	    "(personal data); chmod 600 %s", file, (unsigned)(mode & 07777),
	    file);
	return -1;
}

/*
 * The store is personal data (numbers, shops, message bodies): it must be
 * the owner's alone. A new database file is created here, 0600, before
 * SQLite sees it (an empty file is an empty database); SQLite's unix VFS
 * then gives its -wal, -shm and any journal the database file's own
 * permissions, whatever the umask. An existing database, -wal or -shm that
 * group or others may read or write is refused with the chmod that fixes
 * it. create is false for readers (the file must exist). ":memory:" and ""
 * (a temporary database) have no file.
 */
static int
store_file_private(const char *path, bool create, char *err, size_t errlen)
{
	static const char *const sfx[] = { "-wal", "-shm" };
	struct stat	 sb;
	char		 side[4096];
	size_t		 i;
	int		 fd;

	if (path[0] == '\0' || strcmp(path, ":memory:") == 0 ||
	    strncmp(path, "file:", 5) == 0)
		return 0;
	if (create) {
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd == -1) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			return -1;
		}
		if (fstat(fd, &sb) == -1) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			(void)close(fd);
			return -1;
		}
		(void)close(fd);
	} else if (stat(path, &sb) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (store_mode_bad(path, sb.st_mode, err, errlen) == -1)
		return -1;
	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		if ((size_t)snprintf(side, sizeof(side), "%s%s", path, sfx[i]) >=
		    sizeof(side)) {
			snprintf(err, errlen, "%s: path too long", path);
			return -1;
		}
		if (stat(side, &sb) == 0 &&
		    store_mode_bad(side, sb.st_mode, err, errlen) == -1)
			return -1;
	}
	return 0;
}

/*
 * Once per process, before SQLite initialises: no allocation statistics.
 * With them on, every sqlite3_malloc and free takes a global mutex (a few
 * per cent of lapakd's CPU under load) to keep counters nothing reads.
 */
static void
store_lib_init(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int
store_open(struct store **out, const char *path, bool durable, char *err,
    size_t errlen)
{
	struct store	*st = xcalloc(1, sizeof(*st));
	int		 rc = -1;
	char		*msg = NULL;
	const char	*sync = durable ? "PRAGMA synchronous=FULL" :
			    "PRAGMA synchronous=NORMAL";
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	(void)pthread_once(&once, store_lib_init);

	if (store_file_private(path, true, err, errlen) == -1)
		goto out;
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path,
		    st->db ? sqlite3_errmsg(st->db) : "cannot open");
		goto out;
	}
	sqlite3_busy_timeout(st->db, 2000);
	sqlite3_extended_result_codes(st->db, 0);
	/* temp_store=MEMORY keeps the statement journal of the per-MO
	 * savepoints in memory: on disk it spilled past 64 KB into a temp file
	 * created, written and unlinked in most group commits. */
	if (sqlite3_exec(st->db, "PRAGMA journal_mode=WAL", NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(st->db, sync, NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(st->db, "PRAGMA foreign_keys=ON", NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(st->db, "PRAGMA wal_autocheckpoint=1000", NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(st->db, "PRAGMA cache_size=-8192", NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(st->db, "PRAGMA temp_store=MEMORY", NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, msg ? msg : "pragma failed");
		sqlite3_free(msg);
		goto out;
	}
	st->durable = durable && strcmp(path, ":memory:") != 0 && path[0] != '\0';
	if (store_migrate(st, err, errlen) == -1) {
		char	tmp[512];

		snprintf(tmp, sizeof(tmp), "%s", err);
		snprintf(err, errlen, "%s: %s", path, tmp);
		goto out;
	}
	if (search_attach(st, true, err, errlen) == -1)
		goto out;
	*out = st;
	st = NULL;
	rc = 0;
out:
	store_close(st);
	return rc;
}

int
store_open_reader(struct store **out, const char *path, char *err,
    size_t errlen)
{
	struct store	*st = xcalloc(1, sizeof(*st));
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	int		 rc = -1, v;

	(void)pthread_once(&once, store_lib_init);
	if (store_file_private(path, false, err, errlen) == -1)
		goto out;
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path,
		    st->db ? sqlite3_errmsg(st->db) : "cannot open");
		goto out;
	}
	sqlite3_busy_timeout(st->db, 2000);
	sqlite3_extended_result_codes(st->db, 0);
	if (sqlite3_exec(st->db, "PRAGMA cache_size=-8192", NULL, NULL,
	    NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(st->db));
		goto out;
	}
	if ((v = store_schema_version(st)) > store_schema_latest()) {
		store_schema_newer(v, err, errlen);
		goto out;
	}
	if (v != store_schema_latest()) {
		snprintf(err, errlen, "%s: store schema v%d is older than this "
		    "lapak (v%d) and a reader does not migrate: start lapakd "
		    "once to migrate it", path, v, store_schema_latest());
		goto out;
	}
	if (search_attach(st, false, err, errlen) == -1)
		goto out;
	*out = st;
	st = NULL;
	rc = 0;
out:
	store_close(st);
	return rc;
}

enum store_rc
store_snapshot(struct store *st, bool begin)
{
	return store_exec(st, begin ? "BEGIN" : "COMMIT");
}

/*
 * The checkpointer. A checkpoint inside a commit (SQLite's autocheckpoint,
 * every 1,000 WAL frames: ~130 commerce MOs) copies the frames to the
 * database file and fsyncs it, stalling the loop for several ms; with a
 * 64-PDU window the SMSC's backlog then builds up and shows as the p99.
 * A PASSIVE checkpoint from another connection runs concurrently with the
 * writer (WAL mode), so that work moves to this thread.
 */
#define CKPT_FRAMES	1000

struct store_ckpt {
	sqlite3		*db;
	pthread_t	 th;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	bool		 wake, stop, busy;
	int		 done;		/* frames backfilled by its last run */
};

static void
ckpt_wake(struct store_ckpt *k)
{
	pthread_mutex_lock(&k->mu);
	k->wake = true;
	pthread_cond_signal(&k->cv);
	pthread_mutex_unlock(&k->mu);
}

/*
 * sqlite3_wal_hook: after each commit of st, on the loop thread. The thread
 * copies the bulk; but the WAL only restarts from its beginning when a
 * writer finds it wholly backfilled, which a checkpoint racing our commits
 * never sees. So once the thread is idle and has backfilled all but the
 * last CKPT_TAIL frames, st checkpoints that tail itself (a few pages and
 * the fsync) and its next transaction restarts the WAL.
 */
#define CKPT_TAIL	256

static int
ckpt_on_wal(void *arg, sqlite3 *db, const char *name, int frames)
{
	struct store_ckpt	*k = arg;
	bool			 tail;

	(void)name;
	if (frames < CKPT_FRAMES)
		return SQLITE_OK;
	pthread_mutex_lock(&k->mu);
	tail = !k->busy && !k->wake && k->done > 0 &&
	    frames - k->done <= CKPT_TAIL;
	if (tail)
		k->done = 0;
	else {
		k->wake = true;
		pthread_cond_signal(&k->cv);
	}
	pthread_mutex_unlock(&k->mu);
	if (tail)
		(void)sqlite3_wal_checkpoint_v2(db, NULL,
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return SQLITE_OK;
}

/*
 * Readers on other connections (lapak-web serves thousands of short read
 * transactions a second) nearly always hold a read mark short of the last
 * frame, so no PASSIVE checkpoint is ever complete and the WAL never
 * restarts: it grew ~2 MB a second beside lapak-web. Past CKPT_RESTART
 * frames the thread asks for a RESTART checkpoint: it waits (busy handler,
 * at most CKPT_RESTART_MS) for the readers of old frames to finish, which
 * holds lapakd's writer that long at most, and the next transaction
 * starts the WAL from its beginning. BUSY: tried again at the next wake.
 */
#define CKPT_RESTART	4000		/* frames: ~16 MB of 4 KB pages */
#define CKPT_RESTART_MS	10

/* The RESTART checkpoint; *log and *done (the PASSIVE's) are replaced
 * only when it went through. */
static void
ckpt_restart(struct store_ckpt *k, int *log, int *done)
{
	int	l, d;

	if (sqlite3_wal_checkpoint_v2(k->db, NULL, SQLITE_CHECKPOINT_RESTART,
	    &l, &d) == SQLITE_OK) {
		*log = l;
		*done = d;
	}
}

static void *
ckpt_main(void *arg)
{
	struct store_ckpt	*k = arg;
	int			 log, done;

	pthread_mutex_lock(&k->mu);
	for (;;) {
		while (!k->wake && !k->stop)
			pthread_cond_wait(&k->cv, &k->mu);
		if (k->stop)
			break;
		k->wake = false;
		k->busy = true;
		pthread_mutex_unlock(&k->mu);
		if (sqlite3_wal_checkpoint_v2(k->db, NULL,
		    SQLITE_CHECKPOINT_PASSIVE, &log, &done) != SQLITE_OK)
			done = 0;
		else if (log >= CKPT_RESTART && done < log)
			ckpt_restart(k, &log, &done);
		pthread_mutex_lock(&k->mu);
		k->busy = false;
		k->done = done;
	}
	pthread_mutex_unlock(&k->mu);
	return NULL;
}

int
store_checkpointer_start(struct store *st, char *err, size_t errlen)
{
	struct store_ckpt	*k;
	const char		*path = sqlite3_db_filename(st->db, "main");
	sigset_t		 all, old;
	int			 sync, rc;
	char			 sql[64];

	if (st->ckpt != NULL)
		return 0;
	if (path == NULL || path[0] == '\0') {
		snprintf(err, errlen, "in-memory store: no WAL");
		return -1;
	}
	/* the checkpoint fsyncs the database file as st would */
	sync = pragma_int(st, "PRAGMA synchronous");
	k = xcalloc(1, sizeof(*k));
	if (sqlite3_open_v2(path, &k->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path,
		    k->db ? sqlite3_errmsg(k->db) : "cannot open");
		goto fail;
	}
	snprintf(sql, sizeof(sql), "PRAGMA synchronous=%d", sync < 0 ? 2 : sync);
	sqlite3_busy_timeout(k->db, CKPT_RESTART_MS);
	if (sqlite3_exec(k->db, sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(k->db, "PRAGMA cache_size=16", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(k->db));
		goto fail;
	}
	pthread_mutex_init(&k->mu, NULL);
	pthread_cond_init(&k->cv, NULL);
	/* signals stay with the loop thread (libev) */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&k->th, NULL, ckpt_main, k);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		snprintf(err, errlen, "checkpointer thread: error %d", rc);
		pthread_cond_destroy(&k->cv);
		pthread_mutex_destroy(&k->mu);
		goto fail;
	}
	st->ckpt = k;
	/* replaces the autocheckpoint (which is itself a wal hook) */
	sqlite3_wal_hook(st->db, ckpt_on_wal, k);
	return 0;
fail:
	sqlite3_close(k->db);
	free(k);
	return -1;
}

static void
ckpt_stop(struct store *st)
{
	struct store_ckpt	*k = st->ckpt;

	if (k == NULL)
		return;
	sqlite3_wal_hook(st->db, NULL, NULL);
	pthread_mutex_lock(&k->mu);
	k->stop = true;
	pthread_cond_signal(&k->cv);
	pthread_mutex_unlock(&k->mu);
	pthread_join(k->th, NULL);
	pthread_cond_destroy(&k->cv);
	pthread_mutex_destroy(&k->mu);
	sqlite3_close(k->db);
	free(k);
	st->ckpt = NULL;
}

void
store_close(struct store *st)
{
	int	i;

	if (st == NULL)
		return;
	store_syncer_stop(st);
	ckpt_stop(st);
	search_detach(st);
	for (i = 0; i < STORE_STMT_CACHE; i++)
		sqlite3_finalize(st->cache[i].stmt);
	sqlite3_close(st->db);
	free(st);
}

sqlite3_stmt *
store_stmt(struct store *st, const char *sql)
{
	uintptr_t	 h = (uintptr_t)sql;
	unsigned	 i, slot;

	h ^= h >> 17;
	h *= 0x9E3779B97F4A7C15ull;
	slot = (unsigned)(h >> 40) % STORE_STMT_CACHE;
	for (i = 0; i < STORE_STMT_CACHE; i++) {
		struct store_stmt *c = &st->cache[(slot + i) % STORE_STMT_CACHE];

		if (c->sql == sql) {
			sqlite3_reset(c->stmt);
			sqlite3_clear_bindings(c->stmt);
			return c->stmt;
		}
		if (c->sql == NULL) {
			if (sqlite3_prepare_v3(st->db, sql, -1,
			    SQLITE_PREPARE_PERSISTENT, &c->stmt, NULL) != SQLITE_OK) {
				sqlite3_finalize(c->stmt);
				c->stmt = NULL;
				return NULL;
			}
			c->sql = sql;
			return c->stmt;
		}
	}
	return NULL;	/* cache full: raise STORE_STMT_CACHE */
}

int
store_step(struct store *st, sqlite3_stmt *s)
{
	if (st->fault_nth > 0 && --st->fault_nth == 0) {
		if (st->fault_sticky)
			st->fault_nth = 1;
		st->fault_fired++;
		sqlite3_reset(s);
		return st->fault_rc;
	}
	return sqlite3_step(s);
}

enum store_rc
store_rc_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return STORE_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_BUSY;
	case SQLITE_FULL:
		return STORE_FULL;
	case SQLITE_CONSTRAINT:
		return STORE_CONFLICT;
	case SQLITE_NOTFOUND:
		return STORE_NOTFOUND;
	default:
		return STORE_ERR;
	}
}

enum store_rc
store_run(struct store *st, sqlite3_stmt *s)
{
	int	rc = store_step(st, s);

	sqlite3_reset(s);
	return store_rc_of(rc);
}

enum store_rc
store_exec(struct store *st, const char *sql)
{
	sqlite3_stmt	*s = store_stmt(st, sql);

	return s != NULL ? store_run(st, s) : STORE_ERR;
}

enum store_rc
store_begin(struct store *st)
{
	enum store_rc	rc = store_exec(st, "BEGIN IMMEDIATE");

	if (rc == STORE_OK) {
		st->in_txn = true;
		st->depth = 0;
	}
	return rc;
}

enum store_rc
store_commit_async(struct store *st, uint64_t *seq)
{
	enum store_rc	rc = store_exec(st, "COMMIT");

	*seq = 0;
	if (rc != STORE_OK) {
		store_rollback(st);
		return rc;
	}
	st->in_txn = false;
	*seq = ++st->commits;
	store_sync_committed(st);
	return STORE_OK;
}

uint64_t
store_last_commit(const struct store *st)
{
	return st->commits;
}

enum store_rc
store_commit(struct store *st)
{
	uint64_t	seq;
	enum store_rc	rc = store_commit_async(st, &seq);

	/* Committed; only the flush failed: the caller must not vouch for it. */
	if (rc == STORE_OK && store_sync_now(st) == -1)
		return STORE_ERR;
	return rc;
}

void
store_rollback(struct store *st)
{
	/* Not through the fault hook: a rollback must always happen. */
	if (sqlite3_get_autocommit(st->db) == 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_txn = false;
	st->depth = 0;
}

bool
store_in_txn(const struct store *st)
{
	return st->in_txn;
}

enum store_rc
store_savepoint(struct store *st)
{
	enum store_rc	rc = store_exec(st, "SAVEPOINT m");

	if (rc == STORE_OK)
		st->depth++;
	return rc;
}

enum store_rc
store_savepoint_release(struct store *st)
{
	enum store_rc	rc = store_exec(st, "RELEASE m");

	if (rc == STORE_OK)
		st->depth--;
	return rc;
}

void
store_rollback_savepoint(struct store *st)
{
	sqlite3_exec(st->db, "ROLLBACK TO m", NULL, NULL, NULL);
	sqlite3_exec(st->db, "RELEASE m", NULL, NULL, NULL);
	search_rolled_back(st);		/* its words may be undone */
	if (st->depth > 0)
		st->depth--;
}

void
store_fault_inject(struct store *st, long nth, int sqlite_rc, bool sticky)
{
	st->fault_nth = nth;
	st->fault_rc = sqlite_rc;
	st->fault_sticky = sticky;
	st->fault_fired = 0;
}

long
store_fault_fired(const struct store *st)
{
	return st->fault_fired;
}

const char *
store_errmsg(struct store *st)
{
	return st && st->db ? sqlite3_errmsg(st->db) : "no database";
}

const char *
store_rc_name(enum store_rc rc)
{
	static const char *names[] = { "ok", "notfound", "conflict", "busy",
	    "full", "error" };

	return rc <= STORE_ERR ? names[rc] : "unknown";
}

void
store_checkpoint(struct store *st)
{
	if (st->ckpt != NULL) {
		ckpt_wake(st->ckpt);
		return;
	}
	sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE,
	    NULL, NULL);
}

const char *
store_col_str(sqlite3_stmt *s, int col)
{
	const unsigned char	*t = sqlite3_column_text(s, col);

	return t != NULL ? (const char *)t : "";
}

void
store_col_text(sqlite3_stmt *s, int col, char *buf, size_t len)
{
	const unsigned char	*t = sqlite3_column_text(s, col);
	size_t			 n;

	/* As snprintf "%s" (truncated, NUL-terminated, up to an embedded
	 * NUL), without its cost: this runs for every text column read. */
	if (len == 0)
		return;
	n = t != NULL ? strnlen((const char *)t,
	    (size_t)sqlite3_column_bytes(s, col)) : 0;
	if (n > len - 1)
		n = len - 1;
	memcpy(buf, t != NULL ? (const char *)t : "", n);
	buf[n] = '\0';
}
