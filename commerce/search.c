/* CARI: finding active products with stock left by name, forgiving
 * misspellings, and LAGI (the next page of the sender's last list). The
 * repository collects and scores candidates with the rules here (whole
 * word > word start > substring > small edit distance, every query word
 * must match); sold-out ones are skipped as pages are filled. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commerce/cx.h"
#include "commerce/search.h"

#define SEARCH_CAND	300	/* candidates per backend phase */

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

/* How well query word q matches a name (split into nw[0..nn-1], and whole
 * in lname): 0 = not at all. */
static int
word_score(const struct qword *q, const struct qword *nw, int nn,
    const char *lname)
{
	int	best = 0, i;

	for (i = 0; i < nn; i++) {
		if (strcmp(nw[i].w, q->w) == 0)
			return 100;
		if (nw[i].n > q->n && strncmp(nw[i].w, q->w, q->n) == 0)
			best = 90;
	}
	if (best > 0)
		return best;
	if (q->n >= 3 && strstr(lname, q->w) != NULL)
		return 70;
	if (q->n >= 4) {
		int	allowed = q->n >= 6 ? 2 : 1;

		for (i = 0; i < nn; i++) {
			int	d;

			if (nw[i].n + 2 < q->n || nw[i].n > q->n + 2)
				continue;
			d = osa_distance(q->w, q->n, nw[i].w, nw[i].n);
			if (d <= allowed && 60 - 15 * d > best)
				best = 60 - 15 * d;
		}
	}
	return best;
}

int
commerce_search_score(const struct qword *q, int nq, const char *name)
{
	struct qword	nw[16];
	char		lname[ACT_TEXT_MAX];
	size_t		i;
	int		nn, k, total = 0, s;

	for (i = 0; name[i] != '\0' && i + 1 < sizeof(lname); i++)
		lname[i] = (char)lower((unsigned char)name[i]);
	lname[i] = '\0';
	nn = commerce_search_words(name, nw, 16);
	for (k = 0; k < nq; k++) {
		if ((s = word_score(&q[k], nw, nn, lname)) == 0)
			return 0;
		total += s;
	}
	return total;
}

int
commerce_search_cmp(const void *x, const void *y)
{
	const struct cand	*a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->namelen != b->namelen)
		return a->namelen < b->namelen ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

enum act_rc
cx_find(struct cx *c, const char *query, int64_t offset)
{
	/* Static, not calloc'ed: ~170 KB zeroed per CARI was a tenth of its
	 * cost. One request at a time runs in the single loop. */
	static struct cand cand_buf[2 * SEARCH_CAND];
	struct qword	 q[SEARCH_WORDS];
	struct cands	 cs = { cand_buf, 0, 2 * SEARCH_CAND, false };
	char		 key[SEARCH_KEY_MAX];
	size_t		 klen = 0;
	struct act_msg	*m = &c->res->reply;
	enum repo_rc	 rc;
	char		 b[48];
	int		 nq, i;
	int64_t		 seen;
	bool		 yes;

	act_set(m, "query", "%s", query);
	if ((nq = commerce_search_words(query, q, SEARCH_WORDS)) == 0)
		return cx_end(c, ACT_INVALID, TMPL_FIND_NO_WORD);
	for (i = 0; i < nq; i++)
		klen += (size_t)snprintf(key + klen, sizeof(key) - klen, "%s%s",
		    i > 0 ? " " : "", q[i].w);
	if ((rc = REPO(c, search, q, nq, key, &cs)) != REPO_OK)
		return cx_repo(c, rc, "find");
	/* offset counts the available products of earlier pages. Whether one
	 * can be ordered is asked at each page rather than kept with the
	 * candidates: stock moves with every order. */
	for (i = 0, seen = 0; i < cs.n; i++) {
		struct act_row	*r;

		if ((rc = REPO(c, product_orderable, cs.v[i].id, &yes)) !=
		    REPO_OK)
			return cx_repo(c, rc, "find");
		if (!yes || seen++ < offset)
			continue;
		if (m->nrows == COMMERCE_PAGE) {
			m->more = true;
			break;
		}
		r = &m->rows[m->nrows++];
		act_row_set(r, "code", "P%" PRId64, cs.v[i].id);
		act_row_set(r, "name", "%s", cs.v[i].name);
		act_row_set(r, "price", "%s",
		    cx_price(cs.v[i].price_rp, cs.v[i].unit, b, sizeof(b)));
		act_row_set(r, "village", "%s",
		    cs.v[i].village[0] != '\0' ? cs.v[i].village : "-");
	}
	if (cx_list_save(c, "find", query, offset + m->nrows) != 0)
		return c->res->rc;
	if (m->nrows == 0)
		return offset == 0 ? cx_end(c, ACT_NO_MATCH, TMPL_FIND_NONE) :
		    cx_end(c, ACT_NO_MORE, TMPL_MORE_NONE);
	return cx_end(c, ACT_OK, TMPL_FIND_OK);
}
