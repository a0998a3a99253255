/* Privacy (issue 13, programme.md section 6) in the commerce core on both
 * backends (the in-memory fake, tests/repo_mem.h, and SQLite): the privacy
 * line and consent times at DAFTAR and a buyer's first order, DATAKU's
 * counts, HAPUS DATA (a code asked, a wrong code, three wrong, expiry after
 * 10 minutes, the PIN as the last field, open orders listed and refusing,
 * the erasure), the operator block; then on SQLite the retention of
 * message bodies past privacy.retain_days (bodies emptied, counts kept). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commerce/commerce.h"
#include "commerce/lang.h"
#include "store/msg.h"
#include "store/privacy.h"
#include "store/repo_sqlite.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "tests/fake_secrets.h"
#include "tests/repo_mem.h"
#include "tests/t.h"
#include "tests/core_fixture.h"

#define S1	"+6281200000001"
#define S2	"+6281200000002"
#define B1	"+6285700000001"
#define B2	"+6285700000002"
#define T0	1700000000

struct backend {
	const char	*name;
	void		(*open)(struct repo *r);
	void		(*close)(void);
	void		(*block)(const char *msisdn, bool on);
};

static const struct backend *be;
static struct repo	 R;
static struct conf	 cf;
static struct act_result res;
static int64_t		 now = T0;

static struct mem_repo	*mem;
static struct store	*st;

static void
mem_be_open(struct repo *r)
{
	mem = mem_repo_new(r);
}

static void
mem_close(void)
{
	free(mem);
	mem = NULL;
}

static void
mem_block(const char *msisdn, bool on)
{
	struct mem_db	*d = &mem->db;

	if (on) {
		d->block_noticed[d->nblocked] = false;
		snprintf(d->blocked[d->nblocked++], 16, "%s", msisdn);
	} else
		d->nblocked = 0;
}

static void
sql_open(struct repo *r)
{
	char	err[256];

	if (store_open(&st, ":memory:", false, err, sizeof(err)) != 0) {
		fprintf(stderr, "store_open: %s\n", err);
		exit(2);
	}
	repo_sqlite_init(r, st);
}

static void
sql_close(void)
{
	store_close(st);
	st = NULL;
}

static void
sql_block(const char *msisdn, bool on)
{
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(privacy_block(st, msisdn, on, now), 1);
	CHECK_INT(store_commit(st), STORE_OK);
}

static const struct backend backends[] = {
	{ "mem", mem_be_open, mem_close, mem_block },
	{ "sqlite", sql_open, sql_close, sql_block },
};

static enum act_rc
run(const char *msisdn, const struct action *a)
{
	struct commerce	cm = { &R, &secrets, &cf };
	struct actor	who;
	enum act_rc	rc;

	memset(&who, 0, sizeof(who));
	snprintf(who.msisdn, sizeof(who.msisdn), "%s", msisdn);
	who.now_s = now;
	if (R.ops->begin(R.be) != REPO_OK)
		exit(2);
	rc = commerce_act(&cm, &who, a, &res);
	if (rc == ACT_ERR || rc == ACT_BUSY)
		R.ops->rollback(R.be);
	else if (R.ops->commit(R.be) != REPO_OK)
		exit(2);
	return rc;
}

static const char *
var(const char *k)
{
	const char	*v = act_get(&res.reply, k);

	return v != NULL ? v : "";
}

static int64_t
num(const char *code)
{
	return code != NULL && code[0] != '\0' ? atoll(code + 1) : -1;
}

static void
reg(const char *who, const char *shop)
{
	struct action	a = fx_act(VERB_REGISTER);

	snprintf(a.text, sizeof(a.text), "%s", shop);
	snprintf(a.village, sizeof(a.village), "Sukamaju");
	CHECK_INT(run(who, &a), ACT_OK);
}

static int64_t
sell(const char *who, const char *name)
{
	struct action	a = fx_act(VERB_SELL);

	snprintf(a.text, sizeof(a.text), "%s", name);
	a.price_rp = 15000;
	a.qty = 10;
	a.force_new = true;
	CHECK_INT(run(who, &a), ACT_OK);
	return num(var("code"));
}

static int64_t
buy(const char *who, int64_t product_id, int *code)
{
	struct action	a = fx_act(VERB_BUY);

	a.code = product_id;
	a.qty = 1;
	if (run(who, &a) != ACT_OK)
		return -1;
	if (code != NULL)
		*code = atoi(var("confirm"));
	return num(var("order"));
}

static enum act_rc
cancel(const char *who, int64_t order)
{
	struct action	a = fx_act(VERB_CANCEL);

	a.code = order;
	return run(who, &a);
}

/* HAPUS DATA with its fields as the parser leaves them: a 4-digit first
 * field is the code, the last field is also the PIN. */
static enum act_rc
erase(const char *who, const char *f1, const char *f2)
{
	struct action	a = fx_act(VERB_ERASE);

	if (f1 != NULL && strlen(f1) == 4)
		a.confirm_code = atoi(f1);
	if (f1 != NULL)
		snprintf(a.pin, sizeof(a.pin), "%s", f2 != NULL ? f2 : f1);
	return run(who, &a);
}

static struct privacy_counts
counts(const char *msisdn)
{
	struct privacy_counts	pc;

	CHECK_INT(R.ops->begin(R.be), REPO_OK);
	CHECK_INT(R.ops->privacy_counts(R.be, msisdn, &pc), REPO_OK);
	R.ops->rollback(R.be);
	return pc;
}

static void
test_consent(void)
{
	struct privacy_counts	pc;
	int64_t			p;
	bool			first = true;

	be->open(&R);
	now = T0;
	reg(S1, "Sri");
	CHECK_STR(res.reply.tmpl, "register.ok");
	CHECK_INT(counts(S1).consent_s, T0);
	now += 60;
	reg(S1, "Sri Rejeki");		/* an update: the first time stays */
	CHECK_STR(res.reply.tmpl, "register.updated");
	CHECK_INT(counts(S1).consent_s, T0);
	p = sell(S1, "Kopi");
	CHECK(buy(B1, p, NULL) > 0);
	CHECK_STR(res.reply.tmpl, "buy.ok_new");
	pc = counts(B1);
	CHECK_INT(pc.consent_s, now);
	now += 60;
	CHECK(buy(B1, p, NULL) > 0);
	CHECK_STR(res.reply.tmpl, "buy.ok");
	CHECK_INT(counts(B1).consent_s, now - 60);
	CHECK_INT(R.ops->begin(R.be), REPO_OK);
	CHECK_INT(R.ops->consent_mark(R.be, B1, false, now, &first), REPO_OK);
	CHECK(!first);
	R.ops->rollback(R.be);
	be->close();
}

static void
test_my_data(void)
{
	struct action	a = fx_act(VERB_MY_DATA);
	int64_t		p1, p2;

	be->open(&R);
	now = T0;
	reg(S1, "Sri");
	p1 = sell(S1, "Kopi");
	p2 = sell(S1, "Gula");
	CHECK(buy(B1, p1, NULL) > 0);
	CHECK(buy(B1, p2, NULL) > 0);
	CHECK_INT(cancel(B1, 2), ACT_OK);
	CHECK_INT(run(S1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "mydata.ok");
	CHECK_STR(var("shop"), "Sri");
	CHECK_STR(var("village"), "Sukamaju");
	CHECK_STR(var("products"), "2");
	CHECK_STR(var("active"), "2");
	CHECK_STR(var("orders_n"), "2");
	CHECK(strstr(var("orders"), "1 ") != NULL);
	CHECK_INT(run(B1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "mydata.none");
	CHECK_STR(var("orders_n"), "2");
	CHECK_STR(var("agents"), "0");
	CHECK_INT(run(B2, &a), ACT_OK);	/* a stranger: nothing but the number */
	CHECK_STR(res.reply.tmpl, "mydata.none");
	CHECK_STR(var("orders_n"), "0");
	CHECK_STR(var("orders"), "0");
	be->close();
}

static void
test_erase_buyer(void)
{
	int64_t		p, o;
	int		code;
	struct order	ord;

	be->open(&R);
	now = T0;
	reg(S1, "Sri");
	p = sell(S1, "Kopi");
	o = buy(B1, p, NULL);
	CHECK(o > 0);
	/* A code but nothing waits for it. */
	CHECK_INT(erase(B2, "1234", NULL), ACT_NO_PENDING);
	CHECK_STR(res.reply.tmpl, "erase.none");
	/* An open order holds the erasure back, named. */
	CHECK_INT(erase(B1, NULL, NULL), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "erase.open");
	CHECK_STR(var("orders"), "O1");
	CHECK_INT(cancel(B1, o), ACT_OK);
	/* Asked: a code; wrong codes count down, the third voids it. */
	CHECK_INT(erase(B1, NULL, NULL), ACT_OK);
	CHECK_STR(res.reply.tmpl, "erase.ask");
	CHECK_STR(var("minutes"), "10");
	code = atoi(var("code"));
	CHECK(code >= 1000);
	CHECK_INT(erase(B1, code == 1111 ? "2222" : "1111", NULL),
	    ACT_WRONG_CODE);
	CHECK_STR(res.reply.tmpl, "erase.wrong");
	CHECK_STR(var("left"), "2");
	CHECK_INT(erase(B1, code == 1111 ? "2222" : "1111", NULL),
	    ACT_WRONG_CODE);
	CHECK_STR(var("left"), "1");
	CHECK_INT(erase(B1, code == 1111 ? "2222" : "1111", NULL),
	    ACT_CODE_CANCELLED);
	CHECK_STR(res.reply.tmpl, "erase.void");
	{
		char	c[8];

		snprintf(c, sizeof(c), "%04d", code);
		CHECK_INT(erase(B1, c, NULL), ACT_NO_PENDING);
	}
	/* Expired after 10 minutes. */
	CHECK_INT(erase(B1, NULL, NULL), ACT_OK);
	code = atoi(var("code"));
	now += 601;
	{
		char	c[8];

		snprintf(c, sizeof(c), "%04d", code);
		CHECK_INT(erase(B1, c, NULL), ACT_NO_PENDING);
		CHECK_STR(res.reply.tmpl, "erase.none");
		/* The right code in time: erased. */
		CHECK_INT(erase(B1, NULL, NULL), ACT_OK);
		snprintf(c, sizeof(c), "%s", var("code"));
		now += 599;
		CHECK_INT(erase(B1, c, NULL), ACT_OK);
		CHECK_STR(res.reply.tmpl, "erase.done");
	}
	/* The seller's order stays, under a pseudonym, without the note. */
	memset(&ord, 0, sizeof(ord));
	CHECK_INT(R.ops->order_get(R.be, o, &ord, NULL, NULL), REPO_OK);
	CHECK(strcmp(ord.buyer, B1) != 0);
	CHECK(ord.buyer[0] == 'x');
	CHECK_INT(counts(B1).orders_total, 0);
	CHECK_INT(counts(B1).consent_s, 0);
	CHECK_INT(counts(S1).orders_total, 1);
	/* The request is done: a code now finds nothing. */
	CHECK_INT(erase(B1, "1234", NULL), ACT_NO_PENDING);
	be->close();
}

static void
test_erase_seller(void)
{
	struct action	a;
	struct seller	s;
	struct product	pr;
	int64_t		p, o;
	int		code;
	char		c[8];

	be->open(&R);
	now = T0;
	reg(S1, "Sri");
	reg(S2, "Budi");
	p = sell(S1, "Kopi");
	a = fx_act(VERB_PIN);
	snprintf(a.pin_new, sizeof(a.pin_new), "1234");
	CHECK_INT(run(S1, &a), ACT_OK);
	/* The PIN as the last field: missing, wrong, right. */
	CHECK_INT(erase(S1, NULL, NULL), ACT_PIN_REQUIRED);
	CHECK_INT(erase(S1, "9999", NULL), ACT_PIN_WRONG);
	CHECK_INT(erase(S1, "1234", NULL), ACT_OK);
	CHECK_STR(res.reply.tmpl, "erase.ask");
	code = atoi(var("code"));
	/* An order opened after the code still holds it back. */
	o = buy(B1, p, NULL);
	CHECK(o > 0);
	snprintf(c, sizeof(c), "%04d", code);
	CHECK_INT(erase(S1, c, "1234"), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "erase.open");
	CHECK_STR(var("orders"), "O1");
	CHECK_INT(cancel(B1, o), ACT_OK);
	CHECK_INT(erase(S1, c, "1234"), ACT_OK);
	CHECK_STR(res.reply.tmpl, "erase.done");
	CHECK_INT(R.ops->seller_get(R.be, S1, 0, &s), REPO_NOTFOUND);
	memset(&pr, 0, sizeof(pr));
	CHECK_INT(R.ops->product_get(R.be, p, &pr, NULL), REPO_OK);
	CHECK(!pr.active);
	CHECK(!counts(S1).seller);
	/* The other seller is untouched; the number registers again. */
	CHECK_INT(R.ops->seller_get(R.be, S2, 0, &s), REPO_OK);
	CHECK_STR(s.shop, "Budi");
	reg(S1, "Sri Baru");
	CHECK_STR(res.reply.tmpl, "register.ok");
	CHECK_INT(R.ops->seller_get(R.be, S1, 0, &s), REPO_OK);
	CHECK(s.pin_hash[0] == '\0');
	/* Many open orders: the first six named, then "...". */
	p = sell(S2, "Gula");
	{
		int	i;

		for (i = 0; i < 3; i++) {
			CHECK(buy(B1, p, NULL) > 0);
			CHECK(buy(B2, p, NULL) > 0);
		}
		(void)buy(S1, p, NULL);
	}
	CHECK_INT(erase(S2, NULL, NULL), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "erase.open");
	CHECK(strstr(var("orders"), " ...") != NULL);
	be->close();
}

static void
test_block(void)
{
	struct action	a;

	be->open(&R);
	now = T0;
	reg(S1, "Sri");
	(void)sell(S1, "Kopi");
	be->block(B1, true);
	a = fx_act(VERB_FIND);
	snprintf(a.text, sizeof(a.text), "kopi");
	CHECK_INT(run(B1, &a), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "com.blocked");
	/* issue 15, operators: one notice, then no reply at all */
	CHECK_INT(run(B1, &a), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "");
	CHECK_INT(res.nnotes, 0);
	a.ussd = true;				/* a USSD screen says why */
	CHECK_INT(run(B1, &a), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "com.blocked");
	a.ussd = false;
	CHECK_INT(run(S1, &a), ACT_OK);		/* others are not */
	a = fx_act(VERB_MY_DATA);
	CHECK_INT(run(B1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "mydata.none");
	CHECK_INT(erase(B1, NULL, NULL), ACT_OK);
	CHECK_STR(res.reply.tmpl, "erase.ask");
	be->block(B1, false);
	a = fx_act(VERB_FIND);
	snprintf(a.text, sizeof(a.text), "kopi");
	CHECK_INT(run(B1, &a), ACT_OK);
	/* blocked again: a notice again, once */
	be->block(B1, true);
	CHECK_INT(run(B1, &a), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "com.blocked");
	CHECK_INT(run(B1, &a), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "");
	be->close();
}

static int64_t	q1(const char *sql);

/* SQLite only: what stops abuse outlives an erasure under the keyed tag:
 * consent-request limits (issue 13, privacy). */
static void
test_kept_under_tag(void)
{
	unsigned char		sealed[REPO_CODE_BLOB];
	struct consent_counts	cc;

	sql_open(&R);
	now = T0;
	memset(sealed, 1, sizeof(sealed));
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(R.ops->consent_add(R.be, S1, B1, sealed, sizeof(sealed),
	    now, now + 600), REPO_OK);
	CHECK_INT(R.ops->consent_add(R.be, S2, B1, sealed, sizeof(sealed),
	    now, now + 600), REPO_OK);
	CHECK_INT(privacy_erase(st, B1, "62", now, NULL), STORE_OK);
	CHECK_INT(store_commit(st), STORE_OK);
	CHECK_INT(q1("SELECT count(*) FROM consent_requests WHERE msisdn = '"
	    B1 "'"), 0);
	memset(&cc, 0, sizeof(cc));
	CHECK_INT(R.ops->consent_counts(R.be, S1, B1, now - 10, now + 60,
	    now - 86400, &cc), REPO_OK);
	CHECK_INT(cc.agent_day, 1);
	CHECK_INT(cc.pair_24h, 1);
	CHECK_INT(cc.number_agents_day, 1);
	sql_close();
}

/* SQLite only: the repeat window outlives an erasure under the keyed tag
 * (no number, no words), recognises a redelivery of a command sent before
 * it within the window, schedules the sweep of its traces, takes in what
 * the sweep finds written around the erasure, and is pruned by at_ms. */
static void
test_repeat_after_erasure(void)
{
	const int64_t	now_ms = (int64_t)T0 * 1000, win = 120000;
	const char	*daftar = "DAFTAR WARUNG ZULAIKHA, SUKAMAJU";
	char		 sql[256];
	int64_t		 mo = 0;

	sql_open(&R);
	/* no tagged row: the lookup reads none and caches that */
	CHECK_INT(privacy_redelivery(st, B1, daftar, now_ms - win, now_ms,
	    &mo), 0);
	CHECK(st->tagged_known);
	CHECK_INT(st->tagged_n, 0);
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(msg_recent_put(st, B1, daftar, now_ms - 9000,
	    now_ms - 9000 - win, 11, 21), STORE_OK);
	CHECK_INT(msg_recent_put(st, B1, "JUAL KOPI 20RB 5", now_ms - 8000,
	    now_ms - 8000 - win, 12, 22), STORE_OK);
	CHECK_INT(msg_recent_put(st, B1, "", now_ms - 7000,
	    now_ms - 7000 - win, 13, 0), STORE_OK);	/* a refusal */
	CHECK_INT(msg_recent_put(st, B2, daftar, now_ms - 9000,
	    now_ms - 9000 - win, 14, 24), STORE_OK);
	CHECK_INT(privacy_erase(st, B1, "62", T0, NULL), STORE_OK);
	CHECK_INT(store_commit(st), STORE_OK);
	CHECK(!st->tagged_known);
	/* kept under the tag, with no number and no words */
	CHECK_INT(q1("SELECT count(*) FROM recent WHERE src = '" B1 "'"), 0);
	CHECK_INT(q1("SELECT count(*) FROM recent WHERE src LIKE 't%'"
	    " AND length(src) = 17 AND command = '' AND reply_id IS NULL"), 1);
	CHECK_INT(q1("SELECT count(*) FROM recent WHERE src LIKE 't%'"
	    " AND (instr(earlier, 'ZULAIKHA') > 0 OR instr(earlier, 'KOPI') > 0"
	    " OR instr(src, '81200000001') > 0)"), 0);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM recent WHERE src LIKE"
	    " 't%%' AND (hash = %lld OR instr(earlier, '%lld') > 0 OR"
	    " hash = %lld OR instr(earlier, '%lld') > 0)",
	    (long long)msg_recent_hash(daftar), (long long)msg_recent_hash(daftar),
	    (long long)msg_recent_hash("JUAL KOPI 20RB 5"),
	    (long long)msg_recent_hash("JUAL KOPI 20RB 5"));
	CHECK_INT(q1(sql), 0);	/* the hashes are keyed */
	/* the other number's row is its own */
	CHECK(msg_recent_find(st, B2, daftar, now_ms - win, 0, sql,
	    sizeof(sql), &mo));
	CHECK_INT(mo, 14);
	/* the erased number's commands within the window are repeats */
	CHECK_INT(q1("SELECT count(*) FROM erase_requests"), 1);
	CHECK_INT(privacy_sweep(st, now_ms), 1);	/* nothing queued */
	CHECK_INT(q1("SELECT count(*) FROM erase_requests"), 0);
	mo = 0;
	CHECK(!msg_recent_find(st, B1, daftar, now_ms - win, 0, sql,
	    sizeof(sql), &mo));
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(privacy_redelivery(st, B1, daftar, now_ms - win, now_ms,
	    &mo), 1);
	CHECK_INT(mo, 11);
	CHECK(st->tagged_known);
	CHECK_INT(st->tagged_n, 1);
	CHECK_INT(privacy_redelivery(st, B1, "JUAL KOPI 20RB 5", now_ms - win,
	    now_ms, &mo), 1);
	CHECK_INT(mo, 12);
	CHECK_INT(store_commit(st), STORE_OK);
	/* its traces are swept like the erasure's */
	CHECK_INT(q1("SELECT count(*) FROM erase_requests WHERE msisdn = '"
	    B1 "' AND done_s = 1700000000 AND pseudonym LIKE 'x%'"), 1);
	/* other commands, other numbers, older than the window: not */
	CHECK_INT(privacy_redelivery(st, B1, "DAFTAR TOKO BARU, SUKAMAJU",
	    now_ms - win, now_ms, &mo), 0);
	CHECK_INT(privacy_redelivery(st, S1, daftar, now_ms - win, now_ms,
	    &mo), 0);
	CHECK_INT(privacy_redelivery(st, B1, daftar, now_ms - 8500, now_ms,
	    &mo), 0);
	CHECK_INT(privacy_redelivery(st, B1, "", now_ms - win, now_ms, &mo),
	    0);
	/* the sweep takes in what was written around the erasure (the
	 * number's row after it, as the reply to HAPUS DATA leaves one) */
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(msg_recent_put(st, B1, "HAPUS DATA", now_ms,
	    now_ms - win, 15, 25), STORE_OK);
	CHECK_INT(privacy_sweep(st, now_ms + 1000), 1);
	CHECK_INT(store_commit(st), STORE_OK);
	CHECK_INT(q1("SELECT count(*) FROM recent WHERE src = '" B1 "'"), 0);
	CHECK_INT(q1("SELECT count(*) FROM recent WHERE src LIKE 't%'"), 1);
	CHECK_INT(q1("SELECT count(*) FROM recent WHERE instr(earlier,"
	    " 'HAPUS') > 0"), 0);
	CHECK_INT(privacy_redelivery(st, B1, "HAPUS DATA", now_ms - win,
	    now_ms, &mo), 1);
	CHECK_INT(mo, 15);
	CHECK_INT(privacy_redelivery(st, B1, daftar, now_ms - win, now_ms,
	    &mo), 1);
	CHECK_INT(mo, 11);
	/* pruned by at_ms like the others; the cache follows */
	CHECK_INT(msg_recent_prune(st, now_ms - 8500), STORE_OK);
	CHECK_INT(privacy_redelivery(st, B1, "HAPUS DATA", now_ms - win,
	    now_ms, &mo), 1);
	CHECK_INT(msg_recent_prune(st, now_ms + 1), STORE_OK);
	CHECK(!st->tagged_known);
	CHECK_INT(q1("SELECT count(*) FROM recent"), 0);
	CHECK_INT(privacy_redelivery(st, B1, daftar, 0, now_ms, &mo), 0);
	CHECK(st->tagged_known);
	CHECK_INT(st->tagged_n, 0);
	sql_close();
}

/* SQLite only: retention empties old bodies, keeps rows and new bodies. */
static int64_t
q1(const char *sql)
{
	sqlite3_stmt	*s = NULL;
	int64_t		 v = -1;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void
test_retention(void)
{
	const int64_t	day = 86400000LL, now_ms = (int64_t)T0 * 1000;
	struct msg_in	in;
	struct msg_out	o;
	int64_t		id, ages[] = { 400, 366, 364, 1 };
	size_t		i;

	sql_open(&R);
	CHECK_INT(store_begin(st), STORE_OK);
	for (i = 0; i < sizeof(ages) / sizeof(ages[0]); i++) {
		memset(&in, 0, sizeof(in));
		snprintf(in.link, sizeof(in.link), "smsc");
		snprintf(in.src, sizeof(in.src), "%s", B1);
		snprintf(in.dst, sizeof(in.dst), "7777");
		snprintf(in.text, sizeof(in.text), "BELI P1 antar ke %zu", i);
		in.received_ms = now_ms - ages[i] * day;
		CHECK_INT(msg_inbox_add(st, &in, 0, &id), STORE_OK);
		memset(&o, 0, sizeof(o));
		snprintf(o.link, sizeof(o.link), "smsc");
		snprintf(o.dst, sizeof(o.dst), "%s", B1);
		snprintf(o.text, sizeof(o.text), "O%zu: Kopi", i);
		o.ussd_op = o.ussd_sid = -1;
		CHECK_INT(msg_outbox_add(st, id, &o, in.received_ms, 60),
		    STORE_OK);
	}
	/* done, sent: the loop's states after the reply left */
	CHECK(sqlite3_exec(st->db, "UPDATE inbox SET state = 1;"
	    " UPDATE outbox SET state = 2", NULL, NULL, NULL) == SQLITE_OK);
	/* one MO of a year ago still waiting (state 0) keeps its body */
	memset(&in, 0, sizeof(in));
	snprintf(in.link, sizeof(in.link), "smsc");
	snprintf(in.src, sizeof(in.src), "%s", B2);
	snprintf(in.dst, sizeof(in.dst), "7777");
	snprintf(in.text, sizeof(in.text), "CARI kopi");
	in.received_ms = now_ms - 400 * day;
	CHECK_INT(msg_inbox_add(st, &in, 0, &id), STORE_OK);
	CHECK_INT(msg_inbox_pending(st, id), STORE_OK);
	CHECK_INT(privacy_retain(st, now_ms, 365), 4);
	CHECK_INT(store_commit(st), STORE_OK);
	CHECK_INT(q1("SELECT count(*) FROM inbox"), 5);
	CHECK_INT(q1("SELECT count(*) FROM outbox"), 4);
	CHECK_INT(q1("SELECT count(*) FROM inbox WHERE text = ''"), 2);
	CHECK_INT(q1("SELECT count(*) FROM outbox WHERE text = ''"), 2);
	CHECK_INT(q1("SELECT count(*) FROM inbox WHERE text LIKE 'BELI%'"
	    " AND received_ms >= " "1700000000000 - 365 * 86400000"), 2);
	CHECK_INT(q1("SELECT count(*) FROM inbox WHERE text = 'CARI kopi'"), 1);
	/* again: nothing left to change */
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(privacy_retain(st, now_ms, 365), 0);
	/* a shorter period reaches the younger rows */
	CHECK_INT(privacy_retain(st, now_ms, 30), 2);
	CHECK_INT(store_commit(st), STORE_OK);
	CHECK_INT(q1("SELECT count(*) FROM inbox WHERE text <> ''"), 2);
	sql_close();
}

int
main(void)
{
	size_t			 i;

	fx_conf(&cf, 9);
	snprintf(cf.country_code, sizeof(cf.country_code), "62");
	if (fx_words() != 0)
		return 2;
	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
		int	before = t_fail;

		be = &backends[i];
		test_consent();
		test_my_data();
		test_erase_buyer();
		test_erase_seller();
		test_block();
		printf("%s backend: %s\n", be->name,
		    t_fail == before ? "ok" : "FAILED");
	}
	test_kept_under_tag();
	test_repeat_after_erasure();
	test_retention();
	commerce_langs_set(NULL);
	return T_DONE();
}
