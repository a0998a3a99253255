/* The one dispatch (dispatch.c): every message in hand, an SMS text over
 * SMPP, a USSD hop over SMPP or HTTP, a concatenation completed late,
 * reaches the handler and commerce through dispatch_mo(), which owns its
 * savepoint, its inbox row, the rate limit and the repeat window; every
 * commerce action runs through gw_act(), which owns the action's savepoint
 * and its busy/error handling. */
#ifndef LAPAK_GW_DISPATCH_H
#define LAPAK_GW_DISPATCH_H
#include <stdbool.h>
#include <stdint.h>

#include "common/action.h"
#include "gateway/ussd.h"

struct conf;
struct gw;
struct msg_in;
struct store;
struct udh_concat;

/* The message in hand: what the replies and notifications queued while
 * handling it need. One per message on the caller's stack (set g, now_ms
 * and link; zero the rest); housekeeping uses one with no inbox row. */
struct mo_ctx {
	struct gw	*g;
	int64_t		 now_ms;
	int		 link;		/* the link it came in on; -1 none */
	int64_t		 inbox_id;	/* its inbox row; 0 none (yet) */
	const char	*reply_to;	/* its sender while the handler acts, */
	int64_t		 reply_id;	/* and the first outbox row to them */
};

/* A USSD hop in hand. */
struct mo_hop {
	const char	*key;		/* session key */
	const char	*input;		/* as typed: the inbox keeps it masked */
	bool		 start, abort;
	bool		 joined;	/* HTTP: input is every answer so far */
	int		 sid, seq;	/* SMPP: the screen's session and seq */
	struct ussd_screen scr;		/* out: the answer */
};

/* Handles in, in a savepoint of its own inside the caller's open
 * transaction: a USSD hop when hop is set (its screen comes back in
 * hop->scr; over SMPP it is queued too), else one part of a concatenated
 * SMS when part is set (handled once the set is complete), else an SMS
 * text. in->text is replaced by what the inbox keeps (PINs masked);
 * m->inbox_id is its row. Returns 0, or -1 (logged, rolled back): the
 * message is refused, and comes again. */
int	dispatch_mo(struct mo_ctx *m, struct msg_in *in,
	    const struct udh_concat *part, struct mo_hop *hop);

/* Runs one commerce action (store/commerce.h) for who in a savepoint of
 * its own. Returns 0 with r filled: the action's result, or after an
 * internal error (its writes undone, logged) an empty one with rc ACT_ERR
 * and the error template (com.error), so the sender is still answered.
 * Returns -1 when the store is busy or the savepoint fails: the caller
 * fails the message and the SMSC delivers it again. f: a search's result
 * found off the loop (searcher.h), or NULL. */
struct commerce_find;
int	gw_act(struct store *st, const struct conf *c, const struct actor *who,
	    const struct action *a, const struct commerce_find *f,
	    struct act_result *r);

/* handler_emit_fn (arg: the struct mo_ctx): queues text to "to" on the
 * link it last wrote in on (or the default link), as part of m. */
int	gw_emit(void *arg, const char *to, const char *text);
/* promotions: queues text to "to" in the outbox's promotion lane (lane
 * 1) for validity_s, inside the open transaction; 0 queued, 1 not (one of
 * our own numbers), -1 store error. */
int	gw_emit_promo(struct gw *g, const char *to, const char *text,
	    int validity_s);
/* Queues a USSD screen on m's link (op from its profile: request, or
 * response when end). */
int	gw_emit_ussd(struct mo_ctx *m, const char *to, const char *text,
	    bool end, int sid, int seq);
/* A read the search thread answers as if src had sent text by SMS (a
 * USSD menu's LAPORAN: report work never runs on the loop): stored as a
 * pending SMS MO of src, in m's transaction, and answered by SMS. 1
 * handed over, 0 not such a read (act inline), -1 on a store error. */
int	gw_defer_sms(struct mo_ctx *m, const char *src, const char *text);
/* Answers the searches the search thread finished, each in a savepoint
 * of the loop's open transaction (opened if needed). */
void	gw_search_apply(struct gw *g);
/* After a start: the MOs left pending (a search in flight at a crash or
 * stop) are searched again. */
void	gw_search_recover(struct gw *g);

/* Concatenations whose parts stopped coming: handled with what arrived.
 * Returns how many, or -1. */
int	gw_concat_stale(struct gw *g, int64_t now_ms);

#endif
