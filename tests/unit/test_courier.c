/* Couriers in the commerce core (commerce/courier.c, the courier rows of
 * commerce/order.c's table) on both backends of the repository, the
 * in-memory fake (tests/repo_mem.h) and SQLite, same cases on both:
 * SIAP/LIBUR, KURIR (named, next free in the village then the district,
 * none free, couriers.max_jobs, the buyer never its courier, not
 * enrolled), AMBIL (the delivery code sealed, the buyer's note), ANTAR
 * (right, wrong with attempts left, locked), BATAL by the courier, GAGAL by
 * courier and seller (stock back, a 'failed' mark under the keyed tag),
 * the pickup and deliver timers, BELI over orders.max_failed_deliveries,
 * the buyer's record in the seller's new-order note, the courier's
 * PESANAN and lapakctl courier remove. */
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commerce/commerce.h"
#include "commerce/lang.h"
#include "store/privacy.h"
#include "store/repo_courier.h"
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
#define K1	"+6281300000001"	/* Budi, the seller's village */
#define K2	"+6281300000002"	/* Andi, another village, same district */
#define K3	"+6281300000003"	/* Cici, another district */
#define VILLAGE	"33.18.19.2001"
#define DAY	86400
#define T0	1700000000

struct backend {
	const char	*name;
	void		(*open)(struct repo *r);
	void		(*close)(void);
	void		(*enrol)(const char *msisdn, const char *name,
			    const char *place, int64_t fee_rp);
	/* the outcome of the order's last job ("" open, "-" none) */
	void		(*outcome)(int64_t order_id, char *buf, size_t len);
	/* every 'failed' mark's tag, joined by spaces; their count */
	int		(*marks)(char *buf, size_t len);
};

static const struct backend *be;
static struct repo	 R;
static struct conf	 cf;
static struct act_result res;
static int64_t		 now = T0;

/* The fake. */

static struct mem_repo	*mem;

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
mem_enrol(const char *msisdn, const char *name, const char *place,
    int64_t fee_rp)
{
	mem_courier_add(mem, msisdn, name, place, fee_rp);
}

static void
mem_outcome(int64_t order_id, char *buf, size_t len)
{
	int	i;

	snprintf(buf, len, "-");
	for (i = 0; i < mem->db.njobs; i++)
		if (mem->db.jobs[i].order_id == order_id)
			snprintf(buf, len, "%s", mem->db.jobs[i].outcome);
}

static int
mem_marks(char *buf, size_t len)
{
	int	i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < mem->db.nmarks; i++)
		if (strcmp(mem->db.marks[i].kind, "failed") == 0) {
			snprintf(buf + strlen(buf), len - strlen(buf), "%s ",
			    mem->db.marks[i].tag);
			n++;
		}
	return n;
}

/* SQLite. */

static struct store	*st;

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
sql_enrol(const char *msisdn, const char *name, const char *place,
    int64_t fee_rp)
{
	CHECK_INT(store_courier_add(st, msisdn, name, place, fee_rp, now),
	    STORE_OK);
}

static void
sql_outcome(int64_t order_id, char *buf, size_t len)
{
	sqlite3_stmt	*s = NULL;

	snprintf(buf, len, "-");
	CHECK_INT(sqlite3_prepare_v2(st->db, "SELECT coalesce(outcome, '') "
	    "FROM courier_jobs WHERE order_id = ?1 ORDER BY id DESC LIMIT 1",
	    -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_int64(s, 1, order_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(buf, len, "%s", (const char *)sqlite3_column_text(s,
		    0));
	sqlite3_finalize(s);
}

static int
sql_marks(char *buf, size_t len)
{
	sqlite3_stmt	*s = NULL;
	int		 n = 0;

	buf[0] = '\0';
	CHECK_INT(sqlite3_prepare_v2(st->db, "SELECT tag FROM number_marks "
	    "WHERE kind = 'failed' ORDER BY id", -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(buf + strlen(buf), len - strlen(buf), "%s ",
		    (const char *)sqlite3_column_text(s, 0));
		n++;
	}
	sqlite3_finalize(s);
	return n;
}

static const struct backend backends[] = {
	{ "mem", mem_open_be, mem_close_be, mem_enrol, mem_outcome,
	    mem_marks },
	{ "sqlite", sql_open, sql_close, sql_enrol, sql_outcome, sql_marks },
};

/* Helpers. */

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

static const char *
nvar(int i, const char *k)
{
	const char	*v = i < res.nnotes ? act_get(&res.notes[i], k) : NULL;

	return v != NULL ? v : "";
}

/* A row's value, "" when it has none. */
static const char *
row_get(const struct act_row *r, const char *k)
{
	int	i;

	for (i = 0; i < r->nvars; i++)
		if (strcmp(r->vars[i].key, k) == 0)
			return r->vars[i].val;
	return "";
}

/* The note to msisdn, or NULL. */
static const struct act_msg *
note_to(const char *msisdn)
{
	int	i;

	for (i = 0; i < res.nnotes; i++)
		if (strcmp(res.notes[i].to, msisdn) == 0)
			return &res.notes[i];
	return NULL;
}

static const char *
note_tmpl(const char *msisdn)
{
	const struct act_msg	*n = note_to(msisdn);

	return n != NULL ? n->tmpl : "(none)";
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

static struct courier
courier(const char *msisdn)
{
	struct courier	k;

	memset(&k, 0, sizeof(k));
	CHECK_INT(R.ops->courier_get(R.be, msisdn, &k), REPO_OK);
	return k;
}

static void
reg(const char *who, const char *shop, const char *place)
{
	struct action	a = fx_act(VERB_REGISTER);
	struct seller	s;

	snprintf(a.text, sizeof(a.text), "%s", shop);
	snprintf(a.village, sizeof(a.village), "Pondowan");
	CHECK_INT(run(who, &a), ACT_OK);
	if (place == NULL)
		return;
	CHECK_INT(R.ops->begin(R.be), REPO_OK);
	CHECK_INT(R.ops->seller_get(R.be, who, 0, &s), REPO_OK);
	CHECK_INT(R.ops->seller_place(R.be, s.id, place, "Pondowan", now),
	    REPO_OK);
	CHECK_INT(R.ops->commit(R.be), REPO_OK);
}

static int64_t
sell(const char *who, const char *name, int64_t price, int64_t qty)
{
	struct action	a = fx_act(VERB_SELL);

	snprintf(a.text, sizeof(a.text), "%s", name);
	a.price_rp = price;
	a.qty = qty;
	a.force_new = true;
	CHECK_INT(run(who, &a), ACT_OK);
	return atoll(var("code") + 1);
}

static enum act_rc
cmd(const char *who, enum verb v, int64_t id, const char *text)
{
	struct action	a = fx_act(v);

	a.code = id;
	snprintf(a.text, sizeof(a.text), "%s", text != NULL ? text : "");
	return run(who, &a);
}

/* KURIR <id> [number]. */
static enum act_rc
assign(int64_t id, const char *to)
{
	struct action	a = fx_act(VERB_COURIER);

	a.code = id;
	snprintf(a.target, sizeof(a.target), "%s", to != NULL ? to : "");
	return run(S1, &a);
}

/* ANTAR <id> <code> by who. */
static enum act_rc
deliver(const char *who, int64_t id, int code)
{
	struct action	a = fx_act(VERB_DELIVER);

	a.code = id;
	a.confirm_code = code;
	return run(who, &a);
}

/* BELI + YA of buyer for qty of p: the order, accepted by S1 when
 * accepted. -1 when BELI is refused. */
static int64_t
order_by(const char *buyer, int64_t p, int64_t qty, bool accepted)
{
	struct action	a = fx_act(VERB_BUY);
	int64_t		o;
	int		code;

	a.code = p;
	a.qty = qty;
	if (run(buyer, &a) != ACT_OK)
		return -1;
	o = atoll(var("order") + 1);
	code = atoi(var("confirm"));
	a = fx_act(VERB_CONFIRM);
	a.confirm_code = code;
	CHECK_INT(run(buyer, &a), ACT_OK);
	if (accepted)
		CHECK_INT(cmd(S1, VERB_ACCEPT, o, NULL), ACT_OK);
	return o;
}

/* AMBIL by K1 of o (assigned to K1): the buyer's delivery code. */
static int
pickup(int64_t o)
{
	const struct act_msg	*n;

	CHECK_INT(cmd(K1, VERB_PICKUP, o, NULL), ACT_OK);
	n = note_to(B1);
	CHECK(n != NULL);
	return n != NULL && act_get(n, "drop") != NULL ?
	    atoi(act_get(n, "drop")) : -1;
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

static char	outc[32];

static const char *
outcome(int64_t o)
{
	be->outcome(o, outc, sizeof(outc));
	return outc;
}

/* S1 Warung Sri in VILLAGE with P (Keripik Rp15.000, 10); K1 Budi (fee
 * 5000) in the village, K2 Andi elsewhere in the district, K3 Cici in
 * another district; S2 a second seller. */
static int64_t
fresh(void)
{
	be->open(&R);
	now = T0;
	reg(S1, "Warung Sri", VILLAGE);
	reg(S2, "Toko Budi", NULL);
	be->enrol(K1, "Budi", VILLAGE, 5000);
	be->enrol(K2, "Andi", "33.18.19.2002", 0);
	be->enrol(K3, "Cici", "33.18.20.2001", 0);
	return sell(S1, "Keripik", 15000, 10);
}

static void
test_duty(void)
{
	fresh();
	CHECK_INT(cmd(K1, VERB_OFF, 0, NULL), ACT_OK);
	CHECK_STR(res.reply.tmpl, "off.ok");
	CHECK_STR(var("name"), "Budi");
	CHECK_STR(var("jobs"), "0");
	CHECK(!courier(K1).on_duty);
	CHECK_INT(cmd(K1, VERB_READY, 0, NULL), ACT_OK);
	CHECK_STR(res.reply.tmpl, "ready.ok");
	CHECK_STR(var("max"), "3");
	CHECK(courier(K1).on_duty);
	/* not enrolled: refused, for buyers and sellers alike */
	CHECK_INT(cmd(B1, VERB_READY, 0, NULL), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "courier.only");
	CHECK_INT(cmd(S1, VERB_OFF, 0, NULL), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "courier.only");
	be->close();
}

static void
test_assign(void)
{
	int64_t		 p = fresh(), o, o2, o3, o4;
	struct order	 x;
	const struct act_msg *n;

	/* named: the job note names pickup, drop and what to collect */
	o = order_by(B1, p, 2, true);
	CHECK_INT(assign(o, K1), ACT_OK);
	CHECK_STR(res.reply.tmpl, "assign.ok");
	CHECK_STR(var("name"), "Budi");
	CHECK_STR(var("courier"), K1);
	CHECK_STR(var("fee"), "Rp5.000");
	x = order(o);
	CHECK_INT(x.state, ORDER_ASSIGNED);
	CHECK_STR(x.courier, K1);
	CHECK_INT(x.fee_rp, 5000);
	CHECK_INT(x.expires_at, now + cf.couriers_pickup_s);
	CHECK_INT(res.nnotes, 1);
	n = note_to(K1);
	CHECK(n != NULL);
	if (n != NULL) {
		CHECK_STR(n->tmpl, "assign.notify_courier");
		CHECK_STR(act_get(n, "shop"), "Warung Sri");
		CHECK_STR(act_get(n, "village"), "Pondowan");
		CHECK_STR(act_get(n, "seller"), S1);
		CHECK_STR(act_get(n, "buyer"), B1);
		CHECK_STR(act_get(n, "collect"), "Rp35.000");
		CHECK_STR(act_get(n, "order"), "O1");
	}
	CHECK_STR(outcome(o), "");
	CHECK_INT(courier(K1).jobs, 1);
	/* KIRIM is refused once a courier holds it; KURIR again too */
	CHECK_INT(cmd(S1, VERB_SHIP, o, NULL), ACT_BAD_STATE);
	CHECK_STR(res.reply.tmpl, "ship.has_courier");
	CHECK_INT(assign(o, K2), ACT_BAD_STATE);
	CHECK_INT(order(o).state, ORDER_ASSIGNED);
	/* not the seller's, not accepted yet, not a courier */
	o2 = order_by(B2, p, 1, false);
	CHECK_INT(assign(o2, NULL), ACT_BAD_STATE);
	CHECK_STR(res.reply.tmpl, "assign.not_accepted");
	CHECK_INT(cmd(S1, VERB_ACCEPT, o2, NULL), ACT_OK);
	{
		struct action	a = fx_act(VERB_COURIER);

		a.code = o2;
		CHECK_INT(run(S2, &a), ACT_NOT_YOURS);
	}
	CHECK_INT(assign(o2, B2), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "assign.not_courier");
	CHECK_INT(order(o2).state, ORDER_ACCEPTED);
	/* the buyer is never its courier, named or chosen */
	be->enrol(B2, "Eko", VILLAGE, 0);
	CHECK_INT(assign(o2, B2), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "assign.buyer");
	CHECK_STR(var("name"), "Eko");
	CHECK_INT(cmd(K1, VERB_OFF, 0, NULL), ACT_OK);
	/* next free: the village's (Budi off, Eko the buyer), so the
	 * district's: Andi; Cici of another district never */
	CHECK_INT(assign(o2, NULL), ACT_OK);
	CHECK_STR(var("name"), "Andi");
	CHECK_STR(order(o2).courier, K2);
	CHECK_STR(note_tmpl(K2), "assign.notify_courier");
	/* the village first: Eko (free, not this order's buyer) before
	 * Andi of the district */
	cf.couriers_max_jobs = 1;
	o3 = order_by(B1, p, 1, true);
	CHECK_INT(assign(o3, NULL), ACT_OK);
	CHECK_STR(var("name"), "Eko");
	/* couriers.max_jobs: Eko and Andi full, Budi off: none free */
	o4 = order_by(B1, p, 1, true);
	CHECK_INT(assign(o4, NULL), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "assign.none_free");
	CHECK_INT(order(o4).state, ORDER_ACCEPTED);
	CHECK_INT(res.nnotes, 0);
	CHECK_INT(assign(o4, K2), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "assign.busy");
	CHECK_INT(cmd(K1, VERB_READY, 0, NULL), ACT_OK);
	CHECK_INT(assign(o4, K1), ACT_REFUSED);		/* Budi holds O1 */
	CHECK_STR(res.reply.tmpl, "assign.busy");
	CHECK_INT(cmd(K1, VERB_OFF, 0, NULL), ACT_OK);
	CHECK_INT(assign(o4, K1), ACT_REFUSED);		/* and is off */
	CHECK_STR(res.reply.tmpl, "assign.busy");
	CHECK_INT(cmd(K1, VERB_READY, 0, NULL), ACT_OK);
	cf.couriers_max_jobs = 3;
	/* fewest open jobs first: Budi and Eko hold one each (Andi of the
	 * district comes only when the village has none); the one longest
	 * without an assignment, then by number: Budi */
	now += 60;
	CHECK_INT(assign(o4, NULL), ACT_OK);
	CHECK_STR(var("name"), "Budi");
	CHECK_INT(courier(K1).jobs, 2);
	/* the courier's PESANAN: its open jobs */
	CHECK_INT(cmd(K1, VERB_ORDERS, 0, NULL), ACT_OK);
	CHECK_STR(res.reply.tmpl, "jobs.ok");
	CHECK_INT(res.reply.nrows, 2);
	CHECK_STR(row_get(&res.reply.rows[0], "order"), "O1");
	CHECK_STR(row_get(&res.reply.rows[0], "collect"), "Rp35.000");
	CHECK_STR(row_get(&res.reply.rows[1], "order"), "O4");
	be->close();
}

/* issue 15, operators: a blocked courier is never given a job: KURIR
 * naming one is refused as busy (nothing said of the block), and the
 * next free one is chosen past it. */
static void
test_assign_blocked(void)
{
	int64_t	p = fresh(), o;

	o = order_by(B1, p, 1, true);
	if (st != NULL) {
		CHECK_INT(store_begin(st), STORE_OK);
		CHECK_INT(privacy_block(st, K1, true, now), 1);
		CHECK_INT(store_commit(st), STORE_OK);
	} else
		snprintf(mem->db.blocked[mem->db.nblocked++], 16, "%s", K1);
	CHECK_INT(assign(o, K1), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "assign.busy");
	CHECK_INT(res.nnotes, 0);
	CHECK_INT(order(o).state, ORDER_ACCEPTED);
	/* Budi is the village's, free: blocked, so Andi of the district */
	CHECK_INT(assign(o, NULL), ACT_OK);
	CHECK_STR(var("name"), "Andi");
	CHECK_STR(order(o).courier, K2);
	be->close();
}

static void
test_pickup_deliver(void)
{
	int64_t			 p = fresh(), o, o2;
	struct product		 before, after;
	const struct act_msg	*n;
	unsigned char		 sealed[REPO_CODE_BLOB], want[REPO_CODE_BLOB];
	size_t			 len = 0;
	int			 drop, k;

	o = order_by(B1, p, 2, true);
	CHECK_INT(assign(o, K1), ACT_OK);
	/* only its courier picks it up */
	CHECK_INT(cmd(K2, VERB_PICKUP, o, NULL), ACT_NOT_YOURS);
	CHECK_STR(res.reply.tmpl, "courier.not_yours");
	CHECK_INT(cmd(B1, VERB_PICKUP, o, NULL), ACT_NOT_YOURS);
	before = product(p);
	drop = pickup(o);
	CHECK_STR(res.reply.tmpl, "pickup.ok");
	CHECK_STR(var("collect"), "Rp35.000");
	CHECK(act_get(&res.reply, "drop") == NULL);	/* the buyer's alone */
	CHECK_INT(res.nnotes, 1);
	n = note_to(B1);
	if (n != NULL) {
		CHECK_STR(n->tmpl, "pickup.notify_buyer");
		CHECK_STR(act_get(n, "name"), "Budi");
		CHECK_STR(act_get(n, "courier"), K1);
		CHECK_STR(act_get(n, "collect"), "Rp35.000");
		CHECK(strlen(act_get(n, "drop")) == 4);
	}
	after = product(p);
	CHECK_INT(after.stock, before.stock - 2);
	CHECK_INT(after.reserved, before.reserved - 2);
	CHECK_INT(order(o).state, ORDER_SHIPPED);
	CHECK_INT(order(o).expires_at, now + cf.deliver_timeout_s);
	/* the code is kept sealed, never as digits */
	CHECK_INT(R.ops->drop_get(R.be, o, sealed, &len), REPO_OK);
	t_code_seal(NULL, drop, want);
	CHECK_INT(len, REPO_CODE_BLOB);
	CHECK(memcmp(sealed, want, REPO_CODE_BLOB) == 0);
	CHECK_INT(cmd(K1, VERB_PICKUP, o, NULL), ACT_BAD_STATE);
	/* after pickup the courier cannot give it back */
	CHECK_INT(cmd(K1, VERB_CANCEL, o, NULL), ACT_BAD_STATE);
	CHECK_INT(order(o).state, ORDER_SHIPPED);

	/* ANTAR: a wrong code says how many attempts are left */
	CHECK_INT(deliver(K1, o, (drop + 1) % 10000), ACT_WRONG_CODE);
	CHECK_STR(res.reply.tmpl, "deliver.wrong");
	CHECK_STR(var("left"), "2");
	CHECK_INT(order(o).drop_attempts, 1);
	CHECK_INT(deliver(K2, o, drop), ACT_NOT_YOURS);
	CHECK_INT(deliver(K1, o, drop), ACT_OK);
	CHECK_STR(res.reply.tmpl, "deliver.ok");
	CHECK_INT(order(o).state, ORDER_DELIVERED);
	CHECK_INT(order(o).expires_at, -1);
	CHECK_INT(res.nnotes, 2);
	CHECK_STR(note_tmpl(B1), "deliver.notify");
	CHECK_STR(note_tmpl(S1), "deliver.notify");
	for (k = 0; k < res.nnotes; k++) {
		CHECK_STR(nvar(k, "name"), "Budi");
		CHECK_STR(nvar(k, "shop"), "Warung Sri");
	}
	CHECK_STR(outcome(o), "delivered");
	CHECK_INT(R.ops->drop_get(R.be, o, sealed, &len), REPO_NOTFOUND);
	CHECK_INT(courier(K1).jobs, 0);
	CHECK_INT(product(p).stock, 8);

	/* three wrong codes lock it; the right one is refused then */
	o2 = order_by(B1, p, 1, true);
	CHECK_INT(assign(o2, K1), ACT_OK);
	drop = pickup(o2);
	CHECK_INT(deliver(K1, o2, (drop + 1) % 10000), ACT_WRONG_CODE);
	CHECK_STR(var("left"), "2");
	CHECK_INT(deliver(K1, o2, (drop + 2) % 10000), ACT_WRONG_CODE);
	CHECK_STR(var("left"), "1");
	CHECK_INT(deliver(K1, o2, (drop + 3) % 10000), ACT_WRONG_CODE);
	CHECK_STR(res.reply.tmpl, "deliver.locked");
	CHECK_INT(deliver(K1, o2, drop), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "deliver.locked");
	CHECK_INT(order(o2).state, ORDER_SHIPPED);
	CHECK_INT(res.nnotes, 0);
	/* what is left to do: GAGAL */
	CHECK_INT(cmd(K1, VERB_FAILED, o2, "kode hilang"), ACT_OK);
	CHECK_INT(order(o2).state, ORDER_RETURNED);
	be->close();
}

static void
test_give_back(void)
{
	int64_t			 p = fresh(), o;
	const struct act_msg	*n;

	o = order_by(B1, p, 2, true);
	CHECK_INT(assign(o, K1), ACT_OK);
	CHECK_INT(cmd(K2, VERB_CANCEL, o, NULL), ACT_NOT_YOURS);
	CHECK_INT(cmd(K1, VERB_CANCEL, o, NULL), ACT_OK);
	CHECK_STR(res.reply.tmpl, "giveback.ok");
	CHECK_INT(order(o).state, ORDER_ACCEPTED);
	CHECK_STR(order(o).courier, "");
	CHECK_INT(order(o).expires_at, -1);
	CHECK_INT(product(p).reserved, 2);
	CHECK_INT(res.nnotes, 1);
	n = note_to(S1);
	if (n != NULL) {
		CHECK_STR(n->tmpl, "giveback.notify_seller");
		CHECK_STR(act_get(n, "name"), "Budi");
		CHECK_STR(act_get(n, "courier"), K1);
	}
	CHECK_STR(outcome(o), "given_back");
	CHECK_INT(courier(K1).jobs, 0);
	/* no longer its courier: BATAL is as anyone's */
	CHECK_INT(cmd(K1, VERB_CANCEL, o, NULL), ACT_NOT_YOURS);
	/* the seller chooses again */
	CHECK_INT(assign(o, K2), ACT_OK);
	CHECK_STR(order(o).courier, K2);
	be->close();
}

static void
test_fail(void)
{
	int64_t		 p = fresh(), o, o2, o3;
	struct product	 before, after;
	char		 tags[256];
	int		 drop;

	/* by the courier after pickup: the goods come back to stock */
	o = order_by(B1, p, 3, true);
	CHECK_INT(assign(o, K1), ACT_OK);
	drop = pickup(o);
	CHECK(drop >= 0);
	CHECK_INT(product(p).stock, 7);
	CHECK_INT(cmd(B2, VERB_FAILED, o, "x"), ACT_NOT_YOURS);
	CHECK_INT(cmd(K2, VERB_FAILED, o, "x"), ACT_NOT_YOURS);
	before = product(p);
	CHECK_INT(cmd(K1, VERB_FAILED, o, "rumah kosong"), ACT_OK);
	CHECK_STR(res.reply.tmpl, "fail.ok");
	CHECK_STR(var("reason"), "rumah kosong");
	after = product(p);
	CHECK_INT(after.stock, before.stock + 3);
	CHECK_INT(after.reserved, before.reserved);
	CHECK_INT(order(o).state, ORDER_RETURNED);
	CHECK_INT(order(o).expires_at, -1);
	CHECK_INT(res.nnotes, 2);
	CHECK_STR(note_tmpl(B1), "fail.notify");
	CHECK_STR(note_tmpl(S1), "fail.notify");
	CHECK_STR(nvar(0, "reason"), "rumah kosong");
	CHECK_STR(nvar(1, "reason"), "rumah kosong");
	CHECK_STR(nvar(0, "shop"), "Warung Sri");
	CHECK_STR(outcome(o), "failed");
	{
		unsigned char	b[REPO_CODE_BLOB];
		size_t		l = 0;

		CHECK_INT(R.ops->drop_get(R.be, o, b, &l), REPO_NOTFOUND);
	}
	/* one 'failed' mark, under the tag: on SQLite never the number */
	CHECK_INT(be->marks(tags, sizeof(tags)), 1);
	if (strcmp(be->name, "sqlite") == 0) {
		CHECK(strstr(tags, "85700") == NULL);
		CHECK(strstr(tags, "+62") == NULL);
		CHECK_INT(strlen(tags), 17);	/* 16 hex digits and a space */
	}
	CHECK_INT(cmd(K1, VERB_FAILED, o, NULL), ACT_BAD_STATE);
	CHECK_INT(cmd(S1, VERB_CANCEL, o, NULL), ACT_BAD_STATE);

	/* by the seller before pickup: the reservation goes */
	o2 = order_by(B1, p, 2, true);
	CHECK_INT(assign(o2, K2), ACT_OK);
	before = product(p);
	CHECK_INT(cmd(S1, VERB_FAILED, o2, NULL), ACT_OK);
	CHECK_STR(var("reason"), "-");
	after = product(p);
	CHECK_INT(after.reserved, before.reserved - 2);
	CHECK_INT(after.stock, before.stock);
	CHECK_INT(order(o2).state, ORDER_RETURNED);
	CHECK_INT(res.nnotes, 2);
	CHECK_STR(note_tmpl(B1), "fail.notify");
	CHECK_STR(note_tmpl(K2), "fail.notify");
	CHECK(note_to(S1) == NULL);
	CHECK_STR(outcome(o2), "failed");
	CHECK_INT(be->marks(tags, sizeof(tags)), 2);
	CHECK_INT(courier(K2).jobs, 0);

	/* no courier, not sent: nothing to fail; shipped by KIRIM: the
	 * seller may */
	o3 = order_by(B2, p, 1, true);
	CHECK_INT(cmd(S1, VERB_FAILED, o3, NULL), ACT_BAD_STATE);
	CHECK_INT(cmd(S1, VERB_SHIP, o3, NULL), ACT_OK);
	CHECK_INT(order(o3).expires_at, now + cf.deliver_timeout_s);
	CHECK_INT(cmd(S1, VERB_FAILED, o3, "tdk diambil"), ACT_OK);
	CHECK_INT(order(o3).state, ORDER_RETURNED);
	CHECK_INT(res.nnotes, 1);
	CHECK_STR(note_tmpl(B2), "fail.notify");
	CHECK_STR(outcome(o3), "-");
	CHECK_INT(be->marks(tags, sizeof(tags)), 3);
	be->close();
}

static void
test_timers(void)
{
	int64_t			p = fresh(), o, o2, at;
	struct act_result	out[4];
	int			drop;

	/* pickup timeout: back to accepted, seller and courier told */
	o = order_by(B1, p, 2, true);
	CHECK_INT(assign(o, K1), ACT_OK);
	at = order(o).expires_at;
	CHECK_INT(at, T0 + cf.couriers_pickup_s);
	CHECK_INT(expire(at - 1, out, 4), 0);
	CHECK_INT(expire(at, out, 4), 1);
	CHECK_STR(out[0].reply.to, S1);
	CHECK_STR(out[0].reply.tmpl, "pickup_timeout.seller");
	CHECK_INT(out[0].nnotes, 1);
	CHECK_STR(out[0].notes[0].to, K1);
	CHECK_STR(out[0].notes[0].tmpl, "pickup_timeout.courier");
	CHECK_STR(act_get(&out[0].notes[0], "order"), "O1");
	CHECK_INT(order(o).state, ORDER_ACCEPTED);
	CHECK_STR(order(o).courier, "");
	CHECK_INT(order(o).expires_at, -1);
	CHECK_INT(product(p).reserved, 2);
	CHECK_STR(outcome(o), "timeout");
	CHECK_INT(courier(K1).jobs, 0);

	/* deliver timeout: delivered, both parties told, the job ends */
	CHECK_INT(assign(o, K1), ACT_OK);
	drop = pickup(o);
	CHECK(drop >= 0);
	at = order(o).expires_at;
	CHECK_INT(at, now + cf.deliver_timeout_s);
	CHECK_INT(expire(at - 1, out, 4), 0);
	CHECK_INT(expire(at, out, 4), 1);
	CHECK_STR(out[0].reply.to, B1);
	CHECK_STR(out[0].reply.tmpl, "deliver_timeout.buyer");
	CHECK_STR(act_get(&out[0].reply, "shop"), "Warung Sri");
	CHECK_INT(out[0].nnotes, 1);
	CHECK_STR(out[0].notes[0].to, S1);
	CHECK_STR(out[0].notes[0].tmpl, "deliver_timeout.seller");
	CHECK_INT(order(o).state, ORDER_DELIVERED);
	CHECK_STR(outcome(o), "delivered");
	CHECK_INT(product(p).stock, 8);

	/* shipped by KIRIM: the same timer, no job */
	o2 = order_by(B1, p, 1, true);
	CHECK_INT(cmd(S1, VERB_SHIP, o2, NULL), ACT_OK);
	CHECK_INT(expire(order(o2).expires_at, out, 4), 1);
	CHECK_STR(out[0].reply.tmpl, "deliver_timeout.buyer");
	CHECK_INT(order(o2).state, ORDER_DELIVERED);
	CHECK_STR(outcome(o2), "-");
	be->close();
}

/* BELI over orders.max_failed_deliveries in 90 days; the seller's
 * new-order note with the buyer's record. */
static void
test_buyer_record(void)
{
	int64_t			 p = fresh(), o;
	const struct act_msg	*n;
	struct action		 a;
	int			 drop, code, i;

	/* a new buyer: the short note */
	o = order_by(B1, p, 1, false);
	n = note_to(S1);
	CHECK(n != NULL);
	if (n != NULL) {
		CHECK_STR(n->tmpl, "confirm.notify_seller");
		CHECK(act_get(n, "done") == NULL);
	}
	CHECK_INT(cmd(S1, VERB_ACCEPT, o, NULL), ACT_OK);
	CHECK_INT(assign(o, K1), ACT_OK);
	drop = pickup(o);
	CHECK_INT(deliver(K1, o, drop), ACT_OK);
	o = order_by(B1, p, 1, true);
	CHECK_INT(assign(o, K1), ACT_OK);
	CHECK_INT(cmd(K1, VERB_FAILED, o, "x"), ACT_OK);
	/* 1 completed, 1 failed */
	a = fx_act(VERB_BUY);
	a.code = p;
	a.qty = 1;
	CHECK_INT(run(B1, &a), ACT_OK);
	code = atoi(var("confirm"));
	o = atoll(var("order") + 1);
	a = fx_act(VERB_CONFIRM);
	a.confirm_code = code;
	CHECK_INT(run(B1, &a), ACT_OK);
	n = note_to(S1);
	CHECK(n != NULL);
	if (n != NULL) {
		CHECK_STR(n->tmpl, "confirm.notify_seller_rec");
		CHECK_STR(act_get(n, "done"), "1");
		CHECK_STR(act_get(n, "failed"), "1");
		CHECK_STR(act_get(n, "buyer"), B1);
	}
	CHECK_INT(cmd(S1, VERB_ACCEPT, o, NULL), ACT_OK);
	CHECK_INT(assign(o, K1), ACT_OK);
	CHECK_INT(cmd(S1, VERB_FAILED, o, "x"), ACT_OK);
	/* 2 failed: at the limit (2), still allowed */
	o = order_by(B1, p, 1, true);
	CHECK(o > 0);
	CHECK_INT(cmd(S1, VERB_CANCEL, o, NULL), ACT_OK);
	/* 3 failed: BELI refused with the reason; nothing reserved */
	CHECK_INT(assign(o, K1), ACT_BAD_STATE);
	CHECK_INT(R.ops->begin(R.be), REPO_OK);
	CHECK_INT(R.ops->mark_add(R.be, B1, "failed", 0, now), REPO_OK);
	CHECK_INT(R.ops->commit(R.be), REPO_OK);
	i = (int)product(p).reserved;
	a = fx_act(VERB_BUY);
	a.code = p;
	a.qty = 1;
	CHECK_INT(run(B1, &a), ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "buy.failed_limit");
	CHECK_STR(var("failed"), "3");
	CHECK_STR(var("max"), "2");
	CHECK_STR(var("days"), "90");
	CHECK_INT(product(p).reserved, i);
	/* another buyer is not touched; after 90 days the marks lapse */
	CHECK(order_by(B2, p, 1, false) > 0);
	now += 91 * DAY;
	CHECK(order_by(B1, p, 1, false) > 0);
	n = note_to(S1);
	if (n != NULL)		/* the completed one lapsed too */
		CHECK_STR(n->tmpl, "confirm.notify_seller");
	/* a higher limit lets the buyer through sooner */
	now -= 91 * DAY;
	cf.max_failed_deliveries = 3;
	CHECK(order_by(B1, p, 1, false) > 0);
	cf.max_failed_deliveries = 2;
	be->close();
}

/* lapakctl courier remove: jobs not picked up go back to their sellers,
 * those picked up stay with the courier. */
static void
test_remove(void)
{
	struct commerce		cm = { &R, &secrets, &cf };
	struct act_result	out[4];
	int64_t			p = fresh(), o, o2;
	int			n = -1, kept = -1, drop;

	o = order_by(B1, p, 1, true);
	o2 = order_by(B1, p, 1, true);
	CHECK_INT(assign(o, K1), ACT_OK);
	CHECK_INT(assign(o2, K1), ACT_OK);
	drop = pickup(o2);
	CHECK_INT(R.ops->begin(R.be), REPO_OK);
	CHECK_INT(commerce_courier_remove(&cm, K1, now, out, 4, &n, &kept), 0);
	CHECK_INT(R.ops->commit(R.be), REPO_OK);
	CHECK_INT(n, 1);
	CHECK_INT(kept, 1);
	CHECK_STR(out[0].reply.to, S1);
	CHECK_STR(out[0].reply.tmpl, "unassign.seller");
	CHECK_STR(act_get(&out[0].reply, "name"), "Budi");
	CHECK_INT(order(o).state, ORDER_ACCEPTED);
	CHECK_STR(order(o).courier, "");
	CHECK_STR(outcome(o), "unassigned");
	CHECK_INT(order(o2).state, ORDER_SHIPPED);
	CHECK_INT(deliver(K1, o2, drop), ACT_OK);
	be->close();
}

int
main(void)
{
	size_t			 i;

	fx_conf(&cf, 3);
	/* couriers: the defaults of conf/conf.c */
	cf.deliver_timeout_s = 1209600;
	cf.couriers_pickup_s = 14400;
	cf.couriers_max_jobs = 3;
	cf.max_failed_deliveries = 2;
	/* the state words of PESANAN come from the shipped templates */
	if (fx_words() != 0)
		return 2;
	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
		int	before = t_fail;

		be = &backends[i];
		test_duty();
		test_assign();
		test_assign_blocked();
		test_pickup_deliver();
		test_give_back();
		test_fail();
		test_timers();
		test_buyer_record();
		test_remove();
		printf("%s backend: %s\n", be->name,
		    t_fail == before ? "ok" : "FAILED");
	}
	commerce_langs_set(NULL);
	return T_DONE();
}
