/* CARI's matching rules, shared with the repository backends that collect
 * candidates: query words, the scorer (whole word > word start > substring
 * > small edit distance; every word must match) and the result order. */
#ifndef LAPAK_COMMERCE_SEARCH_H
#define LAPAK_COMMERCE_SEARCH_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/action.h"

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

/* Splits text into lower-case words (letters and digits); returns how
 * many, at most max. */
int	commerce_search_words(const char *text, struct qword *out, int max);
/* How well the words q[0..nq-1] match a product name: 0 = not a result. */
int	commerce_search_score(const struct qword *q, int nq, const char *name);
/* qsort order of candidates: score down, then shorter name, then id. */
int	commerce_search_cmp(const void *a, const void *b);
/* The name as JUAL compares it: ASCII letters lower-cased, any run of
 * spaces and punctuation one space, none at either end ("Kopi  'Toraja'"
 * and "kopi toraja" are one name). */
void	commerce_name_key(const char *name, char *out, size_t len);

#endif
