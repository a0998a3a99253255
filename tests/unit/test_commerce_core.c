/* The commerce core (commerce/) on two backends of its repository: the
 * in-memory fake (tests/repo_mem.h) and the SQLite store (store/
 * repo_sqlite.c), same cases on both. Every row of the order transition
 * table is taken and checked against what the row says (state, stock,
 * timer, reply, note), and every refusal the core can answer is reached. */
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commerce/commerce.h"
#include "commerce/lang.h"
#include "store/repo_courier.h"	/* couriers: store_courier_add */
#include "store/repo_sqlite.h"
#include "store/store.h"
#include "store/store_internal.h"	/* issue 12, reports: agents rows */
#include "tests/fake_secrets.h"
#include "tests/repo_mem.h"
#include "tests/t.h"

#define S1	"+6281200000001"
#define S2	"+6281200000002"
#define B1	"+6285700000001"
#define B2	"+6285700000002"
#define K1	"+6281300000001"	/* couriers: an enrolled courier */
#define T0	1700000000

/* One backend under test. */
struct backend {
	const char	*name;
	void		(*open)(struct repo *r);
	void		(*close)(void);
	/* The next action's first write (after its language lookup) fails
	 * with BUSY (busy) or ERR. */
	void		(*fault)(bool busy);
	/* couriers: enrols msisdn (what lapakctl courier add does) */
	void		(*enrol)(const char *msisdn, const char *name,
			    int64_t fee_rp);
};

static const struct backend *be;
static struct repo	 R;
static struct conf	 cf;
static struct act_result res;
static int64_t		 now = T0;
static bool		 row_seen[64];

/* Backends. */

static struct mem_repo	*mem;

static void
mem_backend_open(struct repo *r)
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
mem_fault_next(bool busy)
{
	mem->fault_nth = 2;		/* number_lang, then number_touch */
	mem->fault_rc = busy ? REPO_BUSY : REPO_ERR;
}

static void
mem_enrol(const char *msisdn, const char *name, int64_t fee_rp)
{
	mem_courier_add(mem, msisdn, name, "", fee_rp);
}

static struct store	*st;

static void
sql_enrol(const char *msisdn, const char *name, int64_t fee_rp)
{
	CHECK_INT(store_courier_add(st, msisdn, name, "", fee_rp, now),
	    STORE_OK);
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
sql_fault_next(bool busy)
{
	/* BEGIN, the language lookup, then the number's INSERT. */
	store_fault_inject(st, 3, busy ? SQLITE_BUSY : SQLITE_IOERR, false);
}

static const struct backend backends[] = {
	{ "mem", mem_backend_open, mem_close, mem_fault_next, mem_enrol },
	{ "sqlite", sql_open, sql_close, sql_fault_next, sql_enrol },
};

/* Helpers. */

static struct action
act(enum verb v)
{
	struct action	a;

	memset(&a, 0, sizeof(a));
	a.verb = v;
	a.confirm_code = -1;
	return a;
}

static enum act_rc
run(const char *msisdn, const struct action *a)
{
	struct commerce	cm = { &R, &secrets, &cf };
	struct actor	who;
	enum act_rc	rc;

	memset(&who, 0, sizeof(who));
	snprintf(who.msisdn, sizeof(who.msisdn), "%s", msisdn);
	who.now_s = now;
	if (R.ops->begin(R.be) != REPO_OK) {
		fprintf(stderr, "%s: begin failed\n", be->name);
		exit(2);
	}
	rc = commerce_act(&cm, &who, a, &res);
	if (rc == ACT_ERR || rc == ACT_BUSY)
		R.ops->rollback(R.be);
	else if (R.ops->commit(R.be) != REPO_OK) {
		fprintf(stderr, "%s: commit failed\n", be->name);
		exit(2);
	}
	return rc;
}

static const char *
var(const char *k)
{
	return act_get(&res.reply, k);
}

static int64_t
num(const char *code)
{
	return code != NULL && code[0] != '\0' ? atoll(code + 1) : -1;
}

static struct product
product(int64_t id)
{
	struct product	p;

	memset(&p, 0, sizeof(p));
	CHECK_INT(R.ops->product_get(R.be, id, &p, NULL), REPO_OK);
	return p;
}

static struct order
order(int64_t id)
{
	struct order	o;

	memset(&o, 0, sizeof(o));
	CHECK_INT(R.ops->order_get(R.be, id, &o, NULL, NULL), REPO_OK);
	return o;
}

static void
reg(const char *who, const char *shop)
{
	struct action	a = act(VERB_REGISTER);

	snprintf(a.text, sizeof(a.text), "%s", shop);
	snprintf(a.village, sizeof(a.village), "Sukamaju");
	CHECK_INT(run(who, &a), ACT_OK);
}

static int64_t
sell(const char *who, const char *name, int64_t price, int64_t qty)
{
	struct action	a = act(VERB_SELL);

	snprintf(a.text, sizeof(a.text), "%s", name);
	a.price_rp = price;
	a.qty = qty;
	a.force_new = true;
	CHECK_INT(run(who, &a), ACT_OK);
	return num(var("code"));
}

/* BELI: the order number, the code in *code. */
static int64_t
buy(const char *who, int64_t product_id, int64_t qty, int *code)
{
	struct action	a = act(VERB_BUY);

	a.code = product_id;
	a.qty = qty;
	if (run(who, &a) != ACT_OK)
		return -1;
	if (code != NULL)
		*code = atoi(var("confirm"));
	return num(var("order"));
}

static enum act_rc
yes(const char *who, int code)
{
	struct action	a = act(VERB_CONFIRM);

	a.confirm_code = code;
	return run(who, &a);
}

static enum act_rc
order_cmd(const char *who, enum verb v, int64_t id, const char *text)
{
	struct action	a = act(v);

	a.code = id;
	snprintf(a.text, sizeof(a.text), "%s", text != NULL ? text : "");
	return run(who, &a);
}

static int
expire(int64_t at, struct act_result *out, int max)
{
	struct commerce	cm = { &R, &secrets, &cf };
	int		n;

	CHECK_INT(R.ops->begin(R.be), REPO_OK);
	n = commerce_expire_due(&cm, at, out, max);
	if (n < 0)
		R.ops->rollback(R.be);
	else
		CHECK_INT(R.ops->commit(R.be), REPO_OK);
	return n;
}

static void
fresh(void)
{
	be->open(&R);
	now = T0;
	reg(S1, "Sri");
	reg(S2, "Budi");
	be->enrol(K1, "Andi", 5000);	/* couriers */
}

/* An order of B1 for 2 units of product p, brought to state s. */
static int64_t
order_in(int64_t p, enum order_state s)
{
	int	code;
	int64_t	o = buy(B1, p, 2, &code);

	CHECK(o > 0);
	if (s == ORDER_PENDING)
		return o;
	CHECK_INT(yes(B1, code), ACT_OK);
	if (s == ORDER_CONFIRMED)
		return o;
	CHECK_INT(order_cmd(S1, VERB_ACCEPT, o, NULL), ACT_OK);
	if (s == ORDER_ACCEPTED)
		return o;
	CHECK_INT(order_cmd(S1, VERB_SHIP, o, NULL), ACT_OK);
	CHECK_INT(s, ORDER_SHIPPED);
	return o;
}

/* couriers: the buyer's delivery code of the last order_in_courier. */
static int	drop_code = -1;

/* An order of B1 for 2 units of p brought to s (accepted, assigned or
 * shipped) the courier's way: KURIR to K1, AMBIL by K1. */
static int64_t
order_in_courier(int64_t p, enum order_state s)
{
	struct action	a = act(VERB_COURIER);
	int64_t		o = order_in(p, ORDER_ACCEPTED);
	const char	*d;

	if (s == ORDER_ACCEPTED)
		return o;
	a.code = o;
	snprintf(a.target, sizeof(a.target), "%s", K1);
	CHECK_INT(run(S1, &a), ACT_OK);
	if (s == ORDER_ASSIGNED)
		return o;
	CHECK_INT(order_cmd(K1, VERB_PICKUP, o, NULL), ACT_OK);
	CHECK_INT(res.nnotes, 1);
	d = res.nnotes > 0 ? act_get(&res.notes[0], "drop") : NULL;
	drop_code = d != NULL ? atoi(d) : -1;
	CHECK_INT(s, ORDER_SHIPPED);
	return o;
}

/* A row the courier's way: a courier event, from assigned, or the
 * deliver timer of a shipped order. */
static bool
courier_row(const struct order_transition *t)
{
	return t->ev == EV_ASSIGN || t->ev == EV_GIVE_BACK ||
	    t->ev == EV_PICKUP || t->ev == EV_DELIVER || t->ev == EV_FAIL ||
	    t->ev == EV_UNASSIGN || t->from == ORDER_ASSIGNED ||
	    (t->from == ORDER_SHIPPED && t->ev == EV_EXPIRE);
}

/* Takes row t from its from-state and checks all it promises. */
static void
take_row(size_t i, const struct order_transition *t)
{
	struct commerce	 cm = { &R, &secrets, &cf };
	struct product	 before, after;
	struct act_result *r = &res;
	struct act_msg	*reply = &res.reply, *note = NULL;
	struct action	 a;
	int64_t		 p, o = -1;
	int		 k, n, kept;
	struct act_result expired[4];
	const char	*actor = NULL;	/* who acted (courier rows' notes) */

	fresh();
	p = sell(S1, "Kopi Toraja", 15000, 10);
	if (t->from != ORDER_NONE)
		o = courier_row(t) ? order_in_courier(p, t->from) :
		    order_in(p, t->from);
	before = product(p);
	switch (t->ev) {
	case EV_BUY:
		o = buy(B1, p, 2, NULL);
		CHECK(o > 0);
		break;
	case EV_CONFIRM:
		CHECK_INT(yes(B1, -1), ACT_OK);
		break;
	case EV_CODE_SPENT:
		for (k = 1; k < cf.confirm_attempts; k++)
			CHECK_INT(yes(B1, 1), ACT_WRONG_CODE);
		CHECK_INT(yes(B1, 1), ACT_CODE_CANCELLED);
		break;
	case EV_ACCEPT:
	case EV_REJECT:
	case EV_SHIP:
	case EV_CANCEL:
	case EV_RECEIVED: {
		static const enum verb verbs[EV__N] = {
			[EV_ACCEPT] = VERB_ACCEPT, [EV_REJECT] = VERB_REJECT,
			[EV_SHIP] = VERB_SHIP, [EV_CANCEL] = VERB_CANCEL,
			[EV_RECEIVED] = VERB_RECEIVED,
		};

		CHECK_INT(order_cmd(t->who & BY_BUYER ? B1 : S1, verbs[t->ev],
		    o, NULL), ACT_OK);
		break;
	}
	case EV_EXPIRE:
		n = expire(order(o).expires_at, expired, 4);
		CHECK_INT(n, 1);
		r = &expired[0];
		reply = &expired[0].reply;
		/* couriers: the seller has the reply when the courier has
		 * the note */
		CHECK_STR(reply->to, t->notify == PARTY_COURIER ? S1 : B1);
		break;
	/* couriers: their events by K1 (GAGAL also by the seller:
	 * test_courier.c), the seller's KURIR, lapakctl courier remove */
	case EV_ASSIGN:
		a = act(VERB_COURIER);
		a.code = o;
		snprintf(a.target, sizeof(a.target), "%s", K1);
		CHECK_INT(run(S1, &a), ACT_OK);
		actor = S1;
		break;
	case EV_GIVE_BACK:
	case EV_PICKUP:
	case EV_FAIL: {
		static const enum verb verbs[EV__N] = {
			[EV_GIVE_BACK] = VERB_CANCEL, [EV_PICKUP] = VERB_PICKUP,
			[EV_FAIL] = VERB_FAILED,
		};

		CHECK(t->who & BY_COURIER);
		CHECK_INT(order_cmd(K1, verbs[t->ev], o, "x"), ACT_OK);
		actor = K1;
		break;
	}
	case EV_DELIVER:
		a = act(VERB_DELIVER);
		a.code = o;
		a.confirm_code = drop_code;
		CHECK_INT(run(K1, &a), ACT_OK);
		actor = K1;
		break;
	case EV_UNASSIGN:
		CHECK_INT(R.ops->begin(R.be), REPO_OK);
		CHECK_INT(commerce_courier_remove(&cm, K1, now, expired, 4, &n,
		    &kept), 0);
		CHECK_INT(R.ops->commit(R.be), REPO_OK);
		CHECK_INT(n, 1);
		r = &expired[0];
		reply = &expired[0].reply;
		CHECK_STR(reply->to, S1);
		break;
	default:
		CHECK(!"event");
	}
	row_seen[i] = true;
	/* issue 13, privacy: a buyer's first order reply is buy.ok_new (the
	 * same with the privacy line). */
	CHECK_STR(strcmp(reply->tmpl, "buy.ok_new") == 0 ? "buy.ok" :
	    reply->tmpl, commerce_tmpl_name(t->reply));
	CHECK_INT(order(o).state, t->to);
	after = product(p);
	switch (t->stock) {
	case STOCK_KEEP:
		CHECK_INT(after.reserved, before.reserved);
		CHECK_INT(after.stock, before.stock);
		break;
	case STOCK_RESERVE:
		CHECK_INT(after.reserved, before.reserved + 2);
		CHECK_INT(after.stock, before.stock);
		break;
	case STOCK_RELEASE:
		CHECK_INT(after.reserved, before.reserved - 2);
		CHECK_INT(after.stock, before.stock);
		break;
	case STOCK_CONSUME:
		CHECK_INT(after.reserved, before.reserved - 2);
		CHECK_INT(after.stock, before.stock - 2);
		break;
	case STOCK_RESTORE:	/* couriers: GAGAL after pickup */
		CHECK_INT(after.reserved, before.reserved);
		CHECK_INT(after.stock, before.stock + 2);
		break;
	}
	switch (t->timer) {
	case TIMER_NONE:
		CHECK_INT(order(o).expires_at, -1);
		break;
	case TIMER_CONFIRM:
		CHECK_INT(order(o).expires_at, now + cf.confirm_timeout_s);
		break;
	case TIMER_ACCEPT:
		CHECK_INT(order(o).expires_at, now + cf.accept_timeout_s);
		break;
	case TIMER_PICKUP:	/* couriers: KURIR */
		CHECK_INT(order(o).expires_at, now + cf.couriers_pickup_s);
		break;
	case TIMER_DELIVER:	/* KIRIM */
		CHECK_INT(order(o).expires_at, now + cf.deliver_timeout_s);
		break;
	}
	/* PARTY_ALL: buyer, seller and courier but the one who acted */
	CHECK_INT(r->nnotes, t->notify == PARTY_ALL ? 2 :
	    t->notify != PARTY_NONE);
	for (k = 0; k < r->nnotes && t->notify != PARTY_NONE; k++) {
		note = &r->notes[k];
		CHECK_STR(note->tmpl, commerce_tmpl_name(t->note));
		if (t->notify == PARTY_ALL)
			CHECK((strcmp(note->to, B1) == 0 ||
			    strcmp(note->to, S1) == 0 ||
			    strcmp(note->to, K1) == 0) &&
			    strcmp(note->to, actor != NULL ? actor : "") != 0);
		else
			CHECK_STR(note->to, t->notify == PARTY_BUYER ? B1 :
			    t->notify == PARTY_COURIER ? K1 : S1);
		CHECK_STR(act_get(note, "order"), act_get(reply, "order"));
	}
	if (r->nnotes == 2)
		CHECK(strcmp(r->notes[0].to, r->notes[1].to) != 0);
	be->close();
}

static void
test_transitions(void)
{
	const struct order_transition	*t = NULL;
	size_t				 n, i, k;

	t = commerce_transitions(&n);
	CHECK(n > 0 && n <= sizeof(row_seen));
	memset(row_seen, 0, sizeof(row_seen));
	for (i = 0; i < n; i++)
		take_row(i, &t[i]);
	for (i = 0; i < n; i++)
		CHECK(row_seen[i]);
	/* One row per (from, event, who): the table is a function. */
	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++)
			CHECK(!(t[i].from == t[k].from && t[i].ev == t[k].ev &&
			    (t[i].who & t[k].who) != 0));
	/* Every template the table names is a listed key. */
	for (i = 0; i < n; i++) {
		CHECK(commerce_tmpl_name(t[i].reply)[0] != '\0');
		CHECK((t[i].notify == PARTY_NONE) == (t[i].note == TMPL_NONE));
	}
	/* Closed states have no way out. */
	for (i = 0; i < n; i++)
		CHECK(t[i].from != ORDER_DELIVERED &&
		    t[i].from != ORDER_CANCELLED &&
		    t[i].from != ORDER_REJECTED && t[i].from != ORDER_EXPIRED);
}

/* Refusals: everything the core can answer besides ACT_OK. */
static void
test_refusals(void)
{
	struct action	a;
	int64_t		p, o, o2;
	int		code, k;

	fresh();
	p = sell(S1, "Kopi Toraja", 15000, 10);

	/* Sellers and products. */
	a = act(VERB_SELL);
	snprintf(a.text, sizeof(a.text), "Teh");
	a.price_rp = 1000;
	CHECK_INT(run(B1, &a), ACT_NOT_REGISTERED);
	CHECK_STR(res.reply.tmpl, "com.not_registered");
	a = act(VERB_REGISTER);
	CHECK_INT(run(B2, &a), ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "register.no_name");
	a = act(VERB_SELL);
	CHECK_INT(run(S1, &a), ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "sell.no_name");
	snprintf(a.text, sizeof(a.text), "Teh");
	CHECK_INT(run(S1, &a), ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "com.bad_price");
	a.price_rp = 1000;
	a.qty = COMMERCE_QTY_MAX + 1;
	CHECK_INT(run(S1, &a), ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "com.bad_qty");
	a = act(VERB_SELL);
	snprintf(a.text, sizeof(a.text), "kopi  'TORAJA'");
	a.price_rp = 1000;
	CHECK_INT(run(S1, &a), ACT_DUPLICATE);
	CHECK_INT(num(var("code")), p);
	a = act(VERB_PRICE);
	a.code = 999;
	a.price_rp = 100;
	CHECK_INT(run(S1, &a), ACT_NOT_FOUND);
	a.code = p;
	CHECK_INT(run(S2, &a), ACT_NOT_YOURS);
	a = act(VERB_STOCK);
	a.code = p;
	a.stock_op = STOCK_SUB;
	a.qty = 11;
	CHECK_INT(run(S1, &a), ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "stock.negative");

	/* Orders. */
	a = act(VERB_BUY);
	a.code = p;
	CHECK_INT(run(S1, &a), ACT_OWN_PRODUCT);
	a.qty = 11;
	CHECK_INT(run(B1, &a), ACT_NO_STOCK);
	CHECK_STR(res.reply.tmpl, "buy.no_stock");
	a.code = 999;
	a.qty = 1;
	CHECK_INT(run(B1, &a), ACT_NOT_FOUND);
	CHECK_INT(yes(B1, -1), ACT_NO_PENDING);
	o = buy(B1, p, 6, &code);
	o2 = buy(B2, p, 6, NULL);
	CHECK_INT(yes(B2, -1), ACT_OK);
	/* Only 4 left once B2's 6 are reserved. */
	CHECK_INT(yes(B1, code), ACT_NO_STOCK);
	CHECK_STR(res.reply.tmpl, "confirm.no_stock");
	CHECK_INT(order(o).state, ORDER_PENDING);
	a = act(VERB_STOCK);
	a.code = p;
	a.stock_op = STOCK_SET;
	a.qty = 5;
	CHECK_INT(run(S1, &a), ACT_BELOW_RESERVED);
	CHECK_INT(product(p).stock, 10);
	buy(B1, p, 1, NULL);
	CHECK_INT(yes(B1, -1), ACT_AMBIGUOUS);
	buy(B1, p, 1, NULL);
	a = act(VERB_BUY);
	a.code = p;
	CHECK_INT(run(B1, &a), ACT_TOO_MANY_PENDING);
	CHECK_INT(yes(B1, 1), ACT_WRONG_CODE);
	CHECK_STR(var("left"), "2");
	CHECK_INT(order_cmd(B1, VERB_ACCEPT, o2, NULL), ACT_NOT_REGISTERED);
	CHECK_INT(order_cmd(S2, VERB_ACCEPT, o2, NULL), ACT_NOT_YOURS);
	CHECK_INT(order_cmd(S1, VERB_ACCEPT, 999, NULL), ACT_NOT_FOUND);
	CHECK_INT(order_cmd(S1, VERB_ACCEPT, o, NULL), ACT_BAD_STATE);
	CHECK_STR(res.reply.tmpl, "com.bad_state");
	CHECK_INT(order_cmd(S1, VERB_SHIP, o2, NULL), ACT_BAD_STATE);
	CHECK_STR(res.reply.tmpl, "ship.not_accepted");
	CHECK_INT(order_cmd(S1, VERB_RECEIVED, o2, NULL), ACT_NOT_YOURS);
	CHECK_STR(res.reply.tmpl, "received.buyer_only");
	CHECK_INT(order_cmd(B2, VERB_RECEIVED, o2, NULL), ACT_BAD_STATE);
	CHECK_INT(order_cmd(B1, VERB_CANCEL, o2, NULL), ACT_NOT_YOURS);
	CHECK_INT(order_cmd(B2, VERB_CANCEL, o2, NULL), ACT_OK);
	CHECK_INT(order_cmd(B2, VERB_CANCEL, o2, NULL), ACT_BAD_STATE);
	CHECK_INT(product(p).reserved, 0);

	/* Delisted products. */
	a = act(VERB_DELIST);
	a.code = p;
	CHECK_INT(run(S1, &a), ACT_OK);
	a = act(VERB_PRICE);
	a.code = p;
	a.price_rp = 100;
	CHECK_INT(run(S1, &a), ACT_DELISTED);
	a = act(VERB_INFO);
	a.code = p;
	CHECK_INT(run(B1, &a), ACT_NOT_FOUND);

	/* Lists. */
	a = act(VERB_FIND);
	CHECK_INT(run(B1, &a), ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "find.no_word");
	snprintf(a.text, sizeof(a.text), "zzzz");
	CHECK_INT(run(B1, &a), ACT_NO_MATCH);
	a = act(VERB_MORE);
	CHECK_INT(run(B2, &a), ACT_NO_MORE);
	a = act(VERB_LANGUAGE);
	snprintf(a.lang, sizeof(a.lang), "fr");
	CHECK_INT(run(B1, &a), ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "lang.bad");
	a = act(VERB_NONE);
	CHECK_INT(run(B1, &a), ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "com.unknown");

	/* PINs. */
	a = act(VERB_PIN);
	snprintf(a.pin_new, sizeof(a.pin_new), "12a4");
	CHECK_INT(run(S1, &a), ACT_PIN_BAD);
	snprintf(a.pin_new, sizeof(a.pin_new), "1234");
	CHECK_INT(run(S1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "pin.set");
	CHECK_INT(run(S1, &a), ACT_PIN_REQUIRED);
	CHECK_STR(res.reply.tmpl, "pin.need_old");
	a = act(VERB_SELL);
	a.ussd = true;
	snprintf(a.text, sizeof(a.text), "Gula");
	a.price_rp = 1000;
	CHECK_INT(run(S1, &a), ACT_PIN_REQUIRED);
	snprintf(a.pin, sizeof(a.pin), "9999");
	for (k = 1; k < cf.pin_max_fail; k++) {
		CHECK_INT(run(S1, &a), ACT_PIN_WRONG);
		CHECK_INT(atoi(var("left")), cf.pin_max_fail - k);
	}
	CHECK_INT(run(S1, &a), ACT_PIN_LOCKED);
	snprintf(a.pin, sizeof(a.pin), "1234");
	CHECK_INT(run(S1, &a), ACT_PIN_LOCKED);
	CHECK_INT(commerce_unlock(&R, S1), 0);
	CHECK_INT(commerce_unlock(&R, B1), -1);
	CHECK_INT(run(S1, &a), ACT_OK);

	/* The repository's own trouble: busy and errors, nothing kept. */
	a = act(VERB_SELL);
	snprintf(a.text, sizeof(a.text), "Madu");
	a.price_rp = 1000;
	a.pin_ok = true;
	snprintf(a.pin, sizeof(a.pin), "1234");
	be->fault(true);
	CHECK_INT(run(S1, &a), ACT_BUSY);
	CHECK_STR(res.reply.tmpl, "com.busy");
	be->fault(false);
	CHECK_INT(run(S1, &a), ACT_ERR);
	CHECK_STR(res.reply.tmpl, "com.error");
	a = act(VERB_MY_PRODUCTS);
	CHECK_INT(run(S1, &a), ACT_OK);
	CHECK_STR(var("count"), "1");		/* only Gula is active */
	be->close();
}

/* Lists, languages and the expiry of many orders, read back through the
 * repository. */
static void
test_lists_and_timers(void)
{
	struct act_result	out[8];
	struct action		a;
	int64_t			p, q, o1, o2;
	int			code, i;

	fresh();
	p = sell(S1, "Keripik Singkong", 12000, 50);
	q = sell(S2, "Kerupuk Udang", 9000, 50);
	for (i = 0; i < 4; i++)
		sell(S1, i % 2 ? "Kopi Hitam" : "Teh Manis", 5000 + i, 5);
	a = act(VERB_FIND);
	snprintf(a.text, sizeof(a.text), "kripik");
	CHECK_INT(run(B1, &a), ACT_OK);
	CHECK_INT(res.reply.nrows, 1);
	CHECK_STR(res.reply.rows[0].vars[0].val, "P1");
	a = act(VERB_MY_PRODUCTS);
	CHECK_INT(run(S1, &a), ACT_OK);
	CHECK_STR(var("count"), "5");
	CHECK_INT(res.reply.nrows, COMMERCE_PAGE);
	CHECK(res.reply.more);
	a = act(VERB_MORE);
	CHECK_INT(run(S1, &a), ACT_OK);
	CHECK_INT(res.reply.nrows, 2);
	CHECK(!res.reply.more);
	CHECK_INT(run(S1, &a), ACT_NO_MORE);

	a = act(VERB_LANGUAGE);
	snprintf(a.lang, sizeof(a.lang), "en");
	CHECK_INT(run(B1, &a), ACT_OK);
	CHECK_STR(res.reply.lang, "en");
	CHECK_STR(commerce_lang_of(&R, B1, "id"), "en");
	CHECK_STR(commerce_lang_of(&R, B2, "id"), "id");

	o1 = buy(B1, p, 3, &code);
	CHECK_INT(yes(B1, code), ACT_OK);
	CHECK_STR(res.notes[0].lang, "id");	/* the seller's */
	o2 = buy(B1, q, 1, NULL);
	a = act(VERB_ORDERS);
	CHECK_INT(run(B1, &a), ACT_OK);
	CHECK_INT(res.reply.nrows, 2);
	CHECK_STR(res.reply.rows[0].vars[3].val, "confirmed");
	CHECK_INT(run(S2, &a), ACT_OK);		/* B1's pending one is hidden */
	CHECK_STR(res.reply.tmpl, "orders.empty");
	CHECK_INT(commerce_timer_next(&R), now + cf.confirm_timeout_s);
	CHECK_INT(expire(now + cf.confirm_timeout_s - 1, out, 8), 0);
	CHECK_INT(expire(now + cf.confirm_timeout_s, out, 8), 1);
	CHECK_STR(out[0].reply.lang, "en");
	CHECK_INT(out[0].nnotes, 0);		/* pending: the buyer's alone */
	CHECK_INT(order(o2).state, ORDER_EXPIRED);
	CHECK_INT(commerce_timer_next(&R), now + cf.accept_timeout_s);
	CHECK_INT(order_cmd(S1, VERB_ACCEPT, o1, NULL), ACT_OK);
	CHECK_INT(commerce_timer_next(&R), -1);
	CHECK_INT(expire(now + 10 * cf.accept_timeout_s, out, 8), 0);
	CHECK_INT(product(p).reserved, 3);
	CHECK_INT(order_cmd(S1, VERB_SHIP, o1, NULL), ACT_OK);
	CHECK_INT(order_cmd(B1, VERB_RECEIVED, o1, NULL), ACT_OK);
	CHECK_INT(product(p).stock, 47);
	CHECK_INT(product(p).reserved, 0);
	a = act(VERB_ORDERS);
	CHECK_INT(run(B1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "orders.closed");
	CHECK_INT(res.reply.nrows, 2);
	a = act(VERB_INFO);
	a.is_order = true;
	a.code = o1;
	CHECK_INT(run(S1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "order.seller");
	CHECK_INT(run(S2, &a), ACT_NOT_YOURS);
	be->close();
}

/* issue 12, reports: LAPORAN. An enrolled assistant (A1) linked to S1
 * since this month gets its month's figures; a seller, a buyer and a
 * removed assistant are told it is for enrolled assistants. The SQLite
 * backend counts them from the rows; the fake answers what is set. */
#define A1	"+6281300000001"
#define A2	"+6281300000002"
static void
agents_enrol(void)
{
	static const char q[] = "INSERT INTO agents (msisdn, name, created_s, "
	    "removed_s) VALUES (?1, 'Ani', ?3, NULL), (?2, 'Cici', ?3, ?4);"
	    "INSERT INTO agent_links (agent, seller, created_s) VALUES "
	    "(?1, ?5, ?4)";
	const char	*tail = q;
	sqlite3_stmt	*s;

	if (mem != NULL) {
		snprintf(mem->agents[0].msisdn, sizeof(mem->agents[0].msisdn),
		    "%s", A1);
		mem->agents[0].rep.linked_now = 1;
		mem->agents[0].rep.linked_new = 1;
		mem->agents[0].rep.products_listed = 2;
		mem->agents[0].rep.updates = 1;
		mem->agents[0].rep.orders_completed = 0;
		mem->agents[0].rep.value_completed_rp = 0;
		mem->nagents = 1;
		return;
	}
	while (*tail != '\0') {
		CHECK(sqlite3_prepare_v2(st->db, tail, -1, &s, &tail) ==
		    SQLITE_OK);
		if (s == NULL)
			break;
		sqlite3_bind_text(s, 1, A1, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, A2, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, T0 - 86400);
		sqlite3_bind_int64(s, 4, T0 - 60);
		sqlite3_bind_text(s, 5, S1, -1, SQLITE_STATIC);
		CHECK_INT(sqlite3_step(s), SQLITE_DONE);
		sqlite3_finalize(s);
	}
}

static void
test_report_cmd(void)
{
	struct action	a = act(VERB_REPORT);
	struct action	p = act(VERB_PRICE);
	int64_t		id;

	fresh();
	agents_enrol();
	now = T0 + 60;
	id = sell(S1, "Keripik", 12000, 5);
	sell(S1, "Kopi", 5000, 5);
	sell(S2, "Teh", 4000, 5);	/* not A1's seller */
	p.code = id;
	p.price_rp = 13000;
	CHECK_INT(run(S1, &p), ACT_OK);
	now = T0 + 120;
	CHECK_INT(run(A1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "report.ok");
	CHECK_STR(var("linked"), "1");
	CHECK_STR(var("new"), "1");
	CHECK_STR(var("products"), "2");
	CHECK_STR(var("updates"), "1");
	CHECK_STR(var("orders"), "0");
	CHECK_STR(var("value"), "Rp0");
	CHECK_INT(run(S1, &a), ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "report.not_agent");
	CHECK_INT(run(B1, &a), ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "report.not_agent");
	CHECK_INT(run(A2, &a), ACT_INVALID);	/* removed */
	CHECK_STR(res.reply.tmpl, "report.not_agent");
	CHECK(!verb_mutates(VERB_REPORT));
	CHECK_STR(verb_keyword(VERB_REPORT), "LAPORAN");
	CHECK_STR(verb_alias_en(VERB_REPORT), "REPORT");
	be->close();
}

static void
test_tmpl_keys(void)
{
	const char *const	*k;
	size_t			 n, i, j;

	k = commerce_tmpl_keys(&n);
	CHECK_INT(n, TMPL__N);
	for (i = 0; i < n; i++) {
		CHECK(k[i] != NULL && strchr(k[i], '.') != NULL);
		CHECK(strlen(k[i]) < sizeof(res.reply.tmpl));
		for (j = i + 1; j < n; j++)
			CHECK(strcmp(k[i], k[j]) != 0);
	}
	CHECK_STR(commerce_tmpl_name(TMPL_NONE), "");
	for (i = 1; i < ORDER__N; i++)
		CHECK_INT(order_state_by_name(order_state_name(
		    (enum order_state)i)), i);
}

int
main(void)
{
	struct templates	*words = NULL;
	char			 werr[1024];
	size_t			 i;

	memset(&cf, 0, sizeof(cf));
	cf.confirm_timeout_s = 1800;
	/* couriers: the defaults of conf/conf.c */
	cf.deliver_timeout_s = 1209600;
	cf.couriers_pickup_s = 14400;
	cf.couriers_max_jobs = 3;
	cf.max_failed_deliveries = 2;
	cf.accept_timeout_s = 86400;
	cf.max_pending = 3;
	cf.confirm_attempts = 3;
	cf.pin_max_fail = 5;
	cf.pin_lock_s = 1800;
	snprintf(cf.default_lang, sizeof(cf.default_lang), "id");
	/* The core's words come from the shipped templates (commerce/lang.c). */
	if (templates_load(LAPAK_DATADIR "/menus/templates", "id", &words,
	    werr, sizeof(werr)) != 0) {
		fprintf(stderr, "templates: %s\n", werr);
		return 2;
	}
	commerce_langs_set(words);
	templates_free(words);
	test_tmpl_keys();
	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
		int	before = t_fail;

		be = &backends[i];
		test_transitions();
		test_refusals();
		test_lists_and_timers();
		test_report_cmd();	/* issue 12, reports */
		printf("%s backend: %s\n", be->name,
		    t_fail == before ? "ok" : "FAILED");
	}
	commerce_langs_set(NULL);
	return T_DONE();
}
