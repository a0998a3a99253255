/* The store is personal data: a new store and its -wal/-shm are 0600 even
 * under a lax umask; a store, -wal or -shm that others can read is refused
 * by the writer and the reader with the chmod that fixes it. */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "tests/t.h"

static char	dir[] = "/tmp/lapak-private-XXXXXX";

static unsigned
mode_of(const char *p)
{
	struct stat	sb;

	if (stat(p, &sb) == -1)
		return 0;
	return (unsigned)(sb.st_mode & 07777);
}

static void
test_new_store(void)
{
	struct store	*st = NULL;
	char		 db[256], wal[300], shm[300], err[512];

	snprintf(db, sizeof(db), "%s/new.db", dir);
	snprintf(wal, sizeof(wal), "%s-wal", db);
	snprintf(shm, sizeof(shm), "%s-shm", db);
	(void)umask(022);
	CHECK_INT(store_open(&st, db, false, err, sizeof(err)), 0);
	/* a write so the -wal holds frames */
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(store_commit(st), STORE_OK);
	CHECK_INT(mode_of(db), 0600);
	CHECK_INT(mode_of(wal), 0600);
	CHECK_INT(mode_of(shm), 0600);
	store_close(st);
	/* reopened: still its own */
	st = NULL;
	CHECK_INT(store_open(&st, db, false, err, sizeof(err)), 0);
	store_close(st);
	st = NULL;
	CHECK_INT(store_open_reader(&st, db, err, sizeof(err)), 0);
	store_close(st);
}

static void
test_refused(void)
{
	struct store	*st = NULL;
	char		 db[256], wal[300], want[800], err[512];
	static const unsigned bad[] = { 0644, 0640, 0604, 0660, 0606 };
	size_t		 i;

	snprintf(db, sizeof(db), "%s/new.db", dir);
	snprintf(wal, sizeof(wal), "%s-wal", db);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(chmod(db, bad[i]), 0);
		err[0] = '\0';
		CHECK_INT(store_open(&st, db, false, err, sizeof(err)), -1);
		CHECK(st == NULL);
		snprintf(want, sizeof(want), "%s: mode %04o lets other users "
		    "read the store (personal data); chmod 600 %s", db, bad[i],
		    db);
		CHECK_STR(err, want);
		err[0] = '\0';
		CHECK_INT(store_open_reader(&st, db, err, sizeof(err)), -1);
		CHECK_STR(err, want);
		/* refused, not "fixed" behind the operator's back */
		CHECK_INT(mode_of(db), bad[i]);
	}
	CHECK_INT(chmod(db, 0600), 0);
	/* a -wal left readable (a store copied with cp -p, say) */
	{
		FILE	*f = fopen(wal, "a");

		CHECK(f != NULL);
		if (f != NULL)
			fclose(f);
	}
	CHECK_INT(chmod(wal, 0644), 0);
	CHECK_INT(store_open(&st, db, false, err, sizeof(err)), -1);
	CHECK(strstr(err, "-wal: mode 0644 lets other users read the store") !=
	    NULL);
	CHECK(strstr(err, "; chmod 600 ") != NULL);
	CHECK_INT(chmod(wal, 0600), 0);
	CHECK_INT(store_open(&st, db, false, err, sizeof(err)), 0);
	store_close(st);
	st = NULL;
	/* the in-memory store has no file to check */
	CHECK_INT(store_open(&st, ":memory:", false, err, sizeof(err)), 0);
	store_close(st);
}

int
main(void)
{
	char	cmd[128];

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_new_store();
	test_refused();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	(void)system(cmd);
	return T_DONE();
}
