/* Counts for operators and programme staff (lapakctl stats): sellers,
 * products listed, orders by state and their value, message flow. Read-only. */
#ifndef LAPAK_STATS_H
#define LAPAK_STATS_H
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

struct stats_kv {
	const char	*key;		/* static name: "products_active" */
	const char	*group;		/* heading for people; NULL: not shown */
	const char	*label;		/* what it counts, in words */
	bool		 rupiah;	/* value is an amount of rupiah */
	int64_t		 value;
};

#define STATS_MAX 40

/* Fills out[] (up to STATS_MAX) and returns how many, or -1 on a store
 * error; entries of one group come together, in the order to show them.
 * since_s > 0 adds what was listed, ordered and completed since then (keys
 * with "_since", group "In the period"). first_message_s (group NULL) is
 * when the store's first message came in, 0 if none. */
int	stats_collect(struct store *st, int64_t since_s, struct stats_kv *out,
	    int max);

#endif
