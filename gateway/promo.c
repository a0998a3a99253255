/* Promotions' sender (gateway/promo.h). Recipients are fixed when a
 * broadcast is made (lapakctl broadcast); each one's outbox row and its
 * broadcast_to.sent_s are written in the same transaction, so a restart
 * half-way sends nobody a second copy (beyond the outbox's own crash
 * window for a row in flight). */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "gateway/dispatch.h"
#include "gateway/gw_internal.h"
#include "gateway/gw_tmpl.h"
#include "gateway/handler.h"
#include "gateway/promo.h"
#include "menus/promo.h"
#include "store/msg.h"
#include "store/repo_promo.h"

#define PROMO_BATCH_MIN	50	/* lane-1 rows kept queued at least */
#define PROMO_BATCH_MAX	2000
#define PROMO_STEP	32	/* numbers one step looks at: a step holds
				 * the loop well under a millisecond */
#define DIGEST_ITEMS	4	/* products looked at per subscription */

struct gw_promo {
	int64_t		day;			/* local day of the cursors */
	int64_t		bc_bid;			/* broadcasts: last looked at */
	char		bc_msisdn[MSG_ADDR_MAX];
	char		dg_msisdn[MSG_ADDR_MAX];	/* digest: last number */
	bool		dg_done;		/* the day's digest went through */
	/* this second's batch (gw_promo_tick), taken by gw_promo_step */
	int		budget;			/* numbers still to look at */
	int		valid_s;
	bool		digest_due;
	int		n_queued, n_paused;	/* since the last log line */
	struct promo_to	to[64];
};

/* Lane-1 rows to keep queued: two seconds of every link's share. */
static int
batch_size(const struct gw *g)
{
	int64_t	n = 0;
	int	i;

	for (i = 0; i < g->nlinks; i++) {
		const struct conf_smsc	*c = g->links[i].c;

		n += c->tps > 0 ? (int64_t)c->tps * g->c->promotions_share /
		    100 * 2 : (int64_t)c->window * 10;
	}
	return n < PROMO_BATCH_MIN ? PROMO_BATCH_MIN : n > PROMO_BATCH_MAX ?
	    PROMO_BATCH_MAX : (int)n;
}

/* Seconds from now to the start of quiet hours: a promotion not sent by
 * then expires rather than wake anyone. */
static int
validity(const struct gw *g, int hour, int minute, int64_t now_s)
{
	int	left = (PROMO_QUIET_FROM * 60 - (hour * 60 + minute)) * 60 -
		    (int)(now_s % 60);

	if (left < 60)
		left = 60;
	return left < g->c->validity_s ? left : g->c->validity_s;
}

/* text with to's stop line into out; false (logged) when it is not GSM-7
 * text. Over one segment it still goes (lapakctl broadcast refuses that;
 * a changed template is the operator's to fix), logged. */
static bool
compose(struct gw *g, const char *lang, const char *text, char *out,
    size_t outsz)
{
	struct act_msg	m;
	char		stop[200];
	int		over;

	memset(&m, 0, sizeof(m));
	snprintf(m.tmpl, sizeof(m.tmpl), "%s", gw_tmpl_name(GW_TMPL_PROMO_STOP));
	if (handler_render(g->h, &m, lang, stop, sizeof(stop)) == -1)
		return false;
	if ((over = promo_fit(text, stop, out, outsz)) < 0) {
		log_warnx("promo text not GSM-7: not sent");
		return false;
	}
	if (over > 0)
		log_warnx("promo text %d septets over one segment", over);
	return true;
}

/* Sends one promotion to msisdn if the rules let it: 1 queued, 0 not
 * (paused: *paused set; already had one today), -1 store error. */
static int
offer(struct gw *g, const char *msisdn, const char *text, int64_t day,
    int valid_s, bool *paused)
{
	char	lang[8], out[MSG_TEXT_MAX];
	int64_t	last;
	int	r;

	if (store_promo_number(g->st, msisdn, paused, &last, lang,
	    sizeof(lang)) != STORE_OK)
		return -1;
	if (*paused || !promo_may_send(last, day))
		return 0;
	if (!compose(g, lang, text, out, sizeof(out)))
		return 0;
	if ((r = gw_emit_promo(g, msisdn, out, valid_s)) == -1 ||
	    store_promo_sent(g->st, msisdn, day) != STORE_OK)
		return -1;
	return r == 0 ? 1 : 0;
}

/* The digest text of one number: its subscriptions' new products, as many
 * as fit one segment with the stop line. *any: there were some. */
static int
digest_one(struct gw *g, const char *msisdn, int64_t day, int valid_s,
    int *queued)
{
	struct sub_line		 subs[8];
	struct promo_item	 it[DIGEST_ITEMS];
	struct act_msg		 m;
	int64_t			 top[8], last;
	char			 items[600], what[200], text[MSG_TEXT_MAX];
	char			 out[MSG_TEXT_MAX], lang[8], price[32], stop[200];
	bool			 paused;
	int			 ns, i, k, n, shown = 0;
	size_t			 len;

	if (store_promo_number(g->st, msisdn, &paused, &last, lang,
	    sizeof(lang)) != STORE_OK)
		return -1;
	if (paused || !promo_may_send(last, day))
		return 0;
	if ((ns = store_promo_subs(g->st, msisdn, subs, 8)) < 0)
		return -1;
	items[0] = what[0] = '\0';
	memset(&m, 0, sizeof(m));
	snprintf(m.tmpl, sizeof(m.tmpl), "%s", gw_tmpl_name(GW_TMPL_PROMO_STOP));
	if (handler_render(g->h, &m, lang, stop, sizeof(stop)) == -1)
		return 0;
	for (i = 0; i < ns; i++) {
		top[i] = 0;
		if ((n = store_promo_digest_items(g->st, subs[i].id, it,
		    DIGEST_ITEMS, &top[i])) < 0)
			return -1;
		if (n == 0)
			continue;
		snprintf(what + strlen(what), sizeof(what) - strlen(what),
		    strcmp(subs[i].kind, "place") == 0 ? "%s%s" : "%s'%s'",
		    what[0] != '\0' ? "/" : "", subs[i].label);
		for (k = 0; k < n; k++) {
			char	one[120], save[sizeof(items)];

			act_rupiah(it[k].price_rp, price, sizeof(price));
			snprintf(one, sizeof(one), "%sP%" PRId64 " %.24s %s",
			    items[0] != '\0' ? ", " : "", it[k].pid,
			    it[k].name, price);
			memcpy(save, items, sizeof(items));
			len = strlen(items);
			if (len + strlen(one) + 1 > sizeof(items))
				break;
			memcpy(items + len, one, strlen(one) + 1);
			memset(&m, 0, sizeof(m));
			snprintf(m.tmpl, sizeof(m.tmpl), "%s",
			    gw_tmpl_name(GW_TMPL_PROMO_DIGEST));
			act_set(&m, "what", "%s", what);
			act_set(&m, "items", "%s", items);
			handler_render(g->h, &m, lang, text, sizeof(text));
			if (promo_fit(text, stop, out, sizeof(out)) != 0) {
				memcpy(items, save, sizeof(items));
				break;
			}
			shown++;
		}
	}
	/* What the digest covered, shown or not, is not offered again. */
	for (i = 0; i < ns; i++)
		if (top[i] > 0 && store_promo_seen(g->st, subs[i].id, top[i]) !=
		    STORE_OK)
			return -1;
	if (shown == 0)
		return 0;
	memset(&m, 0, sizeof(m));
	snprintf(m.tmpl, sizeof(m.tmpl), "%s", gw_tmpl_name(GW_TMPL_PROMO_DIGEST));
	act_set(&m, "what", "%s", what);
	act_set(&m, "items", "%s", items);
	handler_render(g->h, &m, lang, text, sizeof(text));
	if (promo_fit(text, stop, out, sizeof(out)) < 0)
		return 0;
	if ((n = gw_emit_promo(g, msisdn, out, valid_s)) == -1 ||
	    store_promo_sent(g->st, msisdn, day) != STORE_OK)
		return -1;
	*queued += n == 0;
	return 0;
}

/* Up to budget numbers of the day's digest; 0, or -1. */
static int
digest_step(struct gw *g, struct gw_promo *p, int64_t day, int valid_s,
    int *budget)
{
	char	nums[64][MSG_ADDR_MAX];
	int	n, i, queued = 0, want = *budget < 64 ? *budget : 64;

	n = store_promo_digest_numbers(g->st, p->dg_msisdn, nums, want);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (digest_one(g, nums[i], day, valid_s, &queued) == -1)
			return -1;
		snprintf(p->dg_msisdn, sizeof(p->dg_msisdn), "%s", nums[i]);
	}
	/* cppcheck-suppress knownConditionTrueFalse ; want >= 1 (the caller steps only with budget left), n may fall short of it */
	if (n < want)
		p->dg_done = true;
	*budget -= n > queued ? n : queued;
	if (queued > 0)
		log_info("promo digest queued=%d", queued);
	return 0;
}

/* Up to *budget recipients of broadcasts (one fetch); 1 when there may be
 * more, 0 at the end (finished broadcasts closed), -1. */
static int
broadcast_step(struct gw *g, struct gw_promo *p, int64_t now_s, int *budget)
{
	int	n, i, r, max = *budget < 64 ? *budget : 64;
	bool	paused;

	n = store_promo_bcast_next(g->st, p->bc_bid, p->bc_msisdn, p->to, max);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		struct promo_to	*t = &p->to[i];

		if ((r = offer(g, t->msisdn, t->text, p->day, p->valid_s,
		    &paused)) == -1)
			return -1;
		/* Queued or paused: settled; else (had one today) left for
		 * tomorrow. */
		if ((r == 1 || paused) && store_promo_bcast_mark(g->st, t->bid,
		    t->msisdn, r == 1 ? now_s : 0) != STORE_OK)
			return -1;
		p->n_queued += r == 1;
		p->n_paused += paused;
		p->bc_bid = t->bid;
		snprintf(p->bc_msisdn, sizeof(p->bc_msisdn), "%s", t->msisdn);
	}
	*budget -= n;
	if (n == max)
		return 1;
	if (store_promo_bcast_finish(g->st, now_s) < 0)
		return -1;
	return 0;
}

int
gw_promo_tick(struct gw *g, int64_t now_ms)
{
	struct gw_promo	*p;
	int64_t		 now_s = now_ms / 1000, day, backlog;
	int		 hour, minute, budget;

	if (g->c->promotions_share <= 0)
		return 0;
	if (g->promo == NULL)
		g->promo = xcalloc(1, sizeof(*g->promo));
	p = g->promo;
	if (p->n_queued > 0 || p->n_paused > 0)
		log_info("promo broadcast queued=%d paused=%d", p->n_queued,
		    p->n_paused);
	p->n_queued = p->n_paused = 0;
	p->budget = 0;
	day = promo_local_day(now_s, &hour, &minute);
	if (day != p->day) {
		/* A new day: skipped recipients come round again. */
		memset(p, 0, offsetof(struct gw_promo, to));
		p->day = day;
	}
	if (promo_quiet(hour))
		return 0;
	if ((backlog = store_promo_lane_queued(g->st)) < 0)
		return -1;
	budget = batch_size(g) - (int)backlog;
	if (budget <= 0)
		return 0;
	p->budget = budget;
	p->valid_s = validity(g, hour, minute, now_s);
	p->digest_due = !p->dg_done && promo_digest_due(hour * 60 + minute,
	    promo_minutes(g->c->promotions_digest_time));
	return 1;
}

int
gw_promo_step(struct gw *g, int64_t now_ms)
{
	struct gw_promo	*p = g->promo;
	int		 n, r;

	if (p == NULL || p->budget <= 0)
		return 0;
	n = p->budget < PROMO_STEP ? p->budget : PROMO_STEP;
	p->budget -= n;
	if (p->digest_due && !p->dg_done) {
		r = digest_step(g, p, p->day, p->valid_s, &n) == -1 ? -1 : 1;
	} else
		r = broadcast_step(g, p, now_ms / 1000, &n);
	if (r == -1) {
		/* The caller rolls this step back: look again from the start
		 * (what was marked stays marked). */
		p->bc_bid = 0;
		p->bc_msisdn[0] = p->dg_msisdn[0] = '\0';
		p->dg_done = false;
		p->budget = 0;
		return -1;
	}
	p->budget += n;		/* what the step did not use */
	return r == 1 && p->budget > 0 ? 1 : 0;
}

void
gw_promo_free(struct gw *g)
{
	free(g->promo);
	g->promo = NULL;
}
