/* CARI's matching rules (commerce/search.h): query and name words, the
 * class of a word for a query word (whole word > word start > substring >
 * small edit distance), a name's score, and the place key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commerce/search.h"

static bool
is_sep(unsigned char ch)
{
	return ch < 0x80 && !((ch >= '0' && ch <= '9') ||
	    (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
}

static unsigned char
lower(unsigned char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch - 'A' + 'a') : ch;
}

int
commerce_search_words(const char *text, struct qword *out, int max)
{
	const unsigned char	*p = (const unsigned char *)text;
	int			 n = 0;

	while (*p != '\0' && n < max) {
		size_t	len = 0;

		while (*p != '\0' && is_sep(*p))
			p++;
		if (*p == '\0')
			break;
		while (*p != '\0' && !is_sep(*p)) {
			if (len + 1 < SEARCH_WORD_MAX)
				out[n].w[len++] = (char)lower(*p);
			p++;
		}
		out[n].w[len] = '\0';
		out[n].n = len;
		n++;
	}
	return n;
}

/* Optimal string alignment distance (edits incl. one transposition). */
static int
osa_distance(const char *a, size_t n, const char *b, size_t m)
{
	int	d[SEARCH_WORD_MAX + 1][SEARCH_WORD_MAX + 1];
	size_t	i, j;

	for (i = 0; i <= n; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= m; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++) {
			int	cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int	best = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][m];
}

int
commerce_search_class(const struct qword *q, const char *w, size_t n)
{
	if (n == q->n && memcmp(w, q->w, n) == 0)
		return SEARCH_EXACT;
	if (n > q->n && memcmp(w, q->w, q->n) == 0)
		return SEARCH_PREFIX;
	if (q->n >= 3 && n > q->n) {
		size_t	i;

		for (i = 1; i + q->n <= n; i++)
			if (w[i] == q->w[0] && memcmp(w + i, q->w, q->n) == 0)
				return SEARCH_INSIDE;
	}
	if (q->n >= 4 && n + 2 >= q->n && n <= q->n + 2) {
		int	allowed = q->n >= 6 ? 2 : 1;
		int	d = osa_distance(q->w, q->n, w, n);

		if (d <= allowed)
			return d == 1 ? SEARCH_FUZZY1 : SEARCH_FUZZY2;
	}
	return 0;
}

/* q's score in a name split into nw[0..nn-1]: its best class. */
static int
word_score(const struct qword *q, const struct qword *nw, int nn)
{
	int	best = 0, i, s;

	for (i = 0; i < nn && best < SEARCH_EXACT; i++)
		if ((s = commerce_search_class(q, nw[i].w, nw[i].n)) > best)
			best = s;
	return best;
}

int
commerce_search_score(const struct qword *q, int nq, const char *name)
{
	struct qword	nw[SEARCH_NAME_WORDS];
	int		nn, k, total = 0, s;

	nn = commerce_search_words(name, nw, SEARCH_NAME_WORDS);
	for (k = 0; k < nq; k++) {
		if ((s = word_score(&q[k], nw, nn)) == 0)
			return 0;
		total += s;
	}
	return total;
}

uint64_t
commerce_search_sig(const char *w, size_t n)
{
	uint64_t	h = 14695981039346656037ULL;
	size_t		i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 1099511628211ULL;
	return (1ULL << (h & 63)) | (1ULL << ((h >> 6) & 63));
}

uint64_t
commerce_search_name_sig(const char *name)
{
	struct qword	nw[SEARCH_NAME_WORDS];
	uint64_t	sig = 0;
	int		nn, i;

	nn = commerce_search_words(name, nw, SEARCH_NAME_WORDS);
	for (i = 0; i < nn; i++)
		sig |= commerce_search_sig(nw[i].w, nw[i].n);
	return sig;
}

void
commerce_place_key(const char *place, char *out, size_t len)
{
	size_t	n = 0;

	while (*place == ' ')
		place++;
	for (; *place != '\0' && n + 1 < len; place++)
		out[n++] = (char)lower((unsigned char)*place);
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}
