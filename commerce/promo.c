/* Promotions (programme.md section 6): BERHENTI / STOP / UNREG pause them,
 * MULAI resumes them, LANGGANAN opts in to a place's or a keyword's new
 * products, lists and ends subscriptions. Sending them is lapakd's
 * (gateway/promo.c); these only keep what a number asked for. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "commerce/cx.h"
#include "commerce/place.h"

/* BERHENTI / STOP / UNREG: promotions paused, subscriptions kept. */
enum act_rc
cx_promo_stop(struct cx *c)
{
	struct seller	s;
	enum repo_rc	rc;
	int64_t		at;

	if ((rc = REPO(c, promo_paused, c->who->msisdn, &at)) != REPO_OK)
		return cx_repo(c, rc, "stop");
	/* A second STOP keeps the first pause's time. */
	if (at == 0 && (rc = REPO(c, promo_pause, c->who->msisdn,
	    c->who->now_s > 0 ? c->who->now_s : 1)) != REPO_OK)
		return cx_repo(c, rc, "stop");
	if (c->a->unreg) {
		rc = REPO(c, seller_get, c->who->msisdn, 0, &s);
		if (rc == REPO_OK)
			return cx_end(c, ACT_OK, TMPL_STOP_UNREG_SELLER);
		if (rc != REPO_NOTFOUND)
			return cx_repo(c, rc, "stop");
	}
	return cx_end(c, ACT_OK, TMPL_STOP_OK);
}

/* MULAI / START. */
enum act_rc
cx_promo_start(struct cx *c)
{
	enum repo_rc	rc;
	int		n;

	if ((rc = REPO(c, promo_pause, c->who->msisdn, 0)) != REPO_OK ||
	    (rc = REPO(c, sub_count, c->who->msisdn, &n)) != REPO_OK)
		return cx_repo(c, rc, "start");
	act_set(&c->res->reply, "count", "%d", n);
	return cx_end(c, ACT_OK, n > 0 ? TMPL_START_OK : TMPL_START_NO_SUBS);
}

/* The subscription's name as a reply shows it. */
static void
sub_what(struct act_msg *m, const char *key, const struct sub_line *l)
{
	/* A place by its name, a keyword in quotes: "Tayu", "'kopi'". */
	if (strcmp(l->kind, "place") == 0)
		act_set(m, key, "%s", l->label);
	else
		act_set(m, key, "'%s'", l->label);
}

/* LANGGANAN: the list, LAGI for more. */
static enum act_rc
sub_list(struct cx *c, int64_t offset)
{
	struct sub_line	 l[COMMERCE_PAGE + 1];
	struct act_msg	*m = &c->res->reply;
	enum repo_rc	 rc;
	int		 n, i, total;

	if ((rc = REPO(c, sub_count, c->who->msisdn, &total)) != REPO_OK ||
	    (rc = REPO(c, sub_page, c->who->msisdn, offset, l,
	    COMMERCE_PAGE + 1, &n)) != REPO_OK)
		return cx_repo(c, rc, "subscribe");
	act_set(m, "count", "%d", total);
	act_set(m, "max", "%d", PROMO_SUBS_MAX);
	n = cx_page_cut(c, n);
	for (i = 0; i < n; i++) {
		struct act_row	*r = &m->rows[m->nrows++];

		act_row_set(r, "n", "%" PRId64, offset + i + 1);
		if (strcmp(l[i].kind, "place") == 0)
			act_row_set(r, "what", "%s", l[i].label);
		else
			act_row_set(r, "what", "'%s'", l[i].label);
	}
	return cx_page_end(c, "subs", offset, n, TMPL_SUB_EMPTY, TMPL_SUB_LIST);
}

enum act_rc
cx_promo_subs_more(struct cx *c, int64_t offset)
{
	return sub_list(c, offset);
}

/* The place LANGGANAN DESA names, as CARI ... di <tempat> reads one: a
 * district of that name wins over a village. 1 found, 0 none, -1 ended. */
static int
sub_place(struct cx *c, struct place *out)
{
	struct place	p[PLACE_MATCH_MAX];
	enum repo_rc	rc;
	int		n, level;

	for (level = PLACE_DISTRICT; level <= PLACE_VILLAGE; level++) {
		rc = commerce_place_resolve(c->r, c->cf->places_scope, level,
		    c->a->text, p, PLACE_MATCH_MAX, &n);
		if (rc != REPO_OK) {
			cx_repo(c, rc, "subscribe");
			return -1;
		}
		if (n > 0) {
			*out = p[0];
			return 1;
		}
	}
	return 0;
}

/* LANGGANAN DESA <tempat> / LANGGANAN <kata>. */
static enum act_rc
sub_add(struct cx *c)
{
	struct act_msg	*m = &c->res->reply;
	struct sub_line	 l;
	struct place	 p;
	enum repo_rc	 rc;
	int64_t		 id, paused;
	size_t		 i;
	int		 n, r;

	if ((rc = REPO(c, sub_count, c->who->msisdn, &n)) != REPO_OK)
		return cx_repo(c, rc, "subscribe");
	act_set(m, "max", "%d", PROMO_SUBS_MAX);
	if (n >= PROMO_SUBS_MAX)
		return cx_end(c, ACT_REFUSED, TMPL_SUB_LIMIT);
	memset(&l, 0, sizeof(l));
	if (c->a->sub_op == SUB_PLACE) {
		if ((r = sub_place(c, &p)) == -1)
			return c->res->rc;
		if (r == 0) {
			act_set(m, "place", "%s", c->a->text);
			return cx_end(c, ACT_INVALID, TMPL_SUB_NO_PLACE);
		}
		snprintf(l.kind, sizeof(l.kind), "place");
		snprintf(l.value, sizeof(l.value), "%s", p.code);
		snprintf(l.label, sizeof(l.label), "%s", p.name);
	} else {
		snprintf(l.kind, sizeof(l.kind), "word");
		for (i = 0; c->a->text[i] != '\0' && i + 1 < sizeof(l.value);
		    i++)
			l.value[i] = (char)tolower((unsigned char)c->a->text[i]);
		l.value[i] = '\0';
		snprintf(l.label, sizeof(l.label), "%s", l.value);
	}
	sub_what(m, "what", &l);
	rc = REPO(c, sub_add, c->who->msisdn, l.kind, l.value, l.label,
	    c->who->now_s, &id);
	if (rc == REPO_CONFLICT)
		return cx_end(c, ACT_OK, TMPL_SUB_EXISTS);
	if (rc != REPO_OK ||
	    (rc = REPO(c, promo_paused, c->who->msisdn, &paused)) != REPO_OK)
		return cx_repo(c, rc, "subscribe");
	act_set(m, "n", "%d", n + 1);
	return cx_end(c, ACT_OK, paused != 0 ? TMPL_SUB_OK_PAUSED :
	    TMPL_SUB_OK);
}

/* LANGGANAN HAPUS <n>: the n-th of the list. */
static enum act_rc
sub_drop(struct cx *c)
{
	struct sub_line	 l[1];
	struct act_msg	*m = &c->res->reply;
	enum repo_rc	 rc;
	int		 n;

	act_set(m, "n", "%d", c->a->choice);
	if ((rc = REPO(c, sub_page, c->who->msisdn, (int64_t)c->a->choice - 1,
	    l, 1, &n)) != REPO_OK)
		return cx_repo(c, rc, "subscribe");
	if (n == 0)
		return cx_end(c, ACT_NOT_FOUND, TMPL_SUB_DROP_NONE);
	if ((rc = REPO(c, sub_drop, c->who->msisdn, l[0].id)) != REPO_OK)
		return cx_repo(c, rc, "subscribe");
	sub_what(m, "what", &l[0]);
	return cx_end(c, ACT_OK, TMPL_SUB_DROP_OK);
}

enum act_rc
cx_promo_subscribe(struct cx *c)
{
	switch (c->a->sub_op) {
	case SUB_PLACE:
	case SUB_WORD:
		return sub_add(c);
	case SUB_DROP:
		return sub_drop(c);
	default:
		return sub_list(c, 0);
	}
}
