/* Programme and operator counts, one bound query each. */
#include <stdio.h>

#include "store/stats.h"
#include "store/store_internal.h"

struct stat_q {
	const char	*key;
	const char	*sql;		/* one row, one integer; ?1 = since_s */
	int		 since;		/* uses ?1 */
};

static const struct stat_q queries[] = {
	{ "numbers", "SELECT count(*) FROM numbers", 0 },
	{ "sellers", "SELECT count(*) FROM sellers", 0 },
	{ "villages", "SELECT count(DISTINCT village) FROM sellers"
	    " WHERE village <> ''", 0 },
	{ "products_listed", "SELECT count(*) FROM products", 0 },
	{ "products_active", "SELECT count(*) FROM products WHERE active", 0 },
	{ "buyers", "SELECT count(DISTINCT buyer) FROM orders", 0 },
	{ "orders", "SELECT count(*) FROM orders", 0 },
	{ "orders_pending", "SELECT count(*) FROM orders WHERE state = 'pending'", 0 },
	{ "orders_confirmed", "SELECT count(*) FROM orders WHERE state = 'confirmed'", 0 },
	{ "orders_accepted", "SELECT count(*) FROM orders WHERE state = 'accepted'", 0 },
	{ "orders_shipped", "SELECT count(*) FROM orders WHERE state = 'shipped'", 0 },
	{ "orders_delivered", "SELECT count(*) FROM orders WHERE state = 'delivered'", 0 },
	{ "orders_cancelled", "SELECT count(*) FROM orders WHERE state = 'cancelled'", 0 },
	{ "orders_rejected", "SELECT count(*) FROM orders WHERE state = 'rejected'", 0 },
	{ "orders_expired", "SELECT count(*) FROM orders WHERE state = 'expired'", 0 },
	{ "value_delivered_rp", "SELECT coalesce(sum(qty * unit_price_rp), 0)"
	    " FROM orders WHERE state = 'delivered'", 0 },
	{ "products_listed_since", "SELECT count(*) FROM products"
	    " WHERE created_s >= ?1", 1 },
	{ "orders_since", "SELECT count(*) FROM orders WHERE created_at >= ?1", 1 },
	{ "orders_delivered_since", "SELECT count(*) FROM orders"
	    " WHERE state = 'delivered' AND delivered_at >= ?1", 1 },
	{ "sms_in", "SELECT count(*) FROM inbox WHERE kind = 0", 0 },
	{ "ussd_in", "SELECT count(*) FROM inbox WHERE kind = 1", 0 },
	{ "mt_queued", "SELECT count(*) FROM outbox WHERE state = 0", 0 },
	{ "mt_submitted", "SELECT count(*) FROM outbox WHERE state = 1", 0 },
	{ "mt_delivered", "SELECT count(*) FROM outbox WHERE state = 2", 0 },
	{ "mt_failed", "SELECT count(*) FROM outbox WHERE state = 3", 0 },
	{ "mt_expired", "SELECT count(*) FROM outbox WHERE state = 4", 0 },
};

int
stats_collect(struct store *st, int64_t since_s, struct stats_kv *out, int max)
{
	size_t	i;
	int	n = 0;

	for (i = 0; i < sizeof(queries) / sizeof(queries[0]) && n < max; i++) {
		const struct stat_q	*q = &queries[i];
		sqlite3_stmt		*s;

		if (q->since && since_s <= 0)
			continue;
		if ((s = store_stmt(st, q->sql)) == NULL)
			return -1;
		if (q->since)
			sqlite3_bind_int64(s, 1, since_s);
		if (store_step(st, s) != SQLITE_ROW) {
			sqlite3_reset(s);
			return -1;
		}
		out[n].key = q->key;
		out[n].value = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		n++;
	}
	return n;
}
