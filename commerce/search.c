/* CARI: finding listed products (active, stock left) by name, forgiving
 * misspellings, optionally in one place ("di <tempat>"), and LAGI (the
 * next page of the sender's last list). The rules (word classes, score,
 * order) and the page search over a backend's word index are here; the
 * backend keeps the index (commerce/search.h). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commerce/cx.h"
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

/*
 * The page search. The best rows are found from one query word's postings
 * (the driver: the word whose matches have the fewest products), read
 * class by class, best first, and within a class in (name length, id)
 * order: the order of the results themselves when only one word is asked.
 * Each posting read is scored on its whole name; the best `want` so far
 * are kept. A class stops being read as soon as no later posting of it can
 * beat the worst kept one (its best possible score is the class plus the
 * best class of every other word), so the cost follows the page asked for,
 * not the number of matches. Sparse multi-word matches are the exception:
 * at most SCAN_MAX postings are looked at (page marked partial).
 */
#define SCAN_MAX	4000
#define CHUNK		32
#define WANT_MAX	(SEARCH_OFFSET_MAX + 8)

struct ranked {
	int	score;
	int32_t	nlen;
	int64_t	pid;
};

struct stream {
	int64_t			wid;
	struct search_post	buf[CHUNK];
	int			n, i;
	bool			end;
};

struct scan {
	const struct repo		*r;
	const struct search_req		*rq;
	struct search_vocab_hits	 vh;
	struct stream			 st[SEARCH_MATCH_MAX];
	struct ranked			 top[WANT_MAX];
	int				 ntop, want, driver, examined;
	bool				 partial;
};

/* a ranks before b */
static bool
before(int sa, int32_t la, int64_t pa, int sb, int32_t lb, int64_t pb)
{
	if (sa != sb)
		return sa > sb;
	if (la != lb)
		return la < lb;
	return pa < pb;
}

static void
keep(struct scan *x, int score, int32_t nlen, int64_t pid)
{
	int	i;

	if (x->ntop == x->want) {
		const struct ranked *w = &x->top[x->ntop - 1];

		if (!before(score, nlen, pid, w->score, w->nlen, w->pid))
			return;
		x->ntop--;
	}
	for (i = x->ntop; i > 0 && before(score, nlen, pid,
	    x->top[i - 1].score, x->top[i - 1].nlen, x->top[i - 1].pid); i--)
		x->top[i] = x->top[i - 1];
	x->top[i].score = score;
	x->top[i].nlen = nlen;
	x->top[i].pid = pid;
	x->ntop++;
}

static enum repo_rc
refill(struct scan *x, struct stream *s)
{
	const char	*place = x->rq->place[0] != '\0' ? x->rq->place : NULL;
	int32_t		 ln = 0;
	int64_t		 lp = 0;
	enum repo_rc	 rc;

	if (s->n > 0) {
		ln = s->buf[s->n - 1].nlen;
		lp = s->buf[s->n - 1].pid;
	}
	rc = x->r->ops->search_postings(x->r->be, s->wid, place, ln, lp,
	    s->buf, CHUNK, &s->n);
	s->i = 0;
	s->end = rc != REPO_OK || s->n < CHUNK;
	return rc;
}

/* The next posting of the merged streams (smallest (nlen, pid)); false
 * when all are done. */
static bool
next_post(struct scan *x, int ns, struct search_post *out, enum repo_rc *rc)
{
	struct stream	*best = NULL;
	int		 i;

	for (i = 0; i < ns; i++) {
		struct stream	*s = &x->st[i];

		if (s->i == s->n && !s->end && (*rc = refill(x, s)) != REPO_OK)
			return false;
		if (s->i == s->n)
			continue;
		if (best == NULL || s->buf[s->i].nlen < best->buf[best->i].nlen ||
		    (s->buf[s->i].nlen == best->buf[best->i].nlen &&
		    s->buf[s->i].pid < best->buf[best->i].pid))
			best = s;
	}
	if (best == NULL)
		return false;
	*out = best->buf[best->i++];
	return true;
}

/* Reads the driver's postings of class cls; *rc set on a repository error. */
static enum repo_rc
scan_class(struct scan *x, int cls, int bound)
{
	const struct search_req	*rq = x->rq;
	struct search_post	 p, last = { 0, -1 };
	struct search_hit	 h;
	enum repo_rc		 rc = REPO_OK;
	int			 i, ns = 0, d = x->driver;

	for (i = 0; i < x->vh.n[d]; i++)
		if (x->vh.m[d][i].cls == cls) {
			memset(&x->st[ns], 0, sizeof(x->st[ns]));
			x->st[ns++].wid = x->vh.m[d][i].wid;
		}
	while (next_post(x, ns, &p, &rc)) {
		int	score, own;

		if (p.pid == last.pid && p.nlen == last.nlen)
			continue;	/* the name has two words of the class */
		last = p;
		if (x->ntop == x->want) {
			const struct ranked *w = &x->top[x->ntop - 1];

			if (before(w->score, w->nlen, w->pid, bound, p.nlen,
			    p.pid))
				break;	/* nothing further here can rank */
		}
		if (x->examined++ == SCAN_MAX) {
			x->partial = true;
			break;
		}
		if ((rc = x->r->ops->search_row(x->r->be, p.pid, &h)) ==
		    REPO_NOTFOUND)
			continue;
		if (rc != REPO_OK)
			return rc;
		/* A name whose driver word is of a better class was (or will
		 * not need to be) taken with that class. */
		own = commerce_search_score(&rq->q[d], 1, h.name);
		if (own != cls)
			continue;
		if ((score = commerce_search_score(rq->q, rq->nq, h.name)) > 0)
			keep(x, score, p.nlen, p.pid);
	}
	return rc;
}

/* The query word whose matches hold the fewest products. */
static int
pick_driver(const struct search_vocab_hits *vh, int nq)
{
	int64_t	best = -1;
	int	k, i, d = 0;

	for (k = 0; k < nq; k++) {
		int64_t	sum = 0;

		for (i = 0; i < vh->n[k]; i++)
			sum += vh->m[k][i].count;
		if (best < 0 || sum < best) {
			best = sum;
			d = k;
		}
	}
	return d;
}

enum repo_rc
commerce_search_page(const struct repo *r, const struct search_req *rq,
    struct search_page *out)
{
	struct scan	*x;
	enum repo_rc	 rc;
	int		 k, i, others = 0, prev = SEARCH_EXACT + 1;

	memset(out, 0, sizeof(*out));
	if (rq->nq <= 0 || rq->offset < 0 || rq->offset > SEARCH_OFFSET_MAX)
		return REPO_OK;
	if ((x = calloc(1, sizeof(*x))) == NULL)
		return REPO_ERR;
	x->r = r;
	x->rq = rq;
	x->want = (int)rq->offset + COMMERCE_PAGE + 1;
	if ((rc = r->ops->search_vocab(r->be, rq->q, rq->nq, &x->vh)) !=
	    REPO_OK)
		goto out;
	for (k = 0; k < rq->nq; k++) {
		if (x->vh.n[k] == 0)
			goto out;	/* a word nothing has: no result */
	}
	x->driver = pick_driver(&x->vh, rq->nq);
	for (k = 0; k < rq->nq; k++)
		if (k != x->driver)
			others += x->vh.m[k][0].cls;	/* best class first */
	/* The driver's classes, best first. */
	for (;;) {
		int	cls = 0;

		for (i = 0; i < x->vh.n[x->driver]; i++) {
			int c = x->vh.m[x->driver][i].cls;

			if (c < prev && c > cls)
				cls = c;
		}
		if (cls == 0 || x->partial)
			break;
		prev = cls;
		if (x->ntop == x->want && x->top[x->ntop - 1].score >
		    cls + others)
			break;
		if ((rc = scan_class(x, cls, cls + others)) != REPO_OK)
			goto out;
	}
	for (i = (int)rq->offset; i < x->ntop && out->n < COMMERCE_PAGE; i++) {
		rc = r->ops->search_row(r->be, x->top[i].pid, &out->hit[out->n]);
		if (rc == REPO_NOTFOUND)
			continue;
		if (rc != REPO_OK)
			goto out;
		out->n++;
	}
	rc = REPO_OK;
	out->more = x->ntop > (int)rq->offset + COMMERCE_PAGE;
	out->partial = x->partial || x->vh.cut;
	out->examined = x->examined;
out:
	free(x);
	return rc;
}

/* "keripik di sukamaju": the words before the last "di" (EN "in") and the
 * place after it, when there are both; else the whole query is words. */
static void
split_place(const char *query, char *words, size_t wl, char *place, size_t pl)
{
	const char	*p, *at = NULL;

	place[0] = '\0';
	for (p = query; *p != '\0'; p++) {
		if (p == query || p[-1] != ' ')
			continue;
		if ((strncasecmp(p, "di ", 3) == 0 ||
		    strncasecmp(p, "in ", 3) == 0) && p[3] != '\0')
			at = p;
	}
	if (at == NULL) {
		snprintf(words, wl, "%s", query);
		return;
	}
	for (p = at; p > query && p[-1] == ' '; p--)
		;
	snprintf(words, wl, "%.*s", (int)(p - query), query);
	for (p = at + 3; *p == ' ' && p[1] != '\0'; p++)
		;
	snprintf(place, pl, "%s", p);
}

static void
find_prepare(const char *query, int64_t offset, struct commerce_find *f)
{
	memset(f, 0, sizeof(*f));
	snprintf(f->query, sizeof(f->query), "%s", query);
	f->offset = offset;
	split_place(query, f->words, sizeof(f->words), f->place,
	    sizeof(f->place));
	f->rq.nq = commerce_search_words(f->words, f->rq.q, SEARCH_WORDS);
	if (f->place[0] != '\0')
		commerce_place_key(f->place, f->rq.place, sizeof(f->rq.place));
	f->rq.offset = offset;
}

void
commerce_find_run(const struct repo *r, struct commerce_find *f)
{
	bool	known = true;

	f->done = true;
	if (f->rq.nq == 0)
		return;
	if (f->rq.place[0] != '\0') {
		if ((f->rc = r->ops->search_place_known(r->be, f->rq.place,
		    &known)) != REPO_OK)
			return;
		/* Not a place: the words may be part of a name ("kopi di
		 * gunung"); said so only when nothing is found. */
		if (!known) {
			f->unknown_place = true;
			f->rq.place[0] = '\0';
			f->rq.nq = commerce_search_words(f->query, f->rq.q,
			    SEARCH_WORDS);
		}
	}
	f->rc = commerce_search_page(r, &f->rq, &f->page);
}

int
commerce_find_plan(const struct commerce *cm, const struct actor *who,
    const struct action *a, struct commerce_find *f)
{
	struct list_pos	lp;

	if (a->verb == VERB_FIND) {
		find_prepare(a->text, a->ussd ? (int64_t)a->page *
		    COMMERCE_PAGE : 0, f);
		return 1;
	}
	if (a->verb != VERB_MORE)
		return 0;
	if (cm->repo->ops->list_get(cm->repo->be, who->msisdn, &lp) != REPO_OK)
		return -1;
	if (strcmp(lp.kind, "find") != 0)
		return 0;
	find_prepare(lp.query, lp.offset, f);
	return 1;
}

enum act_rc
cx_find(struct cx *c, const char *query, int64_t offset)
{
	struct commerce_find	 own;
	const struct commerce_find *f = c->found;
	struct act_msg		*m = &c->res->reply;
	char			 b[48];
	int			 i;

	act_set(m, "query", "%s", query);
	/* Searched already off the loop, for this very list position? */
	if (f == NULL || !f->done || strcmp(f->query, query) != 0 ||
	    f->offset != offset) {
		find_prepare(query, offset, &own);
		if (own.rq.nq > 0)
			commerce_find_run(c->r, &own);
		f = &own;
	}
	if (f->rq.nq == 0 && !f->unknown_place)
		return cx_end(c, ACT_INVALID, TMPL_FIND_NO_WORD);
	if (f->rc != REPO_OK)
		return cx_repo(c, f->rc, "find");
	for (i = 0; i < f->page.n && i < COMMERCE_PAGE; i++) {
		const struct search_hit	*h = &f->page.hit[i];
		struct act_row		*r = &m->rows[m->nrows++];

		act_row_set(r, "code", "P%" PRId64, h->id);
		act_row_set(r, "name", "%s", h->name);
		act_row_set(r, "price", "%s",
		    cx_price(h->price_rp, h->unit, b, sizeof(b)));
		act_row_set(r, "village", "%s",
		    h->village[0] != '\0' ? h->village : "-");
	}
	m->more = f->page.more;
	if (cx_list_save(c, "find", query, offset + m->nrows) != 0)
		return c->res->rc;
	if (m->nrows == 0 && offset == 0 && f->unknown_place) {
		act_set(m, "place", "%s", f->place);
		act_set(m, "words", "%s", f->words);
		return cx_end(c, ACT_NO_MATCH, TMPL_FIND_NO_PLACE);
	}
	if (m->nrows == 0)
		return offset == 0 ? cx_end(c, ACT_NO_MATCH, TMPL_FIND_NONE) :
		    cx_end(c, ACT_NO_MORE, TMPL_MORE_NONE);
	return cx_end(c, ACT_OK, TMPL_FIND_OK);
}
