/* CARI's page search over a backend's word index (commerce/search.h):
 * the best rows of a result list found without reading every match. */
#include <stdlib.h>
#include <string.h>

#include "commerce/commerce.h"
#include "commerce/search.h"

/*
 * The page search. The best rows are found from one query word's postings
 * (the driver: the word whose matches have the fewest products), read
 * class by class, best first, and within a class in (name length, id)
 * order: the order of the results themselves when only one word is asked.
 * Each posting read is scored on its whole name; the best `want` so far
 * are kept. A class stops being read as soon as no later posting of it can
 * beat the worst kept one (its best possible score is the class plus the
 * best class of every other word), so the cost follows the page asked for,
 * not the number of matches. With several words, a posting whose product
 * cannot hold the others (its signature says) is passed over unread.
 * Sparse multi-word matches are the exception: at most SCAN_MAX postings
 * are looked at and FETCH_MAX products read (page marked partial).
 */
#define SCAN_MAX	10000	/* postings read */
#define FETCH_MAX	600	/* of them, products read and scored */
#define CHUNK		32
#define WANT_MAX	(SEARCH_OFFSET_MAX + 8)

struct ranked {
	int	score;
	int32_t	nlen;
	int64_t	pid;
};

struct stream {
	int64_t			wid;
	const char		*place;		/* NULL = anywhere */
	struct search_post	buf[CHUNK];
	int			n, i;
	bool			end;
};

struct scan {
	const struct repo		*r;
	const struct search_req		*rq;
	struct search_vocab_hits	 vh;
	struct stream			*st;		/* per (word, place) */
	int				 nst;
	struct ranked			 top[WANT_MAX];
	int				 ntop, want, driver, examined;
	int				 fetched;
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
	const char	*place = s->place;
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

/* Can the product of posting p hold every other query word? Its
 * signature must have the bits of one of each word's matches (when a
 * word's matches were cut, any product may). */
static bool
may_match(const struct scan *x, const struct search_post *p)
{
	int	k, i;

	if (x->vh.cut)
		return true;
	for (k = 0; k < x->rq->nq; k++) {
		bool	any = false;

		if (k == x->driver)
			continue;
		for (i = 0; i < x->vh.n[k] && !any; i++)
			any = (p->sig & x->vh.m[k][i].sig) == x->vh.m[k][i].sig;
		if (!any)
			return false;
	}
	return true;
}

/* Reads the driver's postings of class cls; *rc set on a repository error. */
static enum repo_rc
scan_class(struct scan *x, int cls, int bound)
{
	const struct search_req	*rq = x->rq;
	struct search_post	 p, last = { 0, -1, 0 };
	struct search_hit	 h;
	enum repo_rc		 rc = REPO_OK;
	int			 i, ns = 0, d = x->driver;

	int			 np = rq->nplaces > 0 ? rq->nplaces : 1, j;

	for (i = 0; i < x->vh.n[d]; i++) {
		if (x->vh.m[d][i].cls != cls)
			continue;
		for (j = 0; j < np; j++) {
			if (ns == x->nst) {
				x->nst = x->nst ? 2 * x->nst : 8;
				if ((x->st = realloc(x->st, (size_t)x->nst *
				    sizeof(*x->st))) == NULL)
					return REPO_ERR;
			}
			memset(&x->st[ns], 0, sizeof(x->st[ns]));
			x->st[ns].wid = x->vh.m[d][i].wid;
			x->st[ns++].place = rq->nplaces > 0 ? rq->places[j] :
			    rq->place[0] != '\0' ? rq->place : NULL;
		}
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
		if (!may_match(x, &p))
			continue;
		if (x->fetched++ == FETCH_MAX) {
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
	if ((rc = r->ops->search_vocab(r->be, rq->q, rq->nq, rq->quick,
	    &x->vh)) !=
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
	free(x->st);
	free(x);
	return rc;
}
