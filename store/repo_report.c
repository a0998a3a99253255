/* The repository's agent_report op (commerce/repo.h) for LAPORAN: the
 * assistant's row of the report layer (store/report.h) for the local month
 * so far, read through the seller indexes of its own sellers. */
#include "store/report.h"
#include "store/repo_sqlite.h"

enum repo_rc
repo_report_agent(void *be, const char *msisdn, int64_t now_s,
    struct agent_report *out)
{
	struct report_agent	ra;
	int			rc;

	rc = report_agent(be, msisdn, report_month_start(now_s), now_s + 1,
	    &ra);
	if (rc == 1)
		return REPO_NOTFOUND;
	if (rc != 0)
		return REPO_ERR;
	out->linked_now = ra.linked_now;
	out->linked_new = ra.linked_new;
	out->products_listed = ra.products_listed;
	out->updates = ra.updates;
	out->orders_completed = ra.orders_completed;
	out->value_completed_rp = ra.value_completed_rp;
	return REPO_OK;
}
