/* CARI and LAGI of a find list: the query split into words and an
 * optional place ("di <tempat>"), the search (here, or planned here and
 * run on another connection: commerce_find_*), and the reply rows and
 * list position. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "commerce/cx.h"
#include "commerce/place.h"
#include "commerce/search.h"

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
find_prepare(const char *query, int64_t offset, const char *scope,
    struct commerce_find *f)
{
	memset(f, 0, sizeof(*f));
	snprintf(f->scope, sizeof(f->scope), "%s", scope);
	snprintf(f->query, sizeof(f->query), "%s", query);
	f->offset = offset;
	split_place(query, f->words, sizeof(f->words), f->place,
	    sizeof(f->place));
	f->rq.nq = commerce_search_words(f->words, f->rq.q, SEARCH_WORDS);
	if (f->place[0] != '\0')
		commerce_place_key(f->place, f->rq.place, sizeof(f->rq.place));
	f->rq.offset = offset;
}

/* places: "di <tempat>" against the loaded list: a district of that name
 * (all its villages) wins over villages of that name. Fills rq->places
 * (with the typed text's key last, for unplaced sellers who wrote it);
 * none when the place is not loaded. */
static enum repo_rc
find_places(const struct repo *r, struct commerce_find *f)
{
	struct place	 p[SEARCH_PLACES_MAX];
	struct search_req *rq = &f->rq;
	enum repo_rc	 rc;
	int		 n, i, k, nv;

	rc = commerce_place_resolve(r, f->scope, PLACE_DISTRICT, f->place, p,
	    PLACE_MATCH_MAX, &n);
	if (rc != REPO_OK)
		return rc;
	if (n > 0) {
		struct place	d[PLACE_MATCH_MAX];

		memcpy(d, p, (size_t)n * sizeof(d[0]));
		for (i = 0; i < n && rq->nplaces < SEARCH_PLACES_MAX; i++) {
			rc = r->ops->place_villages(r->be, d[i].code, p,
			    SEARCH_PLACES_MAX - rq->nplaces, &nv);
			if (rc != REPO_OK)
				return rc;
			for (k = 0; k < nv; k++)
				snprintf(rq->places[rq->nplaces++],
				    SEARCH_PLACE_MAX, "%s", p[k].code);
		}
	} else {
		rc = commerce_place_resolve(r, f->scope, PLACE_VILLAGE,
		    f->place, p, PLACE_MATCH_MAX, &n);
		if (rc != REPO_OK)
			return rc;
		for (i = 0; i < n; i++)
			snprintf(rq->places[rq->nplaces++], SEARCH_PLACE_MAX,
			    "%s", p[i].code);
	}
	if (rq->nplaces > 0)
		snprintf(rq->places[rq->nplaces++], SEARCH_PLACE_MAX, "%s",
		    rq->place);
	return REPO_OK;
}

void
commerce_find_run(const struct repo *r, struct commerce_find *f)
{
	bool	known = true;

	f->done = true;
	if (f->report) {
		f->rc = r->ops->agent_report(r->be, f->who, f->now_s, &f->rep);
		return;
	}
	if (f->rq.nq == 0)
		return;
	if (f->rq.place[0] != '\0' &&
	    (f->rc = find_places(r, f)) != REPO_OK)
		return;
	if (f->rq.place[0] != '\0' && f->rq.nplaces == 0) {
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
	if (f->rq.quick && f->rq.nq != 1) {
		f->rc = REPO_BUSY;	/* not one word after all */
		return;
	}
	f->rc = commerce_search_page(r, &f->rq, &f->page);
}

int
commerce_find_plan(const struct commerce *cm, const struct actor *who,
    const struct action *a, struct commerce_find *f)
{
	struct list_pos	lp;

	f->report = false;
	if (a->verb == VERB_REPORT) {
		struct agent	ag;
		enum repo_rc	rc;

		/* Only an enrolled assistant's figures go off the loop; anyone
		 * else is refused at once. */
		rc = cm->repo->ops->agent_get(cm->repo->be, who->msisdn, &ag);
		if (rc == REPO_NOTFOUND)
			return 0;
		if (rc != REPO_OK)
			return -1;
		f->report = true;
		f->done = false;
		f->rc = REPO_OK;
		f->query[0] = '\0';
		f->offset = 0;
		f->rq.nq = 0;
		f->rq.nplaces = 0;
		snprintf(f->who, sizeof(f->who), "%s", who->msisdn);
		f->now_s = who->now_s;
		return 1;
	}
	if (a->verb == VERB_FIND) {
		find_prepare(a->text, a->ussd ? (int64_t)a->page *
		    COMMERCE_PAGE : 0, cm->cf->places_scope, f);
		return 1;
	}
	if (a->verb != VERB_MORE)
		return 0;
	if (cm->repo->ops->list_get(cm->repo->be, who->msisdn, &lp) != REPO_OK)
		return -1;
	if (strcmp(lp.kind, "find") != 0)
		return 0;
	find_prepare(lp.query, lp.offset, cm->cf->places_scope, f);
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
		find_prepare(query, offset, c->cf->places_scope, &own);
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
