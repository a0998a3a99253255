/* A growing text buffer for lapak-web's pages, with the one HTML escaper:
 * every text that came from the store or the request goes through
 * wbuf_html (or wbuf_attr) and nothing else. Owns its memory. */
#ifndef LAPAK_WEB_BUF_H
#define LAPAK_WEB_BUF_H
#include <stddef.h>

struct wbuf {
	char	*p;		/* NUL-terminated, xrealloc'ed */
	size_t	 len;
	size_t	 cap;
};

/* Empties b (keeps its memory). */
void	wbuf_reset(struct wbuf *b);
/* Frees b's memory; b is empty and reusable after. NULL-safe. */
void	wbuf_free(struct wbuf *b);
/* Hands b's text to the caller (free() it) and empties b; never NULL. */
char	*wbuf_take(struct wbuf *b, size_t *len);

/* Appends raw bytes / a raw string / formatted text (markup we wrote). */
void	wbuf_put(struct wbuf *b, const char *s, size_t n);
void	wbuf_puts(struct wbuf *b, const char *s);
void	wbuf_printf(struct wbuf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Appends s as HTML text or a quoted attribute value: & < > " ' become
 * entities; bytes that are not valid UTF-8 and control characters other
 * than tab and newline become U+FFFD, so no input breaks the page. */
void	wbuf_html(struct wbuf *b, const char *s);
/* Appends s percent-encoded for a URL query or path part (RFC 3986
 * unreserved characters kept). */
void	wbuf_url(struct wbuf *b, const char *s);

#endif
