/* The MT path (outbound.c): the durable outbox pumped into each link's
 * submit window, and the submit results written back at the next commit. */
#ifndef LAPAK_GW_MT_H
#define LAPAK_GW_MT_H
#include <stdbool.h>
#include <stdint.h>

#include "conf/conf.h"
#include "gateway/codec.h"

struct gw;
struct gw_link;
struct smpp_link;

#define GW_FETCH	32		/* outbox rows per query */

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
	int		 lane;		/* outbox lane: 1 promotions */
	int		 nseg, sent, acked;
	bool		 settled;	/* every part acked, or failed: no more
					 * sends; freed once the commit holding
					 * its results is done */
	struct gw_mt_hdr hdr;
	struct codec_seg segs[CODEC_MAX_SEGS];
};

/* smpp_cb callbacks (arg: the struct gw_link). */
void	gw_submit_done(void *arg, struct smpp_link *l, uint64_t tag, int part,
	    uint32_t status, const char *message_id);
void	gw_link_state(void *arg, struct smpp_link *l, bool bound);
/* Starts what the outbox has due (up to out_durable) on every link. */
void	gw_pump(struct gw *g);
void	gw_pump_link(struct gw_link *gl);
/* Writes the submit results not yet in the open transaction into it (a
 * receipt may follow its submit_sm_resp in the same pass). */
void	gw_apply_results(struct gw *g);
/* After the commit that held the results: frees settled flights (ok), or
 * keeps them for the next attempt. */
void	gw_results_settled(struct gw *g, bool ok);
int	gw_inflight(struct gw *g);

#endif
