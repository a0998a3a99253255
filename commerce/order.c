/* Orders: the transition table, BELI, YA, TERIMA, TOLAK, KIRIM, BATAL,
 * SAMPAI, PESANAN (and one order: PESANAN O7 / INFO O7) and the timers.
 * Every state change is a row of the table, taken by order_step: the
 * repository writes it only if the order is still in its from-state. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "commerce/cx.h"

#define ORDERS_CLOSED	3	/* PESANAN with no open order: the last ones */
#define EXPIRE_IDS	64

#define T(from, ev, to, who, stock, timer, reply, party, note)		\
	{ ORDER_##from, EV_##ev, ORDER_##to, who, STOCK_##stock,	\
	    TIMER_##timer, TMPL_##reply, PARTY_##party, TMPL_##note }

static const struct order_transition transitions[] = {
	T(NONE, BUY, PENDING, BY_BUYER, KEEP, CONFIRM, BUY_OK, NONE, NONE),
	T(PENDING, CONFIRM, CONFIRMED, BY_BUYER, RESERVE, ACCEPT, CONFIRM_OK,
	    SELLER, CONFIRM_NOTIFY_SELLER),
	T(PENDING, CODE_SPENT, CANCELLED, BY_BUYER, KEEP, NONE,
	    CONFIRM_CANCELLED, NONE, NONE),
	T(CONFIRMED, ACCEPT, ACCEPTED, BY_SELLER, KEEP, NONE, ACCEPT_OK,
	    BUYER, ACCEPT_NOTIFY_BUYER),
	T(PENDING, REJECT, REJECTED, BY_SELLER, KEEP, NONE, REJECT_OK,
	    BUYER, REJECT_NOTIFY_BUYER),
	T(CONFIRMED, REJECT, REJECTED, BY_SELLER, RELEASE, NONE, REJECT_OK,
	    BUYER, REJECT_NOTIFY_BUYER),
	T(ACCEPTED, REJECT, REJECTED, BY_SELLER, RELEASE, NONE, REJECT_OK,
	    BUYER, REJECT_NOTIFY_BUYER),
	T(ACCEPTED, SHIP, SHIPPED, BY_SELLER, CONSUME, DELIVER, SHIP_OK,
	    BUYER, SHIP_NOTIFY_BUYER),
	/* A pending order is the buyer's alone: its seller never heard of
	 * it, so is not told of its end either. */
	T(PENDING, CANCEL, CANCELLED, BY_BUYER, KEEP, NONE, CANCEL_OK,
	    NONE, NONE),
	T(CONFIRMED, CANCEL, CANCELLED, BY_BUYER, RELEASE, NONE, CANCEL_OK,
	    SELLER, CANCEL_NOTIFY_SELLER),
	T(ACCEPTED, CANCEL, CANCELLED, BY_BUYER, RELEASE, NONE, CANCEL_OK,
	    SELLER, CANCEL_NOTIFY_SELLER),
	T(PENDING, CANCEL, CANCELLED, BY_SELLER, KEEP, NONE, CANCEL_OK,
	    BUYER, CANCEL_NOTIFY_BUYER),
	T(CONFIRMED, CANCEL, CANCELLED, BY_SELLER, RELEASE, NONE, CANCEL_OK,
	    BUYER, CANCEL_NOTIFY_BUYER),
	T(ACCEPTED, CANCEL, CANCELLED, BY_SELLER, RELEASE, NONE, CANCEL_OK,
	    BUYER, CANCEL_NOTIFY_BUYER),
	T(SHIPPED, RECEIVED, DELIVERED, BY_BUYER, KEEP, NONE, RECEIVED_OK,
	    SELLER, RECEIVED_NOTIFY_SELLER),
	T(PENDING, EXPIRE, EXPIRED, BY_TIMER, KEEP, NONE, EXPIRE_BUYER,
	    NONE, NONE),
	T(CONFIRMED, EXPIRE, EXPIRED, BY_TIMER, RELEASE, NONE, EXPIRE_BUYER,
	    SELLER, EXPIRE_SELLER),
	/* couriers (programme.md section 4; commerce/courier.c). A timer's
	 * reply goes to the buyer, or to the seller when the note is the
	 * courier's (timer_reply_to). PARTY_ALL: buyer, seller and courier
	 * but the one who acted. */
	T(ACCEPTED, ASSIGN, ASSIGNED, BY_SELLER, KEEP, PICKUP, ASSIGN_OK,
	    COURIER, ASSIGN_NOTIFY_COURIER),
	T(ASSIGNED, GIVE_BACK, ACCEPTED, BY_COURIER, KEEP, NONE, GIVEBACK_OK,
	    SELLER, GIVEBACK_NOTIFY_SELLER),
	T(ASSIGNED, EXPIRE, ACCEPTED, BY_TIMER, KEEP, NONE,
	    PICKUP_TIMEOUT_SELLER, COURIER, PICKUP_TIMEOUT_COURIER),
	T(ASSIGNED, UNASSIGN, ACCEPTED, BY_OPERATOR, KEEP, NONE,
	    UNASSIGN_SELLER, NONE, NONE),
	T(ASSIGNED, PICKUP, SHIPPED, BY_COURIER, CONSUME, DELIVER, PICKUP_OK,
	    BUYER, PICKUP_NOTIFY_BUYER),
	T(SHIPPED, DELIVER, DELIVERED, BY_COURIER, KEEP, NONE, DELIVER_OK,
	    ALL, DELIVER_NOTIFY),
	T(ASSIGNED, FAIL, RETURNED, BY_COURIER | BY_SELLER, RELEASE, NONE,
	    FAIL_OK, ALL, FAIL_NOTIFY),
	T(SHIPPED, FAIL, RETURNED, BY_COURIER | BY_SELLER, RESTORE, NONE,
	    FAIL_OK, ALL, FAIL_NOTIFY),
	T(SHIPPED, EXPIRE, DELIVERED, BY_TIMER, KEEP, NONE,
	    DELIVER_TIMEOUT_BUYER, SELLER, DELIVER_TIMEOUT_SELLER),
};

#undef T

static const char *const state_names[ORDER__N] = {
	[ORDER_NONE] = "",
	[ORDER_PENDING] = "pending",
	[ORDER_CONFIRMED] = "confirmed",
	[ORDER_ACCEPTED] = "accepted",
	[ORDER_SHIPPED] = "shipped",
	[ORDER_DELIVERED] = "delivered",
	[ORDER_CANCELLED] = "cancelled",
	[ORDER_REJECTED] = "rejected",
	[ORDER_EXPIRED] = "expired",
	[ORDER_ASSIGNED] = "assigned",
	[ORDER_RETURNED] = "returned",
};

const char *
order_state_name(enum order_state s)
{
	if ((unsigned)s >= ORDER__N)
		return "";
	return state_names[s];
}

enum order_state
order_state_by_name(const char *name)
{
	int	i;

	for (i = 1; i < ORDER__N; i++)
		if (strcmp(state_names[i], name) == 0)
			return (enum order_state)i;
	return ORDER_NONE;
}

const char *
commerce_state_word(enum order_state s, const char *lang)
{
	/* From the language's templates: word.state.<state>. */
	if (s == ORDER_NONE || (unsigned)s >= ORDER__N)
		return "";
	return commerce_word(lang, (enum commerce_word)(WORD_STATE + s - 1));
}

const struct order_transition *
commerce_transitions(size_t *n)
{
	*n = sizeof(transitions) / sizeof(transitions[0]);
	return transitions;
}

const struct order_transition *
commerce_transition(enum order_state from, enum order_event ev, unsigned by)
{
	size_t	i;

	for (i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++)
		if (transitions[i].from == from && transitions[i].ev == ev &&
		    (transitions[i].who & by) != 0)
			return &transitions[i];
	return NULL;
}

/* The "_why" variant of a note template, for a reason given. */
static enum commerce_tmpl
tmpl_why(enum commerce_tmpl t)
{
	switch (t) {
	case TMPL_CANCEL_NOTIFY_BUYER:
		return TMPL_CANCEL_NOTIFY_BUYER_WHY;
	case TMPL_CANCEL_NOTIFY_SELLER:
		return TMPL_CANCEL_NOTIFY_SELLER_WHY;
	default:
		return t;
	}
}

static int64_t
timer_at(const struct conf *cf, enum order_timer t, int64_t now)
{
	switch (t) {
	case TIMER_CONFIRM:
		return now + cf->confirm_timeout_s;
	case TIMER_ACCEPT:
		return now + cf->accept_timeout_s;
	case TIMER_PICKUP:
		return now + cf->couriers_pickup_s;
	case TIMER_DELIVER:
		return now + cf->deliver_timeout_s;
	default:
		return -1;
	}
}

/* Takes row t for o (reserving stock first when t says so): o->state
 * becomes t->to. REPO_CONFLICT from a reservation means the stock is
 * short (nothing written); from the move, that the order moved meanwhile. */
static enum repo_rc
order_step(const struct repo *r, const struct conf *cf, struct order *o,
    const struct order_transition *t, const char *reason, const char *by,
    int64_t now, bool *short_stock)
{
	struct order_move	m;
	enum repo_rc		rc;

	*short_stock = false;
	if (t->stock == STOCK_RESERVE) {
		rc = r->ops->product_reserve(r->be, o->product_id, o->qty);
		if (rc == REPO_CONFLICT)
			*short_stock = true;
		if (rc != REPO_OK)
			return rc;
	}
	m.order_id = o->id;
	m.product_id = o->product_id;
	m.qty = o->qty;
	m.from = o->state;
	m.to = t->to;
	m.expires_at = timer_at(cf, t->timer, now);
	m.reason = reason;
	m.stock = t->stock == STOCK_RESERVE ? STOCK_KEEP : t->stock;
	m.by = by;
	m.now_s = now;
	if ((rc = r->ops->order_move(r->be, &m)) == REPO_OK) {
		o->state = t->to;
		o->expires_at = m.expires_at;
	}
	return rc;
}

/* order, item, qty, total (and price) of o into m. */
static void
order_vars(struct act_msg *m, const struct order *o, const char *item,
    const char *unit)
{
	char	b[48];

	act_set(m, "order", "O%" PRId64, o->id);
	act_set(m, "item", "%s", item);
	act_set(m, "qty", "%s", cx_count(o->qty, b, sizeof(b)));
	act_set(m, "price", "%s", cx_price(o->unit_price_rp, unit, b, sizeof(b)));
	act_set(m, "total", "%s",
	    act_rupiah(o->unit_price_rp * o->qty, b, sizeof(b)));
}

/* The note row t asks for, to the other party (nobody when one number is
 * both), with the order's values; NULL when none. */
static struct act_msg *
order_note(struct cx *c, const struct order_transition *t,
    const struct order *o, const struct product *p, const struct seller *s,
    bool why)
{
	struct act_msg	*n;
	const char	*to;

	if (t->notify == PARTY_ALL)
		return cx_order_note_all(c, t, o, p, s);
	if (t->notify == PARTY_NONE || strcmp(o->buyer, s->msisdn) == 0)
		return NULL;
	if (t->notify == PARTY_COURIER) {
		if (o->courier[0] == '\0')
			return NULL;
		to = o->courier;
	} else
		to = t->notify == PARTY_BUYER ? o->buyer : s->msisdn;
	if ((n = cx_note(c, to, why ? tmpl_why(t->note) : t->note)) != NULL)
		order_vars(n, o, p->name, p->unit);
	return n;
}

/* couriers: PARTY_ALL: the note to each of buyer, seller and courier but
 * the one who acted (c->who) and numbers met already; the last one made,
 * or NULL. */
struct act_msg *
cx_order_note_all(struct cx *c, const struct order_transition *t,
    const struct order *o, const struct product *p, const struct seller *s)
{
	const char	*to[3] = { o->buyer, s->msisdn, o->courier };
	struct act_msg	*n, *last = NULL;
	int		 i, k;

	for (i = 0; i < 3; i++) {
		bool	dup = to[i][0] == '\0' ||
			    strcmp(to[i], c->who->msisdn) == 0;

		for (k = 0; k < i && !dup; k++)
			dup = strcmp(to[i], to[k]) == 0;
		if (dup || (n = cx_note(c, to[i], t->note)) == NULL)
			continue;
		order_vars(n, o, p->name, p->unit);
		act_set(n, "shop", "%s", s->shop);
		last = n;
	}
	return last;
}

/* Loads order a->code with its product and seller: 1, or 0 with the
 * request ended (not found / repository error). */
static int
load_order(struct cx *c, struct order *o, struct product *p, struct seller *s)
{
	enum repo_rc	rc;

	act_set(&c->res->reply, "order", "O%" PRId64, c->a->code);
	act_set(&c->res->reply, "code", "O%" PRId64, c->a->code);
	rc = REPO(c, order_get, c->a->code, o, p, s);
	if (rc == REPO_NOTFOUND) {
		cx_end(c, ACT_NOT_FOUND, TMPL_COM_NOT_FOUND);
		return 0;
	}
	if (rc != REPO_OK) {
		cx_repo(c, rc, "order");
		return 0;
	}
	return 1;
}

static enum act_rc
bad_state(struct cx *c, const struct order *o)
{
	act_set(&c->res->reply, "state", "%s",
	    commerce_state_word(o->state, c->lang));
	return cx_end(c, ACT_BAD_STATE, TMPL_COM_BAD_STATE);
}

/* The sender's live pending orders, oldest first. */
static enum repo_rc
pending_list(struct cx *c, struct order_pending *out, int *n)
{
	return REPO(c, order_pending, c->who->msisdn, c->who->now_s, out,
	    REPO_PENDING_MAX, n);
}

enum act_rc
cx_buy(struct cx *c)
{
	const struct order_transition *t = commerce_transition(ORDER_NONE,
	    EV_BUY, BY_BUYER);
	struct product	p;
	struct seller	s;
	struct order	o;
	struct order_pending	pend[REPO_PENDING_MAX];
	unsigned char	sealed[REPO_CODE_BLOB];
	int64_t		qty = c->a->qty == 0 ? 1 : c->a->qty;
	enum repo_rc	rc;
	char		b[32], label[96];
	int		npend, code, i, tries;
	bool		first;

	act_set(&c->res->reply, "code", "P%" PRId64, c->a->code);
	if (qty < 1 || qty > COMMERCE_QTY_MAX) {
		act_set(&c->res->reply, "max", "%s",
		    cx_count(COMMERCE_QTY_MAX, b, sizeof(b)));
		return cx_end(c, ACT_INVALID, TMPL_COM_BAD_QTY);
	}
	rc = REPO(c, product_get, c->a->code, &p, &s);
	if (rc != REPO_OK && rc != REPO_NOTFOUND)
		return cx_repo(c, rc, "buy");
	if (rc == REPO_NOTFOUND || !p.active)
		return cx_end(c, ACT_NOT_FOUND, TMPL_COM_NOT_FOUND);
	if (strcmp(s.msisdn, c->who->msisdn) == 0) {
		act_set(&c->res->reply, "name", "%s", p.name);
		return cx_end(c, ACT_OWN_PRODUCT, TMPL_BUY_OWN);
	}
	/* couriers: too many failed deliveries in 90 days, no more orders */
	if (cx_buy_limited(c))
		return c->res->rc;
	if ((rc = pending_list(c, pend, &npend)) != REPO_OK)
		return cx_repo(c, rc, "buy");
	if (npend >= c->cf->max_pending) {
		act_set(&c->res->reply, "max", "%d", c->cf->max_pending);
		return cx_end(c, ACT_TOO_MANY_PENDING, TMPL_BUY_TOO_MANY);
	}
	if (qty > p.stock - p.reserved) {
		act_set(&c->res->reply, "name", "%s", p.name);
		act_set(&c->res->reply, "available", "%s",
		    cx_count(p.stock - p.reserved, b, sizeof(b)));
		return cx_end(c, ACT_NO_STOCK, TMPL_BUY_NO_STOCK);
	}
	/* A code none of the sender's other pending orders answers to. */
	for (tries = 0;; tries++) {
		bool	clash = false;

		code = c->sec->code_new(c->sec->arg);
		for (i = 0; i < npend; i++)
			if (c->sec->code_check(c->sec->arg, pend[i].sealed,
			    pend[i].sealed_len, code))
				clash = true;
		if (!clash || tries > 20)
			break;
	}
	c->sec->code_seal(c->sec->arg, code, sealed);
	memset(&o, 0, sizeof(o));
	snprintf(o.buyer, sizeof(o.buyer), "%s", c->who->msisdn);
	o.seller_id = p.seller_id;
	o.product_id = p.id;
	o.qty = qty;
	o.unit_price_rp = p.price_rp;
	snprintf(o.note, sizeof(o.note), "%s", c->a->text);
	o.state = t->to;
	o.expires_at = timer_at(c->cf, t->timer, c->who->now_s);
	rc = REPO(c, order_add, &o, sealed, sizeof(sealed), c->who->now_s);
	memset(sealed, 0, sizeof(sealed));
	if (rc != REPO_OK)
		return cx_repo(c, rc, "buy");
	order_vars(&c->res->reply, &o, p.name, p.unit);
	act_set(&c->res->reply, "shop", "%s", s.shop);
	act_set(&c->res->reply, "shop_label", "%s",
	    cx_shop_label(s.shop, c->lang, label, sizeof(label)));
	act_set(&c->res->reply, "confirm", "%d", code);
	act_set(&c->res->reply, "minutes", "%d",
	    (c->cf->confirm_timeout_s + 59) / 60);
	/* issue 13, privacy: a buyer's first order reply carries the
	 * privacy line for buyers; its time is the buyer's consent. */
	if (cx_consent(c, false, &first) != 0)
		return c->res->rc;
	if (first)
		return cx_end(c, ACT_OK, c->a->note_cut ? TMPL_BUY_OK_CUT_NEW :
		    TMPL_BUY_OK_NEW);
	/* The parser cut a long note at a word: the buyer hears it. */
	return cx_end(c, ACT_OK, c->a->note_cut ? TMPL_BUY_OK_CUT : t->reply);
}

/* Confirms pending order id: reserves stock, tells the seller. */
static enum act_rc
confirm_one(struct cx *c, int64_t id)
{
	const struct order_transition *t;
	struct order	 o;
	struct product	 p;
	struct seller	 s;
	struct act_msg	*n;
	enum repo_rc	 rc;
	char		 b[32];
	bool		 short_stock;

	if ((rc = REPO(c, order_get, id, &o, &p, &s)) != REPO_OK)
		return cx_repo(c, rc == REPO_NOTFOUND ? REPO_ERR : rc,
		    "confirm");
	order_vars(&c->res->reply, &o, p.name, p.unit);
	act_set(&c->res->reply, "shop", "%s", s.shop);
	if ((t = commerce_transition(o.state, EV_CONFIRM, BY_BUYER)) == NULL)
		return cx_repo(c, REPO_CONFLICT, "confirm");
	rc = order_step(c->r, c->cf, &o, t, NULL, c->who->msisdn,
	    c->who->now_s, &short_stock);
	if (short_stock) {
		/* Nothing reserved, the seller is not told; the order stays
		 * pending until its timer or BATAL. */
		act_set(&c->res->reply, "available", "%s",
		    cx_count(p.stock - p.reserved, b, sizeof(b)));
		return cx_end(c, ACT_NO_STOCK, TMPL_CONFIRM_NO_STOCK);
	}
	if (rc != REPO_OK)
		return cx_repo(c, rc, "confirm");
	if ((n = order_note(c, t, &o, &p, &s, false)) != NULL) {
		act_set(n, "buyer", "%s", o.buyer);
		act_set(n, "note", "%s", o.note[0] != '\0' ? o.note : "-");
		act_set(n, "hours", "%d", (c->cf->accept_timeout_s + 3599) / 3600);
		/* couriers: the buyer's record of the last 90 days */
		if (cx_buyer_record(c, n, o.buyer) != 0)
			return c->res->rc;
	}
	return cx_end(c, ACT_OK, t->reply);
}

enum act_rc
cx_confirm(struct cx *c)
{
	const struct order_transition *t;
	struct order_pending	 pend[REPO_PENDING_MAX];
	char		 list[ACT_VAL_MAX];
	size_t		 len = 0;
	enum repo_rc	 rc;
	int		 npend, i, left = c->cf->confirm_attempts;
	bool		 cancelled = false, short_stock;

	if ((rc = pending_list(c, pend, &npend)) != REPO_OK)
		return cx_repo(c, rc, "confirm");
	if (npend == 0)
		return cx_end(c, ACT_NO_PENDING, TMPL_CONFIRM_NONE);
	if (c->a->confirm_code < 0) {
		if (npend == 1)
			return confirm_one(c, pend[0].id);
		list[0] = '\0';
		for (i = 0; i < npend && len < sizeof(list); i++)
			len += (size_t)snprintf(list + len, sizeof(list) - len,
			    "%sO%" PRId64, i > 0 ? " " : "", pend[i].id);
		act_set(&c->res->reply, "orders", "%s", list);
		return cx_end(c, ACT_AMBIGUOUS, TMPL_CONFIRM_AMBIGUOUS);
	}
	for (i = 0; i < npend; i++)
		if (c->sec->code_check(c->sec->arg, pend[i].sealed,
		    pend[i].sealed_len, c->a->confirm_code))
			return confirm_one(c, pend[i].id);
	/* Wrong: every pending order of the sender counts the attempt, so
	 * guessing across orders gains nothing; spent ones are cancelled. */
	t = commerce_transition(ORDER_PENDING, EV_CODE_SPENT, BY_BUYER);
	list[0] = '\0';
	for (i = 0; i < npend; i++) {
		struct order	o;

		pend[i].attempts++;
		if ((rc = REPO(c, order_attempts, pend[i].id,
		    pend[i].attempts)) != REPO_OK)
			return cx_repo(c, rc, "confirm");
		if (pend[i].attempts < c->cf->confirm_attempts) {
			if (c->cf->confirm_attempts - pend[i].attempts < left)
				left = c->cf->confirm_attempts - pend[i].attempts;
			continue;
		}
		if ((rc = REPO(c, order_get, pend[i].id, &o, NULL, NULL)) !=
		    REPO_OK)
			return cx_repo(c, rc == REPO_NOTFOUND ? REPO_ERR : rc,
			    "confirm");
		if ((rc = order_step(c->r, c->cf, &o, t, "code",
		    c->who->msisdn, c->who->now_s, &short_stock)) != REPO_OK)
			return cx_repo(c, rc, "confirm");
		if (len < sizeof(list))
			len += (size_t)snprintf(list + len, sizeof(list) - len,
			    "%sO%" PRId64, cancelled ? " " : "", o.id);
		cancelled = true;
	}
	if (cancelled) {
		act_set(&c->res->reply, "order", "%s", list);
		return cx_end(c, ACT_CODE_CANCELLED, t->reply);
	}
	act_set(&c->res->reply, "left", "%d", left);
	return cx_end(c, ACT_WRONG_CODE, TMPL_CONFIRM_WRONG);
}

/* Seller side: the sender must be the order's seller. 1 go on, 0 ended. */
static int
seller_order(struct cx *c, struct order *o, struct product *p,
    struct seller *s)
{
	struct seller	me;

	if (!cx_need_seller(c, &me) || !load_order(c, o, p, s))
		return 0;
	if (o->seller_id != me.id) {
		cx_end(c, ACT_NOT_YOURS, TMPL_COM_NOT_YOURS);
		return 0;
	}
	return 1;
}

/* Takes the transition of ev by who for the loaded order: the reply's
 * order values and the note to the other party. NULL when the table has
 * no such row (the caller refuses) or the request ended (res->rc set). */
static const struct order_transition *
take(struct cx *c, struct order *o, const struct product *p,
    enum order_event ev, unsigned by, const char *reason, bool *ended)
{
	const struct order_transition	*t;
	enum repo_rc			 rc;
	bool				 short_stock;

	*ended = false;
	if ((t = commerce_transition(o->state, ev, by)) == NULL)
		return NULL;
	if ((rc = order_step(c->r, c->cf, o, t, reason, c->who->msisdn,
	    c->who->now_s, &short_stock)) != REPO_OK) {
		cx_repo(c, rc, "order");
		*ended = true;
		return NULL;
	}
	order_vars(&c->res->reply, o, p->name, p->unit);
	return t;
}

enum act_rc
cx_accept(struct cx *c)
{
	const struct order_transition *t;
	struct order	 o;
	struct product	 p;
	struct seller	 s;
	struct act_msg	*n;
	bool		 ended;

	if (!seller_order(c, &o, &p, &s))
		return c->res->rc;
	if ((t = take(c, &o, &p, EV_ACCEPT, BY_SELLER, NULL, &ended)) == NULL)
		return ended ? c->res->rc : bad_state(c, &o);
	act_set(&c->res->reply, "buyer", "%s", o.buyer);
	if ((n = order_note(c, t, &o, &p, &s, false)) != NULL) {
		act_set(n, "shop", "%s", s.shop);
		act_set(n, "phone", "%s", s.msisdn);
	}
	return cx_end(c, ACT_OK, t->reply);
}

enum act_rc
cx_reject(struct cx *c)
{
	const struct order_transition *t;
	struct order	 o;
	struct product	 p;
	struct seller	 s;
	struct act_msg	*n;
	bool		 ended;

	if (!seller_order(c, &o, &p, &s))
		return c->res->rc;
	if ((t = take(c, &o, &p, EV_REJECT, BY_SELLER, c->a->text,
	    &ended)) == NULL)
		return ended ? c->res->rc : bad_state(c, &o);
	if ((n = order_note(c, t, &o, &p, &s, false)) != NULL) {
		act_set(n, "shop", "%s", s.shop);
		act_set(n, "reason", "%s",
		    c->a->text[0] != '\0' ? c->a->text : "-");
	}
	return cx_end(c, ACT_OK, t->reply);
}

enum act_rc
cx_ship(struct cx *c)
{
	const struct order_transition *t;
	struct order	 o;
	struct product	 p;
	struct seller	 s;
	struct act_msg	*n;
	bool		 ended;

	if (!seller_order(c, &o, &p, &s))
		return c->res->rc;
	if (o.state == ORDER_CONFIRMED)
		/* The step sellers skip: name it rather than the state. */
		return cx_end(c, ACT_BAD_STATE, TMPL_SHIP_NOT_ACCEPTED);
	if (o.state == ORDER_ASSIGNED)
		/* couriers: the courier takes it (AMBIL) */
		return cx_end(c, ACT_BAD_STATE, TMPL_SHIP_HAS_COURIER);
	if ((t = take(c, &o, &p, EV_SHIP, BY_SELLER, NULL, &ended)) == NULL)
		return ended ? c->res->rc : bad_state(c, &o);
	if ((n = order_note(c, t, &o, &p, &s, false)) != NULL) {
		act_set(n, "shop", "%s", s.shop);
		act_set(n, "phone", "%s", s.msisdn);
	}
	return cx_end(c, ACT_OK, t->reply);
}

enum act_rc
cx_cancel(struct cx *c)
{
	const struct order_transition *t;
	struct order	 o;
	struct product	 p;
	struct seller	 s;
	struct act_msg	*n;
	const char	*why = c->a->text;
	bool		 by_buyer, ended;

	if (!load_order(c, &o, &p, &s))
		return c->res->rc;
	by_buyer = strcmp(o.buyer, c->who->msisdn) == 0;
	/* couriers: the order's courier gives the job back */
	if (!by_buyer && strcmp(s.msisdn, c->who->msisdn) != 0 &&
	    o.courier[0] != '\0' && strcmp(o.courier, c->who->msisdn) == 0)
		return cx_give_back(c, &o, &p, &s);
	if (!by_buyer && strcmp(s.msisdn, c->who->msisdn) != 0)
		return cx_end(c, ACT_NOT_YOURS, TMPL_COM_NOT_YOURS);
	if ((t = take(c, &o, &p, EV_CANCEL, by_buyer ? BY_BUYER : BY_SELLER,
	    by_buyer ? "buyer" : "seller", &ended)) == NULL)
		return ended ? c->res->rc : bad_state(c, &o);
	/* The other party, with the reason when one was given. */
	if ((n = order_note(c, t, &o, &p, &s, why[0] != '\0')) != NULL) {
		act_set(n, "shop", "%s", s.shop);
		act_set(n, "buyer", "%s", o.buyer);
		if (why[0] != '\0')
			act_set(n, "reason", "%s", why);
	}
	return cx_end(c, ACT_OK, t->reply);
}

enum act_rc
cx_received(struct cx *c)
{
	const struct order_transition *t;
	struct order	 o;
	struct product	 p;
	struct seller	 s;
	struct act_msg	*n;
	bool		 ended;

	if (!load_order(c, &o, &p, &s))
		return c->res->rc;
	if (strcmp(o.buyer, c->who->msisdn) != 0)
		/* Its seller is told who may: the one the goods reach. */
		return cx_end(c, ACT_NOT_YOURS,
		    strcmp(s.msisdn, c->who->msisdn) == 0 &&
		    o.state != ORDER_PENDING ?
		    TMPL_RECEIVED_BUYER_ONLY : TMPL_COM_NOT_YOURS);
	if ((t = take(c, &o, &p, EV_RECEIVED, BY_BUYER, NULL, &ended)) == NULL)
		return ended ? c->res->rc : bad_state(c, &o);
	/* couriers: the buyer's SAMPAI ends the courier's job too */
	if (o.courier[0] != '\0' && cx_job_mark(c, o.id, "delivered") != 0)
		return c->res->rc;
	if ((n = order_note(c, t, &o, &p, &s, false)) != NULL)
		act_set(n, "buyer", "%s", o.buyer);
	return cx_end(c, ACT_OK, t->reply);
}

/* Lines into the reply's rows (item, qty, state word, role); true when
 * one of them is paid (issue 13: its state carries the paid mark, and the
 * page's header the mark's meaning). */
static bool
order_lines(struct cx *c, const struct order_line *l, int n)
{
	struct act_msg	*m = &c->res->reply;
	char		 b[32];
	int		 i;
	bool		 paid = false;

	for (i = 0; i < n; i++) {
		struct act_row	*r = &m->rows[m->nrows++];

		act_row_set(r, "order", "O%" PRId64, l[i].id);
		act_row_set(r, "item", "%s", l[i].item);
		act_row_set(r, "qty", "%s", cx_count(l[i].qty, b, sizeof(b)));
		act_row_set(r, "state", "%s",
		    commerce_state_word(l[i].state, c->lang));
		/* issue 13, payment records: {paid}, a mark after a paid
		 * order's state ("diterima*") that the page's header
		 * explains; a word there would not leave three rows in one
		 * segment. "" on the other rows. */
		act_row_set(r, "paid", "%s", l[i].paid ?
		    commerce_word(c->lang, WORD_PAID) : "");
		paid = paid || l[i].paid;
		act_row_set(r, "role", "%s", commerce_word(c->lang,
		    l[i].buying ? WORD_BUY : WORD_SELL));
	}
	return paid;
}

/* PESANAN with no open order: the sender's last closed ones, with their
 * outcome. A seller's only those they were told of (confirmed once). */
static enum act_rc
orders_closed(struct cx *c, int64_t seller_id)
{
	struct order_line	l[ORDERS_CLOSED];
	enum repo_rc		rc;
	int			n;
	bool			paid;

	if ((rc = REPO(c, order_closed, c->who->msisdn, seller_id, l,
	    ORDERS_CLOSED, &n)) != REPO_OK)
		return cx_repo(c, rc, "orders");
	paid = order_lines(c, l, n);
	c->res->reply.more = false;
	/* Not a list LAGI goes on with. */
	if (cx_list_save(c, "", "", 0) != 0)
		return c->res->rc;
	if (n == 0)
		return cx_end(c, ACT_OK, TMPL_ORDERS_EMPTY);
	return cx_end(c, ACT_OK, paid ? TMPL_PAID_CLOSED : TMPL_ORDERS_CLOSED);
}

enum act_rc
cx_orders(struct cx *c, int64_t offset)
{
	struct seller		me;
	struct order_line	l[COMMERCE_PAGE + 1];
	int64_t			seller_id;
	enum repo_rc		rc;
	int			n;
	bool			paid;

	rc = REPO(c, seller_get, c->who->msisdn, 0, &me);
	if (rc != REPO_OK && rc != REPO_NOTFOUND)
		return cx_repo(c, rc, "orders");
	seller_id = rc == REPO_OK ? me.id : -1;
	/* A seller sees an order once its buyer confirmed it: pending ones
	 * are the buyer's alone. */
	if ((rc = REPO(c, order_open, c->who->msisdn, seller_id, offset, l,
	    COMMERCE_PAGE + 1, &n)) != REPO_OK)
		return cx_repo(c, rc, "orders");
	n = cx_page_cut(c, n);
	if (n == 0 && offset == 0)
		return orders_closed(c, seller_id);
	paid = order_lines(c, l, n);
	if (cx_list_save(c, "orders", "", offset + n) != 0)
		return c->res->rc;
	if (n == 0)
		return cx_end(c, ACT_NO_MORE, TMPL_MORE_NONE);
	return cx_end(c, ACT_OK, paid ? TMPL_PAID_ORDERS : TMPL_ORDERS_OK);
}

/* INFO O7 / PESANAN O7: one order, to either party of it. Its seller sees
 * it once confirmed (with the buyer's number and note), like PESANAN. */
enum act_rc
cx_order_info(struct cx *c)
{
	struct order	 o;
	struct product	 p;
	struct seller	 s;
	struct act_msg	*m = &c->res->reply;
	char		 label[96];
	bool		 buyer;
	int		 paid;

	if (!load_order(c, &o, &p, &s))
		return c->res->rc;
	buyer = strcmp(o.buyer, c->who->msisdn) == 0;
	if (!buyer && (strcmp(s.msisdn, c->who->msisdn) != 0 ||
	    o.state == ORDER_PENDING))
		return cx_end(c, ACT_NOT_YOURS, TMPL_COM_NOT_YOURS);
	order_vars(m, &o, p.name, p.unit);
	act_set(m, "state", "%s", commerce_state_word(o.state, c->lang));
	/* issue 13, payment records: {paid} ("OVO ref 123") when recorded */
	if ((paid = cx_paid_vars(c, m, o.id)) == -1)
		return c->res->rc;
	if (buyer) {
		act_set(m, "shop", "%s", s.shop);
		act_set(m, "shop_label", "%s",
		    cx_shop_label(s.shop, c->lang, label, sizeof(label)));
		return cx_end(c, ACT_OK, paid == 1 ? TMPL_ORDER_BUYER_PAID :
		    TMPL_ORDER_BUYER);
	}
	act_set(m, "buyer", "%s", o.buyer);
	act_set(m, "note", "%s", o.note[0] != '\0' ? o.note : "-");
	return cx_end(c, ACT_OK, paid == 1 ? TMPL_ORDER_SELLER_PAID :
	    TMPL_ORDER_SELLER);
}

/* A timer's reply goes to the buyer; couriers: to the seller when the
 * courier has the note (pickup timeout). */
static const char *
timer_reply_to(const struct order_transition *t, const struct order *o,
    const struct seller *s)
{
	return t->notify == PARTY_COURIER ? s->msisdn : o->buyer;
}

int
commerce_expire_due(const struct commerce *cm, int64_t now_s,
    struct act_result *out, int max)
{
	const struct repo	*r = cm->repo;
	struct actor		 timer;
	int64_t			 ids[EXPIRE_IDS];
	int			 n = 0, i, done = 0;

	if (max <= 0)
		return 0;
	if (max > EXPIRE_IDS)
		max = EXPIRE_IDS;
	if (r->ops->order_due(r->be, now_s, ids, max, &n) != REPO_OK)
		return -1;
	memset(&timer, 0, sizeof(timer));
	snprintf(timer.msisdn, sizeof(timer.msisdn), "timer");
	timer.now_s = now_s;
	for (i = 0; i < n; i++) {
		const struct order_transition *t;
		struct act_result	*res = &out[done];
		struct cx		 c = { r, cm->sec, cm->cf, &timer, NULL,
					    res, "", NULL };
		struct order		 o;
		struct product		 p;
		struct seller		 sl;
		struct act_msg		*m;
		bool			 short_stock;

		if (r->ops->order_get(r->be, ids[i], &o, &p, &sl) != REPO_OK)
			return -1;
		t = commerce_transition(o.state, EV_EXPIRE, BY_TIMER);
		if (t == NULL) {
			/* A timer left on a later state: clear it quietly. */
			struct order_move mv = { o.id, o.product_id, o.qty,
			    o.state, o.state, -1, NULL, STOCK_KEEP, "timer",
			    now_s };

			if (r->ops->order_move(r->be, &mv) != REPO_OK)
				return -1;
			continue;
		}
		memset(res, 0, sizeof(*res));
		if (order_step(r, cm->cf, &o, t, "timer", "timer", now_s,
		    &short_stock) != REPO_OK)
			return -1;
		/* couriers: a courier's job ends with its timer */
		if (o.courier[0] != '\0' && r->ops->job_mark(r->be, o.id,
		    t->to == ORDER_DELIVERED ? "delivered" : "timeout",
		    now_s) != REPO_OK)
			return -1;
		res->rc = ACT_OK;
		m = &res->reply;
		snprintf(m->to, sizeof(m->to), "%s", timer_reply_to(t, &o, &sl));
		snprintf(m->lang, sizeof(m->lang), "%s",
		    commerce_lang_of(r, m->to, cm->cf->default_lang));
		cx_tmpl(m, t->reply);
		order_vars(m, &o, p.name, p.unit);
		act_set(m, "shop", "%s", sl.shop);
		/* The seller only of an order they were told of. */
		if ((m = order_note(&c, t, &o, &p, &sl, false)) != NULL)
			act_set(m, "buyer", "%s", o.buyer);
		done++;
	}
	return done;
}

/* issue 13, payment records (payment.c): the seller side's order loading
 * and the order's values, for LUNAS. */
int
cx_seller_order(struct cx *c, struct order *o, struct product *p,
    struct seller *s)
{
	return seller_order(c, o, p, s);
}

void
cx_order_vars(struct act_msg *m, const struct order *o, const char *item,
    const char *unit)
{
	order_vars(m, o, item, unit);
}

/* couriers (commerce/courier.c): the order helpers above, for cx.h. */
enum repo_rc
cx_order_step(struct cx *c, struct order *o, const struct order_transition *t,
    const char *reason)
{
	bool	short_stock;

	return order_step(c->r, c->cf, o, t, reason, c->who->msisdn,
	    c->who->now_s, &short_stock);
}

struct act_msg *
cx_order_note(struct cx *c, const struct order_transition *t,
    const struct order *o, const struct product *p, const struct seller *s)
{
	return order_note(c, t, o, p, s, false);
}

int
cx_load_order(struct cx *c, struct order *o, struct product *p,
    struct seller *s)
{
	return load_order(c, o, p, s);
}

enum act_rc
cx_bad_state(struct cx *c, const struct order *o)
{
	return bad_state(c, o);
}
