/* Programme and operator counts, one bound query each, grouped and named
 * for people who do not read the schema (lapakctl stats). */
#include <stdio.h>

#include "store/stats.h"
#include "store/store_internal.h"

struct stat_q {
	const char	*key;
	const char	*group;
	const char	*label;
	const char	*sql;		/* one row, one integer; ?1 = since_s */
	int		 since;		/* uses ?1: only with a period */
	int		 rupiah;
};

#define G_PEOPLE	"People"
#define G_PRODUCTS	"Products"
#define G_ORDERS	"Orders now, by stage (all time)"
#define G_PERIOD	"In the period"
#define G_MSG		"Messages (all time)"

static const struct stat_q queries[] = {
	{ "numbers", G_PEOPLE, "phone numbers that wrote in",
	    "SELECT count(*) FROM numbers", 0, 0 },
	{ "sellers", G_PEOPLE, "sellers registered",
	    "SELECT count(*) FROM sellers", 0, 0 },
	{ "villages", G_PEOPLE, "villages with a seller",
	    "SELECT count(DISTINCT village) FROM sellers WHERE village <> ''",
	    0, 0 },
	{ "buyers", G_PEOPLE, "buyers who ordered",
	    "SELECT count(DISTINCT buyer) FROM orders", 0, 0 },
	{ "products_listed", G_PRODUCTS, "products ever listed",
	    "SELECT count(*) FROM products", 0, 0 },
	{ "products_active", G_PRODUCTS, "products for sale now (not removed)",
	    "SELECT count(*) FROM products WHERE active", 0, 0 },
	{ "orders", G_ORDERS, "orders ever made",
	    "SELECT count(*) FROM orders", 0, 0 },
	{ "orders_pending", G_ORDERS, "waiting for the buyer's YA code",
	    "SELECT count(*) FROM orders WHERE state = 'pending'", 0, 0 },
	{ "orders_confirmed", G_ORDERS, "confirmed by buyer, seller to accept",
	    "SELECT count(*) FROM orders WHERE state = 'confirmed'", 0, 0 },
	{ "orders_accepted", G_ORDERS, "accepted by seller, not yet sent",
	    "SELECT count(*) FROM orders WHERE state = 'accepted'", 0, 0 },
	{ "orders_shipped", G_ORDERS, "sent by seller, not yet received",
	    "SELECT count(*) FROM orders WHERE state = 'shipped'", 0, 0 },
	{ "orders_delivered", G_ORDERS, "received by the buyer (completed)",
	    "SELECT count(*) FROM orders WHERE state = 'delivered'", 0, 0 },
	{ "orders_cancelled", G_ORDERS, "cancelled by buyer or seller",
	    "SELECT count(*) FROM orders WHERE state = 'cancelled'", 0, 0 },
	{ "orders_rejected", G_ORDERS, "rejected by the seller",
	    "SELECT count(*) FROM orders WHERE state = 'rejected'", 0, 0 },
	{ "orders_expired", G_ORDERS, "expired (no code, or not accepted)",
	    "SELECT count(*) FROM orders WHERE state = 'expired'", 0, 0 },
	{ "value_delivered_rp", G_ORDERS, "value of completed orders",
	    "SELECT coalesce(sum(qty * unit_price_rp), 0)"
	    " FROM orders WHERE state = 'delivered'", 0, 1 },
	{ "products_listed_since", G_PERIOD, "products listed",
	    "SELECT count(*) FROM products WHERE created_s >= ?1", 1, 0 },
	{ "orders_since", G_PERIOD, "orders made",
	    "SELECT count(*) FROM orders WHERE created_at >= ?1", 1, 0 },
	{ "orders_delivered_since", G_PERIOD, "orders completed (received)",
	    "SELECT count(*) FROM orders"
	    " WHERE state = 'delivered' AND delivered_at >= ?1", 1, 0 },
	{ "value_delivered_since_rp", G_PERIOD, "value of orders completed",
	    "SELECT coalesce(sum(qty * unit_price_rp), 0) FROM orders"
	    " WHERE state = 'delivered' AND delivered_at >= ?1", 1, 1 },
	{ "inbox", G_MSG, "messages received (SMS and USSD)",
	    "SELECT count(*) FROM inbox", 0, 0 },
	{ "sms_in", G_MSG, "  of which SMS",
	    "SELECT count(*) FROM inbox WHERE kind = 0", 0, 0 },
	{ "ussd_in", G_MSG, "  of which USSD screens",
	    "SELECT count(*) FROM inbox WHERE kind = 1", 0, 0 },
	{ "outbox_queued", G_MSG, "replies waiting to be sent",
	    "SELECT count(*) FROM outbox WHERE state = 0", 0, 0 },
	{ "outbox_submitted", G_MSG, "replies sent, no delivery report yet "
	    "(submitted)",
	    "SELECT count(*) FROM outbox WHERE state = 1", 0, 0 },
	{ "outbox_delivered", G_MSG, "replies that reached the phone (delivered)",
	    "SELECT count(*) FROM outbox WHERE state = 2", 0, 0 },
	{ "outbox_failed", G_MSG, "replies that failed",
	    "SELECT count(*) FROM outbox WHERE state = 3", 0, 0 },
	{ "outbox_expired", G_MSG, "replies given up on, too old to send",
	    "SELECT count(*) FROM outbox WHERE state = 4", 0, 0 },
	{ "first_message_s", NULL, NULL,
	    "SELECT coalesce((SELECT received_ms / 1000 FROM inbox"
	    " ORDER BY id LIMIT 1), 0)", 0, 0 },
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
		out[n].group = q->group;
		out[n].label = q->label;
		out[n].rupiah = q->rupiah != 0;
		out[n].value = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		n++;
	}
	return n;
}
