/* Promotions' sender in lapakd (programme.md section 6): the daily digest
 * and broadcasts queued in batches into the outbox's promotion lane, in
 * the loop's open transaction, with their recipients marked in it. */
#ifndef LAPAK_GW_PROMO_H
#define LAPAK_GW_PROMO_H
#include <stdint.h>

struct gw;

/* One pass, from the housekeeping tick inside its savepoint: outside
 * quiet hours, while the lane-1 backlog is short, the day's digest (from
 * promotions.digest_time) then broadcasts, each number at most once a
 * local day, paused numbers skipped. 0, or -1 on a store error (the
 * caller rolls the savepoint back). */
int	gw_promo_tick(struct gw *g, int64_t now_ms);
void	gw_promo_free(struct gw *g);

#endif
