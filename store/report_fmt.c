/* Programme reports as text: the table, CSV and JSON writers lapakctl
 * report and lapak-web's CSV download share, and the period of a report
 * from its dates. The figures come from report_query; nothing here counts. */
#include "store/report_fmt.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/xalloc.h"

#define NAME_W	24		/* the table's name column */
#define COLS_MAX 32		/* the table's widest grouping */

static void
file_put(void *arg, const char *s, size_t n)
{
	(void)fwrite(s, 1, n, (FILE *)arg);
}

struct report_sink
report_sink_file(FILE *f)
{
	struct report_sink	k = { file_put, f };

	return k;
}

static void
put(const struct report_sink *k, const char *s, size_t n)
{
	k->put(k->arg, s, n);
}

static void
puts_(const struct report_sink *k, const char *s)
{
	k->put(k->arg, s, strlen(s));
}

static void
putc_(const struct report_sink *k, char c)
{
	k->put(k->arg, &c, 1);
}

static void __attribute__((format(printf, 2, 3)))
printf_(const struct report_sink *k, const char *fmt, ...)
{
	char	 small[256], *big;
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		put(k, small, (size_t)n);
		return;
	}
	big = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	(void)vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	put(k, big, (size_t)n);
	free(big);
}

static const char *
col_text(const struct report_row *r, const struct report_col *c)
{
	return (const char *)r + c->off;
}

/* A CSV field: quoted when it holds a separator, a quote or a line break;
 * one starting like a formula gets a leading apostrophe (inside quotes) so
 * no spreadsheet runs it. */
static void
csv_field(const struct report_sink *k, const char *s)
{
	const char	*p, *run;
	bool		 formula = s[0] != '\0' && strchr("=+-@", s[0]) != NULL;

	if (strpbrk(s, ",\"\r\n") == NULL && !formula) {
		puts_(k, s);
		return;
	}
	putc_(k, '"');
	if (formula)
		putc_(k, '\'');
	for (run = p = s; *p != '\0'; p++)
		if (*p == '"') {
			put(k, run, (size_t)(p - run + 1));
			run = p;	/* the quote again: doubled */
		}
	puts_(k, run);
	putc_(k, '"');
}

void
report_write_csv(const struct report_sink *k, enum report_by by,
    const struct report_row *rows, size_t n)
{
	const struct report_col	*cols;
	size_t			 i, j, ncols;

	cols = report_columns(by, &ncols);
	for (j = 0; j < ncols; j++)
		printf_(k, "%s%s", j ? "," : "", cols[j].name);
	putc_(k, '\n');
	for (i = 0; i < n; i++) {
		for (j = 0; j < ncols; j++) {
			if (j)
				putc_(k, ',');
			if (cols[j].text)
				csv_field(k, col_text(&rows[i], &cols[j]));
			else
				printf_(k, "%" PRId64, report_value(&rows[i],
				    &cols[j]));
		}
		putc_(k, '\n');
	}
}

static void
json_string(const struct report_sink *k, const char *s)
{
	const unsigned char	*p;

	putc_(k, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			printf_(k, "\\%c", *p);
		else if (*p < 0x20)
			printf_(k, "\\u%04x", *p);
		else
			putc_(k, (char)*p);
	}
	putc_(k, '"');
}

void
report_write_json(const struct report_sink *k, enum report_by by,
    const struct report_row *rows, size_t n)
{
	const struct report_col	*cols;
	size_t			 i, j, ncols;

	cols = report_columns(by, &ncols);
	putc_(k, '[');
	for (i = 0; i < n; i++) {
		printf_(k, "%s\n  {", i ? "," : "");
		for (j = 0; j < ncols; j++) {
			printf_(k, "%s\"%s\": ", j ? ", " : "", cols[j].name);
			if (cols[j].text)
				json_string(k, col_text(&rows[i], &cols[j]));
			else
				printf_(k, "%" PRId64, report_value(&rows[i],
				    &cols[j]));
		}
		putc_(k, '}');
	}
	printf_(k, "%s]\n", n ? "\n" : "");
}

void
report_write_table(const struct report_sink *k, enum report_by by,
    const struct report_row *rows, size_t n, const char *title)
{
	const struct report_col	*cols;
	size_t			 i, j, ncols, w[COLS_MAX];
	char			 b[32];

	cols = report_columns(by, &ncols);
	for (j = 0; j < ncols && j < COLS_MAX; j++) {
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
	printf_(k, "%s\n\n", title);
	for (j = 0; j < ncols && j < COLS_MAX; j++)
		printf_(k, "%s%-*s", j ? "  " : "", (int)w[j], cols[j].name);
	putc_(k, '\n');
	for (i = 0; i < n; i++) {
		for (j = 0; j < ncols && j < COLS_MAX; j++) {
			if (cols[j].text)
				printf_(k, "%s%-*.*s", j ? "  " : "",
				    (int)w[j], (int)w[j],
				    col_text(&rows[i], &cols[j]));
			else
				printf_(k, "  %*" PRId64, (int)w[j],
				    report_value(&rows[i], &cols[j]));
		}
		putc_(k, '\n');
	}
}

enum report_period_rc
report_period(const char *from, const char *to, int64_t now_s,
    struct report_req *rq, int64_t *last_s)
{
	char		d[16];
	time_t		t = (time_t)now_s;
	struct tm	tm;

	if (from != NULL && report_day_start(from, &rq->from_s) == -1)
		return REPORT_PERIOD_BAD_FROM;
	if (to != NULL && report_day_start(to, last_s) == -1)
		return REPORT_PERIOD_BAD_TO;
	if (to == NULL) {
		localtime_r(&t, &tm);
		strftime(d, sizeof(d), "%Y-%m-%d", &tm);
		if (report_day_start(d, last_s) == -1)
			return REPORT_PERIOD_CLOCK;
	}
	if (from == NULL)
		rq->from_s = report_month_start(to != NULL ? *last_s : now_s);
	rq->to_s = report_day_add(*last_s, 1);
	if (rq->from_s >= rq->to_s)
		return REPORT_PERIOD_ORDER;
	return REPORT_PERIOD_OK;
}
