/* store/sync.c: deferred durability. A commit made with store_commit_async
 * is not reported synced before the syncer's flush has run (a slow flush,
 * by the test hook, shows it), the sync fd wakes a poller when it has, a
 * failed flush is sticky and stops every later vouching, and a store
 * without the syncer reports each commit synced at once. */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/msg.h"
#include "store/store.h"
#include "tests/t.h"

int	main(void);

static char	tmpdir[64];

static double
now_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static struct store *
open_store(const char *name, bool durable)
{
	struct store	*st = NULL;
	char		 path[128], err[256];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	if (store_open(&st, path, durable, err, sizeof(err)) != 0) {
		fprintf(stderr, "store_open %s: %s\n", path, err);
		exit(1);
	}
	return st;
}

/* One transaction with one inbox row. */
static enum store_rc
write_one(struct store *st, int i, bool async, uint64_t *seq)
{
	struct msg_in	m;
	enum store_rc	rc;

	memset(&m, 0, sizeof(m));
	snprintf(m.link, sizeof(m.link), "smsc");
	snprintf(m.src, sizeof(m.src), "+62812000%04d", i);
	snprintf(m.dst, sizeof(m.dst), "1234");
	snprintf(m.text, sizeof(m.text), "satu %d", i);
	m.received_ms = i;
	if ((rc = store_begin(st)) != STORE_OK)
		return rc;
	if ((rc = msg_inbox_add(st, &m, 0, NULL)) != STORE_OK) {
		store_rollback(st);
		return rc;
	}
	if (async)
		return store_commit_async(st, seq);
	rc = store_commit(st);
	*seq = store_last_commit(st);
	return rc;
}

/* Waits (poll on the sync fd, up to ms) until store_synced reaches seq or
 * a flush fails; returns how many wake-ups it took, -1 on a timeout. */
static int
wait_synced(struct store *st, uint64_t seq, int ms)
{
	struct pollfd	p = { store_sync_fd(st), POLLIN, 0 };
	double		t_end = now_s() + ms / 1000.0;
	int		wakes = 0;

	while (store_synced(st) < seq && store_sync_error(st) == 0) {
		int	left = (int)((t_end - now_s()) * 1000);

		if (left <= 0 || poll(&p, 1, left) <= 0)
			return -1;
		store_sync_drain(st);
		wakes++;
	}
	return wakes;
}

static void
test_no_syncer(void)
{
	struct store	*mem = NULL, *nd = open_store("nd.db", false);
	char		 err[128];
	uint64_t	 seq = 0;

	CHECK_INT(store_open(&mem, ":memory:", true, err, sizeof(err)), 0);
	CHECK_INT(store_syncer_start(mem, err, sizeof(err)), -1);
	CHECK_INT(store_syncer_start(nd, err, sizeof(err)), -1);
	CHECK_INT(store_sync_fd(nd), -1);
	/* Without the syncer a commit counts as synced at once. */
	CHECK_INT(write_one(nd, 1, true, &seq), STORE_OK);
	CHECK_INT(seq, 1);
	CHECK_INT(store_synced(nd), 1);
	CHECK(!store_sync_pending(nd));
	CHECK_INT(store_sync_now(nd), 0);
	CHECK_INT(write_one(mem, 1, true, &seq), STORE_OK);
	CHECK_INT(store_synced(mem), seq);
	store_close(nd);
	store_close(mem);
}

static void
test_deferred(void)
{
	struct store	*st = open_store("d.db", true);
	char		 err[128];
	uint64_t	 a = 0, b = 0, c = 0;
	double		 t0;
	int		 wakes;

	CHECK_INT(store_syncer_start(st, err, sizeof(err)), 0);
	CHECK(store_sync_fd(st) >= 0);
	store_sync_test_hook(st, 300, 0);	/* every flush takes 300 ms */
	t0 = now_s();
	CHECK_INT(write_one(st, 1, true, &a), STORE_OK);
	CHECK_INT(write_one(st, 2, true, &b), STORE_OK);
	CHECK(b == a + 1);
	CHECK(now_s() - t0 < 0.25);		/* neither waited for a flush */
	/* Committed, visible, but not vouched for: nothing asked yet. */
	CHECK(store_synced(st) < a);
	CHECK(store_sync_pending(st));
	CHECK_INT(msg_inbox_count(st), 2);
	store_sync_request(st);
	CHECK(store_synced(st) < a);		/* the flush is still running */
	wakes = wait_synced(st, b, 3000);
	CHECK(wakes >= 1);			/* the fd woke the poller */
	CHECK(store_synced(st) >= b);		/* one flush covered both */
	CHECK(now_s() - t0 >= 0.3);
	CHECK(!store_sync_pending(st));
	/* A commit while a flush runs is covered by a later one. */
	CHECK_INT(write_one(st, 3, true, &c), STORE_OK);
	store_sync_request(st);
	store_sync_request(st);			/* asking twice is harmless */
	CHECK(wait_synced(st, c, 3000) >= 0);
	CHECK(store_synced(st) >= c);
	/* store_commit is durable on return, syncer or not. */
	store_sync_test_hook(st, 100, 0);
	t0 = now_s();
	CHECK_INT(write_one(st, 4, false, &c), STORE_OK);
	CHECK(now_s() - t0 >= 0.1);
	CHECK(store_synced(st) >= c);
	CHECK_INT(store_sync_error(st), 0);
	store_close(st);
	/* Everything reached the file: a new connection sees four rows. */
	st = open_store("d.db", true);
	CHECK_INT(msg_inbox_count(st), 4);
	store_close(st);
}

static void
test_failed_flush(void)
{
	struct store	*st = open_store("f.db", true);
	char		 err[128];
	uint64_t	 a = 0, b = 0, synced;

	CHECK_INT(store_syncer_start(st, err, sizeof(err)), 0);
	store_sync_test_hook(st, 0, 2);		/* the second flush fails */
	CHECK_INT(write_one(st, 1, true, &a), STORE_OK);
	store_sync_request(st);
	CHECK(wait_synced(st, a, 3000) >= 0);
	CHECK_INT(store_sync_error(st), 0);
	synced = store_synced(st);
	CHECK(synced >= a);
	CHECK_INT(write_one(st, 2, true, &b), STORE_OK);
	store_sync_request(st);
	CHECK(wait_synced(st, b, 3000) >= 0);
	CHECK_INT(store_sync_error(st), EIO);
	CHECK_INT(store_synced(st), synced);	/* b is never vouched for */
	CHECK(!store_sync_pending(st));		/* nothing more to wait for */
	/* Sticky: a later flush cannot vouch for b either. */
	CHECK_INT(store_sync_now(st), -1);
	CHECK_INT(write_one(st, 3, false, &b), STORE_ERR);
	CHECK_INT(store_synced(st), synced);
	store_close(st);
}

int
main(void)
{
	char	cmd[96];

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/lapak-sync.XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_no_syncer();
	test_deferred();
	test_failed_flush();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	return T_DONE();
}
