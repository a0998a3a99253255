/* CARI: finding active products with stock left by name, forgiving
 * misspellings, and LAGI (the next page of the sender's last list).
 * Candidates come from the FTS5 trigram index (substring hits first, then
 * products sharing trigrams with the words) or, for words under three
 * letters, a LIKE on word starts; they are then scored here: whole word >
 * word start > substring > small edit distance, every query word must
 * match. Sold-out ones are skipped as pages are filled. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/commerce.h"
#include "store/commerce_internal.h"
#include "store/search_internal.h"

#define SEARCH_CAND	300	/* candidates per phase */
#define SEARCH_ENOUGH	30	/* substring hits that make fuzzing needless */
#define SEARCH_TRIGRAMS	48
#define SEARCH_EXPR	1024

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

/* Splits text into lower-case words; returns how many (at most max). */
static int
split_words(const char *text, struct qword *out, int max)
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
search_score(const struct qword *q, int nq, const char *name)
{
	struct qword	nw[16];
	char		lname[ACT_TEXT_MAX];
	size_t		i;
	int		nn, k, total = 0, s;

	for (i = 0; name[i] != '\0' && i + 1 < sizeof(lname); i++)
		lname[i] = (char)lower((unsigned char)name[i]);
	lname[i] = '\0';
	nn = split_words(name, nw, 16);
	for (k = 0; k < nq; k++) {
		if ((s = word_score(&q[k], nw, nn, lname)) == 0)
			return 0;
		total += s;
	}
	return total;
}

static int
cand_cmp(const void *x, const void *y)
{
	const struct cand	*a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->namelen != b->namelen)
		return a->namelen < b->namelen ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

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
	if ((score = search_score(q, nq, c->name)) == 0)
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

/* Fills cs with scored, sorted matches of the words q. SQLite code. */
static int
search_run(struct store *st, const struct qword *q, int nq, struct cands *cs)
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
		qsort(cs->v, (size_t)cs->n, sizeof(cs->v[0]), cand_cmp);
	return rc;
}

/* Whether product id can be ordered now (active, stock - reserved > 0):
 * 1 yes, 0 no, -SQLite code on error. Checked at each page rather than
 * kept with the cached candidates: stock moves with every order, and a
 * cache emptied by each confirmation would hardly ever hit. */
static int
available(struct store *st, int64_t id)
{
	static const char sql[] = "SELECT stock - reserved > 0 AND active = 1 "
	    "FROM products WHERE id = ?1";
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc, yes = 0;

	if (s == NULL)
		return -SQLITE_ERROR;
	sqlite3_bind_int64(s, 1, id);
	rc = store_step(st, s);
	if (rc == SQLITE_ROW)
		yes = sqlite3_column_int(s, 0) != 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -rc;
	return yes;
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
	struct act_msg	*m = &c->r->reply;
	enum act_rc	 ret;
	char		 b[48];
	int		 nq, rc, i;
	int64_t		 seen;

	act_set(m, "query", "%s", query);
	if ((nq = split_words(query, q, SEARCH_WORDS)) == 0)
		return cx_end(c, ACT_INVALID, "find.no_word");
	for (i = 0; i < nq; i++)
		klen += (size_t)snprintf(key + klen, sizeof(key) - klen, "%s%s",
		    i > 0 ? " " : "", q[i].w);
	if (!search_cache_get(c->st, key, &cs)) {
		if ((rc = search_run(c->st, q, nq, &cs)) != SQLITE_DONE) {
			ret = cx_db(c, rc, "find");
			goto out;
		}
		search_cache_put(c->st, key, q, nq, &cs);
	}
	/* offset counts the available products of earlier pages. */
	for (i = 0, seen = 0; i < cs.n; i++) {
		struct act_row	*r;

		if ((rc = available(c->st, cs.v[i].id)) < 0) {
			ret = cx_db(c, -rc, "find");
			goto out;
		}
		if (rc == 0 || seen++ < offset)
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
	if ((rc = cx_list_save(c, "find", query,
	    offset + m->nrows)) != SQLITE_DONE) {
		ret = cx_db(c, rc, "find");
		goto out;
	}
	if (m->nrows == 0)
		ret = offset == 0 ? cx_end(c, ACT_NO_MATCH, "find.none") :
		    cx_end(c, ACT_NO_MORE, "more.none");
	else
		ret = cx_end(c, ACT_OK, "find.ok");
out:
	return ret;
}

enum act_rc
cx_more(struct cx *c)
{
	static const char sql[] = "SELECT list_kind, list_query, list_offset "
	    "FROM numbers WHERE msisdn = ?1";
	sqlite3_stmt	*s = store_stmt(c->st, sql);
	char		 kind[16], query[ACT_TEXT_MAX];
	int64_t		 offset = 0;
	int		 rc;

	if (s == NULL)
		return cx_db(c, SQLITE_ERROR, "more");
	kind[0] = query[0] = '\0';
	sqlite3_bind_text(s, 1, c->who->msisdn, -1, SQLITE_TRANSIENT);
	rc = store_step(c->st, s);
	if (rc == SQLITE_ROW) {
		store_col_text(s, 0, kind, sizeof(kind));
		store_col_text(s, 1, query, sizeof(query));
		offset = sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return cx_db(c, rc, "more");
	if (strcmp(kind, "find") == 0)
		return cx_find(c, query, offset);
	if (strcmp(kind, "my") == 0)
		return cx_my_products(c, offset);
	if (strcmp(kind, "orders") == 0)
		return cx_orders(c, offset);
	return cx_end(c, ACT_NO_MORE, "more.none");
}
