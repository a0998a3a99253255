/* lapak-web: the read-only web catalogue (and, by its own part, the
 * officers' dashboard) beside lapakd, from the same store (docs/WEB.md).
 * Foreground, logs to stderr; SIGTERM/SIGINT stop it cleanly (exit 0);
 * SIGHUP reloads a valid config (the server restarts on it: officers log
 * in again); systemd's notify protocol when NOTIFY_SOCKET is set. */
#include <sys/resource.h>

#include <errno.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "common/notify.h"
#include "common/xalloc.h"
#include "conf/conf.h"
#include "web/server.h"

#define ERRLEN 8192

static int debug;	/* -d: debug logging, kept across reloads */

static void
usage(void)
{
	fprintf(stderr, "usage: lapak-web -c FILE [-n] [-d]\n"
	    "  -c FILE  configuration (libconfig; the web group); see "
	    "conf/lapak.cfg\n"
	    "  -n       check the configuration and exit\n"
	    "  -d       debug logging (one line per request)\n");
	exit(2);
}

/*
 * SIGHUP: a config that loads and still has a web.listen replaces the
 * running one; the server restarts on it (requests in flight finish first;
 * sessions end, officers log in again). An invalid config, or one the
 * server cannot start on, is refused with its errors logged and the old
 * config keeps serving.
 */
static void
reload(struct web_server **srv, struct conf **cur, const char *path)
{
	struct conf	*n = xcalloc(1, sizeof(*n));
	char		 err[ERRLEN];
	bool		 store_err;

	notify_reloading();
	if (conf_load(path, n, err, sizeof(err)) == -1 ||
	    (n->web_listen[0] == '\0' && snprintf(err, sizeof(err),
	    "%s: web.listen is empty", path) > 0)) {
		log_warnx("reload refused, the running config stays: %s", err);
		free(n);
		notify_send("READY=1\nSTATUS=reload refused (config invalid)");
		return;
	}
	web_server_stop(*srv);
	*srv = NULL;
	if (web_server_start(srv, n, &store_err, err, sizeof(err)) == -1) {
		log_warnx("reload refused: %s%s; the running config stays",
		    store_err ? "store: " : "", err);
		free(n);
		if (web_server_start(srv, *cur, &store_err, err,
		    sizeof(err)) == -1) {
			log_warnx("lapak-web cannot serve again on the old "
			    "config: %s", err);
			exit(4);
		}
		notify_send("READY=1\nSTATUS=reload refused (cannot start)");
		return;
	}
	free(*cur);
	*cur = n;
	conf_apply_zone(n);
	log_set_level(debug ? LOG_LVL_DEBUG : (enum log_level)n->log_level);
	log_info("reloaded config=%s listen=%s regency=%s", path,
	    n->web_listen, n->web_regency[0] ? n->web_regency : "-");
	notify_sendf("READY=1\nSTATUS=serving %s", n->web_listen);
}

int
main(int argc, char **argv)
{
	struct web_server	*srv = NULL;
	struct conf		*c;
	const char		*path = NULL;
	char			 err[ERRLEN];
	sigset_t		 set;
	int			 ch, check = 0, sig = 0;
	bool			 store_err;

	log_init(LOG_LVL_INFO, "lapak-web");
	while ((ch = getopt(argc, argv, "c:ndh")) != -1) {
		switch (ch) {
		case 'c': path = optarg; break;
		case 'n': check = 1; break;
		case 'd': debug = 1; break;
		default: usage();
		}
	}
	if (path == NULL || optind != argc)
		usage();
	c = xcalloc(1, sizeof(*c));
	if (conf_load(path, c, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\nlapak-web: configuration invalid\n", err);
		free(c);
		return 1;
	}
	if (c->web_listen[0] == '\0') {
		fprintf(stderr, "%s: web.listen is empty: lapak-web has "
		    "nothing to serve\nlapak-web: configuration invalid\n",
		    path);
		free(c);
		return 1;
	}
	if (check) {
		printf("%s: ok\n", path);
		free(c);
		return 0;
	}
	conf_apply_zone(c);
	log_set_level(debug ? LOG_LVL_DEBUG : (enum log_level)c->log_level);
	if (c->web_public_officer && c->web_allow[0] == '\0' &&
	    c->web_trusted_proxy[0] == '\0')
		log_warnx("WARNING: web.public_officer_pages = true: the "
		    "officers' pages on %s are open to anyone who reaches it "
		    "(set web.allow or web.trusted_proxy)", c->web_listen);
	/* Signals are taken by this thread alone (sigwait), never by the
	 * server's threads, which inherit the mask. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
#ifdef __GLIBC__
	/* A page's buffers (a village's shops: 150 KB) come from the
	 * threads' arenas and stay there: by default glibc maps each one
	 * above 128 KB and trims the heap after the free, and the next page
	 * faults the memory in again (perf: ~11% of lapak-web's CPU under
	 * bench-web in sysmalloc and its page faults). */
	(void)mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
	(void)mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
#endif
	/* lapakd first: the server's threads, made below, inherit this
	 * thread's nice value (Linux keeps one per thread). */
	if (c->web_nice > 0 && setpriority(PRIO_PROCESS, 0, c->web_nice) == -1)
		log_warnx("web.nice = %d: %s; keeping nice %d", c->web_nice,
		    strerror(errno), getpriority(PRIO_PROCESS, 0));
	if (web_server_start(&srv, c, &store_err, err, sizeof(err)) == -1) {
		fprintf(stderr, "lapak-web: %s%s\n", store_err ? "store: " :
		    "", err);
		free(c);
		return store_err ? 3 : 1;
	}
	log_info("lapak-web started config=%s listen=%s regency=%s "
	    "threads=%d nice=%d pid=%d", path, c->web_listen,
	    c->web_regency[0] ? c->web_regency : "-", c->web_threads,
	    getpriority(PRIO_PROCESS, 0), (int)getpid());
	notify_sendf("READY=1\nSTATUS=serving %s", c->web_listen);
	for (;;) {
		if (sigwait(&set, &sig) != 0)
			continue;
		if (sig != SIGHUP)
			break;
		reload(&srv, &c, path);
	}
	notify_send("STOPPING=1");
	log_info("signal=%s: shutting down", sig == SIGTERM ? "TERM" : "INT");
	web_server_stop(srv);
	free(c);
	log_info("lapak-web stopped");
	return 0;
}
