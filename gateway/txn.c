/* The gateway's transaction: opened by the first write of a loop pass and
 * committed as one group with the submit results; its acks and outbox rows
 * then wait for the disk (release.c). */
#include "common/log.h"
#include "gateway/gw_internal.h"
#include "gateway/mt.h"
#include "gateway/pdu.h"
#include "gateway/txn.h"
#include "store/msg.h"
#include "store/store.h"

int
gw_txn(struct gw *g)
{
	enum store_rc	rc;

	if (store_in_txn(g->st))
		return 0;
	if ((rc = store_begin(g->st)) != STORE_OK) {
		log_warnx("store begin failed rc=%s: %s", store_rc_name(rc),
		    store_errmsg(g->st));
		return -1;
	}
	return 0;
}

int
gw_commit(struct gw *g, bool force)
{
	enum store_rc	 rc;
	uint64_t	 commit;
	int64_t		 out_hi;
	int		 refused;

	if (!store_in_txn(g->st) && g->nres == 0)
		return 0;
	if (!force && store_sync_pending(g->st))
		return 0;	/* gathering while the disk flushes */
	if (gw_txn(g) == -1)
		return -1;
	gw_apply_results(g);
	out_hi = msg_outbox_last_id(g->st);
	if ((rc = store_commit_async(g->st, &commit)) != STORE_OK) {
		log_warnx("store commit failed rc=%s: %s", store_rc_name(rc),
		    store_errmsg(g->st));
		g->nres_txn = 0;	/* rolled back: applied again next time */
		refused = gw_acks_refuse(g, PDU_RX_T_APPN);
		if (refused > 0)
			log_warnx("mo refused=%d status=%s: not stored, the SMSC "
			    "delivers again", refused,
			    pdu_status_name(PDU_RX_T_APPN));
		return -1;	/* results stay for the next commit */
	}
	g->n_commit++;
	g->nres = g->nres_txn = 0;
	gw_acks_committed(g, commit);
	gw_mark(g, commit, out_hi);
	store_sync_request(g->st);
	gw_results_settled(g, true);
	return 0;
}
