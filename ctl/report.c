/* lapakctl report: programme figures (programme.md section 3) by place,
 * assistant, courier, day or month, as a table, CSV or JSON. The figures come from
 * store/report.h, the one query layer, and are written by store/report_fmt.h
 * (shared with lapak-web); this file only reads the options. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctl/ctl.h"
#include "store/report.h"
#include "store/report_fmt.h"
#include "store/store.h"

enum fmt { FMT_TABLE, FMT_CSV, FMT_JSON };

static void
day_text(int64_t t_s, char *buf, size_t len)
{
	time_t		t = (time_t)t_s;
	struct tm	tm;

	localtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d", &tm);
}

int
ctl_report(const struct ctl *x, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "place", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	struct report_req	 rq;
	struct report_row	*rows = NULL;
	struct report_sink	 out;
	struct store		*st = NULL;
	const char		*from = NULL, *to = NULL;
	enum fmt		 fmt = FMT_TABLE;
	char			 err[1024], title[256], d1[16], d2[16];
	size_t			 n = 0;
	int64_t			 last_s;
	int			 ch, by, rc;

	memset(&rq, 0, sizeof(rq));
	rq.by = REPORT_BY_VILLAGE;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			if ((by = report_by_parse(optarg)) < 0) {
				fprintf(stderr, "lapakctl: report: --by %s: "
				    "use village, district, regency, agent, "
				    "courier, day or month\n", optarg);
				return 2;
			}
			rq.by = (enum report_by)by;
			break;
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'p':
			if (strlen(optarg) >= sizeof(rq.place) ||
			    optarg[0] == '\0') {
				fprintf(stderr, "lapakctl: report: --place %s: "
				    "not a place code (e.g. 33.20.05)\n",
				    optarg);
				return 1;
			}
			snprintf(rq.place, sizeof(rq.place), "%s", optarg);
			break;
		case 'F':
			if (strcmp(optarg, "table") == 0)
				fmt = FMT_TABLE;
			else if (strcmp(optarg, "csv") == 0)
				fmt = FMT_CSV;
			else if (strcmp(optarg, "json") == 0)
				fmt = FMT_JSON;
			else {
				fprintf(stderr, "lapakctl: report: --format "
				    "%s: use table, csv or json\n", optarg);
				return 2;
			}
			break;
		default:
			return 2;
		}
	}
	if (optind != argc)
		return 2;

	/* The period: local days, --to included; default this month. */
	switch (report_period(from, to, (int64_t)time(NULL), &rq, &last_s)) {
	case REPORT_PERIOD_OK:
		break;
	case REPORT_PERIOD_BAD_FROM:
		fprintf(stderr, "lapakctl: report: --from %s: not a date "
		    "YYYY-MM-DD\n", from);
		return 1;
	case REPORT_PERIOD_BAD_TO:
		fprintf(stderr, "lapakctl: report: --to %s: not a date "
		    "YYYY-MM-DD\n", to);
		return 1;
	case REPORT_PERIOD_CLOCK:
		fprintf(stderr, "lapakctl: report: the clock is "
		    "before 1970\n");
		return 3;
	case REPORT_PERIOD_ORDER:
		fprintf(stderr, "lapakctl: report: --from is after --to\n");
		return 1;
	}

	if (store_open_reader(&st, x->conf->store_path, err, sizeof(err)) ==
	    -1) {
		fprintf(stderr, "lapakctl: report: %s\n", err);
		return 3;
	}
	rc = report_query(st, &rq, &rows, &n, err, sizeof(err));
	store_close(st);
	if (rc != 0) {
		fprintf(stderr, "lapakctl: report: %s\n", err);
		return rc == 1 ? 1 : 3;
	}
	day_text(rq.from_s, d1, sizeof(d1));
	day_text(last_s, d2, sizeof(d2));
	snprintf(title, sizeof(title), "Lapak report by %s, %s to %s%s%s "
	    "(times in %s)", report_by_name(rq.by), d1, d2,
	    rq.place[0] ? ", place " : "", rq.place,
	    x->conf->time_zone[0] ? x->conf->time_zone : "local time");
	out = report_sink_file(stdout);
	if (fmt == FMT_CSV)
		report_write_csv(&out, rq.by, rows, n);
	else if (fmt == FMT_JSON)
		report_write_json(&out, rq.by, rows, n);
	else
		report_write_table(&out, rq.by, rows, n, title);
	free(rows);
	return 0;
}
