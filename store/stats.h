/* Counts for operators and programme staff (lapakctl stats): sellers,
 * products listed, orders by state and their value, message flow. Read-only. */
#ifndef LAPAK_STATS_H
#define LAPAK_STATS_H
#include <stdint.h>

#include "store/store.h"

struct stats_kv {
	const char	*key;		/* static name: "products_active" */
	int64_t		 value;
};

#define STATS_MAX 40

/* Fills out[] (up to STATS_MAX) and returns how many, or -1 on a store
 * error. since_s > 0 limits order and listing counts to that window too
 * (keys suffixed "_since"). */
int	stats_collect(struct store *st, int64_t since_s, struct stats_kv *out,
	    int max);

#endif
