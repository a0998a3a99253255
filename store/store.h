/* The SQLite store: opening (WAL, durability, migrations), transactions, and
 * a fault-injection hook for tests. Typed APIs per aggregate live beside it
 * (msg.h for inbox/outbox, commerce.h for sellers/products/orders). */
#ifndef LAPAK_STORE_H
#define LAPAK_STORE_H
#include <stdbool.h>
#include <stddef.h>

struct store;

enum store_rc {
	STORE_OK = 0,
	STORE_NOTFOUND,
	STORE_CONFLICT,		/* constraint: duplicate */
	STORE_BUSY,		/* locked/busy: temporary, retry */
	STORE_FULL,		/* disk full: temporary for the SMSC */
	STORE_ERR		/* anything else (I/O error, corrupt) */
};

/* Opens (creating) the database at path (":memory:" for tests), sets WAL and
 * synchronous=FULL when durable (NORMAL otherwise), and migrates an older
 * schema up. A database newer than this build is refused. */
int	store_open(struct store **out, const char *path, bool durable,
	    char *err, size_t errlen);
/* NULL-safe. Finalizes every statement. */
void	store_close(struct store *st);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. One transaction at a time. */
enum store_rc store_begin(struct store *st);
enum store_rc store_commit(struct store *st);
void	store_rollback(struct store *st);
bool	store_in_txn(const struct store *st);
/* Nested units inside a transaction: one per message of a group commit, so
 * one bad message rolls back alone. */
enum store_rc store_savepoint(struct store *st);
enum store_rc store_release(struct store *st);
void	store_rollback_savepoint(struct store *st);

/* Test hook: the nth sqlite3_step from now (1 = the next) fails with
 * sqlite_rc (SQLITE_BUSY, SQLITE_FULL, SQLITE_IOERR); 0 disarms. Every
 * later step fails too when sticky is set (a disk that stays full). */
void	store_fault_inject(struct store *st, long nth, int sqlite_rc, bool sticky);

int	store_schema_version(struct store *st);
int	store_schema_latest(void);
const char *store_errmsg(struct store *st);
const char *store_rc_name(enum store_rc rc);

/* Passive WAL checkpoint; called from a timer so the WAL stays bounded.
 * With the checkpointer thread running it only wakes that thread. */
void	store_checkpoint(struct store *st);

/* Moves WAL checkpoints off the caller's thread: a second connection to the
 * same file, used only by one thread that runs a PASSIVE checkpoint whenever
 * a commit leaves the WAL at 1,000 frames or more, instead of SQLite's
 * autocheckpoint inside that commit. st itself only checkpoints the last
 * <= 256 frames once the thread has caught up, so that its next transaction
 * can restart the WAL (else it grows without bound). Commits stay as
 * durable as before; the thread never touches st's connection.
 * store_close() stops it. Returns 0, or -1 (err set, st unchanged: it keeps
 * the autocheckpoint) on an in-memory store or when the thread cannot start. */
int	store_checkpointer_start(struct store *st, char *err, size_t errlen);

#endif
