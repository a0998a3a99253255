/* The MO path over SMPP (inbound.c): deliver_sm -> a decoded MO in the
 * batch -> gw_handle_batch() hands each to dispatch_mo() inside the open
 * transaction -> its deliver_sm_resp waits for the commit (txn.h). */
#ifndef LAPAK_GW_MO_H
#define LAPAK_GW_MO_H
#include <stdbool.h>
#include <stdint.h>

#include "gateway/codec.h"
#include "store/msg.h"

struct gw;
struct pdu_sm;
struct smpp_link;

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

/* smpp_cb.deliver: decodes sm into the batch (arg: its struct gw_link). */
void	gw_deliver(void *arg, struct smpp_link *l, uint32_t gen, uint32_t seq,
	    uint32_t cmd, const struct pdu_sm *sm);
/* Handles the MOs gathered so far inside the open transaction (begun if
 * none), each through dispatch_mo() in a savepoint of its own; a refusal
 * is acked at once, the rest wait for their commit. */
void	gw_handle_batch(struct gw *g);

#endif
