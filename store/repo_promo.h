/* Promotions on the SQLite store (programme.md section 6): the repository
 * operations of commerce/repo.h for BERHENTI / MULAI / LANGGANAN (in
 * repo_sqlite.c's table), and what lapakd's sender (gateway/promo.c) and
 * lapakctl broadcast do to the promotion tables. */
#ifndef LAPAK_STORE_REPO_PROMO_H
#define LAPAK_STORE_REPO_PROMO_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "commerce/repo.h"
#include "store/msg.h"
#include "store/store.h"

/* Repository operations (be is the struct store). */
enum repo_rc	sq_promo_pause(void *be, const char *msisdn, int64_t at_s);
enum repo_rc	sq_promo_paused(void *be, const char *msisdn, int64_t *at_s);
enum repo_rc	sq_sub_add(void *be, const char *msisdn, const char *kind,
		    const char *value, const char *label, int64_t now_s,
		    int64_t *id);
enum repo_rc	sq_sub_count(void *be, const char *msisdn, int *n);
enum repo_rc	sq_sub_page(void *be, const char *msisdn, int64_t offset,
		    struct sub_line *out, int max, int *n);
enum repo_rc	sq_sub_drop(void *be, const char *msisdn, int64_t id);

/* lapakctl broadcast: a broadcast to audience ("subscribers", "sellers",
 * "agents"), narrowed to place (a code prefix, "" none) and keyword (a
 * subscriber's word, "" none), whose recipients are fixed now: numbers not
 * paused (and for subscribers, having a subscription that matches).
 * *id and *n (recipients) set. Inside the caller's transaction. */
enum store_rc	store_broadcast_add(struct store *st, const char *audience,
		    const char *place, const char *keyword, const char *text,
		    int64_t now_s, int64_t *id, int64_t *n);

/* lapakd's sender. One recipient of a broadcast waiting to be queued. */
struct promo_to {
	int64_t	bid;
	char	msisdn[MSG_ADDR_MAX];
	char	text[MSG_TEXT_MAX];
};
/* Up to max recipients not yet queued after (after_bid, after_msisdn),
 * broadcast then number order, of broadcasts not done. Returns how many,
 * or -1. */
int		store_promo_bcast_next(struct store *st, int64_t after_bid,
		    const char *after_msisdn, struct promo_to *out, int max);
/* broadcast_to.sent_s of one recipient: now (queued) or 0 (skipped:
 * paused). */
enum store_rc	store_promo_bcast_mark(struct store *st, int64_t bid,
		    const char *msisdn, int64_t sent_s);
/* Marks done every broadcast without a recipient left to queue; returns
 * how many, or -1. */
int		store_promo_bcast_finish(struct store *st, int64_t now_s);
/* The number's state for a promotion: *paused (promo_paused_s set), *day
 * the local day of its last promotion (-1 none), lang its language ("" =
 * default). */
enum store_rc	store_promo_number(struct store *st, const char *msisdn,
		    bool *paused, int64_t *day, char *lang, size_t langsz);
/* Records that msisdn had its promotion of local day day. */
enum store_rc	store_promo_sent(struct store *st, const char *msisdn,
		    int64_t day);
/* The digest: up to max numbers with a subscription, after after_msisdn,
 * in number order (each msisdn[MSG_ADDR_MAX]). Returns how many, or -1. */
int		store_promo_digest_numbers(struct store *st,
		    const char *after_msisdn, char (*out)[MSG_ADDR_MAX],
		    int max);
/* One new product for a digest. */
struct promo_item {
	int64_t	pid;
	char	name[48];
	int64_t	price_rp;
	char	unit[16];
};
/* The products listed (active) after seen_pid matching subscription sid
 * (a place code prefix or a word in the name), oldest first, at most max.
 * *top the highest matching product id (seen_pid when none). Returns how
 * many, or -1. */
int		store_promo_digest_items(struct store *st, int64_t sid,
		    struct promo_item *out, int max, int64_t *top);
/* The number's subscriptions for a digest (id, label, kind), at most
 * max. Returns how many, or -1. */
int		store_promo_subs(struct store *st, const char *msisdn,
		    struct sub_line *out, int max);
/* Moves a subscription's seen_pid up to top. */
enum store_rc	store_promo_seen(struct store *st, int64_t sid, int64_t top);
/* Counts for /metrics and lapakctl: lane-1 outbox rows queued, and
 * broadcast recipients not yet queued. */
int64_t		store_promo_lane_queued(struct store *st);
int64_t		store_promo_bcast_waiting(struct store *st);

#endif
