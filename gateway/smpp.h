/* One SMPP link to an SMSC (ESME side): connect, bind (transceiver, or a
 * transmitter + receiver pair), enquire_link both ways, a window of
 * outstanding submit_sm with a TPS cap, throttling back-off, reconnect with
 * exponential backoff and jitter, unbind on shutdown. It moves PDUs; it knows
 * nothing of commerce or of the store: MOs and submit results go to the
 * callbacks, and every deliver_sm waits for smpp_ack() from the caller. */
#ifndef LAPAK_SMPP_H
#define LAPAK_SMPP_H
#include <stdbool.h>
#include <stdint.h>

#include "conf/conf.h"
#include "gateway/pdu.h"

struct ev_loop;
struct smpp_link;

/* Pseudo status for submits lost with the link: temporary, resend. */
#define SMPP_LINK_LOST	0xFFFFFFFFu

struct smpp_cb {
	/* A deliver_sm/data_sm arrived; answer with smpp_ack(l, gen, seq, ..)
	 * once it is durably stored. sm is valid for the call only. */
	void	(*deliver)(void *arg, struct smpp_link *l, uint32_t gen,
		    uint32_t seq, uint32_t cmd, const struct pdu_sm *sm);
	/* A submit_sm_resp (or generic_nack, or SMPP_LINK_LOST) for a submit
	 * made with tag/part. message_id is "" unless status is 0. */
	void	(*submit_done)(void *arg, struct smpp_link *l, uint64_t tag,
		    int part, uint32_t status, const char *message_id);
	/* Bound (can submit) or unbound. */
	void	(*state)(void *arg, struct smpp_link *l, bool bound);
};

/* Creates a link for c (borrowed: must outlive the link). Starts connecting
 * at once. */
struct smpp_link *smpp_new(struct ev_loop *loop, const struct conf_smsc *c,
	    const struct smpp_cb *cb, void *arg);
/* NULL-safe; closes without unbind (see smpp_stop). */
void	smpp_free(struct smpp_link *l);

const char *smpp_name(const struct smpp_link *l);
bool	smpp_bound(const struct smpp_link *l);
/* Submits that can be sent now: window and TPS left, not throttled. */
int	smpp_room(struct smpp_link *l);
/* Sends one submit_sm. Returns 0, or -1 when there is no room or no link. */
int	smpp_submit(struct smpp_link *l, const struct pdu_sm *sm, uint64_t tag,
	    int part);
/* Answers the deliver_sm seq of link generation gen (a reconnect makes the
 * old generation's acks moot: the SMSC redelivers). */
void	smpp_ack(struct smpp_link *l, uint32_t gen, uint32_t seq, uint32_t cmd,
	    uint32_t status);
/* Outstanding submits. */
int	smpp_inflight(const struct smpp_link *l);
/* Graceful stop: stop submitting, send unbind, close on unbind_resp or after
 * timeout. Does not reconnect afterwards. */
void	smpp_stop(struct smpp_link *l);
bool	smpp_stopped(const struct smpp_link *l);
/* Applies a changed SMSC config (SIGHUP) at the next reconnect. */
void	smpp_set_conf(struct smpp_link *l, const struct conf_smsc *c);
/* True while l still points into c (the conf it runs on, or the one it
 * adopts at its next connect): c must not be freed before. */
bool	smpp_uses_conf(const struct smpp_link *l, const struct conf_smsc *c,
	    size_t n);

struct smpp_stats {
	uint64_t mo, mt, mt_ok, mt_err, throttled, reconnects, enquire_sent;
};
void	smpp_get_stats(const struct smpp_link *l, struct smpp_stats *out);

#endif
