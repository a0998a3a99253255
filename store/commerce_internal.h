/* Shared between the commerce files (commerce.c, seller.c, pin.c, listing.c,
 * search.c, order.c): the request context, row loaders and reply helpers.
 * Nothing outside store/ includes it. */
#ifndef LAPAK_COMMERCE_INTERNAL_H
#define LAPAK_COMMERCE_INTERNAL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/action.h"
#include "conf/conf.h"
#include "store/store_internal.h"

#define CX_QTY_MAX	1000000
#define CX_PRICE_MAX	1000000000

/* One request in flight. */
struct cx {
	struct store		*st;
	const struct conf	*cf;
	const struct actor	*who;
	const struct action	*a;
	struct act_result	*r;
	char			 lang[3];	/* the sender's */
};

struct cx_seller {
	int64_t	id;
	char	msisdn[16];
	char	shop[64];
	char	village[64];
	char	pin_hash[160];		/* "" = no PIN */
	int	pin_fails;
	int64_t	pin_locked_until;
};

struct cx_product {
	int64_t	id;
	int64_t	seller_id;
	char	name[ACT_TEXT_MAX];
	char	unit[16];
	int64_t	price_rp;
	int64_t	stock;
	int64_t	reserved;
	bool	active;
};

struct cx_order {
	int64_t	id;
	char	buyer[16];
	int64_t	seller_id;
	int64_t	product_id;
	int64_t	qty;
	int64_t	unit_price_rp;
	char	note[ACT_TEXT_MAX];
	char	state[16];
	int	attempts;
	int64_t	expires_at;		/* -1 = none */
};

/* Ends the request with rc and the reply template tmpl; returns rc. */
enum act_rc	cx_end(struct cx *c, enum act_rc rc, const char *tmpl);
/* Ends with ACT_BUSY or ACT_ERR from an SQLite code (logged). */
enum act_rc	cx_db(struct cx *c, int sqlite_rc, const char *where);
/* A new note to msisdn in its language with template tmpl, or NULL when
 * all note slots are used. */
struct act_msg	*cx_note(struct cx *c, const char *to, const char *tmpl);

/* Loaders: 1 found, 0 not found, -1 store error (sqlite code in *src). */
int	cx_seller_by_msisdn(struct store *st, const char *msisdn,
	    struct cx_seller *out, int *src);
int	cx_seller_by_id(struct store *st, int64_t id, struct cx_seller *out,
	    int *src);
int	cx_product_get(struct store *st, int64_t id, struct cx_product *out,
	    int *src);
int	cx_order_get(struct store *st, int64_t id, struct cx_order *out,
	    int *src);

/* Appends an audit row; returns the SQLite code (SQLITE_DONE on success). */
int	cx_audit(struct store *st, int64_t order_id, int64_t product_id,
	    const char *what, const char *from, const char *to, const char *by,
	    int64_t at_s);
/* Saves the sender's list position for LAGI. SQLite code. */
int	cx_list_save(struct cx *c, const char *kind, const char *query,
	    int64_t next_offset);

/* The sender must be a registered seller: loads it (1), or ends the request
 * with ACT_NOT_REGISTERED / a store error (0). */
int	cx_need_seller(struct cx *c, struct cx_seller *s);

/* "Rp15.000/bks" (unit may be ""). */
const char	*cx_price(int64_t rp, const char *unit, char *buf, size_t len);
/* "1.000.000" */
const char	*cx_count(int64_t n, char *buf, size_t len);
/* The shop's name as a reply names it: "Toko Sri" for "Sri" (lang "en":
 * "Shop Sri"), the name alone when it already starts with Toko or Shop
 * ("Toko Pak Budi"), so a template never writes "Toko Toko". */
const char	*cx_shop_label(const char *shop, const char *lang, char *buf,
		    size_t len);
/* Localised order state word for lang. */
const char	*cx_state_word(const char *state, const char *lang);

/* PIN (pin.c): checks a.pin when the request needs one; 1 go on, 0 ended. */
int	cx_pin_gate(struct cx *c, struct cx_seller *s);

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
enum act_rc	cx_more(struct cx *);
enum act_rc	cx_orders(struct cx *, int64_t offset);
enum act_rc	cx_order_info(struct cx *);	/* INFO O7, PESANAN O7 */
enum act_rc	cx_buy(struct cx *);
enum act_rc	cx_confirm(struct cx *);
enum act_rc	cx_accept(struct cx *);
enum act_rc	cx_reject(struct cx *);
enum act_rc	cx_ship(struct cx *);
enum act_rc	cx_cancel(struct cx *);
enum act_rc	cx_received(struct cx *);

#endif
