/* lapakd: the gateway daemon. Foreground, logs to stderr; SIGTERM/SIGINT
 * drain, unbind and exit 0; SIGHUP reloads a valid config. Under systemd
 * (Type=notify) it reports READY, STATUS, RELOADING and STOPPING. */
#include <ev.h>
#include <getopt.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "common/notify.h"
#include "common/xalloc.h"
#include "conf/conf.h"
#include "conf/templates.h"
#include "gateway/gw.h"
#include "gateway/gw_tmpl.h"
#include "store/store.h"

#define ERRLEN 8192
/* Replaced configs a link may still run on until it reconnects: one per
 * link at most, since a link adopts only the newest at its next connect. */
#define RETIRED_MAX (CONF_MAX_SMSC + 2)

struct daemon {
	struct ev_loop	*loop;
	struct gw	*gw;
	const char	*path;
	struct conf	*conf;		/* the running config */
	struct conf	*retired[RETIRED_MAX];	/* replaced, maybe still in
						 * use by a link (gw_uses_conf) */
	int		 nretired;
	ev_signal	 sigterm, sigint, sighup;
	ev_timer	 done_t;
	ev_timer	 fault_t;
	ev_timer	 status_t;	/* STATUS= for the service manager */
	char		 status[128];	/* the last one sent */
	struct store	*st;
};

/* Test hook, for the fault-injection tests only: LAPAK_TEST_STORE_FAULT =
 * "RC,MS" makes every store step fail with SQLite code RC (13 = full, 5 =
 * busy, 10 = I/O error) for the first MS milliseconds, as a full disk would.
 * Logged loudly; unset in production. */
static void
on_fault_end(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct daemon	*d = w->data;

	(void)loop;
	(void)revents;
	store_fault_inject(d->st, 0, 0, false);
	log_warnx("test hook: store fault cleared");
}

static void
arm_test_fault(struct daemon *d)
{
	const char	*v = getenv("LAPAK_TEST_STORE_FAULT");
	int		 rc, ms;

	if (v == NULL || sscanf(v, "%d,%d", &rc, &ms) != 2 || rc <= 0 || ms <= 0)
		return;
	log_warnx("test hook: every store step fails with sqlite rc=%d for %d ms",
	    rc, ms);
	store_fault_inject(d->st, 1, rc, true);
	ev_timer_init(&d->fault_t, on_fault_end, ms / 1000.0, 0.);
	d->fault_t.data = d;
	ev_timer_start(d->loop, &d->fault_t);
}

/*
 * A steady heap. glibc returns the top of the heap to the kernel whenever
 * more than 128 KB is free there, and the loop frees that much after most
 * group commits (SQLite's statement journal, FTS buffers): brk shrank and
 * grew thousands of times a second, each shrink a TLB shootdown across both
 * CPUs (the checkpointer thread) and each regrowth page faults, a quarter of
 * lapakd's CPU under load. Keep up to 64 MB of free heap instead.
 */
static void
heap_tune(void)
{
#ifdef M_TRIM_THRESHOLD
	(void)mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
	(void)mallopt(M_TOP_PAD, 4 * 1024 * 1024);
#endif
}

/* Test hook, for the durability tests only: LAPAK_TEST_SYNC = "DELAY_MS,N"
 * makes the syncer sleep DELAY_MS before each WAL flush (acks must wait for
 * it) and the Nth flush fail with EIO (lapakd must stop unacknowledged);
 * 0 disables either. Logged loudly; unset in production. */
static void
arm_test_sync(struct daemon *d)
{
	const char	*v = getenv("LAPAK_TEST_SYNC");
	int		 delay;
	long		 nth;

	if (v == NULL || sscanf(v, "%d,%ld", &delay, &nth) != 2 || delay < 0 ||
	    nth < 0)
		return;
	log_warnx("test hook: WAL flushes delayed %d ms, flush %ld fails",
	    delay, nth);
	store_sync_test_hook(d->st, delay, nth);
}

/* issue 15, systemd: STATUS= when the links or the queue changed (every 2 s,
 * only with $NOTIFY_SOCKET set). state: "READY=1\n" or NULL; note goes
 * before the figures. */
static void
status_send(struct daemon *d, const char *state, const char *note)
{
	char	now[sizeof(d->status)];

	gw_status(d->gw, now, sizeof(now));
	if (state == NULL && strcmp(now, d->status) == 0)
		return;
	memcpy(d->status, now, sizeof(now));
	if (notify_sendf("%sSTATUS=%s%s", state ? state : "", note ? note : "",
	    now) == -1)
		log_warn("notify: %s", getenv("NOTIFY_SOCKET"));
}

static void
on_status(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	status_send(w->data, NULL, NULL);
}

static void
usage(void)
{
	fprintf(stderr, "usage: lapakd -c FILE [-n] [-d] [-j] [-p PIDFILE] "
	    "[-T smpp,store]\n"
	    "  -c FILE  configuration (libconfig); see conf/lapak.cfg\n"
	    "  -p FILE  pid file (default: the store path + \".pid\"), for "
	    "lapakctl reload\n"
	    "  -n       check the configuration and exit\n"
	    "  -d       debug logging\n"
	    "  -j       syslog priority <N> before each log line (automatic "
	    "when\n"
	    "           stderr is the journal: $JOURNAL_STREAM)\n"
	    "  -T LIST  trace subsystems (smpp, store, all)\n");
	exit(2);
}

static void
on_done_check(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct daemon	*d = w->data;

	(void)revents;
	if (gw_done(d->gw))
		ev_break(loop, EVBREAK_ALL);
}

static void
on_stop(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct daemon	*d = w->data;

	(void)revents;
	log_info("signal=%s: shutting down", w->signum == SIGTERM ? "TERM" : "INT");
	ev_timer_stop(loop, &d->status_t);
	(void)notify_sendf("STOPPING=1\nSTATUS=shutting down (SIG%s)",
	    w->signum == SIGTERM ? "TERM" : "INT");
	gw_shutdown(d->gw);
	ev_timer_init(&d->done_t, on_done_check, 0.05, 0.05);
	d->done_t.data = d;
	ev_timer_start(loop, &d->done_t);
}

/* Frees the replaced configs nothing points into any more. */
static void
retired_sweep(struct daemon *d)
{
	int	i, n = 0;

	for (i = 0; i < d->nretired; i++) {
		if (d->gw != NULL && gw_uses_conf(d->gw, d->retired[i]))
			d->retired[n++] = d->retired[i];
		else
			free(d->retired[i]);
	}
	d->nretired = n;
}

/* SIGHUP: a new config if it is valid; false when refused. */
static bool
reload(struct daemon *d)
{
	struct conf	*c;
	char		 err[ERRLEN];

	retired_sweep(d);
	/* Never full: a link runs on one config and adopts only the current
	 * one, so at most one retired config per link is still in use. */
	if (d->nretired == RETIRED_MAX) {
		log_warnx("reload refused: %d replaced configs still in use",
		    d->nretired);
		return false;
	}
	c = xcalloc(1, sizeof(*c));
	if (conf_load(d->path, c, err, sizeof(err)) == -1) {
		log_warnx("reload refused: config invalid, keeping the running one:\n%s",
		    err);
		free(c);
		return false;
	}
	if (gw_reload(d->gw, c, err, sizeof(err)) == -1) {
		log_warnx("reload refused: %s", err);
		free(c);
		return false;
	}
	d->retired[d->nretired++] = d->conf;
	d->conf = c;
	retired_sweep(d);
	log_set_level((enum log_level)c->log_level);
	log_info("reload ok config=%s", d->path);
	return true;
}

/* The service manager sees RELOADING=1, then READY=1 whether the new config
 * was taken or refused (the running one goes on either way). */
static void
on_hup(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct daemon	*d = w->data;
	bool		 ok;

	(void)loop;
	(void)revents;
	(void)notify_reloading();
	ok = reload(d);
	status_send(d, "READY=1\n", ok ? NULL : "reload refused, running "
	    "config kept; ");
}

int
main(int argc, char **argv)
{
	struct daemon	 d;
	struct store	*st = NULL;
	struct conf	*c;
	char		 err[ERRLEN];
	int		 ch, check = 0, debug = 0, i;
	bool		 failed;
	const char	*traces = NULL, *pidopt = NULL;
	char		 pidfile[PATH_MAX + 8] = "";
	FILE		*pf;

	memset(&d, 0, sizeof(d));
	heap_tune();
	log_init(LOG_LVL_INFO, "lapakd");
	while ((ch = getopt(argc, argv, "c:ndjp:T:h")) != -1) {
		switch (ch) {
		case 'c': d.path = optarg; break;
		case 'n': check = 1; break;
		case 'd': debug = 1; break;
		case 'j': log_set_prio_prefix(true); break;
		case 'T': traces = optarg; break;
		case 'p': pidopt = optarg; break;
		default: usage();
		}
	}
	if (d.path == NULL || optind != argc)
		usage();
	c = xcalloc(1, sizeof(*c));
	if (conf_load(d.path, c, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\nlapakd: configuration invalid\n", err);
		free(c);
		return 1;
	}
	d.conf = c;
	conf_apply_zone(c);
	if (check) {
		struct templates	*t = NULL;

		/* Templates too: a folder missing a name is refused here
		 * as it would be at startup. */
		if (gw_templates_load(c, &t, err, sizeof(err)) == -1) {
			fprintf(stderr, "%s\nlapakd: templates invalid\n", err);
			free(c);
			return 1;
		}
		templates_free(t);
		printf("%s: ok\n", d.path);
		free(c);
		return 0;
	}
	log_set_level(debug ? LOG_LVL_DEBUG : (enum log_level)c->log_level);
	if (traces != NULL)
		log_set_traces(traces);
	signal(SIGPIPE, SIG_IGN);
	if (store_open(&st, c->store_path, c->store_durable, err, sizeof(err)) == -1) {
		fprintf(stderr, "lapakd: store: %s\n", err);
		free(c);
		return 3;
	}
	/* WAL checkpoints off the loop thread (see store.c) */
	if (store_checkpointer_start(st, err, sizeof(err)) == -1)
		log_info("store: checkpoints in the loop: %s", err);
	/* WAL flushes off the loop thread, acks after them (store/sync.c) */
	if (c->store_durable && store_syncer_start(st, err, sizeof(err)) == -1)
		log_info("store: commits flushed in the loop: %s", err);
	d.loop = ev_default_loop(EVFLAG_AUTO);
	if ((d.gw = gw_new(d.loop, c, st, err, sizeof(err))) == NULL) {
		fprintf(stderr, "lapakd: %s\n", err);
		store_close(st);
		free(c);
		return 1;
	}
	d.st = st;
	arm_test_fault(&d);
	arm_test_sync(&d);
	ev_signal_init(&d.sigterm, on_stop, SIGTERM);
	ev_signal_init(&d.sigint, on_stop, SIGINT);
	ev_signal_init(&d.sighup, on_hup, SIGHUP);
	d.sigterm.data = d.sigint.data = d.sighup.data = &d;
	ev_signal_start(d.loop, &d.sigterm);
	ev_signal_start(d.loop, &d.sigint);
	ev_signal_start(d.loop, &d.sighup);
	/* lapakctl reload finds us here. */
	if (pidopt != NULL)
		snprintf(pidfile, sizeof(pidfile), "%s", pidopt);
	else if (strcmp(c->store_path, ":memory:") != 0)
		snprintf(pidfile, sizeof(pidfile), "%s.pid", c->store_path);
	if (pidfile[0] != '\0') {
		if ((pf = fopen(pidfile, "w")) != NULL) {
			fprintf(pf, "%d\n", (int)getpid());
			fclose(pf);
		} else
			log_warnx("pid file %s: cannot write", pidfile);
	}
	log_info("lapakd started config=%s store=%s pid=%d", d.path,
	    c->store_path, (int)getpid());
	/* issue 15, systemd: ready once the store is open, the listeners are
	 * up and the links are being attempted (none is bound yet); STATUS=
	 * then follows the binds and the queue. */
	if (notify_enabled()) {
		status_send(&d, "READY=1\n", NULL);
		ev_timer_init(&d.status_t, on_status, 2., 2.);
		d.status_t.data = &d;
		ev_timer_start(d.loop, &d.status_t);
	}
	ev_run(d.loop, 0);
	if (pidfile[0] != '\0')
		unlink(pidfile);
	failed = gw_failed(d.gw);
	gw_free(d.gw);
	store_close(st);
	for (i = 0; i < d.nretired; i++)
		free(d.retired[i]);
	free(d.conf);
	ev_loop_destroy(d.loop);
	log_info("lapakd stopped%s", failed ? " after a store flush failure" :
	    "");
	return failed ? 4 : 0;
}
