/* A seller's products: JUAL, HARGA (with price history), STOK, HAPUS,
 * PRODUK, and INFO for everyone. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "store/commerce.h"
#include "store/commerce_internal.h"

/* Loads the product a->code of seller s: 1, or 0 with the request ended
 * (not found / not yours / store error). */
static int
own_product(struct cx *c, const struct cx_seller *s, struct cx_product *p)
{
	int	src = 0, found;

	found = cx_product_get(c->st, c->a->code, p, &src);
	if (found < 0) {
		cx_db(c, src, "product");
		return 0;
	}
	act_set(&c->r->reply, "code", "P%" PRId64, c->a->code);
	if (found == 0) {
		cx_end(c, ACT_NOT_FOUND, "com.not_found");
		return 0;
	}
	if (p->seller_id != s->id) {
		cx_end(c, ACT_NOT_YOURS, "com.not_yours");
		return 0;
	}
	return 1;
}

static enum act_rc
bad_price(struct cx *c)
{
	char	b[32];

	act_set(&c->r->reply, "min", "%s", act_rupiah(1, b, sizeof(b)));
	act_set(&c->r->reply, "max", "%s",
	    act_rupiah(CX_PRICE_MAX, b, sizeof(b)));
	return cx_end(c, ACT_INVALID, "com.bad_price");
}

static enum act_rc
bad_qty(struct cx *c)
{
	char	b[32];

	act_set(&c->r->reply, "max", "%s", cx_count(CX_QTY_MAX, b, sizeof(b)));
	return cx_end(c, ACT_INVALID, "com.bad_qty");
}

static int
price_history_add(struct cx *c, int64_t product_id, int64_t old_rp,
    int64_t new_rp)
{
	static const char sql[] = "INSERT INTO price_history (product_id, "
	    "old_rp, new_rp, at_s) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt	*s = store_stmt(c->st, sql);
	int		 rc;

	if (s == NULL)
		return SQLITE_ERROR;
	sqlite3_bind_int64(s, 1, product_id);
	if (old_rp > 0)
		sqlite3_bind_int64(s, 2, old_rp);
	sqlite3_bind_int64(s, 3, new_rp);
	sqlite3_bind_int64(s, 4, c->who->now_s);
	rc = store_step(c->st, s);
	sqlite3_reset(s);
	return rc;
}

/* The name as JUAL compares it: ASCII letters lower-cased, any run of
 * spaces and punctuation one space, none at either end ("Kopi  'Toraja'"
 * and "kopi toraja" are one name). */
static void
name_key(const char *name, char *out, size_t len)
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

/* The seller's active product named like name: 1 with *p, 0 none, -1 with
 * the SQLite code in *src. */
static int
same_name(struct cx *c, int64_t seller_id, const char *name,
    struct cx_product *p, int *src)
{
	static const char sql[] = "SELECT id, name FROM products "
	    "WHERE seller_id = ?1 AND active = 1 ORDER BY id";
	sqlite3_stmt	*s = store_stmt(c->st, sql);
	char		 want[ACT_TEXT_MAX], have[ACT_TEXT_MAX], col[ACT_TEXT_MAX];
	int64_t		 id = -1;
	int		 rc;

	if (s == NULL) {
		*src = SQLITE_ERROR;
		return -1;
	}
	name_key(name, want, sizeof(want));
	sqlite3_bind_int64(s, 1, seller_id);
	while ((rc = store_step(c->st, s)) == SQLITE_ROW) {
		store_col_text(s, 1, col, sizeof(col));
		name_key(col, have, sizeof(have));
		if (strcmp(want, have) == 0) {
			id = sqlite3_column_int64(s, 0);
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		*src = rc;
		return -1;
	}
	if (id < 0)
		return 0;
	return cx_product_get(c->st, id, p, src);
}

enum act_rc
cx_sell(struct cx *c)
{
	static const char sql[] = "INSERT INTO products (seller_id, name, unit, "
	    "price_rp, stock, created_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	struct cx_seller	 s;
	sqlite3_stmt		*q;
	int64_t			 id;
	char			 b[48];
	int			 rc;

	if (!cx_need_seller(c, &s))
		return c->r->rc;
	if (c->a->text[0] == '\0')
		return cx_end(c, ACT_INVALID, "sell.no_name");
	if (c->a->price_rp < 1 || c->a->price_rp > CX_PRICE_MAX)
		return bad_price(c);
	if (c->a->qty < 0 || c->a->qty > CX_QTY_MAX)
		return bad_qty(c);
	/* A second JUAL of a name already on sale is far more often a resend
	 * or a stock update than a new product: show the one there is, unless
	 * the seller asked for a new one (BARU). */
	if (!c->a->force_new) {
		struct cx_product	p;
		int			src = 0, found;

		if ((found = same_name(c, s.id, c->a->text, &p, &src)) < 0)
			return cx_db(c, src, "sell");
		if (found == 1) {
			act_set(&c->r->reply, "code", "P%" PRId64, p.id);
			act_set(&c->r->reply, "name", "%s", p.name);
			act_set(&c->r->reply, "price", "%s",
			    cx_price(p.price_rp, p.unit, b, sizeof(b)));
			act_set(&c->r->reply, "stock", "%s",
			    cx_count(p.stock, b, sizeof(b)));
			return cx_end(c, ACT_DUPLICATE, "sell.duplicate");
		}
	}
	if ((q = store_stmt(c->st, sql)) == NULL)
		return cx_db(c, SQLITE_ERROR, "sell");
	sqlite3_bind_int64(q, 1, s.id);
	sqlite3_bind_text(q, 2, c->a->text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, c->a->unit, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 4, c->a->price_rp);
	sqlite3_bind_int64(q, 5, c->a->qty);
	sqlite3_bind_int64(q, 6, c->who->now_s);
	rc = store_step(c->st, q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return cx_db(c, rc, "sell");
	id = sqlite3_last_insert_rowid(c->st->db);
	if ((rc = price_history_add(c, id, 0, c->a->price_rp)) != SQLITE_DONE)
		return cx_db(c, rc, "sell");
	act_set(&c->r->reply, "code", "P%" PRId64, id);
	act_set(&c->r->reply, "name", "%s", c->a->text);
	act_set(&c->r->reply, "price", "%s",
	    cx_price(c->a->price_rp, c->a->unit, b, sizeof(b)));
	act_set(&c->r->reply, "stock", "%s", cx_count(c->a->qty, b, sizeof(b)));
	return cx_end(c, ACT_OK, "sell.ok");
}

enum act_rc
cx_set_price(struct cx *c)
{
	static const char sql[] = "UPDATE products SET price_rp = ?2 "
	    "WHERE id = ?1";
	struct cx_seller	 s;
	struct cx_product	 p;
	sqlite3_stmt		*q;
	char			 b[48], from[24], to[24];
	int			 rc;

	if (!cx_need_seller(c, &s) || !own_product(c, &s, &p))
		return c->r->rc;
	if (!p.active) {
		/* Delisted: a new price would only show on a product nobody
		 * can find or buy. */
		act_set(&c->r->reply, "name", "%s", p.name);
		return cx_end(c, ACT_DELISTED, "price.delisted");
	}
	if (c->a->price_rp < 1 || c->a->price_rp > CX_PRICE_MAX)
		return bad_price(c);
	if ((q = store_stmt(c->st, sql)) == NULL)
		return cx_db(c, SQLITE_ERROR, "price");
	sqlite3_bind_int64(q, 1, p.id);
	sqlite3_bind_int64(q, 2, c->a->price_rp);
	rc = store_step(c->st, q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE ||
	    (rc = price_history_add(c, p.id, p.price_rp, c->a->price_rp)) !=
	    SQLITE_DONE)
		return cx_db(c, rc, "price");
	snprintf(from, sizeof(from), "%" PRId64, p.price_rp);
	snprintf(to, sizeof(to), "%" PRId64, c->a->price_rp);
	if ((rc = cx_audit(c->st, 0, p.id, "price", from, to, c->who->msisdn,
	    c->who->now_s)) != SQLITE_DONE)
		return cx_db(c, rc, "price");
	act_set(&c->r->reply, "name", "%s", p.name);
	act_set(&c->r->reply, "old", "%s",
	    cx_price(p.price_rp, p.unit, b, sizeof(b)));
	act_set(&c->r->reply, "new", "%s",
	    cx_price(c->a->price_rp, p.unit, b, sizeof(b)));
	return cx_end(c, ACT_OK, "price.ok");
}

enum act_rc
cx_stock(struct cx *c)
{
	static const char sql[] = "UPDATE products SET stock = ?2 WHERE id = ?1";
	struct cx_seller	 s;
	struct cx_product	 p;
	sqlite3_stmt		*q;
	int64_t			 n = c->a->qty, to;
	char			 b[32], fb[24], tb[24];
	int			 rc;

	if (!cx_need_seller(c, &s) || !own_product(c, &s, &p))
		return c->r->rc;
	if (c->a->stock_op != STOCK_SOLDOUT && (n < 0 || n > CX_QTY_MAX))
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
	if (to > CX_QTY_MAX)
		return bad_qty(c);
	if (to < 0) {
		act_set(&c->r->reply, "stock", "%s",
		    cx_count(p.stock, b, sizeof(b)));
		return cx_end(c, ACT_INVALID, "stock.negative");
	}
	if (to < p.reserved) {
		act_set(&c->r->reply, "reserved", "%s",
		    cx_count(p.reserved, b, sizeof(b)));
		act_set(&c->r->reply, "stock", "%s",
		    cx_count(p.stock, b, sizeof(b)));
		return cx_end(c, ACT_BELOW_RESERVED, "stock.below_reserved");
	}
	if ((q = store_stmt(c->st, sql)) == NULL)
		return cx_db(c, SQLITE_ERROR, "stock");
	sqlite3_bind_int64(q, 1, p.id);
	sqlite3_bind_int64(q, 2, to);
	rc = store_step(c->st, q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return cx_db(c, rc, "stock");
	snprintf(fb, sizeof(fb), "%" PRId64, p.stock);
	snprintf(tb, sizeof(tb), "%" PRId64, to);
	if ((rc = cx_audit(c->st, 0, p.id, "stock", fb, tb, c->who->msisdn,
	    c->who->now_s)) != SQLITE_DONE)
		return cx_db(c, rc, "stock");
	act_set(&c->r->reply, "name", "%s", p.name);
	act_set(&c->r->reply, "stock", "%s", cx_count(to, b, sizeof(b)));
	act_set(&c->r->reply, "reserved", "%s",
	    cx_count(p.reserved, b, sizeof(b)));
	act_set(&c->r->reply, "available", "%s",
	    cx_count(to - p.reserved, b, sizeof(b)));
	return cx_end(c, ACT_OK, "stock.ok");
}

enum act_rc
cx_delist(struct cx *c)
{
	static const char sql[] = "UPDATE products SET active = 0 WHERE id = ?1";
	struct cx_seller	 s;
	struct cx_product	 p;
	sqlite3_stmt		*q;
	int			 rc;

	if (!cx_need_seller(c, &s) || !own_product(c, &s, &p))
		return c->r->rc;
	act_set(&c->r->reply, "name", "%s", p.name);
	if (!p.active)
		return cx_end(c, ACT_OK, "delist.ok");
	if ((q = store_stmt(c->st, sql)) == NULL)
		return cx_db(c, SQLITE_ERROR, "delist");
	sqlite3_bind_int64(q, 1, p.id);
	rc = store_step(c->st, q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE ||
	    (rc = cx_audit(c->st, 0, p.id, "active", "1", "0", c->who->msisdn,
	    c->who->now_s)) != SQLITE_DONE)
		return cx_db(c, rc, "delist");
	return cx_end(c, ACT_OK, "delist.ok");
}

enum act_rc
cx_my_products(struct cx *c, int64_t offset)
{
	static const char sql[] = "SELECT id, name, price_rp, unit, stock, "
	    "reserved FROM products WHERE seller_id = ?1 AND active = 1 "
	    "ORDER BY id LIMIT ?2 OFFSET ?3";
	static const char count[] = "SELECT count(*) FROM products "
	    "WHERE seller_id = ?1 AND active = 1";
	struct cx_seller	 s;
	sqlite3_stmt		*q;
	struct act_msg		*m = &c->r->reply;
	char			 b[48];
	int			 rc, n = 0;

	if (!cx_need_seller(c, &s))
		return c->r->rc;
	/* The header says how many there are: the pages are short. */
	if ((q = store_stmt(c->st, count)) == NULL)
		return cx_db(c, SQLITE_ERROR, "my");
	sqlite3_bind_int64(q, 1, s.id);
	rc = store_step(c->st, q);
	if (rc == SQLITE_ROW)
		act_set(m, "count", "%s",
		    cx_count(sqlite3_column_int64(q, 0), b, sizeof(b)));
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return cx_db(c, rc, "my");
	if ((q = store_stmt(c->st, sql)) == NULL)
		return cx_db(c, SQLITE_ERROR, "my");
	sqlite3_bind_int64(q, 1, s.id);
	sqlite3_bind_int(q, 2, COMMERCE_PAGE + 1);
	sqlite3_bind_int64(q, 3, offset);
	while ((rc = store_step(c->st, q)) == SQLITE_ROW) {
		struct act_row	*r;
		char		 name[ACT_TEXT_MAX], unit[16];

		if (n == COMMERCE_PAGE) {
			m->more = true;
			break;
		}
		r = &m->rows[m->nrows++];
		n++;
		store_col_text(q, 1, name, sizeof(name));
		store_col_text(q, 3, unit, sizeof(unit));
		act_row_set(r, "code", "P%lld", sqlite3_column_int64(q, 0));
		act_row_set(r, "name", "%s", name);
		act_row_set(r, "price", "%s", cx_price(
		    sqlite3_column_int64(q, 2), unit, b, sizeof(b)));
		act_row_set(r, "stock", "%s",
		    cx_count(sqlite3_column_int64(q, 4), b, sizeof(b)));
		act_row_set(r, "reserved", "%s",
		    cx_count(sqlite3_column_int64(q, 5), b, sizeof(b)));
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return cx_db(c, rc, "my");
	if ((rc = cx_list_save(c, "my", "", offset + n)) != SQLITE_DONE)
		return cx_db(c, rc, "my");
	if (n == 0)
		return offset == 0 ? cx_end(c, ACT_OK, "my.empty") :
		    cx_end(c, ACT_NO_MORE, "more.none");
	return cx_end(c, ACT_OK, "my.ok");
}

enum act_rc
cx_info(struct cx *c)
{
	struct cx_product	p;
	struct cx_seller	s;
	char			b[96];
	int			src = 0, found;

	act_set(&c->r->reply, "code", "P%" PRId64, c->a->code);
	found = cx_product_get(c->st, c->a->code, &p, &src);
	if (found < 0)
		return cx_db(c, src, "info");
	if (found == 0 || !p.active)
		return cx_end(c, ACT_NOT_FOUND, "com.not_found");
	found = cx_seller_by_id(c->st, p.seller_id, &s, &src);
	if (found <= 0)
		return cx_db(c, found < 0 ? src : SQLITE_CORRUPT, "info");
	act_set(&c->r->reply, "name", "%s", p.name);
	act_set(&c->r->reply, "price", "%s",
	    cx_price(p.price_rp, p.unit, b, sizeof(b)));
	act_set(&c->r->reply, "stock", "%s",
	    cx_count(p.stock - p.reserved, b, sizeof(b)));
	act_set(&c->r->reply, "shop", "%s", s.shop);
	act_set(&c->r->reply, "shop_label", "%s",
	    cx_shop_label(s.shop, c->lang, b, sizeof(b)));
	act_set(&c->r->reply, "village", "%s",
	    s.village[0] != '\0' ? s.village : "-");
	/* Nothing left to order: say so rather than "stok 0, beli ...". */
	if (p.stock - p.reserved <= 0)
		return cx_end(c, ACT_OK, "info.sold_out");
	return cx_end(c, ACT_OK, "info.ok");
}
