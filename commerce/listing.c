/* A seller's products: JUAL, HARGA, STOK, HAPUS, PRODUK, and INFO for
 * everyone. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "commerce/cx.h"
#include "commerce/search.h"

/* Loads the product a->code of seller s: 1, or 0 with the request ended
 * (not found / not yours / repository error). */
static int
own_product(struct cx *c, const struct seller *s, struct product *p)
{
	enum repo_rc	rc;

	rc = REPO(c, product_get, c->a->code, p, NULL);
	if (rc != REPO_OK && rc != REPO_NOTFOUND) {
		cx_repo(c, rc, "product");
		return 0;
	}
	act_set(&c->res->reply, "code", "P%" PRId64, c->a->code);
	if (rc == REPO_NOTFOUND) {
		cx_end(c, ACT_NOT_FOUND, TMPL_COM_NOT_FOUND);
		return 0;
	}
	if (p->seller_id != s->id) {
		cx_end(c, ACT_NOT_YOURS, TMPL_COM_NOT_YOURS);
		return 0;
	}
	return 1;
}

static enum act_rc
bad_price(struct cx *c)
{
	char	b[32];

	act_set(&c->res->reply, "min", "%s", act_rupiah(1, b, sizeof(b)));
	act_set(&c->res->reply, "max", "%s",
	    act_rupiah(COMMERCE_PRICE_MAX, b, sizeof(b)));
	return cx_end(c, ACT_INVALID, TMPL_COM_BAD_PRICE);
}

static enum act_rc
bad_qty(struct cx *c)
{
	char	b[32];

	act_set(&c->res->reply, "max", "%s",
	    cx_count(COMMERCE_QTY_MAX, b, sizeof(b)));
	return cx_end(c, ACT_INVALID, TMPL_COM_BAD_QTY);
}

void
commerce_name_key(const char *name, char *out, size_t len)
{
	const unsigned char	*p = (const unsigned char *)name;
	size_t			 n = 0;
	bool			 gap = false;

	for (; *p != '\0' && n + 2 < len; p++) {
		unsigned char	ch = *p;

		if (ch < 0x80 && !((ch >= '0' && ch <= '9') ||
		    (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) {
			gap = n > 0;
			continue;
		}
		if (gap)
			out[n++] = ' ';
		gap = false;
		out[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
	}
	out[n] = '\0';
}

enum act_rc
cx_sell(struct cx *c)
{
	struct seller	s;
	struct product	p;
	enum repo_rc	rc;
	char		b[48];

	if (!cx_need_seller(c, &s))
		return c->res->rc;
	if (c->a->text[0] == '\0')
		return cx_end(c, ACT_INVALID, TMPL_SELL_NO_NAME);
	if (c->a->price_rp < 1 || c->a->price_rp > COMMERCE_PRICE_MAX)
		return bad_price(c);
	if (c->a->qty < 0 || c->a->qty > COMMERCE_QTY_MAX)
		return bad_qty(c);
	/* A second JUAL of a name already on sale is far more often a resend
	 * or a stock update than a new product: show the one there is, unless
	 * the seller asked for a new one (BARU). */
	if (!c->a->force_new) {
		rc = REPO(c, product_named, s.id, c->a->text, &p);
		if (rc != REPO_OK && rc != REPO_NOTFOUND)
			return cx_repo(c, rc, "sell");
		if (rc == REPO_OK) {
			act_set(&c->res->reply, "code", "P%" PRId64, p.id);
			act_set(&c->res->reply, "name", "%s", p.name);
			act_set(&c->res->reply, "price", "%s",
			    cx_price(p.price_rp, p.unit, b, sizeof(b)));
			act_set(&c->res->reply, "stock", "%s",
			    cx_count(p.stock, b, sizeof(b)));
			return cx_end(c, ACT_DUPLICATE, TMPL_SELL_DUPLICATE);
		}
	}
	memset(&p, 0, sizeof(p));
	p.seller_id = s.id;
	snprintf(p.name, sizeof(p.name), "%s", c->a->text);
	snprintf(p.unit, sizeof(p.unit), "%s", c->a->unit);
	p.price_rp = c->a->price_rp;
	p.stock = c->a->qty;
	p.active = true;
	if ((rc = REPO(c, product_add, &p, c->who->now_s)) != REPO_OK)
		return cx_repo(c, rc, "sell");
	act_set(&c->res->reply, "code", "P%" PRId64, p.id);
	act_set(&c->res->reply, "name", "%s", c->a->text);
	act_set(&c->res->reply, "price", "%s",
	    cx_price(c->a->price_rp, c->a->unit, b, sizeof(b)));
	act_set(&c->res->reply, "stock", "%s",
	    cx_count(c->a->qty, b, sizeof(b)));
	return cx_end(c, ACT_OK, TMPL_SELL_OK);
}

enum act_rc
cx_set_price(struct cx *c)
{
	struct seller	s;
	struct product	p;
	enum repo_rc	rc;
	char		b[48];

	if (!cx_need_seller(c, &s) || !own_product(c, &s, &p))
		return c->res->rc;
	if (!p.active) {
		/* Delisted: a new price would only show on a product nobody
		 * can find or buy. */
		act_set(&c->res->reply, "name", "%s", p.name);
		return cx_end(c, ACT_DELISTED, TMPL_PRICE_DELISTED);
	}
	if (c->a->price_rp < 1 || c->a->price_rp > COMMERCE_PRICE_MAX)
		return bad_price(c);
	if ((rc = REPO(c, product_set_price, p.id, p.price_rp, c->a->price_rp,
	    c->who->msisdn, c->who->now_s)) != REPO_OK)
		return cx_repo(c, rc, "price");
	act_set(&c->res->reply, "name", "%s", p.name);
	act_set(&c->res->reply, "old", "%s",
	    cx_price(p.price_rp, p.unit, b, sizeof(b)));
	act_set(&c->res->reply, "new", "%s",
	    cx_price(c->a->price_rp, p.unit, b, sizeof(b)));
	return cx_end(c, ACT_OK, TMPL_PRICE_OK);
}

enum act_rc
cx_stock(struct cx *c)
{
	struct seller	s;
	struct product	p;
	int64_t		n = c->a->qty, to;
	enum repo_rc	rc;
	char		b[32];

	if (!cx_need_seller(c, &s) || !own_product(c, &s, &p))
		return c->res->rc;
	if (c->a->stock_op != STOCK_SOLDOUT && (n < 0 || n > COMMERCE_QTY_MAX))
		return bad_qty(c);
	switch (c->a->stock_op) {
	case STOCK_SET:
		to = n;
		break;
	case STOCK_ADD:
		to = p.stock + n;
		break;
	case STOCK_SUB:
		to = p.stock - n;
		break;
	case STOCK_SOLDOUT:
	default:
		/* Sold out: nothing more to offer, reserved units stay. */
		to = p.reserved;
		break;
	}
	if (to > COMMERCE_QTY_MAX)
		return bad_qty(c);
	if (to < 0) {
		act_set(&c->res->reply, "stock", "%s",
		    cx_count(p.stock, b, sizeof(b)));
		return cx_end(c, ACT_INVALID, TMPL_STOCK_NEGATIVE);
	}
	if (to < p.reserved) {
		act_set(&c->res->reply, "reserved", "%s",
		    cx_count(p.reserved, b, sizeof(b)));
		act_set(&c->res->reply, "stock", "%s",
		    cx_count(p.stock, b, sizeof(b)));
		return cx_end(c, ACT_BELOW_RESERVED, TMPL_STOCK_BELOW_RESERVED);
	}
	if ((rc = REPO(c, product_set_stock, p.id, p.stock, to,
	    c->who->msisdn, c->who->now_s)) != REPO_OK)
		return cx_repo(c, rc, "stock");
	act_set(&c->res->reply, "name", "%s", p.name);
	act_set(&c->res->reply, "stock", "%s", cx_count(to, b, sizeof(b)));
	act_set(&c->res->reply, "reserved", "%s",
	    cx_count(p.reserved, b, sizeof(b)));
	act_set(&c->res->reply, "available", "%s",
	    cx_count(to - p.reserved, b, sizeof(b)));
	return cx_end(c, ACT_OK, TMPL_STOCK_OK);
}

enum act_rc
cx_delist(struct cx *c)
{
	struct seller	s;
	struct product	p;
	enum repo_rc	rc;

	if (!cx_need_seller(c, &s) || !own_product(c, &s, &p))
		return c->res->rc;
	act_set(&c->res->reply, "name", "%s", p.name);
	if (!p.active)
		return cx_end(c, ACT_OK, TMPL_DELIST_OK);
	if ((rc = REPO(c, product_delist, p.id, c->who->msisdn,
	    c->who->now_s)) != REPO_OK)
		return cx_repo(c, rc, "delist");
	return cx_end(c, ACT_OK, TMPL_DELIST_OK);
}

enum act_rc
cx_my_products(struct cx *c, int64_t offset)
{
	struct seller		 s;
	struct product_line	 l[COMMERCE_PAGE + 1];
	struct act_msg		*m = &c->res->reply;
	int64_t			 total;
	enum repo_rc		 rc;
	char			 b[48];
	int			 n, i;

	if (!cx_need_seller(c, &s))
		return c->res->rc;
	if ((rc = REPO(c, product_page, s.id, offset, l, COMMERCE_PAGE + 1,
	    &n, &total)) != REPO_OK)
		return cx_repo(c, rc, "my");
	/* The header says how many there are: the pages are short. */
	act_set(m, "count", "%s", cx_count(total, b, sizeof(b)));
	n = cx_page_cut(c, n);
	for (i = 0; i < n; i++) {
		struct act_row	*r = &m->rows[m->nrows++];

		act_row_set(r, "code", "P%" PRId64, l[i].id);
		act_row_set(r, "name", "%s", l[i].name);
		act_row_set(r, "price", "%s",
		    cx_price(l[i].price_rp, l[i].unit, b, sizeof(b)));
		act_row_set(r, "stock", "%s", cx_count(l[i].stock, b, sizeof(b)));
		act_row_set(r, "reserved", "%s",
		    cx_count(l[i].reserved, b, sizeof(b)));
	}
	return cx_page_end(c, "my", offset, n, TMPL_MY_EMPTY, TMPL_MY_OK);
}

enum act_rc
cx_info(struct cx *c)
{
	struct product	p;
	struct seller	s;
	enum repo_rc	rc;
	char		b[96];

	act_set(&c->res->reply, "code", "P%" PRId64, c->a->code);
	rc = REPO(c, product_get, c->a->code, &p, &s);
	if (rc != REPO_OK && rc != REPO_NOTFOUND)
		return cx_repo(c, rc, "info");
	if (rc == REPO_NOTFOUND || !p.active)
		return cx_end(c, ACT_NOT_FOUND, TMPL_COM_NOT_FOUND);
	act_set(&c->res->reply, "name", "%s", p.name);
	act_set(&c->res->reply, "price", "%s",
	    cx_price(p.price_rp, p.unit, b, sizeof(b)));
	act_set(&c->res->reply, "stock", "%s",
	    cx_count(p.stock - p.reserved, b, sizeof(b)));
	act_set(&c->res->reply, "shop", "%s", s.shop);
	act_set(&c->res->reply, "shop_label", "%s",
	    cx_shop_label(s.shop, c->lang, b, sizeof(b)));
	act_set(&c->res->reply, "village", "%s",
	    s.village[0] != '\0' ? s.village : "-");
	/* ", 250 g" when BERAT gave one (issue 12), else nothing. */
	if (p.weight_g > 0) {
		char	w[32];

		act_set(&c->res->reply, "weight", ", %s",
		    cx_weight(p.weight_g, c->lang, w, sizeof(w)));
	} else
		act_set(&c->res->reply, "weight", "%s", "");
	/* Nothing left to order: say so rather than "stok 0, beli ...". */
	if (p.stock - p.reserved <= 0)
		return cx_end(c, ACT_OK, TMPL_INFO_SOLD_OUT);
	return cx_end(c, ACT_OK, TMPL_INFO_OK);
}

/* issue 12, marketplace export: BERAT takes the same product check. */
int
cx_own_product(struct cx *c, const struct seller *s, struct product *p)
{
	return own_product(c, s, p);
}
