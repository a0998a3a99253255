/* The public catalogue's reads for lapak-web (issue 14): places with their
 * counts of listed products, a village's shops, a shop's products, one
 * product, and search through CARI's own search. Read-only: nothing here
 * writes. Only active products of sellers who are not erased
 * (docs/PRIVACY.md) are shown; no phone number is ever selected. */
#ifndef LAPAK_STORE_CATALOGUE_H
#define LAPAK_STORE_CATALOGUE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/action.h"
#include "conf/conf.h"
#include "store/store.h"

#define CAT_CODE_SZ	32
#define CAT_NAME_SZ	96	/* a place's name */
#define CAT_SEARCH_MAX	12	/* results on one search page */

/* A place of the loaded list (places.csv), with what is listed under it. */
struct cat_place {
	char	code[CAT_CODE_SZ];	/* "33.18.04" */
	char	name[CAT_NAME_SZ];
	int	level;			/* 1 province .. 4 village */
	char	parent[CAT_CODE_SZ];	/* "" for a province */
	int64_t	products;		/* active products of shops at or
					 * below it */
};

/* A shop: an opaque id (sellers.id), never a phone number. */
struct cat_shop {
	int64_t	id;
	char	name[ACT_TEXT_MAX];
	char	village_code[CAT_CODE_SZ];	/* "" when not placed */
	char	village[CAT_NAME_SZ];	/* the place's name, else as typed */
	int64_t	products;		/* active */
};

struct cat_product {
	int64_t	id;			/* P17 -> 17 */
	char	name[ACT_TEXT_MAX];
	char	unit[16];
	int64_t	price_rp;
	int64_t	available;		/* stock minus reservations */
	int64_t	shop_id;
	char	shop[ACT_TEXT_MAX];
	char	village_code[CAT_CODE_SZ];
	char	village[CAT_NAME_SZ];
};

/* Every call below but catalogue_search reads inside the caller's read
 * snapshot: catalogue_begin() before, catalogue_end() after, kept short
 * (one page), so lapakd's WAL checkpoints are never held back. */
enum store_rc	catalogue_begin(struct store *rd);
void		catalogue_end(struct store *rd);

/* One place by code: STORE_OK, STORE_NOTFOUND (not loaded, or replaced
 * by another code), or an error. */
enum store_rc	catalogue_place(struct store *rd, const char *code,
		    struct cat_place *out);
/* The current places one level below code ("" = the top-level ones), by
 * name, each with its product count; at most max into out, *n how many. */
enum store_rc	catalogue_children(struct store *rd, const char *code,
		    struct cat_place *out, int max, int *n);
/* The shops of village code with at least one active product, by name. */
enum store_rc	catalogue_shops(struct store *rd, const char *code,
		    struct cat_shop *out, int max, int *n);
/* One shop (not erased): STORE_NOTFOUND when there is none. */
enum store_rc	catalogue_shop(struct store *rd, int64_t id,
		    struct cat_shop *out);
/* Shop id's active products from offset on, by id; *more when a further
 * one exists. */
enum store_rc	catalogue_shop_products(struct store *rd, int64_t id,
		    int64_t offset, struct cat_product *out, int max, int *n,
		    bool *more);
/* One active product of a shop that is not erased: STORE_NOTFOUND else. */
enum store_rc	catalogue_product(struct store *rd, int64_t id,
		    struct cat_product *out);

/* CARI's search (the same words, typo tolerance, "di <tempat>" and order,
 * commerce/find.c, on this reader in its own snapshots: call it outside
 * catalogue_begin) for query, results offset.. (at most CAT_SEARCH_MAX)
 * as product ids into ids; *more when a further result exists. Returns
 * STORE_OK (also for no result or no word), or an error. */
enum store_rc	catalogue_search(struct store *rd, const struct conf *cf,
		    const char *query, int64_t offset, int64_t *ids, int *n,
		    bool *more);

#endif
