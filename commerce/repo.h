/* The commerce core's view of its data: typed rows and a narrow repository
 * interface (a table of operations over an opaque backend, as OpenSMTPD's
 * queue_backend over queue_fs) that store/ implements over SQLite and a
 * test fake implements in memory. Nothing here knows a database. */
#ifndef LAPAK_COMMERCE_REPO_H
#define LAPAK_COMMERCE_REPO_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/action.h"

/* Outcome of every repository operation. */
enum repo_rc {
	REPO_OK = 0,
	REPO_NOTFOUND,		/* no such row */
	REPO_CONFLICT,		/* a conditional write found the row changed
				 * (order not in the expected state, stock
				 * short): nothing was written */
	REPO_BUSY,		/* temporary: the caller may retry the action */
	REPO_ERR		/* anything else; the action is rolled back */
};

/* Order states: stored by name (order_state_name), compared as enum. */
enum order_state {
	ORDER_NONE = 0,		/* before BELI: no order yet */
	ORDER_PENDING,		/* waiting for the buyer's YA */
	ORDER_CONFIRMED,	/* stock reserved, waiting for TERIMA */
	ORDER_ACCEPTED,
	ORDER_SHIPPED,
	ORDER_DELIVERED,
	ORDER_CANCELLED,
	ORDER_REJECTED,
	ORDER_EXPIRED,
	/* issue 13, couriers (programme.md section 4) */
	ORDER_ASSIGNED,		/* a courier holds it, not yet picked up */
	ORDER_RETURNED,		/* delivery failed: stock back */
	ORDER__N
};

/* What an order move does to its product's stock. */
enum stock_effect {
	STOCK_KEEP = 0,
	STOCK_RESERVE,		/* reserved += qty if available (product_reserve) */
	STOCK_RELEASE,		/* reserved -= qty */
	STOCK_CONSUME,		/* stock -= qty, reserved -= qty */
	/* couriers: a failed delivery of goods picked up (GAGAL) */
	STOCK_RESTORE		/* stock += qty */
};

#define REPO_CODE_BLOB	48	/* a sealed confirmation code (salt + hash) */
#define REPO_PENDING_MAX 16	/* pending orders of one buyer looked at */

struct seller {
	int64_t	id;
	char	msisdn[16];
	char	shop[64];
	char	village[64];
	char	pin_hash[160];		/* "" = no PIN */
	int	pin_fails;
	int64_t	pin_locked_until;
	/* places (programme.md section 1) */
	char	place[24];		/* village code, "" = unplaced */
};

struct product {
	int64_t	id;
	int64_t	seller_id;
	char	name[ACT_TEXT_MAX];
	char	unit[16];
	int64_t	price_rp;
	int64_t	stock;
	int64_t	reserved;
	bool	active;
	int64_t	weight_g;		/* BERAT; 0 = not given */
};

struct order {
	int64_t			id;
	char			buyer[16];
	int64_t			seller_id;
	int64_t			product_id;
	int64_t			qty;
	int64_t			unit_price_rp;
	char			note[ACT_TEXT_MAX];
	enum order_state	state;
	int			attempts;
	int64_t			expires_at;	/* -1 = no timer */
	/* couriers (programme.md section 4): filled by order_get */
	char			courier[16];	/* assigned courier, "" none */
	int64_t			fee_rp;		/* the courier's fee */
	int			drop_attempts;	/* wrong delivery codes */
	bool			paid;		/* paid_method IS NOT NULL */
};

/* A live pending order of a buyer, with its sealed code. */
struct order_pending {
	int64_t		id;
	int		attempts;
	size_t		sealed_len;		/* 0: no code */
	unsigned char	sealed[REPO_CODE_BLOB];
};

/* One line of a PESANAN list. */
struct order_line {
	int64_t			id;
	char			item[ACT_TEXT_MAX];
	int64_t			qty;
	enum order_state	state;
	bool			buying;		/* the asker is its buyer */
	/* issue 13, payment records */
	bool			paid;		/* a payment is recorded (LUNAS) */
};

/* One line of a PRODUK list. */
struct product_line {
	int64_t	id;
	char	name[ACT_TEXT_MAX];
	char	unit[16];
	int64_t	price_rp;
	int64_t	stock;
	int64_t	reserved;
};

/* An order moving from one state to another (order_move): one conditional
 * write plus its stock effect and audit row, all or nothing. */
struct order_move {
	int64_t			 order_id;
	int64_t			 product_id;
	int64_t			 qty;
	enum order_state	 from;		/* written only if still in it */
	enum order_state	 to;		/* == from: only the timer changes */
	int64_t			 expires_at;	/* -1 = none */
	const char		*reason;	/* NULL keeps the stored one */
	enum stock_effect	 stock;		/* STOCK_RELEASE or CONSUME (or KEEP) */
	const char		*by;		/* msisdn or "timer" */
	int64_t			 now_s;
};

/* issue 12, reports: an assistant's figures for LAPORAN (programme.md
 * sections 2 and 3), this month so far. */
struct agent_report {
	int64_t	linked_now;		/* sellers linked now */
	int64_t	linked_new;		/* links made this month */
	int64_t	products_listed;	/* by linked sellers, not delisted in 24 h */
	int64_t	updates;		/* price and stock changes */
	int64_t	orders_completed;
	int64_t	value_completed_rp;
};

/* Assistants (programme.md section 2). An enrolled assistant. */
struct agent {
	char	msisdn[16];
	char	name[64];
	char	pin_hash[160];		/* "" = no PIN of its own */
	int	pin_fails;
	int64_t	pin_locked_until;
};

/* A pending consent request to a number, with its sealed code. */
struct consent_pending {
	int64_t		id;
	char		agent[16];
	int		attempts;
	size_t		sealed_len;
	unsigned char	sealed[REPO_CODE_BLOB];
};

/* What DAMPINGI's limits count. */
struct consent_counts {
	int	agent_day;		/* requests by the assistant since day_start */
	int	pair_24h;		/* by the assistant to the number, last 24 h */
	int	number_agents_day;	/* other assistants asking the number since
					 * day_start */
	int	refused_30d;		/* the number's TIDAK to the assistant
					 * since refused_since_s (agents.
					 * declined_days) */
};

/* One line of BINAAN. */
struct agent_seller_line {
	char	seller[16];
	char	shop[64];		/* "" = not registered (yet) */
	int64_t	products;		/* active */
	int64_t	completed;		/* orders delivered since month_start */
};

/* couriers (programme.md section 4): an enrolled courier, with the
 * undelivered jobs (orders assigned or shipped) it holds. */
struct courier {
	char	msisdn[16];
	char	name[64];
	char	place[24];		/* code given at enrolment */
	int64_t	fee_rp;
	bool	on_duty;
	int	jobs;			/* open: assigned or shipped */
};

/* One line of a courier's PESANAN: an open job. */
struct courier_job_line {
	int64_t			id;		/* the order */
	char			item[ACT_TEXT_MAX];
	int64_t			qty;
	enum order_state	state;		/* assigned or shipped */
	int64_t			collect_rp;	/* 0 when paid */
};
/* issue 13, privacy (programme.md section 6): what DATAKU counts of a
 * number, the same categories lapakctl privacy export writes in full. */
struct privacy_counts {
	int64_t	since_s;		/* first kept: numbers.created_s or the
					 * shop's, 0 = nothing kept */
	bool	seller;			/* a shop (not erased) */
	char	shop[64];
	char	village[64];		/* as typed */
	int64_t	products;		/* the shop's products, any state */
	int64_t	products_active;
	int64_t	orders[ORDER__N];	/* by state: as buyer, and as seller */
	int64_t	orders_total;
	int64_t	agents;			/* assistant links now, either side */
	int64_t	subscriptions;
	char	lang[LANG_SZ];		/* "" = the default */
	int64_t	consent_s;		/* the privacy line shown, 0 = never */
};

/* The sender's list position, for LAGI. */
struct list_pos {
	char	kind[16];		/* "find", "my", "orders", "" */
	char	query[ACT_TEXT_MAX];
	int64_t	offset;
};

/* places (programme.md section 1): one row of the loaded list. */
#define PLACE_CODE_MAX	24
#define PLACE_NAME_MAX	64
enum place_level {
	PLACE_PROVINCE = 1, PLACE_REGENCY, PLACE_DISTRICT, PLACE_VILLAGE
};
struct place {
	char	code[PLACE_CODE_MAX];		/* "33.18.04.2001" */
	char	name[PLACE_NAME_MAX];
	int	level;				/* enum place_level */
	char	parent[PLACE_CODE_MAX];		/* "" for a province */
	char	parent_name[PLACE_NAME_MAX];
	int	dist;				/* place_match: edits from the
						 * asked key */
};

/* promotions (programme.md section 6): one LANGGANAN subscription. */
#define SUB_VALUE_MAX	48
struct sub_line {
	int64_t	id;
	char	kind[8];			/* "place", "word" */
	char	value[SUB_VALUE_MAX];		/* place code, or folded word */
	char	label[PLACE_NAME_MAX];		/* as shown */
};

/* issue 13, payment records (programme.md section 5): what is recorded on
 * an order (orders.paid_method, paid_ref, paid_at) and who carries it. */
struct order_payment {
	char	method[16];		/* "TUNAI", "OVO" ... (pay_method_name);
					 * "" nothing recorded: cash on delivery */
	char	ref[PAY_REF_MAX + 1];	/* "" none */
	int64_t	at_s;			/* 0 when nothing recorded */
	char	courier[16];		/* orders.courier, "" none assigned */
};

struct qword;
struct search_vocab_hits;
struct search_post;
struct search_hit;

/*
 * The operations. Each takes the backend pointer first. Strings are
 * borrowed for the call; rows are copied into the caller's structs. Writes
 * happen inside the caller's transaction or savepoint: a backend never
 * commits on its own. Reads see the transaction's own writes.
 */
struct repo_ops {
	/* Transactions: begin/commit/rollback a whole one; savepoint, release
	 * and rollback_to nest inside it (one unit per message of a group
	 * commit). */
	enum repo_rc	(*begin)(void *be);
	enum repo_rc	(*commit)(void *be);
	void		(*rollback)(void *be);
	enum repo_rc	(*savepoint)(void *be);
	enum repo_rc	(*release)(void *be);
	void		(*rollback_to)(void *be);
	/* Last error text for logs ("" when none). */
	const char	*(*errmsg)(void *be);

	/* Numbers that ever wrote: their language and list position. */
	enum repo_rc	(*number_touch)(void *be, const char *msisdn,
			    int64_t now_s);
	/* OK with the chosen language code (2-3 lower-case letters; the
	 * core checks it is loaded), NOTFOUND when none chosen. */
	enum repo_rc	(*number_lang)(void *be, const char *msisdn,
			    char lang[LANG_SZ]);
	enum repo_rc	(*number_set_lang)(void *be, const char *msisdn,
			    const char *lang);
	/* OK (kind "" and offset 0 when nothing was saved). */
	enum repo_rc	(*list_get)(void *be, const char *msisdn,
			    struct list_pos *out);
	enum repo_rc	(*list_save)(void *be, const char *msisdn,
			    const char *kind, const char *query, int64_t offset);

	/* Sellers. msisdn or id (the other NULL / 0). */
	enum repo_rc	(*seller_get)(void *be, const char *msisdn, int64_t id,
			    struct seller *out);
	/* Creates the seller or renames it; village "" keeps the stored one. */
	enum repo_rc	(*seller_save)(void *be, const char *msisdn,
			    const char *shop, const char *village, int64_t now_s);
	/* Sets the PIN hash and clears failures and lock. */
	enum repo_rc	(*seller_set_pin)(void *be, int64_t id,
			    const char *hash, int64_t now_s);
	enum repo_rc	(*seller_pin_fails)(void *be, int64_t id, int fails,
			    int64_t locked_until);
	/* Clears failures and lock of msisdn; NOTFOUND if not a seller. */
	enum repo_rc	(*seller_unlock)(void *be, const char *msisdn);

	/* Products. product_get fills *s with its seller when s != NULL
	 * (NOTFOUND also when the seller is gone). */
	enum repo_rc	(*product_get)(void *be, int64_t id, struct product *p,
			    struct seller *s);
	/* The seller's active product whose name equals name under
	 * commerce_name_key(); the lowest id when several. */
	enum repo_rc	(*product_named)(void *be, int64_t seller_id,
			    const char *name, struct product *out);
	/* Inserts p (id set on return) with its first price history row. */
	enum repo_rc	(*product_add)(void *be, struct product *p,
			    int64_t now_s);
	/* Price, stock, delisting: the write, its history and audit rows. */
	enum repo_rc	(*product_set_price)(void *be, int64_t id,
			    int64_t old_rp, int64_t new_rp, const char *by,
			    int64_t now_s);
	enum repo_rc	(*product_set_stock)(void *be, int64_t id,
			    int64_t from, int64_t to, const char *by,
			    int64_t now_s);
	enum repo_rc	(*product_delist)(void *be, int64_t id, const char *by,
			    int64_t now_s);
	/* reserved += qty when stock - reserved >= qty, else CONFLICT. */
	enum repo_rc	(*product_reserve)(void *be, int64_t id, int64_t qty);
	/* The seller's active products by id from offset: up to max lines,
	 * *n of them, *total active ones in all. */
	enum repo_rc	(*product_page)(void *be, int64_t seller_id,
			    int64_t offset, struct product_line *out, int max,
			    int *n, int64_t *total);
	/* CARI's word index (commerce/search.h). search_vocab: for each query
	 * word, the vocabulary words of listed products with
	 * commerce_search_class() > 0, best class first (at most
	 * SEARCH_MATCH_MAX each, out->cut when more), with their product
	 * counts. search_postings: the listed products having word wid (in
	 * place, NULL = anywhere), in (name length, id) order after (after_nlen,
	 * after_pid) ((0, 0) = from the start), at most max, *n of them.
	 * search_row: product pid as a result row, NOTFOUND when not listed.
	 * search_place_known: a listed product is in place. Reads only: they
	 * may run on a read-only connection. With quick, search_vocab answers
	 * only from what the backend holds at hand (recent query words' matches,
	 * or a small vocabulary) and returns BUSY where it would have to scan a
	 * big one. */
	enum repo_rc	(*search_vocab)(void *be, const struct qword *q, int nq,
			    bool quick, struct search_vocab_hits *out);
	enum repo_rc	(*search_postings)(void *be, int64_t wid,
			    const char *place, int32_t after_nlen,
			    int64_t after_pid, struct search_post *out, int max,
			    int *n);
	enum repo_rc	(*search_row)(void *be, int64_t pid,
			    struct search_hit *out);
	enum repo_rc	(*search_place_known)(void *be, const char *place,
			    bool *yes);

	/* Orders. order_get fills *p and *s (product and seller) when not
	 * NULL. */
	enum repo_rc	(*order_get)(void *be, int64_t id, struct order *o,
			    struct product *p, struct seller *s);
	/* Inserts o as pending (id set on return) with its sealed code and
	 * an audit row by o->buyer. */
	enum repo_rc	(*order_add)(void *be, struct order *o,
			    const unsigned char *sealed, size_t sealed_len,
			    int64_t now_s);
	/* The buyer's pending orders whose timer is after now_s, oldest
	 * first, at most max. */
	enum repo_rc	(*order_pending)(void *be, const char *buyer,
			    int64_t now_s, struct order_pending *out, int max, int *n);
	enum repo_rc	(*order_attempts)(void *be, int64_t id, int attempts);
	/* CONFLICT when the order is no longer in m->from. Sets the state's
	 * timestamp, drops the sealed code, applies m->stock, audits. */
	enum repo_rc	(*order_move)(void *be, const struct order_move *m);
	/* The asker's open orders (pending, confirmed, accepted, shipped) by
	 * id from offset: as buyer, and as seller (seller_id, -1 none) those
	 * past pending. Up to max lines, *n of them. */
	enum repo_rc	(*order_open)(void *be, const char *msisdn,
			    int64_t seller_id, int64_t offset,
			    struct order_line *out, int max, int *n);
	/* The asker's closed orders (delivered, cancelled, rejected, expired),
	 * newest first: as buyer, and as seller those once confirmed. */
	enum repo_rc	(*order_closed)(void *be, const char *msisdn,
			    int64_t seller_id, struct order_line *out, int max,
			    int *n);
	/* Orders whose timer is at or before now_s, by timer then id. */
	enum repo_rc	(*order_due)(void *be, int64_t now_s, int64_t *ids,
			    int max, int *n);
	/* The earliest order timer; NOTFOUND when none. */
	enum repo_rc	(*order_next_timer)(void *be, int64_t *at_s);

	/* places (programme.md section 1; commerce/place.h). place_match:
	 * current (not replaced) places of level under scope (a code, "" =
	 * all) whose key equals key; with fuzzy, instead those whose key is
	 * within commerce_place_tolerance(strlen(key)) edits of it by
	 * commerce_place_distance() (dist set), found among candidates that
	 * share its first two or last two letters (all of the scope when the
	 * scope is a regency or smaller). Nearest first, then by code; at most
	 * max, *n of them. Reads only. */
	enum repo_rc	(*place_match)(void *be, int level, const char *scope,
			    const char *key, bool fuzzy, struct place *out,
			    int max, int *n);
	/* One place by code, with its parent's name; NOTFOUND when none. */
	enum repo_rc	(*place_get)(void *be, const char *code,
			    struct place *out);
	/* The current villages of a district, by code: at most max, *n. */
	/* *yes: a current village is loaded under scope ("" = any). */
	enum repo_rc	(*places_any)(void *be, const char *scope, bool *yes);
	enum repo_rc	(*place_villages)(void *be, const char *district,
			    struct place *out, int max, int *n);
	/* Places seller id: sellers.place = code ("" = unplaced) and, when
	 * village is not NULL, sellers.village = village. With a code, the
	 * seller's active products' place moves to it (their search postings
	 * with them). */
	enum repo_rc	(*seller_place)(void *be, int64_t seller_id,
			    const char *code, const char *village,
			    int64_t now_s);
	/* The pending choice of msisdn ("code,code,code"), NOTFOUND when none
	 * (expired ones included: *expires_s tells). */
	enum repo_rc	(*place_choice_get)(void *be, const char *msisdn,
			    char *codes, size_t len, int64_t *expires_s);
	/* Keeps a choice (codes "" drops it). */
	enum repo_rc	(*place_choice_set)(void *be, const char *msisdn,
			    const char *codes, int64_t expires_s);
	/* issue 12, marketplace export. BERAT: sets the product's weight in
	 * grams (old_g 0: none before), with its audit row. */
	enum repo_rc	(*product_set_weight)(void *be, int64_t id,
			    int64_t old_g, int64_t new_g, const char *by,
			    int64_t now_s);
	/* issue 12, reports. The figures of the enrolled assistant msisdn
	 * from the start of the local month holding now_s to now_s (the
	 * backend's report layer, the same as its programme reports);
	 * NOTFOUND when msisdn is not an enrolled assistant (never enrolled,
	 * or removed). Reads only. */
	enum repo_rc	(*agent_report)(void *be, const char *msisdn,
			    int64_t now_s, struct agent_report *out);
	/* Assistants (programme.md section 2). agent_get: NOTFOUND unless
	 * enrolled (not removed). agent_set_pin sets the assistant's own PIN
	 * hash and clears failures and lock. */
	enum repo_rc	(*agent_get)(void *be, const char *msisdn,
			    struct agent *out);
	enum repo_rc	(*agent_set_pin)(void *be, const char *msisdn,
			    const char *hash);
	enum repo_rc	(*agent_pin_fails)(void *be, const char *msisdn,
			    int fails, int64_t locked_until);
	/* Links: link_get OK when agent and seller are linked now, else
	 * NOTFOUND; link_end ends the live link (by "seller" or "operator"),
	 * NOTFOUND when there is none. */
	enum repo_rc	(*link_get)(void *be, const char *agent,
			    const char *seller);
	enum repo_rc	(*link_add)(void *be, const char *agent,
			    const char *seller, int64_t now_s);
	enum repo_rc	(*link_end)(void *be, const char *agent,
			    const char *seller, const char *by, int64_t now_s);
	/* Consent requests. consent_pending: the number's pending requests
	 * whose time has not run out at now_s, oldest first, at most max.
	 * consent_set: state ("pending" keeps it; any other answers it and
	 * drops the sealed code) and attempts. */
	enum repo_rc	(*consent_counts)(void *be, const char *agent,
			    const char *msisdn, int64_t day_start_s,
			    int64_t now_s, int64_t refused_since_s,
			    struct consent_counts *out);
	enum repo_rc	(*consent_add)(void *be, const char *agent,
			    const char *msisdn, const unsigned char *sealed,
			    size_t sealed_len, int64_t now_s, int64_t expires_s);
	enum repo_rc	(*consent_pending)(void *be, const char *msisdn,
			    int64_t now_s, struct consent_pending *out, int max,
			    int *n);
	enum repo_rc	(*consent_set)(void *be, int64_t id, const char *state,
			    int attempts, int64_t now_s);
	/* The assistant's linked sellers by link from offset, up to max, *n of
	 * them, *total in all. */
	enum repo_rc	(*agent_sellers)(void *be, const char *agent,
			    int64_t month_start_s, int64_t offset,
			    struct agent_seller_line *out, int max, int *n,
			    int64_t *total);
	/* One command run through UNTUK (verb: "JUAL"). */
	enum repo_rc	(*agent_action_add)(void *be, const char *agent,
			    const char *seller, const char *verb, int64_t now_s);
	/* Every audit row written from now on names via (the assistant) until
	 * called again with NULL. */
	enum repo_rc	(*audit_via)(void *be, const char *via);
	/* promotions (programme.md section 6). promo_pause: numbers.
	 * promo_paused_s = at_s (0: resumed, NULL); promo_paused: *at_s the
	 * pause time, 0 when not paused. sub_add: a subscription with
	 * seen_pid the highest product id now (its first digest covers only
	 * products listed after it), CONFLICT when msisdn has kind/value
	 * already; *id set. sub_count: msisdn's subscriptions. sub_page: by
	 * id from offset, at most max, *n of them. sub_drop: NOTFOUND when
	 * msisdn has no subscription id. */
	enum repo_rc	(*promo_pause)(void *be, const char *msisdn,
			    int64_t at_s);
	enum repo_rc	(*promo_paused)(void *be, const char *msisdn,
			    int64_t *at_s);
	enum repo_rc	(*sub_add)(void *be, const char *msisdn,
			    const char *kind, const char *value,
			    const char *label, int64_t now_s, int64_t *id);
	enum repo_rc	(*sub_count)(void *be, const char *msisdn, int *n);
	enum repo_rc	(*sub_page)(void *be, const char *msisdn,
			    int64_t offset, struct sub_line *out, int max,
			    int *n);
	enum repo_rc	(*sub_drop)(void *be, const char *msisdn, int64_t id);
	/* issue 13, payment records. order_payment: what is recorded on order
	 * id; NOTFOUND when no such order. order_pay: records method (a
	 * pay_method_name) and ref on order id, paid_at = now_s, only if the
	 * order is still in from (else CONFLICT, nothing written), with an
	 * audit row ('paid': the method before, "" none, and after; never
	 * the reference). */
	enum repo_rc	(*order_payment)(void *be, int64_t id,
			    struct order_payment *out);
	enum repo_rc	(*order_pay)(void *be, int64_t id,
			    enum order_state from, const char *method,
			    const char *ref, const char *by, int64_t now_s);
	/* couriers (programme.md section 4). courier_get: NOTFOUND unless
	 * enrolled (not removed); jobs counts its open ones. */
	enum repo_rc	(*courier_get)(void *be, const char *msisdn,
			    struct courier *out);
	/* SIAP (on) / LIBUR (off). */
	enum repo_rc	(*courier_set_duty)(void *be, const char *msisdn,
			    bool on);
	/* The next free courier (enrolled, on duty, fewer than max_jobs open
	 * jobs, not `not` (the buyer)) whose place is place (exact) or, with
	 * prefix, starts with place: fewest open jobs first, then the one
	 * longest without an assignment, then by number. NOTFOUND: none. */
	enum repo_rc	(*courier_next)(void *be, const char *place,
			    bool prefix, const char *not, int max_jobs,
			    struct courier *out);
	/* Job records (courier_jobs) and the order's courier columns.
	 * job_open: a new job of courier for order_id (orders.courier, fee_rp,
	 * assigned_at set). job_mark: what happened to the order's open job:
	 * "picked" (picked_s), "delivered" / "failed" (ended, the order keeps
	 * its courier), "given_back" / "timeout" / "unassigned" (ended, the
	 * order's courier cleared). NOTFOUND when the order has no open job. */
	enum repo_rc	(*job_open)(void *be, int64_t order_id,
			    const char *courier, int64_t fee_rp, int64_t now_s);
	enum repo_rc	(*job_mark)(void *be, int64_t order_id,
			    const char *what, int64_t now_s);
	/* The courier's open jobs by order id from offset, up to max, *n. */
	enum repo_rc	(*job_list)(void *be, const char *courier,
			    int64_t offset, struct courier_job_line *out,
			    int max, int *n);
	/* The buyer's sealed delivery code (len 0: clears it, attempts 0)
	 * and the count of wrong ones; drop_get: NOTFOUND when none. */
	enum repo_rc	(*drop_set)(void *be, int64_t order_id,
			    const unsigned char *sealed, size_t len);
	enum repo_rc	(*drop_get)(void *be, int64_t order_id,
			    unsigned char *sealed, size_t *len);
	enum repo_rc	(*drop_attempts)(void *be, int64_t order_id,
			    int attempts);
	/* number_marks under the backend's keyed tag of msisdn (never the
	 * number): mark_add a row of kind ("failed"); buyer_record: the
	 * number's delivered orders (as buyer) and "failed" marks since
	 * since_s. */
	enum repo_rc	(*mark_add)(void *be, const char *msisdn,
			    const char *kind, int64_t order_id, int64_t now_s);
	enum repo_rc	(*buyer_record)(void *be, const char *msisdn,
			    int64_t since_s, int *completed, int *failed);
	/* issue 13, privacy (programme.md section 6). privacy_counts: what is
	 * kept about msisdn, by category. consent_mark: the privacy line was
	 * shown now: sets sellers.consent_s (seller) or numbers.consent_s
	 * when unset; *first true when this call set it. erase_get: the
	 * number's HAPUS DATA waiting for its code (NOTFOUND: none, or one
	 * already done); erase_set keeps one (sealed_len 0 drops it).
	 * number_erase: erases msisdn (cc: the country code of its national
	 * form) as section 6 says, in the caller's transaction (the backend redacts every place it keeps the number).
	 * number_blocked: an operator blocked the number (lapakctl block).
	 * erase_open: the orders that hold an erasure back, by id: not
	 * closed (pending, confirmed, accepted, shipped, assigned) with
	 * msisdn as buyer or courier, or seller_id (-1 none) as seller, a
	 * pending one too (its seller may refuse it); up to max, *n. */
	enum repo_rc	(*privacy_counts)(void *be, const char *msisdn,
			    struct privacy_counts *out);
	enum repo_rc	(*consent_mark)(void *be, const char *msisdn,
			    bool seller, int64_t now_s, bool *first);
	enum repo_rc	(*erase_get)(void *be, const char *msisdn,
			    unsigned char *sealed, size_t *sealed_len,
			    int *attempts, int64_t *expires_s);
	enum repo_rc	(*erase_set)(void *be, const char *msisdn,
			    const unsigned char *sealed, size_t sealed_len,
			    int attempts, int64_t expires_s);
	enum repo_rc	(*number_erase)(void *be, const char *msisdn,
			    const char *cc, int64_t now_s);
	enum repo_rc	(*number_blocked)(void *be, const char *msisdn,
			    bool *yes);
	enum repo_rc	(*erase_open)(void *be, const char *msisdn,
			    int64_t seller_id, int64_t *ids, int max, int *n);
	/* issue 15, operators. block_notice: a blocked number's one notice
	 * is given now: *first true when this call is the first since the
	 * block was made (the backend keeps the time; an unblock and a new
	 * block give a new notice). courier_next and a consent request never
	 * reach a blocked number: courier_next skips blocked couriers. */
	enum repo_rc	(*block_notice)(void *be, const char *msisdn,
			    int64_t now_s, bool *first);
};

struct repo {
	const struct repo_ops	*ops;
	void			*be;
};

/* Secrets behind a small interface: libsodium in store/, deterministic in
 * tests. */
struct commerce_secrets {
	void	*arg;
	/* A confirmation code, uniform in 1000..9999. */
	int	(*code_new)(void *arg);
	/* Seals code into out[REPO_CODE_BLOB] (never the plain code). */
	void	(*code_seal)(void *arg, int code, unsigned char *out);
	bool	(*code_check)(void *arg, const unsigned char *sealed,
		    size_t len, int code);
	/* Hashes pin into out[len]; 0, or -1 (out of memory). */
	int	(*pin_hash)(void *arg, const char *pin, char *out, size_t len,
		    unsigned long long opslimit, size_t memlimit);
	bool	(*pin_check)(void *arg, const char *hash, const char *pin);
};

/* "pending", "confirmed" ... as stored; "" for ORDER_NONE. */
const char	*order_state_name(enum order_state s);
/* The state of a stored name; ORDER_NONE when unknown. */
enum order_state order_state_by_name(const char *name);

#endif
