/* For search.c and search_cache.c only: the query words and scored
 * candidates CARI works on, the scorer, and the result cache's API. */
#ifndef LAPAK_SEARCH_INTERNAL_H
#define LAPAK_SEARCH_INTERNAL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/action.h"

struct store;

#define SEARCH_WORDS	6	/* query words looked at */
#define SEARCH_WORD_MAX	32
#define SEARCH_KEY_MAX	(SEARCH_WORDS * SEARCH_WORD_MAX)

struct qword {
	char	w[SEARCH_WORD_MAX];
	size_t	n;
};

struct cand {
	int64_t	id;
	int64_t	price_rp;
	char	name[ACT_TEXT_MAX];
	char	unit[16];
	char	village[64];
	int	score;
	size_t	namelen;
};

struct cands {
	struct cand	*v;
	int		 n, cap;
	bool		 partial;	/* a ranked cut: depends on corpus stats */
};

/* How well the words q[0..nq-1] match a product name: 0 = not a result. */
int	search_score(const struct qword *q, int nq, const char *name);

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
