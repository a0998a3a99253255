/* Masking phone-like digit runs in names shown on the web (mask.h). */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "web/mask.h"

#define DOT	"\xe2\x80\xa2"	/* U+2022 BULLET */

static bool
is_sep(char c)
{
	return c == ' ' || c == '.' || c == '-';
}

/* The end of the digit run starting at p (a digit or '+' before one):
 * digits with single separators between them. *digits: how many. */
static const char *
run_end(const char *p, int *digits)
{
	const char	*end;

	*digits = 0;
	if (*p == '+')
		p++;
	end = p;
	while (isdigit((unsigned char)*p)) {
		(*digits)++;
		end = ++p;
		if (is_sep(*p) && isdigit((unsigned char)p[1]))
			p++;
		else if (*p == ' ' && (p[1] == '-' || p[1] == '.') &&
		    p[2] == ' ' && isdigit((unsigned char)p[3]))
			p += 3;	/* "0812 - 3456" */
	}
	return end;
}

void
web_mask(struct wbuf *b, const char *s)
{
	const char	*p = s, *end, *q;
	int		 digits, seen;

	while (*p != '\0') {
		bool	start = isdigit((unsigned char)*p) || (*p == '+' &&
		    isdigit((unsigned char)p[1]));

		/* Only at the start of a run: "A1234..." counts from 1. */
		if (!start || (p > s && isdigit((unsigned char)p[-1]))) {
			wbuf_put(b, p, 1);
			p++;
			continue;
		}
		end = run_end(p, &digits);
		if (digits < WEB_MASK_DIGITS) {
			wbuf_put(b, p, (size_t)(end - p));
			p = end;
			continue;
		}
		if (*p == '+')
			wbuf_put(b, p++, 1);
		for (seen = 0, q = p; q < end; q++) {
			if (!isdigit((unsigned char)*q))
				continue;
			if (seen < 2 || seen >= digits - 2)
				wbuf_put(b, q, 1);
			else
				wbuf_puts(b, DOT);
			seen++;
		}
		p = end;
	}
}

void
wbuf_html_masked(struct wbuf *b, const char *s)
{
	struct wbuf	m = { 0 };

	web_mask(&m, s);
	wbuf_html(b, m.p != NULL ? m.p : "");
	wbuf_free(&m);
}

void
web_mask_inplace(char *text, size_t size)
{
	struct wbuf	m = { 0 };
	size_t		n;

	if (size == 0)
		return;
	web_mask(&m, text);
	n = m.len < size ? m.len : size - 1;
	while (n > 0 && n < m.len && ((unsigned char)m.p[n] & 0xc0) == 0x80)
		n--;		/* not inside a UTF-8 sequence */
	memcpy(text, m.p != NULL ? m.p : "", n);
	text[n] = '\0';
	wbuf_free(&m);
}
