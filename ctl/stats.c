/* lapakctl stats: counts for programme staff in words, or key value lines
 * for scripts. */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/action.h"
#include "ctl/ctl.h"
#include "store/stats.h"
#include "store/store.h"

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
	printf("Lapak statistics, printed %s\n", ctl_time(now_s, t1, sizeof(t1)));
	printf("Store: %s\n", c->store_path);
	if (first_s > 0)
		printf("Totals cover all time: since the first message, %s.\n",
		    ctl_time(first_s, t1, sizeof(t1)));
	else
		printf("Totals cover all time: no message has come in yet.\n");
	if (days > 0)
		printf("Period: the last %d day%s, %s to %s.\n", days,
		    days == 1 ? "" : "s", ctl_time(since_s, t1, sizeof(t1)),
		    ctl_time(now_s, t2, sizeof(t2)));
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

int
ctl_stats(const struct ctl *x, int argc, char **argv)
{
	bool	keys = x->keys;
	int	days = 0, ch;

	optind = 1;
	while ((ch = getopt(argc, argv, "k")) != -1) {
		if (ch != 'k')
			return 2;
		keys = true;
	}
	if (optind + 1 == argc) {
		if ((days = parse_days(argv[optind])) < 0) {
			fprintf(stderr, "lapakctl: stats: %s: DAYS must be a "
			    "whole number of days, 1 to 36500\n", argv[optind]);
			return 2;
		}
	} else if (optind != argc)
		return 2;
	return cmd_stats(x->conf, (int64_t)time(NULL), days, keys);
}
