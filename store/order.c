/* Orders: BELI, YA, TERIMA, TOLAK, KIRIM, BATAL, SAMPAI, PESANAN (and one
 * order: PESANAN O7 / INFO O7) and the stored timers (commerce_expire).
 * Every transition goes through order_move, which enforces the from-state,
 * keeps reserved stock right and audits. */
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "common/log.h"
#include "store/commerce.h"
#include "store/commerce_internal.h"

#define CODE_SALT	16
#define CODE_HASH	32
#define PENDING_MAX	16	/* looked at by YA; max_pending is far below */
#define ORDERS_CLOSED	3	/* PESANAN with no open order: the last ones */

/* salt || BLAKE2b(code, key = salt): never the plain code. */
static void
code_hash(int code, const unsigned char *salt, unsigned char *out)
{
	char	txt[16];

	snprintf(txt, sizeof(txt), "%04d", code);
	crypto_generichash(out, CODE_HASH, (const unsigned char *)txt,
	    strlen(txt), salt, CODE_SALT);
	sodium_memzero(txt, sizeof(txt));
}

static bool
code_matches(const void *blob, int len, int code)
{
	unsigned char	h[CODE_HASH];

	if (blob == NULL || len != CODE_SALT + CODE_HASH)
		return false;
	code_hash(code, blob, h);
	return sodium_memcmp(h, (const unsigned char *)blob + CODE_SALT,
	    CODE_HASH) == 0;
}

static bool
state_is(const struct cx_order *o, const char *a, const char *b,
    const char *c3)
{
	return (a != NULL && strcmp(o->state, a) == 0) ||
	    (b != NULL && strcmp(o->state, b) == 0) ||
	    (c3 != NULL && strcmp(o->state, c3) == 0);
}

static bool
holds_stock(const char *state)
{
	return strcmp(state, "confirmed") == 0 || strcmp(state, "accepted") == 0;
}

static int
stock_update(struct store *st, const char *sql, int64_t product_id,
    int64_t qty)
{
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc;

	if (s == NULL)
		return SQLITE_ERROR;
	sqlite3_bind_int64(s, 1, product_id);
	sqlite3_bind_int64(s, 2, qty);
	rc = store_step(st, s);
	sqlite3_reset(s);
	return rc;
}

/* Moves o from its current state to `to`: sets the state's timestamp, the
 * timer (expires_at, -1 = none), clears the code once past pending,
 * releases or consumes reserved stock, audits. SQLite code (SQLITE_DONE
 * ok; SQLITE_CONSTRAINT when the order moved meanwhile). */
static int
order_move(struct store *st, struct cx_order *o, const char *to,
    int64_t expires_at, const char *reason, const char *by, int64_t now)
{
	static const char sql[] = "UPDATE orders SET state = ?2, "
	    "expires_at = ?3, "
	    "confirmed_at = CASE WHEN ?2 = 'confirmed' THEN ?4 ELSE confirmed_at END, "
	    "accepted_at = CASE WHEN ?2 = 'accepted' THEN ?4 ELSE accepted_at END, "
	    "shipped_at = CASE WHEN ?2 = 'shipped' THEN ?4 ELSE shipped_at END, "
	    "delivered_at = CASE WHEN ?2 = 'delivered' THEN ?4 ELSE delivered_at END, "
	    "closed_at = CASE WHEN ?2 IN ('cancelled', 'rejected', 'expired') "
	    "  THEN ?4 ELSE closed_at END, "
	    "code_hash = NULL, reason = coalesce(?5, reason) "
	    "WHERE id = ?1 AND state = ?6";
	static const char release[] = "UPDATE products SET reserved = "
	    "reserved - ?2 WHERE id = ?1";
	static const char consume[] = "UPDATE products SET stock = stock - ?2, "
	    "reserved = reserved - ?2 WHERE id = ?1";
	sqlite3_stmt	*s = store_stmt(st, sql);
	bool		 closing = strcmp(to, "cancelled") == 0 ||
			    strcmp(to, "rejected") == 0 ||
			    strcmp(to, "expired") == 0;
	int		 rc;

	if (s == NULL)
		return SQLITE_ERROR;
	sqlite3_bind_int64(s, 1, o->id);
	sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
	if (expires_at >= 0)
		sqlite3_bind_int64(s, 3, expires_at);
	sqlite3_bind_int64(s, 4, now);
	if (reason != NULL)
		sqlite3_bind_text(s, 5, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, o->state, -1, SQLITE_TRANSIENT);
	rc = store_step(st, s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return rc;
	if (sqlite3_changes(st->db) != 1)
		return SQLITE_CONSTRAINT;
	if (closing && holds_stock(o->state))
		rc = stock_update(st, release, o->product_id, o->qty);
	else if (strcmp(to, "shipped") == 0)
		rc = stock_update(st, consume, o->product_id, o->qty);
	if (rc != SQLITE_DONE)
		return rc;
	rc = cx_audit(st, o->id, o->product_id, "state", o->state, to, by, now);
	if (rc == SQLITE_DONE)
		snprintf(o->state, sizeof(o->state), "%s", to);
	return rc;
}

/* order, item, qty, total (and price) of o into m. */
static void
order_vars(struct act_msg *m, const struct cx_order *o, const char *item,
    const char *unit)
{
	char	b[48];

	act_set(m, "order", "O%" PRId64, o->id);
	act_set(m, "item", "%s", item);
	act_set(m, "qty", "%s", cx_count(o->qty, b, sizeof(b)));
	act_set(m, "price", "%s", cx_price(o->unit_price_rp, unit, b, sizeof(b)));
	act_set(m, "total", "%s",
	    act_rupiah(o->unit_price_rp * o->qty, b, sizeof(b)));
}

/* Loads order a->code for the sender with its product and seller: 1, or 0
 * with the request ended (not found / store error). */
static int
load_order(struct cx *c, struct cx_order *o, struct cx_product *p,
    struct cx_seller *s)
{
	int	src = 0, found;

	act_set(&c->r->reply, "order", "O%" PRId64, c->a->code);
	act_set(&c->r->reply, "code", "O%" PRId64, c->a->code);
	found = cx_order_get(c->st, c->a->code, o, &src);
	if (found == 1)
		found = cx_product_get(c->st, o->product_id, p, &src);
	if (found == 1)
		found = cx_seller_by_id(c->st, o->seller_id, s, &src);
	if (found < 0) {
		cx_db(c, src, "order");
		return 0;
	}
	if (found == 0) {
		cx_end(c, ACT_NOT_FOUND, "com.not_found");
		return 0;
	}
	return 1;
}

static enum act_rc
bad_state(struct cx *c, const struct cx_order *o)
{
	act_set(&c->r->reply, "state", "%s", cx_state_word(o->state, c->lang));
	return cx_end(c, ACT_BAD_STATE, "com.bad_state");
}

struct pend {
	int64_t		id;
	int		attempts;
	int		hlen;
	unsigned char	hash[CODE_SALT + CODE_HASH];
};

/* The sender's live pending orders, oldest first. SQLite code. */
static int
pending_list(struct cx *c, struct pend *out, int max, int *n)
{
	static const char sql[] = "SELECT id, attempts, code_hash FROM orders "
	    "WHERE buyer = ?1 AND state = 'pending' AND expires_at > ?2 "
	    "ORDER BY id";
	sqlite3_stmt	*s = store_stmt(c->st, sql);
	int		 rc;

	*n = 0;
	if (s == NULL)
		return SQLITE_ERROR;
	sqlite3_bind_text(s, 1, c->who->msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, c->who->now_s);
	while ((rc = store_step(c->st, s)) == SQLITE_ROW && *n < max) {
		struct pend	*p = &out[(*n)++];
		int		 len = sqlite3_column_bytes(s, 2);

		p->id = sqlite3_column_int64(s, 0);
		p->attempts = sqlite3_column_int(s, 1);
		p->hlen = 0;
		if (len == (int)sizeof(p->hash)) {
			memcpy(p->hash, sqlite3_column_blob(s, 2), sizeof(p->hash));
			p->hlen = len;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_DONE : rc;
}

enum act_rc
cx_buy(struct cx *c)
{
	static const char sql[] = "INSERT INTO orders (buyer, seller_id, "
	    "product_id, qty, unit_price_rp, note, state, code_hash, created_at, "
	    "expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?8, ?9)";
	struct cx_product	 p;
	struct cx_seller	 s;
	struct cx_order		 o;
	struct pend		 pend[PENDING_MAX];
	unsigned char		 blob[CODE_SALT + CODE_HASH];
	sqlite3_stmt		*q;
	int64_t			 qty = c->a->qty == 0 ? 1 : c->a->qty;
	char			 b[32], label[96];
	int			 src = 0, found, rc, npend, code, i, tries;

	act_set(&c->r->reply, "code", "P%" PRId64, c->a->code);
	if (qty < 1 || qty > CX_QTY_MAX) {
		act_set(&c->r->reply, "max", "%s",
		    cx_count(CX_QTY_MAX, b, sizeof(b)));
		return cx_end(c, ACT_INVALID, "com.bad_qty");
	}
	found = cx_product_get(c->st, c->a->code, &p, &src);
	if (found == 1)
		found = cx_seller_by_id(c->st, p.seller_id, &s, &src);
	if (found < 0)
		return cx_db(c, src, "buy");
	if (found == 0 || !p.active)
		return cx_end(c, ACT_NOT_FOUND, "com.not_found");
	if (strcmp(s.msisdn, c->who->msisdn) == 0) {
		act_set(&c->r->reply, "name", "%s", p.name);
		return cx_end(c, ACT_OWN_PRODUCT, "buy.own");
	}
	if ((rc = pending_list(c, pend, PENDING_MAX, &npend)) != SQLITE_DONE)
		return cx_db(c, rc, "buy");
	if (npend >= c->cf->max_pending) {
		act_set(&c->r->reply, "max", "%d", c->cf->max_pending);
		return cx_end(c, ACT_TOO_MANY_PENDING, "buy.too_many");
	}
	if (qty > p.stock - p.reserved) {
		act_set(&c->r->reply, "name", "%s", p.name);
		act_set(&c->r->reply, "available", "%s",
		    cx_count(p.stock - p.reserved, b, sizeof(b)));
		return cx_end(c, ACT_NO_STOCK, "buy.no_stock");
	}
	/* A code none of the sender's other pending orders answers to. */
	for (tries = 0;; tries++) {
		bool	clash = false;

		code = 1000 + (int)randombytes_uniform(9000);
		for (i = 0; i < npend; i++)
			if (code_matches(pend[i].hash, pend[i].hlen, code))
				clash = true;
		if (!clash || tries > 20)
			break;
	}
	randombytes_buf(blob, CODE_SALT);
	code_hash(code, blob, blob + CODE_SALT);
	if ((q = store_stmt(c->st, sql)) == NULL)
		return cx_db(c, SQLITE_ERROR, "buy");
	sqlite3_bind_text(q, 1, c->who->msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 2, p.seller_id);
	sqlite3_bind_int64(q, 3, p.id);
	sqlite3_bind_int64(q, 4, qty);
	sqlite3_bind_int64(q, 5, p.price_rp);
	sqlite3_bind_text(q, 6, c->a->text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_blob(q, 7, blob, sizeof(blob), SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 8, c->who->now_s);
	sqlite3_bind_int64(q, 9, c->who->now_s + c->cf->confirm_timeout_s);
	rc = store_step(c->st, q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return cx_db(c, rc, "buy");
	memset(&o, 0, sizeof(o));
	o.id = sqlite3_last_insert_rowid(c->st->db);
	o.qty = qty;
	o.unit_price_rp = p.price_rp;
	if ((rc = cx_audit(c->st, o.id, p.id, "state", NULL, "pending",
	    c->who->msisdn, c->who->now_s)) != SQLITE_DONE)
		return cx_db(c, rc, "buy");
	order_vars(&c->r->reply, &o, p.name, p.unit);
	act_set(&c->r->reply, "shop", "%s", s.shop);
	act_set(&c->r->reply, "shop_label", "%s",
	    cx_shop_label(s.shop, c->lang, label, sizeof(label)));
	act_set(&c->r->reply, "confirm", "%d", code);
	act_set(&c->r->reply, "minutes", "%d",
	    (c->cf->confirm_timeout_s + 59) / 60);
	/* The parser cut a long note at a word: the buyer hears it. */
	return cx_end(c, ACT_OK, c->a->note_cut ? "buy.ok_cut" : "buy.ok");
}

/* Confirms pending order id: reserves stock, tells the seller. */
static enum act_rc
confirm_one(struct cx *c, int64_t id)
{
	static const char reserve[] = "UPDATE products SET reserved = "
	    "reserved + ?2 WHERE id = ?1 AND stock - reserved >= ?2";
	struct cx_order		 o;
	struct cx_product	 p;
	struct cx_seller	 s;
	struct act_msg		*n;
	sqlite3_stmt		*q;
	char			 b[32];
	int			 src = 0, found, rc;

	found = cx_order_get(c->st, id, &o, &src);
	if (found == 1)
		found = cx_product_get(c->st, o.product_id, &p, &src);
	if (found == 1)
		found = cx_seller_by_id(c->st, o.seller_id, &s, &src);
	if (found <= 0)
		return cx_db(c, found < 0 ? src : SQLITE_CORRUPT, "confirm");
	order_vars(&c->r->reply, &o, p.name, p.unit);
	act_set(&c->r->reply, "shop", "%s", s.shop);
	if ((q = store_stmt(c->st, reserve)) == NULL)
		return cx_db(c, SQLITE_ERROR, "confirm");
	sqlite3_bind_int64(q, 1, p.id);
	sqlite3_bind_int64(q, 2, o.qty);
	rc = store_step(c->st, q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return cx_db(c, rc, "confirm");
	if (sqlite3_changes(c->st->db) != 1) {
		/* Nothing reserved, the seller is not told; the order stays
		 * pending until its timer or BATAL. */
		act_set(&c->r->reply, "available", "%s",
		    cx_count(p.stock - p.reserved, b, sizeof(b)));
		return cx_end(c, ACT_NO_STOCK, "confirm.no_stock");
	}
	if ((rc = order_move(c->st, &o, "confirmed",
	    c->who->now_s + c->cf->accept_timeout_s, NULL, c->who->msisdn,
	    c->who->now_s)) != SQLITE_DONE)
		return cx_db(c, rc, "confirm");
	if ((n = cx_note(c, s.msisdn, "confirm.notify_seller")) != NULL) {
		order_vars(n, &o, p.name, p.unit);
		act_set(n, "buyer", "%s", o.buyer);
		act_set(n, "note", "%s", o.note[0] != '\0' ? o.note : "-");
		act_set(n, "hours", "%d", (c->cf->accept_timeout_s + 3599) / 3600);
	}
	return cx_end(c, ACT_OK, "confirm.ok");
}

static int
attempts_save(struct store *st, int64_t id, int attempts)
{
	static const char sql[] = "UPDATE orders SET attempts = ?2 WHERE id = ?1";
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc;

	if (s == NULL)
		return SQLITE_ERROR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, attempts);
	rc = store_step(st, s);
	sqlite3_reset(s);
	return rc;
}

enum act_rc
cx_confirm(struct cx *c)
{
	struct pend	 pend[PENDING_MAX];
	char		 list[ACT_VAL_MAX];
	size_t		 len = 0;
	int		 npend, rc, i, left = c->cf->confirm_attempts;
	bool		 cancelled = false;

	if ((rc = pending_list(c, pend, PENDING_MAX, &npend)) != SQLITE_DONE)
		return cx_db(c, rc, "confirm");
	if (npend == 0)
		return cx_end(c, ACT_NO_PENDING, "confirm.none");
	if (c->a->confirm_code < 0) {
		if (npend == 1)
			return confirm_one(c, pend[0].id);
		list[0] = '\0';
		for (i = 0; i < npend && len < sizeof(list); i++)
			len += (size_t)snprintf(list + len, sizeof(list) - len,
			    "%sO%" PRId64, i > 0 ? " " : "", pend[i].id);
		act_set(&c->r->reply, "orders", "%s", list);
		return cx_end(c, ACT_AMBIGUOUS, "confirm.ambiguous");
	}
	for (i = 0; i < npend; i++)
		if (code_matches(pend[i].hash, pend[i].hlen,
		    c->a->confirm_code))
			return confirm_one(c, pend[i].id);
	/* Wrong: every pending order of the sender counts the attempt, so
	 * guessing across orders gains nothing; spent ones are cancelled. */
	list[0] = '\0';
	for (i = 0; i < npend; i++) {
		struct cx_order	o;
		int		src = 0;

		pend[i].attempts++;
		if (pend[i].attempts < c->cf->confirm_attempts) {
			if (c->cf->confirm_attempts - pend[i].attempts < left)
				left = c->cf->confirm_attempts - pend[i].attempts;
			if ((rc = attempts_save(c->st, pend[i].id,
			    pend[i].attempts)) != SQLITE_DONE)
				return cx_db(c, rc, "confirm");
			continue;
		}
		if ((rc = attempts_save(c->st, pend[i].id, pend[i].attempts)) !=
		    SQLITE_DONE)
			return cx_db(c, rc, "confirm");
		if (cx_order_get(c->st, pend[i].id, &o, &src) != 1)
			return cx_db(c, src != 0 ? src : SQLITE_CORRUPT,
			    "confirm");
		if ((rc = order_move(c->st, &o, "cancelled", -1, "code",
		    c->who->msisdn, c->who->now_s)) != SQLITE_DONE)
			return cx_db(c, rc, "confirm");
		if (len < sizeof(list))
			len += (size_t)snprintf(list + len, sizeof(list) - len,
			    "%sO%" PRId64, cancelled ? " " : "", o.id);
		cancelled = true;
	}
	if (cancelled) {
		act_set(&c->r->reply, "order", "%s", list);
		return cx_end(c, ACT_CODE_CANCELLED, "confirm.cancelled");
	}
	act_set(&c->r->reply, "left", "%d", left);
	return cx_end(c, ACT_WRONG_CODE, "confirm.wrong");
}

/* Seller side: the sender must be the order's seller. 1 go on, 0 ended. */
static int
seller_order(struct cx *c, struct cx_order *o, struct cx_product *p,
    struct cx_seller *s)
{
	struct cx_seller	me;

	if (!cx_need_seller(c, &me) || !load_order(c, o, p, s))
		return 0;
	if (o->seller_id != me.id) {
		cx_end(c, ACT_NOT_YOURS, "com.not_yours");
		return 0;
	}
	return 1;
}

enum act_rc
cx_accept(struct cx *c)
{
	struct cx_order		 o;
	struct cx_product	 p;
	struct cx_seller	 s;
	struct act_msg		*n;
	int			 rc;

	if (!seller_order(c, &o, &p, &s))
		return c->r->rc;
	if (!state_is(&o, "confirmed", NULL, NULL))
		return bad_state(c, &o);
	if ((rc = order_move(c->st, &o, "accepted", -1, NULL, c->who->msisdn,
	    c->who->now_s)) != SQLITE_DONE)
		return cx_db(c, rc, "accept");
	order_vars(&c->r->reply, &o, p.name, p.unit);
	act_set(&c->r->reply, "buyer", "%s", o.buyer);
	if ((n = cx_note(c, o.buyer, "accept.notify_buyer")) != NULL) {
		order_vars(n, &o, p.name, p.unit);
		act_set(n, "shop", "%s", s.shop);
		act_set(n, "phone", "%s", s.msisdn);
	}
	return cx_end(c, ACT_OK, "accept.ok");
}

enum act_rc
cx_reject(struct cx *c)
{
	struct cx_order		 o;
	struct cx_product	 p;
	struct cx_seller	 s;
	struct act_msg		*n;
	int			 rc;

	if (!seller_order(c, &o, &p, &s))
		return c->r->rc;
	if (!state_is(&o, "pending", "confirmed", "accepted"))
		return bad_state(c, &o);
	if ((rc = order_move(c->st, &o, "rejected", -1, c->a->text,
	    c->who->msisdn, c->who->now_s)) != SQLITE_DONE)
		return cx_db(c, rc, "reject");
	order_vars(&c->r->reply, &o, p.name, p.unit);
	if ((n = cx_note(c, o.buyer, "reject.notify_buyer")) != NULL) {
		order_vars(n, &o, p.name, p.unit);
		act_set(n, "shop", "%s", s.shop);
		act_set(n, "reason", "%s",
		    c->a->text[0] != '\0' ? c->a->text : "-");
	}
	return cx_end(c, ACT_OK, "reject.ok");
}

enum act_rc
cx_ship(struct cx *c)
{
	struct cx_order		 o;
	struct cx_product	 p;
	struct cx_seller	 s;
	struct act_msg		*n;
	int			 rc;

	if (!seller_order(c, &o, &p, &s))
		return c->r->rc;
	if (state_is(&o, "confirmed", NULL, NULL))
		/* The step sellers skip: name it rather than the state. */
		return cx_end(c, ACT_BAD_STATE, "ship.not_accepted");
	if (!state_is(&o, "accepted", NULL, NULL))
		return bad_state(c, &o);
	if ((rc = order_move(c->st, &o, "shipped", -1, NULL, c->who->msisdn,
	    c->who->now_s)) != SQLITE_DONE)
		return cx_db(c, rc, "ship");
	order_vars(&c->r->reply, &o, p.name, p.unit);
	if ((n = cx_note(c, o.buyer, "ship.notify_buyer")) != NULL) {
		order_vars(n, &o, p.name, p.unit);
		act_set(n, "shop", "%s", s.shop);
		act_set(n, "phone", "%s", s.msisdn);
	}
	return cx_end(c, ACT_OK, "ship.ok");
}

enum act_rc
cx_cancel(struct cx *c)
{
	struct cx_order		 o;
	struct cx_product	 p;
	struct cx_seller	 s;
	struct act_msg		*n = NULL;
	const char		*why = c->a->text;
	bool			 by_buyer, seen;
	int			 rc;

	if (!load_order(c, &o, &p, &s))
		return c->r->rc;
	by_buyer = strcmp(o.buyer, c->who->msisdn) == 0;
	if (!by_buyer && strcmp(s.msisdn, c->who->msisdn) != 0)
		return cx_end(c, ACT_NOT_YOURS, "com.not_yours");
	if (!state_is(&o, "pending", "confirmed", "accepted"))
		return bad_state(c, &o);
	/* A pending order is the buyer's alone: its seller never heard of
	 * it, so is not told of its end either. */
	seen = !state_is(&o, "pending", NULL, NULL);
	if ((rc = order_move(c->st, &o, "cancelled", -1,
	    by_buyer ? "buyer" : "seller", c->who->msisdn,
	    c->who->now_s)) != SQLITE_DONE)
		return cx_db(c, rc, "cancel");
	order_vars(&c->r->reply, &o, p.name, p.unit);
	/* The other party, with the reason when one was given; nobody when
	 * one number is both. */
	if (strcmp(o.buyer, s.msisdn) != 0) {
		if (!by_buyer)
			n = cx_note(c, o.buyer, why[0] != '\0' ?
			    "cancel.notify_buyer_why" : "cancel.notify_buyer");
		else if (seen)
			n = cx_note(c, s.msisdn, why[0] != '\0' ?
			    "cancel.notify_seller_why" : "cancel.notify_seller");
	}
	if (n != NULL) {
		order_vars(n, &o, p.name, p.unit);
		act_set(n, "shop", "%s", s.shop);
		act_set(n, "buyer", "%s", o.buyer);
		if (why[0] != '\0')
			act_set(n, "reason", "%s", why);
	}
	return cx_end(c, ACT_OK, "cancel.ok");
}

enum act_rc
cx_received(struct cx *c)
{
	struct cx_order		 o;
	struct cx_product	 p;
	struct cx_seller	 s;
	struct act_msg		*n;
	int			 rc;

	if (!load_order(c, &o, &p, &s))
		return c->r->rc;
	if (strcmp(o.buyer, c->who->msisdn) != 0)
		/* Its seller is told who may: the one the goods reach. */
		return cx_end(c, ACT_NOT_YOURS,
		    strcmp(s.msisdn, c->who->msisdn) == 0 &&
		    !state_is(&o, "pending", NULL, NULL) ?
		    "received.buyer_only" : "com.not_yours");
	if (!state_is(&o, "shipped", NULL, NULL))
		return bad_state(c, &o);
	if ((rc = order_move(c->st, &o, "delivered", -1, NULL, c->who->msisdn,
	    c->who->now_s)) != SQLITE_DONE)
		return cx_db(c, rc, "received");
	order_vars(&c->r->reply, &o, p.name, p.unit);
	if ((n = cx_note(c, s.msisdn, "received.notify_seller")) != NULL) {
		order_vars(n, &o, p.name, p.unit);
		act_set(n, "buyer", "%s", o.buyer);
	}
	return cx_end(c, ACT_OK, "received.ok");
}

/* Steps q (bound: id, item, qty, state, sender-is-buyer) into up to max
 * rows of the reply; sets more when a further row exists. Returns the
 * SQLite code and the rows added in *n. */
static int
order_rows(struct cx *c, sqlite3_stmt *q, int max, int *n)
{
	struct act_msg	*m = &c->r->reply;
	bool		 en = strcmp(c->lang, "en") == 0;
	char		 b[32];
	int		 rc;

	*n = 0;
	while ((rc = store_step(c->st, q)) == SQLITE_ROW) {
		struct act_row	*r;
		char		 name[ACT_TEXT_MAX], state[16];
		bool		 buying = sqlite3_column_int(q, 4) != 0;

		if (*n == max) {
			m->more = true;
			break;
		}
		r = &m->rows[m->nrows++];
		(*n)++;
		store_col_text(q, 1, name, sizeof(name));
		store_col_text(q, 3, state, sizeof(state));
		act_row_set(r, "order", "O%lld", sqlite3_column_int64(q, 0));
		act_row_set(r, "item", "%s", name);
		act_row_set(r, "qty", "%s",
		    cx_count(sqlite3_column_int64(q, 2), b, sizeof(b)));
		act_row_set(r, "state", "%s", cx_state_word(state, c->lang));
		act_row_set(r, "role", "%s", buying ? (en ? "buy" : "beli") :
		    (en ? "sell" : "jual"));
	}
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? SQLITE_DONE : rc;
}

/* PESANAN with no open order: the sender's last closed ones, with their
 * outcome. A seller's only those they were told of (confirmed once). */
static enum act_rc
orders_closed(struct cx *c, int64_t seller_id)
{
	static const char sql[] = "SELECT o.id, p.name, o.qty, o.state, "
	    "o.buyer = ?1 FROM orders o JOIN products p ON p.id = o.product_id "
	    "WHERE (o.buyer = ?1 OR (o.seller_id = ?2 AND "
	    "o.confirmed_at IS NOT NULL)) AND o.state IN "
	    "('delivered', 'cancelled', 'rejected', 'expired') "
	    "ORDER BY o.id DESC LIMIT ?3";
	sqlite3_stmt	*q;
	int		 rc, n = 0;

	if ((q = store_stmt(c->st, sql)) == NULL)
		return cx_db(c, SQLITE_ERROR, "orders");
	sqlite3_bind_text(q, 1, c->who->msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 2, seller_id);
	sqlite3_bind_int(q, 3, ORDERS_CLOSED);
	if ((rc = order_rows(c, q, ORDERS_CLOSED, &n)) != SQLITE_DONE)
		return cx_db(c, rc, "orders");
	c->r->reply.more = false;
	/* Not a list LAGI goes on with. */
	if ((rc = cx_list_save(c, "", "", 0)) != SQLITE_DONE)
		return cx_db(c, rc, "orders");
	return cx_end(c, ACT_OK, n > 0 ? "orders.closed" : "orders.empty");
}

enum act_rc
cx_orders(struct cx *c, int64_t offset)
{
	/* A seller sees an order once its buyer confirmed it: pending ones
	 * are the buyer's alone. */
	static const char sql[] = "SELECT o.id, p.name, o.qty, o.state, "
	    "o.buyer = ?1 FROM orders o JOIN products p ON p.id = o.product_id "
	    "WHERE (o.buyer = ?1 OR (o.seller_id = ?2 AND "
	    "o.state <> 'pending')) AND o.state IN "
	    "('pending', 'confirmed', 'accepted', 'shipped') "
	    "ORDER BY o.id LIMIT ?3 OFFSET ?4";
	struct cx_seller	 me;
	sqlite3_stmt		*q;
	int64_t			 seller_id;
	int			 src = 0, found, rc, n = 0;

	found = cx_seller_by_msisdn(c->st, c->who->msisdn, &me, &src);
	if (found < 0)
		return cx_db(c, src, "orders");
	seller_id = found == 1 ? me.id : -1;
	if ((q = store_stmt(c->st, sql)) == NULL)
		return cx_db(c, SQLITE_ERROR, "orders");
	sqlite3_bind_text(q, 1, c->who->msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 2, seller_id);
	sqlite3_bind_int(q, 3, COMMERCE_PAGE + 1);
	sqlite3_bind_int64(q, 4, offset);
	if ((rc = order_rows(c, q, COMMERCE_PAGE, &n)) != SQLITE_DONE)
		return cx_db(c, rc, "orders");
	if (n == 0 && offset == 0)
		return orders_closed(c, seller_id);
	if ((rc = cx_list_save(c, "orders", "", offset + n)) != SQLITE_DONE)
		return cx_db(c, rc, "orders");
	if (n == 0)
		return cx_end(c, ACT_NO_MORE, "more.none");
	return cx_end(c, ACT_OK, "orders.ok");
}

/* INFO O7 / PESANAN O7: one order, to either party of it. Its seller sees
 * it once confirmed (with the buyer's number and note), like PESANAN. */
enum act_rc
cx_order_info(struct cx *c)
{
	struct cx_order		 o;
	struct cx_product	 p;
	struct cx_seller	 s;
	struct act_msg		*m = &c->r->reply;
	char			 label[96];
	bool			 buyer;

	if (!load_order(c, &o, &p, &s))
		return c->r->rc;
	buyer = strcmp(o.buyer, c->who->msisdn) == 0;
	if (!buyer && (strcmp(s.msisdn, c->who->msisdn) != 0 ||
	    state_is(&o, "pending", NULL, NULL)))
		return cx_end(c, ACT_NOT_YOURS, "com.not_yours");
	order_vars(m, &o, p.name, p.unit);
	act_set(m, "state", "%s", cx_state_word(o.state, c->lang));
	if (buyer) {
		act_set(m, "shop", "%s", s.shop);
		act_set(m, "shop_label", "%s",
		    cx_shop_label(s.shop, c->lang, label, sizeof(label)));
		return cx_end(c, ACT_OK, "order.buyer");
	}
	act_set(m, "buyer", "%s", o.buyer);
	act_set(m, "note", "%s", o.note[0] != '\0' ? o.note : "-");
	return cx_end(c, ACT_OK, "order.seller");
}

int
commerce_expire(struct store *st, const struct conf *cf, int64_t now_s,
    struct act_result *out, int max)
{
	static const char sql[] = "SELECT id FROM orders WHERE expires_at "
	    "IS NOT NULL AND expires_at <= ?1 ORDER BY expires_at, id LIMIT ?2";
	struct actor	 timer;
	sqlite3_stmt	*s;
	int64_t		 ids[64];
	int		 n = 0, i, rc, done = 0;

	if (max <= 0)
		return 0;
	if (max > (int)(sizeof(ids) / sizeof(ids[0])))
		max = (int)(sizeof(ids) / sizeof(ids[0]));
	if (sodium_init() < 0 || (s = store_stmt(st, sql)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, now_s);
	sqlite3_bind_int(s, 2, max);
	while ((rc = store_step(st, s)) == SQLITE_ROW && n < max)
		ids[n++] = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return -1;
	memset(&timer, 0, sizeof(timer));
	timer.now_s = now_s;
	for (i = 0; i < n; i++) {
		struct act_result	*r = &out[done];
		struct cx		 c = { st, cf, &timer, NULL, r, "" };
		struct cx_order		 o;
		struct cx_product	 p;
		struct cx_seller	 sl;
		struct act_msg		*m;
		int			 src = 0, found;
		bool			 seen;

		found = cx_order_get(st, ids[i], &o, &src);
		if (found == 1)
			found = cx_product_get(st, o.product_id, &p, &src);
		if (found == 1)
			found = cx_seller_by_id(st, o.seller_id, &sl, &src);
		if (found <= 0)
			return -1;
		if (!state_is(&o, "pending", "confirmed", NULL)) {
			/* A timer left on a later state: clear it quietly. */
			if (order_move(st, &o, o.state, -1, NULL, "timer",
			    now_s) != SQLITE_DONE)
				return -1;
			continue;
		}
		memset(r, 0, sizeof(*r));
		seen = !state_is(&o, "pending", NULL, NULL);
		if (order_move(st, &o, "expired", -1, "timer", "timer",
		    now_s) != SQLITE_DONE)
			return -1;
		r->rc = ACT_OK;
		m = &r->reply;
		snprintf(m->to, sizeof(m->to), "%s", o.buyer);
		snprintf(m->lang, sizeof(m->lang), "%s",
		    commerce_lang(st, o.buyer, cf->default_lang));
		snprintf(m->tmpl, sizeof(m->tmpl), "expire.buyer");
		order_vars(m, &o, p.name, p.unit);
		act_set(m, "shop", "%s", sl.shop);
		/* The seller only of an order they were told of. */
		if (seen && strcmp(o.buyer, sl.msisdn) != 0 &&
		    (m = cx_note(&c, sl.msisdn, "expire.seller")) != NULL) {
			order_vars(m, &o, p.name, p.unit);
			act_set(m, "buyer", "%s", o.buyer);
		}
		done++;
	}
	return done;
}

int64_t
commerce_next_expiry(struct store *st)
{
	static const char sql[] = "SELECT min(expires_at) FROM orders "
	    "WHERE expires_at IS NOT NULL";
	sqlite3_stmt	*s = store_stmt(st, sql);
	int64_t		 at = -1;

	if (s == NULL)
		return -1;
	if (store_step(st, s) == SQLITE_ROW &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL)
		at = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return at;
}
