/* wbuf: lapak-web's growing text buffer and its HTML and URL escapers. */
#include "web/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"
#include "common/xalloc.h"

static void
wbuf_grow(struct wbuf *b, size_t more)
{
	size_t need = b->len + more + 1;

	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

void
wbuf_reset(struct wbuf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

void
wbuf_free(struct wbuf *b)
{
	if (!b)
		return;
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

char *
wbuf_take(struct wbuf *b, size_t *len)
{
	char *p;

	wbuf_grow(b, 0);
	b->p[b->len] = '\0';
	p = b->p;
	if (len)
		*len = b->len;
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

void
wbuf_put(struct wbuf *b, const char *s, size_t n)
{
	wbuf_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
wbuf_puts(struct wbuf *b, const char *s)
{
	wbuf_put(b, s, strlen(s));
}

void
wbuf_printf(struct wbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	wbuf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
wbuf_html(struct wbuf *b, const char *s)
{
	const char *p = s, *end = s + strlen(s);

	while (p < end) {
		unsigned char c = (unsigned char)*p;
		const char *ent = NULL;

		switch (c) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		default: break;
		}
		if (ent) {
			wbuf_puts(b, ent);
			p++;
			continue;
		}
		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n')
				wbuf_puts(b, "\xef\xbf\xbd");
			else if (c == 0x7f)
				wbuf_puts(b, "\xef\xbf\xbd");
			else
				wbuf_put(b, p, 1);
			p++;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(p, (size_t)(end - p), &cp);
		if (cp == UTF8_BAD || (cp >= 0x80 && cp < 0xa0))
			wbuf_puts(b, "\xef\xbf\xbd");
		else
			wbuf_put(b, p, n);
		p += n;
	}
}

void
wbuf_url(struct wbuf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			wbuf_put(b, (const char *)p, 1);
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			wbuf_put(b, e, 3);
		}
	}
}
