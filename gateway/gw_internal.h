/* Shared by gw.c, inbound.c and outbound.c only. */
#ifndef LAPAK_GW_INTERNAL_H
#define LAPAK_GW_INTERNAL_H
#include <ev.h>
#include <stdbool.h>
#include <stdint.h>

#include "conf/conf.h"
#include "gateway/codec.h"
#include "gateway/gw.h"
#include "gateway/handler.h"
#include "gateway/pdu.h"
#include "gateway/smpp.h"
#include "store/msg.h"
#include "store/store.h"

#define GW_BATCH_MAX	1024		/* MOs per group commit */
#define GW_FETCH	32		/* outbox rows per query */

/* USSD facts of an MO, from the link's operator profile. */
struct gw_ussd {
	bool		 is;
	bool		 start;		/* session start: the dialled string */
	bool		 abort;		/* user ended it: answer nothing */
	int		 sid;		/* session number, -1 keyed by number */
	int		 seq;		/* dialogue sequence from its_session_info */
};

/* One MO waiting for the next group commit (and then its ack). */
struct gw_mo {
	int		 link;
	uint32_t	 gen, seq, cmd;
	uint32_t	 status;	/* the ack to send */
	bool		 receipt;
	bool		 delivered;	/* receipt: DELIVRD */
	char		 msgid[72];	/* receipt: message id */
	struct udh_concat concat;	/* or from sar_* */
	struct gw_ussd	 ussd;
	struct msg_in	 in;
};

/* A deliver_sm_resp held until the commit that stored its MO is on disk. */
struct gw_ack {
	uint64_t	 commit;	/* store commit sequence number */
	int		 link;
	uint32_t	 gen, seq, cmd;
};

/* The outbox as of a commit: rows up to out_hi may go out once the commit
 * is on disk. */
struct gw_mark {
	uint64_t	 commit;
	int64_t		 out_hi;
};

/* A submit result waiting for the next commit. */
struct gw_res {
	int64_t		 id;
	int		 link;
	uint32_t	 status;
	bool		 last;		/* final segment of the message */
	bool		 retry;		/* temporary failure */
	char		 msgid[72];
};

/* Addressing and coding of one outbound message, for every segment. */
struct gw_mt_hdr {
	uint8_t		 dst_ton, dst_npi;
	char		 dst[21];
	uint8_t		 registered_delivery;
	uint8_t		 data_coding;
	int		 ussd_op;
	int		 its_len;
	uint8_t		 its[2];
	int		 umr;
};

/* An outbox message being submitted on a link. */
struct gw_flight {
	int64_t		 id;		/* 0 = free */
	int		 nseg, sent, acked;
	bool		 settled;	/* every part acked, or failed: no more
					 * sends; freed once the commit holding
					 * its results is done */
	struct gw_mt_hdr hdr;
	struct codec_seg segs[CODEC_MAX_SEGS];
};

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
	struct gw_mo		*batch;
	int			 nbatch;
	struct gw_res		*res;
	int			 nres, capres;
	int			 nres_txn;	/* of them applied in the open txn */
	/* Waiting for the syncer (FIFOs, oldest at head): acks to send and
	 * outbox high-water marks to open, per commit. */
	struct gw_ack		*acks;
	size_t			 ack_head, nacks, capacks;
	struct gw_mark		*marks;
	size_t			 mark_head, nmarks, capmarks;
	int64_t			 out_durable;	/* the pump sends ids <= this */
	size_t			 nopen;		/* last acks: the open txn's */
	ev_io			 sync_w;	/* store_sync_fd() */
	bool			 sync_failed;
	ev_prepare		 prepare_w;
	ev_timer		 retry_t;	/* store busy: flush again soon */
	ev_timer		 house_t;	/* expiry, pruning, checkpoints */
	bool			 shutting;
	int64_t			 shutdown_ms;
	bool			 stopped_links;
	int64_t			 cur_inbox;	/* while handling one MO */
	const char		*reply_to;	/* ... its sender, and the */
	int64_t			 reply_id;	/* first outbox row to it */
	int			 cur_link;
	uint64_t		 n_mo, n_mt, n_commit;
};

int64_t	gw_now_ms(struct gw *g);
/* After a commit: its outbox high-water mark (read inside the transaction)
 * waits for the disk with the commit's acks. */
void	gw_mark(struct gw *g, uint64_t commit, int64_t out_hi);
/* An MO stored by that commit (GW_OPEN: by the open transaction): its ack
 * waits for the disk. */
#define GW_OPEN		UINT64_MAX
void	gw_hold_ack(struct gw *g, uint64_t commit, const struct gw_mo *mo);
/* The held acks of the open transaction belong to commit now; or are
 * answered with status at once (it failed) and dropped, returning how
 * many. */
void	gw_acks_committed(struct gw *g, uint64_t commit);
int	gw_acks_refuse(struct gw *g, uint32_t status);
/* Sends the acks and opens the outbox rows of every commit now on disk;
 * stops the loop (gw_failed) on a failed flush. */
void	gw_release(struct gw *g);
void	gw_release_init(struct gw *g);
void	gw_release_clear(struct gw *g);
int	gw_link_by_name(struct gw *g, const char *name);

/* inbound.c */
void	gw_deliver(void *arg, struct smpp_link *l, uint32_t gen, uint32_t seq,
	    uint32_t cmd, const struct pdu_sm *sm);
/* Handles the MOs gathered so far inside the open transaction (begun if
 * none), each in a savepoint; a refusal is acked at once, the rest wait
 * for their commit. */
void	gw_handle_batch(struct gw *g);
/* Opens the gateway's transaction unless one is open: every write of the
 * loop (MOs, submit results, housekeeping, HTTP hops) goes into it and is
 * committed by gw_commit. 0, or -1 when BEGIN failed. */
int	gw_txn(struct gw *g);
/* Commits the open transaction, with the submit results, unless the
 * syncer is still flushing the last commit (then it keeps gathering: one
 * commit per flush, as large as the disk's pace makes it) or force is set.
 * Returns 0, or -1 when the commit failed (its MOs refused). */
int	gw_commit(struct gw *g, bool force);
int	gw_emit(void *arg, const char *to, const char *text);
/* Queues a USSD screen (op from the link profile: request or response). */
int	gw_emit_ussd(struct gw *g, int link, const char *to, const char *text,
	    bool end, int sid, int seq);
int	gw_concat_stale(struct gw *g, int64_t now);

/* outbound.c */
void	gw_submit_done(void *arg, struct smpp_link *l, uint64_t tag, int part,
	    uint32_t status, const char *message_id);
void	gw_link_state(void *arg, struct smpp_link *l, bool bound);
void	gw_pump(struct gw *g);
void	gw_pump_link(struct gw_link *gl);
/* Writes the submit results not yet in the open transaction into it (a
 * receipt may follow its submit_sm_resp in the same pass). */
void	gw_apply_results(struct gw *g);
/* After the commit that held the results: frees settled flights (ok), or
 * keeps them for the next attempt. */
void	gw_results_settled(struct gw *g, bool ok);
void	gw_link_init(struct gw *g, int idx, const struct conf_smsc *c);
void	gw_link_clear(struct gw_link *gl);
int	gw_inflight(struct gw *g);

#endif
