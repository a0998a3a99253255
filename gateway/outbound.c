/* Outbound: the durable outbox pumped into each link's submit window. The
 * outbox row stays queued until the commit that records its last
 * submit_sm_resp, so a crash or link drop resends rather than loses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "gateway/gw_internal.h"
#include "gateway/mt.h"
#include "gateway/pdu.h"
#include "gateway/smpp.h"
#include "store/msg.h"
#include "store/store.h"

static struct gw_flight *
flight_find(struct gw_link *gl, int64_t id)
{
	int	i;

	for (i = 0; i < gl->nflights; i++)
		if (gl->flights[i].id == id)
			return &gl->flights[i];
	return NULL;
}

static struct gw_flight *
flight_free_slot(struct gw_link *gl)
{
	return flight_find(gl, 0);
}

int
gw_inflight(struct gw *g)
{
	int	i, j, n = 0;

	for (i = 0; i < g->nlinks; i++)
		for (j = 0; j < g->links[i].nflights; j++)
			if (g->links[i].flights[j].id != 0)
				n++;
	return n;
}

/* Statuses after which trying again cannot help. */
static bool
status_permanent(uint32_t s)
{
	switch (s) {
	case 0x01: case 0x02: case 0x03: case 0x0A: case 0x0B: case 0x43:
	case 0x48: case 0x49: case 0x50: case 0x51: case 0x62: case 0x65:
	case 0x66: case 0xC1: case 0xC2: case 0xC4:
		return true;
	default:
		return false;
	}
}

static void
result_add(struct gw_link *gl, int64_t id, uint32_t status, bool last,
    bool retry, const char *msgid)
{
	struct gw	*g = gl->g;
	struct gw_res	*r;

	if (g->nres == g->capres) {
		g->capres = g->capres ? g->capres * 2 : 256;
		g->res = xrealloc(g->res, (size_t)g->capres * sizeof(*g->res));
	}
	r = &g->res[g->nres++];
	r->id = id;
	r->link = gl->idx;
	r->status = status;
	r->last = last;
	r->retry = retry;
	snprintf(r->msgid, sizeof(r->msgid), "%s", msgid ? msgid : "");
}

void
gw_apply_results(struct gw *g)
{
	int64_t	now = gw_now_ms(g);
	int	i;

	for (i = g->nres_txn; i < g->nres; i++) {
		struct gw_res	*r = &g->res[i];
		enum msg_state	 st = MSG_QUEUED;

		if (r->status == PDU_ROK)
			msg_outbox_part_ok(g->st, r->id, r->msgid, r->last, now);
		else if (r->retry) {
			int64_t	backoff = (int64_t)g->links[r->link].c->throttle_ms;

			msg_outbox_retry(g->st, r->id, r->status, now + backoff,
			    g->c->retry_max, &st);
			if (st == MSG_FAILED)
				log_warnx("mt id=%lld failed status=%s after retries",
				    (long long)r->id, pdu_status_name(r->status));
		} else {
			msg_outbox_fail(g->st, r->id, r->status, now);
			log_warnx("mt id=%lld failed status=%s", (long long)r->id,
			    pdu_status_name(r->status));
		}
	}
	g->nres_txn = g->nres;
}

void
gw_results_settled(struct gw *g, bool ok)
{
	int	i, j;

	if (!ok)
		return;
	for (i = 0; i < g->nlinks; i++) {
		struct gw_link *gl = &g->links[i];

		for (j = 0; j < gl->nflights; j++)
			if (gl->flights[j].id != 0 && gl->flights[j].settled)
				gl->flights[j].id = 0;
	}
}

static void
fill_sm(struct gw_link *gl, const struct gw_flight *f, int part,
    struct pdu_sm *sm)
{
	const struct conf_smsc	*c = gl->c;
	const struct codec_seg	*seg = &f->segs[part];

	*sm->service_type = '\0';
	if (f->hdr.ussd_op >= 0 && c->ussd.service_type[0] != '\0')
		snprintf(sm->service_type, sizeof(sm->service_type), "%s",
		    c->ussd.service_type);
	sm->src_ton = (uint8_t)c->source_ton;
	sm->src_npi = (uint8_t)c->source_npi;
	snprintf(sm->src, sizeof(sm->src), "%s", c->source_addr);
	sm->dst_ton = f->hdr.dst_ton;
	sm->dst_npi = f->hdr.dst_npi;
	memcpy(sm->dst, f->hdr.dst, sizeof(f->hdr.dst));
	sm->esm_class = seg->udh ? 0x40 : 0;
	sm->protocol_id = 0;
	sm->priority = 0;
	sm->registered_delivery = f->hdr.registered_delivery;
	sm->data_coding = f->hdr.data_coding;
	sm->validity[0] = '\0';
	memcpy(sm->ud, seg->data, seg->len);
	sm->ud_len = seg->len;
	sm->payload = false;
	sm->sar_ref = sm->sar_total = sm->sar_seq = -1;
	sm->ussd_op = f->hdr.ussd_op;
	sm->its_len = f->hdr.its_len;
	memcpy(sm->its, f->hdr.its, sizeof(sm->its));
	sm->umr = f->hdr.umr;
	sm->receipted_id[0] = '\0';
	sm->message_state = -1;
}

/* Sends the flight's next segments while the window has room. */
static void
flight_send(struct gw_link *gl, struct gw_flight *f)
{
	static struct pdu_sm	sm;	/* scratch, 64 KiB: not on the stack */

	while (!f->settled && f->sent < f->nseg && smpp_room(gl->smpp) > 0) {
		fill_sm(gl, f, f->sent, &sm);
		if (smpp_submit(gl->smpp, &sm, (uint64_t)f->id, f->sent) == -1)
			return;
		f->sent++;
	}
}

/* Prepares a flight for an outbox row: address and encoded segments. */
static int
flight_start(struct gw_link *gl, struct gw_flight *f, const struct msg_out *o)
{
	const struct conf_smsc	*c = gl->c;
	struct gw_mt_hdr	*h = &f->hdr;
	uint8_t			 dcs = 0;
	const char		*d = o->dst[0] == '+' ? o->dst + 1 : o->dst;
	int			 n;

	h->dst_ton = (uint8_t)c->dest_ton;
	h->dst_npi = (uint8_t)c->dest_npi;
	if (c->dest_ton == 2 && strncmp(d, gl->g->c->country_code,
	    strlen(gl->g->c->country_code)) == 0)
		snprintf(h->dst, sizeof(h->dst), "0%s",
		    d + strlen(gl->g->c->country_code));
	else
		snprintf(h->dst, sizeof(h->dst), "%s", d);
	h->ussd_op = -1;
	h->its_len = 0;
	h->umr = -1;
	if (o->kind == MSG_USSD) {
		n = codec_encode_ussd(o->text, c->gsm_packed, &dcs, f->segs[0].data,
		    sizeof(f->segs[0].data));
		if (n < 0)
			return -1;
		f->segs[0].len = (size_t)n;
		f->segs[0].udh = false;
		f->nseg = 1;
		if (dcs == 0 && c->ussd.data_coding >= 0)
			dcs = (uint8_t)c->ussd.data_coding;
		h->ussd_op = o->ussd_op;
		h->registered_delivery = 0;
		if (c->ussd.session_in == USSD_SID_ITS && o->ussd_sid >= 0) {
			h->its_len = 2;
			h->its[0] = (uint8_t)o->ussd_sid;
			h->its[1] = (uint8_t)(((o->ussd_seq & 0x7F) << 1) |
			    (o->ussd_op == c->ussd.op_response ? 1 : 0));
		} else if (c->ussd.session_in == USSD_SID_UMR && o->ussd_sid >= 0)
			h->umr = o->ussd_sid;
	} else {
		n = codec_encode(o->text, c->gsm_packed, gl->ref++, &dcs, f->segs,
		    CODEC_MAX_SEGS);
		if (n < 0)
			return -1;
		f->nseg = n;
		h->registered_delivery = 1;
	}
	h->data_coding = dcs;
	f->id = o->id;
	f->lane = o->lane;
	f->sent = f->acked = 0;
	f->settled = false;
	return 0;
}

/* Starts flights for rows (oldest first) while there is room. Returns 0, or
 * -1 when out of room or flight slots. */
static int
start_rows(struct gw_link *gl, const struct msg_out *rows, int n, int64_t now,
    int64_t *cursor)
{
	struct gw_flight	*f;
	int			 i;

	for (i = 0; i < n; i++) {
		if (smpp_room(gl->smpp) <= 0)
			return -1;
		if (rows[i].id > *cursor)
			*cursor = rows[i].id;
		if (flight_find(gl, rows[i].id) != NULL)
			continue;
		if (rows[i].expires_ms < now)
			continue;	/* the housekeeping pass expires it */
		if ((f = flight_free_slot(gl)) == NULL) {
			gl->rescan = true;
			return -1;
		}
		if (flight_start(gl, f, &rows[i]) == -1) {
			log_warnx("mt id=%lld cannot encode: dropped as failed",
			    (long long)rows[i].id);
			f->id = rows[i].id;
			f->settled = true;
			f->sent = f->acked = 0;
			result_add(gl, rows[i].id, PDU_RINVMSGLEN, true, false, "");
			continue;
		}
		flight_send(gl, f);
	}
	return 0;
}

/* Lane 0, replies and notifications: everything due while there is room.
 * 1 when it ran dry with room left (the promotion lane may go), else 0. */
static int
pump_lane0(struct gw_link *gl, struct msg_out *rows, int cap, int busy,
    int64_t now)
{
	struct gw	*g = gl->g;
	int		 n;

	/* Rows below the cursor are in flight, settled, or waiting for a
	 * retry: look there only when something may have come due. */
	if (gl->rescan) {
		gl->rescan = false;
		gl->rescan1 = true;
		n = msg_outbox_due(g->st, gl->c->name, now, 0, g->out_durable,
		    rows, busy + GW_FETCH < cap ? busy + GW_FETCH : cap);
		if (n == cap)
			gl->rescan = true;	/* more below: next pass */
		if (start_rows(gl, rows, n, now, &gl->cursor) == -1)
			return 0;
	}
	while (smpp_room(gl->smpp) > 0) {
		n = msg_outbox_due(g->st, gl->c->name, now, gl->cursor,
		    g->out_durable, rows, GW_FETCH);
		if (n < 0 || start_rows(gl, rows, n, now, &gl->cursor) == -1)
			return 0;
		if (n < GW_FETCH)
			return smpp_room(gl->smpp) > 0;
	}
	return 0;
}

static int
lane1_inflight(const struct gw_link *gl)
{
	int	i, n = 0;

	for (i = 0; i < gl->nflights; i++)
		if (gl->flights[i].id != 0 && gl->flights[i].lane == 1)
			n++;
	return n;
}

/* Lane 1, promotions: only when lane 0 has nothing due, and within
 * promotions.share percent of the link's rate (tps), and of its window in
 * flight (the only measure of a link without a tps cap). */
static void
pump_lane1(struct gw_link *gl, struct msg_out *rows, int cap, int64_t now)
{
	struct gw	*g = gl->g;
	int		 share = g->c->promotions_share, allowed, before, n;
	int		 want;
	double		 rate;

	if (share <= 0 || (gl->lane1_idle && !gl->rescan1))
		return;
	allowed = gl->c->window * share / 100;
	if (allowed < 1)
		allowed = 1;
	before = lane1_inflight(gl);
	allowed -= before;
	if (gl->c->tps > 0) {
		rate = (double)gl->c->tps * share / 100.0;
		if (gl->promo_at_ms == 0)
			gl->promo_at_ms = now;
		gl->promo_tokens += (double)(now - gl->promo_at_ms) * rate /
		    1000.0;
		gl->promo_at_ms = now;
		/* At most one second's worth at once. */
		if (gl->promo_tokens > (rate > 1.0 ? rate : 1.0))
			gl->promo_tokens = rate > 1.0 ? rate : 1.0;
		if ((int)gl->promo_tokens < allowed)
			allowed = (int)gl->promo_tokens;
	}
	if (allowed > smpp_room(gl->smpp))
		allowed = smpp_room(gl->smpp);
	if (allowed <= 0)
		return;
	if (allowed > cap)
		allowed = cap;
	if (gl->rescan1) {
		gl->rescan1 = false;
		/* Rows in flight come back too (and are skipped): ask for as
		 * many more as may start. */
		want = before + allowed < cap ? before + allowed : cap;
		n = msg_outbox_due_lane(g->st, gl->c->name, MSG_LANE_PROMO, now,
		    0, g->out_durable, rows, want);
		if (n == want)
			gl->rescan1 = true;
		(void)start_rows(gl, rows, n, now, &gl->cursor1);
		gl->lane1_idle = n == 0;
	} else {
		n = msg_outbox_due_lane(g->st, gl->c->name, MSG_LANE_PROMO, now,
		    gl->cursor1, g->out_durable, rows, allowed);
		if (n > 0)
			(void)start_rows(gl, rows, n, now, &gl->cursor1);
		/* Nothing new above the cursor: asked again once a promotion
		 * is queued, or on the next rescan (retries come due). */
		gl->lane1_idle = n == 0;
	}
	n = lane1_inflight(gl) - before;
	if (n > 0) {
		g->n_promo_started += (uint64_t)n;
		if (gl->c->tps > 0)
			gl->promo_tokens -= n;
	}
}

void
gw_promo_queued(struct gw *g)
{
	int	i;

	for (i = 0; i < g->nlinks; i++)
		g->links[i].lane1_idle = false;
}

void
gw_pump_link(struct gw_link *gl)
{
	static struct msg_out	 rows[GW_FETCH * 4];	/* scratch, 270 KiB */
	struct gw		*g = gl->g;
	struct gw_flight	*f;
	int64_t			 now = gw_now_ms(g);
	int			 i, busy = 0;
	const int		 cap = (int)(sizeof(rows) / sizeof(rows[0]));

	if (g->shutting || !smpp_bound(gl->smpp))
		return;
	for (i = 0; i < gl->nflights; i++) {
		f = &gl->flights[i];
		if (f->id == 0)
			continue;
		busy++;
		flight_send(gl, f);
	}
	if (smpp_room(gl->smpp) <= 0 || busy == gl->nflights)
		return;
	if (pump_lane0(gl, rows, cap, busy, now))
		pump_lane1(gl, rows, cap, now);
}

void
gw_pump(struct gw *g)
{
	int	i;

	for (i = 0; i < g->nlinks; i++)
		gw_pump_link(&g->links[i]);
}

void
gw_submit_done(void *arg, struct smpp_link *l, uint64_t tag, int part,
    uint32_t status, const char *message_id)
{
	struct gw_link		*gl = arg;
	struct gw_flight	*f = flight_find(gl, (int64_t)tag);

	(void)l;
	(void)part;
	if (f == NULL || tag == 0)
		return;		/* abandoned earlier (link lost) */
	if (status == SMPP_LINK_LOST) {
		/* Still queued in the store: it goes again after the rebind. */
		f->id = 0;
		gl->rescan = true;
		return;
	}
	if (f->settled)
		return;		/* settled already; waits for the commit */
	if (status == PDU_ROK) {
		f->acked++;
		result_add(gl, f->id, PDU_ROK, f->acked == f->nseg, false,
		    message_id);
		if (f->acked == f->nseg)
			f->settled = true;	/* settled: freed after the commit */
		return;
	}
	/* Settled as failed; parts still outstanding are not waited for. */
	f->settled = true;
	gl->rescan = true;	/* a retry comes due later */
	result_add(gl, f->id, status, true, !status_permanent(status), "");
}

void
gw_link_state(void *arg, struct smpp_link *l, bool bound)
{
	struct gw_link	*gl = arg;

	(void)l;
	if (bound) {
		gl->bound_ms = gw_now_ms(gl->g);
		gw_pump_link(gl);
	}
}
