/* For store/ only: collecting CARI candidates from the FTS index
 * (search.c) and the result cache (search_cache.c). The words, candidates
 * and scorer are the commerce core's (commerce/search.h). */
#ifndef LAPAK_SEARCH_INTERNAL_H
#define LAPAK_SEARCH_INTERNAL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "commerce/search.h"

struct store;

/* Fills cs with scored, sorted matches of the words q. SQLite code
 * (SQLITE_DONE on success). */
int	search_collect(struct store *st, const struct qword *q, int nq,
	    struct cands *cs);

/*
 * The result cache (search_cache.c): the whole sorted candidate list of
 * recent queries, keyed by their words. An entry is dropped when a product
 * it holds changes or a product whose name it would match appears (TEMP
 * triggers on products and sellers call back, whatever wrote them), and
 * the whole cache on any rollback or another connection's commit, so a
 * hit is always what the query would return now.
 */
/* Sets up the callbacks on st's connection; 0, or -1 (then no cache). */
int	search_cache_attach(struct store *st);
void	search_cache_free(struct store *st);
void	search_cache_clear(struct store *st);
/* Copies the cached candidates of key into out (fitting out->cap). */
bool	search_cache_get(struct store *st, const char *key, struct cands *out);
/* Remembers cs (unless partial or large) under key with its words. */
void	search_cache_put(struct store *st, const char *key,
	    const struct qword *q, int nq, const struct cands *cs);

#endif
