/* Privacy over the SQLite store (programme.md section 6; docs/PRIVACY.md):
 * the erasure of a number everywhere the store keeps it, the sweep that
 * finishes one once its reply has left, retention of message bodies, the
 * full export behind lapakctl privacy export, and the operator block. All
 * run inside the caller's transaction unless said otherwise. */
#ifndef LAPAK_STORE_PRIVACY_H
#define LAPAK_STORE_PRIVACY_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "store/store.h"

#define PRIVACY_PSEUDO_SZ	16	/* "x" + 14 hex digits + NUL */

/* Erases msisdn (E.164 with '+'; cc its country code, "62"): products
 * delisted; shop name, village text, PIN, language, subscriptions, place
 * choice and assistant links erased; every form of the number (+62..,
 * 62.., 0..) and the shop name redacted in every stored message body,
 * order note, reason and payment reference, the number's own bodies
 * emptied; the number replaced by one random pseudonym wherever a row
 * stays (orders, the anonymous seller row, courier and assistant rows,
 * audit, broadcasts); its unprocessed MOs and queued MTs dropped; what
 * stops abuse (number_marks) is under store_tag() already. The request
 * row stays with the pseudonym until privacy_sweep. pseudo (may be NULL)
 * gets the pseudonym. */
enum store_rc privacy_erase(struct store *st, const char *msisdn,
	    const char *cc, int64_t now_s, char pseudo[PRIVACY_PSEUDO_SZ]);

/* Finishes erasures whose reply has left (no MT to the number still
 * queued, or a day has passed): the MO, the reply, the repeat window, the
 * route and rate-limit rows written around the erasure are redacted the
 * same way, and the request row is dropped. Returns how many, or -1. */
int	privacy_sweep(struct store *st, int64_t now_ms);

/* The repeat window of erased numbers: privacy_erase and privacy_sweep
 * keep the number's row of recent under "t" + store_tag() of the number,
 * its command hashes keyed and no words. 1 when command (a normalised
 * command text, msg.h) is one src sent before its erasure, at or after
 * since_ms: a redelivery, to be answered as a repeat with no earlier reply
 * (*inbox_id gets the MO it repeats), and the MO and reply written for it
 * are swept like the erasure's once the reply has left. 0 not; -1 error.
 * Reads the tagged row only while some exist (cached: no statement but
 * PRAGMA data_version otherwise). */
int	privacy_redelivery(struct store *st, const char *src,
	    const char *command, int64_t since_ms, int64_t now_ms,
	    int64_t *inbox_id);

/* Empties the bodies of inbox, outbox (sent or given up) and inbound
 * concatenation rows older than retain_days, and drops USSD sessions
 * that old; rows and counts stay. Returns the rows changed, or -1. */
int64_t	privacy_retain(struct store *st, int64_t now_ms, int retain_days);

/* Everything kept about msisdn, in full, as one JSON object on f (no
 * transaction needed: reads). 0, or -1 (message via store_errmsg). */
int	privacy_export(struct store *st, const char *msisdn, FILE *f);

/* The operator block (number_marks 'block' under store_tag): on adds it
 * (once), off removes it. 1 changed, 0 already so, -1 error. */
int	privacy_block(struct store *st, const char *msisdn, bool on,
	    int64_t now_s);

#endif
