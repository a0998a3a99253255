/* Programme reports (store/report.c) on a small store filled by SQL with
 * known events: every column, number for number, for each grouping, the
 * unplaced and total rows, local-midnight edges, the place filter,
 * products delisted within 24 h, assistants' link intervals and LAPORAN's
 * figures (report_agent). Times are Asia/Jakarta (+07:00). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/report.h"
#include "store/repo_sqlite.h"
#include "store/store_internal.h"
#include "tests/sql_rows.h"
#include "tests/t.h"

static struct store	*st;
static int64_t		 jun1;	/* 2025-06-01 00:00 local */

/* Local time of 2025-MM-DD hh:mm:ss. */
static int64_t
at(int mon, int day, int h, int m, int s)
{
	char	ymd[16];
	int64_t	t = 0;

	snprintf(ymd, sizeof(ymd), "2025-%02d-%02d", mon, day);
	if (report_day_start(ymd, &t) == -1)
		abort();
	return t + h * 3600 + m * 60 + s;
}

/* Runs sql with its ?N bound to the n integers given. */
static void
sql(const char *q, int n, ...)
{
	va_list	ap;

	va_start(ap, n);
	sql_rows(st->db, q, n, ap);
	va_end(ap);
}

#define S1	"'+6281100000001'"
#define S2	"'+6281100000002'"
#define S3	"'+6281100000003'"
#define A1	"'+6281300000001'"
#define A2	"'+6281300000002'"
#define V1	"'33.20.01.2001'"
#define V2	"'33.20.01.2002'"
#define V3	"'33.20.02.2001'"
#define V4	"'33.21.01.2001'"

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
	    "(" V1 ", 'Sukamaju', 4, '33.20.01', 'sukamaju'),"
	    "(" V2 ", 'Tegalsari', 4, '33.20.01', 'tegalsari'),"
	    "(" V3 ", 'Kelet', 4, '33.20.02', 'kelet'),"
	    "(" V4 ", 'Loram', 4, '33.21.01', 'loram')", 0);
	/* sellers: s2 at the period's first second, s3 at its last, s5
	 * just after it; s4 unplaced, s5 free text */
	sql("INSERT INTO sellers (id, msisdn, shop, created_s, updated_s, "
	    "place) VALUES "
	    "(1, " S1 ", 'A', ?1, ?1, " V1 "), (2, " S2 ", 'B', ?2, ?2, " V2 "),"
	    "(3, " S3 ", 'C', ?3, ?3, " V3 "),"
	    "(4, '+6281100000004', 'D', ?4, ?4, ''),"
	    "(5, '+6281100000005', 'E', ?5, ?5, 'desa lama'),"
	    "(6, '+6281100000006', 'F', ?6, ?6, " V4 ")", 6,
	    at(5, 20, 9, 0, 0), at(6, 1, 0, 0, 0), at(6, 30, 23, 59, 59),
	    at(6, 10, 8, 0, 0), at(7, 1, 0, 0, 0), at(6, 5, 8, 0, 0));
	/* products: p2 delisted after 10 h (not counted), p4 after 2 days
	 * (counted), p3 one second before the period */
	sql("INSERT INTO products (id, seller_id, name, price_rp, stock, "
	    "created_s, place, delisted_s, active) VALUES "
	    "(1, 1, 'a', 1000, 5, ?1, " V1 ", NULL, 1),"
	    "(2, 1, 'b', 1000, 5, ?2, " V1 ", ?3, 0),"
	    "(3, 2, 'c', 500, 5, ?4, " V2 ", NULL, 1),"
	    "(4, 2, 'd', 500, 5, ?5, " V2 ", ?6, 0),"
	    "(5, 4, 'e', 500, 5, ?7, '', NULL, 1),"
	    "(6, 6, 'f', 500, 5, ?8, " V4 ", NULL, 1)", 8,
	    at(6, 2, 10, 0, 0), at(6, 3, 10, 0, 0), at(6, 3, 20, 0, 0),
	    at(5, 31, 23, 59, 59), at(6, 15, 10, 0, 0), at(6, 17, 10, 0, 0),
	    at(6, 11, 10, 0, 0), at(6, 6, 10, 0, 0));
	/* first listings are no update; p3's change at the first second
	 * counts, the one at July's first second does not */
	sql("INSERT INTO price_history (product_id, old_rp, new_rp, at_s) "
	    "VALUES (1, NULL, 1000, ?1), (1, 1000, 1200, ?2),"
	    "(3, NULL, 500, ?3), (3, 500, 600, ?4), (3, 600, 700, ?5)", 5,
	    at(6, 2, 10, 0, 0), at(6, 4, 10, 0, 0), at(5, 31, 23, 59, 59),
	    at(6, 1, 0, 0, 0), at(7, 1, 0, 0, 0));
	/* stock changes count; the price audit row beside a price change
	 * does not count twice */
	sql("INSERT INTO audit (product_id, what, from_val, to_val, by, at_s) "
	    "VALUES (4, 'stock', '5', '3', 'x', ?1), (5, 'stock', '5', '2', "
	    "'x', ?2), (1, 'price', '1000', '1200', 'x', ?3)", 3,
	    at(6, 20, 10, 0, 0), at(6, 12, 10, 0, 0), at(6, 4, 10, 0, 0));
	sql("INSERT INTO orders (id, buyer, seller_id, product_id, qty, "
	    "unit_price_rp, state, created_at, delivered_at, closed_at, place) "
	    "VALUES "
	    "(1, '+62857001', 1, 1, 2, 1000, 'delivered', ?1, ?2, NULL, " V1 "),"
	    "(2, '+62857002', 1, 1, 1, 1000, 'delivered', ?3, ?4, NULL, " V1 "),"
	    "(3, '+62857003', 2, 4, 1, 500, 'cancelled', ?5, NULL, ?5, " V2 "),"
	    "(4, '+62857004', 2, 4, 1, 500, 'rejected', ?6, NULL, ?7, " V2 "),"
	    "(5, '+62857005', 4, 5, 1, 500, 'expired', ?8, NULL, ?9, ''),"
	    "(6, '+62857006', 1, 1, 3, 1000, 'delivered', ?10, ?11, NULL, "
	    V1 "),"
	    "(7, " A1 ", 1, 1, 1, 1000, 'delivered', ?12, ?13, NULL, " V1 "),"
	    "(8, '+62857008', 6, 6, 1, 500, 'shipped', ?14, NULL, NULL, "
	    V4 ")", 14,
	    at(6, 5, 10, 0, 0), at(6, 6, 10, 0, 0),
	    at(5, 30, 10, 0, 0), at(6, 1, 0, 0, 0),
	    at(6, 20, 10, 0, 0),
	    at(6, 21, 10, 0, 0), at(6, 22, 10, 0, 0),
	    at(6, 12, 10, 0, 0), at(6, 13, 10, 0, 0),
	    at(6, 30, 23, 0, 0), at(7, 1, 0, 0, 0),
	    at(6, 7, 10, 0, 0), at(6, 8, 10, 0, 0),
	    at(6, 8, 10, 0, 0));
	/* assistants: A3 removed before the period */
	sql("INSERT INTO agents (msisdn, name, place, created_s, removed_s) "
	    "VALUES (" A1 ", 'Ani', " V1 ", ?1, NULL), (" A2 ", 'Budi', " V3
	    ", ?1, NULL), ('+6281300000003', 'Cici', " V1 ", ?1, ?2)", 2,
	    at(5, 1, 0, 0, 0), at(5, 15, 0, 0, 0));
	sql("INSERT INTO agent_links (agent, seller, created_s, ended_s) VALUES "
	    "(" A1 ", " S1 ", ?1, NULL), (" A1 ", " S2 ", ?2, ?3),"
	    "(" A2 ", " S2 ", ?4, ?2), (" A2 ", '+6281100000099', ?5, NULL),"
	    "(" A2 ", " S3 ", ?6, NULL),"
	    "('+6281300000003', " S1 ", ?7, ?8)", 8,
	    at(5, 25, 0, 0, 0), at(6, 16, 0, 0, 0), at(6, 25, 0, 0, 0),
	    at(6, 1, 0, 0, 0), at(6, 3, 0, 0, 0), at(6, 30, 12, 0, 0),
	    at(5, 2, 0, 0, 0), at(5, 15, 0, 0, 0));
	sql("INSERT INTO agent_actions (agent, seller, verb, at_s) VALUES "
	    "(" A1 ", " S1 ", 'JUAL', ?1), (" A1 ", " S2 ", 'STOK', ?2),"
	    "(" A2 ", " S2 ", 'HARGA', ?3), (" A2 ", " S2 ", 'JUAL', ?4)", 4,
	    at(6, 2, 9, 0, 0), at(6, 20, 9, 0, 0), at(5, 31, 9, 0, 0),
	    at(6, 15, 9, 0, 0));
}

static struct report_row *rows;
static size_t		  nrows;

static int
run(enum report_by by, int64_t from_s, int64_t to_s, const char *place)
{
	struct report_req	rq;
	char			err[256];

	free(rows);
	rows = NULL;
	memset(&rq, 0, sizeof(rq));
	rq.by = by;
	rq.from_s = from_s;
	rq.to_s = to_s;
	snprintf(rq.place, sizeof(rq.place), "%s", place);
	return report_query(st, &rq, &rows, &nrows, err, sizeof(err));
}

static const struct report_row *
row(const char *group)
{
	size_t	i;

	for (i = 0; i < nrows; i++)
		if (strcmp(rows[i].group, group) == 0)
			return &rows[i];
	fprintf(stderr, "no row %s\n", group);
	return NULL;
}

/* The figures of group, in the order: sellers_new, sellers_total,
 * sellers_active, products_listed, updates, orders_created,
 * orders_completed, orders_cancelled, orders_rejected, orders_expired,
 * value_completed_rp. */
static void
expect(int line, const char *group, const int64_t want[11])
{
	const struct report_row	*r = row(group);
	int64_t			 got[11];
	int			 i;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	got[0] = r->sellers_new;
	got[1] = r->sellers_total;
	got[2] = r->sellers_active;
	got[3] = r->products_listed;
	got[4] = r->updates;
	got[5] = r->orders_created;
	got[6] = r->orders_completed;
	got[7] = r->orders_cancelled;
	got[8] = r->orders_rejected;
	got[9] = r->orders_expired;
	got[10] = r->value_completed_rp;
	for (i = 0; i < 11; i++) {
		if (got[i] != want[i])
			fprintf(stderr, "line %d: %s column %d: %lld, expected "
			    "%lld\n", line, group, i, (long long)got[i],
			    (long long)want[i]);
		CHECK_INT(got[i], want[i]);
	}
	CHECK_INT(r->orders_returned, 0);
	/* No LUNAS in these stories: every completed order is cash. */
	CHECK_INT(r->paid_rp, 0);
	CHECK_INT(r->cod_rp, r->value_completed_rp);
}
#define EXPECT(g, ...)	do { const int64_t w_[11] = { __VA_ARGS__ }; \
	expect(__LINE__, g, w_); } while (0)

static void
test_by_place(void)
{
	int64_t	jul1 = at(7, 1, 0, 0, 0);

	CHECK_INT(run(REPORT_BY_VILLAGE, jun1, jul1, ""), 0);
	CHECK_INT(nrows, 6);
	CHECK_STR(rows[0].group, "33.20.01.2001");
	CHECK_STR(rows[0].name, "Sukamaju");
	CHECK_STR(rows[3].group, "33.21.01.2001");
	CHECK(rows[4].kind == REPORT_ROW_UNPLACED);
	CHECK_STR(rows[4].group, "unplaced");
	CHECK(rows[5].kind == REPORT_ROW_TOTAL);
	CHECK_STR(rows[5].group, "total");
	/*		new tot act lst upd cre cmp can rej exp value */
	EXPECT("33.20.01.2001", 0, 1, 1, 1, 1, 3, 3, 0, 0, 0, 4000);
	EXPECT("33.20.01.2002", 1, 1, 1, 1, 2, 2, 0, 1, 1, 0, 0);
	EXPECT("33.20.02.2001", 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	EXPECT("33.21.01.2001", 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0);
	EXPECT("unplaced", 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0);
	EXPECT("total", 4, 5, 4, 4, 4, 7, 3, 1, 1, 1, 4000);
	CHECK_INT(row("total")->sellers_linked, 0);

	CHECK_INT(run(REPORT_BY_DISTRICT, jun1, jul1, ""), 0);
	CHECK_INT(nrows, 5);
	CHECK_STR(rows[0].name, "Bangsri");
	EXPECT("33.20.01", 1, 2, 2, 2, 3, 5, 3, 1, 1, 0, 4000);
	EXPECT("33.20.02", 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	EXPECT("33.21.01", 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0);
	EXPECT("total", 4, 5, 4, 4, 4, 7, 3, 1, 1, 1, 4000);

	CHECK_INT(run(REPORT_BY_REGENCY, jun1, jul1, ""), 0);
	CHECK_INT(nrows, 4);
	CHECK_STR(rows[0].name, "Jepara");
	EXPECT("33.20", 2, 3, 2, 2, 3, 5, 3, 1, 1, 0, 4000);
	EXPECT("33.21", 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0);
	EXPECT("unplaced", 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0);
	EXPECT("total", 4, 5, 4, 4, 4, 7, 3, 1, 1, 1, 4000);

	/* the place filter: that place and below; unplaced left out */
	CHECK_INT(run(REPORT_BY_VILLAGE, jun1, jul1, "33.20.01"), 0);
	CHECK_INT(nrows, 4);
	EXPECT("33.20.01.2001", 0, 1, 1, 1, 1, 3, 3, 0, 0, 0, 4000);
	EXPECT("33.20.01.2002", 1, 1, 1, 1, 2, 2, 0, 1, 1, 0, 0);
	EXPECT("unplaced", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	EXPECT("total", 1, 2, 2, 2, 3, 5, 3, 1, 1, 0, 4000);
	CHECK_INT(run(REPORT_BY_DISTRICT, jun1, jul1, "33.20"), 0);
	CHECK_INT(nrows, 4);
	EXPECT("total", 2, 3, 2, 2, 3, 5, 3, 1, 1, 0, 4000);
	/* a village code is its own place, and a code is not a prefix of
	 * its neighbours' (33.2 is not 33.20 or 33.21) */
	CHECK_INT(run(REPORT_BY_VILLAGE, jun1, jul1, "33.20.01.2002"), 0);
	EXPECT("total", 1, 1, 1, 1, 2, 2, 0, 1, 1, 0, 0);
	CHECK_INT(run(REPORT_BY_VILLAGE, jun1, jul1, "33.2"), 1);
	CHECK_INT(run(REPORT_BY_VILLAGE, jun1, jul1, "99"), 1);
	CHECK_INT(run(REPORT_BY_VILLAGE, jul1, jun1, ""), 1);

	/* one day: 1 June holds the events at its first second; 31 May
	 * holds p3's listing at its last */
	CHECK_INT(run(REPORT_BY_VILLAGE, jun1, at(6, 2, 0, 0, 0), ""), 0);
	EXPECT("total", 1, 2, 2, 0, 1, 0, 1, 0, 0, 0, 1000);
	CHECK_INT(run(REPORT_BY_VILLAGE, at(5, 31, 0, 0, 0), jun1, ""), 0);
	EXPECT("total", 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0);
}

static void
test_by_time(void)
{
	int64_t	jul1 = at(7, 1, 0, 0, 0);
	size_t	i;
	int64_t	created = 0;

	CHECK_INT(run(REPORT_BY_DAY, jun1, jul1, ""), 0);
	CHECK_INT(nrows, 31);		/* 30 days and the total */
	CHECK_STR(rows[0].group, "2025-06-01");
	CHECK_STR(rows[29].group, "2025-06-30");
	EXPECT("2025-06-01", 1, 2, 2, 0, 1, 0, 1, 0, 0, 0, 1000);
	EXPECT("2025-06-02", 0, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0);
	EXPECT("2025-06-03", 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	EXPECT("2025-06-20", 0, 4, 1, 0, 1, 1, 0, 1, 0, 0, 0);
	EXPECT("2025-06-30", 1, 5, 0, 0, 0, 1, 0, 0, 0, 0, 0);
	EXPECT("total", 4, 5, 4, 4, 4, 7, 3, 1, 1, 1, 4000);
	for (i = 0; i + 1 < nrows; i++)
		created += rows[i].orders_created;
	CHECK_INT(created, 7);

	CHECK_INT(run(REPORT_BY_MONTH, at(5, 1, 0, 0, 0), jul1, ""), 0);
	CHECK_INT(nrows, 3);
	CHECK_STR(rows[0].group, "2025-05");
	CHECK_STR(rows[1].group, "2025-06");
	EXPECT("2025-05", 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0);
	EXPECT("2025-06", 4, 5, 4, 4, 4, 7, 3, 1, 1, 1, 4000);
	EXPECT("total", 5, 5, 4, 5, 4, 8, 3, 1, 1, 1, 4000);

	/* the place filter applies to days too */
	CHECK_INT(run(REPORT_BY_DAY, jun1, jul1, "33.21"), 0);
	EXPECT("total", 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0);
	EXPECT("2025-06-05", 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

static void
test_by_agent(void)
{
	int64_t			 jul1 = at(7, 1, 0, 0, 0);
	const struct report_row	*r;
	struct report_agent	 ra;

	CHECK_INT(run(REPORT_BY_AGENT, jun1, jul1, ""), 0);
	CHECK_INT(nrows, 3);		/* Ani, Budi, total (Cici removed) */
	CHECK_STR(rows[0].group, "+62813******01");
	CHECK_STR(rows[0].name, "Ani");
	CHECK_STR(rows[1].name, "Budi");
	CHECK(rows[2].kind == REPORT_ROW_TOTAL);
	/*		new tot act lst upd cre cmp can rej exp value */
	EXPECT("+62813******01", 0, 1, 2, 1, 2, 4, 2, 1, 1, 0, 3000);
	EXPECT("+62813******02", 2, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0);
	EXPECT("total", 2, 2, 2, 2, 3, 4, 2, 1, 1, 0, 3000);
	if ((r = row("+62813******01")) != NULL) {
		CHECK_INT(r->sellers_linked, 1);
		CHECK_INT(r->via_agent, 2);
		CHECK_INT(r->flagged, 2);	/* bought O7, P2 gone in 10 h */
	}
	if ((r = row("+62813******02")) != NULL) {
		CHECK_INT(r->sellers_linked, 2);	/* one not a seller yet */
		CHECK_INT(r->via_agent, 1);
		CHECK_INT(r->flagged, 0);
	}
	if ((r = row("total")) != NULL) {
		CHECK_INT(r->sellers_linked, 3);
		CHECK_INT(r->via_agent, 3);
		CHECK_INT(r->flagged, 2);
	}

	/* with a place filter: Budi keeps s2's events only */
	CHECK_INT(run(REPORT_BY_AGENT, jun1, jul1, "33.20.01"), 0);
	CHECK_INT(nrows, 3);
	EXPECT("+62813******01", 0, 1, 2, 1, 2, 4, 2, 1, 1, 0, 3000);
	EXPECT("+62813******02", 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0);
	if ((r = row("+62813******02")) != NULL)
		CHECK_INT(r->sellers_linked, 0);
	/* Budi's assistant place is elsewhere: no row when nothing counts */
	CHECK_INT(run(REPORT_BY_AGENT, jun1, jul1, "33.21"), 0);
	CHECK_INT(nrows, 1);

	/* May: Cici was linked to s1 then, s1 registered before it */
	CHECK_INT(run(REPORT_BY_AGENT, at(5, 1, 0, 0, 0), at(5, 16, 0, 0, 0),
	    ""), 0);
	CHECK_INT(nrows, 4);
	EXPECT("+62813******03", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

	/* LAPORAN: Ani's June, the same figures as her row */
	CHECK_INT(report_agent(st, "+6281300000001", jun1, jul1, &ra), 0);
	CHECK_INT(ra.linked_now, 1);
	CHECK_INT(ra.linked_new, 1);
	CHECK_INT(ra.products_listed, 1);
	CHECK_INT(ra.updates, 2);
	CHECK_INT(ra.orders_completed, 2);
	CHECK_INT(ra.value_completed_rp, 3000);
	CHECK_INT(report_agent(st, "+6281300000002", jun1, jul1, &ra), 0);
	CHECK_INT(ra.linked_now, 2);
	CHECK_INT(ra.linked_new, 3);
	CHECK_INT(ra.products_listed, 1);
	CHECK_INT(ra.updates, 1);
	CHECK_INT(report_agent(st, "+6281300000003", jun1, jul1, &ra), 1);
	CHECK_INT(report_agent(st, "+6281100000001", jun1, jul1, &ra), 1);
}

static void
test_helpers(void)
{
	int64_t	t;
	size_t	n;

	CHECK_INT(report_day_start("2025-06-01", &t), 0);
	CHECK_INT(t, 1748710800);	/* 2025-05-31 17:00 UTC */
	CHECK_INT(report_day_add(t, 30), 1748710800 + 30 * 86400);
	CHECK_INT(report_month_start(t + 20 * 86400), t);
	CHECK_INT(report_day_start("2024-02-29", &t), 0);
	CHECK_INT(report_day_start("2025-02-29", &t), -1);
	CHECK_INT(report_day_start("2025-13-01", &t), -1);
	CHECK_INT(report_day_start("2025-6-01", &t), -1);
	CHECK_INT(report_day_start("2025-06-01x", &t), -1);
	CHECK_INT(report_day_start("", &t), -1);
	CHECK_INT(report_by_parse("district"), REPORT_BY_DISTRICT);
	CHECK_INT(report_by_parse("courier"), REPORT_BY_COURIER);
	CHECK_INT(report_by_parse("kurir"), -1);
	CHECK_STR(report_by_name(REPORT_BY_COURIER), "courier");
	CHECK_STR(report_by_name(REPORT_BY_MONTH), "month");
	CHECK_STR(report_columns(REPORT_BY_VILLAGE, &n)[2].name, "sellers_new");
	CHECK_INT(n, 16);
	CHECK_STR(report_columns(REPORT_BY_AGENT, &n)[n - 1].name, "flagged");
	CHECK_INT(n, 19);
	CHECK_STR(report_columns(REPORT_BY_COURIER, &n)[2].name, "jobs");
	CHECK_STR(report_columns(REPORT_BY_COURIER, &n)[1].name, "name");
	CHECK_STR(report_columns(REPORT_BY_COURIER, &n)[n - 1].name,
	    "fees_rp");
	CHECK_INT(n, 6);
}

/* HAPUS keeps its time in delisted_s, which products_listed reads: a
 * product listed and removed the same hour is not counted. */
static void
test_delist_time(void)
{
	struct repo	r;
	struct product	p;
	int64_t		t = at(8, 1, 10, 0, 0);

	repo_sqlite_init(&r, st);
	memset(&p, 0, sizeof(p));
	p.seller_id = 1;
	snprintf(p.name, sizeof(p.name), "x");
	p.price_rp = 1000;
	p.stock = 1;
	CHECK_INT(r.ops->product_add(r.be, &p, t), REPO_OK);
	CHECK_INT(r.ops->product_delist(r.be, p.id, "+6281100000001",
	    t + 3600), REPO_OK);
	CHECK_INT(run(REPORT_BY_VILLAGE, at(8, 1, 0, 0, 0), at(8, 2, 0, 0, 0),
	    ""), 0);
	EXPECT("total", 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	CHECK_INT(r.ops->product_add(r.be, &p, t), REPO_OK);
	CHECK_INT(r.ops->product_delist(r.be, p.id, "+6281100000001",
	    t + 86400), REPO_OK);
	CHECK_INT(run(REPORT_BY_VILLAGE, at(8, 1, 0, 0, 0), at(8, 2, 0, 0, 0),
	    ""), 0);
	EXPECT("total", 0, 6, 1, 1, 0, 0, 0, 0, 0, 0, 0);
}

/* issue 13, payment records: paid_rp and cod_rp split value_completed_rp
 * by orders.paid_method: any method but TUNAI is paid, TUNAI or nothing
 * recorded is cash; orders not completed in the period count in neither. */
static void
test_paid(void)
{
	const struct report_row	*r;
	int64_t			 jul1 = at(7, 1, 0, 0, 0);

	/* V1 in June: O1 2.000 OVO, O2 1.000 TUNAI, O7 1.000 nothing; O6
	 * (3.000, delivered on July's first second) GOPAY: not June's. */
	sql("UPDATE orders SET paid_method = 'OVO', paid_ref = 'R1', "
	    "paid_at = ?1 WHERE id = 1", 1, at(6, 5, 11, 0, 0));
	sql("UPDATE orders SET paid_method = 'TUNAI', paid_at = ?1 "
	    "WHERE id = 2", 1, at(6, 1, 0, 0, 0));
	sql("UPDATE orders SET paid_method = 'GOPAY', paid_at = ?1 "
	    "WHERE id = 6", 1, at(6, 30, 23, 30, 0));
	/* shipped, not completed: never counted */
	sql("UPDATE orders SET paid_method = 'DANA', paid_at = ?1 "
	    "WHERE id = 8", 1, at(6, 9, 0, 0, 0));
	CHECK_INT(run(REPORT_BY_VILLAGE, jun1, jul1, ""), 0);
	if ((r = row("33.20.01.2001")) != NULL) {
		CHECK_INT(r->value_completed_rp, 4000);
		CHECK_INT(r->paid_rp, 2000);
		CHECK_INT(r->cod_rp, 2000);
	}
	if ((r = row("33.21.01.2001")) != NULL) {
		CHECK_INT(r->paid_rp, 0);
		CHECK_INT(r->cod_rp, 0);
	}
	if ((r = row("total")) != NULL) {
		CHECK_INT(r->paid_rp, 2000);
		CHECK_INT(r->cod_rp, r->value_completed_rp - 2000);
	}
	/* July: O6 by GOPAY */
	CHECK_INT(run(REPORT_BY_MONTH, jul1, at(8, 1, 0, 0, 0), ""), 0);
	if ((r = row("total")) != NULL) {
		CHECK_INT(r->value_completed_rp, 3000);
		CHECK_INT(r->paid_rp, 3000);
		CHECK_INT(r->cod_rp, 0);
	}
	/* By assistant: A1's sellers' share (S1 linked all June). */
	CHECK_INT(run(REPORT_BY_AGENT, jun1, jul1, ""), 0);
	if ((r = row("total")) != NULL)
		CHECK_INT(r->paid_rp + r->cod_rp, r->value_completed_rp);
	sql("UPDATE orders SET paid_method = NULL, paid_ref = '', "
	    "paid_at = NULL", 0);
}
#define K1	"'+6281500000001'"
#define K2	"'+6281500000002'"

/* September 2025: couriers and their jobs (courier_jobs, as the courier
 * commands write them), and orders that became 'returned'. K1 Joko (V1)
 * delivers O101, fails O102 (returned), gives O103 back; K2 Eko (V3)
 * delivers O103 and O105 (assigned the last second of August, delivered
 * the first of September), holds O104 open, fails O106 at October's first
 * second (O106 returned then: not September's). K3 was removed in August,
 * K4 enrolled in October: no rows. O107, unplaced, returned without a
 * courier (KIRIM, then the seller's GAGAL). */
static void
fill_couriers(void)
{
	int64_t	sep1 = at(9, 1, 0, 0, 0), oct1 = at(10, 1, 0, 0, 0);

	sql("INSERT INTO couriers (msisdn, name, place, fee_rp, created_s, "
	    "removed_s) VALUES (" K1 ", 'Joko', " V1 ", 5000, ?1, NULL),"
	    "(" K2 ", 'Eko', " V3 ", 7000, ?1, NULL),"
	    "('+6281500000003', 'Tono', " V1 ", 0, ?1, ?2),"
	    "('+6281500000004', 'Wati', " V1 ", 0, ?3, NULL)", 3,
	    at(8, 1, 0, 0, 0), at(8, 15, 0, 0, 0), oct1);
	sql("INSERT INTO orders (id, buyer, seller_id, product_id, qty, "
	    "unit_price_rp, state, created_at, delivered_at, closed_at, place, "
	    "courier, fee_rp, assigned_at, returned_at) VALUES "
	    "(101, '+62857101', 1, 1, 1, 1000, 'delivered', ?1, ?2, NULL, " V1
	    ", NULL, 0, ?1, NULL),"
	    "(102, '+62857102', 1, 1, 2, 1000, 'returned', ?3, NULL, NULL, " V1
	    ", NULL, 0, ?3, ?4),"
	    "(103, '+62857103', 1, 1, 1, 1000, 'delivered', ?5, ?6, NULL, " V1
	    ", NULL, 0, ?5, NULL),"
	    "(104, '+62857104', 3, 1, 1, 1000, 'assigned', ?7, NULL, NULL, " V3
	    ", " K2 ", 7000, ?7, NULL),"
	    "(105, '+62857105', 3, 1, 1, 1000, 'delivered', ?8, ?9, NULL, " V3
	    ", NULL, 0, ?8, NULL),"
	    "(106, '+62857106', 3, 1, 1, 1000, 'returned', ?10, NULL, NULL, " V3
	    ", NULL, 0, ?10, ?11),"
	    "(107, '+62857107', 4, 5, 1, 500, 'returned', ?12, NULL, NULL, '', "
	    "NULL, 0, NULL, ?13)", 13,
	    at(9, 2, 10, 0, 0), at(9, 3, 10, 0, 0),
	    at(9, 4, 10, 0, 0), at(9, 5, 10, 0, 0),
	    at(9, 6, 10, 0, 0), at(9, 8, 10, 0, 0),
	    at(9, 30, 23, 0, 0),
	    at(8, 31, 23, 59, 59), sep1,
	    at(9, 29, 10, 0, 0), oct1,
	    at(9, 14, 10, 0, 0), at(9, 15, 10, 0, 0));
	sql("INSERT INTO courier_jobs (order_id, courier, fee_rp, assigned_s, "
	    "picked_s, ended_s, outcome) VALUES "
	    "(101, " K1 ", 5000, ?1, ?1, ?2, 'delivered'),"
	    "(102, " K1 ", 5000, ?3, ?3, ?4, 'failed'),"
	    "(103, " K1 ", 5000, ?5, NULL, ?5, 'given_back'),"
	    "(103, " K2 ", 7000, ?6, ?6, ?7, 'delivered'),"
	    "(104, " K2 ", 7000, ?8, NULL, NULL, NULL),"
	    "(105, " K2 ", 7000, ?9, ?9, ?10, 'delivered'),"
	    "(106, " K2 ", 7000, ?11, ?11, ?12, 'failed')", 12,
	    at(9, 2, 11, 0, 0), at(9, 3, 10, 0, 0),
	    at(9, 4, 11, 0, 0), at(9, 5, 10, 0, 0),
	    at(9, 6, 11, 0, 0),
	    at(9, 7, 10, 0, 0), at(9, 8, 10, 0, 0),
	    at(9, 30, 23, 0, 0),
	    at(8, 31, 23, 59, 59), sep1,
	    at(9, 29, 11, 0, 0), oct1);
}

/* The courier figures of group: jobs, delivered, failed, fees_rp. */
static void
expect_courier(int line, const char *group, int64_t jobs, int64_t delivered,
    int64_t failed, int64_t fees)
{
	const struct report_row	*r = row(group);

	CHECK(r != NULL);
	if (r == NULL)
		return;
	if (r->jobs != jobs || r->delivered != delivered ||
	    r->failed != failed || r->fees_rp != fees)
		fprintf(stderr, "line %d: %s: %lld %lld %lld %lld\n", line,
		    group, (long long)r->jobs, (long long)r->delivered,
		    (long long)r->failed, (long long)r->fees_rp);
	CHECK_INT(r->jobs, jobs);
	CHECK_INT(r->delivered, delivered);
	CHECK_INT(r->failed, failed);
	CHECK_INT(r->fees_rp, fees);
	CHECK_INT(r->orders_created, 0);	/* not a courier column */
}
#define EXPECT_K(g, j, d, f, fee)	expect_courier(__LINE__, g, j, d, f, fee)

static void
test_by_courier(void)
{
	int64_t	sep1 = at(9, 1, 0, 0, 0), oct1 = at(10, 1, 0, 0, 0);

	fill_couriers();
	CHECK_INT(run(REPORT_BY_COURIER, sep1, oct1, ""), 0);
	CHECK_INT(nrows, 3);		/* Joko, Eko, total */
	CHECK_STR(rows[0].group, "+62815******01");
	CHECK_STR(rows[0].name, "Joko");
	CHECK_STR(rows[1].group, "+62815******02");
	CHECK_STR(rows[1].name, "Eko");
	CHECK(rows[2].kind == REPORT_ROW_TOTAL);
	/*		jobs delivered failed fees */
	EXPECT_K("+62815******01", 3, 1, 1, 5000);
	EXPECT_K("+62815******02", 3, 2, 0, 14000);
	EXPECT_K("total", 6, 3, 1, 19000);

	/* the place filter reads the job's order: Eko keeps O103 only */
	CHECK_INT(run(REPORT_BY_COURIER, sep1, oct1, "33.20.01"), 0);
	CHECK_INT(nrows, 3);
	EXPECT_K("+62815******01", 3, 1, 1, 5000);
	EXPECT_K("+62815******02", 1, 1, 0, 7000);
	EXPECT_K("total", 4, 2, 1, 12000);
	/* nobody's jobs nor enrolment there: the total alone */
	CHECK_INT(run(REPORT_BY_COURIER, sep1, oct1, "33.21"), 0);
	CHECK_INT(nrows, 1);
	EXPECT_K("total", 0, 0, 0, 0);

	/* August: Tono (removed on the 15th) has a row; O105 assigned on
	 * its last second */
	CHECK_INT(run(REPORT_BY_COURIER, at(8, 1, 0, 0, 0), sep1, ""), 0);
	CHECK_INT(nrows, 4);
	CHECK_STR(rows[2].name, "Tono");
	EXPECT_K("+62815******02", 1, 0, 0, 0);
	EXPECT_K("total", 1, 0, 0, 0);
	/* October: O106's failure at its first second, Wati enrolled */
	CHECK_INT(run(REPORT_BY_COURIER, oct1, at(11, 1, 0, 0, 0), ""), 0);
	CHECK_INT(nrows, 4);
	EXPECT_K("+62815******02", 0, 0, 1, 0);
	EXPECT_K("+62815******04", 0, 0, 0, 0);
	EXPECT_K("total", 0, 0, 1, 0);

	/* orders_returned by returned_at, in every grouping */
	CHECK_INT(run(REPORT_BY_VILLAGE, sep1, oct1, ""), 0);
	CHECK_INT(row("33.20.01.2001")->orders_returned, 1);
	CHECK_INT(row("33.20.02.2001")->orders_returned, 0);
	CHECK_INT(row("unplaced")->orders_returned, 1);
	CHECK_INT(row("total")->orders_returned, 2);
	CHECK_INT(row("total")->orders_created, 6);
	CHECK_INT(row("total")->orders_completed, 3);	/* 101, 103, 105 */
	CHECK_INT(run(REPORT_BY_DISTRICT, sep1, oct1, ""), 0);
	CHECK_INT(row("33.20.01")->orders_returned, 1);
	CHECK_INT(row("total")->orders_returned, 2);
	CHECK_INT(run(REPORT_BY_REGENCY, sep1, oct1, "33.20"), 0);
	CHECK_INT(row("33.20")->orders_returned, 1);
	CHECK_INT(row("total")->orders_returned, 1);
	CHECK_INT(run(REPORT_BY_DAY, sep1, oct1, ""), 0);
	CHECK_INT(row("2025-09-05")->orders_returned, 1);
	CHECK_INT(row("2025-09-04")->orders_returned, 0);
	CHECK_INT(row("2025-09-15")->orders_returned, 1);
	CHECK_INT(row("total")->orders_returned, 2);
	CHECK_INT(run(REPORT_BY_MONTH, sep1, at(11, 1, 0, 0, 0), ""), 0);
	CHECK_INT(row("2025-09")->orders_returned, 2);
	CHECK_INT(row("2025-10")->orders_returned, 1);
	CHECK_INT(row("total")->orders_returned, 3);
	/* by assistant: Ani is still linked to s1 (O102) */
	CHECK_INT(run(REPORT_BY_AGENT, sep1, oct1, ""), 0);
	CHECK_INT(row("+62813******01")->orders_returned, 1);
	CHECK_INT(row("total")->orders_returned, 1);
}

int
main(void)
{
	char	err[256];

	setenv("TZ", "Asia/Jakarta", 1);
	tzset();
	if (store_open(&st, ":memory:", false, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	jun1 = at(6, 1, 0, 0, 0);
	fill();
	test_helpers();
	test_by_place();
	test_by_time();
	test_by_agent();
	test_delist_time();
	test_paid();
	test_by_courier();
	free(rows);
	store_close(st);
	return T_DONE();
}
