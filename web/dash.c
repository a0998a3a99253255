/* The officers' dashboard pages (web/dash.h): overview with charts, the
 * report table and its CSV, the assistants' table, login and 403. Figures
 * from report_query only; CSV from report_write_csv only. */
#include "web/dash.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commerce/place.h"
#include "store/catalogue.h"
#include "store/report_fmt.h"
#include "web/svg.h"

#define CT_HTML		"text/html; charset=utf-8"
#define CT_CSV		"text/csv; charset=utf-8"
#define SPAN_MAX_DAYS	3660	/* any report: ten years */
#define DAY_MAX_DAYS	366	/* by day: a year of rows */

/* The dashboard's words, Indonesian and English. */
enum s_id {
	S_DASH, S_OVERVIEW, S_REPORT, S_AGENTS, S_LOGOUT, S_LANG,
	S_MONTHS12, S_DAYS30, S_TOTALS, S_FIGURE, S_VALUE, S_PLACE,
	S_PERIOD, S_CSV, S_EXPORT, S_EXPORT_OTHER, S_BY, S_FROM, S_TO,
	S_SHOW, S_NO_DATA, S_LOGIN, S_USER, S_PASSWORD, S_LOGIN_BTN,
	S_FORBIDDEN, S_FORBIDDEN_TEXT, S_BACK, S_STORE_ERR,
	S_ALL, S_UNPLACED, S_TOTAL, S_AGENTS_NOTE, S_LOGGED_AS,
	S_BAD_BY, S_BAD_FROM, S_BAD_TO, S_BAD_ORDER, S_BAD_PLACE,
	S_BAD_LONG, S_BAD_DAYS, S_BAD_SPAN, S_BAD_FORMAT,
	S__N
};

static const char *const words[S__N][2] = {
	[S_DASH] = { "Dasbor", "Dashboard" },
	[S_OVERVIEW] = { "Ringkasan", "Overview" },
	[S_REPORT] = { "Laporan", "Report" },
	[S_AGENTS] = { "Pendamping", "Assistants" },
	[S_LOGOUT] = { "Keluar", "Log out" },
	[S_LANG] = { "English", "Bahasa Indonesia" },
	[S_MONTHS12] = { "12 bulan terakhir", "Last 12 months" },
	[S_DAYS30] = { "30 hari terakhir", "Last 30 days" },
	[S_TOTALS] = { "Jumlah", "Totals" },
	[S_FIGURE] = { "Angka", "Figure" },
	[S_VALUE] = { "Nilai", "Value" },
	[S_PLACE] = { "Wilayah", "Place" },
	[S_PERIOD] = { "Periode", "Period" },
	[S_CSV] = { "Unduh CSV", "Download CSV" },
	[S_EXPORT] = { "Ekspor produk (CSV)", "Product export (CSV)" },
	[S_EXPORT_OTHER] = { "Ekspor untuk marketplace",
	    "Export for marketplaces" },
	[S_BY] = { "Menurut", "By" },
	[S_FROM] = { "Dari", "From" },
	[S_TO] = { "Sampai", "To" },
	[S_SHOW] = { "Tampilkan", "Show" },
	[S_NO_DATA] = { "Belum ada data", "No data yet" },
	[S_LOGIN] = { "Masuk petugas", "Officer login" },
	[S_USER] = { "Nama pengguna", "User name" },
	[S_PASSWORD] = { "Kata sandi", "Password" },
	[S_LOGIN_BTN] = { "Masuk", "Log in" },
	[S_FORBIDDEN] = { "Akses ditolak", "Access refused" },
	[S_FORBIDDEN_TEXT] = { "Data wilayah ini bukan untuk akun Anda.",
	    "This place's data is not for your account." },
	[S_BACK] = { "Kembali ke dasbor", "Back to the dashboard" },
	[S_STORE_ERR] = { "Data tidak dapat dibaca sekarang; coba lagi.",
	    "The data cannot be read now; try again." },
	[S_ALL] = { "semua", "all" },
	[S_UNPLACED] = { "tanpa desa", "no village" },
	[S_TOTAL] = { "jumlah", "total" },
	[S_AGENTS_NOTE] = { "Nomor pendamping disamarkan.",
	    "Assistants' numbers are masked." },
	[S_LOGGED_AS] = { "Masuk sebagai", "Logged in as" },
	[S_BAD_BY] = { "by=%s: pilih village, district, regency, agent, "
	    "day atau month.", "by=%s: use village, district, regency, "
	    "agent, day or month." },
	[S_BAD_FROM] = { "from=%s: bukan tanggal TTTT-BB-HH.",
	    "from=%s: not a date YYYY-MM-DD." },
	[S_BAD_TO] = { "to=%s: bukan tanggal TTTT-BB-HH.",
	    "to=%s: not a date YYYY-MM-DD." },
	[S_BAD_ORDER] = { "Tanggal dari sesudah tanggal sampai.",
	    "The from date is after the to date." },
	[S_BAD_PLACE] = { "place=%s: bukan kode wilayah (mis. 33.20.05).",
	    "place=%s: not a place code (e.g. 33.20.05)." },
	[S_BAD_LONG] = { "Periode lebih dari 3660 hari.",
	    "The period is longer than 3660 days." },
	[S_BAD_DAYS] = { "Laporan per hari paling lama 366 hari.",
	    "A report by day covers at most 366 days." },
	[S_BAD_SPAN] = { "span=%s: pilih month atau day.",
	    "span=%s: use month or day." },
	[S_BAD_FORMAT] = { "format=%s: pilih csv, tokopedia, shopee atau "
	    "bukalapak.", "format=%s: use csv, tokopedia, shopee or "
	    "bukalapak." },
};

/* Column labels beside the column names of report_columns. */
static const struct {
	const char	*col;
	const char	*w[2];
} col_words[] = {
	{ "sellers_new", { "Penjual baru", "New sellers" } },
	{ "sellers_total", { "Penjual terdaftar", "Sellers registered" } },
	{ "sellers_active", { "Penjual aktif", "Active sellers" } },
	{ "products_listed", { "Produk didaftarkan", "Products listed" } },
	{ "updates", { "Pembaruan", "Updates" } },
	{ "orders_created", { "Pesanan dibuat", "Orders created" } },
	{ "orders_completed", { "Pesanan selesai", "Orders completed" } },
	{ "orders_cancelled", { "Pesanan batal", "Orders cancelled" } },
	{ "orders_rejected", { "Pesanan ditolak", "Orders rejected" } },
	{ "orders_expired", { "Pesanan kedaluwarsa", "Orders expired" } },
	{ "orders_returned", { "Pesanan dikembalikan", "Orders returned" } },
	{ "value_completed_rp", { "Nilai pesanan selesai (Rp)",
	    "Value of completed orders (Rp)" } },
	{ "paid_rp", { "Dibayar non-tunai (Rp)", "Paid, not cash (Rp)" } },
	{ "cod_rp", { "Tunai (Rp)", "Cash (Rp)" } },
	{ "sellers_linked", { "Penjual dampingan", "Sellers linked" } },
	{ "via_agent", { "Lewat pendamping", "Via assistant" } },
	{ "flagged", { "Ditandai", "Flagged" } },
	{ "group", { "Kode", "Code" } },
	{ "name", { "Nama", "Name" } },
};

/* The groupings the dashboard offers (the web contract's list). */
static const enum report_by web_bys[] = {
	REPORT_BY_VILLAGE, REPORT_BY_DISTRICT, REPORT_BY_REGENCY,
	REPORT_BY_AGENT, REPORT_BY_DAY, REPORT_BY_MONTH,
};

static const char *
W(const struct dash_ctx *c, enum s_id id)
{
	return words[id][c->en ? 1 : 0];
}

static const char *
col_label(const char *col, bool en)
{
	size_t	i;

	for (i = 0; i < sizeof(col_words) / sizeof(col_words[0]); i++)
		if (strcmp(col_words[i].col, col) == 0)
			return col_words[i].w[en ? 1 : 0];
	return col;
}

static void
num(struct wbuf *b, int64_t v, bool en)
{
	char	t[40];

	wbuf_puts(b, svg_num(t, sizeof(t), v, en));
}

/* "?lang=en" or "&lang=en" to keep English in a link, "" in Indonesian. */
static const char *
lang_q(const struct dash_ctx *c, bool first)
{
	if (!c->en)
		return "";
	return first ? "?lang=en" : "&amp;lang=en";
}

bool
dash_place_within(const char *officer, const char *place)
{
	size_t	n = strlen(officer);

	if (n == 0)
		return true;
	return strncmp(place, officer, n) == 0 &&
	    (place[n] == '\0' || place[n] == '.');
}

/* A parameter shown back in an error message: at most 40 bytes (the
 * message is escaped when written). */
static void
errf(char *err, size_t errlen, const char *fmt, const char *arg)
{
	char	a[41];

	snprintf(a, sizeof(a), "%s", arg != NULL ? arg : "");
	snprintf(err, errlen, fmt, a);
}

int
dash_report_req(const struct dash_ctx *c, const struct dash_params *p,
    struct report_req *rq, int64_t *last_s, char *err, size_t errlen)
{
	size_t	i;
	int	by = REPORT_BY_VILLAGE;
	int64_t	days;

	memset(rq, 0, sizeof(*rq));
	if (p->by != NULL) {
		by = report_by_parse(p->by);
		for (i = 0; by >= 0 && i < sizeof(web_bys) / sizeof(web_bys[0]);
		    i++)
			if (web_bys[i] == (enum report_by)by)
				break;
		if (by < 0 || i == sizeof(web_bys) / sizeof(web_bys[0])) {
			errf(err, errlen, W(c, S_BAD_BY), p->by);
			return DASH_BAD;
		}
	}
	rq->by = (enum report_by)by;
	switch (report_period(p->from, p->to, c->now_s, rq, last_s)) {
	case REPORT_PERIOD_OK:
		break;
	case REPORT_PERIOD_BAD_FROM:
		errf(err, errlen, W(c, S_BAD_FROM), p->from);
		return DASH_BAD;
	case REPORT_PERIOD_BAD_TO:
		errf(err, errlen, W(c, S_BAD_TO), p->to);
		return DASH_BAD;
	case REPORT_PERIOD_CLOCK:
		snprintf(err, errlen, "%s", W(c, S_STORE_ERR));
		return DASH_ERROR;
	case REPORT_PERIOD_ORDER:
		snprintf(err, errlen, "%s", W(c, S_BAD_ORDER));
		return DASH_BAD;
	}
	days = (rq->to_s - rq->from_s) / 86400;
	if (days > SPAN_MAX_DAYS) {
		snprintf(err, errlen, "%s", W(c, S_BAD_LONG));
		return DASH_BAD;
	}
	if (rq->by == REPORT_BY_DAY && days > DAY_MAX_DAYS) {
		snprintf(err, errlen, "%s", W(c, S_BAD_DAYS));
		return DASH_BAD;
	}
	if (p->place != NULL && p->place[0] != '\0') {
		if (strlen(p->place) >= sizeof(rq->place) ||
		    !commerce_place_code_any(p->place)) {
			errf(err, errlen, W(c, S_BAD_PLACE), p->place);
			return DASH_BAD;
		}
		if (!dash_place_within(c->place, p->place))
			return DASH_FORBIDDEN;
		snprintf(rq->place, sizeof(rq->place), "%s", p->place);
	} else
		snprintf(rq->place, sizeof(rq->place), "%s", c->place);
	return DASH_OK;
}

/* ---- page parts ---- */

/* A place as officers read it: "Jakenan (33.18.09)", or the code alone
 * when the places table does not name it. */
static void
place_label(struct wbuf *b, const struct dash_ctx *c, const char *code)
{
	struct cat_place	pl;

	if (c->st != NULL && catalogue_place(c->st, code, &pl) == STORE_OK &&
	    pl.name[0] != '\0') {
		wbuf_html(b, pl.name);
		wbuf_puts(b, " (");
		wbuf_html(b, code);
		wbuf_puts(b, ")");
	} else
		wbuf_html(b, code);
}

static void
page_open(struct wbuf *b, const struct dash_ctx *c, bool en,
    const char *heading, const char *path, bool nav)
{
	const char	*title = c != NULL && c->title != NULL ? c->title :
	    "Lapak";

	wbuf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>",
	    en ? "en" : "id");
	wbuf_html(b, heading);
	wbuf_puts(b, " - ");
	wbuf_html(b, title);
	wbuf_puts(b, "</title>\n<style>"
	    "body{font-family:sans-serif;margin:0 auto;max-width:60em;"
	    "padding:0 .75em;color:#222}"
	    "nav a,nav form{display:inline-block;margin-right:1em}"
	    "table{border-collapse:collapse}"
	    "th,td{border-bottom:1px solid #ddd;padding:.2em .5em;"
	    "text-align:left}"
	    "td.num{text-align:right}tr.total td{font-weight:bold}"
	    ".error{color:#a00;font-weight:bold}"
	    ".charts figure{margin:1em 0}figcaption{font-weight:bold}"
	    ".wide{overflow-x:auto}"
	    "</style>\n</head>\n<body>\n");
	if (nav) {
		wbuf_printf(b, "<header><nav><a href=\"/dash%s\">%s</a>"
		    "<a href=\"/dash/report%s\">%s</a>"
		    "<a href=\"/dash/agents%s\">%s</a>"
		    "<a href=\"%s%s\" hreflang=\"%s\">%s</a>",
		    lang_q(c, true), W(c, S_OVERVIEW), lang_q(c, true),
		    W(c, S_REPORT), lang_q(c, true), W(c, S_AGENTS), path,
		    en ? "" : "?lang=en", en ? "id" : "en", W(c, S_LANG));
		wbuf_puts(b, "<form method=\"post\" action=\"/logout\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"");
		wbuf_html(b, c->csrf != NULL ? c->csrf : "");
		wbuf_printf(b, "\"><button type=\"submit\">%s</button>"
		    "</form></nav>", W(c, S_LOGOUT));
		if (c->user != NULL) {
			wbuf_printf(b, "<p>%s ", W(c, S_LOGGED_AS));
			wbuf_html(b, c->user);
			if (c->place[0] != '\0') {
				wbuf_puts(b, ", ");
				place_label(b, c, c->place);
			}
			wbuf_puts(b, "</p>");
		}
		wbuf_puts(b, "</header>\n");
	}
	wbuf_puts(b, "<main>\n<h1>");
	wbuf_html(b, heading);
	wbuf_puts(b, "</h1>\n");
}

static void
page_close(struct wbuf *b)
{
	wbuf_puts(b, "</main>\n</body>\n</html>\n");
}

static void
day_text(int64_t t_s, char *buf, size_t len)
{
	time_t		t = (time_t)t_s;
	struct tm	tm;

	localtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d", &tm);
}

/* The query of a report request: by=..&from=..&to=..&place=.. (escaped
 * for an attribute), the effective dates, so a link gives what was shown. */
static void
req_query(struct wbuf *b, const struct dash_ctx *c,
    const struct report_req *rq, int64_t last_s)
{
	char	d1[16], d2[16];

	day_text(rq->from_s, d1, sizeof(d1));
	day_text(last_s, d2, sizeof(d2));
	wbuf_printf(b, "by=%s&amp;from=%s&amp;to=%s", report_by_name(rq->by),
	    d1, d2);
	if (rq->place[0] != '\0') {
		wbuf_puts(b, "&amp;place=");
		wbuf_url(b, rq->place);
	}
	wbuf_puts(b, lang_q(c, false));
}

static void
resp_html(struct dash_resp *r)
{
	wbuf_reset(&r->body);
	r->ctype = CT_HTML;
	r->filename[0] = '\0';
}

/* An error page with the message in .error (and the report form when rq
 * is given, so the officer can correct the request). */
static int
error_page(struct dash_resp *r, const struct dash_ctx *c, int status,
    const char *msg)
{
	resp_html(r);
	page_open(&r->body, c, c->en, W(c, S_REPORT), "/dash", true);
	wbuf_puts(&r->body, "<p class=\"error\">");
	wbuf_html(&r->body, msg);
	wbuf_printf(&r->body, "</p>\n<p><a href=\"/dash%s\">%s</a></p>\n",
	    lang_q(c, true), W(c, S_BACK));
	page_close(&r->body);
	return status;
}

static int
run_query(const struct dash_ctx *c, const struct report_req *rq,
    struct report_row **rows, size_t *n, char *err, size_t errlen)
{
	int	rc = report_query(c->st, rq, rows, n, err, errlen);

	if (rc == 1)
		return DASH_BAD;		/* place not loaded: err says */
	if (rc != 0) {
		snprintf(err, errlen, "%s", W(c, S_STORE_ERR));
		return DASH_ERROR;
	}
	return DASH_OK;
}

/* ---- overview ---- */

static const struct {
	const char	*col;
	enum svg_kind	 kind;
} charts[] = {
	{ "sellers_new", SVG_BAR },
	{ "products_listed", SVG_BAR },
	{ "orders_completed", SVG_BAR },
	{ "value_completed_rp", SVG_LINE },
};

static const struct report_col *
col_find(enum report_by by, const char *name)
{
	const struct report_col	*cols;
	size_t			 i, n;

	cols = report_columns(by, &n);
	for (i = 0; i < n; i++)
		if (strcmp(cols[i].name, name) == 0)
			return &cols[i];
	return NULL;
}

int
dash_overview(struct dash_resp *r, const struct dash_ctx *c,
    const struct dash_params *p)
{
	struct report_req	 rq;
	struct report_row	*rows = NULL;
	const struct report_col	*cols;
	const char		**labels = NULL;
	int64_t			*vals = NULL, today, last_s;
	size_t			 n = 0, ng = 0, i, k, ncols;
	bool			 days = false;
	char			 err[256], ymd[16];
	struct tm		 tm;
	time_t			 t = (time_t)c->now_s;
	int			 st;

	if (p->span != NULL && strcmp(p->span, "day") == 0)
		days = true;
	else if (p->span != NULL && strcmp(p->span, "month") != 0) {
		errf(err, sizeof(err), W(c, S_BAD_SPAN), p->span);
		return error_page(r, c, DASH_BAD, err);
	}
	/* The last 30 days or 12 months, today included. */
	memset(&rq, 0, sizeof(rq));
	day_text(c->now_s, ymd, sizeof(ymd));
	if (report_day_start(ymd, &today) == -1)
		return error_page(r, c, DASH_ERROR, W(c, S_STORE_ERR));
	last_s = today;
	rq.to_s = report_day_add(today, 1);
	if (days) {
		rq.by = REPORT_BY_DAY;
		rq.from_s = report_day_add(today, -29);
	} else {
		rq.by = REPORT_BY_MONTH;
		localtime_r(&t, &tm);
		tm.tm_mon -= 11;
		while (tm.tm_mon < 0) {
			tm.tm_mon += 12;
			tm.tm_year--;
		}
		snprintf(ymd, sizeof(ymd), "%04d-%02d-01", tm.tm_year + 1900,
		    tm.tm_mon + 1);
		if (report_day_start(ymd, &rq.from_s) == -1)
			return error_page(r, c, DASH_ERROR, W(c, S_STORE_ERR));
	}
	snprintf(rq.place, sizeof(rq.place), "%s", c->place);
	if ((st = run_query(c, &rq, &rows, &n, err, sizeof(err))) != DASH_OK)
		return error_page(r, c, st, err);

	resp_html(r);
	page_open(&r->body, c, c->en, W(c, S_DASH), "/dash", true);
	wbuf_printf(&r->body, "<p>%s: ", W(c, S_PLACE));
	if (c->place[0] != '\0')
		place_label(&r->body, c, c->place);
	else
		wbuf_html(&r->body, W(c, S_ALL));
	wbuf_printf(&r->body, ". %s: <strong>%s</strong> | <a href=\"/dash?"
	    "span=%s%s\">%s</a></p>\n", W(c, S_PERIOD),
	    W(c, days ? S_DAYS30 : S_MONTHS12), days ? "month" : "day",
	    lang_q(c, false), W(c, days ? S_MONTHS12 : S_DAYS30));

	/* The day or month rows come first, in time order; then the total. */
	for (i = 0; i < n; i++)
		if (rows[i].kind == REPORT_ROW_GROUP)
			ng++;
	labels = calloc(ng ? ng : 1, sizeof(*labels));
	vals = calloc(ng ? ng : 1, sizeof(*vals));
	if (labels == NULL || vals == NULL) {
		free(labels);
		free(vals);
		free(rows);
		return error_page(r, c, DASH_ERROR, W(c, S_STORE_ERR));
	}
	wbuf_puts(&r->body, "<div class=\"charts\">\n");
	for (k = 0; k < sizeof(charts) / sizeof(charts[0]); k++) {
		const struct report_col	*col = col_find(rq.by, charts[k].col);
		struct svg_chart	 ch;
		size_t			 j = 0;

		if (col == NULL)
			continue;
		for (i = 0; i < n; i++) {
			if (rows[i].kind != REPORT_ROW_GROUP)
				continue;
			labels[j] = rows[i].group;
			vals[j++] = report_value(&rows[i], col);
		}
		memset(&ch, 0, sizeof(ch));
		ch.kind = charts[k].kind;
		ch.series = col->name;
		ch.title = col_label(col->name, c->en);
		ch.labels = labels;
		ch.values = vals;
		ch.n = j;
		ch.en = c->en;
		ch.empty = W(c, S_NO_DATA);
		wbuf_puts(&r->body, "<figure>\n<figcaption>");
		wbuf_html(&r->body, ch.title);
		wbuf_puts(&r->body, "</figcaption>\n");
		svg_chart(&r->body, &ch);
		wbuf_puts(&r->body, "\n</figure>\n");
	}
	wbuf_puts(&r->body, "</div>\n");

	/* The totals of the period: the report's total row. */
	cols = report_columns(rq.by, &ncols);
	wbuf_printf(&r->body, "<h2>%s</h2>\n<table class=\"totals\">\n"
	    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "</tr></thead>\n<tbody>\n", W(c, S_TOTALS), W(c, S_FIGURE),
	    W(c, S_VALUE));
	for (i = 0; i < n; i++) {
		if (rows[i].kind != REPORT_ROW_TOTAL)
			continue;
		for (k = 0; k < ncols; k++) {
			if (cols[k].text)
				continue;
			wbuf_printf(&r->body, "<tr data-col=\"%s\"><th "
			    "scope=\"row\">%s</th><td class=\"num\">",
			    cols[k].name, col_label(cols[k].name, c->en));
			num(&r->body, report_value(&rows[i], &cols[k]),
			    c->en);
			wbuf_puts(&r->body, "</td></tr>\n");
		}
	}
	wbuf_puts(&r->body, "</tbody>\n</table>\n<ul class=\"links\">\n");
	wbuf_puts(&r->body, "<li><a id=\"csv\" href=\"/dash/report.csv?");
	req_query(&r->body, c, &rq, last_s);
	wbuf_printf(&r->body, "\">%s</a></li>\n", W(c, S_CSV));
	wbuf_puts(&r->body, "<li><a href=\"/dash/report?");
	req_query(&r->body, c, &rq, last_s);
	wbuf_printf(&r->body, "\">%s</a></li>\n", W(c, S_REPORT));
	wbuf_printf(&r->body, "<li><a href=\"/dash/agents%s\">%s</a></li>\n",
	    lang_q(c, true), W(c, S_AGENTS));
	wbuf_printf(&r->body, "<li><a id=\"export\" href=\"/dash/export?"
	    "format=csv%s\">%s</a></li>\n", lang_q(c, false),
	    W(c, S_EXPORT));
	wbuf_printf(&r->body, "<li>%s: <a class=\"export\" href=\"/dash/"
	    "export?format=tokopedia%s\">Tokopedia</a>, <a class=\"export\" "
	    "href=\"/dash/export?format=shopee%s\">Shopee</a>, <a "
	    "class=\"export\" href=\"/dash/export?format=bukalapak%s\">"
	    "Bukalapak</a> (XLSX)</li>\n</ul>\n", W(c, S_EXPORT_OTHER),
	    lang_q(c, false), lang_q(c, false), lang_q(c, false));
	page_close(&r->body);
	free(labels);
	free(vals);
	free(rows);
	return DASH_OK;
}

/* ---- report table ---- */

static void
report_form(struct wbuf *b, const struct dash_ctx *c, const char *action,
    const struct report_req *rq, int64_t last_s, bool with_by)
{
	char	d1[16], d2[16];
	size_t	i;

	day_text(rq->from_s, d1, sizeof(d1));
	day_text(last_s, d2, sizeof(d2));
	wbuf_printf(b, "<form id=\"report\" method=\"get\" action=\"%s\">\n",
	    action);
	if (with_by) {
		wbuf_printf(b, "<label>%s <select name=\"by\">", W(c, S_BY));
		for (i = 0; i < sizeof(web_bys) / sizeof(web_bys[0]); i++)
			wbuf_printf(b, "<option value=\"%s\"%s>%s</option>",
			    report_by_name(web_bys[i]),
			    web_bys[i] == rq->by ? " selected" : "",
			    report_by_name(web_bys[i]));
		wbuf_puts(b, "</select></label>\n");
	}
	wbuf_printf(b, "<label>%s <input type=\"date\" name=\"from\" "
	    "value=\"%s\"></label>\n<label>%s <input type=\"date\" "
	    "name=\"to\" value=\"%s\"></label>\n<label>%s <input "
	    "type=\"text\" name=\"place\" size=\"14\" value=\"", W(c, S_FROM),
	    d1, W(c, S_TO), d2, W(c, S_PLACE));
	wbuf_html(b, rq->place);
	wbuf_puts(b, "\"></label>\n");
	if (c->en)
		wbuf_puts(b, "<input type=\"hidden\" name=\"lang\" "
		    "value=\"en\">\n");
	wbuf_printf(b, "<button type=\"submit\">%s</button>\n</form>\n",
	    W(c, S_SHOW));
}

static void
report_table(struct wbuf *b, const struct dash_ctx *c, enum report_by by,
    const struct report_row *rows, size_t n)
{
	const struct report_col	*cols;
	size_t			 i, k, ncols;

	cols = report_columns(by, &ncols);
	wbuf_printf(b, "<div class=\"wide\">\n<table class=\"report\" "
	    "data-by=\"%s\">\n<thead><tr>", report_by_name(by));
	for (k = 0; k < ncols; k++)
		wbuf_printf(b, "<th scope=\"col\" data-col=\"%s\">%s</th>",
		    cols[k].name, col_label(cols[k].name, c->en));
	wbuf_puts(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		const struct report_row	*row = &rows[i];

		wbuf_printf(b, "<tr%s>", row->kind == REPORT_ROW_TOTAL ?
		    " class=\"total\"" : row->kind == REPORT_ROW_UNPLACED ?
		    " class=\"unplaced\"" : "");
		for (k = 0; k < ncols; k++) {
			if (!cols[k].text) {
				wbuf_puts(b, "<td class=\"num\">");
				num(b, report_value(row, &cols[k]), c->en);
				wbuf_puts(b, "</td>");
				continue;
			}
			wbuf_puts(b, "<td>");
			if (k == 0 && row->kind == REPORT_ROW_TOTAL)
				wbuf_html(b, W(c, S_TOTAL));
			else if (k == 0 && row->kind == REPORT_ROW_UNPLACED)
				wbuf_html(b, W(c, S_UNPLACED));
			else
				wbuf_html(b, (const char *)row + cols[k].off);
			wbuf_puts(b, "</td>");
		}
		wbuf_puts(b, "</tr>\n");
	}
	wbuf_puts(b, "</tbody>\n</table>\n</div>\n");
}

/* The report page for p, by forced to agent when agents. */
static int
report_page(struct dash_resp *r, const struct dash_ctx *c,
    const struct dash_params *p, bool agents)
{
	struct dash_params	 q = *p;
	struct report_req	 rq;
	struct report_row	*rows = NULL;
	int64_t			 last_s = 0;
	size_t			 n = 0;
	char			 err[256];
	const char		*path = agents ? "/dash/agents" : "/dash/report";
	int			 st;

	if (agents)
		q.by = "agent";
	st = dash_report_req(c, &q, &rq, &last_s, err, sizeof(err));
	if (st == DASH_FORBIDDEN) {
		dash_forbidden(r, c->en);
		return DASH_FORBIDDEN;
	}
	if (st == DASH_OK)
		st = run_query(c, &rq, &rows, &n, err, sizeof(err));
	resp_html(r);
	page_open(&r->body, c, c->en, W(c, agents ? S_AGENTS : S_REPORT),
	    path, true);
	if (st != DASH_OK) {
		/* The form again, with what can be shown of the request. */
		struct report_req	def;
		int64_t			dlast;
		char			e2[8];
		struct dash_params	none = { 0 };

		wbuf_puts(&r->body, "<p class=\"error\">");
		wbuf_html(&r->body, err);
		wbuf_puts(&r->body, "</p>\n");
		if (dash_report_req(c, &none, &def, &dlast, e2, sizeof(e2)) ==
		    DASH_OK)
			report_form(&r->body, c, path, &def, dlast, !agents);
		page_close(&r->body);
		free(rows);
		return st;
	}
	report_form(&r->body, c, path, &rq, last_s, !agents);
	if (agents)
		wbuf_printf(&r->body, "<p>%s</p>\n", W(c, S_AGENTS_NOTE));
	report_table(&r->body, c, rq.by, rows, n);
	wbuf_puts(&r->body, "<p><a id=\"csv\" href=\"/dash/report.csv?");
	req_query(&r->body, c, &rq, last_s);
	wbuf_printf(&r->body, "\">%s</a></p>\n", W(c, S_CSV));
	page_close(&r->body);
	free(rows);
	return DASH_OK;
}

int
dash_report(struct dash_resp *r, const struct dash_ctx *c,
    const struct dash_params *p)
{
	return report_page(r, c, p, false);
}

int
dash_agents(struct dash_resp *r, const struct dash_ctx *c,
    const struct dash_params *p)
{
	return report_page(r, c, p, true);
}

static void
wbuf_sink(void *arg, const char *s, size_t n)
{
	wbuf_put(arg, s, n);
}

int
dash_report_csv(struct dash_resp *r, const struct dash_ctx *c,
    const struct dash_params *p)
{
	struct report_req	 rq;
	struct report_row	*rows = NULL;
	struct report_sink	 k = { wbuf_sink, &r->body };
	int64_t			 last_s = 0;
	size_t			 n = 0;
	char			 err[256], d1[16], d2[16];
	int			 st;

	st = dash_report_req(c, p, &rq, &last_s, err, sizeof(err));
	if (st == DASH_FORBIDDEN) {
		dash_forbidden(r, c->en);
		return st;
	}
	if (st == DASH_OK)
		st = run_query(c, &rq, &rows, &n, err, sizeof(err));
	if (st != DASH_OK)
		return error_page(r, c, st, err);
	wbuf_reset(&r->body);
	r->ctype = CT_CSV;
	day_text(rq.from_s, d1, sizeof(d1));
	day_text(last_s, d2, sizeof(d2));
	snprintf(r->filename, sizeof(r->filename), "lapak-%s-%s-%s.csv",
	    report_by_name(rq.by), d1, d2);
	report_write_csv(&k, rq.by, rows, n);
	free(rows);
	return DASH_OK;
}

/* ---- login and 403 ---- */

void
dash_login(struct dash_resp *r, bool en, const char *csrf, const char *user,
    const char *error)
{
	struct dash_ctx	c = { .place = "", .en = en };

	resp_html(r);
	page_open(&r->body, &c, en, W(&c, S_LOGIN), "/login", false);
	if (error != NULL) {
		wbuf_puts(&r->body, "<p class=\"error\" role=\"alert\">");
		wbuf_html(&r->body, error);
		wbuf_puts(&r->body, "</p>\n");
	}
	wbuf_printf(&r->body, "<form id=\"login\" method=\"post\" "
	    "action=\"/login%s\">\n<p><label>%s<br><input type=\"text\" "
	    "name=\"user\" autocomplete=\"username\" required value=\"",
	    lang_q(&c, true), W(&c, S_USER));
	wbuf_html(&r->body, user != NULL ? user : "");
	wbuf_printf(&r->body, "\"></label></p>\n<p><label>%s<br><input "
	    "type=\"password\" name=\"password\" "
	    "autocomplete=\"current-password\" required></label></p>\n"
	    "<input type=\"hidden\" name=\"csrf\" value=\"",
	    W(&c, S_PASSWORD));
	wbuf_html(&r->body, csrf != NULL ? csrf : "");
	wbuf_printf(&r->body, "\">\n<p><button type=\"submit\">%s</button>"
	    "</p>\n</form>\n<p><a href=\"/login%s\" hreflang=\"%s\">%s</a>"
	    "</p>\n", W(&c, S_LOGIN_BTN), en ? "" : "?lang=en",
	    en ? "id" : "en", W(&c, S_LANG));
	page_close(&r->body);
}

void
dash_forbidden(struct dash_resp *r, bool en)
{
	struct dash_ctx	c = { .place = "", .en = en };

	resp_html(r);
	page_open(&r->body, &c, en, W(&c, S_FORBIDDEN), "/dash", false);
	wbuf_printf(&r->body, "<p class=\"error\">%s</p>\n<p><a "
	    "href=\"/dash%s\">%s</a></p>\n", W(&c, S_FORBIDDEN_TEXT),
	    lang_q(&c, true), W(&c, S_BACK));
	page_close(&r->body);
}
