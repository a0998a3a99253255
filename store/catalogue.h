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
	int64_t	products;		/* listed products of shops at or
					 * below it: -1 until catalogue_count
					 * fills it */
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

/* Back to reading rd's store by pread into its cache: report_query
 * (store/report.h) maps the file for its scans and leaves the map set on
 * the connection; a reader that then serves catalogue pages beside
 * lapakd's writes would remap and fault the file in after each of its
 * checkpoints (twice the CPU a page, docs/PERFORMANCE.md issue 14). */
void		catalogue_reader_unmap(struct store *rd);

/* Every call below but catalogue_search reads inside the caller's read
 * snapshot: catalogue_begin() before, catalogue_end() after, kept short
 * (one page), so lapakd's WAL checkpoints are never held back. */
enum store_rc	catalogue_begin(struct store *rd);
void		catalogue_end(struct store *rd);

/* One place by code, its name, level and parent only (products -1: no
 * count; catalogue_count adds it): STORE_OK, STORE_NOTFOUND (not loaded,
 * or replaced by another code), or an error. */
enum store_rc	catalogue_place(struct store *rd, const char *code,
		    struct cat_place *out);
/* The current places one level below code ("" = the top-level ones), by
 * name, uncounted as catalogue_place; at most max into out, *n how many. */
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

/*
 * The count cache: the listed products per place without a scan per
 * page. One grouped read of every listed product by its seller's place
 * (sellers.place, as the catalogue's rules place a shop) is kept and
 * shared by the threads; a district's or the regency's count is the sum
 * over the range of codes under it. The table is read again when it is
 * max_age_s old (lapak-web: 60, its pages' Cache-Control max-age), by
 * the one caller that finds it old, on its connection in its snapshot;
 * the other threads keep using the old table meanwhile. So counts are up
 * to max_age_s old; the products, shops and prices shown are always
 * read at the time of the page. now: the clock in seconds (NULL:
 * CLOCK_MONOTONIC; tests inject theirs).
 */
struct cat_counts;

struct cat_counts	*cat_counts_new(int max_age_s, int64_t (*now)(void));
void			 cat_counts_free(struct cat_counts *cc);
/* How many tables were read so far (tests). */
int64_t			 cat_counts_reads(struct cat_counts *cc);
/* Fills p[0..n-1].products for their codes from cc (read on rd first
 * when old or missing; an error only when there is no table at all).
 * cc NULL: each counted now on rd by its own query (tests, tools). */
enum store_rc	catalogue_count(struct cat_counts *cc, struct store *rd,
		    struct cat_place *p, int n);

/* CARI's search (the same words, typo tolerance, "di <tempat>" and order,
 * commerce/find.c, on this reader in its own snapshots: call it outside
 * catalogue_begin) for query, results offset.. (at most CAT_SEARCH_MAX)
 * as product ids into ids; *more when a further result exists. Returns
 * STORE_OK (also for no result or no word), or an error. */
enum store_rc	catalogue_search(struct store *rd, const struct conf *cf,
		    const char *query, int64_t offset, int64_t *ids, int *n,
		    bool *more);

#endif
