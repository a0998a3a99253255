/* BERAT / WEIGHT: a seller sets the shipping weight of their own product,
 * which marketplaces require (lapakctl export). The bounds live here. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "commerce/cx.h"

/* One gram to 100 kg: what a village seller ships by courier. Above that
 * is a typo (BERAT P17 1500 kg) far more often than a product. */
#define WEIGHT_MIN_G	1
#define WEIGHT_MAX_G	100000

const char *
cx_weight(int64_t grams, const char *lang, char *buf, size_t len)
{
	char	mark = strcmp(lang, "en") == 0 ? '.' : ',';

	if (grams < 1000 || grams % 10 != 0)
		snprintf(buf, len, "%" PRId64 " g", grams);
	else if (grams % 1000 == 0)
		snprintf(buf, len, "%" PRId64 " kg", grams / 1000);
	else if (grams % 100 == 0)
		snprintf(buf, len, "%" PRId64 "%c%" PRId64 " kg", grams / 1000,
		    mark, grams % 1000 / 100);
	else
		snprintf(buf, len, "%" PRId64 "%c%02" PRId64 " kg",
		    grams / 1000, mark, grams % 1000 / 10);
	return buf;
}

enum act_rc
cx_set_weight(struct cx *c)
{
	struct seller	s;
	struct product	p;
	enum repo_rc	rc;
	char		b[32];

	if (!cx_need_seller(c, &s) || !cx_own_product(c, &s, &p))
		return c->res->rc;
	act_set(&c->res->reply, "name", "%s", p.name);
	if (!p.active)
		return cx_end(c, ACT_DELISTED, TMPL_WEIGHT_DELISTED);
	if (c->a->weight_g < WEIGHT_MIN_G || c->a->weight_g > WEIGHT_MAX_G) {
		act_set(&c->res->reply, "value", "%s",
		    cx_weight(c->a->weight_g, c->lang, b, sizeof(b)));
		act_set(&c->res->reply, "min", "%s",
		    cx_weight(WEIGHT_MIN_G, c->lang, b, sizeof(b)));
		act_set(&c->res->reply, "max", "%s",
		    cx_weight(WEIGHT_MAX_G, c->lang, b, sizeof(b)));
		return cx_end(c, ACT_INVALID, TMPL_WEIGHT_BAD);
	}
	if ((rc = REPO(c, product_set_weight, p.id, p.weight_g,
	    c->a->weight_g, c->who->msisdn, c->who->now_s)) != REPO_OK)
		return cx_repo(c, rc, "weight");
	act_set(&c->res->reply, "weight", "%s",
	    cx_weight(c->a->weight_g, c->lang, b, sizeof(b)));
	return cx_end(c, ACT_OK, TMPL_WEIGHT_OK);
}
