/* Promotions' sender in lapakd (programme.md section 6): the daily digest
 * and broadcasts queued in batches into the outbox's promotion lane, in
 * the loop's open transaction, with their recipients marked in it; each
 * batch in small steps while the loop is idle. */
#ifndef LAPAK_GW_PROMO_H
#define LAPAK_GW_PROMO_H
#include <stdint.h>

struct gw;

/* From the housekeeping tick inside its savepoint: outside quiet hours,
 * while the lane-1 backlog is short, plans this second's batch (about two
 * seconds of the links' share, less what is still queued). 1 when there
 * is one (the caller runs gw_promo_step until it says 0), 0 when not, -1
 * on a store error (the caller rolls the savepoint back). */
int	gw_promo_tick(struct gw *g, int64_t now_ms);
/* A small part of that batch (a few dozen numbers), for the loop when it
 * has nothing else to do, so that queueing promotions never holds up a
 * reply: the day's digest (from promotions.digest_time) then broadcasts,
 * each number at most once a local day, paused numbers skipped. Inside a
 * savepoint of the open transaction. 1: more to do, 0: done until the next
 * tick, -1: a store error (roll the savepoint back). */
int	gw_promo_step(struct gw *g, int64_t now_ms);
void	gw_promo_free(struct gw *g);

#endif
