/* LAPORAN (REPORT): an enrolled assistant's figures for this month so far
 * (programme.md section 2), read through the repository's report op, so
 * the numbers are those of lapakctl report --by agent. lapakd reads them
 * on its search thread (commerce_find_plan), never on its loop. */
#include <string.h>

#include "commerce/cx.h"

enum act_rc
cx_report(struct cx *c)
{
	const struct commerce_find *f = c->found;
	struct agent_report	ar;
	enum repo_rc		rc;
	char			b[48];

	/* Read off the loop already (gateway/searcher.c)? */
	if (f != NULL && f->report && f->done &&
	    strcmp(f->who, c->who->msisdn) == 0) {
		rc = f->rc;
		ar = f->rep;
	} else
		rc = REPO(c, agent_report, c->who->msisdn, c->who->now_s,
		    &ar);
	if (rc == REPO_NOTFOUND)
		return cx_end(c, ACT_INVALID, TMPL_REPORT_NOT_AGENT);
	if (rc != REPO_OK)
		return cx_repo(c, rc, "report");
	act_set(&c->res->reply, "linked", "%s",
	    cx_count(ar.linked_now, b, sizeof(b)));
	act_set(&c->res->reply, "new", "%s",
	    cx_count(ar.linked_new, b, sizeof(b)));
	act_set(&c->res->reply, "products", "%s",
	    cx_count(ar.products_listed, b, sizeof(b)));
	act_set(&c->res->reply, "updates", "%s",
	    cx_count(ar.updates, b, sizeof(b)));
	act_set(&c->res->reply, "orders", "%s",
	    cx_count(ar.orders_completed, b, sizeof(b)));
	act_set(&c->res->reply, "value", "%s",
	    act_rupiah(ar.value_completed_rp, b, sizeof(b)));
	return cx_end(c, ACT_OK, TMPL_REPORT_OK);
}
