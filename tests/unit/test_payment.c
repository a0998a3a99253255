/* Payment records (programme.md section 5, commerce/payment.c) on both
 * repository backends, the in-memory fake and SQLite, same cases: LUNAS in
 * every order state, by whom, the method table, the reference's length,
 * a correction and the same record again, the buyer's notice, the
 * courier's (orders.courier set as the couriers' part will), PESANAN and
 * PESANAN O7 of a paid order in both languages, and LUNAS through UNTUK. */
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commerce/commerce.h"
#include "commerce/lang.h"
#include "store/repo_agent.h"
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
#define K1	"+6281900000001"	/* a courier */
#define A1	"+6281300000001"	/* an assistant linked to S1 */
#define T0	1700000000

struct backend {
	const char	*name;
	void		(*open)(struct repo *r);
	void		(*close)(void);
	/* Sets the order's state and courier behind the core's back, as the
	 * couriers' part will (courier NULL: none). */
	void		(*set)(int64_t id, enum order_state s, const char *courier);
	void		(*enrol)(void);		/* A1 enrolled, linked to S1 */
	int		(*paid_audit)(int64_t id);	/* 'paid' audit rows */
};

static const struct backend *be;
static struct repo	 R;
static struct conf	 cf;
static struct act_result res;
static int64_t		 now = T0;
static struct mem_repo	*mem;
static struct store	*st;

/* mem */

static void
mem_open_be(struct repo *r)
{
	mem = mem_repo_new(r);
}

static void
mem_close_be(void)
{
	free(mem);
	mem = NULL;
}

static void
mem_set(int64_t id, enum order_state s, const char *courier)
{
	struct mem_order	*x = &mem->db.orders[id - 1];

	x->o.state = s;
	snprintf(x->pay.courier, sizeof(x->pay.courier), "%s",
	    courier != NULL ? courier : "");
}

static void
mem_enrol(void)
{
	struct mem_agent	*a = &mem->db.agents[mem->db.nagents++];

	memset(a, 0, sizeof(*a));
	snprintf(a->a.msisdn, sizeof(a->a.msisdn), "%s", A1);
	snprintf(a->a.name, sizeof(a->a.name), "Ani");
	CHECK_INT(R.ops->link_add(R.be, A1, S1, now), REPO_OK);
}

static int
mem_paid_audit(int64_t id)
{
	return mem->db.orders[id - 1].npaid_audit;
}

/* SQLite */

static void
sql_open_be(struct repo *r)
{
	char	err[256];

	if (store_open(&st, ":memory:", false, err, sizeof(err)) != 0) {
		fprintf(stderr, "store_open: %s\n", err);
		exit(2);
	}
	repo_sqlite_init(r, st);
}

static void
sql_close_be(void)
{
	store_close(st);
	st = NULL;
}

static void
sql_set(int64_t id, enum order_state s, const char *courier)
{
	sqlite3_stmt	*q = NULL;

	CHECK(sqlite3_prepare_v2(st->db, "UPDATE orders SET state = ?2, "
	    "courier = ?3 WHERE id = ?1", -1, &q, NULL) == SQLITE_OK);
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, order_state_name(s), -1, SQLITE_STATIC);
	if (courier != NULL)
		sqlite3_bind_text(q, 3, courier, -1, SQLITE_STATIC);
	CHECK_INT(sqlite3_step(q), SQLITE_DONE);
	sqlite3_finalize(q);
}

static void
sql_enrol(void)
{
	CHECK_INT(store_agent_add(st, A1, "Ani", "", now), STORE_OK);
	CHECK_INT(R.ops->link_add(R.be, A1, S1, now), REPO_OK);
}

static int
sql_paid_audit(int64_t id)
{
	sqlite3_stmt	*q = NULL;
	int		 n = -1;

	CHECK(sqlite3_prepare_v2(st->db, "SELECT count(*) FROM audit WHERE "
	    "order_id = ?1 AND what = 'paid'", -1, &q, NULL) == SQLITE_OK);
	sqlite3_bind_int64(q, 1, id);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return n;
}

static const struct backend backends[] = {
	{ "mem", mem_open_be, mem_close_be, mem_set, mem_enrol,
	    mem_paid_audit },
	{ "sqlite", sql_open_be, sql_close_be, sql_set, sql_enrol,
	    sql_paid_audit },
};

/* Helpers */

static enum act_rc
run(const char *msisdn, const struct action *a)
{
	struct commerce	cm = { &R, &secrets, &cf };
	struct actor	who;
	enum act_rc	rc;

	memset(&who, 0, sizeof(who));
	snprintf(who.msisdn, sizeof(who.msisdn), "%s", msisdn);
	who.now_s = now++;
	CHECK_INT(R.ops->begin(R.be), REPO_OK);
	rc = commerce_act(&cm, &who, a, &res);
	if (rc == ACT_ERR || rc == ACT_BUSY)
		R.ops->rollback(R.be);
	else
		CHECK_INT(R.ops->commit(R.be), REPO_OK);
	return rc;
}

static const char *
var(const char *k)
{
	const char	*v = act_get(&res.reply, k);

	return v != NULL ? v : "";
}

static const struct act_msg *
note_to(const char *to)
{
	int	i;

	for (i = 0; i < res.nnotes; i++)
		if (strcmp(res.notes[i].to, to) == 0)
			return &res.notes[i];
	return NULL;
}

static const char *
note_var(const char *to, const char *k)
{
	const struct act_msg	*n = note_to(to);
	const char		*v = n != NULL ? act_get(n, k) : NULL;

	return v != NULL ? v : "";
}

static void
reg(const char *who, const char *shop)
{
	struct action	a = fx_act(VERB_REGISTER);

	snprintf(a.text, sizeof(a.text), "%s", shop);
	snprintf(a.village, sizeof(a.village), "Sukamaju");
	CHECK_INT(run(who, &a), ACT_OK);
}

static enum act_rc
order_cmd(const char *who, enum verb v, int64_t id)
{
	struct action	a = fx_act(v);

	a.code = id;
	return run(who, &a);
}

/* A new order of B1 for 2 x Rp15.000 of S1's product, brought to s. */
static int64_t
order_in(enum order_state s)
{
	static int64_t	 pid;
	struct action	 a = fx_act(VERB_SELL);
	int64_t		 o;
	int		 code;

	if (pid == 0 || s == ORDER_NONE) {
		snprintf(a.text, sizeof(a.text), "Keripik");
		a.price_rp = 15000;
		a.qty = 100;
		a.force_new = true;
		CHECK_INT(run(S1, &a), ACT_OK);
		pid = atoll(var("code") + 1);
		if (s == ORDER_NONE)
			return 0;
	}
	a = fx_act(VERB_BUY);
	a.code = pid;
	a.qty = 2;
	CHECK_INT(run(B1, &a), ACT_OK);
	o = atoll(var("order") + 1);
	code = atoi(var("confirm"));
	if (s == ORDER_PENDING)
		return o;
	a = fx_act(VERB_CONFIRM);
	a.confirm_code = code;
	CHECK_INT(run(B1, &a), ACT_OK);
	if (s == ORDER_CONFIRMED)
		return o;
	CHECK_INT(order_cmd(S1, VERB_ACCEPT, o), ACT_OK);
	if (s == ORDER_ACCEPTED)
		return o;
	if (s == ORDER_CANCELLED || s == ORDER_REJECTED) {
		CHECK_INT(order_cmd(S1, s == ORDER_CANCELLED ? VERB_CANCEL :
		    VERB_REJECT, o), ACT_OK);
		return o;
	}
	if (s == ORDER_ASSIGNED || s == ORDER_RETURNED || s == ORDER_EXPIRED) {
		be->set(o, s, NULL);	/* states other parts reach */
		return o;
	}
	CHECK_INT(order_cmd(S1, VERB_SHIP, o), ACT_OK);
	if (s == ORDER_SHIPPED)
		return o;
	CHECK_INT(order_cmd(B1, VERB_RECEIVED, o), ACT_OK);
	return o;
}

static enum act_rc
paid(const char *who, int64_t id, enum pay_method m, const char *ref)
{
	struct action	a = fx_act(VERB_PAID);

	a.code = id;
	a.pay_method = m;
	snprintf(a.pay_ref, sizeof(a.pay_ref), "%s", ref != NULL ? ref : "");
	return run(who, &a);
}

static struct order_payment
payment(int64_t id)
{
	struct order_payment	p;

	memset(&p, 0, sizeof(p));
	CHECK_INT(R.ops->order_payment(R.be, id, &p), REPO_OK);
	return p;
}

static void
fresh(void)
{
	be->open(&R);
	now = T0;
	reg(S1, "Sri");
	reg(S2, "Budi");
	order_in(ORDER_NONE);
}

/* Cases */

/* Which states take a payment: the ones the seller has seen that did not
 * end without a sale. */
static void
test_states(void)
{
	static const struct {
		enum order_state	s;
		bool			ok;
	} cases[] = {
		{ ORDER_PENDING, false }, { ORDER_CONFIRMED, true },
		{ ORDER_ACCEPTED, true }, { ORDER_ASSIGNED, true },
		{ ORDER_SHIPPED, true }, { ORDER_DELIVERED, true },
		{ ORDER_CANCELLED, false }, { ORDER_REJECTED, false },
		{ ORDER_EXPIRED, false }, { ORDER_RETURNED, false },
	};
	size_t	i;

	fresh();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t	o = order_in(cases[i].s);
		char	want[16];

		snprintf(want, sizeof(want), "O%" PRId64, o);
		if (!cases[i].ok) {
			CHECK_INT(paid(S1, o, PAY_OVO, NULL),
			    cases[i].s == ORDER_PENDING ? ACT_NOT_YOURS :
			    ACT_BAD_STATE);
			if (cases[i].s != ORDER_PENDING) {
				CHECK_STR(res.reply.tmpl, "paid.bad_state");
				CHECK_STR(var("state"), commerce_state_word(
				    cases[i].s, "id"));
			}
			CHECK_INT(res.nnotes, 0);
			CHECK_STR(payment(o).method, "");
			CHECK_INT(be->paid_audit(o), 0);
			continue;
		}
		CHECK_INT(paid(S1, o, PAY_OVO, "ABC123"), ACT_OK);
		CHECK_STR(res.reply.tmpl, "paid.ok");
		CHECK_STR(var("order"), want);
		CHECK_STR(var("total"), "Rp30.000");
		CHECK_STR(var("method"), "OVO");
		CHECK_STR(var("paid"), "OVO ref ABC123");
		CHECK_STR(payment(o).method, "OVO");
		CHECK_STR(payment(o).ref, "ABC123");
		CHECK(payment(o).at_s >= T0);
		CHECK_INT(be->paid_audit(o), 1);
		/* the buyer: order code, amount, method */
		CHECK(note_to(B1) != NULL);
		if (note_to(B1) != NULL)
			CHECK_STR(note_to(B1)->tmpl, "paid.notify_buyer");
		CHECK_STR(note_var(B1, "order"), want);
		CHECK_STR(note_var(B1, "total"), "Rp30.000");
		CHECK_STR(note_var(B1, "paid"), "OVO ref ABC123");
		CHECK_STR(note_var(B1, "shop"), "Sri");
		CHECK_INT(res.nnotes, 1);	/* no courier */
	}
	be->close();
}

/* Who may: the order's seller only; bad codes and references. */
static void
test_who_and_input(void)
{
	char	ref[PAY_REF_MAX + 1];
	int64_t	o;

	fresh();
	o = order_in(ORDER_ACCEPTED);
	CHECK_INT(paid(B1, o, PAY_OVO, NULL), ACT_NOT_REGISTERED);
	reg(B1, "Pembeli");
	CHECK_INT(paid(B1, o, PAY_OVO, NULL), ACT_NOT_YOURS);
	CHECK_STR(res.reply.tmpl, "com.not_yours");
	CHECK_INT(paid(S2, o, PAY_OVO, NULL), ACT_NOT_YOURS);
	CHECK_INT(paid(S1, 999, PAY_OVO, NULL), ACT_NOT_FOUND);
	CHECK_STR(var("code"), "O999");
	CHECK_STR(payment(o).method, "");
	/* A reference of 33 characters (flagged by the parser or menu, or
	 * handed over whole) is refused naming the limit; 32 is kept. */
	memset(ref, 'x', PAY_REF_MAX);
	ref[PAY_REF_MAX] = '\0';
	{
		struct action	a = fx_act(VERB_PAID);

		a.code = o;
		a.pay_method = PAY_DANA;
		a.pay_ref_long = true;
		CHECK_INT(run(S1, &a), ACT_INVALID);
		CHECK_STR(res.reply.tmpl, "paid.bad_ref");
		CHECK_STR(var("max"), "32");
		CHECK_INT(res.nnotes, 0);
	}
	CHECK_STR(payment(o).method, "");
	CHECK_INT(paid(S1, o, PAY_DANA, ref), ACT_OK);
	CHECK_STR(payment(o).ref, ref);
	CHECK_STR(payment(o).method, "DANA");
	/* No method: TUNAI; English speakers read CASH. */
	o = order_in(ORDER_CONFIRMED);
	CHECK_INT(paid(S1, o, PAY_NONE, NULL), ACT_OK);
	CHECK_STR(payment(o).method, "TUNAI");
	CHECK_STR(var("paid"), "TUNAI");
	CHECK_STR(pay_method_word(PAY_CASH, "en"), "CASH");
	CHECK_INT(pay_method_by_word("cash"), PAY_CASH);
	CHECK_INT(pay_method_by_word("ShopeePay"), PAY_SHOPEEPAY);
	CHECK_INT(pay_method_by_word("BCA"), PAY_NONE);
	be->close();
}

/* Again: the same record changes nothing; another one corrects it, the
 * buyer told again, the courier not (told once). */
static void
test_again(void)
{
	int64_t	o;

	fresh();
	o = order_in(ORDER_SHIPPED);
	be->set(o, ORDER_SHIPPED, K1);
	CHECK_INT(paid(S1, o, PAY_GOPAY, "G1"), ACT_OK);
	CHECK(note_to(K1) != NULL);
	CHECK_INT(paid(S1, o, PAY_GOPAY, "G1"), ACT_OK);
	CHECK_STR(res.reply.tmpl, "paid.same");
	CHECK_STR(var("paid"), "GOPAY ref G1");
	CHECK_INT(res.nnotes, 0);
	CHECK_INT(be->paid_audit(o), 1);
	CHECK_INT(paid(S1, o, PAY_TRANSFER, "T9"), ACT_OK);
	CHECK_STR(res.reply.tmpl, "paid.changed");
	CHECK_STR(var("old"), "GOPAY ref G1");
	CHECK_STR(var("paid"), "TRANSFER ref T9");
	CHECK_STR(payment(o).method, "TRANSFER");
	CHECK_STR(payment(o).ref, "T9");
	CHECK_STR(note_var(B1, "paid"), "TRANSFER ref T9");
	CHECK(note_to(K1) == NULL);
	CHECK_INT(be->paid_audit(o), 2);
	be->close();
}

/* The courier carrying the order hears there is nothing to collect:
 * assigned or shipped with orders.courier set; not when the column is set
 * on another state, nor when none is assigned. */
static void
test_courier(void)
{
	int64_t	o;

	fresh();
	o = order_in(ORDER_ACCEPTED);
	be->set(o, ORDER_ASSIGNED, K1);
	CHECK_INT(paid(S1, o, PAY_SHOPEEPAY, NULL), ACT_OK);
	CHECK_INT(res.nnotes, 2);
	CHECK(note_to(K1) != NULL);
	if (note_to(K1) != NULL)
		CHECK_STR(note_to(K1)->tmpl, "paid.notify_courier");
	CHECK_STR(note_var(K1, "method"), "SHOPEEPAY");
	CHECK(strncmp(note_var(K1, "order"), "O", 1) == 0);
	o = order_in(ORDER_SHIPPED);
	be->set(o, ORDER_SHIPPED, K1);
	CHECK_INT(paid(S1, o, PAY_NONE, NULL), ACT_OK);
	CHECK(note_to(K1) != NULL);
	CHECK_STR(note_var(K1, "method"), "TUNAI");
	/* delivered: the courier's work is done */
	o = order_in(ORDER_DELIVERED);
	be->set(o, ORDER_DELIVERED, K1);
	CHECK_INT(paid(S1, o, PAY_OVO, NULL), ACT_OK);
	CHECK(note_to(K1) == NULL);
	CHECK_INT(res.nnotes, 1);
	be->close();
}

/* A PESANAN row's value of key ("" when none). */
static const char *
row_var(int i, const char *key)
{
	const struct act_row	*r = &res.reply.rows[i];
	int			 k;

	for (k = 0; k < r->nvars; k++)
		if (strcmp(r->vars[k].key, key) == 0)
			return r->vars[k].val;
	return "";
}

/* PESANAN marks paid orders (a page with one names the mark in its
 * header), one order's details say how it was paid. */
static void
test_orders_shown(void)
{
	struct action	a = fx_act(VERB_ORDERS);
	int64_t		o1, o2;
	char		c1[16];
	int		i;

	fresh();
	o1 = order_in(ORDER_ACCEPTED);
	o2 = order_in(ORDER_CONFIRMED);
	CHECK_INT(run(S1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "orders.ok");
	CHECK_INT(res.reply.nrows, 2);
	for (i = 0; i < res.reply.nrows; i++)
		CHECK_STR(row_var(i, "paid"), "");
	CHECK_INT(paid(S1, o1, PAY_OVO, "R7"), ACT_OK);
	snprintf(c1, sizeof(c1), "O%" PRId64, o1);
	CHECK_INT(run(S1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "paid.orders");
	CHECK_INT(res.reply.nrows, 2);
	for (i = 0; i < res.reply.nrows; i++) {
		if (strcmp(row_var(i, "order"), c1) == 0) {
			CHECK_STR(row_var(i, "state"), "diterima");
			CHECK_STR(row_var(i, "paid"), "*");
		} else {
			CHECK_STR(row_var(i, "state"), "dikonfirmasi");
			CHECK_STR(row_var(i, "paid"), "");
		}
	}
	/* the buyer's list too */
	CHECK_INT(run(B1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "paid.orders");
	/* one order, to either party */
	a.is_order = true;
	a.code = o1;
	CHECK_INT(run(S1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "paid.order_seller");
	CHECK_STR(var("paid"), "OVO ref R7");
	CHECK_STR(var("state"), "diterima");
	CHECK_INT(run(B1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "paid.order_buyer");
	a.code = o2;
	CHECK_INT(run(B1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "order.buyer");
	/* closed orders only: the last ones, marked alike */
	CHECK_INT(order_cmd(S1, VERB_SHIP, o1), ACT_OK);
	CHECK_INT(order_cmd(B1, VERB_RECEIVED, o1), ACT_OK);
	CHECK_INT(order_cmd(S1, VERB_CANCEL, o2), ACT_OK);
	a = fx_act(VERB_ORDERS);
	CHECK_INT(run(S1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "paid.closed");
	/* English: CASH */
	o2 = order_in(ORDER_CONFIRMED);
	a = fx_act(VERB_LANGUAGE);
	snprintf(a.lang, sizeof(a.lang), "en");
	CHECK_INT(run(S1, &a), ACT_OK);
	CHECK_INT(paid(S1, o2, PAY_NONE, NULL), ACT_OK);
	CHECK_STR(var("paid"), "CASH");
	/* the buyer still reads Indonesian */
	CHECK_STR(note_var(B1, "paid"), "TUNAI");
	be->close();
}

/* LUNAS through UNTUK: the linked assistant's reply, the seller told what
 * changed, the buyer notified as usual. */
static void
test_untuk(void)
{
	struct action	in = fx_act(VERB_PAID), a = fx_act(VERB_FOR);
	int64_t		o;

	fresh();
	be->enrol();
	o = order_in(ORDER_ACCEPTED);
	be->set(o, ORDER_ASSIGNED, K1);
	in.code = o;
	in.pay_method = PAY_OVO;
	snprintf(a.target, sizeof(a.target), "%s", S1);
	a.inner = &in;
	CHECK_INT(run(A1, &a), ACT_OK);
	CHECK_STR(res.reply.tmpl, "paid.ok");
	CHECK_STR(payment(o).method, "OVO");
	CHECK(note_to(B1) != NULL);
	CHECK(note_to(K1) != NULL);
	CHECK(note_to(S1) != NULL);
	if (note_to(S1) != NULL) {
		CHECK_STR(note_to(S1)->tmpl, "for.notify");
		CHECK(strstr(note_var(S1, "what"), "LUNAS O") != NULL);
		CHECK(strstr(note_var(S1, "what"), "OVO") != NULL);
	}
	be->close();
}

int
main(void)
{
	size_t			 i;

	fx_conf(&cf, 16);
	snprintf(cf.country_code, sizeof(cf.country_code), "62");
	if (fx_words() != 0)
		return 2;
	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
		int	before = t_fail;

		be = &backends[i];
		test_states();
		test_who_and_input();
		test_again();
		test_courier();
		test_orders_shown();
		test_untuk();
		printf("%s backend: %s\n", be->name,
		    t_fail == before ? "ok" : "FAILED");
	}
	commerce_langs_set(NULL);
	return T_DONE();
}
