/* Store fault injection: SQLITE_BUSY, SQLITE_FULL and SQLITE_IOERR at every
 * step of a small group-commit transaction (the shape of gateway gw_flush:
 * BEGIN, per MO a SAVEPOINT, inbox row, reply row, RELEASE, then COMMIT).
 * The rule: the store reports every failure, and what it reports as failed
 * leaves no row behind, so the gateway answers that MO ESME_RX_T_APPN (the
 * SMSC retries) and never acknowledges what is not stored. */
#include <sys/stat.h>

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/msg.h"
#include "store/store.h"
#include "tests/t.h"

int	main(void);

static char	tmpdir[64];

static const struct {
	int		 rc;
	enum store_rc	 want;
	const char	*name;
} faults[] = {
	{ SQLITE_BUSY, STORE_BUSY, "BUSY" },
	{ SQLITE_FULL, STORE_FULL, "FULL" },
	{ SQLITE_IOERR, STORE_ERR, "IOERR" },
};

static struct store *
open_store(const char *name)
{
	struct store	*st = NULL;
	char		 path[128], err[256];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	if (store_open(&st, path, true, err, sizeof(err)) != 0) {
		fprintf(stderr, "store_open %s: %s\n", path, err);
		exit(1);
	}
	return st;
}

static void
mo(struct msg_in *m, int i)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->link, sizeof(m->link), "smsc1");
	snprintf(m->src, sizeof(m->src), "+6281234567%03d", i);
	snprintf(m->dst, sizeof(m->dst), "4545");
	snprintf(m->text, sizeof(m->text), "BELI P%d", i);
	m->kind = MSG_SMS;
	m->received_ms = 1000 + i;
}

/* One MO inside its savepoint, as gw_flush does: inbox row, reply row.
 * Returns the first error (the savepoint is then rolled back) or STORE_OK. */
static enum store_rc
store_mo(struct store *st, int i)
{
	struct msg_in	m;
	struct msg_out	o;
	int64_t		id = 0;
	enum store_rc	rc;

	if ((rc = store_savepoint(st)) != STORE_OK)
		return rc;
	mo(&m, i);
	if ((rc = msg_inbox_add(st, &m, 0, &id)) != STORE_OK)
		goto fail;
	memset(&o, 0, sizeof(o));
	snprintf(o.link, sizeof(o.link), "smsc1");
	snprintf(o.dst, sizeof(o.dst), "%s", m.src);
	snprintf(o.text, sizeof(o.text), "Pesanan O%d", i);
	o.ussd_op = o.ussd_sid = -1;
	if ((rc = msg_outbox_add(st, id, &o, 2000, 3600)) != STORE_OK)
		goto fail;
	if ((rc = store_savepoint_release(st)) != STORE_OK)
		goto fail;
	return STORE_OK;
fail:
	store_rollback_savepoint(st);
	return rc;
}

/* A batch of nmo MOs. acked[i] is what gw_flush would answer: true (ROK)
 * only when the MO's savepoint and the final COMMIT both succeeded. Returns
 * the first error seen, STORE_OK when there was none. */
static enum store_rc
batch(struct store *st, int first, int nmo, bool *acked)
{
	enum store_rc	rc, first_err = STORE_OK;
	int		i;

	for (i = 0; i < nmo; i++)
		acked[i] = false;
	if ((rc = store_begin(st)) != STORE_OK) {
		CHECK(!store_in_txn(st));
		return rc;
	}
	for (i = 0; i < nmo; i++) {
		rc = store_mo(st, first + i);
		acked[i] = rc == STORE_OK;
		if (rc != STORE_OK && first_err == STORE_OK)
			first_err = rc;
	}
	if ((rc = store_commit(st)) != STORE_OK) {
		for (i = 0; i < nmo; i++)
			acked[i] = false;
		CHECK(!store_in_txn(st));
		return rc;
	}
	return first_err;
}

/* Rows for MO number i, counted with plain SQLite (not through the store,
 * so the fault hook cannot interfere). */
static int
rows_for(const char *dbname, int i)
{
	sqlite3		*db;
	sqlite3_stmt	*s;
	char		 path[128], src[MSG_ADDR_MAX];
	int		 n = 0;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, dbname);
	snprintf(src, sizeof(src), "+6281234567%03d", i);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "open %s: %s\n", path, sqlite3_errmsg(db));
		exit(1);
	}
	if (sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM inbox WHERE "
	    "src = ?1) + (SELECT count(*) FROM outbox WHERE dst = ?1)", -1,
	    &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, src, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int(s, 0);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

/* Every step N of a two-MO batch fails once (or from N on, sticky). Each MO
 * is either acknowledged with both its rows durable, or not acknowledged
 * with none; the store reports the injected error; it works again after. */
static void
test_every_step(bool sticky)
{
	int	f, nth, steps = -1;

	for (f = 0; f < (int)(sizeof(faults) / sizeof(faults[0])); f++) {
		struct store	*st;
		char		 name[32];
		int		 base = 0;

		snprintf(name, sizeof(name), "s-%s-%d.db", faults[f].name,
		    sticky);
		st = open_store(name);
		for (nth = 1; nth < 100; nth++, base += 10) {
			bool		acked[2], clean[2];
			enum store_rc	rc;
			int		i;

			store_fault_inject(st, nth, faults[f].rc, sticky);
			rc = batch(st, base, 2, acked);
			store_fault_inject(st, 0, 0, false);
			CHECK(!store_in_txn(st));
			if (rc == STORE_OK) {
				/* Past the last step: nothing fired. */
				CHECK(acked[0] && acked[1]);
				CHECK_INT(rows_for(name, base), 2);
				CHECK_INT(rows_for(name, base + 1), 2);
				if (steps == -1)
					steps = nth - 1;
				CHECK_INT(nth - 1, steps);
				break;
			}
			if (rc != faults[f].want)
				fprintf(stderr, "fault %s step %d: rc %s\n",
				    faults[f].name, nth, store_rc_name(rc));
			CHECK_INT(rc, faults[f].want);
			CHECK(!acked[0] || !acked[1]);
			for (i = 0; i < 2; i++) {
				int n = rows_for(name, base + i);

				/* Acked: fully stored. Not acked: nothing. */
				if (n != (acked[i] ? 2 : 0))
					fprintf(stderr, "fault %s%s step %d mo "
					    "%d: acked %d rows %d\n",
					    faults[f].name, sticky ? " sticky" :
					    "", nth, i, acked[i], n);
				CHECK_INT(n, acked[i] ? 2 : 0);
			}
			/* The store recovers: the same MOs go in cleanly. */
			rc = batch(st, base, 2, clean);
			CHECK_INT(rc, STORE_OK);
			CHECK(clean[0] && clean[1]);
			for (i = 0; i < 2; i++)
				CHECK_INT(rows_for(name, base + i),
				    acked[i] ? 4 : 2);
		}
		CHECK(nth < 100);
		store_close(st);
	}
	/* BEGIN, 2 x (SAVEPOINT, inbox, outbox, RELEASE), COMMIT. */
	CHECK_INT(steps, 10);
}

/* The single calls: each reports the injected error and leaves no row. */
static void
test_single_calls(void)
{
	int	f;

	for (f = 0; f < (int)(sizeof(faults) / sizeof(faults[0])); f++) {
		struct store	*st;
		struct msg_in	 m;
		struct msg_out	 o;
		int64_t		 id = 0;
		char		 name[32];

		snprintf(name, sizeof(name), "c-%s.db", faults[f].name);
		st = open_store(name);
		mo(&m, 900);
		CHECK_INT(store_begin(st), STORE_OK);
		store_fault_inject(st, 1, faults[f].rc, false);
		CHECK_INT(msg_inbox_add(st, &m, 0, &id), faults[f].want);
		CHECK_INT(msg_inbox_add(st, &m, 0, &id), STORE_OK);
		memset(&o, 0, sizeof(o));
		snprintf(o.link, sizeof(o.link), "smsc1");
		snprintf(o.dst, sizeof(o.dst), "%s", m.src);
		o.ussd_op = o.ussd_sid = -1;
		store_fault_inject(st, 1, faults[f].rc, false);
		CHECK_INT(msg_outbox_add(st, id, &o, 0, 60), faults[f].want);
		CHECK_INT(msg_outbox_add(st, id, &o, 0, 60), STORE_OK);
		store_fault_inject(st, 1, faults[f].rc, false);
		CHECK_INT(store_commit(st), faults[f].want);
		CHECK(!store_in_txn(st));
		CHECK_INT(rows_for(name, 900), 0);
		CHECK_INT(msg_inbox_count(st), 0);
		CHECK_INT(msg_outbox_count(st, MSG_QUEUED), 0);
		/* Sticky: a disk that stays full fails every step until
		 * disarmed, and a rollback still works. */
		store_fault_inject(st, 1, faults[f].rc, true);
		CHECK_INT(store_begin(st), faults[f].want);
		CHECK_INT(store_begin(st), faults[f].want);
		store_rollback(st);
		store_fault_inject(st, 0, 0, false);
		CHECK_INT(store_begin(st), STORE_OK);
		CHECK_INT(msg_inbox_add(st, &m, 0, &id), STORE_OK);
		CHECK_INT(store_commit(st), STORE_OK);
		CHECK_INT(rows_for(name, 900), 1);
		store_close(st);
	}
}

/* A real SQLITE_BUSY: another connection holds the write lock past the
 * busy timeout; BEGIN reports STORE_BUSY and nothing is written. */
static void
test_real_busy(void)
{
	struct store	*a, *b;

	a = open_store("busy.db");
	b = open_store("busy.db");
	CHECK_INT(store_begin(a), STORE_OK);
	CHECK_INT(store_begin(b), STORE_BUSY);
	CHECK(!store_in_txn(b));
	store_rollback(a);
	CHECK_INT(store_begin(b), STORE_OK);
	CHECK_INT(store_commit(b), STORE_OK);
	store_close(b);
	store_close(a);
}

static void
cleanup(void)
{
	char	cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cleanup of %s failed\n", tmpdir);
}

int
main(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/lapak-store-faults.XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_every_step(false);
	test_every_step(true);
	test_single_calls();
	test_real_busy();
	cleanup();
	return T_DONE();
}
