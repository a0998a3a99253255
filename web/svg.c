/* Inline SVG charts for the officers' dashboard: a line or bar chart of one
 * series over time, sized for a phone, a few hundred bytes plus ~40 per
 * point. */
#include "web/svg.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define W		640	/* viewBox width */
#define H		180	/* viewBox height */
#define TOP		12
#define BOTTOM		28	/* room for the x labels */
#define RIGHT		12	/* at least; more for a long last label */
#define CHAR_W		7	/* a digit's width at font-size 11, roughly */
#define XLABELS_MAX	8

char *
svg_num(char *buf, size_t len, int64_t v, bool en)
{
	char		 digits[24], out[40];
	uint64_t	 u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	size_t		 nd, i, o = 0;

	nd = (size_t)snprintf(digits, sizeof(digits), "%" PRIu64, u);
	if (v < 0)
		out[o++] = '-';
	for (i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			out[o++] = en ? ',' : '.';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, len, "%s", out);
	return buf;
}

/* The smallest 1, 2 or 5 times a power of ten >= x (x > 0), or 0 when that
 * does not fit in int64. */
static int64_t
nice_step(int64_t x)
{
	int64_t	p = 1;

	for (;;) {
		if (x <= p)
			return p;
		if (p <= INT64_MAX / 2 && x <= 2 * p)
			return 2 * p;
		if (p <= INT64_MAX / 5 && x <= 5 * p)
			return 5 * p;
		if (p > INT64_MAX / 10)
			return 0;
		p *= 10;
	}
}

void
svg_chart(struct wbuf *b, const struct svg_chart *c)
{
	int64_t		 max = 0, step, ticks[8];
	int		 nt = 0, i;
	size_t		 k, every, lw = 1;
	double		 top, left, right, pw, ph, slot, half;
	char		 num[40];

	for (k = 0; k < c->n; k++)
		if (c->values[k] > max)
			max = c->values[k];
	/* Ticks 0, step, ... up to the first at or above max; about 4. */
	step = max <= 4 ? 1 : nice_step(max / 4 + (max % 4 != 0));
	if (step == 0)
		step = INT64_MAX / 4 + 1;	/* only near INT64_MAX */
	ticks[nt++] = 0;
	while (nt < 8 && ticks[nt - 1] < max) {
		if (ticks[nt - 1] > INT64_MAX - step)
			break;
		ticks[nt] = ticks[nt - 1] + step;
		nt++;
	}
	if (max == 0 && nt == 1)
		ticks[nt++] = 1;
	top = (double)ticks[nt - 1];
	if (top < (double)max)
		top = (double)max;
	for (i = 0; i < nt; i++) {
		size_t	l = strlen(svg_num(num, sizeof(num), ticks[i], c->en));

		if (l > lw)
			lw = l;
	}
	/* Room for the y labels, and for half an x label at either end. */
	for (k = 0, half = 0; k < c->n; k++)
		if ((double)strlen(c->labels[k]) * CHAR_W / 2 + 4 > half)
			half = (double)strlen(c->labels[k]) * CHAR_W / 2 + 4;
	left = 10.0 + (double)(lw * CHAR_W);
	if (left < half)
		left = half;
	right = half > RIGHT ? half : RIGHT;
	pw = W - left - right;
	ph = H - TOP - BOTTOM;

	wbuf_puts(b, "<svg class=\"chart\" data-series=\"");
	wbuf_html(b, c->series);
	wbuf_puts(b, "\" data-values=\"");
	for (k = 0; k < c->n; k++)
		wbuf_printf(b, "%s%" PRId64, k ? "," : "", c->values[k]);
	wbuf_printf(b, "\" viewBox=\"0 0 %d %d\" width=\"100%%\" "
	    "role=\"img\" style=\"font: 11px sans-serif\">"
	    "<title>", W, H);
	wbuf_html(b, c->title);
	wbuf_puts(b, "</title><desc>");
	for (k = 0; k < c->n; k++) {
		if (k)
			wbuf_puts(b, "; ");
		wbuf_html(b, c->labels[k]);
		wbuf_puts(b, ": ");
		wbuf_puts(b, svg_num(num, sizeof(num), c->values[k], c->en));
	}
	if (c->n == 0 && c->empty != NULL)
		wbuf_html(b, c->empty);
	wbuf_puts(b, "</desc>");

	/* y axis: a grid line and a label per tick */
	wbuf_puts(b, "<g stroke=\"#ddd\">");
	for (i = 0; i < nt; i++) {
		double	y = TOP + ph - ph * ((double)ticks[i] / top);

		wbuf_printf(b, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" "
		    "y2=\"%.1f\"/>", left, y, W - right, y);
	}
	wbuf_puts(b, "</g><g text-anchor=\"end\" fill=\"#555\">");
	for (i = 0; i < nt; i++) {
		double	y = TOP + ph - ph * ((double)ticks[i] / top);

		wbuf_printf(b, "<text x=\"%.0f\" y=\"%.1f\">%s</text>",
		    left - 4, y + 4, svg_num(num, sizeof(num), ticks[i],
		    c->en));
	}
	wbuf_puts(b, "</g>");
	if (c->n == 0) {
		wbuf_printf(b, "<text x=\"%.0f\" y=\"%.0f\" "
		    "text-anchor=\"middle\" fill=\"#555\">", left + pw / 2,
		    TOP + ph / 2);
		wbuf_html(b, c->empty != NULL ? c->empty : "-");
		wbuf_puts(b, "</text></svg>");
		return;
	}

	/* the series: slot k's middle at left + slot * (k + 0.5) */
	slot = pw / (double)c->n;
	if (c->kind == SVG_BAR) {
		wbuf_puts(b, "<g fill=\"#2a7ab9\">");
		for (k = 0; k < c->n; k++) {
			double	v = c->values[k] > 0 ?
			    (double)c->values[k] : 0.0;
			double	h = ph * (v / top);

			wbuf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" "
			    "width=\"%.1f\" height=\"%.1f\"/>",
			    left + slot * (double)k + slot * 0.15,
			    TOP + ph - h, slot * 0.7, h);
		}
		wbuf_puts(b, "</g>");
	} else {
		wbuf_puts(b, "<polyline fill=\"none\" stroke=\"#2a7ab9\" "
		    "stroke-width=\"2\" points=\"");
		for (k = 0; k < c->n; k++) {
			double	v = c->values[k] > 0 ?
			    (double)c->values[k] : 0.0;

			wbuf_printf(b, "%s%.1f,%.1f", k ? " " : "",
			    left + slot * ((double)k + 0.5),
			    TOP + ph - ph * (v / top));
		}
		wbuf_puts(b, "\"/>");
		if (c->n <= 40) {
			wbuf_puts(b, "<g fill=\"#2a7ab9\">");
			for (k = 0; k < c->n; k++) {
				double	v = c->values[k] > 0 ?
				    (double)c->values[k] : 0.0;

				wbuf_printf(b, "<circle cx=\"%.1f\" "
				    "cy=\"%.1f\" r=\"3\"/>",
				    left + slot * ((double)k + 0.5),
				    TOP + ph - ph * (v / top));
			}
			wbuf_puts(b, "</g>");
		}
	}

	/* x labels: every k-th so at most XLABELS_MAX, the last one always */
	every = (c->n + XLABELS_MAX - 1) / XLABELS_MAX;
	wbuf_puts(b, "<g text-anchor=\"middle\" fill=\"#555\">");
	for (k = 0; k < c->n; k++) {
		if (k % every != 0 && k != c->n - 1)
			continue;
		if (k != c->n - 1 && c->n - 1 - k < every && k != 0)
			continue;	/* too near the last one */
		wbuf_printf(b, "<text x=\"%.1f\" y=\"%d\">",
		    left + slot * ((double)k + 0.5), H - 10);
		wbuf_html(b, c->labels[k]);
		wbuf_puts(b, "</text>");
	}
	wbuf_puts(b, "</g></svg>");
}
