/* The products a marketplace export writes (lapakctl export): active
 * products with their seller and place, read on a read-only connection
 * (store_open_reader) in one snapshot. Read-only. */
#ifndef LAPAK_STORE_EXPORT_H
#define LAPAK_STORE_EXPORT_H
#include <stdint.h>

#include "common/action.h"
#include "store/store.h"

struct export_row {
	int64_t	id;			/* P17 -> 17 */
	char	name[ACT_TEXT_MAX];
	char	unit[16];		/* "kg", "500g", "" */
	int64_t	price_rp;
	int64_t	available;		/* stock - reserved */
	int64_t	weight_g;		/* BERAT; 0 = not given */
	char	product_place[64];	/* products.place at listing time:
					 * a village code, or v8's folded
					 * village text */
	char	msisdn[16];		/* the seller's */
	char	shop[64];
	char	place[32];		/* the place the export goes by: the
					 * seller's village code, else the
					 * product's; may be text, not a code */
	char	place_name[64];		/* that code's name in places, else
					 * the seller's village as typed */
};

/* Which products: both NULL = all active ones. place: a place code; the
 * products whose place (export_row.place) is that code or under it
 * ("33.20" takes "33.20.05.2004"). seller: E.164 number. */
struct export_filter {
	const char	*place;
	const char	*seller;
};

/* Calls fn for each matching active product in id order, inside one read
 * snapshot; fn returns 0 to go on, anything else stops the walk and is
 * returned. 0 at the end, -1 on a store error (store_errmsg). */
int	export_each(struct store *st, const struct export_filter *f,
	    int (*fn)(void *arg, const struct export_row *r), void *arg);

#endif
