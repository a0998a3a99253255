/* The one writer of programme reports as text (lapakctl report's table,
 * CSV and JSON; lapak-web's CSV download), into a byte sink, and the one
 * reading of a report's period from its dates, so both programs give the
 * same bytes for the same request. */
#ifndef LAPAK_STORE_REPORT_FMT_H
#define LAPAK_STORE_REPORT_FMT_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "store/report.h"

/* Where the writers put their bytes: put(arg, s, n) appends n bytes. */
struct report_sink {
	void	(*put)(void *arg, const char *s, size_t n);
	void	*arg;
};

/* A sink writing to f (stdio; check ferror(f) after). */
struct report_sink report_sink_file(FILE *f);

/*
 * CSV: a header of report_columns(by), then a line per row, LF line ends.
 * A text cell is quoted (quotes doubled) when it holds a comma, a quote,
 * CR or LF; a text cell starting with '=', '+', '-' or '@' is quoted with
 * an apostrophe in front, so no spreadsheet reads it as a formula.
 * Numbers are plain digits.
 */
void	report_write_csv(const struct report_sink *k, enum report_by by,
	    const struct report_row *rows, size_t n);
/* JSON: an array of objects, a member per column, numbers as numbers. */
void	report_write_json(const struct report_sink *k, enum report_by by,
	    const struct report_row *rows, size_t n);
/* The aligned text table under title (lapakctl report's default). */
void	report_write_table(const struct report_sink *k, enum report_by by,
	    const struct report_row *rows, size_t n, const char *title);

/* What report_period found wrong. */
enum report_period_rc {
	REPORT_PERIOD_OK = 0,
	REPORT_PERIOD_BAD_FROM,		/* from is not a date YYYY-MM-DD */
	REPORT_PERIOD_BAD_TO,		/* to is not */
	REPORT_PERIOD_CLOCK,		/* now_s is before 1970 */
	REPORT_PERIOD_ORDER		/* from is after to */
};

/*
 * The period of a report from its dates (local days, TZ; to included):
 * from NULL = the first day of to's month (of now_s's when to is NULL
 * too); to NULL = now_s's day. Sets rq->from_s, rq->to_s (the midnight
 * after to) and *last_s (to's midnight).
 */
enum report_period_rc report_period(const char *from, const char *to,
	    int64_t now_s, struct report_req *rq, int64_t *last_s);

#endif
