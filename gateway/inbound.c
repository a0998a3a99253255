/* The MO path over SMPP: deliver_sm -> decoded MO in the batch -> each
 * through dispatch_mo() (receipts matched here) inside the loop's open
 * transaction -> deliver_sm_resp for each, only after its commit is on
 * disk (txn.h). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/phone.h"
#include "gateway/searcher.h"
#include "gateway/dispatch.h"
#include "gateway/gw_internal.h"
#include "gateway/mo.h"
#include "gateway/mt.h"
#include "gateway/pdu.h"
#include "gateway/smpp.h"
#include "gateway/txn.h"
#include "store/msg.h"
#include "store/store.h"
#include "store/ussd.h"

#define ESM_TYPE_MASK	0x3C
#define ESM_RECEIPT	0x04
#define ESM_UDHI	0x40

/* Wire address -> E.164 with '+' (common/phone.c; TON 1 = international).
 * Alphanumeric senders, and digits that are no phone number (a short
 * code), are kept as they are: without '+' they are never answered. */
static void
addr_to_e164(const struct conf *c, uint8_t ton, const char *a, char *out,
    size_t outsz)
{
	if (ton == 5 || phone_e164(a, c->country_code, ton == 1, out,
	    outsz) == -1)
		snprintf(out, outsz, "%s", a);
}

static void
take_receipt(struct gw_mo *mo, const struct pdu_sm *sm)
{
	char	text[256], stat[16] = "";
	size_t	n = sm->ud_len < sizeof(text) - 1 ? sm->ud_len : sizeof(text) - 1;

	mo->receipt = true;
	memcpy(text, sm->ud, n);
	text[n] = '\0';
	snprintf(mo->msgid, sizeof(mo->msgid), "%s", sm->receipted_id);
	if (mo->msgid[0] == '\0' || sm->message_state < 0)
		pdu_parse_receipt(text, mo->msgid[0] ? NULL : mo->msgid,
		    mo->msgid[0] ? 0 : sizeof(mo->msgid), stat, sizeof(stat));
	if (sm->message_state >= 0)
		mo->delivered = sm->message_state == 2;	/* DELIVERED */
	else
		mo->delivered = strcmp(stat, "DELIVRD") == 0;
}

void
gw_deliver(void *arg, struct smpp_link *l, uint32_t gen, uint32_t seq,
    uint32_t cmd, const struct pdu_sm *sm)
{
	struct gw_link	*gl = arg;
	struct gw	*g = gl->g;
	struct gw_mo	*mo;
	int		 udhl = 0, fill = 0;
	char		 who[LOG_MSISDN_LEN];

	if (g->shutting) {
		smpp_ack(l, gen, seq, cmd, PDU_RX_T_APPN);
		return;
	}
	if (g->nbatch >= GW_BATCH_MAX)
		gw_handle_batch(g);
	mo = &g->batch[g->nbatch];
	memset(mo, 0, offsetof(struct gw_mo, in));
	mo->link = gl->idx;
	mo->gen = gen;
	mo->seq = seq;
	mo->cmd = cmd;
	mo->status = PDU_ROK;
	if ((sm->esm_class & ESM_TYPE_MASK) == ESM_RECEIPT) {
		take_receipt(mo, sm);
		g->nbatch++;
		return;
	}
	ussd_classify(&gl->c->ussd, sm, &mo->ussd);
	snprintf(mo->in.link, sizeof(mo->in.link), "%s", gl->c->name);
	addr_to_e164(g->c, sm->src_ton, sm->src, mo->in.src, sizeof(mo->in.src));
	snprintf(mo->in.dst, sizeof(mo->in.dst), "%s", sm->dst);
	mo->in.kind = mo->ussd.is ? MSG_USSD : MSG_SMS;
	mo->in.received_ms = gw_now_ms(g);
	if ((sm->esm_class & ESM_UDHI) && !sm->payload && !mo->ussd.is) {
		udhl = codec_udh_parse(sm->ud, sm->ud_len, &mo->concat);
		if (udhl < 0) {
			log_warnx("mo link=%s from=%s bad udh: rejected", gl->c->name,
			    log_msisdn(mo->in.src, who, sizeof(who)));
			smpp_ack(l, gen, seq, cmd, PDU_RINVMSGLEN);
			return;
		}
		if (gl->c->gsm_packed)
			fill = (7 - (udhl * 8) % 7) % 7;
	} else if (sm->sar_ref >= 0 && sm->sar_total > 1 && sm->sar_seq >= 1 &&
	    sm->sar_seq <= sm->sar_total) {
		mo->concat.present = true;
		mo->concat.ref = (uint16_t)sm->sar_ref;
		mo->concat.total = (uint8_t)sm->sar_total;
		mo->concat.seq = (uint8_t)sm->sar_seq;
	}
	codec_decode(sm->data_coding, sm->ud + udhl, sm->ud_len - (size_t)udhl,
	    gl->c->gsm_packed, fill, mo->in.text, sizeof(mo->in.text));
	g->nbatch++;
}

/* SMSCs differ: the id in submit_sm_resp may be hex while the receipt says
 * decimal, or the other way round. Tries the id as given, then its other
 * spellings. */
static enum store_rc
receipt_match(struct gw *g, const char *id, bool delivered, int64_t now)
{
	enum store_rc		 rc = msg_outbox_receipt(g->st, id, delivered, now);
	unsigned long long	 v;
	char			 alt[72], *end;
	size_t			 n = strlen(id);

	if (rc != STORE_NOTFOUND || n == 0 || n > 16)
		return rc;
	if (strspn(id, "0123456789") == n) {
		v = strtoull(id, &end, 10);
		snprintf(alt, sizeof(alt), "%llx", v);
		if ((rc = msg_outbox_receipt(g->st, alt, delivered, now)) !=
		    STORE_NOTFOUND)
			return rc;
		snprintf(alt, sizeof(alt), "%llX", v);
		if ((rc = msg_outbox_receipt(g->st, alt, delivered, now)) !=
		    STORE_NOTFOUND)
			return rc;
	}
	if (strspn(id, "0123456789abcdefABCDEF") == n) {
		v = strtoull(id, &end, 16);
		snprintf(alt, sizeof(alt), "%llu", v);
		rc = msg_outbox_receipt(g->st, alt, delivered, now);
	}
	return rc;
}

/* One MO of the batch, inside the open transaction. A receipt writes one
 * row at most (a failed UPDATE writes nothing): no savepoint of its own. */
static int
take_mo(struct gw *g, struct gw_mo *mo, int64_t now)
{
	struct mo_ctx	m = { .g = g, .now_ms = now, .link = mo->link };

	if (mo->receipt) {
		enum store_rc rc = STORE_NOTFOUND;

		if (mo->msgid[0] != '\0' && (rc = receipt_match(g, mo->msgid,
		    mo->delivered, now)) == STORE_ERR)
			return -1;
		log_debug("receipt message_id=%s delivered=%d match=%s", mo->msgid,
		    mo->delivered, store_rc_name(rc));
		return 0;
	}
	if (mo->ussd.is) {
		struct msg_in	in = mo->in;	/* the inbox keeps it masked */
		struct mo_hop	hop;
		char		key[USSD_KEY_MAX];

		ussd_mo_key(g, mo, key, sizeof(key));
		hop.key = key;
		hop.input = mo->in.text;
		hop.start = mo->ussd.start;
		hop.abort = mo->ussd.abort;
		hop.joined = false;
		hop.sid = mo->ussd.sid;
		hop.seq = mo->ussd.seq + 1;
		return dispatch_mo(&m, &in, NULL, &hop);
	}
	/* A search of this number is in flight: what it sends next waits
	 * (the SMSC delivers it again) so that it cannot overtake. */
	if (searcher_busy(g->srch, mo->in.src))
		return -1;
	return dispatch_mo(&m, &mo->in, mo->concat.present &&
	    mo->concat.total > 1 ? &mo->concat : NULL, NULL);
}

void
gw_handle_batch(struct gw *g)
{
	int64_t		 now = gw_now_ms(g);
	int		 i, refused = 0;
	bool		 txn;

	if (g->nbatch == 0)
		return;
	txn = gw_txn(g) == 0;
	if (txn)
		gw_apply_results(g);
	for (i = 0; i < g->nbatch; i++) {
		struct gw_mo *mo = &g->batch[i];

		if (!txn || take_mo(g, mo, now) == -1)
			mo->status = PDU_RX_T_APPN;
		/* A refusal goes now; a stored MO is acknowledged only once
		 * its commit is on disk (gw_release). */
		if (mo->status == PDU_ROK)
			gw_hold_ack(g, GW_OPEN, mo);
		else {
			smpp_ack(g->links[mo->link].smpp, mo->gen, mo->seq,
			    mo->cmd, mo->status);
			refused++;
		}
	}
	if (refused > 0)
		log_warnx("mo refused=%d status=%s: not stored, the SMSC delivers "
		    "again", refused, pdu_status_name(PDU_RX_T_APPN));
	g->nbatch = 0;
}
