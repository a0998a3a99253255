/* The commerce repository (commerce/repo.h) over the SQLite store: every
 * statement the commerce core needs, prepared once in the store's cache.
 * A second backend (PostgreSQL for several nodes) sits beside this file
 * with its own table of operations; the core does not change. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "commerce/search.h"
#include "store/repo_places.h"
#include "store/repo_agent.h"
#include "store/repo_promo.h"
#include "store/repo_payment.h"
#include "store/repo_courier.h"
#include "store/repo_privacy.h"
#include "store/repo_operator.h"
#include "store/repo_sqlite.h"
#include "store/repo_util.h"
#include "store/search_internal.h"
#include "store/store_internal.h"

static int
audit(struct store *st, int64_t order_id, int64_t product_id,
    const char *what, const char *from, const char *to, const char *by,
    int64_t at_s)
{
	static const char sql[] = "INSERT INTO audit (order_id, product_id, "
	    "what, from_val, to_val, by, at_s, via) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	if (order_id > 0)
		sqlite3_bind_int64(s, 1, order_id);
	if (product_id > 0)
		sqlite3_bind_int64(s, 2, product_id);
	sqlite3_bind_text(s, 3, what, -1, SQLITE_STATIC);
	if (from != NULL)
		sqlite3_bind_text(s, 4, from, -1, SQLITE_TRANSIENT);
	if (to != NULL)
		sqlite3_bind_text(s, 5, to, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, by, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 7, at_s);
	if (st->audit_via[0] != '\0')
		sqlite3_bind_text(s, 8, st->audit_via, -1, SQLITE_TRANSIENT);
	return repo_run(st, s);
}

/* Transactions. */

static enum repo_rc
sq_begin(void *be)
{
	return repo_rc_of_store(store_begin(be));
}

static enum repo_rc
sq_commit(void *be)
{
	return repo_rc_of_store(store_commit(be));
}

static void
sq_rollback(void *be)
{
	store_rollback(be);
}

static enum repo_rc
sq_savepoint(void *be)
{
	return repo_rc_of_store(store_savepoint(be));
}

static enum repo_rc
sq_release(void *be)
{
	return repo_rc_of_store(store_savepoint_release(be));
}

static void
sq_rollback_to(void *be)
{
	store_rollback_savepoint(be);
}

static const char *
sq_errmsg(void *be)
{
	return store_errmsg(be);
}

/* Numbers. */

static enum repo_rc
sq_number_touch(void *be, const char *msisdn, int64_t now_s)
{
	static const char sql[] = "INSERT OR IGNORE INTO numbers (msisdn, "
	    "created_s) VALUES (?1, ?2)";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, now_s);
	return repo_run(st, s);
}

static enum repo_rc
sq_number_lang(void *be, const char *msisdn, char lang[LANG_SZ])
{
	static const char sql[] = "SELECT lang FROM numbers WHERE msisdn = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;
	char		 got[8];

	lang[0] = '\0';
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc;
	store_col_text(s, 0, got, sizeof(got));
	sqlite3_reset(s);
	/* A code as BAHASA stores it; whether it is loaded is the core's. */
	if (strlen(got) < 2 || strlen(got) >= LANG_SZ ||
	    strspn(got, "abcdefghijklmnopqrstuvwxyz") != strlen(got))
		return REPO_NOTFOUND;
	memcpy(lang, got, strlen(got) + 1);
	return REPO_OK;
}

static enum repo_rc
sq_number_set_lang(void *be, const char *msisdn, const char *lang)
{
	static const char sql[] = "UPDATE numbers SET lang = ?2 WHERE msisdn = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, lang, -1, SQLITE_TRANSIENT);
	return repo_run(st, s);
}

static enum repo_rc
sq_list_get(void *be, const char *msisdn, struct list_pos *out)
{
	static const char sql[] = "SELECT list_kind, list_query, list_offset "
	    "FROM numbers WHERE msisdn = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	out->kind[0] = out->query[0] = '\0';
	out->offset = 0;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc == REPO_NOTFOUND ? REPO_OK : rc;
	store_col_text(s, 0, out->kind, sizeof(out->kind));
	store_col_text(s, 1, out->query, sizeof(out->query));
	out->offset = sqlite3_column_int64(s, 2);
	sqlite3_reset(s);
	return REPO_OK;
}

static enum repo_rc
sq_list_save(void *be, const char *msisdn, const char *kind,
    const char *query, int64_t offset)
{
	static const char sql[] = "UPDATE numbers SET list_kind = ?2, "
	    "list_query = ?3, list_offset = ?4 WHERE msisdn = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, query, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, offset);
	return repo_run(st, s);
}

/* Sellers. */

#define SELLER_COLS	"id, msisdn, shop, village, pin_hash, pin_fails, " \
			"pin_locked_until, place"

static void
seller_row(sqlite3_stmt *s, int c0, struct seller *out)
{
	out->id = sqlite3_column_int64(s, c0);
	store_col_text(s, c0 + 1, out->msisdn, sizeof(out->msisdn));
	store_col_text(s, c0 + 2, out->shop, sizeof(out->shop));
	store_col_text(s, c0 + 3, out->village, sizeof(out->village));
	store_col_text(s, c0 + 4, out->pin_hash, sizeof(out->pin_hash));
	out->pin_fails = sqlite3_column_int(s, c0 + 5);
	out->pin_locked_until = sqlite3_column_int64(s, c0 + 6);
	store_col_text(s, c0 + 7, out->place, sizeof(out->place));
}

static enum repo_rc
sq_seller_get(void *be, const char *msisdn, int64_t id, struct seller *out)
{
	static const char by_msisdn[] = "SELECT " SELLER_COLS
	    " FROM sellers WHERE msisdn = ?1";
	static const char by_id[] = "SELECT " SELLER_COLS
	    " FROM sellers WHERE id = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, msisdn != NULL ? by_msisdn : by_id);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	if (msisdn != NULL)
		sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(s, 1, id);
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc;
	seller_row(s, 0, out);
	sqlite3_reset(s);
	return REPO_OK;
}

static enum repo_rc
sq_seller_save(void *be, const char *msisdn, const char *shop,
    const char *village, int64_t now_s)
{
	static const char sql[] = "INSERT INTO sellers (msisdn, shop, village, "
	    "created_s, updated_s) VALUES (?1, ?2, ?3, ?4, ?4) "
	    "ON CONFLICT (msisdn) DO UPDATE SET shop = excluded.shop, "
	    "village = CASE WHEN excluded.village = '' THEN village "
	    "ELSE excluded.village END, updated_s = excluded.updated_s";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, shop, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, village, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, now_s);
	return repo_run(st, s);
}

static enum repo_rc
sq_seller_set_pin(void *be, int64_t id, const char *hash, int64_t now_s)
{
	static const char sql[] = "UPDATE sellers SET pin_hash = ?2, "
	    "pin_fails = 0, pin_locked_until = 0, updated_s = ?3 WHERE id = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, now_s);
	return repo_run(st, s);
}

static enum repo_rc
sq_seller_pin_fails(void *be, int64_t id, int fails, int64_t locked_until)
{
	static const char sql[] = "UPDATE sellers SET pin_fails = ?2, "
	    "pin_locked_until = ?3 WHERE id = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, fails);
	sqlite3_bind_int64(s, 3, locked_until);
	return repo_run(st, s);
}

static enum repo_rc
sq_seller_unlock(void *be, const char *msisdn)
{
	static const char sql[] = "UPDATE sellers SET pin_fails = 0, "
	    "pin_locked_until = 0 WHERE msisdn = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	if ((rc = repo_run(st, s)) != REPO_OK)
		return rc;
	return sqlite3_changes(st->db) == 0 ? REPO_NOTFOUND : REPO_OK;
}

/* Products. */

#define PRODUCT_COLS	"id, seller_id, name, unit, price_rp, stock, " \
			"reserved, active, coalesce(weight_g, 0)"

static void
product_row(sqlite3_stmt *s, struct product *out)
{
	out->id = sqlite3_column_int64(s, 0);
	out->seller_id = sqlite3_column_int64(s, 1);
	store_col_text(s, 2, out->name, sizeof(out->name));
	store_col_text(s, 3, out->unit, sizeof(out->unit));
	out->price_rp = sqlite3_column_int64(s, 4);
	out->stock = sqlite3_column_int64(s, 5);
	out->reserved = sqlite3_column_int64(s, 6);
	out->active = sqlite3_column_int(s, 7) != 0;
	out->weight_g = sqlite3_column_int64(s, 8);
}

static enum repo_rc
sq_product_get(void *be, int64_t id, struct product *p, struct seller *sl)
{
	static const char sql[] = "SELECT " PRODUCT_COLS
	    " FROM products WHERE id = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc;
	product_row(s, p);
	sqlite3_reset(s);
	if (sl == NULL)
		return REPO_OK;
	return sq_seller_get(be, NULL, p->seller_id, sl);
}

static enum repo_rc
sq_product_named(void *be, int64_t seller_id, const char *name,
    struct product *out)
{
	static const char sql[] = "SELECT id, name FROM products "
	    "WHERE seller_id = ?1 AND active = 1 ORDER BY id";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	char		 want[ACT_TEXT_MAX], have[ACT_TEXT_MAX], col[ACT_TEXT_MAX];
	int64_t		 id = -1;
	int		 rc;

	if (s == NULL)
		return REPO_ERR;
	commerce_name_key(name, want, sizeof(want));
	sqlite3_bind_int64(s, 1, seller_id);
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		store_col_text(s, 1, col, sizeof(col));
		commerce_name_key(col, have, sizeof(have));
		if (strcmp(want, have) == 0) {
			id = sqlite3_column_int64(s, 0);
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return repo_rc_of(rc);
	if (id < 0)
		return REPO_NOTFOUND;
	return sq_product_get(be, id, out, NULL);
}

static enum repo_rc
price_history_add(struct store *st, int64_t product_id, int64_t old_rp,
    int64_t new_rp, int64_t now_s)
{
	static const char sql[] = "INSERT INTO price_history (product_id, "
	    "old_rp, new_rp, at_s) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, product_id);
	if (old_rp > 0)
		sqlite3_bind_int64(s, 2, old_rp);
	sqlite3_bind_int64(s, 3, new_rp);
	sqlite3_bind_int64(s, 4, now_s);
	return repo_run(st, s);
}

static enum repo_rc
sq_product_add(void *be, struct product *p, int64_t now_s)
{
	static const char sql[] = "INSERT INTO products (seller_id, name, unit, "
	    "price_rp, stock, created_s, place) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "coalesce((SELECT CASE WHEN place <> '' THEN place ELSE "
	    "lower(trim(village)) END FROM sellers WHERE id = ?1), ''))";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, p->seller_id);
	sqlite3_bind_text(s, 2, p->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, p->unit, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, p->price_rp);
	sqlite3_bind_int64(s, 5, p->stock);
	sqlite3_bind_int64(s, 6, now_s);
	if ((rc = repo_run(st, s)) != REPO_OK)
		return rc;
	p->id = sqlite3_last_insert_rowid(st->db);
	return price_history_add(st, p->id, 0, p->price_rp, now_s);
}

static enum repo_rc
sq_product_set_price(void *be, int64_t id, int64_t old_rp, int64_t new_rp,
    const char *by, int64_t now_s)
{
	static const char sql[] = "UPDATE products SET price_rp = ?2 "
	    "WHERE id = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;
	char		 from[24], to[24];

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, new_rp);
	if ((rc = repo_run(st, s)) != REPO_OK ||
	    (rc = price_history_add(st, id, old_rp, new_rp, now_s)) != REPO_OK)
		return rc;
	snprintf(from, sizeof(from), "%" PRId64, old_rp);
	snprintf(to, sizeof(to), "%" PRId64, new_rp);
	return audit(st, 0, id, "price", from, to, by, now_s);
}

static enum repo_rc
sq_product_set_stock(void *be, int64_t id, int64_t from, int64_t to,
    const char *by, int64_t now_s)
{
	static const char sql[] = "UPDATE products SET stock = ?2 WHERE id = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;
	char		 fb[24], tb[24];

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, to);
	if ((rc = repo_run(st, s)) != REPO_OK)
		return rc;
	snprintf(fb, sizeof(fb), "%" PRId64, from);
	snprintf(tb, sizeof(tb), "%" PRId64, to);
	return audit(st, 0, id, "stock", fb, tb, by, now_s);
}

static enum repo_rc
sq_product_delist(void *be, int64_t id, const char *by, int64_t now_s)
{
	/* delisted_s: the reports leave out products gone within 24 h */
	static const char sql[] = "UPDATE products SET active = 0, "
	    "delisted_s = ?2 WHERE id = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, now_s);
	if ((rc = repo_run(st, s)) != REPO_OK)
		return rc;
	return audit(st, 0, id, "active", "1", "0", by, now_s);
}

static enum repo_rc
sq_product_reserve(void *be, int64_t id, int64_t qty)
{
	static const char sql[] = "UPDATE products SET reserved = "
	    "reserved + ?2 WHERE id = ?1 AND stock - reserved >= ?2";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, qty);
	if ((rc = repo_run(st, s)) != REPO_OK)
		return rc;
	return sqlite3_changes(st->db) == 1 ? REPO_OK : REPO_CONFLICT;
}

static enum repo_rc
sq_product_page(void *be, int64_t seller_id, int64_t offset,
    struct product_line *out, int max, int *n, int64_t *total)
{
	static const char sql[] = "SELECT id, name, price_rp, unit, stock, "
	    "reserved FROM products WHERE seller_id = ?1 AND active = 1 "
	    "ORDER BY id LIMIT ?2 OFFSET ?3";
	static const char count[] = "SELECT count(*) FROM products "
	    "WHERE seller_id = ?1 AND active = 1";
	struct store	*st = be;
	sqlite3_stmt	*s;
	enum repo_rc	 r;
	int		 rc;

	*n = 0;
	*total = 0;
	if ((s = store_stmt(st, count)) == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, seller_id);
	if ((r = repo_one(st, s)) != REPO_OK)
		return r == REPO_NOTFOUND ? REPO_ERR : r;
	*total = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if ((s = store_stmt(st, sql)) == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, seller_id);
	sqlite3_bind_int(s, 2, max);
	sqlite3_bind_int64(s, 3, offset);
	while ((rc = store_step(st, s)) == SQLITE_ROW && *n < max) {
		struct product_line	*l = &out[(*n)++];

		l->id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, l->name, sizeof(l->name));
		l->price_rp = sqlite3_column_int64(s, 2);
		store_col_text(s, 3, l->unit, sizeof(l->unit));
		l->stock = sqlite3_column_int64(s, 4);
		l->reserved = sqlite3_column_int64(s, 5);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? REPO_OK : repo_rc_of(rc);
}

/* Orders. */

static enum repo_rc
sq_order_get(void *be, int64_t id, struct order *o, struct product *p,
    struct seller *sl)
{
	static const char sql[] = "SELECT id, buyer, seller_id, product_id, qty, "
	    "unit_price_rp, note, state, attempts, coalesce(expires_at, -1), "
	    "coalesce(courier, ''), fee_rp, drop_attempts, "
	    "paid_method IS NOT NULL FROM orders WHERE id = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;
	char		 state[16];

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc;
	o->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, o->buyer, sizeof(o->buyer));
	o->seller_id = sqlite3_column_int64(s, 2);
	o->product_id = sqlite3_column_int64(s, 3);
	o->qty = sqlite3_column_int64(s, 4);
	o->unit_price_rp = sqlite3_column_int64(s, 5);
	store_col_text(s, 6, o->note, sizeof(o->note));
	store_col_text(s, 7, state, sizeof(state));
	o->state = order_state_by_name(state);
	o->attempts = sqlite3_column_int(s, 8);
	o->expires_at = sqlite3_column_int64(s, 9);
	/* couriers */
	store_col_text(s, 10, o->courier, sizeof(o->courier));
	o->fee_rp = sqlite3_column_int64(s, 11);
	o->drop_attempts = sqlite3_column_int(s, 12);
	o->paid = sqlite3_column_int(s, 13) != 0;
	sqlite3_reset(s);
	if (p != NULL &&
	    (rc = sq_product_get(be, o->product_id, p, NULL)) != REPO_OK)
		return rc;
	if (sl != NULL)
		return sq_seller_get(be, NULL, o->seller_id, sl);
	return REPO_OK;
}

static enum repo_rc
sq_order_add(void *be, struct order *o, const unsigned char *sealed,
    size_t sealed_len, int64_t now_s)
{
	static const char sql[] = "INSERT INTO orders (buyer, seller_id, "
	    "product_id, qty, unit_price_rp, note, state, code_hash, created_at, "
	    "expires_at, place) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	    "coalesce((SELECT place FROM sellers WHERE id = ?2), ''))";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, o->buyer, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, o->seller_id);
	sqlite3_bind_int64(s, 3, o->product_id);
	sqlite3_bind_int64(s, 4, o->qty);
	sqlite3_bind_int64(s, 5, o->unit_price_rp);
	sqlite3_bind_text(s, 6, o->note, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 7, order_state_name(o->state), -1, SQLITE_STATIC);
	sqlite3_bind_blob(s, 8, sealed, (int)sealed_len, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 9, now_s);
	if (o->expires_at >= 0)
		sqlite3_bind_int64(s, 10, o->expires_at);
	if ((rc = repo_run(st, s)) != REPO_OK)
		return rc;
	o->id = sqlite3_last_insert_rowid(st->db);
	return audit(st, o->id, o->product_id, "state", NULL,
	    order_state_name(o->state), o->buyer, now_s);
}

static enum repo_rc
sq_order_pending(void *be, const char *buyer, int64_t now_s,
    struct order_pending *out, int max, int *n)
{
	static const char sql[] = "SELECT id, attempts, code_hash FROM orders "
	    "WHERE buyer = ?1 AND state = 'pending' AND expires_at > ?2 "
	    "ORDER BY id";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc;

	*n = 0;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, buyer, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, now_s);
	while ((rc = store_step(st, s)) == SQLITE_ROW && *n < max) {
		struct order_pending	*p = &out[(*n)++];
		int		 len = sqlite3_column_bytes(s, 2);

		p->id = sqlite3_column_int64(s, 0);
		p->attempts = sqlite3_column_int(s, 1);
		p->sealed_len = 0;
		if (len == (int)sizeof(p->sealed)) {
			memcpy(p->sealed, sqlite3_column_blob(s, 2),
			    sizeof(p->sealed));
			p->sealed_len = sizeof(p->sealed);
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? REPO_OK : repo_rc_of(rc);
}

static enum repo_rc
sq_order_attempts(void *be, int64_t id, int attempts)
{
	static const char sql[] = "UPDATE orders SET attempts = ?2 WHERE id = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, attempts);
	return repo_run(st, s);
}

static enum repo_rc
stock_update(struct store *st, const char *sql, int64_t product_id,
    int64_t qty)
{
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, product_id);
	sqlite3_bind_int64(s, 2, qty);
	return repo_run(st, s);
}

static enum repo_rc
sq_order_move(void *be, const struct order_move *m)
{
	static const char sql[] = "UPDATE orders SET state = ?2, "
	    "expires_at = ?3, "
	    "confirmed_at = CASE WHEN ?2 = 'confirmed' THEN ?4 ELSE confirmed_at END, "
	    "accepted_at = CASE WHEN ?2 = 'accepted' THEN ?4 ELSE accepted_at END, "
	    "shipped_at = CASE WHEN ?2 = 'shipped' THEN ?4 ELSE shipped_at END, "
	    "delivered_at = CASE WHEN ?2 = 'delivered' THEN ?4 ELSE delivered_at END, "
	    "closed_at = CASE WHEN ?2 IN ('cancelled', 'rejected', 'expired') "
	    "  THEN ?4 ELSE closed_at END, "
	    "assigned_at = CASE WHEN ?2 = 'assigned' THEN ?4 ELSE assigned_at END, "
	    "returned_at = CASE WHEN ?2 = 'returned' THEN ?4 ELSE returned_at END, "
	    "code_hash = NULL, reason = coalesce(?5, reason) "
	    "WHERE id = ?1 AND state = ?6";
	static const char release[] = "UPDATE products SET reserved = "
	    "reserved - ?2 WHERE id = ?1";
	static const char consume[] = "UPDATE products SET stock = stock - ?2, "
	    "reserved = reserved - ?2 WHERE id = ?1";
	static const char restore[] = "UPDATE products SET stock = stock + ?2 "
	    "WHERE id = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	const char	*from = order_state_name(m->from);
	const char	*to = order_state_name(m->to);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, m->order_id);
	sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
	if (m->expires_at >= 0)
		sqlite3_bind_int64(s, 3, m->expires_at);
	sqlite3_bind_int64(s, 4, m->now_s);
	if (m->reason != NULL)
		sqlite3_bind_text(s, 5, m->reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, from, -1, SQLITE_STATIC);
	if ((rc = repo_run(st, s)) != REPO_OK)
		return rc;
	if (sqlite3_changes(st->db) != 1)
		return REPO_CONFLICT;
	if (m->stock == STOCK_RELEASE)
		rc = stock_update(st, release, m->product_id, m->qty);
	else if (m->stock == STOCK_CONSUME)
		rc = stock_update(st, consume, m->product_id, m->qty);
	else if (m->stock == STOCK_RESTORE)	/* couriers: GAGAL */
		rc = stock_update(st, restore, m->product_id, m->qty);
	if (rc != REPO_OK)
		return rc;
	return audit(st, m->order_id, m->product_id, "state", from, to, m->by,
	    m->now_s);
}

/* Steps q (id, item, qty, state, sender-is-buyer, paid) into up to max
 * lines. */
static enum repo_rc
order_lines(struct store *st, sqlite3_stmt *q, struct order_line *out,
    int max, int *n)
{
	char	state[16];
	int	rc;

	*n = 0;
	while ((rc = store_step(st, q)) == SQLITE_ROW && *n < max) {
		struct order_line	*l = &out[(*n)++];

		l->id = sqlite3_column_int64(q, 0);
		store_col_text(q, 1, l->item, sizeof(l->item));
		l->qty = sqlite3_column_int64(q, 2);
		store_col_text(q, 3, state, sizeof(state));
		l->state = order_state_by_name(state);
		l->buying = sqlite3_column_int(q, 4) != 0;
		l->paid = sqlite3_column_int(q, 5) != 0;	/* payments */
	}
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? REPO_OK : repo_rc_of(rc);
}

static enum repo_rc
sq_order_open(void *be, const char *msisdn, int64_t seller_id,
    int64_t offset, struct order_line *out, int max, int *n)
{
	static const char sql[] = "SELECT o.id, p.name, o.qty, o.state, "
	    "o.buyer = ?1, o.paid_method IS NOT NULL "
	    "FROM orders o JOIN products p ON p.id = o.product_id "
	    "WHERE (o.buyer = ?1 OR (o.seller_id = ?2 AND "
	    "o.state <> 'pending')) AND o.state IN "
	    "('pending', 'confirmed', 'accepted', 'assigned', 'shipped') "
	    "ORDER BY o.id LIMIT ?3 OFFSET ?4";
	struct store	*st = be;
	sqlite3_stmt	*q = store_stmt(st, sql);

	*n = 0;
	if (q == NULL)
		return REPO_ERR;
	sqlite3_bind_text(q, 1, msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 2, seller_id);
	sqlite3_bind_int(q, 3, max);
	sqlite3_bind_int64(q, 4, offset);
	return order_lines(st, q, out, max, n);
}

static enum repo_rc
sq_order_closed(void *be, const char *msisdn, int64_t seller_id,
    struct order_line *out, int max, int *n)
{
	static const char sql[] = "SELECT o.id, p.name, o.qty, o.state, "
	    "o.buyer = ?1, o.paid_method IS NOT NULL "
	    "FROM orders o JOIN products p ON p.id = o.product_id "
	    "WHERE (o.buyer = ?1 OR (o.seller_id = ?2 AND "
	    "o.confirmed_at IS NOT NULL)) AND o.state IN "
	    "('delivered', 'cancelled', 'rejected', 'expired', 'returned') "
	    "ORDER BY o.id DESC LIMIT ?3";
	struct store	*st = be;
	sqlite3_stmt	*q = store_stmt(st, sql);

	*n = 0;
	if (q == NULL)
		return REPO_ERR;
	sqlite3_bind_text(q, 1, msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 2, seller_id);
	sqlite3_bind_int(q, 3, max);
	return order_lines(st, q, out, max, n);
}

static enum repo_rc
sq_order_due(void *be, int64_t now_s, int64_t *ids, int max, int *n)
{
	static const char sql[] = "SELECT id FROM orders WHERE expires_at "
	    "IS NOT NULL AND expires_at <= ?1 ORDER BY expires_at, id LIMIT ?2";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc;

	*n = 0;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, now_s);
	sqlite3_bind_int(s, 2, max);
	while ((rc = store_step(st, s)) == SQLITE_ROW && *n < max)
		ids[(*n)++] = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? REPO_OK : repo_rc_of(rc);
}

static enum repo_rc
sq_order_next_timer(void *be, int64_t *at_s)
{
	static const char sql[] = "SELECT min(expires_at) FROM orders "
	    "WHERE expires_at IS NOT NULL";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc;
	if (sqlite3_column_type(s, 0) == SQLITE_NULL)
		rc = REPO_NOTFOUND;
	else
		*at_s = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc;
}

/* issue 12, marketplace export: BERAT. */
static enum repo_rc
sq_product_set_weight(void *be, int64_t id, int64_t old_g, int64_t new_g,
    const char *by, int64_t now_s)
{
	static const char sql[] = "UPDATE products SET weight_g = ?2 "
	    "WHERE id = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;
	char		 from[24], to[24];

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, new_g);
	if ((rc = repo_run(st, s)) != REPO_OK)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return REPO_NOTFOUND;
	snprintf(from, sizeof(from), "%" PRId64, old_g);
	snprintf(to, sizeof(to), "%" PRId64, new_g);
	return audit(st, 0, id, "weight", old_g > 0 ? from : NULL, to, by,
	    now_s);
}

static const struct repo_ops sqlite_ops = {
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.savepoint = sq_savepoint,
	.release = sq_release,
	.rollback_to = sq_rollback_to,
	.errmsg = sq_errmsg,
	.number_touch = sq_number_touch,
	.number_lang = sq_number_lang,
	.number_set_lang = sq_number_set_lang,
	.list_get = sq_list_get,
	.list_save = sq_list_save,
	.seller_get = sq_seller_get,
	.seller_save = sq_seller_save,
	.seller_set_pin = sq_seller_set_pin,
	.seller_pin_fails = sq_seller_pin_fails,
	.seller_unlock = sq_seller_unlock,
	.product_get = sq_product_get,
	.product_named = sq_product_named,
	.product_add = sq_product_add,
	.product_set_price = sq_product_set_price,
	.product_set_stock = sq_product_set_stock,
	.product_delist = sq_product_delist,
	.product_reserve = sq_product_reserve,
	.product_page = sq_product_page,
	.search_vocab = search_vocab_op,
	.search_postings = search_postings_op,
	.search_row = search_row_op,
	.search_place_known = search_place_known_op,
	.order_get = sq_order_get,
	.order_add = sq_order_add,
	.order_pending = sq_order_pending,
	.order_attempts = sq_order_attempts,
	.order_move = sq_order_move,
	.order_open = sq_order_open,
	.order_closed = sq_order_closed,
	.order_due = sq_order_due,
	.order_next_timer = sq_order_next_timer,
	/* places (repo_places.c) */
	.place_match = sq_place_match,
	.place_get = sq_place_get,
	.places_any = sq_places_any,
	.place_villages = sq_place_villages,
	.seller_place = sq_seller_place,
	.place_choice_get = sq_place_choice_get,
	.place_choice_set = sq_place_choice_set,
	/* issue 12, marketplace export */
	.product_set_weight = sq_product_set_weight,
	/* issue 12, reports */
	.agent_report = repo_report_agent,
	/* assistants: repo_agent.c */
	.agent_get = sq_agent_get,
	.agent_set_pin = sq_agent_set_pin,
	.agent_pin_fails = sq_agent_pin_fails,
	.link_get = sq_link_get,
	.link_add = sq_link_add,
	.link_end = sq_link_end,
	.consent_counts = sq_consent_counts,
	.consent_add = sq_consent_add,
	.consent_pending = sq_consent_pending,
	.consent_set = sq_consent_set,
	.agent_sellers = sq_agent_sellers,
	.agent_action_add = sq_agent_action_add,
	.audit_via = sq_audit_via,
	/* promotions: repo_promo.c */
	.promo_pause = sq_promo_pause,
	.promo_paused = sq_promo_paused,
	.sub_add = sq_sub_add,
	.sub_count = sq_sub_count,
	.sub_page = sq_sub_page,
	.sub_drop = sq_sub_drop,
	/* issue 13, payment records: repo_payment.c */
	.order_payment = sq_order_payment,
	.order_pay = sq_order_pay,
	/* couriers: repo_courier.c */
	.courier_get = sq_courier_get,
	.courier_set_duty = sq_courier_set_duty,
	.courier_next = sq_courier_next,
	.job_open = sq_job_open,
	.job_mark = sq_job_mark,
	.job_list = sq_job_list,
	.drop_set = sq_drop_set,
	.drop_get = sq_drop_get,
	.drop_attempts = sq_drop_attempts,
	.mark_add = sq_mark_add,
	.buyer_record = sq_buyer_record,
	/* issue 13, privacy: repo_privacy.c */
	.privacy_counts = sq_privacy_counts,
	.consent_mark = sq_consent_mark,
	.erase_get = sq_erase_get,
	.erase_set = sq_erase_set,
	.number_erase = sq_number_erase,
	.number_blocked = sq_number_blocked,
	.erase_open = sq_erase_open,
	.block_notice = sq_block_notice,	/* issue 15, operators */
};

void
repo_sqlite_init(struct repo *r, struct store *st)
{
	r->ops = &sqlite_ops;
	r->be = st;
}
