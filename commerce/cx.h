/* Shared between the files of commerce/ only: the request in flight, reply
 * helpers and the command handlers. */
#ifndef LAPAK_COMMERCE_CX_H
#define LAPAK_COMMERCE_CX_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "commerce/commerce.h"
#include "commerce/lang.h"
#include "commerce/search.h"

/* One request in flight. */
struct cx {
	const struct repo		*r;
	const struct commerce_secrets	*sec;
	const struct conf		*cf;
	const struct actor		*who;
	const struct action		*a;
	struct act_result		*res;
	char				 lang[LANG_SZ];	/* the sender's */
	const struct commerce_find	*found;		/* CARI, searched
							 * already (or NULL) */
};

/* Shorthand for a repository call: c->r->ops->op(c->r->be, ...). */
#define REPO(c, op, ...)	((c)->r->ops->op((c)->r->be, __VA_ARGS__))

/* Ends the request with rc and the reply template t; returns rc. */
enum act_rc	cx_end(struct cx *c, enum act_rc rc, enum commerce_tmpl t);
/* Ends with ACT_BUSY (REPO_BUSY) or ACT_ERR (anything else, logged). */
enum act_rc	cx_repo(struct cx *c, enum repo_rc rc, const char *where);
/* A new note to msisdn in its language with template t, or NULL when all
 * note slots are used. */
struct act_msg	*cx_note(struct cx *c, const char *to, enum commerce_tmpl t);
/* Sets m's template name. */
void		cx_tmpl(struct act_msg *m, enum commerce_tmpl t);

/* The sender must be a registered seller: loads it (1), or ends the request
 * with ACT_NOT_REGISTERED / a repository error (0). */
int		cx_need_seller(struct cx *c, struct seller *s);
/* Saves the sender's list position for LAGI; 0, or ended (-1). */
int		cx_list_save(struct cx *c, const char *kind, const char *query,
		    int64_t next_offset);
/* A page of a list read with room for one row more (COMMERCE_PAGE + 1):
 * sets the reply's more when that row came; returns how many to show. */
int		cx_page_cut(struct cx *c, int n);
/* Ends a page of n rows shown from offset of the list kind (no query):
 * saves LAGI's position, then the template empty when the list has no row
 * at all, more.none (ACT_NO_MORE) when none is left after offset, else
 * ok. */
enum act_rc	cx_page_end(struct cx *c, const char *kind, int64_t offset,
		    int n, enum commerce_tmpl empty, enum commerce_tmpl ok);

/* "Rp15.000/bks" (unit may be ""). */
const char	*cx_price(int64_t rp, const char *unit, char *buf, size_t len);
/* "1.000.000" */
const char	*cx_count(int64_t n, char *buf, size_t len);
/* The shop's name as a reply names it: "Toko Sri" for "Sri" (lang "en":
 * "Shop Sri"), the name alone when it already starts with Toko or Shop. */
const char	*cx_shop_label(const char *shop, const char *lang, char *buf,
		    size_t len);

/* PIN (seller.c). One PIN with its failure count and lock, a seller's or an
 * assistant's (the fields borrowed), and how to store a new count for its
 * owner; what names it in the log. */
struct cx_pin {
	const char	*hash;			/* "" = no PIN */
	int		*fails;
	int64_t		*locked_until;
	enum repo_rc	(*save)(struct cx *c, const void *owner, int fails,
			    int64_t locked_until);
	const void	*owner;
	const char	*what;
};
/* 4 to 6 digits. */
bool		cx_pin_valid(const char *pin);
/* Checks pin against p by the PIN rules (locked: minutes left; none given
 * or none set: required; pin.max_fail wrong ones lock it for pin.lock),
 * storing the count through p->save: 1 right, 0 refused (the request ended
 * with the reason). */
int		cx_pin_verify(struct cx *c, const struct cx_pin *p,
		    const char *pin);
/* cx_pin_verify for the seller s. */
int		cx_pin_check(struct cx *c, struct seller *s, const char *pin);

/* Command handlers: each ends the request and returns its rc. */
enum act_rc	cx_register(struct cx *);
enum act_rc	cx_set_pin(struct cx *);
enum act_rc	cx_sell(struct cx *);
enum act_rc	cx_set_price(struct cx *);
enum act_rc	cx_stock(struct cx *);
enum act_rc	cx_delist(struct cx *);
enum act_rc	cx_my_products(struct cx *, int64_t offset);
enum act_rc	cx_info(struct cx *);
enum act_rc	cx_find(struct cx *, const char *query, int64_t offset);
enum act_rc	cx_orders(struct cx *, int64_t offset);
enum act_rc	cx_order_info(struct cx *);	/* INFO O7, PESANAN O7 */
enum act_rc	cx_buy(struct cx *);
enum act_rc	cx_confirm(struct cx *);
enum act_rc	cx_accept(struct cx *);
enum act_rc	cx_reject(struct cx *);
enum act_rc	cx_ship(struct cx *);
enum act_rc	cx_cancel(struct cx *);
enum act_rc	cx_received(struct cx *);
/* issue 12, marketplace export. listing.c: loads the product a->code of
 * seller s into *p: 1, or 0 with the request ended (not found, not yours,
 * repository error); the reply's {code} is set either way. */
int		cx_own_product(struct cx *c, const struct seller *s,
		    struct product *p);
/* weight.c */
enum act_rc	cx_set_weight(struct cx *);
/* "250 g", "1,5 kg" (lang "en": "1.5 kg") */
const char	*cx_weight(int64_t grams, const char *lang, char *buf,
		    size_t len);

/* places (place.c; programme.md section 1) */
enum cx_placed {
	CX_PLACED_NONE,		/* no village loaded in scope: kept as written */
	CX_PLACED_UNKNOWN,	/* villages loaded, none matched: the same, and
				 * the seller is told */
	CX_PLACED_ONE, CX_PLACED_MANY
};
/* Places the seller s (saved already) by the village and district typed:
 * one match places it (reply vars village, district), several are listed
 * as reply rows and kept for DESA <n>, none leaves it unplaced with the
 * text as written. *out says which; 0, or -1 when the request ended. */
int		cx_place_register(struct cx *c, struct seller *s,
		    const char *village, const char *district,
		    enum cx_placed *out);
enum act_rc	cx_village(struct cx *);
/* issue 12, reports: commerce/report.c */
enum act_rc	cx_report(struct cx *);	/* LAPORAN */

/* Assistants (agent.c). cx_for_allowed: v is a seller command UNTUK may
 * run. cx_consent_redirect: 1 when a YA / TERIMA with four digits is a
 * consent code (SETUJU), 0 not, -1 ended on a repository error. */
bool		cx_for_allowed(enum verb v);
int		cx_consent_redirect(struct cx *c);
enum act_rc	cx_agent_set_pin(struct cx *);
enum act_rc	cx_assist(struct cx *);
enum act_rc	cx_agree(struct cx *);
enum act_rc	cx_decline(struct cx *);
enum act_rc	cx_for(struct cx *);
enum act_rc	cx_revoke(struct cx *);
enum act_rc	cx_my_sellers(struct cx *, int64_t offset);

/* promotions (promo.c; programme.md section 6) */
enum act_rc	cx_promo_stop(struct cx *);		/* BERHENTI */
enum act_rc	cx_promo_start(struct cx *);		/* MULAI */
enum act_rc	cx_promo_subscribe(struct cx *);	/* LANGGANAN */
enum act_rc	cx_promo_subs_more(struct cx *, int64_t offset);
/* issue 13, payment records. order.c: seller_order (the sender must be
 * the order's seller: 1 go on, 0 ended) and the order's values (order,
 * item, qty, price, total) for other files. payment.c: LUNAS, and the
 * record of order id into m as {paid} ("OVO ref 123") and {method}: 1
 * recorded, 0 none, -1 the request ended (repository error). */
int		cx_seller_order(struct cx *c, struct order *o,
		    struct product *p, struct seller *s);
void		cx_order_vars(struct act_msg *m, const struct order *o,
		    const char *item, const char *unit);
enum act_rc	cx_paid(struct cx *);
int		cx_paid_vars(struct cx *c, struct act_msg *m, int64_t order_id);
/* couriers (courier.c; programme.md section 4). The order helpers of
 * order.c: cx_order_step takes row t for o by the sender (0-stock rows
 * only: a reservation's shortage is not told apart); cx_order_vars (above) sets
 * order, item, qty, price, total; cx_order_note the note t asks for (NULL
 * none); cx_load_order loads a->code (1) or ends the request (0);
 * cx_bad_state ends it naming the order's state. */
enum repo_rc	cx_order_step(struct cx *c, struct order *o,
		    const struct order_transition *t, const char *reason);
struct act_msg	*cx_order_note(struct cx *c, const struct order_transition *t,
		    const struct order *o, const struct product *p,
		    const struct seller *s);
struct act_msg	*cx_order_note_all(struct cx *c,
		    const struct order_transition *t, const struct order *o,
		    const struct product *p, const struct seller *s);
int		cx_load_order(struct cx *c, struct order *o, struct product *p,
		    struct seller *s);
enum act_rc	cx_bad_state(struct cx *c, const struct order *o);
/* BELI: 1 when the sender has more failed deliveries in 90 days than
 * orders.max_failed_deliveries (the request ended with the reason, or on
 * a repository error), else 0. */
int		cx_buy_limited(struct cx *c);
/* The seller's new-order note n: the buyer's record of 90 days (its
 * template becomes the _rec one when there is any). 0, or -1 ended. */
int		cx_buyer_record(struct cx *c, struct act_msg *n,
		    const char *buyer);
/* job_mark of order id by what; 0, or -1 with the request ended. */
int		cx_job_mark(struct cx *c, int64_t id, const char *what);
/* BATAL by the order's courier (loaded): gives the job back. */
enum act_rc	cx_give_back(struct cx *c, struct order *o, struct product *p,
		    struct seller *s);
enum act_rc	cx_ready(struct cx *);		/* SIAP */
enum act_rc	cx_off(struct cx *);		/* LIBUR */
enum act_rc	cx_assign(struct cx *);		/* KURIR */
enum act_rc	cx_pickup(struct cx *);		/* AMBIL */
enum act_rc	cx_deliver(struct cx *);	/* ANTAR */
enum act_rc	cx_fail(struct cx *);		/* GAGAL */
/* PESANAN of an enrolled courier: its open jobs (LAGI kind "jobs"). 1
 * answered, 0 the sender is no courier with jobs (the caller goes on). */
int		cx_courier_jobs(struct cx *, int64_t offset, bool more);
/* The USSD "my jobs" list (PESANAN with a->jobs): the courier's open jobs
 * from offset, an empty page when none; refused (courier.only) for a
 * number not enrolled. */
enum act_rc	cx_jobs(struct cx *, int64_t offset);
/* issue 13, privacy (privacy.c). cx_consent: the privacy line is shown to
 * the sender now (a seller's DAFTAR, else a buyer's order): *first when
 * it is the first time (the time is kept); 0, or -1 ended on a repository
 * error. cx_blocked: 1 when an operator blocked the sender (the request
 * ended: told so the first time over SMS, later with no reply at all,
 * reply.tmpl ""; on USSD told each time), 0 go on, -1 ended on an error;
 * DATAKU and HAPUS DATA always go on. */
enum act_rc	cx_my_data(struct cx *);
enum act_rc	cx_erase(struct cx *);
int		cx_consent(struct cx *c, bool seller, bool *first);
int		cx_blocked(struct cx *c);

#endif
