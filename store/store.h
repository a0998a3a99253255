/* The SQLite store: opening (WAL, durability, migrations), transactions, and
 * a fault-injection hook for tests. Typed APIs per aggregate live beside it
 * (msg.h for inbox/outbox, commerce.h for sellers/products/orders). */
#ifndef LAPAK_STORE_H
#define LAPAK_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
 * schema up. A database newer than this build is refused. A new database is
 * created 0600 (its -wal and -shm take its mode); a database, -wal or -shm
 * that group or others may read is refused: "PATH: mode 0644 lets other
 * users read the store (personal data); chmod 600 PATH". */
int	store_open(struct store **out, const char *path, bool durable,
	    char *err, size_t errlen);
/* Opens an existing store read-only, for a reader thread (searches): no
 * migration (its schema must be this build's), no writes. The same mode
 * rule as store_open. */
int	store_open_reader(struct store **out, const char *path, char *err,
	    size_t errlen);
/* A read snapshot on a reader: begin (true) or end (false). */
enum store_rc store_snapshot(struct store *st, bool begin);
/* NULL-safe. Finalizes every statement. */
void	store_close(struct store *st);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. One transaction at a time. A
 * store_commit() of a durable store is on disk when it returns, with or
 * without the syncer. */
enum store_rc store_begin(struct store *st);
enum store_rc store_commit(struct store *st);
void	store_rollback(struct store *st);
bool	store_in_txn(const struct store *st);
/* Nested units inside a transaction: one per message of a group commit, so
 * one bad message rolls back alone. store_savepoint_release() ends the
 * innermost savepoint keeping its writes (SQL RELEASE: nothing is committed
 * and nothing leaves the process); store_rollback_savepoint() undoes them. */
enum store_rc store_savepoint(struct store *st);
enum store_rc store_savepoint_release(struct store *st);
void	store_rollback_savepoint(struct store *st);

/* Test hook: the nth sqlite3_step from now (1 = the next) fails with
 * sqlite_rc (SQLITE_BUSY, SQLITE_FULL, SQLITE_IOERR); 0 disarms. Every
 * later step fails too when sticky is set (a disk that stays full). */
void	store_fault_inject(struct store *st, long nth, int sqlite_rc, bool sticky);
/* Test hook: how many steps failed by injection since store_fault_inject. */
long	store_fault_fired(const struct store *st);

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

/*
 * Deferred durability (sync.c). Once store_syncer_start() has run, the
 * connection commits with synchronous=NORMAL: store_commit_async() returns
 * as soon as SQLite has written the WAL frames, and a syncer thread
 * fdatasyncs the WAL behind it, so the caller works on while the disk
 * flushes. A commit so returned survives a crash of the process (the frames
 * are in the kernel) but not of the machine until store_synced() reaches
 * its sequence number: nothing that depends on it may leave the process
 * (an acknowledgement, a message) before then.
 *
 * Without the syncer (not durable, in memory, not started) every commit
 * counts as synced at once: store_synced() is the last sequence number.
 */
/* Starts the thread. Returns 0, or -1 (err set) on a store that is not
 * durable or not on a file, or when the thread cannot start. */
int	store_syncer_start(struct store *st, char *err, size_t errlen);
/* Flushes what is committed, stops the thread, back to synchronous=FULL.
 * store_close() calls it; NULL-safe on a store without the syncer. */
void	store_syncer_stop(struct store *st);
/* COMMIT without waiting for the disk; *seq gets the commit's sequence
 * number (0 when it failed: rolled back, as store_commit). Call
 * store_sync_request() after one or more of these. */
enum store_rc store_commit_async(struct store *st, uint64_t *seq);
/* The sequence number of the last commit (store_commit too). */
uint64_t store_last_commit(const struct store *st);
/* Asks the syncer to flush every commit so far; returns at once. */
void	store_sync_request(struct store *st);
/* The highest commit sequence number known to be on disk. */
uint64_t store_synced(struct store *st);
/* A commit is not yet known to be on disk (and no flush has failed). */
bool	store_sync_pending(struct store *st);
/* Readable (poll) when store_synced() or store_sync_error() may have
 * moved; -1 without the syncer. */
int	store_sync_fd(const struct store *st);
/* Empties store_sync_fd() once it polled readable. */
void	store_sync_drain(struct store *st);
/* The errno of a failed flush, 0 if none. Sticky: after a failed fdatasync
 * the kernel may have dropped the pages, so no later sync can vouch for the
 * commits before it; the owner must stop (and recover on restart). */
int	store_sync_error(struct store *st);
/* Blocks until every commit so far is on disk. 0, or -1 on a sync error. */
int	store_sync_now(struct store *st);
/* Test hook: sleep delay_ms before each flush; the fail_nth-th flush (1 =
 * the next) fails with EIO. 0 disables either. */
void	store_sync_test_hook(struct store *st, int delay_ms, long fail_nth);

#endif
