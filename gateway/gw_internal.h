/* The gateway object (struct gw, struct gw_link) for the files of the
 * gateway core: gw.c, txn.c, release.c, inbound.c, dispatch.c, outbound.c,
 * ussd.c and http.c. What each path owns is in its own header: txn.h (the
 * transaction engine), mo.h (the MO path), mt.h (the MT path). */
#ifndef LAPAK_GW_INTERNAL_H
#define LAPAK_GW_INTERNAL_H
#include <ev.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf/conf.h"
#include "gateway/gw.h"

#define GW_BATCH_MAX	1024		/* MOs per group commit */

struct gw_ack;
struct gw_flight;
struct gw_mark;
struct gw_mo;
struct gw_promo;
struct gw_res;
struct handler;
struct http;
struct smpp_link;
struct store;
struct ussd;

struct gw_link {
	struct gw		*g;
	int			 idx;
	const struct conf_smsc	*c;
	struct smpp_link	*smpp;
	struct gw_flight	*flights;
	int			 nflights;
	uint8_t			 ref;		/* concat reference for MT */
	int64_t			 cursor;	/* highest outbox id started */
	bool			 rescan;	/* look below cursor: retries, lost */
	int64_t			 bound_ms;	/* last bind: redelivery from here */
	/* promotions: the outbox's lane 1 (outbound.c), after lane 0 and
	 * within promotions.share of the link's rate */
	int64_t			 cursor1;	/* highest lane-1 id started */
	bool			 rescan1;
	bool			 lane1_idle;	/* lane 1 read empty: no look
						 * until a promotion is queued
						 * or rescan1 (each house tick) */
	double			 promo_tokens;
	int64_t			 promo_at_ms;	/* last refill */
};

struct gw {
	struct ev_loop		*loop;
	const struct conf	*c;
	struct store		*st;
	struct handler		*h;
	struct ussd		*ussd;		/* menus and sessions (ussd.c) */
	struct http		*http;		/* NULL unless http.listen (http.c) */
	struct gw_link		 links[CONF_MAX_SMSC];
	int			 nlinks;
	int			 default_link;
	/* MO path (inbound.c): decoded MOs waiting for gw_handle_batch. */
	struct gw_mo		*batch;
	int			 nbatch;
	/* MT path (outbound.c): submit results waiting for a commit. */
	struct gw_res		*res;
	int			 nres, capres;
	int			 nres_txn;	/* of them applied in the open txn */
	/* Transaction engine (txn.c, release.c), waiting for the syncer
	 * (FIFOs, oldest at head): acks to send and outbox high-water marks
	 * to open, per commit. */
	struct gw_ack		*acks;
	size_t			 ack_head, nacks, capacks;
	struct gw_mark		*marks;
	size_t			 mark_head, nmarks, capmarks;
	int64_t			 out_durable;	/* the pump sends ids <= this */
	size_t			 nopen;		/* last acks: the open txn's */
	ev_io			 sync_w;	/* store_sync_fd() */
	bool			 sync_failed;
	ev_prepare		 prepare_w;	/* batch, commit, release, pump */
	ev_timer		 house_t;	/* expiry, pruning, checkpoints */
	unsigned		 house_ticks;
	bool			 shutting;
	int64_t			 shutdown_ms;
	bool			 stopped_links;
	uint64_t		 n_mo, n_mt, n_commit;
	/* CARI off the loop (searcher.h; NULL: searches run inline). */
	struct searcher		*srch;
	uint64_t		 n_search_quick;	/* answered on the loop */
	/* promotions (promo.c): the sender's state and counts; promo_w
	 * queues a tick's batch in steps while the loop is idle */
	struct gw_promo		*promo;
	ev_idle			 promo_w;
	uint64_t		 n_promo_queued;	/* lane-1 rows queued */
	uint64_t		 n_promo_started;	/* lane-1 submits started */
};

int64_t	gw_now_ms(struct gw *g);
int	gw_link_by_name(struct gw *g, const char *name);

/* A promotion was queued (lane 1): every link looks at its lane again
 * (outbound.c). */
void	gw_promo_queued(struct gw *g);

#endif
