/* web/svg.c: the dashboard's inline SVG charts: data-values are the exact
 * figures, labels and titles escaped, empty, one-point, all-zero and huge
 * series, round ticks, and the grouped numbers. Each chart is also checked
 * with tidy -q -e inside a page (tidy missing is a failure: scripts/deps.sh
 * installs it). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/t.h"
#include "web/svg.h"

static int	tidy_ok = -1;	/* -1 unknown, 0 missing, 1 present */

/* Wraps the chart in a minimal page and runs tidy -q -e on it: 0 on no
 * errors or warnings. */
static int
tidy_check(const char *svg)
{
	char	path[] = "/tmp/test_web_svg.XXXXXX", cmd[128];
	FILE	*f;
	int	 fd, rc;

	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL)
		return -1;
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"id\"><head><meta "
	    "charset=\"utf-8\"><title>t</title></head><body>\n<figure>%s"
	    "</figure>\n</body></html>\n", svg);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "tidy -q -e %s", path);
	rc = system(cmd);
	unlink(path);
	return rc;
}

static void
check_tidy(const char *svg)
{
	if (tidy_ok == -1) {
		tidy_ok = system("command -v tidy > /dev/null 2>&1") == 0;
		if (!tidy_ok)
			fprintf(stderr, "tidy missing (scripts/deps.sh)\n");
		CHECK(tidy_ok);
	}
	if (!tidy_ok)
		return;
	CHECK_INT(tidy_check(svg), 0);
}

static char *
draw(enum svg_kind kind, const char *title, const char *const *labels,
    const int64_t *values, size_t n, bool en)
{
	struct svg_chart	c;
	struct wbuf		b = { 0 };

	memset(&c, 0, sizeof(c));
	c.kind = kind;
	c.series = "orders_completed";
	c.title = title;
	c.labels = labels;
	c.values = values;
	c.n = n;
	c.en = en;
	c.empty = "Belum ada data";
	svg_chart(&b, &c);
	return wbuf_take(&b, NULL);
}

static void
test_values(void)
{
	static const char *const lab[] = { "2025-05", "2025-06", "2025-07" };
	static const int64_t	 v[] = { 1, 0, 3 };
	char			*s;

	s = draw(SVG_LINE, "Pesanan selesai", lab, v, 3, false);
	CHECK(strncmp(s, "<svg class=\"chart\" data-series=\"orders_completed\" "
	    "data-values=\"1,0,3\"", 63) == 0);
	CHECK(strstr(s, "<title>Pesanan selesai</title>") != NULL);
	CHECK(strstr(s, "<desc>2025-05: 1; 2025-06: 0; 2025-07: 3</desc>") !=
	    NULL);
	CHECK(strstr(s, "<polyline") != NULL);
	CHECK(strstr(s, ">2025-07</text>") != NULL);
	CHECK(strstr(s, "<script") == NULL);
	CHECK(strstr(s, "</svg>") != NULL);
	check_tidy(s);
	free(s);
	s = draw(SVG_BAR, "Nilai", lab, v, 3, true);
	CHECK(strstr(s, "data-values=\"1,0,3\"") != NULL);
	CHECK(strstr(s, "<rect") != NULL);
	check_tidy(s);
	free(s);
}

static void
test_escaping(void)
{
	static const char *const lab[] = { "<script>alert(1)</script>",
	    "a \"b\" & 'c'" };
	static const int64_t	 v[] = { 5, 7 };
	char			*s;

	s = draw(SVG_LINE, "<b>T</b> & \"x\"", lab, v, 2, false);
	CHECK(strstr(s, "<script>") == NULL);
	CHECK(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
	CHECK(strstr(s, "a &quot;b&quot; &amp; &#39;c&#39;") != NULL);
	CHECK(strstr(s, "<title>&lt;b&gt;T&lt;/b&gt; &amp; &quot;x&quot;"
	    "</title>") != NULL);
	check_tidy(s);
	free(s);
}

static void
test_edges(void)
{
	static const char *const lab1[] = { "2025-06-01" };
	static const int64_t	 one[] = { 42 };
	static const char *const lab3[] = { "a", "b", "c" };
	static const int64_t	 zeros[] = { 0, 0, 0 };
	static const int64_t	 huge[] = { INT64_MAX, 0, INT64_MAX - 1 };
	static const int64_t	 neg[] = { -5, 10, 2 };
	char			*s;

	s = draw(SVG_LINE, "t", NULL, NULL, 0, false);
	CHECK(strstr(s, "data-values=\"\"") != NULL);
	CHECK(strstr(s, "Belum ada data") != NULL);
	CHECK(strstr(s, "<polyline") == NULL);
	check_tidy(s);
	free(s);

	s = draw(SVG_LINE, "t", lab1, one, 1, false);
	CHECK(strstr(s, "data-values=\"42\"") != NULL);
	CHECK(strstr(s, "<circle") != NULL);	/* a point is seen */
	CHECK(strstr(s, ">2025-06-01</text>") != NULL);
	CHECK(strstr(s, ">60</text>") != NULL);	/* ticks 0 20 40 60 */
	check_tidy(s);
	free(s);

	s = draw(SVG_BAR, "t", lab3, zeros, 3, false);
	CHECK(strstr(s, "data-values=\"0,0,0\"") != NULL);
	CHECK(strstr(s, "nan") == NULL && strstr(s, "inf") == NULL);
	CHECK(strstr(s, ">1</text>") != NULL);	/* a scale 0..1 */
	check_tidy(s);
	free(s);

	s = draw(SVG_LINE, "t", lab3, huge, 3, false);
	CHECK(strstr(s, "data-values=\"9223372036854775807,0,"
	    "9223372036854775806\"") != NULL);
	CHECK(strstr(s, "nan") == NULL && strstr(s, "inf") == NULL);
	CHECK(strstr(s, "9.223.372.036.854.775.807: ") != NULL ||
	    strstr(s, "a: 9.223.372.036.854.775.807") != NULL);
	check_tidy(s);
	free(s);

	s = draw(SVG_BAR, "t", lab3, neg, 3, false);
	CHECK(strstr(s, "data-values=\"-5,10,2\"") != NULL);
	CHECK(strstr(s, "height=\"-") == NULL);	/* drawn at zero */
	free(s);
}

static void
test_num(void)
{
	char	b[40];

	CHECK_STR(svg_num(b, sizeof(b), 0, false), "0");
	CHECK_STR(svg_num(b, sizeof(b), 999, false), "999");
	CHECK_STR(svg_num(b, sizeof(b), 15000, false), "15.000");
	CHECK_STR(svg_num(b, sizeof(b), 15000, true), "15,000");
	CHECK_STR(svg_num(b, sizeof(b), 1234567, false), "1.234.567");
	CHECK_STR(svg_num(b, sizeof(b), -1234, true), "-1,234");
	CHECK_STR(svg_num(b, sizeof(b), INT64_MIN, true),
	    "-9,223,372,036,854,775,808");
}

static void
test_x_labels(void)
{
	const char	*lab[30];
	int64_t		 v[30];
	char		 names[30][12], *s, *p;
	int		 i, shown = 0;

	for (i = 0; i < 30; i++) {
		snprintf(names[i], sizeof(names[i]), "06-%02d", i + 1);
		lab[i] = names[i];
		v[i] = i;
	}
	s = draw(SVG_LINE, "t", lab, v, 30, false);
	for (p = s; (p = strstr(p, ">06-")) != NULL; p++)
		shown++;
	CHECK(shown >= 2 && shown <= 9);
	CHECK(strstr(s, ">06-30</text>") != NULL);	/* the last day */
	CHECK(strstr(s, "06-17: 16") != NULL);		/* all in desc */
	check_tidy(s);
	free(s);
}

int
main(void)
{
	test_values();
	test_escaping();
	test_edges();
	test_num();
	test_x_labels();
	return T_DONE();
}
