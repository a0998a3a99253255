/* CARI's candidates for the commerce repository: from the FTS5 trigram
 * index (substring hits first, then products sharing trigrams with the
 * words) or, for words under three letters, a LIKE on word starts; each
 * row is scored with the core's rules (commerce_search_score) as read. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/search_internal.h"
#include "store/store_internal.h"

#define SEARCH_CAND	300	/* candidates per phase */
#define SEARCH_ENOUGH	30	/* substring hits that make fuzzing needless */
#define SEARCH_TRIGRAMS	48
#define SEARCH_EXPR	1024

/* Keeps the current row of s (id, name, price_rp, unit, village) when it
 * scores and is not already a candidate. */
static void
take_row(sqlite3_stmt *s, const struct qword *q, int nq, struct cands *cs)
{
	struct cand	*c;
	int64_t		 id = sqlite3_column_int64(s, 0);
	int		 i, score;

	for (i = 0; i < cs->n; i++)
		if (cs->v[i].id == id)
			return;
	if (cs->n == cs->cap) {
		cs->partial = true;
		return;
	}
	c = &cs->v[cs->n];
	store_col_text(s, 1, c->name, sizeof(c->name));
	if ((score = commerce_search_score(q, nq, c->name)) == 0)
		return;
	c->id = id;
	c->score = score;
	c->namelen = strlen(c->name);
	c->price_rp = sqlite3_column_int64(s, 2);
	store_col_text(s, 3, c->unit, sizeof(c->unit));
	store_col_text(s, 4, c->village, sizeof(c->village));
	cs->n++;
}

/* Steps s (bound) and keeps the rows that score; SQLite code. limit: the
 * statement's LIMIT, which when reached leaves out an arbitrary rest. */
static int
collect(struct store *st, sqlite3_stmt *s, const struct qword *q, int nq,
    struct cands *cs, int limit)
{
	int	rc, rows = 0;

	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		rows++;
		take_row(s, q, nq, cs);
	}
	sqlite3_reset(s);
	if (rows >= limit)
		cs->partial = true;
	return rc == SQLITE_DONE ? SQLITE_DONE : rc;
}

/* The candidates of an FTS expression: the SEARCH_CAND best by rank. Ranking
 * (bm25) costs about three times the match itself, and the candidates are
 * scored and sorted here anyway, so the match is first read unranked: when
 * it has at most SEARCH_CAND rows, they are all the candidates the ranked
 * query would give (in another order, which the final sort makes moot).
 * Only a bigger match is read again, ranked. */
static int
fts_phase(struct store *st, const char *expr, const struct qword *q, int nq,
    struct cands *cs)
{
	static const char all[] = "SELECT f.rid, p.name, p.price_rp, p.unit, "
	    "s.village, p.active = 1 AND s.id IS NOT NULL FROM (SELECT rowid "
	    "AS rid FROM product_fts WHERE product_fts MATCH ?1 LIMIT ?2) f "
	    "LEFT JOIN products p ON p.id = f.rid "
	    "LEFT JOIN sellers s ON s.id = p.seller_id";
	static const char ranked[] = "SELECT p.id, p.name, p.price_rp, p.unit, "
	    "s.village FROM (SELECT rowid AS rid, rank FROM product_fts "
	    "WHERE product_fts MATCH ?1 ORDER BY rank LIMIT ?2) f "
	    "JOIN products p ON p.id = f.rid JOIN sellers s ON s.id = p.seller_id "
	    "WHERE p.active = 1 ORDER BY f.rank";
	sqlite3_stmt	*s = store_stmt(st, all);
	int		 rc, rows = 0, n0 = cs->n;

	if (s == NULL)
		return SQLITE_ERROR;
	sqlite3_bind_text(s, 1, expr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, SEARCH_CAND + 1);
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		rows++;
		if (sqlite3_column_int(s, 5))	/* active, with its seller */
			take_row(s, q, nq, cs);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE || rows <= SEARCH_CAND)
		return rc;
	cs->n = n0;
	cs->partial = true;	/* the best by bm25, which any insert moves */
	if ((s = store_stmt(st, ranked)) == NULL)
		return SQLITE_ERROR;
	sqlite3_bind_text(s, 1, expr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, SEARCH_CAND);
	return collect(st, s, q, nq, cs, SEARCH_CAND);
}

static int
like_phase(struct store *st, const struct qword *w, const struct qword *q,
    int nq, struct cands *cs)
{
	static const char sql[] = "SELECT p.id, p.name, p.price_rp, p.unit, "
	    "s.village FROM products p JOIN sellers s ON s.id = p.seller_id "
	    "WHERE p.active = 1 AND (' ' || p.name) LIKE ?1 LIMIT ?2";
	sqlite3_stmt	*s = store_stmt(st, sql);
	char		 pat[SEARCH_WORD_MAX + 4];

	if (s == NULL)
		return SQLITE_ERROR;
	/* Words hold letters and digits only: nothing to escape. */
	snprintf(pat, sizeof(pat), "%% %s%%", w->w);
	sqlite3_bind_text(s, 1, pat, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, SEARCH_CAND);
	return collect(st, s, q, nq, cs, SEARCH_CAND);
}

static bool
ascii3(const char *t)
{
	return (unsigned char)t[0] < 0x80 && (unsigned char)t[1] < 0x80 &&
	    (unsigned char)t[2] < 0x80;
}

int
search_collect(struct store *st, const struct qword *q, int nq, struct cands *cs)
{
	char	expr[SEARCH_EXPR], tri[SEARCH_TRIGRAMS][4];
	size_t	len = 0;
	int	ntri = 0, k, i, rc = SQLITE_DONE, nlong = 0;

	expr[0] = '\0';
	for (k = 0; k < nq; k++) {
		if (q[k].n < 3)
			continue;
		len += (size_t)snprintf(expr + len, sizeof(expr) - len,
		    "%s\"%s\"", nlong > 0 ? " AND " : "", q[k].w);
		nlong++;
	}
	if (nlong == 0) {
		/* Only short words ("es"): word starts by LIKE. */
		rc = like_phase(st, &q[0], q, nq, cs);
		goto out;
	}
	if ((rc = fts_phase(st, expr, q, nq, cs)) != SQLITE_DONE)
		goto out;
	if (cs->n >= SEARCH_ENOUGH)
		goto out;
	/* Few substring hits: candidates sharing any trigram, best first. */
	for (k = 0; k < nq; k++) {
		size_t	j;

		for (j = 0; q[k].n >= 3 && j + 3 <= q[k].n; j++) {
			const char	*t = q[k].w + j;
			bool		 seen = false;

			if (!ascii3(t) || ntri == SEARCH_TRIGRAMS)
				continue;
			for (i = 0; i < ntri; i++)
				if (memcmp(tri[i], t, 3) == 0)
					seen = true;
			if (seen)
				continue;
			memcpy(tri[ntri], t, 3);
			tri[ntri++][3] = '\0';
		}
	}
	len = 0;
	expr[0] = '\0';
	for (i = 0; i < ntri && len < sizeof(expr); i++)
		len += (size_t)snprintf(expr + len, sizeof(expr) - len,
		    "%s\"%s\"", i > 0 ? " OR " : "", tri[i]);
	if (ntri > 0 && len < sizeof(expr))
		rc = fts_phase(st, expr, q, nq, cs);
out:
	if (rc == SQLITE_DONE)
		qsort(cs->v, (size_t)cs->n, sizeof(cs->v[0]),
		    commerce_search_cmp);
	return rc;
}
