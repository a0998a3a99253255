/* Payment records (programme.md section 5): LUNAS / PAID by the order's
 * seller records how an order was paid (method and reference); PESANAN
 * shows it, an assigned courier hears there is nothing to collect. Lapak
 * moves no money: it keeps the record. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "commerce/cx.h"

/* The states LUNAS records a payment in: orders the seller has seen
 * (confirmed on) and that did not end without a sale. A pending order is
 * the buyer's alone; a cancelled, rejected, expired or returned one was
 * never paid for on delivery. */
static bool
paid_state_ok(enum order_state s)
{
	switch (s) {
	case ORDER_CONFIRMED:
	case ORDER_ACCEPTED:
	case ORDER_ASSIGNED:
	case ORDER_SHIPPED:
	case ORDER_DELIVERED:
		return true;
	default:
		return false;
	}
}

/* A courier is carrying the order and may be about to collect cash. */
static bool
courier_on_way(const struct order *o, const struct order_payment *pay)
{
	return pay->courier[0] != '\0' &&
	    (o->state == ORDER_ASSIGNED || o->state == ORDER_SHIPPED);
}

/* {method} and {paid} ("OVO ref 123", "OVO") of a record into m, in lang. */
static void
paid_set(struct act_msg *m, const char *method, const char *ref,
    const char *lang)
{
	enum pay_method	 pm = pay_method_by_word(method);
	const char	*w = pm != PAY_NONE ? pay_method_word(pm, lang) : method;

	act_set(m, "method", "%s", w);
	if (ref[0] != '\0')
		act_set(m, "paid", "%s ref %s", w, ref);
	else
		act_set(m, "paid", "%s", w);
}

/* Characters (not bytes) of UTF-8 text. */
static size_t
chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

int
cx_paid_vars(struct cx *c, struct act_msg *m, int64_t order_id)
{
	struct order_payment	pay;
	enum repo_rc		rc;

	if ((rc = REPO(c, order_payment, order_id, &pay)) != REPO_OK) {
		cx_repo(c, rc == REPO_NOTFOUND ? REPO_ERR : rc, "paid");
		return -1;
	}
	if (pay.method[0] == '\0')
		return 0;
	paid_set(m, pay.method, pay.ref, c->lang);
	return 1;
}

/* LUNAS <order> [metode] [ref]. A second LUNAS on a paid order corrects
 * the record (a wrong method or reference typed); the same record again
 * changes nothing and says so. */
enum act_rc
cx_paid(struct cx *c)
{
	struct order		 o;
	struct product		 p;
	struct seller		 s;
	struct order_payment	 pay;
	struct act_msg		*m = &c->res->reply, *n;
	enum pay_method		 pm = c->a->pay_method == PAY_NONE ? PAY_CASH :
				    c->a->pay_method;
	const char		*method = pay_method_name(pm);
	const char		*ref = c->a->pay_ref;
	enum repo_rc		 rc;
	bool			 again;

	if (c->a->pay_ref_long || chars(ref) > PAY_REF_MAX) {
		act_set(m, "order", "O%" PRId64, c->a->code);
		act_set(m, "max", "%d", PAY_REF_MAX);
		return cx_end(c, ACT_INVALID, TMPL_PAID_BAD_REF);
	}
	if (!cx_seller_order(c, &o, &p, &s))
		return c->res->rc;
	/* A pending order is the buyer's alone: its seller never heard of
	 * it (as PESANAN O7). */
	if (o.state == ORDER_PENDING)
		return cx_end(c, ACT_NOT_YOURS, TMPL_COM_NOT_YOURS);
	cx_order_vars(m, &o, p.name, p.unit);
	if (!paid_state_ok(o.state)) {
		act_set(m, "state", "%s", commerce_state_word(o.state, c->lang));
		return cx_end(c, ACT_BAD_STATE, TMPL_PAID_BAD_STATE);
	}
	if ((rc = REPO(c, order_payment, o.id, &pay)) != REPO_OK)
		return cx_repo(c, rc == REPO_NOTFOUND ? REPO_ERR : rc, "paid");
	again = pay.method[0] != '\0';
	if (again && strcmp(pay.method, method) == 0 &&
	    strcmp(pay.ref, ref) == 0) {
		paid_set(m, pay.method, pay.ref, c->lang);
		return cx_end(c, ACT_OK, TMPL_PAID_SAME);
	}
	if (again) {
		struct act_msg	old;

		memset(&old, 0, sizeof(old));
		paid_set(&old, pay.method, pay.ref, c->lang);
		act_set(m, "old", "%s", act_get(&old, "paid"));
	}
	if ((rc = REPO(c, order_pay, o.id, o.state, method, ref,
	    c->who->msisdn, c->who->now_s)) != REPO_OK)
		return cx_repo(c, rc, "paid");
	paid_set(m, method, ref, c->lang);
	if ((n = cx_note(c, o.buyer, TMPL_PAID_NOTIFY_BUYER)) != NULL) {
		cx_order_vars(n, &o, p.name, p.unit);
		act_set(n, "shop", "%s", s.shop);
		paid_set(n, method, ref, n->lang);
	}
	/* The courier carrying it collects nothing now: told once, when the
	 * order first becomes paid. */
	if (!again && courier_on_way(&o, &pay) &&
	    strcmp(pay.courier, o.buyer) != 0 &&
	    (n = cx_note(c, pay.courier, TMPL_PAID_NOTIFY_COURIER)) != NULL) {
		cx_order_vars(n, &o, p.name, p.unit);
		paid_set(n, method, ref, n->lang);
	}
	return cx_end(c, ACT_OK, again ? TMPL_PAID_CHANGED : TMPL_PAID_OK);
}
