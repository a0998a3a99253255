/* Active products for lapakctl export, one bound query in one snapshot. */
#include <string.h>

#include "store/export.h"
#include "store/store_internal.h"

/* The place an export goes by: the seller's village code when placed, else
 * what the product kept when listed. */
#define EFFECTIVE_PLACE	"(CASE WHEN s.place <> '' THEN s.place ELSE p.place END)"

static const char export_sql[] =
	"SELECT p.id, p.name, p.unit, p.price_rp, p.stock - p.reserved,"
	" coalesce(p.weight_g, 0), p.place, s.msisdn, s.shop,"
	" " EFFECTIVE_PLACE ","
	" coalesce((SELECT name FROM places WHERE code = " EFFECTIVE_PLACE
	"), s.village)"
	" FROM products p JOIN sellers s ON s.id = p.seller_id"
	" WHERE p.active = 1"
	" AND (?1 IS NULL OR " EFFECTIVE_PLACE " = ?1"
	" OR substr(" EFFECTIVE_PLACE ", 1, length(?1) + 1) = ?1 || '.')"
	" AND (?2 IS NULL OR s.msisdn = ?2)"
	" ORDER BY p.id";

int
export_each(struct store *st, const struct export_filter *f,
    int (*fn)(void *arg, const struct export_row *r), void *arg)
{
	struct export_row	 r;
	sqlite3_stmt		*s;
	int			 rc, out = 0;

	if (store_snapshot(st, true) != STORE_OK)
		return -1;
	if ((s = store_stmt(st, export_sql)) == NULL) {
		(void)store_snapshot(st, false);
		return -1;
	}
	if (f != NULL && f->place != NULL)
		sqlite3_bind_text(s, 1, f->place, -1, SQLITE_TRANSIENT);
	if (f != NULL && f->seller != NULL)
		sqlite3_bind_text(s, 2, f->seller, -1, SQLITE_TRANSIENT);
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, r.name, sizeof(r.name));
		store_col_text(s, 2, r.unit, sizeof(r.unit));
		r.price_rp = sqlite3_column_int64(s, 3);
		r.available = sqlite3_column_int64(s, 4);
		r.weight_g = sqlite3_column_int64(s, 5);
		store_col_text(s, 6, r.product_place, sizeof(r.product_place));
		store_col_text(s, 7, r.msisdn, sizeof(r.msisdn));
		store_col_text(s, 8, r.shop, sizeof(r.shop));
		store_col_text(s, 9, r.place, sizeof(r.place));
		store_col_text(s, 10, r.place_name, sizeof(r.place_name));
		if ((out = fn(arg, &r)) != 0)
			break;
	}
	sqlite3_reset(s);
	if (out == 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		out = -1;
	/* A read snapshot: its end cannot lose anything. */
	(void)store_snapshot(st, false);
	return out;
}
