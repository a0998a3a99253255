/* Couriers (programme.md section 4): SIAP, LIBUR, KURIR, AMBIL, ANTAR,
 * GAGAL, BATAL by the courier, the courier's PESANAN, the buyer's record
 * and the cash-on-delivery limit, and lapakctl courier remove. Every order
 * move is a row of order.c's table, taken through cx_order_step. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "commerce/cx.h"

#define RECORD_DAYS	90		/* the buyer's record, the COD limit */
#define DROP_ATTEMPTS	3		/* wrong delivery codes before the lock */
#define REMOVE_PAGE	16

/* The sender as an enrolled courier: 1, or 0 with the request ended. */
static int
need_courier(struct cx *c, struct courier *k)
{
	enum repo_rc	rc;

	if ((rc = REPO(c, courier_get, c->who->msisdn, k)) == REPO_NOTFOUND) {
		cx_end(c, ACT_REFUSED, TMPL_COURIER_ONLY);
		return 0;
	}
	if (rc != REPO_OK) {
		cx_repo(c, rc, "courier");
		return 0;
	}
	return 1;
}

/* The courier's name, "-" when no longer enrolled. */
static void
courier_name(struct cx *c, const char *msisdn, char *buf, size_t len)
{
	struct courier	k;

	if (c->r->ops->courier_get(c->r->be, msisdn, &k) == REPO_OK)
		snprintf(buf, len, "%s", k.name);
	else
		snprintf(buf, len, "-");
}

/* What the buyer pays on delivery: nothing when paid (LUNAS). */
static int64_t
collect_rp(const struct order *o)
{
	return o->paid ? 0 : o->unit_price_rp * o->qty + o->fee_rp;
}

int
cx_job_mark(struct cx *c, int64_t id, const char *what)
{
	enum repo_rc	rc = REPO(c, job_mark, id, what, c->who->now_s);

	if (rc == REPO_OK || rc == REPO_NOTFOUND)
		return 0;
	cx_repo(c, rc, "job");
	return -1;
}

int
cx_buy_limited(struct cx *c)
{
	enum repo_rc	rc;
	int		done, failed;

	rc = REPO(c, buyer_record, c->who->msisdn,
	    c->who->now_s - (int64_t)RECORD_DAYS * 86400, &done, &failed);
	if (rc != REPO_OK) {
		cx_repo(c, rc, "buy");
		return 1;
	}
	if (failed <= c->cf->max_failed_deliveries)
		return 0;
	act_set(&c->res->reply, "failed", "%d", failed);
	act_set(&c->res->reply, "max", "%d", c->cf->max_failed_deliveries);
	act_set(&c->res->reply, "days", "%d", RECORD_DAYS);
	cx_end(c, ACT_REFUSED, TMPL_BUY_FAILED_LIMIT);
	return 1;
}

int
cx_buyer_record(struct cx *c, struct act_msg *n, const char *buyer)
{
	enum repo_rc	rc;
	int		done, failed;

	rc = REPO(c, buyer_record, buyer,
	    c->who->now_s - (int64_t)RECORD_DAYS * 86400, &done, &failed);
	if (rc != REPO_OK) {
		cx_repo(c, rc, "confirm");
		return -1;
	}
	/* A new buyer keeps the shorter note. */
	if (done == 0 && failed == 0)
		return 0;
	act_set(n, "done", "%d", done);
	act_set(n, "failed", "%d", failed);
	cx_tmpl(n, TMPL_CONFIRM_NOTIFY_SELLER_REC);
	return 0;
}

static enum act_rc
duty(struct cx *c, bool on)
{
	struct courier	k;
	enum repo_rc	rc;
	char		b[32];

	if (!need_courier(c, &k))
		return c->res->rc;
	if ((rc = REPO(c, courier_set_duty, k.msisdn, on)) != REPO_OK)
		return cx_repo(c, rc, "duty");
	act_set(&c->res->reply, "name", "%s", k.name);
	act_set(&c->res->reply, "jobs", "%d", k.jobs);
	act_set(&c->res->reply, "max", "%d", c->cf->couriers_max_jobs);
	act_set(&c->res->reply, "fee", "%s", act_rupiah(k.fee_rp, b,
	    sizeof(b)));
	return cx_end(c, ACT_OK, on ? TMPL_READY_OK : TMPL_OFF_OK);
}

enum act_rc
cx_ready(struct cx *c)
{
	return duty(c, true);
}

enum act_rc
cx_off(struct cx *c)
{
	return duty(c, false);
}

/* The district of a village code: "33.20.05.2004" -> "33.20.05." (the
 * prefix its villages share); "" when the code has no parent part. */
static void
district_prefix(const char *place, char *buf, size_t len)
{
	const char	*dot = strrchr(place, '.');
	size_t		 n;

	buf[0] = '\0';
	if (dot == NULL || (n = (size_t)(dot - place) + 1) >= len)
		return;
	memcpy(buf, place, n);
	buf[n] = '\0';
}

/* The courier KURIR takes for order o of seller s: the one named, else
 * the next free one of the village, then of the district. 1 found (*k),
 * 0 the request ended (refused or error). */
static int
choose_courier(struct cx *c, const struct order *o, const struct seller *s,
    struct courier *k)
{
	enum repo_rc	rc;
	char		dist[PLACE_CODE_MAX];
	bool		blocked = false;

	if (c->a->target[0] != '\0') {
		act_set(&c->res->reply, "courier", "%s", c->a->target);
		rc = REPO(c, courier_get, c->a->target, k);
		if (rc == REPO_NOTFOUND) {
			cx_end(c, ACT_REFUSED, TMPL_ASSIGN_NOT_COURIER);
			return 0;
		}
		if (rc != REPO_OK) {
			cx_repo(c, rc, "assign");
			return 0;
		}
		act_set(&c->res->reply, "name", "%s", k->name);
		if (strcmp(k->msisdn, o->buyer) == 0) {
			cx_end(c, ACT_REFUSED, TMPL_ASSIGN_BUYER);
			return 0;
		}
		/* issue 15, operators: a blocked courier is never given a
		 * job; the seller hears it as busy */
		if ((rc = REPO(c, number_blocked, k->msisdn, &blocked)) !=
		    REPO_OK) {
			cx_repo(c, rc, "assign");
			return 0;
		}
		if (!k->on_duty || k->jobs >= c->cf->couriers_max_jobs ||
		    blocked) {
			cx_end(c, ACT_REFUSED, TMPL_ASSIGN_BUSY);
			return 0;
		}
		return 1;
	}
	rc = REPO_NOTFOUND;
	if (s->place[0] != '\0')
		rc = REPO(c, courier_next, s->place, false, o->buyer,
		    c->cf->couriers_max_jobs, k);
	district_prefix(s->place, dist, sizeof(dist));
	if (rc == REPO_NOTFOUND && dist[0] != '\0')
		rc = REPO(c, courier_next, dist, true, o->buyer,
		    c->cf->couriers_max_jobs, k);
	if (rc == REPO_NOTFOUND) {
		cx_end(c, ACT_REFUSED, TMPL_ASSIGN_NONE_FREE);
		return 0;
	}
	if (rc != REPO_OK) {
		cx_repo(c, rc, "assign");
		return 0;
	}
	return 1;
}

enum act_rc
cx_assign(struct cx *c)
{
	const struct order_transition *t;
	struct seller	 me, s;
	struct product	 p;
	struct order	 o;
	struct courier	 k;
	struct act_msg	*n;
	enum repo_rc	 rc;
	char		 b[32];

	if (!cx_need_seller(c, &me) || !cx_load_order(c, &o, &p, &s))
		return c->res->rc;
	if (o.seller_id != me.id)
		return cx_end(c, ACT_NOT_YOURS, TMPL_COM_NOT_YOURS);
	if (o.state == ORDER_CONFIRMED)
		return cx_end(c, ACT_BAD_STATE, TMPL_ASSIGN_NOT_ACCEPTED);
	if ((t = commerce_transition(o.state, EV_ASSIGN, BY_SELLER)) == NULL)
		return cx_bad_state(c, &o);
	if (!choose_courier(c, &o, &s, &k))
		return c->res->rc;
	if ((rc = cx_order_step(c, &o, t, NULL)) != REPO_OK ||
	    (rc = REPO(c, job_open, o.id, k.msisdn, k.fee_rp,
	    c->who->now_s)) != REPO_OK)
		return cx_repo(c, rc, "assign");
	snprintf(o.courier, sizeof(o.courier), "%s", k.msisdn);
	o.fee_rp = k.fee_rp;
	cx_order_vars(&c->res->reply, &o, p.name, p.unit);
	act_set(&c->res->reply, "name", "%s", k.name);
	act_set(&c->res->reply, "courier", "%s", k.msisdn);
	act_set(&c->res->reply, "fee", "%s", act_rupiah(k.fee_rp, b,
	    sizeof(b)));
	if ((n = cx_order_note(c, t, &o, &p, &s)) != NULL) {
		if (o.paid)
			cx_tmpl(n, TMPL_ASSIGN_NOTIFY_COURIER_PAID);
		act_set(n, "shop", "%s", s.shop);
		act_set(n, "village", "%s", s.village[0] != '\0' ? s.village :
		    "-");
		act_set(n, "seller", "%s", s.msisdn);
		act_set(n, "buyer", "%s", o.buyer);
		act_set(n, "note", "%s", o.note[0] != '\0' ? o.note : "-");
		act_set(n, "collect", "%s", act_rupiah(collect_rp(&o), b,
		    sizeof(b)));
	}
	return cx_end(c, ACT_OK, t->reply);
}

/* The order a->code as its courier: 1, or 0 with the request ended. */
static int
courier_order(struct cx *c, struct order *o, struct product *p,
    struct seller *s)
{
	if (!cx_load_order(c, o, p, s))
		return 0;
	if (o->courier[0] == '\0' || strcmp(o->courier, c->who->msisdn) != 0) {
		cx_end(c, ACT_NOT_YOURS, TMPL_COURIER_NOT_YOURS);
		return 0;
	}
	return 1;
}

enum act_rc
cx_give_back(struct cx *c, struct order *o, struct product *p,
    struct seller *s)
{
	const struct order_transition *t;
	struct act_msg	*n;
	enum repo_rc	 rc;
	char		 name[64];

	if ((t = commerce_transition(o->state, EV_GIVE_BACK, BY_COURIER)) ==
	    NULL)
		return cx_bad_state(c, o);
	if ((rc = cx_order_step(c, o, t, "courier")) != REPO_OK)
		return cx_repo(c, rc, "giveback");
	if (cx_job_mark(c, o->id, "given_back") != 0)
		return c->res->rc;
	cx_order_vars(&c->res->reply, o, p->name, p->unit);
	courier_name(c, o->courier, name, sizeof(name));
	if ((n = cx_order_note(c, t, o, p, s)) != NULL) {
		act_set(n, "name", "%s", name);
		act_set(n, "courier", "%s", o->courier);
	}
	return cx_end(c, ACT_OK, t->reply);
}

enum act_rc
cx_pickup(struct cx *c)
{
	const struct order_transition *t;
	unsigned char	 sealed[REPO_CODE_BLOB];
	struct seller	 s;
	struct product	 p;
	struct order	 o;
	struct act_msg	*n;
	enum repo_rc	 rc;
	char		 name[64], b[32];
	int		 code;

	if (!courier_order(c, &o, &p, &s))
		return c->res->rc;
	if ((t = commerce_transition(o.state, EV_PICKUP, BY_COURIER)) == NULL)
		return cx_bad_state(c, &o);
	if ((rc = cx_order_step(c, &o, t, NULL)) != REPO_OK)
		return cx_repo(c, rc, "pickup");
	if (cx_job_mark(c, o.id, "picked") != 0)
		return c->res->rc;
	/* The buyer's delivery code: sealed, told to the buyer only. */
	code = c->sec->code_new(c->sec->arg);
	c->sec->code_seal(c->sec->arg, code, sealed);
	rc = REPO(c, drop_set, o.id, sealed, sizeof(sealed));
	memset(sealed, 0, sizeof(sealed));
	if (rc != REPO_OK)
		return cx_repo(c, rc, "pickup");
	cx_order_vars(&c->res->reply, &o, p.name, p.unit);
	act_set(&c->res->reply, "collect", "%s", act_rupiah(collect_rp(&o), b,
	    sizeof(b)));
	courier_name(c, o.courier, name, sizeof(name));
	if ((n = cx_order_note(c, t, &o, &p, &s)) != NULL) {
		if (o.paid)
			cx_tmpl(n, TMPL_PICKUP_NOTIFY_BUYER_PAID);
		act_set(n, "name", "%s", name);
		act_set(n, "courier", "%s", o.courier);
		act_set(n, "collect", "%s", act_rupiah(collect_rp(&o), b,
		    sizeof(b)));
		act_set(n, "drop", "%04d", code);
	}
	return cx_end(c, ACT_OK, t->reply);
}

enum act_rc
cx_deliver(struct cx *c)
{
	const struct order_transition *t;
	unsigned char	 sealed[REPO_CODE_BLOB];
	struct seller	 s;
	struct product	 p;
	struct order	 o;
	enum repo_rc	 rc;
	size_t		 len = 0;
	char		 name[64];
	int		 left;

	if (!courier_order(c, &o, &p, &s))
		return c->res->rc;
	if ((t = commerce_transition(o.state, EV_DELIVER, BY_COURIER)) == NULL)
		return cx_bad_state(c, &o);
	rc = REPO(c, drop_get, o.id, sealed, &len);
	if (rc == REPO_NOTFOUND)
		return cx_bad_state(c, &o);
	if (rc != REPO_OK)
		return cx_repo(c, rc, "deliver");
	if (o.drop_attempts >= DROP_ATTEMPTS)
		return cx_end(c, ACT_REFUSED, TMPL_DELIVER_LOCKED);
	if (c->a->confirm_code < 0 || !c->sec->code_check(c->sec->arg, sealed,
	    len, c->a->confirm_code)) {
		o.drop_attempts++;
		if ((rc = REPO(c, drop_attempts, o.id, o.drop_attempts)) !=
		    REPO_OK)
			return cx_repo(c, rc, "deliver");
		left = DROP_ATTEMPTS - o.drop_attempts;
		act_set(&c->res->reply, "left", "%d", left);
		if (left <= 0)
			return cx_end(c, ACT_WRONG_CODE, TMPL_DELIVER_LOCKED);
		return cx_end(c, ACT_WRONG_CODE, TMPL_DELIVER_WRONG);
	}
	memset(sealed, 0, sizeof(sealed));
	if ((rc = cx_order_step(c, &o, t, NULL)) != REPO_OK ||
	    (rc = REPO(c, drop_set, o.id, NULL, 0)) != REPO_OK)
		return cx_repo(c, rc, "deliver");
	if (cx_job_mark(c, o.id, "delivered") != 0)
		return c->res->rc;
	cx_order_vars(&c->res->reply, &o, p.name, p.unit);
	courier_name(c, o.courier, name, sizeof(name));
	if (cx_order_note(c, t, &o, &p, &s) != NULL) {
		int	i;

		/* PARTY_ALL: every note made */
		for (i = 0; i < c->res->nnotes; i++)
			act_set(&c->res->notes[i], "name", "%s", name);
	}
	return cx_end(c, ACT_OK, t->reply);
}

enum act_rc
cx_fail(struct cx *c)
{
	const struct order_transition *t;
	struct seller	 s;
	struct product	 p;
	struct order	 o;
	enum repo_rc	 rc;
	const char	*why = c->a->text[0] != '\0' ? c->a->text : "-";
	unsigned	 by;
	int		 i;

	if (!cx_load_order(c, &o, &p, &s))
		return c->res->rc;
	if (o.courier[0] != '\0' && strcmp(o.courier, c->who->msisdn) == 0)
		by = BY_COURIER;
	else if (strcmp(s.msisdn, c->who->msisdn) == 0)
		by = BY_SELLER;
	else
		return cx_end(c, ACT_NOT_YOURS, TMPL_COM_NOT_YOURS);
	if ((t = commerce_transition(o.state, EV_FAIL, by)) == NULL)
		return cx_bad_state(c, &o);
	if ((rc = cx_order_step(c, &o, t, why)) != REPO_OK ||
	    (rc = REPO(c, drop_set, o.id, NULL, 0)) != REPO_OK ||
	    (rc = REPO(c, mark_add, o.buyer, "failed", o.id,
	    c->who->now_s)) != REPO_OK)
		return cx_repo(c, rc, "fail");
	if (o.courier[0] != '\0' && cx_job_mark(c, o.id, "failed") != 0)
		return c->res->rc;
	cx_order_vars(&c->res->reply, &o, p.name, p.unit);
	act_set(&c->res->reply, "reason", "%s", why);
	cx_order_note(c, t, &o, &p, &s);
	for (i = 0; i < c->res->nnotes; i++)
		act_set(&c->res->notes[i], "reason", "%s", why);
	return cx_end(c, ACT_OK, t->reply);
}

int
cx_courier_jobs(struct cx *c, int64_t offset, bool more)
{
	struct courier_job_line	 l[COMMERCE_PAGE + 1];
	struct courier		 k;
	struct act_msg		*m = &c->res->reply;
	enum repo_rc		 rc;
	char			 b[32];
	int			 n, i;

	if ((rc = REPO(c, courier_get, c->who->msisdn, &k)) == REPO_NOTFOUND)
		return 0;
	if (rc != REPO_OK ||
	    (rc = REPO(c, job_list, k.msisdn, offset, l, COMMERCE_PAGE + 1,
	    &n)) != REPO_OK) {
		cx_repo(c, rc, "jobs");
		return -1;
	}
	/* No job: PESANAN goes on as anyone's (the courier's own orders). */
	if (n == 0 && offset == 0 && !more)
		return 0;
	n = cx_page_cut(c, n);
	for (i = 0; i < n; i++) {
		struct act_row	*r = &m->rows[m->nrows++];

		act_row_set(r, "order", "O%" PRId64, l[i].id);
		act_row_set(r, "item", "%s", l[i].item);
		act_row_set(r, "qty", "%s", cx_count(l[i].qty, b, sizeof(b)));
		act_row_set(r, "state", "%s",
		    commerce_state_word(l[i].state, c->lang));
		act_row_set(r, "collect", "%s",
		    act_rupiah(l[i].collect_rp, b, sizeof(b)));
	}
	act_set(m, "name", "%s", k.name);
	cx_page_end(c, "jobs", offset, n, TMPL_MORE_NONE, TMPL_JOBS_OK);
	return 1;
}

enum act_rc
cx_jobs(struct cx *c, int64_t offset)
{
	struct courier	k;

	if (!need_courier(c, &k))
		return c->res->rc;
	/* more: an empty first page is answered too (the menu's "empty") */
	if (cx_courier_jobs(c, offset, true) == 0)
		return cx_end(c, ACT_REFUSED, TMPL_COURIER_ONLY);
	return c->res->rc;
}

int
commerce_courier_remove(const struct commerce *cm, const char *msisdn,
    int64_t now_s, struct act_result *out, int max, int *n, int *kept)
{
	const struct repo	*r = cm->repo;
	struct courier_job_line	 l[REMOVE_PAGE];
	struct courier		 k;
	struct actor		 op;
	int64_t			 off = 0;
	int			 nl, i;
	enum repo_rc		 rc;

	*n = *kept = 0;
	if ((rc = r->ops->courier_get(r->be, msisdn, &k)) == REPO_NOTFOUND)
		return 0;
	if (rc != REPO_OK)
		return -1;
	memset(&op, 0, sizeof(op));
	snprintf(op.msisdn, sizeof(op.msisdn), "operator");
	op.now_s = now_s;
	for (;;) {
		if (r->ops->job_list(r->be, msisdn, off, l, REMOVE_PAGE, &nl) !=
		    REPO_OK)
			return -1;
		if (nl == 0)
			return 0;
		for (i = 0; i < nl; i++) {
			const struct order_transition *t;
			struct act_result	*res;
			struct order		 o;
			struct product		 p;
			struct seller		 s;
			struct cx		 c;

			t = commerce_transition(l[i].state, EV_UNASSIGN,
			    BY_OPERATOR);
			if (t == NULL) {
				/* picked up: stays with the courier */
				(*kept)++;
				off++;
				continue;
			}
			if (*n >= max)
				return 0;
			res = &out[(*n)++];
			memset(res, 0, sizeof(*res));
			memset(&c, 0, sizeof(c));
			c.r = r;
			c.sec = cm->sec;
			c.cf = cm->cf;
			c.who = &op;
			c.res = res;
			if (r->ops->order_get(r->be, l[i].id, &o, &p, &s) !=
			    REPO_OK || cx_order_step(&c, &o, t, "operator") !=
			    REPO_OK || r->ops->job_mark(r->be, o.id,
			    "unassigned", now_s) != REPO_OK)
				return -1;
			res->rc = ACT_OK;
			snprintf(res->reply.to, sizeof(res->reply.to), "%s",
			    s.msisdn);
			snprintf(res->reply.lang, sizeof(res->reply.lang), "%s",
			    commerce_lang_of(r, s.msisdn, cm->cf->default_lang));
			cx_tmpl(&res->reply, t->reply);
			cx_order_vars(&res->reply, &o, p.name, p.unit);
			act_set(&res->reply, "name", "%s", k.name);
			act_set(&res->reply, "courier", "%s", k.msisdn);
		}
		/* The unassigned ones left the list; read from off again. */
		if (nl < REMOVE_PAGE)
			return 0;
	}
}
