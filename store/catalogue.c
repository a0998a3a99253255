/* lapak-web's catalogue reads (catalogue.h): bound, prepared statements
 * on a read-only connection; the search is CARI's (commerce_find_*). */
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "store/catalogue.h"
#include "store/commerce.h"
#include "store/store_internal.h"

/* What a listed product is on the web: active, of a seller not erased. */
#define LISTED	" p.active = 1 AND s.erased_s IS NULL "
/* Seller s is placed at c.code or below it (codes are dotted: 33.18
 * holds 33.18.04.2001); a range, so sellers_place serves it. */
#define UNDER(c) " (s.place = " c " OR (s.place >= " c " || '.' AND" \
		" s.place < " c " || '/')) "
#define COUNT_UNDER "(SELECT count(*) FROM sellers s JOIN products p ON" \
		" p.seller_id = s.id WHERE" LISTED "AND" UNDER("c.code") ")"
#define VILLAGE_NAME "coalesce((SELECT name FROM places WHERE code ="	\
		" s.place), s.village)"

static const char q_place[] =
	"SELECT c.code, c.name, c.level, coalesce(c.parent, ''), "
	COUNT_UNDER " FROM places c WHERE c.code = ?1 AND"
	" c.replaced_by IS NULL";
static const char q_children[] =
	"SELECT c.code, c.name, c.level, coalesce(c.parent, ''), "
	COUNT_UNDER " FROM places c WHERE c.parent = ?1 AND"
	" c.replaced_by IS NULL ORDER BY c.name, c.code LIMIT ?2";
static const char q_roots[] =
	"SELECT c.code, c.name, c.level, coalesce(c.parent, ''), "
	COUNT_UNDER " FROM places c WHERE c.parent IS NULL AND"
	" c.replaced_by IS NULL ORDER BY c.name, c.code LIMIT ?2";
static const char q_shops[] =
	"SELECT s.id, s.shop, s.place, " VILLAGE_NAME ", count(p.id)"
	" FROM sellers s JOIN products p ON p.seller_id = s.id"
	" WHERE s.place = ?1 AND" LISTED
	" GROUP BY s.id ORDER BY s.shop, s.id LIMIT ?2";
static const char q_shop[] =
	"SELECT s.id, s.shop, s.place, " VILLAGE_NAME ","
	" (SELECT count(*) FROM products p WHERE p.seller_id = s.id AND"
	" p.active = 1) FROM sellers s WHERE s.id = ?1 AND"
	" s.erased_s IS NULL";
#define PRODUCT_COLS "p.id, p.name, p.unit, p.price_rp, p.stock -" \
		" p.reserved, s.id, s.shop, s.place, " VILLAGE_NAME
static const char q_shop_products[] =
	"SELECT " PRODUCT_COLS " FROM products p JOIN sellers s ON"
	" s.id = p.seller_id WHERE p.seller_id = ?1 AND" LISTED
	" ORDER BY p.id LIMIT ?2 OFFSET ?3";
static const char q_product[] =
	"SELECT " PRODUCT_COLS " FROM products p JOIN sellers s ON"
	" s.id = p.seller_id WHERE p.id = ?1 AND" LISTED;

enum store_rc
catalogue_begin(struct store *rd)
{
	return store_snapshot(rd, true);
}

void
catalogue_end(struct store *rd)
{
	(void)store_snapshot(rd, false);
}

static void
place_row(sqlite3_stmt *s, struct cat_place *o)
{
	memset(o, 0, sizeof(*o));
	store_col_text(s, 0, o->code, sizeof(o->code));
	store_col_text(s, 1, o->name, sizeof(o->name));
	o->level = sqlite3_column_int(s, 2);
	store_col_text(s, 3, o->parent, sizeof(o->parent));
	o->products = sqlite3_column_int64(s, 4);
}

static void
shop_row(sqlite3_stmt *s, struct cat_shop *o)
{
	memset(o, 0, sizeof(*o));
	o->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, o->name, sizeof(o->name));
	store_col_text(s, 2, o->village_code, sizeof(o->village_code));
	store_col_text(s, 3, o->village, sizeof(o->village));
	o->products = sqlite3_column_int64(s, 4);
}

static void
product_row(sqlite3_stmt *s, struct cat_product *o)
{
	memset(o, 0, sizeof(*o));
	o->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, o->name, sizeof(o->name));
	store_col_text(s, 2, o->unit, sizeof(o->unit));
	o->price_rp = sqlite3_column_int64(s, 3);
	o->available = sqlite3_column_int64(s, 4);
	o->shop_id = sqlite3_column_int64(s, 5);
	store_col_text(s, 6, o->shop, sizeof(o->shop));
	store_col_text(s, 7, o->village_code, sizeof(o->village_code));
	store_col_text(s, 8, o->village, sizeof(o->village));
}

/* Steps s (bound) for at most max rows through fn into out[] of size sz;
 * *n rows; *more when a row beyond max came (ask for max + 1). */
static enum store_rc
rows(struct store *rd, sqlite3_stmt *s, void (*fn)(sqlite3_stmt *, void *),
    void *out, size_t sz, int max, int *n, bool *more)
{
	int	rc;

	*n = 0;
	if (more != NULL)
		*more = false;
	while ((rc = store_step(rd, s)) == SQLITE_ROW) {
		if (*n == max) {
			if (more != NULL)
				*more = true;
			break;
		}
		fn(s, (char *)out + (size_t)*n * sz);
		(*n)++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_rc_of(rc);
	return STORE_OK;
}

static void
place_fn(sqlite3_stmt *s, void *o)
{
	place_row(s, o);
}

static void
shop_fn(sqlite3_stmt *s, void *o)
{
	shop_row(s, o);
}

static void
product_fn(sqlite3_stmt *s, void *o)
{
	product_row(s, o);
}

/* One row of a bound statement through fn: OK, NOTFOUND or an error. */
static enum store_rc
one(struct store *rd, sqlite3_stmt *s, void (*fn)(sqlite3_stmt *, void *),
    void *out, size_t sz)
{
	enum store_rc	rc;
	int		n;

	rc = rows(rd, s, fn, out, sz, 1, &n, NULL);
	if (rc != STORE_OK)
		return rc;
	return n == 1 ? STORE_OK : STORE_NOTFOUND;
}

enum store_rc
catalogue_place(struct store *rd, const char *code, struct cat_place *out)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(rd, q_place)) == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	return one(rd, s, place_fn, out, sizeof(*out));
}

enum store_rc
catalogue_children(struct store *rd, const char *code, struct cat_place *out,
    int max, int *n)
{
	sqlite3_stmt	*s;

	*n = 0;
	if ((s = store_stmt(rd, code[0] ? q_children : q_roots)) == NULL)
		return STORE_ERR;
	if (code[0] != '\0')
		sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, max);
	return rows(rd, s, place_fn, out, sizeof(*out), max, n, NULL);
}

enum store_rc
catalogue_shops(struct store *rd, const char *code, struct cat_shop *out,
    int max, int *n)
{
	sqlite3_stmt	*s;

	*n = 0;
	if ((s = store_stmt(rd, q_shops)) == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, max);
	return rows(rd, s, shop_fn, out, sizeof(*out), max, n, NULL);
}

enum store_rc
catalogue_shop(struct store *rd, int64_t id, struct cat_shop *out)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(rd, q_shop)) == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	return one(rd, s, shop_fn, out, sizeof(*out));
}

enum store_rc
catalogue_shop_products(struct store *rd, int64_t id, int64_t offset,
    struct cat_product *out, int max, int *n, bool *more)
{
	sqlite3_stmt	*s;

	*n = 0;
	*more = false;
	if ((s = store_stmt(rd, q_shop_products)) == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, max + 1);
	sqlite3_bind_int64(s, 3, offset);
	return rows(rd, s, product_fn, out, sizeof(*out), max, n, more);
}

enum store_rc
catalogue_product(struct store *rd, int64_t id, struct cat_product *out)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(rd, q_product)) == NULL)
		return STORE_ERR;
	sqlite3_bind_int64(s, 1, id);
	return one(rd, s, product_fn, out, sizeof(*out));
}

/* CARI pages are COMMERCE_PAGE rows; a web page takes several in turn,
 * each planned and run exactly as CARI over USSD plans and runs page k. */
enum store_rc
catalogue_search(struct store *rd, const struct conf *cf, const char *query,
    int64_t offset, int64_t *ids, int *n, bool *more)
{
	struct commerce_find	*f = xcalloc(1, sizeof(*f));
	struct action		*a = xcalloc(1, sizeof(*a));
	struct actor		 who;
	enum store_rc		 rc = STORE_OK;
	int			 i;

	*n = 0;
	*more = false;
	memset(&who, 0, sizeof(who));
	a->verb = VERB_FIND;
	a->ussd = true;
	if (!strlcpy_ok(a->text, query, sizeof(a->text)))
		a->text[sizeof(a->text) - 1] = '\0';
	if (offset % COMMERCE_PAGE != 0 || offset < 0)
		offset -= offset % COMMERCE_PAGE;
	while (*n < CAT_SEARCH_MAX && offset <= SEARCH_OFFSET_MAX) {
		a->page = (int)(offset / COMMERCE_PAGE);
		if (commerce_find_want(rd, cf, &who, a, f) != 1) {
			rc = STORE_ERR;
			break;
		}
		if (f->rq.nq == 0)
			break;
		commerce_find_on(rd, f);
		if (f->rc != REPO_OK) {
			rc = f->rc == REPO_BUSY ? STORE_BUSY : STORE_ERR;
			break;
		}
		for (i = 0; i < f->page.n && i < COMMERCE_PAGE &&
		    *n < CAT_SEARCH_MAX; i++)
			ids[(*n)++] = f->page.hit[i].id;
		*more = f->page.more;
		if (!f->page.more)
			break;
		offset += COMMERCE_PAGE;
	}
	free(a);
	free(f);
	return rc;
}
