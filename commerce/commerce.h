/* The commerce core: the rules of commands.md over typed rows, reaching its
 * data through a repository (commerce/repo.h). One entry point per request
 * turns a struct action into a struct act_result whose templates come from
 * the checked table below. No database, clock or network here. */
#ifndef LAPAK_COMMERCE_CORE_H
#define LAPAK_COMMERCE_CORE_H
#include <stdint.h>

#include "commerce/repo.h"
#include "commerce/search.h"
#include "common/action.h"
#include "conf/conf.h"

/* Rows per list page (CARI, PRODUK, PESANAN): a page plus its header fits
 * one SMS. */
#define COMMERCE_PAGE	3
#define COMMERCE_QTY_MAX	1000000
#define COMMERCE_PRICE_MAX	1000000000
/* promotions: LANGGANAN subscriptions one number may hold */
#define PROMO_SUBS_MAX	5

/* Every template the core can name; commerce_tmpl_keys() lists them. */
enum commerce_tmpl {
	TMPL_COM_BUSY, TMPL_COM_ERROR, TMPL_COM_UNKNOWN,
	TMPL_COM_NOT_REGISTERED, TMPL_COM_NOT_FOUND, TMPL_COM_NOT_YOURS,
	TMPL_COM_BAD_STATE, TMPL_COM_BAD_PRICE, TMPL_COM_BAD_QTY,
	TMPL_COM_PIN_LOCKED, TMPL_COM_PIN_REQUIRED, TMPL_COM_PIN_WRONG,
	TMPL_LANG_OK, TMPL_LANG_BAD, TMPL_HELP_OK, TMPL_HELP_CMD,
	TMPL_REGISTER_OK, TMPL_REGISTER_UPDATED, TMPL_REGISTER_NO_NAME,
	TMPL_PIN_SET, TMPL_PIN_CHANGED, TMPL_PIN_BAD, TMPL_PIN_NEED_OLD,
	TMPL_SELL_OK, TMPL_SELL_NO_NAME, TMPL_SELL_DUPLICATE,
	TMPL_PRICE_OK, TMPL_PRICE_DELISTED,
	TMPL_STOCK_OK, TMPL_STOCK_NEGATIVE, TMPL_STOCK_BELOW_RESERVED,
	TMPL_DELIST_OK,
	TMPL_MY_OK, TMPL_MY_EMPTY, TMPL_MY_ROW,
	TMPL_INFO_OK, TMPL_INFO_SOLD_OUT,
	TMPL_FIND_OK, TMPL_FIND_NONE, TMPL_FIND_NO_WORD, TMPL_FIND_NO_PLACE,
	TMPL_FIND_ROW,
	TMPL_MORE_NONE,
	TMPL_BUY_OK, TMPL_BUY_OK_CUT, TMPL_BUY_OWN, TMPL_BUY_TOO_MANY,
	TMPL_BUY_NO_STOCK,
	TMPL_CONFIRM_OK, TMPL_CONFIRM_NONE, TMPL_CONFIRM_AMBIGUOUS,
	TMPL_CONFIRM_WRONG, TMPL_CONFIRM_CANCELLED, TMPL_CONFIRM_NO_STOCK,
	TMPL_CONFIRM_NOTIFY_SELLER,
	TMPL_ACCEPT_OK, TMPL_ACCEPT_NOTIFY_BUYER,
	TMPL_REJECT_OK, TMPL_REJECT_NOTIFY_BUYER,
	TMPL_SHIP_OK, TMPL_SHIP_NOT_ACCEPTED, TMPL_SHIP_NOTIFY_BUYER,
	TMPL_CANCEL_OK, TMPL_CANCEL_NOTIFY_BUYER, TMPL_CANCEL_NOTIFY_BUYER_WHY,
	TMPL_CANCEL_NOTIFY_SELLER, TMPL_CANCEL_NOTIFY_SELLER_WHY,
	TMPL_RECEIVED_OK, TMPL_RECEIVED_BUYER_ONLY, TMPL_RECEIVED_NOTIFY_SELLER,
	TMPL_ORDERS_OK, TMPL_ORDERS_EMPTY, TMPL_ORDERS_CLOSED, TMPL_ORDERS_ROW,
	TMPL_ORDER_BUYER, TMPL_ORDER_SELLER,
	TMPL_EXPIRE_BUYER, TMPL_EXPIRE_SELLER,
	/* places (programme.md section 1) */
	TMPL_PLACE_OK, TMPL_PLACE_CHOOSE, TMPL_PLACE_ROW, TMPL_PLACE_EXPIRED,
	TMPL_PLACE_BAD_NUMBER, TMPL_PLACE_UNKNOWN,
	/* issue 12, marketplace export */
	TMPL_WEIGHT_OK, TMPL_WEIGHT_BAD, TMPL_WEIGHT_DELISTED,
	/* issue 12, reports */
	TMPL_REPORT_OK, TMPL_REPORT_NOT_AGENT,
	/* places: DAFTAR with a village not on the loaded list */
	TMPL_REGISTER_UNPLACED,
	/* assistants (commerce/agent.c) */
	TMPL_AGENT_ONLY, TMPL_AGENT_REMOVED,
	TMPL_ASSIST_SENT, TMPL_ASSIST_ASK, TMPL_ASSIST_BAD_NUMBER,
	TMPL_ASSIST_SELF, TMPL_ASSIST_LINKED, TMPL_ASSIST_LIMIT_DAY,
	TMPL_ASSIST_LIMIT_PAIR, TMPL_ASSIST_LIMIT_NUMBER, TMPL_ASSIST_DECLINED,
	TMPL_AGREE_OK, TMPL_AGREE_NOTIFY,
	TMPL_CONSENT_NONE, TMPL_CONSENT_WRONG, TMPL_CONSENT_VOID,
	TMPL_DECLINE_OK, TMPL_DECLINE_NOTIFY,
	TMPL_FOR_NOT_LINKED, TMPL_FOR_REFUSED, TMPL_FOR_SELF, TMPL_FOR_BAD,
	TMPL_FOR_NOTIFY,
	TMPL_REVOKE_OK, TMPL_REVOKE_NONE, TMPL_REVOKE_NOTIFY,
	TMPL_MYSELLERS_OK, TMPL_MYSELLERS_EMPTY, TMPL_MYSELLERS_ROW,
	/* promotions (programme.md section 6) */
	TMPL_STOP_OK, TMPL_STOP_UNREG_SELLER, TMPL_START_OK, TMPL_START_NO_SUBS,
	TMPL_SUB_OK, TMPL_SUB_OK_PAUSED, TMPL_SUB_EXISTS, TMPL_SUB_LIMIT,
	TMPL_SUB_NO_PLACE, TMPL_SUB_LIST, TMPL_SUB_ROW, TMPL_SUB_EMPTY,
	TMPL_SUB_DROP_OK, TMPL_SUB_DROP_NONE,
	/* issue 13, payment records (commerce/payment.c) */
	TMPL_PAID_OK, TMPL_PAID_CHANGED, TMPL_PAID_SAME, TMPL_PAID_BAD_STATE,
	TMPL_PAID_BAD_REF, TMPL_PAID_NOTIFY_BUYER, TMPL_PAID_NOTIFY_COURIER,
	TMPL_ORDER_BUYER_PAID, TMPL_ORDER_SELLER_PAID,
	TMPL_PAID_ORDERS, TMPL_PAID_CLOSED, TMPL_PAID_ROW,
	/* couriers (commerce/courier.c, programme.md section 4) */
	TMPL_COURIER_ONLY, TMPL_COURIER_NOT_YOURS, TMPL_READY_OK, TMPL_OFF_OK,
	TMPL_ASSIGN_OK, TMPL_ASSIGN_NOTIFY_COURIER, TMPL_ASSIGN_NONE_FREE,
	TMPL_ASSIGN_NOT_COURIER, TMPL_ASSIGN_BUSY, TMPL_ASSIGN_BUYER,
	TMPL_ASSIGN_NOT_ACCEPTED,
	TMPL_PICKUP_OK, TMPL_PICKUP_NOTIFY_BUYER,
	TMPL_GIVEBACK_OK, TMPL_GIVEBACK_NOTIFY_SELLER,
	TMPL_DELIVER_OK, TMPL_DELIVER_NOTIFY, TMPL_DELIVER_WRONG,
	TMPL_DELIVER_LOCKED,
	TMPL_FAIL_OK, TMPL_FAIL_NOTIFY,
	TMPL_PICKUP_TIMEOUT_SELLER, TMPL_PICKUP_TIMEOUT_COURIER,
	TMPL_DELIVER_TIMEOUT_BUYER, TMPL_DELIVER_TIMEOUT_SELLER,
	TMPL_UNASSIGN_SELLER, TMPL_SHIP_HAS_COURIER,
	TMPL_JOBS_OK, TMPL_JOBS_ROW, TMPL_BUY_FAILED_LIMIT,
	TMPL_CONFIRM_NOTIFY_SELLER_REC,
	TMPL_ASSIGN_NOTIFY_COURIER_PAID, TMPL_PICKUP_NOTIFY_BUYER_PAID,
	/* issue 13, privacy (commerce/privacy.c) */
	TMPL_BUY_OK_NEW, TMPL_BUY_OK_CUT_NEW,
	TMPL_MYDATA_OK, TMPL_MYDATA_NONE,
	TMPL_ERASE_ASK, TMPL_ERASE_OPEN, TMPL_ERASE_DONE, TMPL_ERASE_WRONG,
	TMPL_ERASE_VOID, TMPL_ERASE_NONE, TMPL_COM_BLOCKED,
	/* issue 15, operators: DAMPINGI to a number that may not be asked
	 * (blocked), told generically; the seller told of a takedown (sent
	 * by lapakctl takedown) */
	TMPL_ASSIST_UNAVAILABLE, TMPL_TAKEDOWN_SELLER,
	TMPL__N,
	TMPL_NONE = TMPL__N	/* in the transition table: no message */
};

/* The template file key of t ("sell.ok"); "" for TMPL_NONE. */
const char	*commerce_tmpl_name(enum commerce_tmpl t);
/* Every key the core can ask for, *n of them (row templates included), so
 * a load-time checker can verify each exists in every language. */
const char *const *commerce_tmpl_keys(size_t *n);

/* What happens to an order: the order transition table. */
enum order_event {
	EV_BUY,			/* BELI: creates the order */
	EV_CONFIRM,		/* YA with the right code (or the only one) */
	EV_CODE_SPENT,		/* the last wrong code */
	EV_ACCEPT,		/* TERIMA */
	EV_REJECT,		/* TOLAK */
	EV_SHIP,		/* KIRIM */
	EV_CANCEL,		/* BATAL */
	EV_RECEIVED,		/* SAMPAI */
	EV_EXPIRE,		/* the order's timer */
	/* couriers (programme.md section 4) */
	EV_ASSIGN,		/* KURIR */
	EV_GIVE_BACK,		/* BATAL by the courier before pickup */
	EV_PICKUP,		/* AMBIL */
	EV_DELIVER,		/* ANTAR with the buyer's delivery code */
	EV_FAIL,		/* GAGAL */
	EV_UNASSIGN,		/* lapakctl courier remove */
	EV__N
};

/* Who may cause a transition. */
#define BY_BUYER	0x1
#define BY_SELLER	0x2
#define BY_TIMER	0x4
#define BY_COURIER	0x8	/* the order's assigned courier */
#define BY_OPERATOR	0x10	/* lapakctl */

enum order_timer {
	TIMER_NONE = 0,		/* cleared */
	TIMER_CONFIRM,		/* now + orders.confirm_timeout */
	TIMER_ACCEPT,		/* now + orders.accept_timeout */
	TIMER_PICKUP,		/* now + couriers.pickup_timeout */
	TIMER_DELIVER		/* now + orders.deliver_timeout */
};

/* Who hears of a transition besides the one who caused it. */
enum order_party { PARTY_NONE = 0, PARTY_BUYER, PARTY_SELLER,
	PARTY_COURIER,		/* the order's courier */
	PARTY_ALL		/* buyer, seller and courier but the actor:
				 * the same note to each */
};

struct order_transition {
	enum order_state	from;
	enum order_event	ev;
	enum order_state	to;
	unsigned		who;		/* BY_* */
	enum stock_effect	stock;
	enum order_timer	timer;
	enum commerce_tmpl		reply;		/* to the one who acted (the
						 * buyer for a timer) */
	enum order_party	notify;
	enum commerce_tmpl		note;		/* to notify; a "_why" variant
						 * when a reason was given */
};

/* The table, *n rows; every order change of commerce/ goes through it. */
const struct order_transition *commerce_transitions(size_t *n);
/* The row for (from, ev) that by (one BY_*) may take; NULL: refused. */
const struct order_transition *commerce_transition(enum order_state from,
	    enum order_event ev, unsigned by);

/* A core bound to one repository, secrets and config (all borrowed). */
struct commerce {
	const struct repo		*repo;
	const struct commerce_secrets	*sec;
	const struct conf		*cf;
};

/* Acts on a (dispatching on a->verb) for who and fills *out: out->rc,
 * out->reply (to = "", lang = the sender's language; for BAHASA the new
 * one) and out->notes (to = the other party of the order concerned, lang =
 * theirs). The caller has opened a transaction or savepoint; this never
 * begins or commits. Domain refusals (rc other than ACT_BUSY/ACT_ERR) may
 * still have written state that must persist (wrong codes, wrong PINs, the
 * list position), so the caller commits them; on ACT_BUSY or ACT_ERR it
 * rolls back. Returns out->rc. */
enum act_rc	commerce_act(const struct commerce *cm, const struct actor *who,
		    const struct action *a, struct act_result *out);

/* CARI off the caller's thread: plan on the writer's connection, run on
 * any (a reader's: only reads), act with the result on the writer's.
 * LAPORAN takes the same way (report set): its figures are report work,
 * which never runs on the gateway's loop. */
struct commerce_find {
	bool			report;		/* LAPORAN: rep, not a search */
	char			who[16];	/* LAPORAN: the assistant */
	int64_t			now_s;		/* LAPORAN: "this month" of it */
	struct agent_report	rep;
	char			query[ACT_TEXT_MAX];	/* as the list keeps it */
	int64_t			offset;
	char			words[ACT_TEXT_MAX];
	char			place[ACT_TEXT_MAX];	/* "di <place>", as typed */
	struct search_req	rq;
	bool			unknown_place;	/* searched as words instead */
	bool			done;		/* run */
	enum repo_rc		rc;
	struct search_page	page;
	char			scope[32];	/* places.scope */
};
/* 1 and *f planned when a (from who) is a search: CARI, or LAGI of a find
 * list, or LAPORAN; 0 when it is not; -1 on a repository error. Only
 * reads. */
int		commerce_find_plan(const struct commerce *cm,
		    const struct actor *who, const struct action *a,
		    struct commerce_find *f);
/* Runs f's search through r; the outcome in f->rc and f->page. */
void		commerce_find_run(const struct repo *r, struct commerce_find *f);
/* commerce_act(), answering a search with f's result when f is the one a
 * asks for (else it searches itself, as commerce_act). */
enum act_rc	commerce_act_found(const struct commerce *cm,
		    const struct actor *who, const struct action *a,
		    const struct commerce_find *f, struct act_result *out);

/* Expires orders whose timer passed at now_s (EV_EXPIRE rows; a timer left
 * on another state is cleared quietly). Fills out[0..max-1], one result per
 * expired order (reply to the buyer, notes[0] to the seller of a confirmed
 * one, with explicit to and lang) and returns how many; call again while it
 * returns max. -1 on a repository error (caller rolls back). */
int		commerce_expire_due(const struct commerce *cm, int64_t now_s,
		    struct act_result *out, int max);

/* lapakctl courier remove (commerce/courier.c): the courier's jobs not
 * picked up go back to their sellers (EV_UNASSIGN, job 'unassigned'):
 * out[i].reply to each seller (explicit to and lang), *n of them (at most
 * max; call again while it fills max). Jobs picked up stay with the
 * courier, who may still ANTAR or GAGAL them; *kept counts them. 0, or -1
 * on a repository error (the caller rolls back). */
int		commerce_courier_remove(const struct commerce *cm,
		    const char *msisdn, int64_t now_s, struct act_result *out,
		    int max, int *n, int *kept);

/* Earliest order timer (unix seconds), -1 when none or on error. */
int64_t		commerce_timer_next(const struct repo *r);

/* msisdn's BAHASA choice when that language is loaded, else dflt. The
 * code as commerce/lang.h keeps it (valid until the templates are loaded
 * again) or dflt itself. */
const char	*commerce_lang_of(const struct repo *r, const char *msisdn,
		    const char *dflt);

/* Operator unlock of the seller at msisdn's PIN. 0, or -1 (not a seller,
 * repository error). */
int		commerce_unlock(const struct repo *r, const char *msisdn);

/* Localised order state word ("dikirim") for lang. */
const char	*commerce_state_word(enum order_state s, const char *lang);

#endif
