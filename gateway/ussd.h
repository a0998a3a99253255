/* USSD sessions: recognising USSD deliver_sm by the link's operator profile,
 * walking the menus (menus/menu.h) one hop at a time with the session kept
 * in the store (store/ussd.h), running the same store actions SMS commands
 * use, and answering with screens over SMPP or HTTP. Menu sets are
 * reference-counted: a reload swaps in a new set while sessions started on
 * an older one finish on it. */
#ifndef LAPAK_USSD_H
#define LAPAK_USSD_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf/conf.h"
#include "gateway/pdu.h"

struct gw;
struct gw_mo;
struct gw_ussd;
struct mo_ctx;
struct store;
struct ussd;

/* Fills the USSD facts of sm per the profile; false when sm is plain SMS.
 * An inbound op other than the profile's start/continue ops (0x81 and the
 * like) is an abort. */
bool	ussd_classify(const struct conf_ussd_map *m, const struct pdu_sm *sm,
	    struct gw_ussd *out);

/* Loads c's menu file and templates and lints them. NULL with every finding
 * ("file:line: what", one per line) in err when anything is wrong. */
struct ussd *ussd_new(const struct conf *c, char *err, size_t errlen);
void	ussd_free(struct ussd *u);	/* NULL ok */
/* Loads c's menus as a new set: 0 swapped in (sessions already open keep
 * theirs), -1 refused with err (the running set stays). */
int	ussd_reload(struct ussd *u, const struct conf *c, char *err,
	    size_t errlen);
/* Housekeeping inside the caller's transaction: forgets sessions idle past
 * timeout + resume, frees retired menu sets no session uses any more. */
void	ussd_gc(struct ussd *u, struct store *st, const struct conf *c,
	    int64_t now_ms);
/* Menu sets held (current + retired), for tests and stats. */
int	ussd_sets(const struct ussd *u);

/* One hop's answer. */
struct ussd_screen {
	bool	 none;		/* an abort: answer nothing */
	bool	 end;		/* last screen */
	char	 text[1024];
	char	 receipt[512];	/* "" or the receipt SMS to send after it */
};

/* One hop for the session key (msisdn's) of the message in hand m (its
 * inbox row stored), inside the caller's transaction: start (a dial) or
 * the user's input; the caller sends out->text, then out->receipt as an
 * SMS when set. joined: input is the HTTP convention's every-answer-so-far
 * joined by '*' (the session remembers how much of it was consumed; ""
 * starts). Notifications to other parties go out as SMS through gw_emit(m).
 * Returns 0 with *out, or -1 on a store error (caller rolls back). */
int	ussd_hop(struct mo_ctx *m, const char *key, const char *msisdn,
	    bool start, bool abort, const char *input, bool joined,
	    struct ussd_screen *out);

/* What the inbox keeps of a hop's input for session key: the new answer
 * (for joined HTTP text, the part after what was consumed), with a PIN the
 * session is asking for replaced by "****". Reads the store; never fails
 * (on a store error the input is kept as is, masked if all digits). */
void	ussd_masked_text(struct gw *g, const char *key, const char *input,
	    bool joined, char *out, size_t outsz);
/* The session key of an SMPP USSD MO. */
void	ussd_mo_key(struct gw *g, const struct gw_mo *mo, char *out,
	    size_t outsz);

#endif
