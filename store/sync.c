/* Deferred durability: commits that return before the disk has them, and
 * the syncer thread that fdatasyncs the WAL behind them, so that the loop
 * can work on the next batch while the last one is being flushed. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/xalloc.h"
#include "store/store_internal.h"

/*
 * Sequence numbers: st->commits counts the commits of st's connection.
 * committed is the highest one the syncer may cover (set by the loop thread
 * after COMMIT returned, so its WAL frames are written when the syncer reads
 * it), synced the highest one known to be on disk. fdatasync of the WAL
 * covers every frame written before it started: all commits up to the
 * committed value read before the call.
 */
struct store_sync {
	pthread_t	 th;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;		/* to the syncer: work, or stop */
	pthread_cond_t	 done;		/* from it: synced or err moved */
	int		 efd;		/* readable when synced or err moved */
	int		 wal_fd;	/* -1 until the first sync */
	char		 wal_path[4096];
	uint64_t	 committed, requested, synced;
	int		 err;		/* errno of a failed sync: sticky */
	bool		 stop;
	long		 nsyncs;
	int		 delay_ms;	/* test hook: before each fdatasync */
	long		 fail_nth;	/* test hook: that sync fails (EIO) */
};

static void
notify(struct store_sync *k)
{
	uint64_t	one = 1;

	/* Only fails when the counter would overflow: it is readable then. */
	(void)!write(k->efd, &one, sizeof(one));
}

/* The WAL as SQLite has it now: (re)opened when the name points at another
 * file than the one held (SQLite deletes the WAL only when the last
 * connection closes, but a stale descriptor would sync nothing useful). */
static int
wal_fd(struct store_sync *k)
{
	struct stat	a, b;

	if (k->wal_fd >= 0 && stat(k->wal_path, &a) == 0 &&
	    fstat(k->wal_fd, &b) == 0 && a.st_ino == b.st_ino &&
	    a.st_dev == b.st_dev)
		return k->wal_fd;
	if (k->wal_fd >= 0)
		close(k->wal_fd);
	k->wal_fd = open(k->wal_path, O_RDWR | O_CLOEXEC);
	return k->wal_fd;
}

/* One flush of the WAL: 0, or an errno. Only the syncer thread calls it,
 * outside the lock; nth numbers the flushes for the fail_nth test hook. */
static int
flush_wal(const struct store_sync *k, int fd, long nth)
{
	if (k->delay_ms > 0) {
		struct timespec	ts = { k->delay_ms / 1000,
				    (long)(k->delay_ms % 1000) * 1000000L };

		nanosleep(&ts, NULL);
	}
	if (k->fail_nth > 0 && nth == k->fail_nth)
		return EIO;
	if (fd < 0)
		return EBADF;
	return fdatasync(fd) == 0 ? 0 : errno;
}

static void *
sync_main(void *arg)
{
	struct store_sync	*k = arg;
	uint64_t		 target;
	int			 fd, e;
	long			 nth;

	pthread_mutex_lock(&k->mu);
	for (;;) {
		while (!k->stop && (k->requested <= k->synced || k->err != 0))
			pthread_cond_wait(&k->cv, &k->mu);
		if (k->stop)
			break;
		target = k->committed;
		fd = wal_fd(k);
		nth = ++k->nsyncs;
		pthread_mutex_unlock(&k->mu);
		e = flush_wal(k, fd, nth);
		pthread_mutex_lock(&k->mu);
		if (e != 0)
			k->err = e;
		else if (target > k->synced)
			k->synced = target;
		pthread_cond_broadcast(&k->done);
		notify(k);
	}
	pthread_mutex_unlock(&k->mu);
	return NULL;
}

int
store_syncer_start(struct store *st, char *err, size_t errlen)
{
	struct store_sync	*k;
	const char		*db = sqlite3_db_filename(st->db, "main");
	const char		*wal;
	sigset_t		 all, old;
	int			 rc;

	if (st->sync != NULL)
		return 0;
	if (!st->durable) {
		snprintf(err, errlen, "store not durable: nothing to sync");
		return -1;
	}
	if (db == NULL || db[0] == '\0' || (wal = sqlite3_filename_wal(db)) ==
	    NULL || wal[0] == '\0') {
		snprintf(err, errlen, "in-memory store: no WAL");
		return -1;
	}
	k = xcalloc(1, sizeof(*k));
	k->wal_fd = -1;
	if (snprintf(k->wal_path, sizeof(k->wal_path), "%s", wal) >=
	    (int)sizeof(k->wal_path)) {
		snprintf(err, errlen, "WAL path too long");
		free(k);
		return -1;
	}
	if ((k->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) == -1) {
		snprintf(err, errlen, "eventfd: %s", strerror(errno));
		free(k);
		return -1;
	}
	k->committed = k->requested = k->synced = st->commits;
	pthread_mutex_init(&k->mu, NULL);
	pthread_cond_init(&k->cv, NULL);
	pthread_cond_init(&k->done, NULL);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&k->th, NULL, sync_main, k);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0 || store_exec(st, "PRAGMA synchronous=NORMAL") != STORE_OK) {
		snprintf(err, errlen, "syncer: %s", rc != 0 ? strerror(rc) :
		    store_errmsg(st));
		if (rc == 0) {
			st->sync = k;
			store_syncer_stop(st);
			return -1;
		}
		pthread_cond_destroy(&k->done);
		pthread_cond_destroy(&k->cv);
		pthread_mutex_destroy(&k->mu);
		close(k->efd);
		free(k);
		return -1;
	}
	st->sync = k;
	return 0;
}

void
store_syncer_stop(struct store *st)
{
	struct store_sync	*k = st->sync;

	if (k == NULL)
		return;
	(void)store_sync_now(st);	/* nothing committed stays unflushed */
	pthread_mutex_lock(&k->mu);
	k->stop = true;
	pthread_cond_signal(&k->cv);
	pthread_mutex_unlock(&k->mu);
	pthread_join(k->th, NULL);
	st->sync = NULL;
	/* Back to durable commits for whatever st still does. */
	(void)store_exec(st, "PRAGMA synchronous=FULL");
	pthread_cond_destroy(&k->done);
	pthread_cond_destroy(&k->cv);
	pthread_mutex_destroy(&k->mu);
	if (k->wal_fd >= 0)
		close(k->wal_fd);
	close(k->efd);
	free(k);
}

void
store_sync_committed(struct store *st)
{
	struct store_sync	*k = st->sync;

	if (k == NULL)
		return;
	pthread_mutex_lock(&k->mu);
	k->committed = st->commits;
	pthread_mutex_unlock(&k->mu);
}

void
store_sync_request(struct store *st)
{
	struct store_sync	*k = st->sync;

	if (k == NULL)
		return;
	pthread_mutex_lock(&k->mu);
	if (k->committed > k->requested) {
		k->requested = k->committed;
		pthread_cond_signal(&k->cv);
	}
	pthread_mutex_unlock(&k->mu);
}

uint64_t
store_synced(struct store *st)
{
	struct store_sync	*k = st->sync;
	uint64_t		 v;

	if (k == NULL)
		return st->commits;
	pthread_mutex_lock(&k->mu);
	v = k->synced;
	pthread_mutex_unlock(&k->mu);
	return v;
}

bool
store_sync_pending(struct store *st)
{
	struct store_sync	*k = st->sync;
	bool			 busy;

	if (k == NULL)
		return false;
	pthread_mutex_lock(&k->mu);
	busy = k->err == 0 && k->synced < st->commits;
	pthread_mutex_unlock(&k->mu);
	return busy;
}

int
store_sync_error(struct store *st)
{
	struct store_sync	*k = st->sync;
	int			 e;

	if (k == NULL)
		return 0;
	pthread_mutex_lock(&k->mu);
	e = k->err;
	pthread_mutex_unlock(&k->mu);
	return e;
}

int
store_sync_fd(const struct store *st)
{
	return st->sync != NULL ? st->sync->efd : -1;
}

void
store_sync_drain(struct store *st)
{
	uint64_t	v;

	if (st->sync != NULL)
		(void)!read(st->sync->efd, &v, sizeof(v));	/* EAGAIN: empty */
}

int
store_sync_now(struct store *st)
{
	struct store_sync	*k = st->sync;
	uint64_t		 target;
	int			 e;

	if (k == NULL)
		return 0;
	pthread_mutex_lock(&k->mu);
	target = k->committed = st->commits;
	if (k->requested < target) {
		k->requested = target;
		pthread_cond_signal(&k->cv);
	}
	while (k->err == 0 && k->synced < target)
		pthread_cond_wait(&k->done, &k->mu);
	e = k->err;
	pthread_mutex_unlock(&k->mu);
	return e == 0 ? 0 : -1;
}

void
store_sync_test_hook(struct store *st, int delay_ms, long fail_nth)
{
	struct store_sync	*k = st->sync;

	if (k == NULL)
		return;
	pthread_mutex_lock(&k->mu);
	k->delay_ms = delay_ms;
	k->fail_nth = fail_nth;
	pthread_mutex_unlock(&k->mu);
}
