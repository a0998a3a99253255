/* The gateway object: creates links and the handler, runs the group commit
 * before every loop wait, and the housekeeping timer (outbox validity, stale
 * concatenations, order expiry, repeat-window pruning, WAL checkpoints). */
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "gateway/searcher.h"
#include "gateway/dispatch.h"
#include "gateway/gw_internal.h"
#include "gateway/handler.h"
#include "gateway/http.h"
#include "gateway/mo.h"
#include "gateway/mt.h"
#include "gateway/promo.h"
#include "gateway/smpp.h"
#include "gateway/txn.h"
#include "gateway/ussd.h"
#include "store/msg.h"
#include "store/repo_promo.h"
#include "store/privacy.h"
#include "store/store.h"

#define HOUSE_S		1.0
#define RETAIN_EVERY	3600	/* ticks between retention passes */
#define CKPT_EVERY	60	/* ticks between checkpoint wake-ups */

int64_t
gw_now_ms(struct gw *g)
{
	return (int64_t)(ev_now(g->loop) * 1000.0);
}

int
gw_link_by_name(struct gw *g, const char *name)
{
	int	i;

	for (i = 0; i < g->nlinks; i++)
		if (strcmp(g->links[i].c->name, name) == 0)
			return i;
	return -1;
}

/* A link and its flight slots; it connects on its own (smpp.c). */
static void
link_init(struct gw *g, int idx, const struct conf_smsc *c)
{
	static const struct smpp_cb cb = {
		.deliver = gw_deliver,
		.submit_done = gw_submit_done,
		.state = gw_link_state,
	};
	struct gw_link	*gl = &g->links[idx];

	gl->g = g;
	gl->idx = idx;
	gl->c = c;
	/* Settled flights wait for the next commit: room for several rounds. */
	gl->nflights = c->window * 4 + 64;
	gl->flights = xcalloc((size_t)gl->nflights, sizeof(*gl->flights));
	gl->smpp = smpp_new(g->loop, c, &cb, gl);
}

static void
link_clear(struct gw_link *gl)
{
	smpp_free(gl->smpp);
	free(gl->flights);
	memset(gl, 0, sizeof(*gl));
}

/* Before the loop waits: commit what this pass gathered (the syncer
 * flushes it), ack what is on disk, pump what may go out. */
static void
on_prepare(struct ev_loop *loop, ev_prepare *w, int revents)
{
	struct gw	*g = w->data;

	(void)loop;
	(void)revents;
	gw_search_apply(g);
	gw_handle_batch(g);
	gw_release(g);
	(void)gw_commit(g, false);
	/* Without the syncer (store.durable = false) that commit counts as
	 * on disk already: release it now, nothing else would wake us. */
	gw_release(g);
	if (!g->sync_failed)
		gw_pump(g);
}

/* Everything committed, on disk and acknowledged, now (shutdown). */
static void
settle_now(struct gw *g)
{
	gw_search_apply(g);
	gw_handle_batch(g);
	(void)gw_commit(g, true);
	(void)store_sync_now(g->st);
	gw_release(g);
}

static void
shutdown_step(struct gw *g)
{
	int	i;

	if (g->stopped_links)
		return;
	/* Searches in flight are answered too (else they wait, pending, for
	 * the next start). */
	if ((gw_inflight(g) > 0 || searcher_inflight(g->srch) > 0) &&
	    gw_now_ms(g) - g->shutdown_ms < g->c->drain_ms)
		return;
	settle_now(g);
	for (i = 0; i < g->nlinks; i++)
		smpp_stop(g->links[i].smpp);
	g->stopped_links = true;
}

static void
on_house(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct gw	*g = w->data;
	int64_t		 now = gw_now_ms(g);
	struct mo_ctx	 m = { .g = g, .now_ms = now, .link = -1 };
	int		 n;

	(void)loop;
	(void)revents;
	if (g->shutting) {
		shutdown_step(g);
		return;
	}
	gw_handle_batch(g);
	/* In the loop's open transaction (gw_commit commits it), in a
	 * savepoint of its own. */
	if (gw_txn(g) == -1 || store_savepoint(g->st) != STORE_OK)
		return;
	if ((n = msg_outbox_expire(g->st, now)) > 0)
		log_info("outbox expired=%d reason=validity", n);
	if (gw_concat_stale(g, now) < 0 ||
	    handler_tick(g->h, g->st, now / 1000, gw_emit, &m) == -1) {
		store_rollback_savepoint(g->st);
		return;
	}
	ussd_gc(g->ussd, g->st, g->c, now);
	/* promotions: this second's batch of the digest and broadcasts,
	 * queued by on_promo (promo.c) */
	if ((n = gw_promo_tick(g, now)) == -1) {
		store_rollback_savepoint(g->st);
		return;
	}
	if (n == 1)
		ev_idle_start(loop, &g->promo_w);
	/* Every tick, through recent(at_ms): a few deletes, never a burst. */
	msg_recent_prune(g->st, now - (int64_t)g->c->repeat_window_s * 1000);
	/* issue 13, privacy: finish erasures whose reply has left (every
	 * tick: a look at a table that is empty but for seconds), and empty
	 * message bodies past privacy.retain_days (the first tick, then
	 * hourly: a scan of the message tables). */
	if (privacy_sweep(g->st, now) < 0 ||
	    (g->house_ticks % RETAIN_EVERY == 0 && privacy_retain(g->st, now,
	    g->c->privacy_retain_days) < 0)) {
		store_rollback_savepoint(g->st);
		return;
	}
	if (store_savepoint_release(g->st) != STORE_OK) {
		store_rollback_savepoint(g->st);
		return;
	}
	for (n = 0; n < g->nlinks; n++)
		g->links[n].rescan = true;	/* retries whose time has come */
	if (++g->house_ticks % CKPT_EVERY == 0)
		store_checkpoint(g->st);
}

/* Promotions are queued a few dozen at a time, only when the loop has no
 * other event pending: a batch never holds up an MO or its reply. */
static void
on_promo(struct ev_loop *loop, ev_idle *w, int revents)
{
	struct gw	*g = w->data;
	int		 r;

	(void)revents;
	if (g->shutting || gw_txn(g) == -1 ||
	    store_savepoint(g->st) != STORE_OK) {
		ev_idle_stop(loop, w);
		return;
	}
	if ((r = gw_promo_step(g, gw_now_ms(g))) == -1 ||
	    store_savepoint_release(g->st) != STORE_OK) {
		store_rollback_savepoint(g->st);
		ev_idle_stop(loop, w);
		return;
	}
	if (r == 0)
		ev_idle_stop(loop, w);
}

static void
on_found(void *arg)
{
	(void)arg;	/* the wakeup is enough: on_prepare answers them */
}

/* The search thread, for the commerce handler on a store file. */
static int
search_thread_start(struct gw *g, char *err, size_t errlen)
{
	const char	*p = g->c->store_path;

	if (strcmp(handler_name(g->h), "commerce") != 0 || p[0] == '\0' ||
	    strcmp(p, ":memory:") == 0)
		return 0;
	if (searcher_start(&g->srch, p, g->loop, on_found, g, err,
	    errlen) == -1)
		return -1;
	if (gw_txn(g) == 0)
		gw_search_recover(g);
	return 0;
}

struct gw *
gw_new(struct ev_loop *loop, const struct conf *c, struct store *st,
    char *err, size_t errlen)
{
	struct gw	*g = xcalloc(1, sizeof(*g));
	size_t		 i;

	g->loop = loop;
	g->c = c;
	g->st = st;
	if ((g->h = handler_new(c, err, errlen)) == NULL) {
		free(g);
		return NULL;
	}
	if ((g->ussd = ussd_new(c, err, errlen)) == NULL ||
	    http_new(g, &g->http, err, errlen) == -1) {
		ussd_free(g->ussd);
		handler_free(g->h);
		free(g);
		return NULL;
	}
	g->batch = xcalloc(GW_BATCH_MAX, sizeof(*g->batch));
	gw_release_init(g);
	g->nlinks = (int)c->nsmsc;
	for (i = 0; i < c->nsmsc; i++) {
		if (c->smsc[i].default_route)
			g->default_link = (int)i;
		link_init(g, (int)i, &c->smsc[i]);
	}
	if (search_thread_start(g, err, errlen) == -1) {
		gw_free(g);
		return NULL;
	}
	ev_prepare_init(&g->prepare_w, on_prepare);
	g->prepare_w.data = g;
	ev_prepare_start(loop, &g->prepare_w);
	ev_timer_init(&g->house_t, on_house, HOUSE_S, HOUSE_S);
	g->house_t.data = g;
	ev_timer_start(loop, &g->house_t);
	ev_idle_init(&g->promo_w, on_promo);
	g->promo_w.data = g;
	log_info("gateway ready links=%d handler=%s", g->nlinks,
	    handler_name(g->h));
	return g;
}

void
gw_free(struct gw *g)
{
	int	i;

	if (g == NULL)
		return;
	searcher_stop(g->srch);
	ev_prepare_stop(g->loop, &g->prepare_w);
	ev_timer_stop(g->loop, &g->house_t);
	ev_idle_stop(g->loop, &g->promo_w);
	gw_release_clear(g);
	for (i = 0; i < g->nlinks; i++)
		link_clear(&g->links[i]);
	http_free(g->http);
	ussd_free(g->ussd);
	handler_free(g->h);
	free(g->batch);
	free(g->res);
	gw_promo_free(g);
	free(g);
}

void
gw_shutdown(struct gw *g)
{
	if (g->shutting)
		return;
	g->shutting = true;
	g->shutdown_ms = gw_now_ms(g);
	log_info("gateway draining inflight=%d drain_ms=%d", gw_inflight(g),
	    g->c->drain_ms);
	settle_now(g);
	shutdown_step(g);
}

bool
gw_done(const struct gw *g)
{
	int	i;

	if (!g->stopped_links)
		return false;
	for (i = 0; i < g->nlinks; i++)
		if (!smpp_stopped(g->links[i].smpp))
			return false;
	return true;
}

int
gw_reload(struct gw *g, const struct conf *c, char *err, size_t errlen)
{
	struct handler	*h;
	size_t		 i;

	if ((int)c->nsmsc != g->nlinks) {
		snprintf(err, errlen, "the number of smsc links changed (%d -> %zu): "
		    "restart lapakd to apply", g->nlinks, c->nsmsc);
		return -1;
	}
	for (i = 0; i < c->nsmsc; i++)
		if (strcmp(c->smsc[i].name, g->links[i].c->name) != 0 ||
		    c->smsc[i].window != g->links[i].c->window) {
			snprintf(err, errlen, "smsc %s: name or window changed: "
			    "restart lapakd to apply", c->smsc[i].name);
			return -1;
		}
	if ((h = handler_new(c, err, errlen)) == NULL)
		return -1;
	gw_handle_batch(g);
	if (ussd_reload(g->ussd, c, err, errlen) == -1) {
		handler_free(h);
		return -1;
	}
	handler_free(g->h);
	g->h = h;
	g->c = c;
	for (i = 0; i < c->nsmsc; i++) {
		g->links[i].c = &c->smsc[i];
		smpp_set_conf(g->links[i].smpp, &c->smsc[i]);
		if (c->smsc[i].default_route)
			g->default_link = (int)i;
	}
	return 0;
}

bool
gw_uses_conf(const struct gw *g, const struct conf *c)
{
	size_t	i, k;

	if (g->c == c)
		return true;
	for (i = 0; i < (size_t)g->nlinks; i++) {
		for (k = 0; k < c->nsmsc; k++)
			if (g->links[i].c == &c->smsc[k])
				return true;
		if (smpp_uses_conf(g->links[i].smpp, c->smsc, c->nsmsc))
			return true;
	}
	return false;
}

/* Appends printf-style to buf at *off, never past len. */
static void
metric(char *buf, size_t len, size_t *off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
metric(char *buf, size_t len, size_t *off, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	if (*off + 1 >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *off, len - *off, fmt, ap);
	va_end(ap);
	if (n > 0)
		*off = *off + (size_t)n < len ? *off + (size_t)n : len - 1;
}

size_t
gw_metrics(struct gw *g, char *buf, size_t len)
{
	static const char *states[] = { "queued", "submitted", "delivered",
	    "failed", "expired" };
	size_t	off = 0;
	int	i;

	buf[0] = '\0';
	metric(buf, len, &off, "# TYPE lapak_mo_total counter\n"
	    "lapak_mo_total %llu\n", (unsigned long long)g->n_mo);
	metric(buf, len, &off, "# TYPE lapak_mt_queued_total counter\n"
	    "lapak_mt_queued_total %llu\n", (unsigned long long)g->n_mt);
	metric(buf, len, &off, "# TYPE lapak_commits_total counter\n"
	    "lapak_commits_total %llu\n", (unsigned long long)g->n_commit);
	metric(buf, len, &off, "# TYPE lapak_search_offloop_total counter\n"
	    "lapak_search_offloop_total %llu\n"
	    "# TYPE lapak_search_quick_total counter\n"
	    "lapak_search_quick_total %llu\n"
	    "# TYPE lapak_search_inflight gauge\n"
	    "lapak_search_inflight %d\n",
	    (unsigned long long)searcher_jobs(g->srch),
	    (unsigned long long)g->n_search_quick,
	    searcher_inflight(g->srch));
	{
		/* Heap in use (every arena): what a leak grows, unlike peak
		 * RSS, which also keeps each passing high-water mark. */
		struct mallinfo2	mi = mallinfo2();

		metric(buf, len, &off, "# TYPE lapak_heap_bytes gauge\n"
		    "lapak_heap_bytes %zu\n", mi.uordblks + mi.hblkhd);
	}
	/* promotions */
	metric(buf, len, &off, "# TYPE lapak_promo_queued_total counter\n"
	    "lapak_promo_queued_total %llu\n"
	    "# TYPE lapak_promo_started_total counter\n"
	    "lapak_promo_started_total %llu\n"
	    "# TYPE lapak_promo_waiting gauge\n"
	    "lapak_promo_waiting %lld\n",
	    (unsigned long long)g->n_promo_queued,
	    (unsigned long long)g->n_promo_started,
	    (long long)store_promo_bcast_waiting(g->st));
	metric(buf, len, &off, "# TYPE lapak_outbox gauge\n");
	for (i = 0; i < 5; i++)
		metric(buf, len, &off, "lapak_outbox{state=\"%s\"} %lld\n",
		    states[i], (long long)msg_outbox_count(g->st,
		    (enum msg_state)i));
	metric(buf, len, &off, "# TYPE lapak_smpp_bound gauge\n");
	for (i = 0; i < g->nlinks; i++) {
		struct smpp_stats	 s;
		const char		*n = g->links[i].c->name;

		smpp_get_stats(g->links[i].smpp, &s);
		metric(buf, len, &off,
		    "lapak_smpp_bound{link=\"%s\"} %d\n"
		    "lapak_smpp_inflight{link=\"%s\"} %d\n"
		    "lapak_smpp_mo_total{link=\"%s\"} %llu\n"
		    "lapak_smpp_submit_total{link=\"%s\"} %llu\n"
		    "lapak_smpp_submit_ok_total{link=\"%s\"} %llu\n"
		    "lapak_smpp_submit_error_total{link=\"%s\"} %llu\n"
		    "lapak_smpp_throttled_total{link=\"%s\"} %llu\n"
		    "lapak_smpp_reconnects_total{link=\"%s\"} %llu\n",
		    n, smpp_bound(g->links[i].smpp) ? 1 : 0,
		    n, smpp_inflight(g->links[i].smpp),
		    n, (unsigned long long)s.mo, n, (unsigned long long)s.mt,
		    n, (unsigned long long)s.mt_ok, n, (unsigned long long)s.mt_err,
		    n, (unsigned long long)s.throttled,
		    n, (unsigned long long)s.reconnects);
	}
	return off;
}
