/* store/msg.c on :memory:: outbox states, receipts, expiry, concatenation
 * (in order, out of order, duplicate part, stale), repeat window, routes and
 * the rate limit's single notice. */
#include <stdlib.h>
#include <string.h>

#include "store/msg.h"
#include "store/store.h"
#include "tests/schema_undo.h"
#include "tests/t.h"

static struct store *
open_store(void)
{
	struct store	*st = NULL;
	char		 err[256];

	if (store_open(&st, ":memory:", false, err, sizeof(err)) == -1)
		fprintf(stderr, "store_open: %s\n", err);
	return st;
}

static int64_t
queue(struct store *st, const char *link, const char *dst, const char *text,
    int64_t now)
{
	struct msg_out	o;

	memset(&o, 0, sizeof(o));
	snprintf(o.link, sizeof(o.link), "%s", link);
	snprintf(o.dst, sizeof(o.dst), "%s", dst);
	snprintf(o.text, sizeof(o.text), "%s", text);
	o.ussd_op = o.ussd_sid = -1;
	CHECK_INT(msg_outbox_add(st, 0, &o, now, 60), STORE_OK);
	return o.id;
}

static void
test_outbox(void)
{
	struct store	*st = open_store();
	struct msg_out	 rows[8];
	enum msg_state	 s = MSG_QUEUED;
	int64_t		 a, b, c;

	CHECK(st != NULL);
	a = queue(st, "tsel", "+628111", "satu", 1000);
	b = queue(st, "tsel", "+628112", "dua", 1000);
	c = queue(st, "isat", "+628113", "tiga", 1000);
	CHECK_INT(msg_outbox_due(st, "tsel", 1000, 0, INT64_MAX, rows, 8), 2);
	CHECK_INT(rows[0].id, a);
	CHECK_STR(rows[1].text, "dua");
	CHECK_INT(msg_outbox_due(st, "tsel", 1000, a, INT64_MAX, rows, 8), 1);
	/* Rows above upto_id (committed, not yet on disk) wait. */
	CHECK_INT(msg_outbox_due(st, "tsel", 1000, 0, a, rows, 8), 1);
	CHECK_INT(rows[0].id, a);
	CHECK_INT(msg_outbox_due(st, "tsel", 1000, 0, a - 1, rows, 8), 0);
	CHECK_INT(msg_outbox_last_id(st), c);
	CHECK_INT(msg_outbox_due(st, "isat", 1000, 0, INT64_MAX, rows, 8), 1);

	/* Two segments: submitted only with the last one. */
	CHECK_INT(msg_outbox_part_ok(st, a, "abc1", false, 1100), STORE_OK);
	CHECK_INT(msg_outbox_count(st, MSG_SUBMITTED), 0);
	CHECK_INT(msg_outbox_part_ok(st, a, "abc2", true, 1100), STORE_OK);
	CHECK_INT(msg_outbox_count(st, MSG_SUBMITTED), 1);
	CHECK_INT(msg_outbox_due(st, "tsel", 1200, 0, INT64_MAX, rows, 8), 1);
	/* A receipt for either segment's id settles the message. */
	CHECK_INT(msg_outbox_receipt(st, "abc2", true, 1300), STORE_OK);
	CHECK_INT(msg_outbox_count(st, MSG_DELIVERED), 1);
	CHECK_INT(msg_outbox_receipt(st, "nope", true, 1300), STORE_NOTFOUND);

	/* Temporary failure: waits, then fails after retry_max. */
	CHECK_INT(msg_outbox_retry(st, b, 0x58, 5000, 2, &s), STORE_OK);
	CHECK_INT(s, MSG_QUEUED);
	CHECK_INT(msg_outbox_due(st, "tsel", 4999, 0, INT64_MAX, rows, 8), 0);
	CHECK_INT(msg_outbox_due(st, "tsel", 5000, 0, INT64_MAX, rows, 8), 1);
	CHECK_INT(msg_outbox_retry(st, b, 0x58, 6000, 2, &s), STORE_OK);
	CHECK_INT(msg_outbox_retry(st, b, 0x58, 7000, 2, &s), STORE_OK);
	CHECK_INT(s, MSG_FAILED);

	/* Validity: still queued past expiry -> expired, not sent. */
	CHECK_INT(msg_outbox_expire(st, 1000 + 59 * 1000), 0);
	CHECK_INT(msg_outbox_expire(st, 1000 + 61 * 1000), 1);
	CHECK_INT(msg_outbox_count(st, MSG_EXPIRED), 1);
	CHECK_INT(msg_outbox_due(st, "isat", 100000, 0, INT64_MAX, rows, 8), 0);
	(void)c;

	CHECK_INT(msg_outbox_fail(st, a, 0x0B, 9000), STORE_OK);
	CHECK_INT(msg_outbox_count(st, MSG_FAILED), 2);
	store_close(st);
}

static void
test_concat(void)
{
	struct store	*st = open_store();
	struct msg_in	 m;
	char		 full[256];

	CHECK(st != NULL);
	CHECK_INT(msg_concat_add(st, "l", "+628", 7, 3, 2, "BB", 10, full,
	    sizeof(full)), 0);
	CHECK_INT(msg_concat_add(st, "l", "+628", 7, 3, 2, "BB", 11, full,
	    sizeof(full)), 0);		/* the same part again */
	CHECK_INT(msg_concat_add(st, "l", "+628", 7, 3, 3, "CC", 12, full,
	    sizeof(full)), 0);
	/* Another sender's set with the same ref stays apart. */
	CHECK_INT(msg_concat_add(st, "l", "+629", 7, 3, 1, "XX", 12, full,
	    sizeof(full)), 0);
	CHECK_INT(msg_concat_add(st, "l", "+628", 7, 3, 1, "AA", 13, full,
	    sizeof(full)), 1);
	CHECK_STR(full, "AABBCC");
	/* Stale: what arrived, with the gap marked. */
	CHECK_INT(msg_concat_add(st, "l", "+629", 7, 3, 3, "ZZ", 14, full,
	    sizeof(full)), 0);
	CHECK_INT(msg_concat_take_stale(st, 13, &m), 1);
	CHECK_STR(m.src, "+629");
	CHECK_STR(m.text, "XX...ZZ");
	CHECK_INT(msg_concat_take_stale(st, 1000, &m), 0);
	store_close(st);
}

static void
test_recent_route_rate(void)
{
	struct store	*st = open_store();
	char		 reply[64], link[32];
	int64_t		 id = 0;
	int		 i;

	CHECK(st != NULL);
	CHECK(!msg_recent_find(st, "+628", "JUAL X 1RB", 0, 0, reply,
	    sizeof(reply), &id));
	/* The reply comes from the outbox row recorded with it. */
	{
		struct msg_in	in;
		struct msg_out	o;
		int64_t		 mo = 0;

		memset(&in, 0, sizeof(in));
		snprintf(in.link, sizeof(in.link), "tsel");
		snprintf(in.src, sizeof(in.src), "+628");
		snprintf(in.text, sizeof(in.text), "JUAL X 1rb");
		CHECK_INT(msg_inbox_add(st, &in, 0, &mo), STORE_OK);
		memset(&o, 0, sizeof(o));
		snprintf(o.link, sizeof(o.link), "tsel");
		o.ussd_op = o.ussd_sid = -1;
		snprintf(o.dst, sizeof(o.dst), "+628");
		snprintf(o.text, sizeof(o.text), "P1 ok");
		CHECK_INT(msg_outbox_add(st, mo, &o, 1000, 60), STORE_OK);
		CHECK_INT(msg_recent_put(st, "+628", "JUAL X 1RB", 1000, 0, mo,
		    o.id), STORE_OK);
		CHECK(msg_recent_find(st, "+628", "JUAL X 1RB", 900, 0, reply,
		    sizeof(reply), &id));
		CHECK_STR(reply, "P1 ok");
		CHECK_INT(id, mo);
	}
	CHECK(!msg_recent_find(st, "+628", "JUAL X 1RB", 1001, 0, reply,
	    sizeof(reply), &id));
	CHECK(!msg_recent_find(st, "+629", "JUAL X 1RB", 0, 0, reply,
	    sizeof(reply), &id));
	CHECK_INT(msg_recent_prune(st, 2000), STORE_OK);
	CHECK(!msg_recent_find(st, "+628", "JUAL X 1RB", 0, 0, reply,
	    sizeof(reply), &id));

	CHECK(!msg_route_get(st, "+628", link, sizeof(link)));
	CHECK_INT(msg_route_set(st, "+628", "tsel"), STORE_OK);
	CHECK_INT(msg_route_set(st, "+628", "isat"), STORE_OK);
	CHECK(msg_route_get(st, "+628", link, sizeof(link)));
	CHECK_STR(link, "isat");

	/* 3 a minute: three pass, one notice, then silence; a token frees in
	 * 20 s. */
	for (i = 0; i < 3; i++)
		CHECK_INT(msg_rate_take(st, "+628", 1000, 3), RATE_OK);
	CHECK_INT(msg_rate_take(st, "+628", 1000, 3), RATE_NOTICE);
	CHECK_INT(msg_rate_take(st, "+628", 2000, 3), RATE_SILENT);
	CHECK_INT(msg_rate_take(st, "+628", 3000, 3), RATE_SILENT);
	CHECK_INT(msg_rate_take(st, "+628", 23500, 3), RATE_OK);
	CHECK_INT(msg_rate_take(st, "+628", 23600, 3), RATE_NOTICE);
	CHECK_INT(msg_rate_take(st, "+629", 23600, 3), RATE_OK);
	CHECK_INT(msg_rate_take(st, "+628", 23600, 0), RATE_OK);
	store_close(st);
}

/* Adds an MO and its reply; returns the outbox row, the MO in *mo. */
static int64_t
mo_reply(struct store *st, const char *src, const char *text,
    const char *answer, int64_t *mo)
{
	struct msg_in	in;
	struct msg_out	o;

	memset(&in, 0, sizeof(in));
	snprintf(in.link, sizeof(in.link), "tsel");
	snprintf(in.src, sizeof(in.src), "%s", src);
	snprintf(in.text, sizeof(in.text), "%s", text);
	CHECK_INT(msg_inbox_add(st, &in, 0, mo), STORE_OK);
	memset(&o, 0, sizeof(o));
	snprintf(o.link, sizeof(o.link), "tsel");
	o.ussd_op = o.ussd_sid = -1;
	snprintf(o.dst, sizeof(o.dst), "%s", src);
	snprintf(o.text, sizeof(o.text), "%s", answer);
	CHECK_INT(msg_outbox_add(st, *mo, &o, 1000, 60), STORE_OK);
	return o.id;
}

/* Only the number's most recent state-changing command repeats: BELI, YA,
 * BELI, YA is two orders; a refusal in between ends the window too. The
 * earlier ones answer only an SMSC redelivering after a (re)bind. */
static void
test_recent_latest(void)
{
	struct store	*st = open_store();
	char		 reply[64];
	int64_t		 beli, ya, r_beli, r_ya, id = 0;
	int		 i;

	CHECK(st != NULL);
	r_beli = mo_reply(st, "+628", "BELI P1", "O1 ok", &beli);
	CHECK_INT(msg_recent_put(st, "+628", "BELI P1", 1000, 0, beli, r_beli),
	    STORE_OK);
	r_ya = mo_reply(st, "+628", "YA", "O1 confirmed", &ya);
	CHECK_INT(msg_recent_put(st, "+628", "YA", 2000, 0, ya, r_ya),
	    STORE_OK);
	/* BELI again: not the most recent, so a new order. */
	CHECK(!msg_recent_find(st, "+628", "BELI P1", 0, 0, reply,
	    sizeof(reply), &id));
	CHECK(msg_recent_find(st, "+628", "YA", 0, 0, reply, sizeof(reply),
	    &id));
	CHECK_STR(reply, "O1 confirmed");
	CHECK_INT(id, ya);
	/* Redelivered after a bind at 2500: BELI P1 was answered before. */
	CHECK(msg_recent_find(st, "+628", "BELI P1", 0, 2500, reply,
	    sizeof(reply), &id));
	CHECK_STR(reply, "O1 ok");
	CHECK_INT(id, beli);
	/* ... but not if it was sent after the bind, nor outside the window. */
	CHECK(!msg_recent_find(st, "+628", "BELI P1", 0, 1000, reply,
	    sizeof(reply), &id));
	CHECK(!msg_recent_find(st, "+628", "BELI P1", 1001, 2500, reply,
	    sizeof(reply), &id));
	/* A refused command ends the window; what came before stays for
	 * redelivery. */
	CHECK_INT(msg_recent_put(st, "+628", "", 3000, 0, 9, 0), STORE_OK);
	CHECK(!msg_recent_find(st, "+628", "YA", 0, 0, reply, sizeof(reply),
	    &id));
	CHECK(!msg_recent_find(st, "+628", "", 0, 0, reply, sizeof(reply),
	    &id));
	CHECK(msg_recent_find(st, "+628", "YA", 0, 5000, reply, sizeof(reply),
	    &id));
	CHECK_INT(id, ya);
	CHECK(msg_recent_find(st, "+628", "BELI P1", 0, 5000, reply,
	    sizeof(reply), &id));
	CHECK_INT(id, beli);
	/* The earlier list is bounded: many commands keep the newest few. */
	for (i = 0; i < 20; i++) {
		char	cmd[32];

		snprintf(cmd, sizeof(cmd), "STOK P1 %d", i);
		CHECK_INT(msg_recent_put(st, "+628", cmd, 4000 + i, 0, 100 + i,
		    0), STORE_OK);
	}
	CHECK(msg_recent_find(st, "+628", "STOK P1 18", 0, 9000, reply,
	    sizeof(reply), &id));
	CHECK_INT(id, 118);
	CHECK_STR(reply, "");
	CHECK(!msg_recent_find(st, "+628", "STOK P1 0", 0, 9000, reply,
	    sizeof(reply), &id));
	/* A most recent command older than the window clears the list. */
	CHECK_INT(msg_recent_put(st, "+628", "HAPUS P1", 100000, 50000, 200, 0),
	    STORE_OK);
	CHECK(!msg_recent_find(st, "+628", "STOK P1 19", 0, 200000, reply,
	    sizeof(reply), &id));
	/* One row per number. */
	{
		int64_t	 n = 0;

		CHECK_INT(msg_recent_prune(st, 100001), STORE_OK);
		CHECK(!msg_recent_find(st, "+628", "HAPUS P1", 0, 0, reply,
		    sizeof(reply), &n));
	}
	store_close(st);
}

static void
test_migrations(void)
{
	struct store	*st = open_store();
	char		 err[256];

	CHECK(st != NULL);
	CHECK_INT(store_schema_version(st), store_schema_latest());
	store_close(st);
	/* A database from a newer lapak is refused, not touched. */
	{
		const char	*path = "/tmp/lapak-test-msg.db";
		struct store	*s2 = NULL;

		remove(path);
		CHECK_INT(store_open(&s2, path, false, err, sizeof(err)), 0);
		store_close(s2);
		s2 = NULL;
		{
			char	cmd[256];

			snprintf(cmd, sizeof(cmd), "sqlite3 %s 'PRAGMA user_version=999'",
			    path);
			CHECK_INT(system(cmd), 0);
		}
		CHECK_INT(store_open(&s2, path, false, err, sizeof(err)), -1);
		CHECK(strstr(err, "newer") != NULL);
		remove(path);
	}
	/* A v4 database (the indexes v5 drops, the v4 repeat window and
	 * seller index v6 replaces) is upgraded, keeping its repeat rows. */
	{
		const char	*path = "/tmp/lapak-test-msg4.db";
		struct store	*s2 = NULL;
		char		 cmd[4096], out[32] = "";
		FILE		*p;

		remove(path);
		CHECK_INT(store_open(&s2, path, false, err, sizeof(err)), 0);
		store_close(s2);
		s2 = NULL;
		snprintf(cmd, sizeof(cmd), "sqlite3 %s \"CREATE INDEX orders_product"
		    " ON orders(product_id, state); CREATE INDEX outbox_msgid ON"
		    " outbox(message_id) WHERE message_id IS NOT NULL;"
		    " DROP TABLE recent;"
		    " CREATE TABLE recent (src TEXT NOT NULL, command TEXT NOT NULL,"
		    " at_ms INTEGER NOT NULL, reply TEXT NOT NULL, inbox_id INTEGER"
		    " NOT NULL, PRIMARY KEY (src, command)) WITHOUT ROWID;"
		    " INSERT INTO recent VALUES ('+628', 'JUAL X', 5, 'ok', 7);"
		    " DROP INDEX orders_seller; CREATE INDEX orders_seller ON"
		    " orders(seller_id, state);"
		    " DROP TABLE search_post; DROP TABLE search_vocab;"
		    " ALTER TABLE products DROP COLUMN place;"
		    SCHEMA_UNDO_V16 SCHEMA_UNDO_V15 SCHEMA_UNDO_V14 SCHEMA_UNDO_V13 SCHEMA_UNDO_V12 SCHEMA_UNDO_V11
		    SCHEMA_UNDO_V9
		    " PRAGMA user_version=4\"", path);
		CHECK_INT(system(cmd), 0);
		CHECK_INT(store_open(&s2, path, false, err, sizeof(err)), 0);
		if (s2 != NULL) {
			int64_t	 id = 0;
			char	 reply[16];

			CHECK_INT(store_schema_version(s2), store_schema_latest());
			CHECK(msg_recent_find(s2, "+628", "JUAL X", 0, 0, reply,
			    sizeof(reply), &id));
			CHECK_INT(id, 7);
			CHECK_STR(reply, "");	/* v4 rows: the note alone */
			store_close(s2);
		}
		snprintf(cmd, sizeof(cmd), "sqlite3 %s \"SELECT count(*) FROM"
		    " sqlite_schema WHERE name IN ('orders_product',"
		    " 'outbox_msgid', 'recent_at') OR sql LIKE"
		    " '%%seller_id, state%%' OR sql LIKE '%%reply TEXT%%'\"", path);
		if ((p = popen(cmd, "r")) != NULL) {
			if (fgets(out, sizeof(out), p) == NULL)
				out[0] = '\0';
			pclose(p);
		}
		CHECK_STR(out, "1\n");		/* recent_at */
		remove(path);
	}
	/* A v6 database (the window keyed by number and command) keeps each
	 * number's most recent command only. */
	{
		const char	*path = "/tmp/lapak-test-msg6.db";
		struct store	*s2 = NULL;
		char		 cmd[4096];

		remove(path);
		CHECK_INT(store_open(&s2, path, false, err, sizeof(err)), 0);
		store_close(s2);
		s2 = NULL;
		snprintf(cmd, sizeof(cmd), "sqlite3 %s \"DROP TABLE recent;"
		    " CREATE TABLE recent (src TEXT NOT NULL, command TEXT NOT NULL,"
		    " at_ms INTEGER NOT NULL, inbox_id INTEGER NOT NULL, reply_id"
		    " INTEGER, PRIMARY KEY (src, command)) WITHOUT ROWID;"
		    " CREATE INDEX recent_at ON recent(at_ms);"
		    " INSERT INTO recent VALUES ('+628', 'BELI P1', 5, 7, NULL);"
		    " INSERT INTO recent VALUES ('+628', 'YA', 6, 8, NULL);"
		    " INSERT INTO recent VALUES ('+629', 'YA', 4, 3, NULL);"
		    " DROP TABLE search_post; DROP TABLE search_vocab;"
		    " ALTER TABLE products DROP COLUMN place;"
		    SCHEMA_UNDO_V16 SCHEMA_UNDO_V15 SCHEMA_UNDO_V14 SCHEMA_UNDO_V13 SCHEMA_UNDO_V12 SCHEMA_UNDO_V11
		    SCHEMA_UNDO_V9
		    " PRAGMA user_version=6\"", path);
		CHECK_INT(system(cmd), 0);
		CHECK_INT(store_open(&s2, path, false, err, sizeof(err)), 0);
		if (s2 != NULL) {
			int64_t	 id = 0;
			char	 reply[16];

			CHECK_INT(store_schema_version(s2), store_schema_latest());
			CHECK(msg_recent_find(s2, "+628", "YA", 0, 0, reply,
			    sizeof(reply), &id));
			CHECK_INT(id, 8);
			CHECK(!msg_recent_find(s2, "+628", "BELI P1", 0, 0, reply,
			    sizeof(reply), &id));
			CHECK(msg_recent_find(s2, "+629", "YA", 0, 0, reply,
			    sizeof(reply), &id));
			CHECK_INT(id, 3);
			/* Carried-over rows have no hash: nothing pushed. */
			CHECK_INT(msg_recent_put(s2, "+628", "BELI P1", 10, 0, 9, 0),
			    STORE_OK);
			CHECK(!msg_recent_find(s2, "+628", "YA", 0, 100, reply,
			    sizeof(reply), &id));
			store_close(s2);
		}
		remove(path);
	}
}

int
main(void)
{
	test_outbox();
	test_concat();
	test_recent_route_rate();
	test_recent_latest();
	test_migrations();
	return T_DONE();
}
