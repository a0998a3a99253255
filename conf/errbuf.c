/* Appending error lines to a fixed buffer, never past its end. */
#include <stdarg.h>
#include <stdio.h>

#include "conf/errbuf.h"

void
errf(struct errbuf *e, const char *fmt, ...)
{
	va_list	ap;
	int	w;

	e->n++;
	if (e->len == 0 || e->used + 1 >= e->len)
		return;
	if (e->used > 0)
		e->buf[e->used++] = '\n';
	va_start(ap, fmt);
	w = vsnprintf(e->buf + e->used, e->len - e->used, fmt, ap);
	va_end(ap);
	if (w > 0)
		e->used += (size_t)w;
	if (e->used >= e->len)
		e->used = e->len - 1;
	e->buf[e->used] = '\0';
}
