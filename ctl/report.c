/* lapakctl report: programme figures (programme.md section 3) by place,
 * assistant, courier, day or month, as a table, CSV or JSON. The figures come from
 * store/report.h, the one query layer; this file only reads the options and
 * prints. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctl/ctl.h"
#include "store/report.h"
#include "store/store.h"

enum fmt { FMT_TABLE, FMT_CSV, FMT_JSON };

#define NAME_W	24		/* the table's name column */

/* A CSV field: quoted when it holds a separator, a quote or a line break;
 * one starting like a formula gets a leading quote so no spreadsheet
 * runs it. */
static void
csv_field(const char *s)
{
	const char	*p;
	bool		 formula = s[0] != '\0' && strchr("=+-@", s[0]) != NULL;

	if (strpbrk(s, ",\"\r\n") == NULL && !formula) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	if (formula)
		putchar('\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			putchar('"');
		putchar(*p);
	}
	putchar('"');
}

static void
json_string(const char *s)
{
	const unsigned char	*p;

	putchar('"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

static const char *
col_text(const struct report_row *r, const struct report_col *c)
{
	return (const char *)r + c->off;
}

static void
print_csv(const struct report_row *rows, size_t n,
    const struct report_col *cols, size_t ncols)
{
	size_t	i, j;

	for (j = 0; j < ncols; j++)
		printf("%s%s", j ? "," : "", cols[j].name);
	putchar('\n');
	for (i = 0; i < n; i++) {
		for (j = 0; j < ncols; j++) {
			if (j)
				putchar(',');
			if (cols[j].text)
				csv_field(col_text(&rows[i], &cols[j]));
			else
				printf("%" PRId64, report_value(&rows[i],
				    &cols[j]));
		}
		putchar('\n');
	}
}

static void
print_json(const struct report_row *rows, size_t n,
    const struct report_col *cols, size_t ncols)
{
	size_t	i, j;

	putchar('[');
	for (i = 0; i < n; i++) {
		printf("%s\n  {", i ? "," : "");
		for (j = 0; j < ncols; j++) {
			printf("%s\"%s\": ", j ? ", " : "", cols[j].name);
			if (cols[j].text)
				json_string(col_text(&rows[i], &cols[j]));
			else
				printf("%" PRId64, report_value(&rows[i],
				    &cols[j]));
		}
		putchar('}');
	}
	printf("%s]\n", n ? "\n" : "");
}

static void
print_table(const struct report_row *rows, size_t n,
    const struct report_col *cols, size_t ncols, const char *title)
{
	size_t	i, j, w[32];
	char	b[32];

	for (j = 0; j < ncols && j < 32; j++) {
		w[j] = strlen(cols[j].name);
		for (i = 0; i < n; i++) {
			size_t	l;

			if (cols[j].text)
				l = strlen(col_text(&rows[i], &cols[j]));
			else
				l = (size_t)snprintf(b, sizeof(b), "%" PRId64,
				    report_value(&rows[i], &cols[j]));
			if (l > w[j])
				w[j] = l;
		}
		if (j == 1 && w[j] > NAME_W)
			w[j] = NAME_W;
	}
	printf("%s\n\n", title);
	for (j = 0; j < ncols && j < 32; j++)
		printf("%s%-*s", j ? "  " : "", (int)w[j], cols[j].name);
	putchar('\n');
	for (i = 0; i < n; i++) {
		for (j = 0; j < ncols && j < 32; j++) {
			if (cols[j].text)
				printf("%s%-*.*s", j ? "  " : "", (int)w[j],
				    (int)w[j], col_text(&rows[i], &cols[j]));
			else
				printf("  %*" PRId64, (int)w[j],
				    report_value(&rows[i], &cols[j]));
		}
		putchar('\n');
	}
}

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
	const struct report_col	*cols;
	struct store		*st = NULL;
	const char		*from = NULL, *to = NULL;
	enum fmt		 fmt = FMT_TABLE;
	char			 err[1024], title[256], d1[16], d2[16];
	size_t			 n = 0, ncols;
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
	if (from != NULL && report_day_start(from, &rq.from_s) == -1) {
		fprintf(stderr, "lapakctl: report: --from %s: not a date "
		    "YYYY-MM-DD\n", from);
		return 1;
	}
	if (to != NULL && report_day_start(to, &last_s) == -1) {
		fprintf(stderr, "lapakctl: report: --to %s: not a date "
		    "YYYY-MM-DD\n", to);
		return 1;
	}
	if (to == NULL) {
		day_text((int64_t)time(NULL), d2, sizeof(d2));
		if (report_day_start(d2, &last_s) == -1) {
			fprintf(stderr, "lapakctl: report: the clock is "
			    "before 1970\n");
			return 3;
		}
	}
	if (from == NULL)
		rq.from_s = report_month_start(to != NULL ? last_s :
		    (int64_t)time(NULL));
	rq.to_s = report_day_add(last_s, 1);
	if (rq.from_s >= rq.to_s) {
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
	cols = report_columns(rq.by, &ncols);
	day_text(rq.from_s, d1, sizeof(d1));
	day_text(last_s, d2, sizeof(d2));
	snprintf(title, sizeof(title), "Lapak report by %s, %s to %s%s%s "
	    "(times in %s)", report_by_name(rq.by), d1, d2,
	    rq.place[0] ? ", place " : "", rq.place,
	    x->conf->time_zone[0] ? x->conf->time_zone : "local time");
	if (fmt == FMT_CSV)
		print_csv(rows, n, cols, ncols);
	else if (fmt == FMT_JSON)
		print_json(rows, n, cols, ncols);
	else
		print_table(rows, n, cols, ncols, title);
	free(rows);
	return 0;
}
