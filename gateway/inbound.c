/* Inbound: deliver_sm -> decoded MO in the batch -> one group commit for
 * every MO that arrived in a loop pass (with the handler's replies in the
 * same transaction) -> deliver_sm_resp for each, only after the commit. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/phone.h"
#include "gateway/gw_internal.h"
#include "gateway/ussd.h"

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

/* A number we never answer: alphanumeric senders and our own numbers. */
static bool
no_reply(const struct gw *g, const char *e164)
{
	size_t	i;

	if (e164[0] != '+')
		return true;
	for (i = 0; i < g->c->nown; i++)
		if (strcmp(e164 + 1, g->c->own_numbers[i]) == 0)
			return true;
	for (i = 0; i < g->c->nsmsc; i++)
		if (g->c->smsc[i].source_addr[0] != '\0' &&
		    strcmp(e164 + 1, g->c->smsc[i].source_addr) == 0)
			return true;
	return false;
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

/* Queues a message to "to" on the link it last wrote in on (or the default
 * link), as part of the MO being handled. */
int
gw_emit(void *arg, const char *to, const char *text)
{
	struct gw	*g = arg;
	struct msg_out	 o;
	char		 link[MSG_LINK_MAX];

	if (no_reply(g, to))
		return 0;
	memset(&o, 0, offsetof(struct msg_out, text));
	if (!msg_route_get(g->st, to, link, sizeof(link)) ||
	    gw_link_by_name(g, link) < 0)
		snprintf(link, sizeof(link), "%s",
		    g->links[g->default_link].c->name);
	snprintf(o.link, sizeof(o.link), "%s", link);
	snprintf(o.dst, sizeof(o.dst), "%s", to);
	snprintf(o.text, sizeof(o.text), "%s", text);
	o.kind = MSG_SMS;
	o.ussd_op = -1;
	o.ussd_sid = -1;
	o.ussd_seq = 0;		/* after text: not cleared by the memset */
	if (msg_outbox_add(g->st, g->cur_inbox, &o, gw_now_ms(g),
	    g->c->validity_s) != STORE_OK)
		return -1;
	if (g->reply_to != NULL && g->reply_id == 0 &&
	    strcmp(to, g->reply_to) == 0)
		g->reply_id = o.id;
	g->n_mt++;
	return 0;
}

int
gw_emit_ussd(struct gw *g, int link, const char *to, const char *text,
    bool end, int sid, int seq)
{
	const struct conf_smsc	*c = g->links[link].c;
	struct msg_out		 o;

	memset(&o, 0, offsetof(struct msg_out, text));
	snprintf(o.link, sizeof(o.link), "%s", c->name);
	snprintf(o.dst, sizeof(o.dst), "%s", to);
	snprintf(o.text, sizeof(o.text), "%s", text);
	o.kind = MSG_USSD;
	o.ussd_op = end ? c->ussd.op_response : c->ussd.op_request;
	o.ussd_sid = sid;
	o.ussd_seq = seq;
	/* A screen nobody sees within the session is worthless: short validity. */
	if (msg_outbox_add(g->st, g->cur_inbox, &o, gw_now_ms(g),
	    g->c->ussd_session_timeout_s) != STORE_OK)
		return -1;
	g->n_mt++;
	return 0;
}

/* When the link in came on last bound (0 if unknown): what a number sent
 * before that may come again from the SMSC, whose acks died with the link. */
static int64_t
link_bound_ms(struct gw *g, const struct msg_in *in)
{
	int	i = gw_link_by_name(g, in->link);

	return i < 0 ? 0 : g->links[i].bound_ms;
}

/* One complete MO text: rate limit, repeat window, handler. Inside a
 * savepoint; returns 0 or -1 (rolled back by the caller). */
static int
handle_text(struct gw *g, struct msg_in *in, int64_t now)
{
	static struct handler_prep prep;
	static char		   reply[MSG_TEXT_MAX], text[MSG_TEXT_MAX];
	char			   who[LOG_MSISDN_LEN];
	enum msg_rate		   rate = RATE_OK;
	int64_t			   earlier_id = 0;
	int64_t			   since = now -
				       (int64_t)g->c->repeat_window_s * 1000;
	bool			   quiet = no_reply(g, in->src), changed = false;

	if (!quiet && msg_route_set(g->st, in->src, in->link) != STORE_OK)
		return -1;
	if (!quiet)
		rate = msg_rate_take(g->st, in->src, now, g->c->mo_per_minute);
	handler_prepare(g->h, g->st, in->text, &prep);
	snprintf(text, sizeof(text), "%s", in->text);	/* the handler sees the PIN */
	snprintf(in->text, sizeof(in->text), "%s", prep.masked);
	log_msisdn(in->src, who, sizeof(who));
	if (!quiet && rate == RATE_OK && prep.mutates && !prep.again &&
	    msg_recent_find(g->st, in->src, prep.key, since, link_bound_ms(g, in),
	    reply, sizeof(reply), &earlier_id)) {
		if (msg_inbox_add(g->st, in, earlier_id, &g->cur_inbox) != STORE_OK)
			return -1;
		handler_repeat_note(g->h, g->st, in->src, prep.key, reply, text,
		    sizeof(text));
		log_info("mo id=%lld from=%s repeat_of=%lld", (long long)g->cur_inbox,
		    who, (long long)earlier_id);
		return gw_emit(g, in->src, text);
	}
	if (msg_inbox_add(g->st, in, 0, &g->cur_inbox) != STORE_OK)
		return -1;
	g->n_mo++;
	if (quiet) {
		log_info("mo id=%lld from=%s no_reply=1", (long long)g->cur_inbox, who);
		return 0;
	}
	if (rate != RATE_OK) {
		log_info("mo id=%lld from=%s rate=%s", (long long)g->cur_inbox, who,
		    rate == RATE_NOTICE ? "notice" : "silent");
		if (rate == RATE_SILENT)
			return 0;
		handler_rate_notice(g->h, g->st, in->src, reply, sizeof(reply));
		return gw_emit(g, in->src, reply);
	}
	g->reply_to = in->src;		/* gw_emit notes the reply's row */
	g->reply_id = 0;
	if (handler_sms(g->h, g->st, in->src, text, now / 1000, gw_emit, g,
	    &changed) == -1) {
		g->reply_to = NULL;
		return -1;
	}
	g->reply_to = NULL;
	/* A state-changing command ends the window of the one before it. If
	 * it changed nothing (refused: not registered, not found, not enough
	 * stock...) it is not remembered either, so it can be sent again once
	 * the reason is gone. */
	if (prep.mutates && msg_recent_put(g->st, in->src, changed ? prep.key :
	    "", now, since, g->cur_inbox, changed ? g->reply_id : 0) != STORE_OK)
		return -1;
	if (log_enabled(LOG_LVL_DEBUG))
		log_debug("mo id=%lld from=%s text=\"%s\"", (long long)g->cur_inbox,
		    who, in->text);
	return 0;
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

static int
process_mo(struct gw *g, struct gw_mo *mo, int64_t now)
{
	static char	full[MSG_TEXT_MAX];
	int		r;

	if (mo->receipt) {
		enum store_rc rc = STORE_NOTFOUND;

		if (mo->msgid[0] != '\0' && (rc = receipt_match(g, mo->msgid,
		    mo->delivered, now)) == STORE_ERR)
			return -1;
		log_debug("receipt message_id=%s delivered=%d match=%s", mo->msgid,
		    mo->delivered, store_rc_name(rc));
		return 0;
	}
	g->cur_link = mo->link;
	if (mo->ussd.is) {
		static struct msg_in	in;
		char			key[96];

		/* The inbox keeps a PIN typed on a USSD screen masked. */
		in = mo->in;
		ussd_mo_key(g, mo, key, sizeof(key));
		ussd_masked_text(g, key, mo->in.text, false, in.text,
		    sizeof(in.text));
		if (msg_inbox_add(g->st, &in, 0, &g->cur_inbox) != STORE_OK)
			return -1;
		return ussd_handle(g, mo, now);
	}
	if (mo->concat.present && mo->concat.total > 1) {
		r = msg_concat_add(g->st, mo->in.link, mo->in.src, mo->concat.ref,
		    mo->concat.total, mo->concat.seq, mo->in.text, now, full,
		    sizeof(full));
		if (r <= 0)
			return r;	/* stored, waiting for the other parts */
		snprintf(mo->in.text, sizeof(mo->in.text), "%s", full);
	}
	return handle_text(g, &mo->in, now);
}

/* Sets of parts that never completed: handled with what arrived. */
int
gw_concat_stale(struct gw *g, int64_t now)
{
	static struct msg_in	in;
	int			n = 0;

	while (n < 100 && msg_concat_take_stale(g->st,
	    now - (int64_t)g->c->concat_timeout_s * 1000, &in) == 1) {
		in.kind = MSG_SMS;
		in.received_ms = now;
		if (handle_text(g, &in, now) == -1)
			return -1;
		n++;
	}
	return n;
}

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

		g->cur_inbox = 0;
		if (!txn || store_savepoint(g->st) != STORE_OK)
			mo->status = PDU_RX_T_APPN;
		else if (process_mo(g, mo, now) == -1) {
			log_warnx("mo link=%s seq=%u not stored: %s", mo->in.link,
			    mo->seq, store_errmsg(g->st));
			store_rollback_savepoint(g->st);
			mo->status = PDU_RX_T_APPN;
		} else if (store_savepoint_release(g->st) != STORE_OK) {
			store_rollback_savepoint(g->st);
			mo->status = PDU_RX_T_APPN;
		}
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
