/* Store fault injection: SQLITE_BUSY, SQLITE_FULL and SQLITE_IOERR at every
 * step of a small group commit, driven through the gateway's real code: two
 * MOs decoded by gw_deliver(), handled by gw_handle_batch() (each through
 * dispatch_mo() in its savepoint, with the echo handler's reply) and
 * committed by gw_commit(). The rule: an MO is either acknowledged with its
 * rows stored, or refused (the SMSC retries) with none; nothing that is not
 * stored is ever acknowledged. The single store calls are checked too. */
#include <sys/stat.h>

#include <ev.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "conf/conf.h"
#include "gateway/gw.h"
#include "gateway/gw_internal.h"
#include "gateway/mo.h"
#include "gateway/pdu.h"
#include "gateway/txn.h"
#include "store/msg.h"
#include "store/store.h"
#include "tests/t.h"

#define OLD_GEN		0xFFFFFFFFu	/* no live connection: acks go nowhere */

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

/* A gateway as lapakd runs it (echo handler, one link that never
 * connects: its acks are dropped), on st. */
static struct gw *
gateway(struct conf *c, struct ev_loop *loop, struct store *st)
{
	struct gw	*g;
	char		 err[1024];

	conf_defaults(c);
	c->nsmsc = 1;
	conf_smsc_defaults(&c->smsc[0]);
	snprintf(c->smsc[0].name, sizeof(c->smsc[0].name), "smsc1");
	snprintf(c->smsc[0].host, sizeof(c->smsc[0].host), "127.0.0.1");
	c->smsc[0].port = 9;
	snprintf(c->smsc[0].system_id, sizeof(c->smsc[0].system_id), "t");
	snprintf(c->smsc[0].password, sizeof(c->smsc[0].password), "pw");
	c->smsc[0].reconnect_min_ms = 60000;
	c->smsc[0].reconnect_max_ms = 60000;
	c->smsc[0].default_route = true;
	c->store_durable = false;
	c->mo_per_minute = 0;
	snprintf(c->handler, sizeof(c->handler), "echo");
	if ((g = gw_new(loop, c, st, err, sizeof(err))) == NULL) {
		fprintf(stderr, "gw_new: %s\n", err);
		exit(1);
	}
	return g;
}

/* A batch of nmo MOs through the gateway: deliver, handle, commit.
 * acked[i] tells whether MO i's ack waits for its commit to reach the disk
 * (it was stored and committed); the others were refused. */
static void
batch(struct gw *g, int first, int nmo, bool *acked)
{
	static struct pdu_sm	sm;	/* 64 KiB */
	struct msg_in		m;
	size_t			k;
	int			i;

	for (i = 0; i < nmo; i++) {
		mo(&m, first + i);
		memset(&sm, 0, sizeof(sm));
		sm.src_ton = 1;
		snprintf(sm.src, sizeof(sm.src), "%s", m.src + 1);
		snprintf(sm.dst, sizeof(sm.dst), "%s", m.dst);
		sm.ud_len = strlen(m.text);
		memcpy(sm.ud, m.text, sm.ud_len);
		sm.sar_ref = sm.sar_total = sm.sar_seq = -1;
		sm.ussd_op = -1;
		sm.umr = -1;
		sm.message_state = -1;
		gw_deliver(&g->links[0], g->links[0].smpp, OLD_GEN,
		    (uint32_t)(i + 1), PDU_DELIVER_SM, &sm);
		acked[i] = false;
	}
	gw_handle_batch(g);
	(void)gw_commit(g, true);
	CHECK_INT((int)g->nopen, 0);
	for (k = g->ack_head; k < g->nacks; k++) {
		CHECK(g->acks[k].commit != GW_OPEN);
		if (g->acks[k].seq >= 1 && g->acks[k].seq <= (uint32_t)nmo)
			acked[g->acks[k].seq - 1] = true;
	}
	gw_release(g);		/* not durable: every commit is "on disk" */
	CHECK(g->ack_head == g->nacks);
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
 * is either acknowledged with both its rows (inbox, reply) committed, or
 * refused with none; the gateway works again after. */
static void
test_every_step(bool sticky)
{
	int	f, nth, steps = -1;

	for (f = 0; f < (int)(sizeof(faults) / sizeof(faults[0])); f++) {
		struct ev_loop	*loop = ev_loop_new(EVFLAG_AUTO);
		struct conf	 c;
		struct store	*st;
		struct gw	*g;
		char		 name[32];
		int		 base = 0, refused = 0;

		snprintf(name, sizeof(name), "s-%s-%d.db", faults[f].name,
		    sticky);
		st = open_store(name);
		g = gateway(&c, loop, st);
		for (nth = 1; nth < 200; nth++, base += 10) {
			bool		acked[2], clean[2];
			long		fired;
			int		i;

			store_fault_inject(st, nth, faults[f].rc, sticky);
			batch(g, base, 2, acked);
			fired = store_fault_fired(st);
			store_fault_inject(st, 0, 0, false);
			CHECK(!store_in_txn(st));
			if (fired == 0) {
				/* Past the last step: nothing fired. */
				CHECK(acked[0] && acked[1]);
				CHECK_INT(rows_for(name, base), 2);
				CHECK_INT(rows_for(name, base + 1), 2);
				if (steps == -1)
					steps = nth - 1;
				CHECK_INT(nth - 1, steps);
				break;
			}
			for (i = 0; i < 2; i++) {
				int n = rows_for(name, base + i);

				/* Acked: fully stored. Not acked: nothing. */
				if (n != (acked[i] ? 2 : 0))
					fprintf(stderr, "fault %s%s step %d mo "
					    "%d: acked %d rows %d\n",
					    faults[f].name, sticky ? " sticky" :
					    "", nth, i, acked[i], n);
				CHECK_INT(n, acked[i] ? 2 : 0);
				refused += !acked[i];
			}
			/* The gateway recovers: the same MOs go in cleanly
			 * (a repeat of an acked one is answered as such:
			 * two rows more). */
			batch(g, base, 2, clean);
			CHECK(clean[0] && clean[1]);
			for (i = 0; i < 2; i++)
				CHECK_INT(rows_for(name, base + i),
				    acked[i] ? 4 : 2);
		}
		CHECK(nth < 200);
		/* Most steps are writes whose failure refuses an MO; a few
		 * are lookups the gateway does without (its route, the repeat
		 * window), answering anyway. */
		CHECK(refused > steps / 2);
		gw_free(g);
		store_close(st);
		ev_loop_destroy(loop);
	}
	/* BEGIN, 2 x (SAVEPOINT, inbox, reply, RELEASE ...), COMMIT at least. */
	CHECK(steps >= 10);
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
	log_init(LOG_LVL_ERR, "test_store_faults");
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
