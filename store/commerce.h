/* Commerce actions on the SQLite store: the commerce core (commerce/) bound
 * to this store's repository (repo_sqlite.c). One entry point per request
 * (commerce_do) turning a struct action into a struct act_result (template
 * names + formatted values). */
#ifndef LAPAK_COMMERCE_H
#define LAPAK_COMMERCE_H
#include <stdint.h>

#include "commerce/commerce.h"
#include "common/action.h"
#include "conf/conf.h"
#include "store/store.h"

/* Acts on a (dispatching on a->verb) for who and fills *out (zeroed first):
 * out->rc, out->reply (to = "", lang = the sender's language; for BAHASA the
 * new one) and out->notes (to = the other party of the order concerned, lang
 * = theirs). The caller has opened a transaction or savepoint; commerce_do
 * never begins or commits. Domain refusals (rc other than ACT_BUSY/ACT_ERR)
 * may still have written state that must persist (wrong confirmation codes,
 * wrong PINs, the sender's list position), so the caller commits them; on
 * ACT_BUSY or ACT_ERR it rolls back. Returns out->rc. */
enum act_rc commerce_do(struct store *st, const struct conf *cf,
	    const struct actor *who, const struct action *a,
	    struct act_result *out);

/* CARI off the loop (commerce/commerce.h: struct commerce_find). want:
 * 1 when a is a search (f planned, on st: only reads), 0 when not, -1 on
 * a store error. run: the search on a reader's store (store_open_reader),
 * in one read snapshot, from any thread. do_found: commerce_do answering
 * with f's result. */
int	commerce_find_want(struct store *st, const struct conf *cf,
	    const struct actor *who, const struct action *a,
	    struct commerce_find *f);
void	commerce_find_on(struct store *reader, struct commerce_find *f);
/* The first page of a one-word search, on st itself, when it is quick:
 * the word's matches at hand, a few postings read (well under a tenth of
 * a millisecond). 1 done (f's result set), 0 not quick (f unchanged: run
 * it on a reader). */
int	commerce_find_quick(struct store *st, struct commerce_find *f);
enum act_rc commerce_do_found(struct store *st, const struct conf *cf,
	    const struct actor *who, const struct action *a,
	    const struct commerce_find *f, struct act_result *out);

/* Expires orders whose timer passed at now_s: pending past
 * orders.confirm_timeout and confirmed-not-accepted past
 * orders.accept_timeout. Reserved stock is released. Fills out[0..max-1],
 * one result per order (rc ACT_OK; reply to the buyer, and notes[0] to the
 * seller when the order was confirmed: a pending one is the buyer's alone;
 * both with explicit to and lang) and returns how many; call again
 * while it returns max. -1 on a store error (caller rolls back). Runs inside
 * the caller's transaction like commerce_do. */
int	commerce_expire(struct store *st, const struct conf *cf, int64_t now_s,
	    struct act_result *out, int max);

/* Earliest order timer (unix seconds), -1 when none or on error: the
 * gateway arms one timer for it, also after a restart. */
int64_t	commerce_next_expiry(struct store *st);

/* The reply language of msisdn: its BAHASA choice when loaded, else dflt.
 * Borrowed string (commerce_lang_of) or dflt itself. */
const char *commerce_lang(struct store *st, const char *msisdn,
	    const char *dflt);

/* Operator unlock: clears the PIN failure count and lock of the seller at
 * msisdn. 0 done, -1 not a seller or a store error. Needs no transaction of
 * the caller (one statement). */
int	commerce_pin_unlock(struct store *st, const char *msisdn);

#endif
