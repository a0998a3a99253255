/* Phone numbers never reach a page: a run of 8 or more digits (a leading
 * '+', and spaces, dots or dashes between digits allowed) inside a
 * product or shop name is masked on the web as "08•••••••90": the first
 * two and the last two digits kept, one dot per hidden digit. */
#ifndef LAPAK_WEB_MASK_H
#define LAPAK_WEB_MASK_H
#include "web/buf.h"

#define WEB_MASK_DIGITS	8	/* shorter runs are kept (prices, sizes) */

/* Appends s to b with every phone-like digit run masked (raw text: the
 * caller escapes it, or uses wbuf_html_masked). */
void	web_mask(struct wbuf *b, const char *s);
/* Masks text[size] in place (a download's cells); what no longer fits
 * is cut at a character boundary. */
void	web_mask_inplace(char *text, size_t size);
/* Appends s masked and HTML-escaped: how every name from the store
 * enters a page. */
void	wbuf_html_masked(struct wbuf *b, const char *s);

#endif
