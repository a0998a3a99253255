/* Allocation helpers that abort on out-of-memory, and bounded string copy. */
#ifndef LAPAK_XALLOC_H
#define LAPAK_XALLOC_H
#include <stdbool.h>
#include <stddef.h>

/* All of these abort the process on allocation failure. */
void	*xmalloc(size_t n);
void	*xcalloc(size_t n, size_t size);
void	*xrealloc(void *p, size_t n);
char	*xstrdup(const char *s);

/* Copies src into dst[dstsz], always NUL-terminated. Returns false when it had
 * to truncate (the caller decides whether that is an error). */
bool	 strlcpy_ok(char *dst, const char *src, size_t dstsz);

#endif
