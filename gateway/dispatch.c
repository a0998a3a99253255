/* The one dispatch: a message in hand from any front end (SMS over SMPP,
 * USSD over SMPP or HTTP, a late concatenation) -> its savepoint and inbox
 * row -> the rate limit and repeat window (SMS text) or the session's hop
 * (USSD) -> the handler and commerce, whose actions all run through
 * gw_act(). Replies are queued through gw_emit() as part of the message. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gateway/codec.h"
#include "gateway/dispatch.h"
#include "gateway/gw_tmpl.h"
#include "gateway/gw_internal.h"
#include "gateway/handler.h"
#include "gateway/searcher.h"
#include "gateway/txn.h"
#include "common/xalloc.h"
#include "store/commerce.h"
#include "store/msg.h"
#include "store/operator.h"
#include "store/privacy.h"
#include "store/store.h"

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

/* The link for an MT to to: the one the number last wrote in on; else
 * routes' prefix (it never wrote: a consent request, an enrolled
 * assistant); else the default link. */
static void
mt_link(struct gw *g, const char *to, char *link, size_t linksz)
{
	if (!msg_route_get(g->st, to, link, linksz) ||
	    gw_link_by_name(g, link) < 0) {
		const char *r = conf_route_link(g->c, to);

		snprintf(link, linksz, "%s", r != NULL &&
		    gw_link_by_name(g, r) >= 0 ? r :
		    g->links[g->default_link].c->name);
	}
}

int
gw_emit(void *arg, const char *to, const char *text)
{
	struct mo_ctx	*m = arg;
	struct gw	*g = m->g;
	struct msg_out	 o;
	char		 link[MSG_LINK_MAX];

	if (no_reply(g, to))
		return 0;
	memset(&o, 0, offsetof(struct msg_out, text));
	mt_link(g, to, link, sizeof(link));
	snprintf(o.link, sizeof(o.link), "%s", link);
	snprintf(o.dst, sizeof(o.dst), "%s", to);
	snprintf(o.text, sizeof(o.text), "%s", text);
	o.kind = MSG_SMS;
	o.ussd_op = -1;
	o.ussd_sid = -1;
	o.ussd_seq = 0;		/* after text: not cleared by the memset */
	if (msg_outbox_add(g->st, m->inbox_id, &o, gw_now_ms(g),
	    g->c->validity_s) != STORE_OK)
		return -1;
	if (m->reply_to != NULL && m->reply_id == 0 &&
	    strcmp(to, m->reply_to) == 0)
		m->reply_id = o.id;
	g->n_mt++;
	return 0;
}

int
gw_emit_promo(struct gw *g, const char *to, const char *text, int validity_s)
{
	struct msg_out	 o;

	if (no_reply(g, to))
		return 1;
	memset(&o, 0, offsetof(struct msg_out, text));
	mt_link(g, to, o.link, sizeof(o.link));
	snprintf(o.dst, sizeof(o.dst), "%s", to);
	snprintf(o.text, sizeof(o.text), "%s", text);
	o.lane = MSG_LANE_PROMO;
	o.kind = MSG_SMS;
	o.ussd_op = -1;
	o.ussd_sid = -1;
	o.ussd_seq = 0;
	if (msg_outbox_add(g->st, 0, &o, gw_now_ms(g), validity_s) != STORE_OK)
		return -1;
	g->n_mt++;
	g->n_promo_queued++;
	gw_promo_queued(g);
	return 0;
}

int
gw_emit_ussd(struct mo_ctx *m, const char *to, const char *text, bool end,
    int sid, int seq)
{
	struct gw		*g = m->g;
	const struct conf_smsc	*c = g->links[m->link].c;
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
	if (msg_outbox_add(g->st, m->inbox_id, &o, gw_now_ms(g),
	    g->c->ussd_session_timeout_s) != STORE_OK)
		return -1;
	g->n_mt++;
	return 0;
}

int
gw_act(struct store *st, const struct conf *c, const struct actor *who,
    const struct action *a, const struct commerce_find *f,
    struct act_result *r)
{
	enum act_rc	rc;

	/* An internal error undoes the action's partial writes but still
	 * answers the sender. */
	if (store_savepoint(st) != STORE_OK)
		return -1;
	rc = commerce_do_found(st, c, who, a, f, r);
	r->rc = rc;
	if (rc == ACT_BUSY) {
		store_rollback_savepoint(st);
		return -1;	/* not acked: the SMSC delivers it again */
	}
	if (rc == ACT_ERR) {
		log_warnx("commerce verb=%s error: %s", verb_keyword(a->verb),
		    store_errmsg(st));
		store_rollback_savepoint(st);
		memset(r, 0, sizeof(*r));
		r->rc = ACT_ERR;
		snprintf(r->reply.tmpl, sizeof(r->reply.tmpl), "%s",
		    gw_tmpl_name(GW_TMPL_ERROR));
		return 0;
	}
	return store_savepoint_release(st) == STORE_OK ? 0 : -1;
}

/* When the link in came on last bound (0 if unknown): what a number sent
 * before that may come again from the SMSC, whose acks died with the link. */
static int64_t
link_bound_ms(struct gw *g, const struct msg_in *in)
{
	int	i = gw_link_by_name(g, in->link);

	return i < 0 ? 0 : g->links[i].bound_ms;
}

/* Hands the search f of inbox row id (src's text) to the search thread. */
static void
submit(struct gw *g, int64_t id, const char *src, const char *text,
    const struct commerce_find *f)
{
	struct search_job	*j = xcalloc(1, sizeof(*j));

	j->inbox_id = id;
	snprintf(j->src, sizeof(j->src), "%s", src);
	snprintf(j->text, sizeof(j->text), "%s", text);
	j->f = *f;
	searcher_submit(g->srch, j);
}

int
gw_defer_sms(struct mo_ctx *m, const char *src, const char *text)
{
	static struct commerce_find	 f;	/* the loop's scratch */
	struct gw			*g = m->g;
	struct msg_in			 in;
	int64_t				 id;
	int				 w;

	if (g->srch == NULL)
		return 0;
	if ((w = handler_find_want(g->h, g->st, src, text, m->now_ms / 1000,
	    &f)) != 1)
		return w;
	memset(&in, 0, sizeof(in));
	snprintf(in.link, sizeof(in.link), "%s", m->link >= 0 ?
	    g->links[m->link].c->name : "http");
	snprintf(in.src, sizeof(in.src), "%s", src);
	snprintf(in.text, sizeof(in.text), "%s", text);
	in.kind = MSG_SMS;
	in.received_ms = m->now_ms;
	if (msg_inbox_add(g->st, &in, 0, &id) != STORE_OK ||
	    msg_inbox_pending(g->st, id) != STORE_OK)
		return -1;
	submit(g, id, src, text, &f);
	return 1;
}

/* A search goes to the search thread: the MO is stored pending and
 * answered by gw_search_apply; only the first page of a one-word search
 * whose matches are at hand is answered here (a few postings read).
 * 1 done (deferred or answered), 0 not a search, -1 error. */
static int
defer_search(struct mo_ctx *m, const char *src, const char *text)
{
	static struct commerce_find	 f;	/* the loop's scratch */
	struct gw			*g = m->g;
	int				 w;

	if ((w = handler_find_want(g->h, g->st, src, text, m->now_ms / 1000,
	    &f)) != 1)
		return w;
	if (commerce_find_quick(g->st, &f) == 1) {
		g->n_search_quick++;
		return handler_sms_found(g->h, g->st, src, text,
		    m->now_ms / 1000, &f, gw_emit, m) == -1 ? -1 : 1;
	}
	if (msg_inbox_pending(g->st, m->inbox_id) != STORE_OK)
		return -1;
	submit(g, m->inbox_id, src, text, &f);
	return 1;
}

/* One complete SMS text: rate limit, repeat window, handler. */
static int
dispatch_text(struct mo_ctx *m, struct msg_in *in)
{
	struct gw		*g = m->g;
	struct handler_prep	 prep;
	char			 reply[MSG_TEXT_MAX], text[MSG_TEXT_MAX];
	char			 who[LOG_MSISDN_LEN];
	enum msg_rate		 rate = RATE_OK;
	int64_t			 now = m->now_ms, earlier_id = 0;
	int64_t			 since = now -
				     (int64_t)g->c->repeat_window_s * 1000;
	bool			 quiet = no_reply(g, in->src), changed = false;
	int			 hit = 0;

	if (!quiet && msg_route_set(g->st, in->src, in->link) != STORE_OK)
		return -1;
	if (!quiet)
		rate = msg_rate_take(g->st, in->src, now, g->c->mo_per_minute);
	handler_prepare(g->h, g->st, in->text, &prep);
	if (prep.optout)
		rate = RATE_OK;	/* promotions: BERHENTI always gets through */
	snprintf(text, sizeof(text), "%s", in->text);	/* the handler sees the PIN */
	snprintf(in->text, sizeof(in->text), "%s", prep.masked);
	log_msisdn(in->src, who, sizeof(who));
	/* issue 13, privacy: after an erasure the number's window is kept
	 * under its tag; a redelivery of a command sent before it gets the
	 * repeat note alone (the reply was redacted) */
	if (!quiet && rate == RATE_OK && prep.mutates && !prep.again) {
		if (msg_recent_find(g->st, in->src, prep.key, since,
		    link_bound_ms(g, in), reply, sizeof(reply), &earlier_id))
			hit = 1;
		else if ((hit = privacy_redelivery(g->st, in->src, prep.key,
		    since, now, &earlier_id)) == -1)
			return -1;
		else if (hit == 1)
			reply[0] = '\0';
	}
	if (hit == 1) {
		if (msg_inbox_add(g->st, in, earlier_id, &m->inbox_id) != STORE_OK)
			return -1;
		handler_repeat_note(g->h, g->st, in->src, prep.key, reply, text,
		    sizeof(text));
		log_info("mo id=%lld from=%s repeat_of=%lld", (long long)m->inbox_id,
		    who, (long long)earlier_id);
		return gw_emit(m, in->src, text);
	}
	if (msg_inbox_add(g->st, in, 0, &m->inbox_id) != STORE_OK)
		return -1;
	g->n_mo++;
	if (quiet) {
		log_info("mo id=%lld from=%s no_reply=1", (long long)m->inbox_id, who);
		return 0;
	}
	/* issue 15, operators: a blocked number had its one notice; no
	 * rate-limit notice either */
	if (rate == RATE_NOTICE && op_block_get(g->st, in->src, reply,
	    sizeof(reply)) == 1)
		rate = RATE_SILENT;
	if (rate != RATE_OK) {
		log_info("mo id=%lld from=%s rate=%s", (long long)m->inbox_id, who,
		    rate == RATE_NOTICE ? "notice" : "silent");
		if (rate == RATE_SILENT)
			return 0;
		handler_rate_notice(g->h, g->st, in->src, reply, sizeof(reply));
		return gw_emit(m, in->src, reply);
	}
	if (g->srch != NULL) {
		int	w = defer_search(m, in->src, text);

		if (w != 0)
			return w == 1 ? 0 : -1;
	}
	m->reply_to = in->src;		/* gw_emit notes the reply's row */
	m->reply_id = 0;
	if (handler_sms(g->h, g->st, in->src, text, now / 1000, gw_emit, m,
	    &changed) == -1)
		return -1;
	m->reply_to = NULL;
	/* A state-changing command ends the window of the one before it. If
	 * it changed nothing (refused: not registered, not found, not enough
	 * stock...) it is not remembered either, so it can be sent again once
	 * the reason is gone. */
	if (prep.mutates && msg_recent_put(g->st, in->src, changed ? prep.key :
	    "", now, since, m->inbox_id, changed ? m->reply_id : 0) != STORE_OK)
		return -1;
	if (log_enabled(LOG_LVL_DEBUG))
		log_debug("mo id=%lld from=%s text=\"%s\"", (long long)m->inbox_id,
		    who, in->text);
	return 0;
}

/* One part of a concatenated SMS: stored until the set is complete, then
 * handled as one text. */
static int
dispatch_part(struct mo_ctx *m, struct msg_in *in,
    const struct udh_concat *part)
{
	char	full[MSG_TEXT_MAX];
	int	r;

	r = msg_concat_add(m->g->st, in->link, in->src, part->ref, part->total,
	    part->seq, in->text, m->now_ms, full, sizeof(full));
	if (r <= 0)
		return r;	/* stored, waiting for the other parts */
	snprintf(in->text, sizeof(in->text), "%s", full);
	return dispatch_text(m, in);
}

/* One USSD hop: the inbox row (a PIN typed on a screen masked), the walk,
 * then over SMPP the screen, and the receipt SMS when the walk made one. */
static int
dispatch_hop(struct mo_ctx *m, struct msg_in *in, struct mo_hop *hop)
{
	struct gw	*g = m->g;
	char		 who[LOG_MSISDN_LEN];

	ussd_masked_text(g, hop->key, hop->input, hop->joined, in->text,
	    sizeof(in->text));
	if (msg_inbox_add(g->st, in, 0, &m->inbox_id) != STORE_OK ||
	    ussd_hop(m, hop->key, in->src, hop->start, hop->abort, hop->input,
	    hop->joined, &hop->scr) == -1)
		return -1;
	if (m->link >= 0) {
		log_info("ussd id=%lld from=%s link=%s start=%d abort=%d end=%d",
		    (long long)m->inbox_id, log_msisdn(in->src, who, sizeof(who)),
		    g->links[m->link].c->name, hop->start, hop->abort,
		    hop->scr.end);
		if (hop->scr.none)
			return 0;
		if (gw_emit_ussd(m, in->src, hop->scr.text, hop->scr.end,
		    hop->sid, hop->seq) == -1)
			return -1;
	}
	/* The receipt follows the final screen: queued after it. */
	return hop->scr.receipt[0] != '\0' ?
	    gw_emit(m, in->src, hop->scr.receipt) : 0;
}

int
dispatch_mo(struct mo_ctx *m, struct msg_in *in,
    const struct udh_concat *part, struct mo_hop *hop)
{
	struct store	*st = m->g->st;
	char		 who[LOG_MSISDN_LEN];
	int		 r;

	if (store_savepoint(st) != STORE_OK)
		return -1;
	if (hop != NULL)
		r = dispatch_hop(m, in, hop);
	else if (part != NULL)
		r = dispatch_part(m, in, part);
	else
		r = dispatch_text(m, in);
	m->reply_to = NULL;
	if (r == -1 || store_savepoint_release(st) != STORE_OK) {
		log_warnx("mo link=%s from=%s not stored: %s", in->link,
		    log_msisdn(in->src, who, sizeof(who)), store_errmsg(st));
		store_rollback_savepoint(st);
		return -1;
	}
	return 0;
}

/* One finished search: its reply, and the MO's row done. 0, or -1 (the
 * savepoint rolled back: the job is tried again). */
static int
answer(struct gw *g, struct search_job *j, int64_t now_ms)
{
	struct mo_ctx	m = { .g = g, .now_ms = now_ms, .link = -1,
			    .inbox_id = j->inbox_id };
	int		r;

	if (store_savepoint(g->st) != STORE_OK)
		return -1;
	if ((r = msg_inbox_done(g->st, j->inbox_id, j->src)) == 1)
		r = handler_sms_found(g->h, g->st, j->src, j->text,
		    now_ms / 1000, &j->f, gw_emit, &m);
	if (r == -1 || store_savepoint_release(g->st) != STORE_OK) {
		store_rollback_savepoint(g->st);
		return -1;
	}
	return 0;
}

void
gw_search_apply(struct gw *g)
{
	struct search_job	*j;
	int64_t			 now = gw_now_ms(g);

	if (g->srch == NULL)
		return;
	while ((j = searcher_done(g->srch)) != NULL) {
		if (gw_txn(g) == -1 || answer(g, j, now) == -1) {
			/* Search again (the store may be busy a moment); after
			 * a few tries the row stays pending for a restart. */
			if (++j->tries < 3) {
				searcher_release(g->srch, j->src);
				searcher_submit(g->srch, j);
				continue;
			}
			log_warnx("search inbox=%lld not answered: %s",
			    (long long)j->inbox_id, store_errmsg(g->st));
		}
		searcher_release(g->srch, j->src);
		free(j);
	}
}

void
gw_search_recover(struct gw *g)
{
	static struct commerce_find	 f;
	int64_t				 id = 0;
	char				 src[MSG_ADDR_MAX], text[MSG_TEXT_MAX];
	int				 n = 0;

	if (g->srch == NULL)
		return;
	while (msg_inbox_pending_next(g->st, id, &id, src, sizeof(src), text,
	    sizeof(text)) == 1) {
		/* Not a search any more (a LAGI whose list changed): the
		 * answer searches inline. */
		if (handler_find_want(g->h, g->st, src, text,
		    gw_now_ms(g) / 1000, &f) != 1)
			memset(&f, 0, sizeof(f));
		submit(g, id, src, text, &f);
		n++;
	}
	if (n > 0)
		log_info("search pending=%d resubmitted after start", n);
}

int
gw_concat_stale(struct gw *g, int64_t now_ms)
{
	struct msg_in	in;
	int		n = 0;

	while (n < 100 && msg_concat_take_stale(g->st,
	    now_ms - (int64_t)g->c->concat_timeout_s * 1000, &in) == 1) {
		struct mo_ctx	m = { .g = g, .now_ms = now_ms, .link = -1 };


		in.kind = MSG_SMS;
		in.received_ms = now_ms;
		if (dispatch_mo(&m, &in, NULL, NULL) == -1)
			return -1;
		n++;
	}
	return n;
}
