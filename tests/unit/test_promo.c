/* Promotions (programme.md section 6): the parser's BERHENTI / STOP /
 * UNREG (one word allowed, a code gets the STOK hint), MULAI, LANGGANAN;
 * the core on the in-memory fake and on SQLite (pause kept with the
 * subscriptions, the limit, list paging, HAPUS <n>); the rules (one
 * segment with the stop line, quiet hours, one a day, the digest's time);
 * and on SQLite the digest's selection and a broadcast's recipients. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commerce/commerce.h"
#include "menus/cmd.h"
#include "menus/promo.h"
#include "store/repo_promo.h"
#include "store/repo_sqlite.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "tests/fake_secrets.h"
#include "tests/repo_mem.h"
#include "tests/t.h"
#include "tests/core_fixture.h"

#define B1	"+6285700000001"
#define B2	"+6285700000002"
#define S1	"+6281200000001"
#define T0	1700000000

static struct repo	 R;
static struct conf	 cf;
static struct act_result res;
static struct mem_repo	*mem;
static struct store	*st;

static enum act_rc
run(const char *msisdn, const struct action *a)
{
	struct commerce	cm = { &R, &secrets, &cf };
	struct actor	who;
	enum act_rc	rc;

	memset(&who, 0, sizeof(who));
	snprintf(who.msisdn, sizeof(who.msisdn), "%s", msisdn);
	who.now_s = T0;
	if (R.ops->begin(R.be) != REPO_OK)
		exit(2);
	rc = commerce_act(&cm, &who, a, &res);
	if (rc == ACT_ERR || rc == ACT_BUSY)
		R.ops->rollback(R.be);
	else if (R.ops->commit(R.be) != REPO_OK)
		exit(2);
	return rc;
}

static enum cmd_rc
parse(const struct cmd_table *t, const char *text, struct action *a,
    struct cmd_error *e)
{
	return cmd_parse(t, text, a, e);
}

static void
test_parser(void)
{
	struct cmd_table	*t = cmd_table_new(NULL);
	struct action		 a;
	struct cmd_error	 e;
	struct act_msg		 m;

	CHECK_INT(parse(t, "BERHENTI", &a, &e), CMD_OK);
	CHECK_INT(a.verb, VERB_STOP);
	CHECK(!a.unreg);
	CHECK_INT(parse(t, "stop", &a, &e), CMD_OK);
	CHECK_INT(a.verb, VERB_STOP);
	CHECK_INT(parse(t, "Stop promo", &a, &e), CMD_OK);
	CHECK_INT(a.verb, VERB_STOP);
	CHECK_INT(parse(t, "unreg", &a, &e), CMD_OK);
	CHECK_INT(a.verb, VERB_STOP);
	CHECK(a.unreg);
	CHECK_INT(parse(t, "UNREG lapak", &a, &e), CMD_OK);
	CHECK(a.unreg);
	/* Two words: not the refusal. */
	CHECK_INT(parse(t, "UNREG semua promo", &a, &e), CMD_BADARG);
	CHECK_STR(e.value, "promo");
	/* A code after STOP is a mistyped STOK: the hint. */
	CHECK_INT(parse(t, "STOP P1 5", &a, &e), CMD_BADARG);
	cmd_error_msg(&e, &m);
	CHECK_STR(m.tmpl, "cmd.stop_stock");
	CHECK_STR(act_get(&m, "value"), "P1");
	CHECK_INT(parse(t, "stop 17", &a, &e), CMD_BADARG);
	cmd_error_msg(&e, &m);
	CHECK_STR(m.tmpl, "cmd.stop_stock");
	CHECK_INT(parse(t, "MULAI", &a, &e), CMD_OK);
	CHECK_INT(a.verb, VERB_START);
	CHECK_INT(parse(t, "start", &a, &e), CMD_OK);
	CHECK_INT(a.verb, VERB_START);
	CHECK_INT(parse(t, "MULAI lagi", &a, &e), CMD_BADARG);
	CHECK_INT(parse(t, "LANGGANAN", &a, &e), CMD_OK);
	CHECK_INT(a.verb, VERB_SUBSCRIBE);
	CHECK_INT(a.sub_op, SUB_LIST);
	CHECK_INT(parse(t, "langganan desa Suka Maju", &a, &e), CMD_OK);
	CHECK_INT(a.sub_op, SUB_PLACE);
	CHECK_STR(a.text, "Suka Maju");
	CHECK_INT(parse(t, "SUBSCRIBE VILLAGE Tayu", &a, &e), CMD_OK);
	CHECK_INT(a.sub_op, SUB_PLACE);
	CHECK_INT(parse(t, "LANGGANAN DESA", &a, &e), CMD_BADARG);
	CHECK_INT(parse(t, "LANGGANAN kopi", &a, &e), CMD_OK);
	CHECK_INT(a.sub_op, SUB_WORD);
	CHECK_STR(a.text, "kopi");
	CHECK_INT(parse(t, "LANGGANAN kopi bubuk", &a, &e), CMD_BADARG);
	CHECK_INT(parse(t, "LANGGANAN P12", &a, &e), CMD_BADARG);
	CHECK_INT(parse(t, "LANGGANAN HAPUS 2", &a, &e), CMD_OK);
	CHECK_INT(a.sub_op, SUB_DROP);
	CHECK_INT(a.choice, 2);
	CHECK_INT(parse(t, "SUBSCRIBE DEL 1", &a, &e), CMD_OK);
	CHECK_INT(a.sub_op, SUB_DROP);
	CHECK_INT(parse(t, "LANGGANAN HAPUS x", &a, &e), CMD_BADARG);
	CHECK_INT(parse(t, "LANGGANAN HAPUS 0", &a, &e), CMD_BADARG);
	cmd_error_msg(&e, &m);
	CHECK_STR(m.tmpl, "bad.subscribe");
	cmd_table_free(t);
}

static void
test_rules(void)
{
	char	out[400], body[200];
	int	h, mi;
	int64_t	d1, d2;

	/* One segment with the stop line: 160 septets in all. */
	memset(body, 'a', 139);
	body[139] = '\0';
	CHECK_INT(promo_fit(body, "Stop promosi: BERHENTI", out, sizeof(out)),
	    2);		/* 139 + 1 + 22 = 162 */
	body[137] = '\0';
	CHECK_INT(promo_fit(body, "Stop promosi: BERHENTI", out, sizeof(out)),
	    0);
	CHECK(strstr(out, "\nStop promosi: BERHENTI") != NULL);
	/* Extension characters count two. */
	body[136] = '[';
	CHECK_INT(promo_fit(body, "Stop promosi: BERHENTI", out, sizeof(out)),
	    1);
	/* Not GSM-7. */
	CHECK_INT(promo_fit("Promo \xe4\xbd\xa0", "Stop", out, sizeof(out)), -1);
	/* Quiet hours: 21:00 to 06:59. */
	CHECK(promo_quiet(21));
	CHECK(promo_quiet(23));
	CHECK(promo_quiet(0));
	CHECK(promo_quiet(6));
	CHECK(!promo_quiet(7));
	CHECK(!promo_quiet(20));
	/* One a day. */
	CHECK(promo_may_send(-1, 100));
	CHECK(promo_may_send(99, 100));
	CHECK(!promo_may_send(100, 100));
	/* The digest's time. */
	CHECK_INT(promo_minutes("08:00"), 480);
	CHECK_INT(promo_minutes("23:59"), 1439);
	CHECK_INT(promo_minutes("8"), -1);
	CHECK_INT(promo_minutes("24:00"), -1);
	CHECK(!promo_digest_due(479, 480));
	CHECK(promo_digest_due(480, 480));
	CHECK(promo_digest_due(1200, 480));
	CHECK(!promo_digest_due(1261, 480));	/* 21:01: quiet */
	/* Local days in Asia/Jakarta (UTC+7): 16:59 UTC is 23:59, 17:00 UTC
	 * the next day's 00:00. 1700000000 is 2023-11-14 22:13:20 UTC. */
	d1 = promo_local_day(1699981199, &h, &mi);	/* 16:59:59 UTC */
	CHECK_INT(h, 23);
	CHECK_INT(mi, 59);
	d2 = promo_local_day(1699981200, &h, &mi);
	CHECK_INT(h, 0);
	CHECK_INT(d2, d1 + 1);
	CHECK_INT(d1, 19675);		/* 2023-11-14 */
}

static void
sell(const char *who, const char *name)
{
	struct action	a = fx_act(VERB_SELL);

	snprintf(a.text, sizeof(a.text), "%s", name);
	a.price_rp = 15000;
	a.qty = 10;
	CHECK_INT(run(who, &a), ACT_OK);
}

static void
test_core(bool sqlite)
{
	struct action	a = fx_act(VERB_STOP), s = fx_act(VERB_SUBSCRIBE);
	struct action	more = fx_act(VERB_MORE);
	const char	*words[] = { "kopi", "gula", "teh", "beras", "kain" };
	int64_t		at;
	int		i, n;

	/* STOP: paused, the reply names MULAI and HAPUS DATA's template. */
	CHECK_INT(run(B1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "stop.ok");
	CHECK_INT(R.ops->promo_paused(R.be, B1, &at), REPO_OK);
	CHECK_INT(at, T0);
	/* UNREG from a seller: the shop still exists. */
	{
		struct action	r = fx_act(VERB_REGISTER);

		snprintf(r.text, sizeof(r.text), "Sri");
		snprintf(r.village, sizeof(r.village), "Sukamaju");
		CHECK_INT(run(S1, &r), ACT_OK);
	}
	a.unreg = true;
	CHECK_INT(run(S1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "stop.unreg_seller");
	a.unreg = true;
	CHECK_INT(run(B2, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "stop.ok");
	/* Subscribing while paused says so; the pause stays. */
	s.sub_op = SUB_WORD;
	snprintf(s.text, sizeof(s.text), "Kopi");
	CHECK_INT(run(B1, &s), ACT_OK);
	CHECK_STR(res.reply.tmpl, "subscribe.ok_paused");
	CHECK_STR(act_get(&res.reply, "what"), "'kopi'");
	CHECK_INT(run(B1, &s), ACT_OK);
	CHECK_STR(res.reply.tmpl, "subscribe.exists");
	/* MULAI resumes, subscriptions kept. */
	CHECK_INT(run(B1, &(struct action){ .verb = VERB_START,
	    .confirm_code = -1 }), ACT_OK);
	CHECK_STR(res.reply.tmpl, "start.ok");
	CHECK_STR(act_get(&res.reply, "count"), "1");
	CHECK_INT(R.ops->promo_paused(R.be, B1, &at), REPO_OK);
	CHECK_INT(at, 0);
	/* The limit. */
	for (i = 1; i < 5; i++) {
		snprintf(s.text, sizeof(s.text), "%s", words[i]);
		CHECK_INT(run(B1, &s), ACT_OK);
		CHECK_STR(res.reply.tmpl, "subscribe.ok");
	}
	snprintf(s.text, sizeof(s.text), "jahe");
	CHECK_INT(run(B1, &s), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "subscribe.limit");
	CHECK_STR(act_get(&res.reply, "max"), "5");
	/* The list, paged: 3 then LAGI 2. */
	s.sub_op = SUB_LIST;
	CHECK_INT(run(B1, &s), ACT_OK);
	CHECK_STR(res.reply.tmpl, "subscribe.list");
	CHECK_INT(res.reply.nrows, 3);
	CHECK(res.reply.more);
	CHECK_STR(act_get(&res.reply, "count"), "5");
	CHECK_INT(run(B1, &more), ACT_OK);
	CHECK_INT(res.reply.nrows, 2);
	CHECK_STR(res.reply.rows[1].vars[1].val, "'kain'");
	/* HAPUS 2 ends "gula"; HAPUS 9 is none. */
	s.sub_op = SUB_DROP;
	s.choice = 2;
	CHECK_INT(run(B1, &s), ACT_OK);
	CHECK_STR(res.reply.tmpl, "subscribe.drop_ok");
	CHECK_STR(act_get(&res.reply, "what"), "'gula'");
	CHECK_INT(R.ops->sub_count(R.be, B1, &n), REPO_OK);
	CHECK_INT(n, 4);
	s.choice = 9;
	CHECK_INT(run(B1, &s), ACT_NOT_FOUND);
	CHECK_STR(res.reply.tmpl, "subscribe.drop_none");
	/* Empty list for someone else; an unknown place. */
	s.sub_op = SUB_LIST;
	CHECK_INT(run(B2, &s), ACT_OK);
	CHECK_STR(res.reply.tmpl, "subscribe.empty");
	s.sub_op = SUB_PLACE;
	snprintf(s.text, sizeof(s.text), "Atlantis");
	CHECK_INT(run(B2, &s), ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "subscribe.no_place");
	/* A new subscription covers only products listed after it. */
	sell(S1, "Kopi Robusta");
	s.sub_op = SUB_WORD;
	snprintf(s.text, sizeof(s.text), "robusta");
	CHECK_INT(run(B2, &s), ACT_OK);
	if (!sqlite)
		CHECK_INT(mem->db.subs[mem->db.nsubs - 1].seen_pid,
		    mem->db.products[mem->db.nproducts - 1].id);
}

/* On SQLite: the digest's selection and a broadcast's recipients. */
static void
test_store(void)
{
	struct sub_line		 subs[8];
	struct promo_item	 it[8];
	struct promo_to		 to[8];
	int64_t			 top, id, n, day;
	bool			 paused;
	char			 lang[8];
	int			 ns, k, i, robusta = -1;

	/* B2's "robusta" (made after Kopi Robusta): nothing new yet. */
	ns = store_promo_subs(st, B2, subs, 8);
	CHECK_INT(ns, 1);
	CHECK_INT(store_promo_digest_items(st, subs[0].id, it, 8, &top), 0);
	sell(S1, "Kopi Robusta Lampung");
	sell(S1, "Gula Aren");
	sell(S1, "robusta sachet");
	k = store_promo_digest_items(st, subs[0].id, it, 8, &top);
	CHECK_INT(k, 2);
	CHECK_STR(it[0].name, "Kopi Robusta Lampung");
	CHECK_STR(it[1].name, "robusta sachet");
	CHECK_INT(top, it[1].pid);
	CHECK_INT(store_promo_seen(st, subs[0].id, top), STORE_OK);
	CHECK_INT(store_promo_digest_items(st, subs[0].id, it, 8, &top), 0);
	/* The digest reads only numbers with a subscription. */
	{
		char	nums[8][MSG_ADDR_MAX];

		CHECK_INT(store_promo_digest_numbers(st, "", nums, 8), 2);
		CHECK_STR(nums[0], B1);
		CHECK_STR(nums[1], B2);
	}
	(void)robusta;
	/* A broadcast to subscribers: B1 and B2, not S1 (no subscription).
	 * Pause B2 first: fixed out at once. */
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(sq_promo_pause(st, B2, T0), REPO_OK);
	CHECK_INT(store_broadcast_add(st, "subscribers", "", "", "Pasar desa "
	    "Sabtu ini", T0, &id, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_broadcast_add(st, "subscribers", "", "kopi", "Kopi",
	    T0, &id, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_broadcast_add(st, "subscribers", "", "jahe", "Jahe",
	    T0, &id, &n), STORE_OK);
	CHECK_INT(n, 0);
	/* S1, the only seller, sent UNREG in test_core: paused, none. */
	CHECK_INT(store_broadcast_add(st, "sellers", "", "", "Pelatihan",
	    T0, &id, &n), STORE_OK);
	CHECK_INT(n, 0);
	CHECK_INT(store_commit(st), STORE_OK);
	CHECK_INT(store_promo_bcast_next(st, 0, "", to, 8), 2);
	CHECK_STR(to[0].msisdn, B1);
	CHECK_STR(to[0].text, "Pasar desa Sabtu ini");
	CHECK_STR(to[1].text, "Kopi");
	/* After the cursor: only the second. */
	CHECK_INT(store_promo_bcast_next(st, to[0].bid, to[0].msisdn, to + 2,
	    6), 1);
	/* Marked: never offered again, and the broadcast is done (so are
	 * the two without recipients). */
	CHECK_INT(store_promo_bcast_mark(st, to[0].bid, to[0].msisdn, T0),
	    STORE_OK);
	CHECK_INT(store_promo_bcast_finish(st, T0), 3);
	CHECK_INT(store_promo_bcast_next(st, 0, "", to, 8), 1);
	CHECK_INT(store_promo_bcast_waiting(st), 1);
	/* One a day, by number. */
	CHECK_INT(store_promo_number(st, B1, &paused, &day, lang,
	    sizeof(lang)), STORE_OK);
	CHECK(!paused);
	CHECK_INT(day, -1);
	CHECK_INT(store_promo_sent(st, B1, 19675), STORE_OK);
	CHECK_INT(store_promo_number(st, B1, &paused, &day, lang,
	    sizeof(lang)), STORE_OK);
	CHECK_INT(day, 19675);
	CHECK(!promo_may_send(day, 19675));
	CHECK(promo_may_send(day, 19676));
	CHECK_INT(store_promo_number(st, B2, &paused, &day, lang,
	    sizeof(lang)), STORE_OK);
	CHECK(paused);
	for (i = 0; i < 1; i++)
		CHECK_INT(store_promo_lane_queued(st), 0);
}

int
main(void)
{
	char	err[256];

	fx_conf(&cf, 3);
	snprintf(cf.country_code, sizeof(cf.country_code), "62");
	setenv("TZ", "Asia/Jakarta", 1);
	tzset();
	test_parser();
	test_rules();
	mem = mem_repo_new(&R);
	test_core(false);
	free(mem);
	if (store_open(&st, ":memory:", false, err, sizeof(err)) != 0) {
		fprintf(stderr, "store_open: %s\n", err);
		return 2;
	}
	repo_sqlite_init(&R, st);
	test_core(true);
	test_store();
	store_close(st);
	return T_DONE();
}
