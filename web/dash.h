/* The officers' dashboard of lapak-web (issue 14) as render functions: the
 * overview with charts, the report table and its CSV, the assistants'
 * table, the marketplace export download, the login form and the 403 page.
 * Plain inputs in (a store reader, the officer's place, the request's
 * parameters already parsed), bytes out; no HTTP library here. Every figure
 * comes from report_query (store/report.h), every CSV byte from
 * store/report_fmt.h, every text of the store through wbuf_html. */
#ifndef LAPAK_WEB_DASH_H
#define LAPAK_WEB_DASH_H
#include <stdbool.h>
#include <stdint.h>

#include "store/report.h"
#include "store/store.h"
#include "web/buf.h"

/* Who asks and with what. All borrowed. */
struct dash_ctx {
	struct store	*st;		/* a reader: store_open_reader */
	const char	*place;		/* the officer's place code; "" all */
	const char	*user;		/* the officer's name, shown */
	const char	*csrf;		/* embedded in the logout form */
	const char	*title;		/* web.title; NULL "Lapak" */
	const char	*categories;	/* export.categories file; NULL none */
	bool		 en;		/* English (else Indonesian) */
	int64_t		 now_s;		/* the clock (tests fix it) */
};

/* The request's query parameters, decoded; NULL when absent. */
struct dash_params {
	const char	*by;		/* village district regency agent day
					 * month */
	const char	*from;		/* YYYY-MM-DD */
	const char	*to;		/* YYYY-MM-DD, included */
	const char	*place;		/* a place code: the officer's or below */
	const char	*span;		/* overview: "month" (12) or "day" (30) */
	const char	*format;	/* export: csv tokopedia shopee
					 * bukalapak */
};

/* An answer: the HTTP status is the function's return value. */
struct dash_resp {
	struct wbuf	 body;		/* the caller wbuf_free()s it */
	const char	*ctype;		/* Content-Type */
	char		 filename[64];	/* Content-Disposition: attachment;
					 * "" = inline */
};

#define DASH_OK		200
#define DASH_BAD	400		/* body: the page with .error */
#define DASH_FORBIDDEN	403		/* body: the 403 page */
#define DASH_ERROR	500		/* store error; body says so */

/* place is officer or under it ("33.20" holds "33.20.05.2004"); an
 * officer of "" holds every place. */
bool	dash_place_within(const char *officer, const char *place);

/*
 * The report request of p for c: by (default village), the period as
 * lapakctl report reads --from and --to (store/report_fmt.h
 * report_period), the place (default the officer's). DASH_OK, DASH_BAD
 * with err a sentence for the officer in c's language (bad grouping, date,
 * order, place code, a period over 3660 days or by day over 366), or
 * DASH_FORBIDDEN when the place is not within the officer's. *last_s gets
 * the last day's midnight.
 */
int	dash_report_req(const struct dash_ctx *c, const struct dash_params *p,
	    struct report_req *rq, int64_t *last_s, char *err, size_t errlen);

/* GET /dash: the officer's place over the last 12 months (span "month",
 * the default) or 30 days (span "day"): charts of sellers_new,
 * products_listed, orders_completed and value_completed_rp, the totals,
 * and links (a#csv the same report as CSV, a#export the CSV export). */
int	dash_overview(struct dash_resp *r, const struct dash_ctx *c,
	    const struct dash_params *p);
/* GET /dash/report: the form (GET) and the table of report_columns(by);
 * a#csv the CSV of the same request. */
int	dash_report(struct dash_resp *r, const struct dash_ctx *c,
	    const struct dash_params *p);
/* GET /dash/report.csv: report_write_csv of the same request, so the bytes
 * equal lapakctl report --format csv with the same options (--place the
 * officer's when p has none). */
int	dash_report_csv(struct dash_resp *r, const struct dash_ctx *c,
	    const struct dash_params *p);
/* GET /dash/agents: the report by assistant (numbers masked as the report
 * masks them): sellers_linked, via_agent, flagged and the figures. */
int	dash_agents(struct dash_resp *r, const struct dash_ctx *c,
	    const struct dash_params *p);
/* GET /dash/export: the marketplace export (programme.md section 3) of the
 * officer's place (or p->place within it) in p->format (default csv), the
 * bytes lapakctl export --place writes. */
int	dash_export(struct dash_resp *r, const struct dash_ctx *c,
	    const struct dash_params *p);

/* GET/POST /login: form#login (user, password, the csrf hidden field);
 * error (NULL: none) is shown escaped as the .error message, e.g. what
 * auth_message() says of a wrong password or of the login limit; user
 * (may be NULL) refills its field. */
void	dash_login(struct dash_resp *r, bool en, const char *csrf,
	    const char *user, const char *error);
/* The 403 page: another place's data is refused, not hidden. */
void	dash_forbidden(struct dash_resp *r, bool en);

#endif
