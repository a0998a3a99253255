/* lapakctl: the operator's tool. check validates config, every template
 * and the USSD menu file (all findings as file:line: what); reload asks a
 * running lapakd to load them (SIGHUP); stats reads the store. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <getopt.h>
#include <time.h>

#include "common/action.h"
#include "common/phone.h"
#include "common/xalloc.h"
#include "conf/conf.h"
#include "conf/menu.h"
#include "conf/templates.h"
#include "gateway/gw_tmpl.h"
#include "menus/menu.h"
#include "store/commerce.h"
#include "store/msg.h"
#include "store/stats.h"
#include "store/store.h"

static void
usage(void)
{
	fprintf(stderr, "usage: lapakctl -c FILE [-p PIDFILE] check [MENU.cfg ...] "
	    "| reload | stats [-k] [DAYS] | pin-unlock NUMBER\n"
	    "  check       config, templates and menus (or the given menu files)\n"
	    "  reload      check, then SIGHUP lapakd (pid from -p, default the "
	    "store path + \".pid\")\n"
	    "  stats       sellers, products, orders by stage, messages, in words;\n"
	    "              with DAYS (1-36500) also what was listed, ordered and\n"
	    "              completed in them; -k: \"key value\" lines for scripts\n"
	    "  pin-unlock  lift a seller's PIN lockout\n");
	exit(2);
}

static void
print_finding(void *arg, const char *file, int line, const char *what)
{
	(void)arg;
	printf("%s:%d: %s\n", file, line, what);
}

/* Prints every finding of templates and each menu file; returns the count. */
static int
check_menus(const struct conf *c, char **files, int nfiles)
{
	static char		 err[16384];
	struct templates	*t = NULL;
	struct menu_def		*d;
	const char		*one[1];
	size_t			 missing;
	int			 n = 0, i;

	if (templates_load_conf(c, &t, err, sizeof(err)) == -1) {
		printf("%s\n", err);
		n++;
	} else if ((missing = gw_templates_check(t, err, sizeof(err))) > 0) {
		/* Every missing name, then the other findings too. */
		printf("%s\n", err);
		n += (int)missing;
	}
	if (nfiles == 0) {
		one[0] = menu_def_path(c);
		files = (char **)(uintptr_t)one;
		nfiles = 1;
	}
	for (i = 0; i < nfiles; i++) {
		if (menu_def_load(files[i], &d, err, sizeof(err)) == -1) {
			printf("%s\n", err);
			n++;
			continue;
		}
		/* Template findings once, with the first menu file. */
		n += menu_lint(d, i == 0 ? t : NULL, print_finding, NULL);
		menu_def_free(d);
	}
	templates_free(t);
	return n;
}

static int
cmd_reload(const struct conf *c, const char *pidopt)
{
	char	 pidfile[PATH_MAX + 8];
	FILE	*f;
	long	 pid = 0;

	if (pidopt != NULL)
		snprintf(pidfile, sizeof(pidfile), "%s", pidopt);
	else
		snprintf(pidfile, sizeof(pidfile), "%s.pid", c->store_path);
	if ((f = fopen(pidfile, "r")) == NULL) {
		fprintf(stderr, "lapakctl: %s: %s (is lapakd running?)\n", pidfile,
		    strerror(errno));
		return 3;
	}
	if (fscanf(f, "%ld", &pid) != 1 || pid <= 1) {
		fclose(f);
		fprintf(stderr, "lapakctl: %s: no pid in it\n", pidfile);
		return 3;
	}
	fclose(f);
	if (kill((pid_t)pid, SIGHUP) == -1) {
		fprintf(stderr, "lapakctl: pid %ld: %s\n", pid, strerror(errno));
		return 3;
	}
	printf("reload sent to lapakd pid %ld (its log says whether it took)\n",
	    pid);
	return 0;
}

/* "2025-06-01 14:03 +0700" in local time. */
static const char *
fmt_time(int64_t t_s, char *buf, size_t len)
{
	time_t		t = (time_t)t_s;
	struct tm	tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M %z", &tm) == 0)
		snprintf(buf, len, "%lld", (long long)t_s);
	return buf;
}

/* Counts for a programme officer: a dated header, the period, then each
 * group once with its counts in words; keys prints "key value" lines for
 * scripts instead. days 0: all time. */
static int
cmd_stats(const struct conf *c, int64_t now_s, int days, bool keys)
{
	struct store	*st;
	struct stats_kv	 kv[STATS_MAX];
	const char	*group = NULL;
	char		 err[1024], t1[40], t2[40], val[40];
	int64_t		 since_s = days > 0 ? now_s - 86400 * (int64_t)days : 0;
	int64_t		 first_s = 0;
	int		 i, n;

	if (store_open(&st, c->store_path, c->store_durable, err, sizeof(err)) == -1) {
		fprintf(stderr, "lapakctl: %s\n", err);
		return 3;
	}
	if ((n = stats_collect(st, since_s, kv, STATS_MAX)) < 0) {
		fprintf(stderr, "lapakctl: stats: %s\n", store_errmsg(st));
		store_close(st);
		return 3;
	}
	store_close(st);
	if (keys) {
		for (i = 0; i < n; i++)
			printf("%s %lld\n", kv[i].key, (long long)kv[i].value);
		return 0;
	}
	for (i = 0; i < n; i++)
		if (strcmp(kv[i].key, "first_message_s") == 0)
			first_s = kv[i].value;
	printf("Lapak statistics, printed %s\n", fmt_time(now_s, t1, sizeof(t1)));
	printf("Store: %s\n", c->store_path);
	if (first_s > 0)
		printf("Totals cover all time: since the first message, %s.\n",
		    fmt_time(first_s, t1, sizeof(t1)));
	else
		printf("Totals cover all time: no message has come in yet.\n");
	if (days > 0)
		printf("Period: the last %d day%s, %s to %s.\n", days,
		    days == 1 ? "" : "s", fmt_time(since_s, t1, sizeof(t1)),
		    fmt_time(now_s, t2, sizeof(t2)));
	for (i = 0; i < n; i++) {
		if (kv[i].group == NULL)
			continue;
		if (group == NULL || strcmp(group, kv[i].group) != 0) {
			group = kv[i].group;
			if (strcmp(group, "In the period") == 0)
				printf("\nIn the period (last %d day%s)\n", days,
				    days == 1 ? "" : "s");
			else
				printf("\n%s\n", group);
		}
		if (kv[i].rupiah)
			act_rupiah(kv[i].value, val, sizeof(val));
		else
			snprintf(val, sizeof(val), "%lld",
			    (long long)kv[i].value);
		printf("  %-50s %12s\n", kv[i].label, val);
	}
	printf("\nsubmitted: the operator's SMS centre took the reply; "
	    "delivered: it reported\nthe reply reached the phone. "
	    "Orders are counted in the stage they are in now.\n");
	return 0;
}

/* DAYS for stats: a whole number 1 ... 36500, else -1. */
static int
parse_days(const char *s)
{
	char	*end;
	long	 v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 1 || v > 36500)
		return -1;
	return (int)v;
}

/* An operator lifts a seller's PIN lockout (five wrong PINs). */
static int
cmd_pin_unlock(const struct conf *c, const char *number)
{
	struct store	*st;
	char		 err[1024], e164[24];
	int		 rc = 0;

	if (phone_e164(number, c->country_code, false, e164, sizeof(e164)) != 0) {
		fprintf(stderr, "lapakctl: %s: not a phone number (0812..., "
		    "62812... or +62812...)\n", number);
		return 1;
	}
	if (store_open(&st, c->store_path, c->store_durable, err, sizeof(err)) == -1) {
		fprintf(stderr, "lapakctl: %s\n", err);
		return 3;
	}
	if (store_begin(st) != STORE_OK || commerce_pin_unlock(st, e164) == -1) {
		fprintf(stderr, "lapakctl: %s is not a registered seller\n", e164);
		store_rollback(st);
		rc = 1;
	} else if (store_commit(st) != STORE_OK) {
		fprintf(stderr, "lapakctl: %s\n", store_errmsg(st));
		rc = 3;
	} else
		printf("PIN unlocked for %s\n", e164);
	store_close(st);
	return rc;
}

int
main(int argc, char **argv)
{
	struct conf	*c;
	const char	*path = NULL, *pidopt = NULL;
	char		 err[8192];
	int		 ch, rc, n;
	bool		 keys = false;

	while ((ch = getopt(argc, argv, "c:kp:h")) != -1) {
		switch (ch) {
		case 'c': path = optarg; break;
		case 'k': keys = true; break;
		case 'p': pidopt = optarg; break;
		default: usage();
		}
	}
	if (path == NULL || optind >= argc ||
	    (strcmp(argv[optind], "check") != 0 &&
	    strcmp(argv[optind], "stats") != 0 &&
	    strcmp(argv[optind], "pin-unlock") != 0 && optind + 1 != argc))
		usage();
	c = xcalloc(1, sizeof(*c));
	if (conf_load(path, c, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\nlapakctl: %s: configuration invalid\n", err, path);
		free(c);
		return 1;
	}
	if (strcmp(argv[optind], "check") == 0) {
		n = check_menus(c, argv + optind + 1, argc - optind - 1);
		fflush(stdout);
		if (n > 0) {
			fprintf(stderr, "lapakctl: %d problem%s found\n", n,
			    n == 1 ? "" : "s");
			rc = 1;
		} else {
			printf("%s: ok\n", path);
			rc = 0;
		}
	} else if (strcmp(argv[optind], "reload") == 0) {
		if ((n = check_menus(c, NULL, 0)) > 0) {
			fprintf(stderr, "lapakctl: %d problem%s found: not "
			    "reloading\n", n, n == 1 ? "" : "s");
			rc = 1;
		} else
			rc = cmd_reload(c, pidopt);
	} else if (strcmp(argv[optind], "stats") == 0) {
		int	days = 0;

		if (optind + 2 == argc) {
			if ((days = parse_days(argv[optind + 1])) < 0) {
				fprintf(stderr, "lapakctl: stats: %s: DAYS must "
				    "be a whole number of days, 1 to 36500\n",
				    argv[optind + 1]);
				free(c);
				usage();
			}
		} else if (optind + 1 != argc) {
			free(c);
			usage();
		}
		rc = cmd_stats(c, (int64_t)time(NULL), days, keys);
	} else if (strcmp(argv[optind], "pin-unlock") == 0) {
		if (optind + 2 != argc)
			usage();
		rc = cmd_pin_unlock(c, argv[optind + 1]);
	} else {
		free(c);
		usage();
	}
	free(c);
	return rc;
}
