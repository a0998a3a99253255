/* lapak-web's catalogue reads (catalogue.h): bound, prepared statements
 * on a read-only connection; the search is CARI's (commerce_find_*). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	"SELECT c.code, c.name, c.level, coalesce(c.parent, '')"
	" FROM places c WHERE c.code = ?1 AND c.replaced_by IS NULL";
static const char q_children[] =
	"SELECT c.code, c.name, c.level, coalesce(c.parent, '')"
	" FROM places c WHERE c.parent = ?1 AND"
	" c.replaced_by IS NULL ORDER BY c.name, c.code LIMIT ?2";
static const char q_roots[] =
	"SELECT c.code, c.name, c.level, coalesce(c.parent, '')"
	" FROM places c WHERE c.parent IS NULL AND"
	" c.replaced_by IS NULL ORDER BY c.name, c.code LIMIT ?2";
/* One place's count, read now (no cache: catalogue_count with NULL). */
static const char q_count[] =
	"SELECT " COUNT_UNDER " FROM (SELECT ?1 AS code) c";
/* The count cache's table: listed products per seller place. Planned as
 * sellers by place (sellers_place), each seller's active products from
 * products_seller_active (v15) alone: ~45 ms CPU for 100k products. */
static const char q_counts[] =
	"SELECT s.place, count(*) FROM sellers s JOIN products p ON"
	" p.seller_id = s.id WHERE" LISTED "GROUP BY s.place";
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

void
catalogue_reader_unmap(struct store *rd)
{
	(void)store_exec(rd, "PRAGMA mmap_size = 0");
}

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
	o->products = -1;	/* not counted: catalogue_count */
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

/* ---- the count cache ---- */

/* One table: the seller places in strcmp order with their listed
 * products, and the running sums (sum[i] = the counts of rows < i). */
struct cc_table {
	int	  n;
	char	(*code)[CAT_CODE_SZ];
	int64_t	 *sum;		/* n + 1 */
};

struct cat_counts {
	pthread_mutex_t	  mu;
	pthread_cond_t	  cv;
	int		  max_age_s;
	int64_t		(*now)(void);
	struct cc_table	 *cur;		/* NULL before the first read */
	int64_t		  at;		/* now() when cur was read */
	bool		  refreshing;	/* one caller reads a new table */
	int64_t		  reads;	/* tables read (tests) */
};

static int64_t
cc_monotonic(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}

struct cat_counts *
cat_counts_new(int max_age_s, int64_t (*now)(void))
{
	struct cat_counts	*cc = xcalloc(1, sizeof(*cc));

	pthread_mutex_init(&cc->mu, NULL);
	pthread_cond_init(&cc->cv, NULL);
	cc->max_age_s = max_age_s;
	cc->now = now != NULL ? now : cc_monotonic;
	return cc;
}

static void
cc_table_free(struct cc_table *t)
{
	if (t == NULL)
		return;
	free(t->code);
	free(t->sum);
	free(t);
}

void
cat_counts_free(struct cat_counts *cc)
{
	if (cc == NULL)
		return;
	cc_table_free(cc->cur);
	pthread_mutex_destroy(&cc->mu);
	pthread_cond_destroy(&cc->cv);
	free(cc);
}

int64_t
cat_counts_reads(struct cat_counts *cc)
{
	int64_t	n;

	pthread_mutex_lock(&cc->mu);
	n = cc->reads;
	pthread_mutex_unlock(&cc->mu);
	return n;
}

struct cc_row {
	char	code[CAT_CODE_SZ];
	int64_t	n;
};

static int
cc_row_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cc_row *)a)->code,
	    ((const struct cc_row *)b)->code);
}

/* Reads a new table on rd (in the caller's snapshot, or a statement's
 * own when there is none). */
static enum store_rc
cc_read(struct store *rd, struct cc_table **out)
{
	struct cc_table	*t;
	struct cc_row	*row = NULL;
	sqlite3_stmt	*s;
	size_t		 n = 0, cap = 0, i;
	int		 rc;

	*out = NULL;
	if ((s = store_stmt(rd, q_counts)) == NULL)
		return STORE_ERR;
	while ((rc = store_step(rd, s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			row = xrealloc(row, cap * sizeof(*row));
		}
		store_col_text(s, 0, row[n].code, sizeof(row[n].code));
		row[n].n = sqlite3_column_int64(s, 1);
		n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(row);
		return store_rc_of(rc);
	}
	/* C's order, whatever the SQL one: the ranges below rely on it */
	if (n > 1)
		qsort(row, n, sizeof(*row), cc_row_cmp);
	t = xcalloc(1, sizeof(*t));
	t->n = (int)n;
	t->code = xcalloc(n ? n : 1, sizeof(*t->code));
	t->sum = xcalloc(n + 1, sizeof(*t->sum));
	for (i = 0; i < n; i++) {
		memcpy(t->code[i], row[i].code, sizeof(t->code[i]));
		t->sum[i + 1] = t->sum[i] + row[i].n;
	}
	free(row);
	*out = t;
	return STORE_OK;
}

/* The first row whose code is >= key (strcmp), 0..n. */
static int
cc_lower(const struct cc_table *t, const char *key)
{
	int	lo = 0, hi = t->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(t->code[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Listed products at code or below it: code itself, then the range
 * [code".", code"/") of the sorted codes ('/' follows '.'). */
static int64_t
cc_sum(const struct cc_table *t, const char *code)
{
	char	lo[CAT_CODE_SZ + 1], hi[CAT_CODE_SZ + 1];
	int	a, b;
	int64_t	n = 0;

	if (strlen(code) >= CAT_CODE_SZ)
		return 0;
	a = cc_lower(t, code);
	if (a < t->n && strcmp(t->code[a], code) == 0)
		n += t->sum[a + 1] - t->sum[a];
	snprintf(lo, sizeof(lo), "%s.", code);
	snprintf(hi, sizeof(hi), "%s/", code);
	a = cc_lower(t, lo);
	b = cc_lower(t, hi);
	return n + t->sum[b] - t->sum[a];
}

/* A current table in cc (the caller holds mu): reads one when there is
 * none or it is max_age_s old, one caller at a time; the others keep
 * using the old one meanwhile (and wait only when there is none yet). */
static enum store_rc
cc_fresh(struct cat_counts *cc, struct store *rd)
{
	struct cc_table	*t;
	enum store_rc	 rc;
	int64_t		 now;

	for (;;) {
		now = cc->now();
		if (cc->cur != NULL && now - cc->at < cc->max_age_s &&
		    now >= cc->at)
			return STORE_OK;
		if (!cc->refreshing)
			break;
		if (cc->cur != NULL)
			return STORE_OK;	/* the old one, while another
						 * reads */
		pthread_cond_wait(&cc->cv, &cc->mu);
	}
	cc->refreshing = true;
	pthread_mutex_unlock(&cc->mu);
	rc = cc_read(rd, &t);
	pthread_mutex_lock(&cc->mu);
	cc->refreshing = false;
	pthread_cond_broadcast(&cc->cv);
	if (rc != STORE_OK)
		return cc->cur != NULL ? STORE_OK : rc;	/* the old one */
	cc_table_free(cc->cur);
	cc->cur = t;
	cc->at = now;
	cc->reads++;
	return STORE_OK;
}

enum store_rc
catalogue_count(struct cat_counts *cc, struct store *rd,
    struct cat_place *p, int n)
{
	sqlite3_stmt	*s;
	enum store_rc	 rc;
	int		 i, r;

	if (cc == NULL) {
		/* no cache: each place counted now, by its own scan */
		if ((s = store_stmt(rd, q_count)) == NULL)
			return STORE_ERR;
		for (i = 0; i < n; i++) {
			sqlite3_bind_text(s, 1, p[i].code, -1,
			    SQLITE_TRANSIENT);
			r = store_step(rd, s);
			p[i].products = r == SQLITE_ROW ?
			    sqlite3_column_int64(s, 0) : 0;
			sqlite3_reset(s);
			if (r != SQLITE_ROW)
				return store_rc_of(r);
		}
		return STORE_OK;
	}
	pthread_mutex_lock(&cc->mu);
	if ((rc = cc_fresh(cc, rd)) == STORE_OK && cc->cur != NULL)
		for (i = 0; i < n; i++)
			p[i].products = cc_sum(cc->cur, p[i].code);
	pthread_mutex_unlock(&cc->mu);
	return rc;
}
