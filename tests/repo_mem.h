/* An in-memory fake of the commerce repository (commerce/repo.h) for unit
 * tests: fixed arrays, transactions and savepoints as snapshots, and a
 * fault hook that makes the nth operation from now return a chosen
 * outcome. Header-only (static), like tests/t.h. */
#ifndef LAPAK_TESTS_REPO_MEM_H
#define LAPAK_TESTS_REPO_MEM_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commerce/place.h"
#include "commerce/repo.h"
#include "commerce/search.h"

#define MEM_ROWS	64
#define MEM_DEPTH	4
#define MEM_VOCAB	256
#define MEM_PLACES	256	/* places (programme.md section 1) */

/* places: a loaded place with its folded key and successor. */
struct mem_place {
	struct place	p;		/* parent_name filled at lookup */
	char		key[PLACE_NAME_MAX];
	char		repl[PLACE_CODE_MAX];
};

struct mem_order {
	struct order	o;
	unsigned char	sealed[REPO_CODE_BLOB];
	size_t		sealed_len;
	bool		was_confirmed;
	char		reason[ACT_TEXT_MAX];
	/* issue 13, payment records: orders.paid_*, and orders.courier as a
	 * test sets it (the couriers' part assigns it) */
	struct order_payment	pay;
	int			npaid_audit;	/* 'paid' audit rows */
};

struct mem_number {
	char		msisdn[16];
	char		lang[LANG_SZ];
	struct list_pos	lp;
	/* places: the pending DESA choice */
	char		choice[PLACE_CHOICES * PLACE_CODE_MAX + 4];
	int64_t		choice_exp;
};

struct mem_db {
	struct seller		sellers[MEM_ROWS];
	int			nsellers;
	struct product		products[MEM_ROWS];
	int			nproducts;
	struct mem_order	orders[MEM_ROWS];
	int			norders;
	struct mem_number	numbers[MEM_ROWS];
	int			nnumbers;
	int			naudit;
	int			nprices;
	/* places: the loaded list, each product's and order's place */
	struct mem_place	places[MEM_PLACES];
	int			nplaces;
	char			pplace[MEM_ROWS][SEARCH_PLACE_MAX];
	char			oplace[MEM_ROWS][PLACE_CODE_MAX];
	/* assistants */
	struct mem_agent {
		struct agent	a;
		bool		removed;
	}			agents[MEM_ROWS];
	int			nagents;
	struct mem_link {
		char	agent[16], seller[16], ended_by[16];
		int64_t	created_s, ended_s;	/* ended_s 0: linked now */
	}			links[MEM_ROWS];
	int			nlinks;
	struct mem_consent {
		struct consent_pending	p;
		char			msisdn[16], state[16];
		int64_t			created_s, expires_s, answered_s;
	}			consents[MEM_ROWS];
	int			nconsents;
	struct mem_action {
		char	agent[16], seller[16], verb[16];
		int64_t	at_s;
	}			actions[MEM_ROWS];
	int			nactions;
	int			naudit_via;	/* audit rows naming an assistant */
	/* issue 13, privacy */
	int64_t			nconsent_s[MEM_ROWS];	/* numbers[i].consent_s */
	int64_t			sconsent_s[MEM_ROWS];	/* sellers[i].consent_s */
	struct mem_erase {
		char		msisdn[16];
		unsigned char	sealed[REPO_CODE_BLOB];
		size_t		len;
		int		attempts;
		int64_t		expires_s;
	}			erase[8];
	int			nerase;
	char			blocked[8][16];
	int			nblocked;
	bool			block_noticed[8];	/* issue 15 */
	int			nerased;		/* pseudonyms made */
	/* couriers: enrolled couriers, job records, marks (the fake's "tag"
	 * is the number itself) */
	struct mem_courier {
		struct courier	k;
		bool		removed;
	}			couriers[MEM_ROWS];
	int			ncouriers;
	struct mem_job {
		int64_t	order_id, fee_rp, assigned_s, picked_s, ended_s;
		char	courier[16], outcome[16];
	}			jobs[MEM_ROWS];
	int			njobs;
	struct mem_mark {
		char	tag[16], kind[16];
		int64_t	order_id, at_s;
	}			marks[MEM_ROWS];
	int			nmarks;
	unsigned char		drop[MEM_ROWS][REPO_CODE_BLOB];
	size_t			drop_len[MEM_ROWS];
	int64_t			delivered_at[MEM_ROWS];
	/* promotions */
	struct mem_sub {
		struct sub_line	l;
		char		msisdn[16];
		int64_t		seen_pid;
	}			subs[MEM_ROWS];
	int			nsubs;
	int64_t			next_sub;
	struct mem_paused {
		char	msisdn[16];
		int64_t	at_s;
	}			paused[MEM_ROWS];
	int			npaused;
};

struct mem_repo {
	struct mem_db	db;
	struct mem_db	txn;			/* state at begin */
	struct mem_db	sp[MEM_DEPTH];		/* state at each savepoint */
	int		depth;
	bool		in_txn;
	char		vocab[MEM_VOCAB][SEARCH_WORD_MAX];	/* CARI's */
	int		nvocab;
	char		audit_via[16];		/* assistants: audit_via */
	long		fault_nth;		/* 0 = off */
	enum repo_rc	fault_rc;
	/* issue 12, reports: enrolled assistants and their LAPORAN figures,
	 * as a test sets them (the fake keeps no events to count) */
	struct {
		char			msisdn[16];
		struct agent_report	rep;
	}		agents[4];
	int		nagents;
};

/* Counts one operation; returns the injected outcome when it is due. */
static enum repo_rc
mem_fault(struct mem_repo *m)
{
	if (m->fault_nth > 0 && --m->fault_nth == 0)
		return m->fault_rc;
	return REPO_OK;
}

#define MEM_OP(be)	struct mem_repo *m = (be); struct mem_db *d = &m->db; \
	enum repo_rc frc = mem_fault(m); if (frc != REPO_OK) return frc; \
	(void)d

static enum repo_rc
mem_begin(void *be)
{
	struct mem_repo	*m = be;

	if (m->in_txn)
		return REPO_ERR;
	m->txn = m->db;
	m->in_txn = true;
	m->depth = 0;
	return REPO_OK;
}

static enum repo_rc
mem_commit(void *be)
{
	struct mem_repo	*m = be;

	m->in_txn = false;
	m->depth = 0;
	return REPO_OK;
}

static void
mem_rollback(void *be)
{
	struct mem_repo	*m = be;

	if (m->in_txn)
		m->db = m->txn;
	m->in_txn = false;
	m->depth = 0;
}

static enum repo_rc
mem_savepoint(void *be)
{
	struct mem_repo	*m = be;

	if (m->depth == MEM_DEPTH)
		return REPO_ERR;
	m->sp[m->depth++] = m->db;
	return REPO_OK;
}

static enum repo_rc
mem_release(void *be)
{
	struct mem_repo	*m = be;

	if (m->depth == 0)
		return REPO_ERR;
	m->depth--;
	return REPO_OK;
}

static void
mem_rollback_to(void *be)
{
	struct mem_repo	*m = be;

	if (m->depth > 0)
		m->db = m->sp[--m->depth];
}

static const char *
mem_errmsg(void *be)
{
	(void)be;
	return "injected";
}

static struct mem_number *
mem_number(struct mem_db *d, const char *msisdn)
{
	int	i;

	for (i = 0; i < d->nnumbers; i++)
		if (strcmp(d->numbers[i].msisdn, msisdn) == 0)
			return &d->numbers[i];
	return NULL;
}

static enum repo_rc
mem_number_touch(void *be, const char *msisdn, int64_t now_s)
{
	MEM_OP(be);
	(void)now_s;
	if (mem_number(d, msisdn) != NULL)
		return REPO_OK;
	if (d->nnumbers == MEM_ROWS)
		return REPO_ERR;
	memset(&d->numbers[d->nnumbers], 0, sizeof(d->numbers[0]));
	snprintf(d->numbers[d->nnumbers++].msisdn, 16, "%s", msisdn);
	return REPO_OK;
}

static enum repo_rc
mem_number_lang(void *be, const char *msisdn, char lang[LANG_SZ])
{
	struct mem_number	*n;

	MEM_OP(be);
	lang[0] = '\0';
	if ((n = mem_number(d, msisdn)) == NULL || n->lang[0] == '\0')
		return REPO_NOTFOUND;
	memcpy(lang, n->lang, LANG_SZ);
	return REPO_OK;
}

static enum repo_rc
mem_number_set_lang(void *be, const char *msisdn, const char *lang)
{
	struct mem_number	*n;

	MEM_OP(be);
	if ((n = mem_number(d, msisdn)) != NULL)
		snprintf(n->lang, sizeof(n->lang), "%s", lang);
	return REPO_OK;
}

static enum repo_rc
mem_list_get(void *be, const char *msisdn, struct list_pos *out)
{
	struct mem_number	*n;

	MEM_OP(be);
	memset(out, 0, sizeof(*out));
	if ((n = mem_number(d, msisdn)) != NULL)
		*out = n->lp;
	return REPO_OK;
}

static enum repo_rc
mem_list_save(void *be, const char *msisdn, const char *kind,
    const char *query, int64_t offset)
{
	struct mem_number	*n;

	MEM_OP(be);
	if ((n = mem_number(d, msisdn)) != NULL) {
		snprintf(n->lp.kind, sizeof(n->lp.kind), "%s", kind);
		snprintf(n->lp.query, sizeof(n->lp.query), "%s", query);
		n->lp.offset = offset;
	}
	return REPO_OK;
}

static struct seller *
mem_seller(struct mem_db *d, const char *msisdn, int64_t id)
{
	int	i;

	for (i = 0; i < d->nsellers; i++)
		if (msisdn != NULL ? strcmp(d->sellers[i].msisdn, msisdn) == 0 :
		    d->sellers[i].id == id)
			return &d->sellers[i];
	return NULL;
}

static enum repo_rc
mem_seller_get(void *be, const char *msisdn, int64_t id, struct seller *out)
{
	struct seller	*s;

	MEM_OP(be);
	if ((s = mem_seller(d, msisdn, id)) == NULL)
		return REPO_NOTFOUND;
	*out = *s;
	return REPO_OK;
}

static enum repo_rc
mem_seller_save(void *be, const char *msisdn, const char *shop,
    const char *village, int64_t now_s)
{
	struct seller	*s;

	MEM_OP(be);
	(void)now_s;
	if ((s = mem_seller(d, msisdn, 0)) == NULL) {
		if (d->nsellers == MEM_ROWS)
			return REPO_ERR;
		s = &d->sellers[d->nsellers];
		memset(s, 0, sizeof(*s));
		s->id = ++d->nsellers;
		snprintf(s->msisdn, sizeof(s->msisdn), "%s", msisdn);
	}
	snprintf(s->shop, sizeof(s->shop), "%s", shop);
	if (village[0] != '\0')
		snprintf(s->village, sizeof(s->village), "%s", village);
	return REPO_OK;
}

static enum repo_rc
mem_seller_set_pin(void *be, int64_t id, const char *hash, int64_t now_s)
{
	struct seller	*s;

	MEM_OP(be);
	(void)now_s;
	if ((s = mem_seller(d, NULL, id)) == NULL)
		return REPO_OK;
	snprintf(s->pin_hash, sizeof(s->pin_hash), "%s", hash);
	s->pin_fails = 0;
	s->pin_locked_until = 0;
	return REPO_OK;
}

static enum repo_rc
mem_seller_pin_fails(void *be, int64_t id, int fails, int64_t locked_until)
{
	struct seller	*s;

	MEM_OP(be);
	if ((s = mem_seller(d, NULL, id)) != NULL) {
		s->pin_fails = fails;
		s->pin_locked_until = locked_until;
	}
	return REPO_OK;
}

static enum repo_rc
mem_seller_unlock(void *be, const char *msisdn)
{
	struct seller	*s;

	MEM_OP(be);
	if ((s = mem_seller(d, msisdn, 0)) == NULL)
		return REPO_NOTFOUND;
	s->pin_fails = 0;
	s->pin_locked_until = 0;
	return REPO_OK;
}

static struct product *
mem_product(struct mem_db *d, int64_t id)
{
	return id >= 1 && id <= d->nproducts ? &d->products[id - 1] : NULL;
}

static enum repo_rc
mem_product_get(void *be, int64_t id, struct product *p, struct seller *s)
{
	struct product	*x;
	struct seller	*y;

	MEM_OP(be);
	if ((x = mem_product(d, id)) == NULL)
		return REPO_NOTFOUND;
	*p = *x;
	if (s == NULL)
		return REPO_OK;
	if ((y = mem_seller(d, NULL, x->seller_id)) == NULL)
		return REPO_NOTFOUND;
	*s = *y;
	return REPO_OK;
}

static enum repo_rc
mem_product_named(void *be, int64_t seller_id, const char *name,
    struct product *out)
{
	char	want[ACT_TEXT_MAX], have[ACT_TEXT_MAX];
	int	i;

	MEM_OP(be);
	commerce_name_key(name, want, sizeof(want));
	for (i = 0; i < d->nproducts; i++) {
		if (d->products[i].seller_id != seller_id ||
		    !d->products[i].active)
			continue;
		commerce_name_key(d->products[i].name, have, sizeof(have));
		if (strcmp(want, have) == 0) {
			*out = d->products[i];
			return REPO_OK;
		}
	}
	return REPO_NOTFOUND;
}

static enum repo_rc
mem_product_add(void *be, struct product *p, int64_t now_s)
{
	MEM_OP(be);
	(void)now_s;
	if (d->nproducts == MEM_ROWS)
		return REPO_ERR;
	p->id = d->nproducts + 1;
	p->reserved = 0;
	p->active = true;
	{
		const struct seller *s = mem_seller(d, NULL, p->seller_id);

		if (s != NULL && s->place[0] != '\0') {
			size_t	n = strnlen(s->place, SEARCH_PLACE_MAX - 1);

			memcpy(d->pplace[d->nproducts], s->place, n);
			d->pplace[d->nproducts][n] = '\0';
		} else
			commerce_place_key(s != NULL ? s->village : "",
			    d->pplace[d->nproducts], SEARCH_PLACE_MAX);
	}
	d->products[d->nproducts++] = *p;
	d->nprices++;
	return REPO_OK;
}

static enum repo_rc
mem_product_set_price(void *be, int64_t id, int64_t old_rp, int64_t new_rp,
    const char *by, int64_t now_s)
{
	struct product	*p;

	MEM_OP(be);
	(void)old_rp, (void)by, (void)now_s;
	if ((p = mem_product(d, id)) != NULL)
		p->price_rp = new_rp;
	d->nprices++;
	d->naudit++;
	if (m->audit_via[0] != '\0')
		d->naudit_via++;
	return REPO_OK;
}

static enum repo_rc
mem_product_set_stock(void *be, int64_t id, int64_t from, int64_t to,
    const char *by, int64_t now_s)
{
	struct product	*p;

	MEM_OP(be);
	(void)from, (void)by, (void)now_s;
	if ((p = mem_product(d, id)) != NULL)
		p->stock = to;
	d->naudit++;
	if (m->audit_via[0] != '\0')
		d->naudit_via++;
	return REPO_OK;
}

static enum repo_rc
mem_product_delist(void *be, int64_t id, const char *by, int64_t now_s)
{
	struct product	*p;

	MEM_OP(be);
	(void)by, (void)now_s;
	if ((p = mem_product(d, id)) != NULL)
		p->active = false;
	d->naudit++;
	if (m->audit_via[0] != '\0')
		d->naudit_via++;
	return REPO_OK;
}

static enum repo_rc
mem_product_reserve(void *be, int64_t id, int64_t qty)
{
	struct product	*p;

	MEM_OP(be);
	if ((p = mem_product(d, id)) == NULL || p->stock - p->reserved < qty)
		return REPO_CONFLICT;
	p->reserved += qty;
	return REPO_OK;
}

static enum repo_rc
mem_product_page(void *be, int64_t seller_id, int64_t offset,
    struct product_line *out, int max, int *n, int64_t *total)
{
	int	i;

	MEM_OP(be);
	*n = 0;
	*total = 0;
	for (i = 0; i < d->nproducts; i++) {
		const struct product	*p = &d->products[i];

		if (p->seller_id != seller_id || !p->active)
			continue;
		if ((*total)++ < offset || *n == max)
			continue;
		out[*n].id = p->id;
		memcpy(out[*n].name, p->name, sizeof(p->name));
		memcpy(out[*n].unit, p->unit, sizeof(p->unit));
		out[*n].price_rp = p->price_rp;
		out[*n].stock = p->stock;
		out[*n].reserved = p->reserved;
		(*n)++;
	}
	return REPO_OK;
}

/* CARI's index, computed from the products at each call. Word ids are
 * positions in a vocabulary that only grows (outside the snapshots: an
 * undone word just has no postings). */
static bool
mem_listed(struct mem_db *d, const struct product *p)
{
	return p->active && p->stock > p->reserved &&
	    mem_seller(d, NULL, p->seller_id) != NULL;
}

static bool
mem_has_word(const struct product *p, const char *w)
{
	struct qword	nw[SEARCH_NAME_WORDS];
	int		n = commerce_search_words(p->name, nw, SEARCH_NAME_WORDS);
	int		i;

	for (i = 0; i < n; i++)
		if (strcmp(nw[i].w, w) == 0)
			return true;
	return false;
}

static void
mem_place_of(struct mem_db *d, const struct product *p, char *out, size_t len)
{
	const struct seller	*s = mem_seller(d, NULL, p->seller_id);
	ptrdiff_t		 i = p - d->products;

	if (i >= 0 && i < d->nproducts && d->pplace[i][0] != '\0') {
		snprintf(out, len, "%s", d->pplace[i]);
		return;
	}
	commerce_place_key(s != NULL ? s->village : "", out, len);
}

static void
mem_vocab_learn(struct mem_repo *m)
{
	int	i, j, k, n;

	for (i = 0; i < m->db.nproducts; i++) {
		struct qword	nw[SEARCH_NAME_WORDS];

		n = commerce_search_words(m->db.products[i].name, nw,
		    SEARCH_NAME_WORDS);
		for (j = 0; j < n; j++) {
			for (k = 0; k < m->nvocab; k++)
				if (strcmp(m->vocab[k], nw[j].w) == 0)
					break;
			if (k == m->nvocab && m->nvocab < MEM_VOCAB)
				memcpy(m->vocab[m->nvocab++], nw[j].w,
				    SEARCH_WORD_MAX);
		}
	}
}

static enum repo_rc
mem_search_vocab(void *be, const struct qword *q, int nq, bool quick,
    struct search_vocab_hits *out)
{
	int	k, i, j;

	MEM_OP(be);
	(void)quick;	/* nothing to scan but the rows themselves */
	mem_vocab_learn(m);
	memset(out->n, 0, sizeof(out->n));
	out->cut = false;
	for (k = 0; k < nq; k++)
		for (i = 0; i < m->nvocab; i++) {
			struct search_match	x;
			int			cls;

			cls = commerce_search_class(&q[k], m->vocab[i],
			    strlen(m->vocab[i]));
			if (cls == 0)
				continue;
			x.wid = i + 1;
			x.cls = cls;
			x.sig = commerce_search_sig(m->vocab[i], strlen(m->vocab[i]));
			x.count = 0;
			for (j = 0; j < d->nproducts; j++)
				if (mem_listed(d, &d->products[j]) &&
				    mem_has_word(&d->products[j], m->vocab[i]))
					x.count++;
			if (x.count == 0)
				continue;
			if (out->n[k] == SEARCH_MATCH_MAX) {
				out->cut = true;
				continue;
			}
			for (j = out->n[k]; j > 0 && out->m[k][j - 1].cls < cls;
			    j--)
				out->m[k][j] = out->m[k][j - 1];
			out->m[k][j] = x;
			out->n[k]++;
		}
	return REPO_OK;
}

static enum repo_rc
mem_search_postings(void *be, int64_t wid, const char *place,
    int32_t after_nlen, int64_t after_pid, struct search_post *out, int max,
    int *n)
{
	int	i, j;

	MEM_OP(be);
	*n = 0;
	if (wid < 1 || wid > m->nvocab)
		return REPO_OK;
	/* Products are in id order: insert each by (nlen, pid). */
	for (i = 0; i < d->nproducts; i++) {
		const struct product	*p = &d->products[i];
		struct search_post	 x = { p->id, (int32_t)strlen(p->name),
					    commerce_search_name_sig(p->name) };
		char			 pl[SEARCH_PLACE_MAX];

		if (!mem_listed(d, p) || !mem_has_word(p, m->vocab[wid - 1]))
			continue;
		mem_place_of(d, p, pl, sizeof(pl));
		if (place != NULL && strcmp(pl, place) != 0)
			continue;
		if (x.nlen < after_nlen || (x.nlen == after_nlen &&
		    x.pid <= after_pid))
			continue;
		for (j = *n; j > 0 && (out[j - 1].nlen > x.nlen ||
		    (out[j - 1].nlen == x.nlen && out[j - 1].pid > x.pid)); j--)
			if (j < max)
				out[j] = out[j - 1];
		if (j < max) {
			out[j] = x;
			if (*n < max)
				(*n)++;
		}
	}
	return REPO_OK;
}

static enum repo_rc
mem_search_row(void *be, int64_t pid, struct search_hit *out)
{
	const struct product	*p;
	const struct seller	*s;

	MEM_OP(be);
	if ((p = mem_product(d, pid)) == NULL || !mem_listed(d, p))
		return REPO_NOTFOUND;
	s = mem_seller(d, NULL, p->seller_id);
	memset(out, 0, sizeof(*out));
	out->id = p->id;
	out->price_rp = p->price_rp;
	memcpy(out->name, p->name, sizeof(out->name));
	memcpy(out->unit, p->unit, sizeof(out->unit));
	memcpy(out->village, s->village, sizeof(out->village));
	return REPO_OK;
}

static enum repo_rc
mem_search_place_known(void *be, const char *place, bool *yes)
{
	int	i;

	MEM_OP(be);
	*yes = false;
	for (i = 0; i < d->nproducts; i++) {
		char	pl[SEARCH_PLACE_MAX];

		mem_place_of(d, &d->products[i], pl, sizeof(pl));
		if (mem_listed(d, &d->products[i]) && strcmp(pl, place) == 0)
			*yes = true;
	}
	return REPO_OK;
}

static struct mem_order *
mem_order(struct mem_db *d, int64_t id)
{
	return id >= 1 && id <= d->norders ? &d->orders[id - 1] : NULL;
}

static enum repo_rc
mem_order_get(void *be, int64_t id, struct order *o, struct product *p,
    struct seller *s)
{
	struct mem_order	*x;

	MEM_OP(be);
	if ((x = mem_order(d, id)) == NULL)
		return REPO_NOTFOUND;
	*o = x->o;
	if (p != NULL) {
		if (mem_product(d, x->o.product_id) == NULL)
			return REPO_NOTFOUND;
		*p = *mem_product(d, x->o.product_id);
	}
	if (s != NULL) {
		if (mem_seller(d, NULL, x->o.seller_id) == NULL)
			return REPO_NOTFOUND;
		*s = *mem_seller(d, NULL, x->o.seller_id);
	}
	return REPO_OK;
}

static enum repo_rc
mem_order_add(void *be, struct order *o, const unsigned char *sealed,
    size_t sealed_len, int64_t now_s)
{
	struct mem_order	*x;

	MEM_OP(be);
	(void)now_s;
	if (d->norders == MEM_ROWS || sealed_len > REPO_CODE_BLOB)
		return REPO_ERR;
	x = &d->orders[d->norders];
	memset(x, 0, sizeof(*x));
	o->id = ++d->norders;
	x->o = *o;
	{
		const struct seller *s = mem_seller(d, NULL, o->seller_id);

		snprintf(d->oplace[o->id - 1], PLACE_CODE_MAX, "%s",
		    s != NULL ? s->place : "");
	}
	memcpy(x->sealed, sealed, sealed_len);
	x->sealed_len = sealed_len;
	d->naudit++;
	if (m->audit_via[0] != '\0')
		d->naudit_via++;
	return REPO_OK;
}

static enum repo_rc
mem_order_pending(void *be, const char *buyer, int64_t now_s,
    struct order_pending *out, int max, int *n)
{
	int	i;

	MEM_OP(be);
	*n = 0;
	for (i = 0; i < d->norders && *n < max; i++) {
		const struct mem_order	*x = &d->orders[i];

		if (x->o.state != ORDER_PENDING || x->o.expires_at <= now_s ||
		    strcmp(x->o.buyer, buyer) != 0)
			continue;
		out[*n].id = x->o.id;
		out[*n].attempts = x->o.attempts;
		out[*n].sealed_len = x->sealed_len;
		memcpy(out[*n].sealed, x->sealed, sizeof(x->sealed));
		(*n)++;
	}
	return REPO_OK;
}

static enum repo_rc
mem_order_attempts(void *be, int64_t id, int attempts)
{
	struct mem_order	*x;

	MEM_OP(be);
	if ((x = mem_order(d, id)) != NULL)
		x->o.attempts = attempts;
	return REPO_OK;
}

static enum repo_rc
mem_order_move(void *be, const struct order_move *mv)
{
	struct mem_order	*x;
	struct product		*p;

	MEM_OP(be);
	if ((x = mem_order(d, mv->order_id)) == NULL ||
	    x->o.state != mv->from)
		return REPO_CONFLICT;
	x->o.state = mv->to;
	x->o.expires_at = mv->expires_at;
	x->sealed_len = 0;
	if (mv->to == ORDER_CONFIRMED)
		x->was_confirmed = true;
	if (mv->to == ORDER_DELIVERED)		/* couriers: buyer_record */
		d->delivered_at[mv->order_id - 1] = mv->now_s;
	if (mv->reason != NULL)
		snprintf(x->reason, sizeof(x->reason), "%s", mv->reason);
	if ((p = mem_product(d, mv->product_id)) != NULL) {
		if (mv->stock == STOCK_RELEASE)
			p->reserved -= mv->qty;
		else if (mv->stock == STOCK_CONSUME) {
			p->stock -= mv->qty;
			p->reserved -= mv->qty;
		} else if (mv->stock == STOCK_RESTORE)	/* couriers */
			p->stock += mv->qty;
	}
	d->naudit++;
	if (m->audit_via[0] != '\0')
		d->naudit_via++;
	return REPO_OK;
}

static bool
mem_open(enum order_state s)
{
	return s == ORDER_PENDING || s == ORDER_CONFIRMED ||
	    s == ORDER_ACCEPTED || s == ORDER_SHIPPED ||
	    s == ORDER_ASSIGNED;		/* couriers */
}

static void
mem_line(struct mem_db *d, const struct mem_order *x, const char *msisdn,
    struct order_line *l)
{
	struct product	*p = mem_product(d, x->o.product_id);

	l->id = x->o.id;
	snprintf(l->item, sizeof(l->item), "%s", p != NULL ? p->name : "");
	l->qty = x->o.qty;
	l->state = x->o.state;
	l->buying = strcmp(x->o.buyer, msisdn) == 0;
	l->paid = x->pay.method[0] != '\0';	/* payments */
}

static enum repo_rc
mem_order_open(void *be, const char *msisdn, int64_t seller_id,
    int64_t offset, struct order_line *out, int max, int *n)
{
	int64_t	seen = 0;
	int	i;

	MEM_OP(be);
	*n = 0;
	for (i = 0; i < d->norders && *n < max; i++) {
		const struct mem_order	*x = &d->orders[i];

		if (!mem_open(x->o.state) ||
		    !(strcmp(x->o.buyer, msisdn) == 0 ||
		    (x->o.seller_id == seller_id &&
		    x->o.state != ORDER_PENDING)))
			continue;
		if (seen++ < offset)
			continue;
		mem_line(d, x, msisdn, &out[(*n)++]);
	}
	return REPO_OK;
}

static enum repo_rc
mem_order_closed(void *be, const char *msisdn, int64_t seller_id,
    struct order_line *out, int max, int *n)
{
	int	i;

	MEM_OP(be);
	*n = 0;
	for (i = d->norders - 1; i >= 0 && *n < max; i--) {
		const struct mem_order	*x = &d->orders[i];

		if (mem_open(x->o.state) ||
		    !(strcmp(x->o.buyer, msisdn) == 0 ||
		    (x->o.seller_id == seller_id && x->was_confirmed)))
			continue;
		mem_line(d, x, msisdn, &out[(*n)++]);
	}
	return REPO_OK;
}

static enum repo_rc
mem_order_due(void *be, int64_t now_s, int64_t *ids, int max, int *n)
{
	const struct order	*due[MEM_ROWS], *t;
	int			 nd = 0, i, j;

	MEM_OP(be);
	for (i = 0; i < d->norders; i++) {
		t = &d->orders[i].o;
		if (t->expires_at < 0 || t->expires_at > now_s)
			continue;
		/* Insertion by (expires_at, id); ids grow with i. */
		for (j = nd; j > 0 && due[j - 1]->expires_at > t->expires_at; j--)
			due[j] = due[j - 1];
		due[j] = t;
		nd++;
	}
	for (*n = 0; *n < nd && *n < max; (*n)++)
		ids[*n] = due[*n]->id;
	return REPO_OK;
}

static enum repo_rc
mem_order_next_timer(void *be, int64_t *at_s)
{
	bool	any = false;
	int	i;

	MEM_OP(be);
	for (i = 0; i < d->norders; i++) {
		int64_t	e = d->orders[i].o.expires_at;

		if (e >= 0 && (!any || e < *at_s)) {
			*at_s = e;
			any = true;
		}
	}
	return any ? REPO_OK : REPO_NOTFOUND;
}

/* places (programme.md section 1) */

static struct mem_place *
mem_place(struct mem_db *d, const char *code)
{
	int	i;

	for (i = 0; i < d->nplaces; i++)
		if (strcmp(d->places[i].p.code, code) == 0)
			return &d->places[i];
	return NULL;
}

static struct place
mem_place_row(struct mem_db *d, const struct mem_place *x)
{
	struct place		 p = x->p;
	const struct mem_place	*up = mem_place(d, p.parent);

	snprintf(p.parent_name, sizeof(p.parent_name), "%s",
	    up != NULL ? up->p.name : "");
	p.dist = 0;
	return p;
}

/* Test setup: adds (or renames) a place as the loader would. */
static inline void
mem_place_add(struct mem_repo *m, const char *code, const char *name,
    int level, const char *parent)
{
	struct mem_db		*d = &m->db;
	struct mem_place	*x = mem_place(d, code);

	if (x == NULL) {
		if (d->nplaces == MEM_PLACES)
			abort();
		x = &d->places[d->nplaces++];
		memset(x, 0, sizeof(*x));
	}
	snprintf(x->p.code, sizeof(x->p.code), "%s", code);
	snprintf(x->p.name, sizeof(x->p.name), "%s", name);
	snprintf(x->p.parent, sizeof(x->p.parent), "%s", parent);
	x->p.level = level;
	commerce_place_fold(name, x->key, sizeof(x->key));
}

static enum repo_rc
mem_place_match(void *be, int level, const char *scope, const char *key,
    bool fuzzy, struct place *out, int max, int *n)
{
	int	i, j, tol = commerce_place_tolerance(strlen(key));

	MEM_OP(be);
	*n = 0;
	for (i = 0; i < d->nplaces; i++) {
		const struct mem_place	*x = &d->places[i];
		struct place		 p;

		if (x->p.level != level || x->repl[0] != '\0' ||
		    !commerce_place_in_scope(x->p.code, scope))
			continue;
		p = mem_place_row(d, x);
		if (!fuzzy && strcmp(x->key, key) != 0)
			continue;
		if (fuzzy && (p.dist = commerce_place_distance(key, x->key,
		    tol)) > tol)
			continue;
		/* nearest first, then by code */
		for (j = *n; j > 0 && (out[j - 1].dist > p.dist ||
		    (out[j - 1].dist == p.dist &&
		    strcmp(out[j - 1].code, p.code) > 0)); j--)
			if (j < max)
				out[j] = out[j - 1];
		if (j < max) {
			out[j] = p;
			if (*n < max)
				(*n)++;
		}
	}
	return REPO_OK;
}

static enum repo_rc
mem_place_get(void *be, const char *code, struct place *out)
{
	const struct mem_place	*x;

	MEM_OP(be);
	if ((x = mem_place(d, code)) == NULL)
		return REPO_NOTFOUND;
	*out = mem_place_row(d, x);
	return REPO_OK;
}

static enum repo_rc
mem_places_any(void *be, const char *scope, bool *yes)
{
	int	i;

	MEM_OP(be);
	*yes = false;
	for (i = 0; i < d->nplaces && !*yes; i++)
		*yes = d->places[i].p.level == PLACE_VILLAGE &&
		    d->places[i].repl[0] == '\0' &&
		    commerce_place_in_scope(d->places[i].p.code, scope);
	return REPO_OK;
}

static enum repo_rc
mem_place_villages(void *be, const char *district, struct place *out,
    int max, int *n)
{
	int	i, j;

	MEM_OP(be);
	*n = 0;
	for (i = 0; i < d->nplaces; i++) {
		const struct mem_place	*x = &d->places[i];

		if (x->p.level != PLACE_VILLAGE || x->repl[0] != '\0' ||
		    strcmp(x->p.parent, district) != 0)
			continue;
		for (j = *n; j > 0 && strcmp(out[j - 1].code, x->p.code) > 0;
		    j--)
			if (j < max)
				out[j] = out[j - 1];
		if (j < max) {
			out[j] = mem_place_row(d, x);
			if (*n < max)
				(*n)++;
		}
	}
	return REPO_OK;
}

static enum repo_rc
mem_seller_place(void *be, int64_t seller_id, const char *code,
    const char *village, int64_t now_s)
{
	struct seller	*s;
	int		 i;

	MEM_OP(be);
	(void)now_s;
	if ((s = mem_seller(d, NULL, seller_id)) == NULL)
		return REPO_OK;
	snprintf(s->place, sizeof(s->place), "%s", code);
	if (village != NULL)
		snprintf(s->village, sizeof(s->village), "%s", village);
	if (code[0] == '\0')
		return REPO_OK;
	for (i = 0; i < d->nproducts; i++)
		if (d->products[i].seller_id == seller_id &&
		    d->products[i].active)
			snprintf(d->pplace[i], SEARCH_PLACE_MAX, "%s", code);
	return REPO_OK;
}

static enum repo_rc
mem_place_choice_get(void *be, const char *msisdn, char *codes, size_t len,
    int64_t *expires_s)
{
	const struct mem_number	*x;

	MEM_OP(be);
	if ((x = mem_number(d, msisdn)) == NULL || x->choice[0] == '\0')
		return REPO_NOTFOUND;
	snprintf(codes, len, "%s", x->choice);
	*expires_s = x->choice_exp;
	return REPO_OK;
}

static enum repo_rc
mem_place_choice_set(void *be, const char *msisdn, const char *codes,
    int64_t expires_s)
{
	struct mem_number	*x;

	MEM_OP(be);
	if ((x = mem_number(d, msisdn)) == NULL)
		return REPO_ERR;
	snprintf(x->choice, sizeof(x->choice), "%s", codes);
	x->choice_exp = expires_s;
	return REPO_OK;
}

/* issue 12, marketplace export: BERAT. */
static enum repo_rc
mem_product_set_weight(void *be, int64_t id, int64_t old_g, int64_t new_g,
    const char *by, int64_t now_s)
{
	struct product	*p;

	MEM_OP(be);
	(void)old_g, (void)by, (void)now_s;
	if ((p = mem_product(d, id)) == NULL)
		return REPO_NOTFOUND;
	p->weight_g = new_g;
	d->naudit++;
	if (m->audit_via[0] != '\0')
		d->naudit_via++;
	return REPO_OK;
}

/* issue 12, reports */
static enum repo_rc
mem_agent_report(void *be, const char *msisdn, int64_t now_s,
    struct agent_report *out)
{
	int	i;

	MEM_OP(be);
	(void)now_s;
	for (i = 0; i < m->nagents; i++)
		if (strcmp(m->agents[i].msisdn, msisdn) == 0) {
			*out = m->agents[i].rep;
			return REPO_OK;
		}
	return REPO_NOTFOUND;
}

/* Assistants. */

static struct mem_agent *
mem_agent(struct mem_db *d, const char *msisdn)
{
	int	i;

	for (i = 0; i < d->nagents; i++)
		if (strcmp(d->agents[i].a.msisdn, msisdn) == 0 &&
		    !d->agents[i].removed)
			return &d->agents[i];
	return NULL;
}

static enum repo_rc
mem_agent_get(void *be, const char *msisdn, struct agent *out)
{
	struct mem_agent	*a;

	MEM_OP(be);
	if ((a = mem_agent(d, msisdn)) == NULL)
		return REPO_NOTFOUND;
	*out = a->a;
	return REPO_OK;
}

static enum repo_rc
mem_agent_set_pin(void *be, const char *msisdn, const char *hash)
{
	struct mem_agent	*a;

	MEM_OP(be);
	if ((a = mem_agent(d, msisdn)) != NULL) {
		snprintf(a->a.pin_hash, sizeof(a->a.pin_hash), "%s", hash);
		a->a.pin_fails = 0;
		a->a.pin_locked_until = 0;
	}
	return REPO_OK;
}

static enum repo_rc
mem_agent_pin_fails(void *be, const char *msisdn, int fails,
    int64_t locked_until)
{
	struct mem_agent	*a;

	MEM_OP(be);
	if ((a = mem_agent(d, msisdn)) != NULL) {
		a->a.pin_fails = fails;
		a->a.pin_locked_until = locked_until;
	}
	return REPO_OK;
}

static struct mem_link *
mem_link(struct mem_db *d, const char *agent, const char *seller)
{
	int	i;

	for (i = 0; i < d->nlinks; i++)
		if (d->links[i].ended_s == 0 &&
		    strcmp(d->links[i].agent, agent) == 0 &&
		    strcmp(d->links[i].seller, seller) == 0)
			return &d->links[i];
	return NULL;
}

static enum repo_rc
mem_link_get(void *be, const char *agent, const char *seller)
{
	MEM_OP(be);
	return mem_link(d, agent, seller) != NULL ? REPO_OK : REPO_NOTFOUND;
}

static enum repo_rc
mem_link_add(void *be, const char *agent, const char *seller, int64_t now_s)
{
	struct mem_link	*l;

	MEM_OP(be);
	if (d->nlinks == MEM_ROWS)
		return REPO_ERR;
	l = &d->links[d->nlinks++];
	memset(l, 0, sizeof(*l));
	snprintf(l->agent, sizeof(l->agent), "%s", agent);
	snprintf(l->seller, sizeof(l->seller), "%s", seller);
	l->created_s = now_s;
	return REPO_OK;
}

static enum repo_rc
mem_link_end(void *be, const char *agent, const char *seller, const char *by,
    int64_t now_s)
{
	struct mem_link	*l;

	MEM_OP(be);
	if ((l = mem_link(d, agent, seller)) == NULL)
		return REPO_NOTFOUND;
	l->ended_s = now_s;
	snprintf(l->ended_by, sizeof(l->ended_by), "%s", by);
	return REPO_OK;
}

static enum repo_rc
mem_consent_counts(void *be, const char *agent, const char *msisdn,
    int64_t day_start_s, int64_t now_s, int64_t refused_since_s,
    struct consent_counts *out)
{
	char	seen[MEM_ROWS][16];
	int	i, j, nseen = 0;

	MEM_OP(be);
	memset(out, 0, sizeof(*out));
	for (i = 0; i < d->nconsents; i++) {
		struct mem_consent	*c = &d->consents[i];
		bool			 mine = strcmp(c->p.agent, agent) == 0;
		bool			 to = strcmp(c->msisdn, msisdn) == 0;

		if (mine && c->created_s >= day_start_s)
			out->agent_day++;
		if (mine && to && c->created_s > now_s - 86400)
			out->pair_24h++;
		if (mine && to && strcmp(c->state, "refused") == 0 &&
		    c->answered_s > refused_since_s)
			out->refused_30d++;
		if (!mine && to && c->created_s >= day_start_s) {
			for (j = 0; j < nseen; j++)
				if (strcmp(seen[j], c->p.agent) == 0)
					break;
			if (j == nseen) {
				snprintf(seen[nseen++], 16, "%s", c->p.agent);
				out->number_agents_day++;
			}
		}
	}
	return REPO_OK;
}

static enum repo_rc
mem_consent_add(void *be, const char *agent, const char *msisdn,
    const unsigned char *sealed, size_t sealed_len, int64_t now_s,
    int64_t expires_s)
{
	struct mem_consent	*c;

	MEM_OP(be);
	if (d->nconsents == MEM_ROWS || sealed_len > REPO_CODE_BLOB)
		return REPO_ERR;
	c = &d->consents[d->nconsents];
	memset(c, 0, sizeof(*c));
	c->p.id = ++d->nconsents;
	snprintf(c->p.agent, sizeof(c->p.agent), "%s", agent);
	memcpy(c->p.sealed, sealed, sealed_len);
	c->p.sealed_len = sealed_len;
	snprintf(c->msisdn, sizeof(c->msisdn), "%s", msisdn);
	snprintf(c->state, sizeof(c->state), "pending");
	c->created_s = now_s;
	c->expires_s = expires_s;
	return REPO_OK;
}

static enum repo_rc
mem_consent_pending(void *be, const char *msisdn, int64_t now_s,
    struct consent_pending *out, int max, int *n)
{
	int	i;

	MEM_OP(be);
	*n = 0;
	for (i = 0; i < d->nconsents && *n < max; i++)
		if (strcmp(d->consents[i].msisdn, msisdn) == 0 &&
		    strcmp(d->consents[i].state, "pending") == 0 &&
		    d->consents[i].expires_s > now_s)
			out[(*n)++] = d->consents[i].p;
	return REPO_OK;
}

static enum repo_rc
mem_consent_set(void *be, int64_t id, const char *state, int attempts,
    int64_t now_s)
{
	struct mem_consent	*c;

	MEM_OP(be);
	if (id < 1 || id > d->nconsents)
		return REPO_NOTFOUND;
	c = &d->consents[id - 1];
	c->p.attempts = attempts;
	if (strcmp(state, "pending") != 0) {
		snprintf(c->state, sizeof(c->state), "%s", state);
		c->p.sealed_len = 0;
		c->answered_s = now_s;
	}
	return REPO_OK;
}

/* The fake counts every delivered order as completed this month. */
static enum repo_rc
mem_agent_sellers(void *be, const char *agent, int64_t month_start_s,
    int64_t offset, struct agent_seller_line *out, int max, int *n,
    int64_t *total)
{
	int	i, j;

	MEM_OP(be);
	(void)month_start_s;
	*n = 0;
	*total = 0;
	for (i = 0; i < d->nlinks; i++) {
		struct agent_seller_line	*l;
		struct seller			*s;

		if (d->links[i].ended_s != 0 ||
		    strcmp(d->links[i].agent, agent) != 0)
			continue;
		if ((*total)++ < offset || *n >= max)
			continue;
		l = &out[(*n)++];
		memset(l, 0, sizeof(*l));
		snprintf(l->seller, sizeof(l->seller), "%s", d->links[i].seller);
		if ((s = mem_seller(d, l->seller, 0)) == NULL)
			continue;
		snprintf(l->shop, sizeof(l->shop), "%s", s->shop);
		for (j = 0; j < d->nproducts; j++)
			if (d->products[j].seller_id == s->id &&
			    d->products[j].active)
				l->products++;
		for (j = 0; j < d->norders; j++)
			if (d->orders[j].o.seller_id == s->id &&
			    d->orders[j].o.state == ORDER_DELIVERED)
				l->completed++;
	}
	return REPO_OK;
}

static enum repo_rc
mem_agent_action_add(void *be, const char *agent, const char *seller,
    const char *verb, int64_t now_s)
{
	struct mem_action	*a;

	MEM_OP(be);
	if (d->nactions == MEM_ROWS)
		return REPO_ERR;
	a = &d->actions[d->nactions++];
	snprintf(a->agent, sizeof(a->agent), "%s", agent);
	snprintf(a->seller, sizeof(a->seller), "%s", seller);
	snprintf(a->verb, sizeof(a->verb), "%s", verb);
	a->at_s = now_s;
	return REPO_OK;
}

static enum repo_rc
mem_audit_via(void *be, const char *via)
{
	MEM_OP(be);
	snprintf(m->audit_via, sizeof(m->audit_via), "%s",
	    via != NULL ? via : "");
	return REPO_OK;
}

/* promotions (programme.md section 6) */
static enum repo_rc
mem_promo_pause(void *be, const char *msisdn, int64_t at_s)
{
	int	i;

	MEM_OP(be);
	for (i = 0; i < d->npaused; i++)
		if (strcmp(d->paused[i].msisdn, msisdn) == 0) {
			d->paused[i].at_s = at_s;
			return REPO_OK;
		}
	if (d->npaused == MEM_ROWS)
		return REPO_ERR;
	snprintf(d->paused[d->npaused].msisdn, 16, "%s", msisdn);
	d->paused[d->npaused++].at_s = at_s;
	return REPO_OK;
}
/* issue 13, payment records */
static enum repo_rc
mem_order_payment(void *be, int64_t id, struct order_payment *out)
{
	struct mem_order	*x;

	MEM_OP(be);
	if ((x = mem_order(d, id)) == NULL)
		return REPO_NOTFOUND;
	*out = x->pay;
	return REPO_OK;
}

static enum repo_rc
mem_promo_paused(void *be, const char *msisdn, int64_t *at_s)
{
	int	i;

	MEM_OP(be);
	*at_s = 0;
	for (i = 0; i < d->npaused; i++)
		if (strcmp(d->paused[i].msisdn, msisdn) == 0)
			*at_s = d->paused[i].at_s;
	return REPO_OK;
}

static enum repo_rc
mem_sub_add(void *be, const char *msisdn, const char *kind,
    const char *value, const char *label, int64_t now_s, int64_t *id)
{
	struct mem_sub	*u;
	int64_t		 top = 0;
	int		 i;

	MEM_OP(be);
	(void)now_s;
	for (i = 0; i < d->nsubs; i++)
		if (strcmp(d->subs[i].msisdn, msisdn) == 0 &&
		    strcmp(d->subs[i].l.kind, kind) == 0 &&
		    strcmp(d->subs[i].l.value, value) == 0)
			return REPO_CONFLICT;
	if (d->nsubs == MEM_ROWS)
		return REPO_ERR;
	for (i = 0; i < d->nproducts; i++)
		if (d->products[i].id > top)
			top = d->products[i].id;
	u = &d->subs[d->nsubs++];
	memset(u, 0, sizeof(*u));
	u->l.id = *id = ++d->next_sub;
	snprintf(u->l.kind, sizeof(u->l.kind), "%s", kind);
	snprintf(u->l.value, sizeof(u->l.value), "%s", value);
	snprintf(u->l.label, sizeof(u->l.label), "%s", label);
	snprintf(u->msisdn, sizeof(u->msisdn), "%s", msisdn);
	u->seen_pid = top;
	return REPO_OK;
}

static enum repo_rc
mem_sub_count(void *be, const char *msisdn, int *n)
{
	int	i;

	MEM_OP(be);
	*n = 0;
	for (i = 0; i < d->nsubs; i++)
		if (strcmp(d->subs[i].msisdn, msisdn) == 0)
			(*n)++;
	return REPO_OK;
}

static enum repo_rc
mem_sub_page(void *be, const char *msisdn, int64_t offset,
    struct sub_line *out, int max, int *n)
{
	int64_t	k = 0;
	int	i;

	MEM_OP(be);
	*n = 0;
	for (i = 0; i < d->nsubs && *n < max; i++)	/* kept in id order */
		if (strcmp(d->subs[i].msisdn, msisdn) == 0 && k++ >= offset)
			out[(*n)++] = d->subs[i].l;
	return REPO_OK;
}

static enum repo_rc
mem_sub_drop(void *be, const char *msisdn, int64_t id)
{
	int	i;

	MEM_OP(be);
	for (i = 0; i < d->nsubs; i++)
		if (d->subs[i].l.id == id &&
		    strcmp(d->subs[i].msisdn, msisdn) == 0) {
			memmove(&d->subs[i], &d->subs[i + 1],
			    (size_t)(d->nsubs - i - 1) * sizeof(d->subs[0]));
			d->nsubs--;
			return REPO_OK;
		}
	return REPO_NOTFOUND;
}

static enum repo_rc
mem_order_pay(void *be, int64_t id, enum order_state from,
    const char *method, const char *ref, const char *by, int64_t now_s)
{
	struct mem_order	*x;

	MEM_OP(be);
	(void)by;
	if ((x = mem_order(d, id)) == NULL || x->o.state != from)
		return REPO_CONFLICT;
	snprintf(x->pay.method, sizeof(x->pay.method), "%s", method);
	x->o.paid = true;	/* couriers read it (struct order) */
	snprintf(x->pay.ref, sizeof(x->pay.ref), "%s", ref);
	x->pay.at_s = now_s;
	x->npaid_audit++;
	d->naudit++;
	if (m->audit_via[0] != '\0')
		d->naudit_via++;
	return REPO_OK;
}

/* couriers (programme.md section 4) */

static int
mem_jobs_open(const struct mem_db *d, const char *msisdn)
{
	int	i, n = 0;

	for (i = 0; i < d->norders; i++)
		if (strcmp(d->orders[i].o.courier, msisdn) == 0 &&
		    (d->orders[i].o.state == ORDER_ASSIGNED ||
		    d->orders[i].o.state == ORDER_SHIPPED))
			n++;
	return n;
}

static struct mem_courier *
mem_courier(struct mem_db *d, const char *msisdn)
{
	int	i;

	for (i = 0; i < d->ncouriers; i++)
		if (!d->couriers[i].removed &&
		    strcmp(d->couriers[i].k.msisdn, msisdn) == 0) {
			d->couriers[i].k.jobs = mem_jobs_open(d, msisdn);
			return &d->couriers[i];
		}
	return NULL;
}

/* A test enrols a courier (what lapakctl courier add does). */
static inline void
mem_courier_add(struct mem_repo *m, const char *msisdn, const char *name,
    const char *place, int64_t fee_rp)
{
	struct mem_courier	*c = &m->db.couriers[m->db.ncouriers++];

	memset(c, 0, sizeof(*c));
	snprintf(c->k.msisdn, sizeof(c->k.msisdn), "%s", msisdn);
	snprintf(c->k.name, sizeof(c->k.name), "%s", name);
	snprintf(c->k.place, sizeof(c->k.place), "%s", place);
	c->k.fee_rp = fee_rp;
	c->k.on_duty = true;
}

static enum repo_rc
mem_courier_get(void *be, const char *msisdn, struct courier *out)
{
	struct mem_courier	*c;

	MEM_OP(be);
	if ((c = mem_courier(d, msisdn)) == NULL)
		return REPO_NOTFOUND;
	*out = c->k;
	return REPO_OK;
}

static enum repo_rc
mem_courier_set_duty(void *be, const char *msisdn, bool on)
{
	struct mem_courier	*c;

	MEM_OP(be);
	if ((c = mem_courier(d, msisdn)) != NULL)
		c->k.on_duty = on;
	return REPO_OK;
}

static int64_t
mem_courier_last(const struct mem_db *d, const char *msisdn)
{
	int64_t	last = 0;
	int	i;

	for (i = 0; i < d->njobs; i++)
		if (strcmp(d->jobs[i].courier, msisdn) == 0 &&
		    d->jobs[i].assigned_s > last)
			last = d->jobs[i].assigned_s;
	return last;
}

/* issue 15, operators */
static bool
mem_is_blocked(const struct mem_db *d, const char *msisdn)
{
	int	i;

	for (i = 0; i < d->nblocked; i++)
		if (strcmp(d->blocked[i], msisdn) == 0)
			return true;
	return false;
}

static enum repo_rc
mem_courier_next(void *be, const char *place, bool prefix, const char *not,
    int max_jobs, struct courier *out)
{
	struct mem_courier	*best = NULL;
	size_t			 pl = strlen(place);
	int			 i;

	MEM_OP(be);
	for (i = 0; i < d->ncouriers; i++) {
		struct mem_courier	*c = &d->couriers[i];
		char			 dot[32];
		bool			 in;

		if (c->removed || !c->k.on_duty ||
		    strcmp(c->k.msisdn, not) == 0 ||
		    mem_is_blocked(d, c->k.msisdn))	/* issue 15 */
			continue;
		snprintf(dot, sizeof(dot), "%s.", c->k.place);
		in = prefix ? strncmp(c->k.place, place, pl) == 0 ||
		    strcmp(dot, place) == 0 : strcmp(c->k.place, place) == 0;
		c->k.jobs = mem_jobs_open(d, c->k.msisdn);
		if (!in || c->k.jobs >= max_jobs)
			continue;
		if (best == NULL || c->k.jobs < best->k.jobs ||
		    (c->k.jobs == best->k.jobs &&
		    (mem_courier_last(d, c->k.msisdn) <
		    mem_courier_last(d, best->k.msisdn) ||
		    (mem_courier_last(d, c->k.msisdn) ==
		    mem_courier_last(d, best->k.msisdn) &&
		    strcmp(c->k.msisdn, best->k.msisdn) < 0))))
			best = c;
	}
	if (best == NULL)
		return REPO_NOTFOUND;
	*out = best->k;
	return REPO_OK;
}

static enum repo_rc
mem_job_open(void *be, int64_t order_id, const char *courier, int64_t fee_rp,
    int64_t now_s)
{
	struct mem_order	*x;
	struct mem_job		*j;

	MEM_OP(be);
	if ((x = mem_order(d, order_id)) == NULL || d->njobs == MEM_ROWS)
		return REPO_ERR;
	j = &d->jobs[d->njobs++];
	memset(j, 0, sizeof(*j));
	j->order_id = order_id;
	snprintf(j->courier, sizeof(j->courier), "%s", courier);
	j->fee_rp = fee_rp;
	j->assigned_s = now_s;
	snprintf(x->o.courier, sizeof(x->o.courier), "%s", courier);
	x->o.fee_rp = fee_rp;
	return REPO_OK;
}

static enum repo_rc
mem_job_mark(void *be, int64_t order_id, const char *what, int64_t now_s)
{
	struct mem_order	*x;
	struct mem_job		*j = NULL;
	int			 i;
	bool			 back = strcmp(what, "given_back") == 0 ||
				    strcmp(what, "timeout") == 0 ||
				    strcmp(what, "unassigned") == 0;

	MEM_OP(be);
	if (!back && strcmp(what, "picked") != 0 &&
	    strcmp(what, "delivered") != 0 && strcmp(what, "failed") != 0)
		return REPO_ERR;
	for (i = 0; i < d->njobs; i++)
		if (d->jobs[i].order_id == order_id && d->jobs[i].ended_s == 0)
			j = &d->jobs[i];
	if (j == NULL)
		return REPO_NOTFOUND;
	if (strcmp(what, "picked") == 0) {
		j->picked_s = now_s;
		return REPO_OK;
	}
	j->ended_s = now_s;
	snprintf(j->outcome, sizeof(j->outcome), "%s", what);
	if (back && (x = mem_order(d, order_id)) != NULL) {
		x->o.courier[0] = '\0';
		x->o.fee_rp = 0;
	}
	return REPO_OK;
}

static enum repo_rc
mem_job_list(void *be, const char *courier, int64_t offset,
    struct courier_job_line *out, int max, int *n)
{
	int64_t	seen = 0;
	int	i;

	MEM_OP(be);
	*n = 0;
	for (i = 0; i < d->norders && *n < max; i++) {
		const struct mem_order	*x = &d->orders[i];
		struct product		*p;
		struct courier_job_line	*l;

		if (strcmp(x->o.courier, courier) != 0 ||
		    (x->o.state != ORDER_ASSIGNED &&
		    x->o.state != ORDER_SHIPPED) || seen++ < offset)
			continue;
		l = &out[(*n)++];
		p = mem_product(d, x->o.product_id);
		l->id = x->o.id;
		snprintf(l->item, sizeof(l->item), "%s", p != NULL ? p->name : "");
		l->qty = x->o.qty;
		l->state = x->o.state;
		l->collect_rp = x->o.paid ? 0 :
		    x->o.unit_price_rp * x->o.qty + x->o.fee_rp;
	}
	return REPO_OK;
}

static enum repo_rc
mem_drop_set(void *be, int64_t order_id, const unsigned char *sealed,
    size_t len)
{
	struct mem_order	*x;

	MEM_OP(be);
	if ((x = mem_order(d, order_id)) == NULL || len > REPO_CODE_BLOB)
		return REPO_ERR;
	if (len > 0)
		memcpy(d->drop[order_id - 1], sealed, len);
	d->drop_len[order_id - 1] = len;
	x->o.drop_attempts = 0;
	return REPO_OK;
}

static enum repo_rc
mem_drop_get(void *be, int64_t order_id, unsigned char *sealed, size_t *len)
{
	MEM_OP(be);
	*len = 0;
	if (mem_order(d, order_id) == NULL || d->drop_len[order_id - 1] == 0)
		return REPO_NOTFOUND;
	*len = d->drop_len[order_id - 1];
	memcpy(sealed, d->drop[order_id - 1], *len);
	return REPO_OK;
}

static enum repo_rc
mem_drop_attempts(void *be, int64_t order_id, int attempts)
{
	struct mem_order	*x;

	MEM_OP(be);
	if ((x = mem_order(d, order_id)) != NULL)
		x->o.drop_attempts = attempts;
	return REPO_OK;
}

static enum repo_rc
mem_mark_add(void *be, const char *msisdn, const char *kind,
    int64_t order_id, int64_t now_s)
{
	struct mem_mark	*k;

	MEM_OP(be);
	if (d->nmarks == MEM_ROWS)
		return REPO_ERR;
	k = &d->marks[d->nmarks++];
	snprintf(k->tag, sizeof(k->tag), "%s", msisdn);
	snprintf(k->kind, sizeof(k->kind), "%s", kind);
	k->order_id = order_id;
	k->at_s = now_s;
	return REPO_OK;
}

static enum repo_rc
mem_buyer_record(void *be, const char *msisdn, int64_t since_s,
    int *completed, int *failed)
{
	int	i;

	MEM_OP(be);
	*completed = *failed = 0;
	for (i = 0; i < d->norders; i++)
		if (d->orders[i].o.state == ORDER_DELIVERED &&
		    strcmp(d->orders[i].o.buyer, msisdn) == 0 &&
		    d->delivered_at[i] >= since_s)
			(*completed)++;
	for (i = 0; i < d->nmarks; i++)
		if (strcmp(d->marks[i].tag, msisdn) == 0 &&
		    strcmp(d->marks[i].kind, "failed") == 0 &&
		    d->marks[i].at_s >= since_s)
			(*failed)++;
	return REPO_OK;
}


/* issue 13, privacy (commerce/privacy.c). */
static enum repo_rc
mem_privacy_counts(void *be, const char *msisdn, struct privacy_counts *out)
{
	struct mem_number	*nb;
	struct seller		*s;
	int			 i;

	MEM_OP(be);
	memset(out, 0, sizeof(*out));
	if ((nb = mem_number(d, msisdn)) != NULL) {
		snprintf(out->lang, sizeof(out->lang), "%s", nb->lang);
		out->since_s = 1;
		out->consent_s = d->nconsent_s[nb - d->numbers];
	}
	if ((s = mem_seller(d, msisdn, 0)) != NULL) {
		out->seller = true;
		if (d->sconsent_s[s - d->sellers] != 0)
			out->consent_s = d->sconsent_s[s - d->sellers];
		snprintf(out->shop, sizeof(out->shop), "%s", s->shop);
		snprintf(out->village, sizeof(out->village), "%s", s->village);
		for (i = 0; i < d->nproducts; i++)
			if (d->products[i].seller_id == s->id) {
				out->products++;
				out->products_active += d->products[i].active;
			}
	}
	for (i = 0; i < d->norders; i++)
		if (strcmp(d->orders[i].o.buyer, msisdn) == 0 ||
		    (s != NULL && d->orders[i].o.seller_id == s->id)) {
			out->orders[d->orders[i].o.state]++;
			out->orders_total++;
		}
	for (i = 0; i < d->nlinks; i++)
		if (d->links[i].ended_s == 0 &&
		    (strcmp(d->links[i].agent, msisdn) == 0 ||
		    strcmp(d->links[i].seller, msisdn) == 0))
			out->agents++;
	return REPO_OK;
}

static enum repo_rc
mem_consent_mark(void *be, const char *msisdn, bool seller, int64_t now_s,
    bool *first)
{
	struct mem_number	*nb;
	struct seller		*s;
	int64_t			*at = NULL;

	/* not counted by the fault hook: asked on every request */
	struct mem_db *d = &((struct mem_repo *)be)->db;
	*first = false;
	if (seller && (s = mem_seller(d, msisdn, 0)) != NULL)
		at = &d->sconsent_s[s - d->sellers];
	else if (!seller && (nb = mem_number(d, msisdn)) != NULL)
		at = &d->nconsent_s[nb - d->numbers];
	if (at != NULL && *at == 0) {
		*at = now_s;
		*first = true;
	}
	return REPO_OK;
}

static struct mem_erase *
mem_erase_of(struct mem_db *d, const char *msisdn)
{
	int	i;

	for (i = 0; i < d->nerase; i++)
		if (strcmp(d->erase[i].msisdn, msisdn) == 0)
			return &d->erase[i];
	return NULL;
}

static enum repo_rc
mem_erase_get(void *be, const char *msisdn, unsigned char *sealed,
    size_t *sealed_len, int *attempts, int64_t *expires_s)
{
	struct mem_erase	*e;

	MEM_OP(be);
	if ((e = mem_erase_of(d, msisdn)) == NULL)
		return REPO_NOTFOUND;
	memcpy(sealed, e->sealed, e->len);
	*sealed_len = e->len;
	*attempts = e->attempts;
	*expires_s = e->expires_s;
	return REPO_OK;
}

static enum repo_rc
mem_erase_set(void *be, const char *msisdn, const unsigned char *sealed,
    size_t sealed_len, int attempts, int64_t expires_s)
{
	struct mem_erase	*e;

	MEM_OP(be);
	e = mem_erase_of(d, msisdn);
	if (sealed_len == 0) {
		if (e != NULL)
			*e = d->erase[--d->nerase];
		return REPO_OK;
	}
	if (e == NULL) {
		if (d->nerase == 8)
			return REPO_ERR;
		e = &d->erase[d->nerase++];
	}
	snprintf(e->msisdn, sizeof(e->msisdn), "%s", msisdn);
	memcpy(e->sealed, sealed, sealed_len);
	e->len = sealed_len;
	e->attempts = attempts;
	e->expires_s = expires_s;
	return REPO_OK;
}

static enum repo_rc
mem_number_erase(void *be, const char *msisdn, const char *cc,
    int64_t now_s)
{
	struct mem_number	*nb;
	struct mem_erase	*e;
	struct seller		*s;
	char			 ps[16];
	int			 i;

	MEM_OP(be);
	(void)cc;
	snprintf(ps, sizeof(ps), "x%014d", ++d->nerased);
	if ((s = mem_seller(d, msisdn, 0)) != NULL) {
		for (i = 0; i < d->nproducts; i++)
			if (d->products[i].seller_id == s->id)
				d->products[i].active = false;
		snprintf(s->msisdn, sizeof(s->msisdn), "%s", ps);
		s->shop[0] = s->village[0] = s->pin_hash[0] = '\0';
		d->sconsent_s[s - d->sellers] = 0;
	}
	for (i = 0; i < d->norders; i++)
		if (strcmp(d->orders[i].o.buyer, msisdn) == 0) {
			snprintf(d->orders[i].o.buyer, 16, "%s", ps);
			d->orders[i].o.note[0] = '\0';
		}
	for (i = 0; i < d->nlinks; i++) {
		if (strcmp(d->links[i].agent, msisdn) != 0 &&
		    strcmp(d->links[i].seller, msisdn) != 0)
			continue;
		if (d->links[i].ended_s == 0)
			d->links[i].ended_s = now_s;
		if (strcmp(d->links[i].agent, msisdn) == 0)
			snprintf(d->links[i].agent, 16, "%s", ps);
		else
			snprintf(d->links[i].seller, 16, "%s", ps);
	}
	if ((nb = mem_number(d, msisdn)) != NULL) {
		i = (int)(nb - d->numbers);
		d->numbers[i] = d->numbers[--d->nnumbers];
		d->nconsent_s[i] = d->nconsent_s[d->nnumbers];
	}
	if ((e = mem_erase_of(d, msisdn)) != NULL)
		*e = d->erase[--d->nerase];
	return REPO_OK;
}

static enum repo_rc
mem_number_blocked(void *be, const char *msisdn, bool *yes)
{
	int	i;

	/* not counted by the fault hook: asked on every request */
	struct mem_db *d = &((struct mem_repo *)be)->db;
	*yes = false;
	for (i = 0; i < d->nblocked; i++)
		if (strcmp(d->blocked[i], msisdn) == 0)
			*yes = true;
	return REPO_OK;
}

/* issue 15, operators: the blocked number's one notice. */
static enum repo_rc
mem_block_notice(void *be, const char *msisdn, int64_t now_s, bool *first)
{
	int	i;

	MEM_OP(be);
	(void)now_s;
	*first = false;
	for (i = 0; i < d->nblocked; i++)
		if (strcmp(d->blocked[i], msisdn) == 0 && !d->block_noticed[i]) {
			d->block_noticed[i] = true;
			*first = true;
		}
	return REPO_OK;
}

static enum repo_rc
mem_erase_open(void *be, const char *msisdn, int64_t seller_id, int64_t *ids,
    int max, int *n)
{
	int	i;

	MEM_OP(be);
	*n = 0;
	for (i = 0; i < d->norders && *n < max; i++) {
		const struct order *o = &d->orders[i].o;

		if (o->state != ORDER_PENDING && o->state != ORDER_CONFIRMED &&
		    o->state != ORDER_ACCEPTED && o->state != ORDER_SHIPPED &&
		    o->state != ORDER_ASSIGNED)
			continue;
		if (strcmp(o->buyer, msisdn) == 0 || o->seller_id == seller_id)
			ids[(*n)++] = o->id;
	}
	return REPO_OK;
}

#undef MEM_OP

static const struct repo_ops mem_ops = {
	.begin = mem_begin,
	.commit = mem_commit,
	.rollback = mem_rollback,
	.savepoint = mem_savepoint,
	.release = mem_release,
	.rollback_to = mem_rollback_to,
	.errmsg = mem_errmsg,
	.number_touch = mem_number_touch,
	.number_lang = mem_number_lang,
	.number_set_lang = mem_number_set_lang,
	.list_get = mem_list_get,
	.list_save = mem_list_save,
	.seller_get = mem_seller_get,
	.seller_save = mem_seller_save,
	.seller_set_pin = mem_seller_set_pin,
	.seller_pin_fails = mem_seller_pin_fails,
	.seller_unlock = mem_seller_unlock,
	.product_get = mem_product_get,
	.product_named = mem_product_named,
	.product_add = mem_product_add,
	.product_set_price = mem_product_set_price,
	.product_set_stock = mem_product_set_stock,
	.product_delist = mem_product_delist,
	.product_reserve = mem_product_reserve,
	.product_page = mem_product_page,
	.search_vocab = mem_search_vocab,
	.search_postings = mem_search_postings,
	.search_row = mem_search_row,
	.search_place_known = mem_search_place_known,
	.order_get = mem_order_get,
	.order_add = mem_order_add,
	.order_pending = mem_order_pending,
	.order_attempts = mem_order_attempts,
	.order_move = mem_order_move,
	.order_open = mem_order_open,
	.order_closed = mem_order_closed,
	.order_due = mem_order_due,
	.order_next_timer = mem_order_next_timer,
	/* places (programme.md section 1) */
	.place_match = mem_place_match,
	.place_get = mem_place_get,
	.places_any = mem_places_any,
	.place_villages = mem_place_villages,
	.seller_place = mem_seller_place,
	.place_choice_get = mem_place_choice_get,
	.place_choice_set = mem_place_choice_set,
	/* issue 12, marketplace export */
	.product_set_weight = mem_product_set_weight,
	/* issue 12, reports */
	.agent_report = mem_agent_report,
	/* assistants */
	.agent_get = mem_agent_get,
	.agent_set_pin = mem_agent_set_pin,
	.agent_pin_fails = mem_agent_pin_fails,
	.link_get = mem_link_get,
	.link_add = mem_link_add,
	.link_end = mem_link_end,
	.consent_counts = mem_consent_counts,
	.consent_add = mem_consent_add,
	.consent_pending = mem_consent_pending,
	.consent_set = mem_consent_set,
	.agent_sellers = mem_agent_sellers,
	.agent_action_add = mem_agent_action_add,
	.audit_via = mem_audit_via,
	/* issue 13, privacy */
	.privacy_counts = mem_privacy_counts,
	.consent_mark = mem_consent_mark,
	.erase_get = mem_erase_get,
	.erase_set = mem_erase_set,
	.number_erase = mem_number_erase,
	.number_blocked = mem_number_blocked,
	.erase_open = mem_erase_open,
	.block_notice = mem_block_notice,
	/* couriers */
	.courier_get = mem_courier_get,
	.courier_set_duty = mem_courier_set_duty,
	.courier_next = mem_courier_next,
	.job_open = mem_job_open,
	.job_mark = mem_job_mark,
	.job_list = mem_job_list,
	.drop_set = mem_drop_set,
	.drop_get = mem_drop_get,
	.drop_attempts = mem_drop_attempts,
	.mark_add = mem_mark_add,
	.buyer_record = mem_buyer_record,
	/* promotions */
	.promo_pause = mem_promo_pause,
	.promo_paused = mem_promo_paused,
	.sub_add = mem_sub_add,
	.sub_count = mem_sub_count,
	.sub_page = mem_sub_page,
	.sub_drop = mem_sub_drop,
	/* issue 13, payment records */
	.order_payment = mem_order_payment,
	.order_pay = mem_order_pay,
};

/* A fresh empty fake (calloc'ed; free() it). */
static struct mem_repo *
mem_repo_new(struct repo *r)
{
	struct mem_repo	*m = calloc(1, sizeof(*m));

	if (m == NULL)
		abort();
	r->ops = &mem_ops;
	r->be = m;
	return m;
}

#endif
