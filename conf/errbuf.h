/* Error collection for the loaders in conf/: every problem is appended as one
 * line ("file:line: what") so all of them can be reported at once. */
#ifndef LAPAK_ERRBUF_H
#define LAPAK_ERRBUF_H
#include <stddef.h>

struct errbuf {
	char	*buf;		/* borrowed: the caller's err[len] */
	size_t	 len, used;
	int	 n;		/* problems seen, also those cut off */
};

/* Appends one line; counts it even when the buffer is full. */
void	errf(struct errbuf *e, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
