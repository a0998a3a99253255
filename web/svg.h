/* Charts drawn on the server as inline SVG (the officers' dashboard): one
 * series over time as a line or bars, with round y ticks, a <title> and a
 * <desc> listing every value, and the exact figures in data-values. No
 * script, no external resource. */
#ifndef LAPAK_WEB_SVG_H
#define LAPAK_WEB_SVG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web/buf.h"

enum svg_kind { SVG_LINE = 0, SVG_BAR };

struct svg_chart {
	enum svg_kind		 kind;
	const char		*series;	/* data-series: [a-z0-9_] */
	const char		*title;		/* <title>; any text */
	const char *const	*labels;	/* n x labels, any text */
	const int64_t		*values;	/* n values, x order */
	size_t			 n;
	bool			 en;		/* numbers 15,000 (else 15.000) */
	const char		*empty;		/* shown when n == 0 */
};

/*
 * Appends the chart as <svg class="chart" data-series=".." data-values=
 * "v1,v2,.."> (values as plain decimal digits, in x order) to b. Texts go
 * through wbuf_html. Negative values are drawn at zero (reports have
 * none) but kept in data-values. At most about 8 x labels are drawn (every
 * k-th); <desc> names them all.
 */
void	svg_chart(struct wbuf *b, const struct svg_chart *c);

/* v with thousands grouped: "15.000" (en false) or "15,000"; buf of at
 * least 32 bytes. Returns buf. */
char	*svg_num(char *buf, size_t len, int64_t v, bool en);

#endif
