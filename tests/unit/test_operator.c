/* The operator's verbs over the store (issue 15, store/operator.h): the
 * audit log, block reason, takedown reason, outbox retry (one row, every
 * failed one, refused for a queued or unknown row) and purge (never a
 * queued row), inbox and session listings (a session keeps its start),
 * and the online backup (0600, an existing file refused unless forced,
 * every committed row in the copy, no half copy left on a failure; under
 * lapakd's writes: tests/integ/test_backup.sh). */
#include <sys/stat.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/msg.h"
#include "store/operator.h"
#include "store/privacy.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "store/ussd.h"
#include "tests/t.h"

static char		 dir[] = "/tmp/lapak-operator-XXXXXX";
static struct store	*st;

static int64_t
q1(struct store *s, const char *sql)
{
	sqlite3_stmt	*q = NULL;
	int64_t		 v = -1;

	if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

static int64_t
queue(const char *dst, const char *text, int64_t now_ms)
{
	struct msg_out	o;

	memset(&o, 0, sizeof(o));
	snprintf(o.link, sizeof(o.link), "smsc1");
	snprintf(o.dst, sizeof(o.dst), "%s", dst);
	snprintf(o.text, sizeof(o.text), "%s", text);
	o.ussd_op = -1;
	o.ussd_sid = -1;
	CHECK_INT(msg_outbox_add(st, 0, &o, now_ms, 3600), STORE_OK);
	return o.id;
}

static int	nrows;
static char	seen[8][64];

static void
on_audit(void *arg, const struct op_audit *a)
{
	(void)arg;
	if (nrows < 8)
		snprintf(seen[nrows], sizeof(seen[0]), "%s|%s|%s|%s", a->user,
		    a->verb, a->target, a->outcome);
	nrows++;
}

static void
on_msg(void *arg, const struct op_msg *m)
{
	(void)arg;
	if (nrows < 8)
		snprintf(seen[nrows], sizeof(seen[0]), "%lld %d %s",
		    (long long)m->id, m->state, m->text);
	nrows++;
}

static void
on_session(void *arg, const struct op_session *s)
{
	(void)arg;
	if (nrows < 8)
		snprintf(seen[nrows], sizeof(seen[0]), "%s %lld %lld %zu",
		    s->number, (long long)s->started_ms,
		    (long long)s->updated_ms, s->state_len);
	nrows++;
}

static void
test_audit_and_reasons(void)
{
	struct op_audit	a;
	char		reason[64];

	memset(&a, 0, sizeof(a));
	a.at_s = 1700000000;
	snprintf(a.user, sizeof(a.user), "ana (sudo: budi)");
	snprintf(a.verb, sizeof(a.verb), "block");
	snprintf(a.target, sizeof(a.target), "+62812*****01");
	snprintf(a.outcome, sizeof(a.outcome), "ok");
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(op_audit_add(st, &a), STORE_OK);
	snprintf(a.verb, sizeof(a.verb), "unblock");
	CHECK_INT(op_audit_add(st, &a), STORE_OK);
	CHECK_INT(store_commit(st), STORE_OK);
	nrows = 0;
	CHECK_INT(op_audit_list(st, 10, on_audit, NULL), STORE_OK);
	CHECK_INT(nrows, 2);
	CHECK_STR(seen[0], "ana (sudo: budi)|unblock|+62812*****01|ok");
	CHECK_STR(seen[1], "ana (sudo: budi)|block|+62812*****01|ok");
	nrows = 0;
	CHECK_INT(op_audit_list(st, 1, on_audit, NULL), STORE_OK);
	CHECK_INT(nrows, 1);

	/* the block's reason: only on a block, kept under the tag */
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(op_block_reason(st, "+6281200000001", "spam"),
	    STORE_NOTFOUND);
	CHECK_INT(privacy_block(st, "+6281200000001", true, 1), 1);
	CHECK_INT(op_block_reason(st, "+6281200000001", "spam"), STORE_OK);
	CHECK_INT(store_commit(st), STORE_OK);
	CHECK_INT(op_block_get(st, "+6281200000001", reason, sizeof(reason)), 1);
	CHECK_STR(reason, "spam");
	CHECK_INT(op_block_get(st, "+6281200000002", reason, sizeof(reason)), 0);
	CHECK_INT(q1(st, "SELECT count(*) FROM number_marks WHERE reason ="
	    " 'spam' AND tag NOT LIKE '%81200000001%'"), 1);
}

static void
test_outbox(void)
{
	int64_t		now = 1700000000000LL, a, b, c, d, n = -1;
	enum msg_state	ms;

	CHECK_INT(store_begin(st), STORE_OK);
	a = queue("+6281200000001", "satu", now - 40LL * 86400000);
	b = queue("+6281200000002", "dua", now - 40LL * 86400000);
	c = queue("+6281200000001", "tiga", now - 40LL * 86400000);
	d = queue("+6281200000003", "empat", now);
	CHECK_INT(msg_outbox_fail(st, a, 0x45, now - 40LL * 86400000),
	    STORE_OK);
	CHECK_INT(msg_outbox_retry(st, b, 0x58, now, 0, &ms), STORE_OK);
	CHECK_INT(ms, MSG_FAILED);
	CHECK_INT(store_commit(st), STORE_OK);

	nrows = 0;
	CHECK_INT(op_outbox_list(st, MSG_FAILED, NULL, 10, on_msg, NULL),
	    STORE_OK);
	CHECK_INT(nrows, 2);
	nrows = 0;
	CHECK_INT(op_outbox_list(st, -1, "+6281200000001", 10, on_msg, NULL),
	    STORE_OK);
	CHECK_INT(nrows, 2);
	CHECK(strstr(seen[0], "tiga") != NULL);

	/* one row: failed -> queued, due now, fresh validity; a queued row
	 * and an unknown one refused */
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(op_outbox_retry(st, c, now, 3600, &n), STORE_CONFLICT);
	CHECK_INT(op_outbox_retry(st, 999, now, 3600, &n), STORE_NOTFOUND);
	CHECK_INT(op_outbox_retry(st, a, now, 3600, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_commit(st), STORE_OK);
	CHECK_INT(q1(st, "SELECT state FROM outbox WHERE id = 1"), MSG_QUEUED);
	CHECK_INT(q1(st, "SELECT tries FROM outbox WHERE id = 1"), 0);
	CHECK_INT(q1(st, "SELECT expires_ms - next_try_ms FROM outbox"
	    " WHERE id = 1"), 3600000);
	{
		struct msg_out	rows[8];

		/* what lapakd's pump reads: the row is due again */
		CHECK_INT(msg_outbox_due(st, "smsc1", now, 0, INT64_MAX, rows,
		    8), 3);
	}
	/* --failed: every failed one */
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(op_outbox_retry(st, 0, now, 3600, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_commit(st), STORE_OK);
	CHECK_INT(q1(st, "SELECT count(*) FROM outbox WHERE state = 3"), 0);

	/* purge: finished rows older than the cut; never a queued one */
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(msg_outbox_fail(st, a, 0x45, now), STORE_OK);
	CHECK_INT(msg_outbox_part_ok(st, b, "m-b", true, now), STORE_OK);
	CHECK_INT(op_outbox_purge(st, now - 30LL * 86400000, &n), STORE_OK);
	CHECK_INT(n, 2);
	CHECK_INT(store_commit(st), STORE_OK);
	CHECK_INT(q1(st, "SELECT count(*) FROM outbox"), 2);
	CHECK_INT(q1(st, "SELECT count(*) FROM outbox WHERE state = 0"), 2);
	CHECK_INT(q1(st, "SELECT count(*) FROM outbox_part"), 0);
	(void)d;
}

static void
test_inbox_sessions(void)
{
	struct msg_in	m;
	struct ussd_row	r;
	int64_t		id;
	char		blob[16] = "state";

	memset(&m, 0, sizeof(m));
	snprintf(m.link, sizeof(m.link), "smsc1");
	snprintf(m.src, sizeof(m.src), "+6281200000009");
	snprintf(m.dst, sizeof(m.dst), "1234");
	snprintf(m.text, sizeof(m.text), "CARI kopi");
	m.received_ms = 5000;
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(msg_inbox_add(st, &m, 0, &id), STORE_OK);
	snprintf(m.src, sizeof(m.src), "+6281200000008");
	CHECK_INT(msg_inbox_add(st, &m, 0, &id), STORE_OK);
	CHECK_INT(store_commit(st), STORE_OK);
	nrows = 0;
	CHECK_INT(op_inbox_list(st, "+6281200000009", 10, on_msg, NULL),
	    STORE_OK);
	CHECK_INT(nrows, 1);
	CHECK(strstr(seen[0], "CARI kopi") != NULL);

	/* a session keeps the time it started across its hops */
	memset(&r, 0, sizeof(r));
	snprintf(r.key, sizeof(r.key), "smsc1/7/+6281200000009");
	snprintf(r.msisdn, sizeof(r.msisdn), "+6281200000009");
	r.updated_ms = 1000;
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(ussd_sess_put(st, &r, blob, sizeof(blob)), STORE_OK);
	r.updated_ms = 4000;
	CHECK_INT(ussd_sess_put(st, &r, blob, sizeof(blob)), STORE_OK);
	CHECK_INT(store_commit(st), STORE_OK);
	nrows = 0;
	CHECK_INT(op_sessions(st, 2000, 10, on_session, NULL), STORE_OK);
	CHECK_INT(nrows, 1);
	CHECK_STR(seen[0], "+6281200000009 1000 4000 16");
	nrows = 0;
	CHECK_INT(op_sessions(st, 5000, 10, on_session, NULL), STORE_OK);
	CHECK_INT(nrows, 0);
}

static void
test_backup(void)
{
	struct store	*w = NULL, *c = NULL;
	struct stat	 sb;
	char		 db[256], dst[256], err[512];
	int		 pages = 0, i;
	int64_t		 before;

	snprintf(db, sizeof(db), "%s/live.db", dir);
	snprintf(dst, sizeof(dst), "%s/copy.db", dir);
	CHECK_INT(store_open(&w, db, false, err, sizeof(err)), 0);
	if (w == NULL)
		return;
	st = w;
	CHECK_INT(store_begin(w), STORE_OK);
	for (i = 0; i < 3000; i++)
		(void)queue("+6281200000001", "isi pesan yang cukup panjang "
		    "untuk mengisi halaman-halaman basis data", 1000 + i);
	CHECK_INT(store_commit(w), STORE_OK);
	before = q1(w, "SELECT count(*) FROM outbox");
	(void)umask(022);
	CHECK_INT(op_backup(db, dst, false, 8, 0, &pages, err, sizeof(err)),
	    0);
	CHECK(pages > 8);
	CHECK_INT(stat(dst, &sb), 0);
	CHECK_INT(sb.st_mode & 07777, 0600);
	CHECK_INT(op_backup(db, dst, false, 8, 0, &pages, err, sizeof(err)),
	    -1);
	CHECK(strstr(err, "--force") != NULL);
	CHECK_INT(stat(dst, &sb), 0);		/* the refusal kept it */
	CHECK_INT(op_backup(db, dst, true, 8, 0, &pages, err, sizeof(err)),
	    0);
	CHECK_INT(store_open(&c, dst, false, err, sizeof(err)), 0);
	if (c != NULL) {
		CHECK_INT(q1(c, "SELECT count(*) FROM outbox"), before);
		CHECK_INT(q1(c, "SELECT count(*) FROM pragma_integrity_check"
		    " WHERE integrity_check = 'ok'"), 1);
		store_close(c);
	}
	/* never over the store itself, even with force */
	CHECK_INT(op_backup(db, db, true, 8, 0, &pages, err, sizeof(err)), -1);
	CHECK(strstr(err, "the store itself") != NULL);
	CHECK_INT(q1(w, "SELECT count(*) FROM outbox"), before);
	{
		char	wal[300];

		snprintf(wal, sizeof(wal), "%s-wal", db);
		if (access(wal, F_OK) == 0) {
			CHECK_INT(op_backup(db, wal, true, 8, 0, &pages, err,
			    sizeof(err)), -1);
			CHECK(strstr(err, "-wal") != NULL);
		}
	}
	store_close(w);
	st = NULL;
	CHECK_INT(op_backup("/nonexistent/x.db", dst, true, 8, 0, &pages, err,
	    sizeof(err)), -1);
	CHECK(access(dst, F_OK) != 0);		/* no half copy left */
}

int
main(void)
{
	char	err[256];

	if (mkdtemp(dir) == NULL)
		return 2;
	if (store_open(&st, ":memory:", false, err, sizeof(err)) != 0) {
		fprintf(stderr, "store_open: %s\n", err);
		return 2;
	}
	test_audit_and_reasons();
	test_outbox();
	test_inbox_sessions();
	store_close(st);
	st = NULL;
	test_backup();
	{
		char	cmd[300];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		(void)system(cmd);
	}
	return T_DONE();
}
