/* web/dash.c: the officers' dashboard pages on a store filled here by SQL.
 * The charts' data-values are report_query's figures, the CSV download is
 * byte for byte what lapakctl report --format csv writes (its code path:
 * report_period, report_query, report_write_csv into a FILE), names with
 * markup, quotes and '&' are escaped in HTML and safe in CSV, bad
 * parameters get a 400 message, another place a 403, assistants' numbers
 * stay masked, and every page passes tidy -q -e. Times are Asia/Jakarta. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/report.h"
#include "store/report_fmt.h"
#include "store/store_internal.h"
#include "tests/sql_rows.h"
#include "tests/t.h"
#include "web/dash.h"

static struct store	*st;
static char		 dbpath[64];
static int		 tidy_ok = -1;

static int64_t
at(int y, int mon, int day, int h)
{
	char	ymd[16];
	int64_t	t = 0;

	snprintf(ymd, sizeof(ymd), "%04d-%02d-%02d", y, mon, day);
	if (report_day_start(ymd, &t) == -1)
		abort();
	return t + h * 3600;
}

static void
sql(const char *q, int n, ...)
{
	va_list	ap;

	va_start(ap, n);
	sql_rows(st->db, q, n, ap);
	va_end(ap);
}

#define XSS	"<script>alert(1)</script>"
#define V1	"'33.20.01.2001'"
#define V2	"'33.20.01.2002'"
#define V3	"'33.20.02.2001'"
#define V4	"'33.21.01.2001'"

/* Jepara (33.20): three villages, one named like a script, one with a
 * comma, quotes and '&', one like a spreadsheet formula; Kudus (33.21)
 * beside it, another officer's. Events in April, May and June 2025. */
static void
fill(void)
{
	sql("INSERT INTO places (code, name, level, parent, key) VALUES "
	    "('33', 'Jawa Tengah', 1, NULL, 'jawatengah'),"
	    "('33.20', 'Jepara', 2, '33', 'jepara'),"
	    "('33.21', 'Kudus', 2, '33', 'kudus'),"
	    "('33.20.01', 'Bangsri', 3, '33.20', 'bangsri'),"
	    "('33.20.02', 'Keling', 3, '33.20', 'keling'),"
	    "('33.21.01', 'Jati', 3, '33.21', 'jati'),"
	    "(" V1 ", '" XSS "', 4, '33.20.01', 'sukamaju'),"
	    "(" V2 ", 'Tegal, \"Sari\" & Co', 4, '33.20.01', 'tegalsari'),"
	    "(" V3 ", '=HYPERLINK(\"x\")', 4, '33.20.02', 'kelet'),"
	    "(" V4 ", 'Loram', 4, '33.21.01', 'loram')", 0);
	sql("INSERT INTO sellers (id, msisdn, shop, created_s, updated_s, "
	    "place) VALUES "
	    "(1, '+6281100000001', '" XSS "', ?1, ?1, " V1 "),"
	    "(2, '+6281100000002', 'B & \"B\"', ?2, ?2, " V2 "),"
	    "(3, '+6281100000003', 'C', ?3, ?3, " V3 "),"
	    "(4, '+6281100000004', 'D', ?3, ?3, " V4 ")", 3,
	    at(2025, 4, 10, 9), at(2025, 5, 2, 9), at(2025, 6, 3, 9));
	sql("INSERT INTO products (id, seller_id, name, price_rp, stock, "
	    "created_s, place, delisted_s, active) VALUES "
	    "(1, 1, '" XSS "', 15000, 5, ?1, " V1 ", NULL, 1),"
	    "(2, 2, 'Kopi \"Robusta\" & gula', 1000, 5, ?2, " V2 ", NULL, 1),"
	    "(3, 3, 'c', 500, 5, ?3, " V3 ", NULL, 1),"
	    "(4, 4, 'd', 500, 5, ?3, " V4 ", NULL, 1)", 3,
	    at(2025, 4, 11, 9), at(2025, 5, 3, 9), at(2025, 6, 4, 9));
	sql("INSERT INTO orders (id, buyer, seller_id, product_id, qty, "
	    "unit_price_rp, state, created_at, delivered_at, closed_at, place) "
	    "VALUES "
	    "(1, '+62857001', 1, 1, 2, 15000, 'delivered', ?1, ?2, NULL, "
	    V1 "),"
	    "(2, '+62857002', 2, 2, 3, 1000, 'delivered', ?3, ?4, NULL, "
	    V2 "),"
	    "(3, '+62857003', 3, 3, 1, 500, 'delivered', ?5, ?6, NULL, " V3 "),"
	    "(4, '+62857004', 4, 4, 1, 500, 'delivered', ?5, ?6, NULL, " V4 ")",
	    6, at(2025, 4, 12, 9), at(2025, 4, 13, 9), at(2025, 5, 20, 9),
	    at(2025, 6, 1, 9), at(2025, 6, 5, 9), at(2025, 6, 6, 9));
	sql("INSERT INTO agents (msisdn, name, place, created_s, removed_s) "
	    "VALUES ('+6281300000001', '" XSS " & \"Ani\"', " V1 ", ?1, NULL),"
	    "('+6281300000002', 'Budi', " V4 ", ?1, NULL)", 1,
	    at(2025, 3, 1, 0));
	sql("INSERT INTO agent_links (agent, seller, created_s, ended_s) "
	    "VALUES ('+6281300000001', '+6281100000001', ?1, NULL),"
	    "('+6281300000002', '+6281100000004', ?1, NULL)", 1,
	    at(2025, 3, 2, 0));
}

/* The dashboard of an officer of Jepara on 2025-06-20 12:00. */
static struct dash_ctx
ctx(bool en)
{
	struct dash_ctx	c;

	memset(&c, 0, sizeof(c));
	c.st = st;
	c.place = "33.20";
	c.user = "petugas<&>";
	c.csrf = "tok\"en<>";
	c.title = "Lapak Jepara";
	c.en = en;
	c.now_s = at(2025, 6, 20, 12);
	return c;
}

static void
check_tidy(int line, const char *html)
{
	char	path[] = "/tmp/test_web_dash.XXXXXX", cmd[128];
	FILE	*f;
	int	 fd, rc;

	if (tidy_ok == -1) {
		tidy_ok = system("command -v tidy > /dev/null 2>&1") == 0;
		if (!tidy_ok)
			fprintf(stderr, "tidy missing (scripts/deps.sh)\n");
		CHECK(tidy_ok);
	}
	if (!tidy_ok)
		return;
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		CHECK(!"mkstemp");
		return;
	}
	fputs(html, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "tidy -q -e %s", path);
	rc = system(cmd);
	if (rc != 0)
		fprintf(stderr, "line %d: tidy: %d (page kept in %s)\n", line,
		    rc, path);
	else
		unlink(path);
	CHECK_INT(rc, 0);
}

/* The data-values attribute of the chart of series in html. */
static char *
chart_values(const char *html, const char *series, char *buf, size_t len)
{
	char		 key[96];
	const char	*p, *e;

	snprintf(key, sizeof(key), "data-series=\"%s\" data-values=\"",
	    series);
	if ((p = strstr(html, key)) == NULL)
		return NULL;
	p += strlen(key);
	if ((e = strchr(p, '"')) == NULL || (size_t)(e - p) >= len)
		return NULL;
	memcpy(buf, p, (size_t)(e - p));
	buf[e - p] = '\0';
	return buf;
}

static void
test_overview(void)
{
	static const char *const series[] = { "sellers_new",
	    "products_listed", "orders_completed", "value_completed_rp" };
	struct dash_ctx		 c = ctx(false);
	struct dash_params	 p = { 0 };
	struct dash_resp	 r = { 0 };
	struct report_req	 rq;
	struct report_row	*rows = NULL;
	const struct report_col	*cols;
	size_t			 n = 0, ncols, i, j, k;
	char			 err[256], got[512], want[512];

	CHECK_INT(dash_overview(&r, &c, &p), DASH_OK);
	CHECK_STR(r.ctype, "text/html; charset=utf-8");
	/* the same query, asked here: July 2024 to today, Jepara */
	memset(&rq, 0, sizeof(rq));
	rq.by = REPORT_BY_MONTH;
	rq.from_s = at(2024, 7, 1, 0);
	rq.to_s = at(2025, 6, 21, 0);
	snprintf(rq.place, sizeof(rq.place), "33.20");
	CHECK_INT(report_query(st, &rq, &rows, &n, err, sizeof(err)), 0);
	CHECK_INT(n, 13);			/* 12 months and the total */
	cols = report_columns(REPORT_BY_MONTH, &ncols);
	for (k = 0; k < 4; k++) {
		size_t	o = 0;

		want[0] = '\0';
		for (j = 0; j < ncols; j++)
			if (strcmp(cols[j].name, series[k]) == 0)
				break;
		CHECK(j < ncols);
		for (i = 0; i + 1 < n && j < ncols; i++)
			o += (size_t)snprintf(want + o, sizeof(want) - o,
			    "%s%lld", i ? "," : "",
			    (long long)report_value(&rows[i], &cols[j]));
		CHECK(chart_values(r.body.p, series[k], got, sizeof(got)) !=
		    NULL);
		CHECK_STR(got, want);
	}
	/* known figures: April's order (30,000), none completed in May,
	 * June's 3,500 (the May order delivered 1 June and 500; Kudus's
	 * not counted) */
	CHECK_STR(chart_values(r.body.p, "value_completed_rp", got,
	    sizeof(got)), "0,0,0,0,0,0,0,0,0,30000,0,3500");
	CHECK_STR(chart_values(r.body.p, "sellers_new", got, sizeof(got)),
	    "0,0,0,0,0,0,0,0,0,1,1,1");
	CHECK(strstr(r.body.p, "<td class=\"num\">33.500</td>") != NULL);
	CHECK(strstr(r.body.p, "<a id=\"csv\" href=\"/dash/report.csv?"
	    "by=month&amp;from=2024-07-01&amp;to=2025-06-20&amp;"
	    "place=33.20\"") != NULL);
	CHECK(strstr(r.body.p, "<a id=\"export\" href=\"/dash/export?"
	    "format=csv\"") != NULL);
	CHECK(strstr(r.body.p, "value=\"tok&quot;en&lt;&gt;\"") != NULL);
	CHECK(strstr(r.body.p, "petugas&lt;&amp;&gt;") != NULL);
	CHECK(strstr(r.body.p, "tok\"en") == NULL);
	check_tidy(__LINE__, r.body.p);
	free(rows);

	/* 30 days, in English: numbers 33,500 */
	c = ctx(true);
	p.span = "day";
	CHECK_INT(dash_overview(&r, &c, &p), DASH_OK);
	CHECK(chart_values(r.body.p, "orders_completed", got, sizeof(got)) !=
	    NULL);
	for (i = 0, k = 1; got[i] != '\0'; i++)
		k += got[i] == ',';
	CHECK_INT(k, 30);
	CHECK(strstr(r.body.p, "<td class=\"num\">3,500</td>") != NULL);
	CHECK(strstr(r.body.p, "<html lang=\"en\">") != NULL);
	CHECK(strstr(r.body.p, "href=\"/dash/agents?lang=en\"") != NULL);
	check_tidy(__LINE__, r.body.p);

	p.span = "week<b>";
	CHECK_INT(dash_overview(&r, &c, &p), DASH_BAD);
	CHECK(strstr(r.body.p, "class=\"error\"") != NULL);
	CHECK(strstr(r.body.p, "span=week&lt;b&gt;") != NULL);
	check_tidy(__LINE__, r.body.p);
	wbuf_free(&r.body);
}

static void
test_report_page(void)
{
	struct dash_ctx		c = ctx(false);
	struct dash_params	p = { 0 };
	struct dash_resp	r = { 0 };

	p.by = "village";
	p.from = "2025-04-01";
	p.to = "2025-06-30";
	CHECK_INT(dash_report(&r, &c, &p), DASH_OK);
	CHECK(strstr(r.body.p, XSS) == NULL);
	CHECK(strstr(r.body.p, "<td>&lt;script&gt;alert(1)&lt;/script&gt;"
	    "</td>") != NULL);
	CHECK(strstr(r.body.p, "<td>Tegal, &quot;Sari&quot; &amp; Co</td>")
	    != NULL);
	CHECK(strstr(r.body.p, "data-col=\"value_completed_rp\"") != NULL);
	CHECK(strstr(r.body.p, "<td>33.20.01.2001</td>") != NULL);
	CHECK(strstr(r.body.p, "33.21.01.2001") == NULL);	/* Kudus */
	CHECK(strstr(r.body.p, "<form id=\"report\" method=\"get\" "
	    "action=\"/dash/report\">") != NULL);
	CHECK(strstr(r.body.p, "<option value=\"village\" selected>") !=
	    NULL);
	CHECK(strstr(r.body.p, "<a id=\"csv\" href=\"/dash/report.csv?"
	    "by=village&amp;from=2025-04-01&amp;to=2025-06-30&amp;"
	    "place=33.20\"") != NULL);
	check_tidy(__LINE__, r.body.p);

	/* a place below the officer's */
	p.place = "33.20.01";
	p.by = "district";
	CHECK_INT(dash_report(&r, &c, &p), DASH_OK);
	CHECK(strstr(r.body.p, "<td>33.20.01</td>") != NULL);
	CHECK(strstr(r.body.p, "<td>33.20.02</td>") == NULL);
	wbuf_free(&r.body);
}

/* lapakctl report's code path for these options, into a string. */
static char *
ctl_csv(const char *by, const char *from, const char *to, const char *place)
{
	struct report_req	 rq;
	struct report_row	*rows = NULL;
	struct report_sink	 k;
	int64_t			 last_s;
	size_t			 n = 0, len = 0;
	char			 err[256], *buf = NULL;
	FILE			*f = open_memstream(&buf, &len);

	memset(&rq, 0, sizeof(rq));
	rq.by = (enum report_by)report_by_parse(by);
	snprintf(rq.place, sizeof(rq.place), "%s", place);
	if (f == NULL || report_period(from, to, at(2025, 6, 20, 12), &rq,
	    &last_s) != REPORT_PERIOD_OK ||
	    report_query(st, &rq, &rows, &n, err, sizeof(err)) != 0)
		abort();
	k = report_sink_file(f);
	report_write_csv(&k, rq.by, rows, n);
	fclose(f);
	free(rows);
	return buf;
}

static void
test_csv(void)
{
	static const char *const bys[] = { "village", "district", "regency",
	    "agent", "day", "month" };
	struct dash_ctx		 c = ctx(false);
	struct dash_params	 p = { 0 };
	struct dash_resp	 r = { 0 };
	char			*want;
	size_t			 i;

	for (i = 0; i < sizeof(bys) / sizeof(bys[0]); i++) {
		p.by = bys[i];
		p.from = "2025-04-01";
		p.to = "2025-06-30";
		p.place = NULL;		/* the officer's: --place 33.20 */
		CHECK_INT(dash_report_csv(&r, &c, &p), DASH_OK);
		CHECK_STR(r.ctype, "text/csv; charset=utf-8");
		want = ctl_csv(bys[i], "2025-04-01", "2025-06-30", "33.20");
		CHECK_STR(r.body.p, want);
		free(want);
		p.place = "33.20.01";
		CHECK_INT(dash_report_csv(&r, &c, &p), DASH_OK);
		want = ctl_csv(bys[i], "2025-04-01", "2025-06-30",
		    "33.20.01");
		CHECK_STR(r.body.p, want);
		free(want);
	}
	/* no dates: this month, as lapakctl without --from/--to */
	memset(&p, 0, sizeof(p));
	CHECK_INT(dash_report_csv(&r, &c, &p), DASH_OK);
	want = ctl_csv("village", NULL, NULL, "33.20");
	CHECK_STR(r.body.p, want);
	free(want);
	CHECK_STR(r.filename, "lapak-village-2025-06-01-2025-06-20.csv");

	/* the names in CSV: quoted, quotes doubled, formula neutralised */
	p.by = "village";
	p.from = "2025-04-01";
	CHECK_INT(dash_report_csv(&r, &c, &p), DASH_OK);
	CHECK(strstr(r.body.p, "\n33.20.01.2001," XSS ",") != NULL);
	CHECK(strstr(r.body.p, "\n33.20.01.2002,\"Tegal, \"\"Sari\"\" & Co\","
	    ) != NULL);
	CHECK(strstr(r.body.p, "\n33.20.02.2001,\"'=HYPERLINK(\"\"x\"\")\",")
	    != NULL);
	p.by = "agent";
	CHECK_INT(dash_report_csv(&r, &c, &p), DASH_OK);
	CHECK(strstr(r.body.p, "+6281300000001") == NULL);
	CHECK(strstr(r.body.p, "\"" XSS " & \"\"Ani\"\"\"") != NULL);
	wbuf_free(&r.body);
}

static void
test_bad(void)
{
	static const struct {
		const char	*by, *from, *to, *place;
		int		 status;
		const char	*msg;
	} cases[] = {
		{ "courier", NULL, NULL, NULL, DASH_BAD, "by=courier: use" },
		{ "<b>x", NULL, NULL, NULL, DASH_BAD, "by=&lt;b&gt;x: use" },
		{ NULL, "2025-13-01", NULL, NULL, DASH_BAD,
		    "from=2025-13-01: not a date" },
		{ NULL, NULL, "2025-02-30", NULL, DASH_BAD,
		    "to=2025-02-30: not a date" },
		{ NULL, "2025-06-10", "2025-06-01", NULL, DASH_BAD,
		    "The from date is after the to date." },
		{ NULL, NULL, NULL, "abc", DASH_BAD,
		    "place=abc: not a place code" },
		{ NULL, NULL, NULL, "33.20.09", DASH_BAD,
		    "place 33.20.09 is not a loaded place code" },
		{ "day", "2024-01-01", "2025-06-01", NULL, DASH_BAD,
		    "at most 366 days" },
		{ NULL, "2000-01-01", "2025-06-01", NULL, DASH_BAD,
		    "longer than 3660 days" },
		{ NULL, NULL, NULL, "33.21", DASH_FORBIDDEN, "refused" },
		{ NULL, NULL, NULL, "33.2", DASH_BAD, "not a place code" },
		{ NULL, NULL, NULL, "33", DASH_FORBIDDEN, "refused" },
		{ NULL, NULL, NULL, "33.20.05.20", DASH_BAD,
		    "not a place code" },
	};
	struct dash_ctx		c = ctx(true);
	struct dash_params	p;
	struct dash_resp	r = { 0 };
	size_t			i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&p, 0, sizeof(p));
		p.by = cases[i].by;
		p.from = cases[i].from;
		p.to = cases[i].to;
		p.place = cases[i].place;
		CHECK_INT(dash_report(&r, &c, &p), cases[i].status);
		if (strstr(r.body.p, cases[i].msg) == NULL)
			fprintf(stderr, "case %zu: no \"%s\"\n", i,
			    cases[i].msg);
		CHECK(strstr(r.body.p, cases[i].msg) != NULL);
		CHECK(strstr(r.body.p, "class=\"error\"") != NULL);
		check_tidy(__LINE__, r.body.p);
		CHECK_INT(dash_report_csv(&r, &c, &p), cases[i].status);
		CHECK_STR(r.ctype, "text/html; charset=utf-8");
		CHECK(strstr(r.body.p, cases[i].msg) != NULL);
	}
	/* Indonesian message */
	c = ctx(false);
	memset(&p, 0, sizeof(p));
	p.from = "kemarin";
	CHECK_INT(dash_report(&r, &c, &p), DASH_BAD);
	CHECK(strstr(r.body.p, "from=kemarin: bukan tanggal") != NULL);
	wbuf_free(&r.body);
}

static void
test_agents(void)
{
	struct dash_ctx		c = ctx(false);
	struct dash_params	p = { 0 };
	struct dash_resp	r = { 0 };

	p.from = "2025-04-01";
	p.to = "2025-06-30";
	CHECK_INT(dash_agents(&r, &c, &p), DASH_OK);
	CHECK(strstr(r.body.p, "+6281300000001") == NULL);
	CHECK(strstr(r.body.p, "<td>+62813******01</td>") != NULL);
	CHECK(strstr(r.body.p, "+62813******02") == NULL);	/* Kudus's */
	CHECK(strstr(r.body.p, XSS) == NULL);
	CHECK(strstr(r.body.p, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; "
	    "&quot;Ani&quot;") != NULL);
	CHECK(strstr(r.body.p, "data-col=\"sellers_linked\"") != NULL);
	CHECK(strstr(r.body.p, "data-col=\"via_agent\"") != NULL);
	CHECK(strstr(r.body.p, "data-col=\"flagged\"") != NULL);
	CHECK(strstr(r.body.p, "action=\"/dash/agents\"") != NULL);
	CHECK(strstr(r.body.p, "name=\"by\"") == NULL);
	CHECK(strstr(r.body.p, "href=\"/dash/report.csv?by=agent&amp;") !=
	    NULL);
	check_tidy(__LINE__, r.body.p);
	wbuf_free(&r.body);
}

/* The export download: lapakctl export's CSV of the officer's place (the
 * same writer, export/), XLSX through a private temporary folder that is
 * gone after, bad format 400, another place 403. */
static void
test_export(void)
{
	struct dash_ctx		c = ctx(false);
	struct dash_params	p = { 0 };
	struct dash_resp	r = { 0 };
	char			tmp[] = "/tmp/test_web_dash_tmp.XXXXXX", cmd[128];
	const char		*old = getenv("TMPDIR");

	CHECK_INT(dash_export(&r, &c, &p), DASH_OK);
	CHECK_STR(r.ctype, "text/csv; charset=utf-8");
	CHECK_STR(r.filename, "lapak-csv-33.20.csv");
	CHECK(strncmp(r.body.p, "sku,code,name,description,category,"
	    "weight_g,price_rp,unit,stock,shop,place_code,place_name\r\n",
	    87) == 0);
	CHECK(strstr(r.body.p, "\r\n33.20.01.2001-P1,P1," XSS ",") != NULL);
	CHECK(strstr(r.body.p, ",\"Kopi \"\"Robusta\"\" & gula\",") != NULL);
	CHECK(strstr(r.body.p, ",\"'=HYPERLINK(\"\"x\"\")\"\r\n") != NULL);
	CHECK(strstr(r.body.p, "P4") == NULL);		/* Kudus's */
	CHECK(strstr(r.body.p, "+62811") == NULL);	/* no numbers */

	p.place = "33.20.02";
	CHECK_INT(dash_export(&r, &c, &p), DASH_OK);
	CHECK(strstr(r.body.p, ",P3,") != NULL);
	CHECK(strstr(r.body.p, ",P1,") == NULL);

	CHECK(mkdtemp(tmp) != NULL);
	setenv("TMPDIR", tmp, 1);
	p.place = NULL;
	p.format = "tokopedia";
	CHECK_INT(dash_export(&r, &c, &p), DASH_OK);
	CHECK_STR(r.ctype, "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet");
	CHECK_STR(r.filename, "lapak-tokopedia-33.20.xlsx");
	CHECK(r.body.len > 1000 && memcmp(r.body.p, "PK\x03\x04", 4) == 0);
	CHECK_INT(rmdir(tmp), 0);	/* empty: the workbook removed */
	if (old != NULL)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
	(void)system(cmd);

	p.format = "xls<x>";
	CHECK_INT(dash_export(&r, &c, &p), DASH_BAD);
	CHECK(strstr(r.body.p, "format=xls&lt;x&gt;: pilih csv") != NULL);
	check_tidy(__LINE__, r.body.p);
	p.format = NULL;
	p.place = "33.21";
	CHECK_INT(dash_export(&r, &c, &p), DASH_FORBIDDEN);
	p.place = "33.20.x";
	CHECK_INT(dash_export(&r, &c, &p), DASH_BAD);
	wbuf_free(&r.body);
}

static void
test_login_403(void)
{
	struct dash_resp	r = { 0 };

	dash_login(&r, false, "abc\"<x>", NULL, NULL);
	CHECK(strstr(r.body.p, "<form id=\"login\" method=\"post\" "
	    "action=\"/login\">") != NULL);
	CHECK(strstr(r.body.p, "name=\"user\"") != NULL);
	CHECK(strstr(r.body.p, "name=\"password\"") != NULL);
	CHECK(strstr(r.body.p, "<input type=\"hidden\" name=\"csrf\" "
	    "value=\"abc&quot;&lt;x&gt;\">") != NULL);
	CHECK(strstr(r.body.p, "class=\"error\"") == NULL);
	check_tidy(__LINE__, r.body.p);
	dash_login(&r, true, "t", "<b>budi\"", "Try again in <5> minutes.");
	CHECK(strstr(r.body.p, "class=\"error\"") != NULL);
	CHECK(strstr(r.body.p, "Try again in &lt;5&gt; minutes.") != NULL);
	CHECK(strstr(r.body.p, "value=\"&lt;b&gt;budi&quot;\"") != NULL);
	CHECK(strstr(r.body.p, "action=\"/login?lang=en\"") != NULL);
	check_tidy(__LINE__, r.body.p);
	dash_forbidden(&r, false);
	CHECK(strstr(r.body.p, "Akses ditolak") != NULL);
	check_tidy(__LINE__, r.body.p);
	CHECK(dash_place_within("33.20", "33.20"));
	CHECK(dash_place_within("33.20", "33.20.05.2004"));
	CHECK(!dash_place_within("33.20", "33.2"));
	CHECK(!dash_place_within("33.20", "33.201"));
	CHECK(!dash_place_within("33.20", "33"));
	CHECK(dash_place_within("", "33"));
	wbuf_free(&r.body);
}

int
main(void)
{
	char	err[256];
	int	fd;

	setenv("TZ", "Asia/Jakarta", 1);
	tzset();
	snprintf(dbpath, sizeof(dbpath), "/tmp/test_web_dash.XXXXXX");
	if ((fd = mkstemp(dbpath)) == -1)
		return 1;
	close(fd);
	unlink(dbpath);
	if (store_open(&st, dbpath, false, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	fill();
	store_close(st);
	/* The dashboard reads as lapak-web does: a read-only connection. */
	if (store_open_reader(&st, dbpath, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	test_overview();
	test_report_page();
	test_csv();
	test_bad();
	test_agents();
	test_export();
	test_login_403();
	store_close(st);
	unlink(dbpath);
	snprintf(err, sizeof(err), "%s-wal", dbpath);
	unlink(err);
	snprintf(err, sizeof(err), "%s-shm", dbpath);
	unlink(err);
	return T_DONE();
}
