/* Commerce entry point: per-request context, dispatch on the verb, the PIN
 * gate, languages, and the row loaders and reply helpers the other commerce
 * files share. */
#include <inttypes.h>
#include <sodium.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/log.h"
#include "store/commerce.h"
#include "store/commerce_internal.h"

static void
msg_tmpl(struct act_msg *m, const char *tmpl)
{
	snprintf(m->tmpl, sizeof(m->tmpl), "%s", tmpl);
}

enum act_rc
cx_end(struct cx *c, enum act_rc rc, const char *tmpl)
{
	c->r->rc = rc;
	msg_tmpl(&c->r->reply, tmpl);
	return rc;
}

enum act_rc
cx_db(struct cx *c, int sqlite_rc, const char *where)
{
	char	m[LOG_MSISDN_LEN];
	bool	busy = store_rc_of(sqlite_rc) == STORE_BUSY;

	log_warnx("commerce db from=%s at=%s rc=%d err=\"%s\"",
	    log_msisdn(c->who->msisdn, m, sizeof(m)), where, sqlite_rc,
	    store_errmsg(c->st));
	/* Results are rolled back: drop any note already built. */
	c->r->nnotes = 0;
	return busy ? cx_end(c, ACT_BUSY, "com.busy") :
	    cx_end(c, ACT_ERR, "com.error");
}

struct act_msg *
cx_note(struct cx *c, const char *to, const char *tmpl)
{
	struct act_msg	*m;

	if (c->r->nnotes >= ACT_MAX_NOTES)
		return NULL;
	m = &c->r->notes[c->r->nnotes++];
	memset(m, 0, sizeof(*m));
	snprintf(m->to, sizeof(m->to), "%s", to);
	snprintf(m->lang, sizeof(m->lang), "%s",
	    commerce_lang(c->st, to, c->cf->default_lang));
	msg_tmpl(m, tmpl);
	return m;
}

/* Steps a bound one-row lookup: 1 with s on the row, 0 when there is none,
 * -1 with the SQLite code in *src (s NULL: preparing failed). */
static int
row_step(struct store *st, sqlite3_stmt *s, int *src)
{
	int	rc;

	if (s == NULL) {
		*src = SQLITE_ERROR;
		return -1;
	}
	rc = store_step(st, s);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW) {
		*src = rc;
		return -1;
	}
	return 1;
}

static int
seller_load(struct store *st, sqlite3_stmt *s, struct cx_seller *out, int *src)
{
	int	rc;

	if ((rc = row_step(st, s, src)) != 1)
		return rc;
	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, out->msisdn, sizeof(out->msisdn));
	store_col_text(s, 2, out->shop, sizeof(out->shop));
	store_col_text(s, 3, out->village, sizeof(out->village));
	store_col_text(s, 4, out->pin_hash, sizeof(out->pin_hash));
	out->pin_fails = sqlite3_column_int(s, 5);
	out->pin_locked_until = sqlite3_column_int64(s, 6);
	sqlite3_reset(s);
	return 1;
}

int
cx_seller_by_msisdn(struct store *st, const char *msisdn,
    struct cx_seller *out, int *src)
{
	static const char sql[] = "SELECT id, msisdn, shop, village, pin_hash, "
	    "pin_fails, pin_locked_until FROM sellers WHERE msisdn = ?1";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s != NULL)
		sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	return seller_load(st, s, out, src);
}

int
cx_seller_by_id(struct store *st, int64_t id, struct cx_seller *out, int *src)
{
	static const char sql[] = "SELECT id, msisdn, shop, village, pin_hash, "
	    "pin_fails, pin_locked_until FROM sellers WHERE id = ?1";
	sqlite3_stmt	*s = store_stmt(st, sql);

	if (s != NULL)
		sqlite3_bind_int64(s, 1, id);
	return seller_load(st, s, out, src);
}

int
cx_product_get(struct store *st, int64_t id, struct cx_product *out, int *src)
{
	static const char sql[] = "SELECT id, seller_id, name, unit, price_rp, "
	    "stock, reserved, active FROM products WHERE id = ?1";
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc;

	if (s != NULL)
		sqlite3_bind_int64(s, 1, id);
	if ((rc = row_step(st, s, src)) != 1)
		return rc;
	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(s, 0);
	out->seller_id = sqlite3_column_int64(s, 1);
	store_col_text(s, 2, out->name, sizeof(out->name));
	store_col_text(s, 3, out->unit, sizeof(out->unit));
	out->price_rp = sqlite3_column_int64(s, 4);
	out->stock = sqlite3_column_int64(s, 5);
	out->reserved = sqlite3_column_int64(s, 6);
	out->active = sqlite3_column_int(s, 7) != 0;
	sqlite3_reset(s);
	return 1;
}

int
cx_order_get(struct store *st, int64_t id, struct cx_order *out, int *src)
{
	static const char sql[] = "SELECT id, buyer, seller_id, product_id, qty, "
	    "unit_price_rp, note, state, attempts, coalesce(expires_at, -1) "
	    "FROM orders WHERE id = ?1";
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc;

	if (s != NULL)
		sqlite3_bind_int64(s, 1, id);
	if ((rc = row_step(st, s, src)) != 1)
		return rc;
	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, out->buyer, sizeof(out->buyer));
	out->seller_id = sqlite3_column_int64(s, 2);
	out->product_id = sqlite3_column_int64(s, 3);
	out->qty = sqlite3_column_int64(s, 4);
	out->unit_price_rp = sqlite3_column_int64(s, 5);
	store_col_text(s, 6, out->note, sizeof(out->note));
	store_col_text(s, 7, out->state, sizeof(out->state));
	out->attempts = sqlite3_column_int(s, 8);
	out->expires_at = sqlite3_column_int64(s, 9);
	sqlite3_reset(s);
	return 1;
}

int
cx_audit(struct store *st, int64_t order_id, int64_t product_id,
    const char *what, const char *from, const char *to, const char *by,
    int64_t at_s)
{
	static const char sql[] = "INSERT INTO audit (order_id, product_id, "
	    "what, from_val, to_val, by, at_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc;

	if (s == NULL)
		return SQLITE_ERROR;
	if (order_id > 0)
		sqlite3_bind_int64(s, 1, order_id);
	if (product_id > 0)
		sqlite3_bind_int64(s, 2, product_id);
	sqlite3_bind_text(s, 3, what, -1, SQLITE_STATIC);
	if (from != NULL)
		sqlite3_bind_text(s, 4, from, -1, SQLITE_TRANSIENT);
	if (to != NULL)
		sqlite3_bind_text(s, 5, to, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, by, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 7, at_s);
	rc = store_step(st, s);
	sqlite3_reset(s);
	return rc;
}

int
cx_list_save(struct cx *c, const char *kind, const char *query,
    int64_t next_offset)
{
	static const char sql[] = "UPDATE numbers SET list_kind = ?2, "
	    "list_query = ?3, list_offset = ?4 WHERE msisdn = ?1";
	sqlite3_stmt	*s = store_stmt(c->st, sql);
	int		 rc;

	if (s == NULL)
		return SQLITE_ERROR;
	sqlite3_bind_text(s, 1, c->who->msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, query, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, next_offset);
	rc = store_step(c->st, s);
	sqlite3_reset(s);
	return rc;
}

int
cx_need_seller(struct cx *c, struct cx_seller *s)
{
	int	src = 0, found;

	found = cx_seller_by_msisdn(c->st, c->who->msisdn, s, &src);
	if (found < 0) {
		cx_db(c, src, "seller");
		return 0;
	}
	if (found == 0) {
		cx_end(c, ACT_NOT_REGISTERED, "com.not_registered");
		return 0;
	}
	return 1;
}

const char *
cx_price(int64_t rp, const char *unit, char *buf, size_t len)
{
	char	rup[32];

	act_rupiah(rp, rup, sizeof(rup));
	if (unit != NULL && unit[0] != '\0')
		snprintf(buf, len, "%s/%s", rup, unit);
	else
		snprintf(buf, len, "%s", rup);
	return buf;
}

const char *
cx_count(int64_t n, char *buf, size_t len)
{
	char	rup[40];

	/* act_rupiah groups thousands; drop its "Rp". */
	act_rupiah(n, rup, sizeof(rup));
	if (n < 0)
		snprintf(buf, len, "-%s", rup + 3);
	else
		snprintf(buf, len, "%s", rup + 2);
	return buf;
}

const char *
cx_shop_label(const char *shop, const char *lang, char *buf, size_t len)
{
	/* The words the templates would add: "Toko Pak Budi" stays as it
	 * is (also in English: Toko is the shop's own name there). */
	static const char *const words[] = { "toko", "shop" };
	size_t	 i, n;

	for (n = 0; shop[n] != '\0' && shop[n] != ' '; n++)
		;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && strncasecmp(shop, words[i], n) == 0) {
			snprintf(buf, len, "%s", shop);
			return buf;
		}
	snprintf(buf, len, "%s %s", strcmp(lang, "en") == 0 ? "Shop" : "Toko",
	    shop);
	return buf;
}

const char *
cx_state_word(const char *state, const char *lang)
{
	static const struct {
		const char	*state, *id, *en;
	} words[] = {
		{ "pending", "tunggu YA", "awaiting YES" },
		{ "confirmed", "dikonfirmasi", "confirmed" },
		{ "accepted", "diterima", "accepted" },
		{ "shipped", "dikirim", "shipped" },
		{ "delivered", "sampai", "delivered" },
		{ "cancelled", "batal", "cancelled" },
		{ "rejected", "ditolak", "rejected" },
		{ "expired", "kedaluwarsa", "expired" },
	};
	size_t	i;
	bool	en = strcmp(lang, "en") == 0;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i].state, state) == 0)
			return en ? words[i].en : words[i].id;
	return state;
}

const char *
commerce_lang(struct store *st, const char *msisdn, const char *dflt)
{
	static const char sql[] = "SELECT lang FROM numbers WHERE msisdn = ?1";
	sqlite3_stmt	*s = store_stmt(st, sql);
	const char	*lang = dflt;
	char		 got[8];

	if (s == NULL)
		return dflt;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	if (store_step(st, s) == SQLITE_ROW) {
		store_col_text(s, 0, got, sizeof(got));
		if (strcmp(got, "id") == 0)
			lang = "id";
		else if (strcmp(got, "en") == 0)
			lang = "en";
	}
	sqlite3_reset(s);
	return lang;
}

/* Records every number that writes in (language, list position). */
static int
number_touch(struct cx *c)
{
	static const char sql[] = "INSERT OR IGNORE INTO numbers (msisdn, "
	    "created_s) VALUES (?1, ?2)";
	sqlite3_stmt	*s = store_stmt(c->st, sql);
	int		 rc;

	if (s == NULL)
		return SQLITE_ERROR;
	sqlite3_bind_text(s, 1, c->who->msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, c->who->now_s);
	rc = store_step(c->st, s);
	sqlite3_reset(s);
	return rc;
}

static enum act_rc
cx_language(struct cx *c)
{
	static const char sql[] = "UPDATE numbers SET lang = ?2 WHERE msisdn = ?1";
	sqlite3_stmt	*s;
	char		 lang[3];
	int		 rc;

	if (strcasecmp(c->a->lang, "id") == 0)
		snprintf(lang, sizeof(lang), "id");
	else if (strcasecmp(c->a->lang, "en") == 0)
		snprintf(lang, sizeof(lang), "en");
	else
		return cx_end(c, ACT_INVALID, "lang.bad");
	if ((s = store_stmt(c->st, sql)) == NULL)
		return cx_db(c, SQLITE_ERROR, "lang");
	sqlite3_bind_text(s, 1, c->who->msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, lang, -1, SQLITE_TRANSIENT);
	rc = store_step(c->st, s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return cx_db(c, rc, "lang");
	/* The confirmation is in the new language. */
	snprintf(c->r->reply.lang, sizeof(c->r->reply.lang), "%s", lang);
	act_set(&c->r->reply, "lang", "%s", strcmp(lang, "en") == 0 ?
	    "English" : "Bahasa Indonesia");
	return cx_end(c, ACT_OK, "lang.ok");
}

static enum act_rc
cx_help(struct cx *c)
{
	if (c->a->text[0] != '\0') {
		act_set(&c->r->reply, "cmd", "%s", c->a->text);
		return cx_end(c, ACT_OK, "help.cmd");
	}
	return cx_end(c, ACT_OK, "help.ok");
}

/* Verbs a seller does in the USSD seller menus: the PIN guards these. */
static bool
verb_is_seller(enum verb v)
{
	switch (v) {
	case VERB_REGISTER:
	case VERB_SELL:
	case VERB_PRICE:
	case VERB_STOCK:
	case VERB_DELIST:
	case VERB_MY_PRODUCTS:
	case VERB_ACCEPT:
	case VERB_REJECT:
	case VERB_SHIP:
		return true;
	default:
		return false;
	}
}

/* True when the operator listed v in pin_commands ("JUAL,HAPUS"), by its
 * keyword or English alias (common/action.c). */
static bool
verb_needs_pin(const struct conf *cf, enum verb v)
{
	char	 list[sizeof(cf->pin_commands)], *w, *save;

	snprintf(list, sizeof(list), "%s", cf->pin_commands);
	for (w = strtok_r(list, ", \t", &save); w != NULL;
	    w = strtok_r(NULL, ", \t", &save))
		if (verb_by_word(w) == v)
			return true;
	return false;
}

/* The PIN gate before any command: 1 go on, 0 the request ended. A number
 * without a PIN (or not a seller) passes. */
static int
pin_gate(struct cx *c)
{
	struct cx_seller	 s;
	int			 src = 0, found;
	enum verb		 v = c->a->verb;
	bool			 need;

	if (v == VERB_PIN || v == VERB_HELP || v == VERB_LANGUAGE)
		return 1;
	need = c->a->pin[0] != '\0' || verb_needs_pin(c->cf, v) ||
	    (c->a->ussd && !c->a->pin_ok && verb_is_seller(v));
	if (!need)
		return 1;
	found = cx_seller_by_msisdn(c->st, c->who->msisdn, &s, &src);
	if (found < 0) {
		cx_db(c, src, "pin");
		return 0;
	}
	if (found == 0 || s.pin_hash[0] == '\0')
		return 1;
	return cx_pin_gate(c, &s);
}

/* Clears what a result's readers look at: rc, the reply's header and
 * counts, each row's count, the note count (cx_note clears a note it adds).
 * A memset of the whole ~34 KB struct cost ~34k instructions per MO. */
static void
result_reset(struct act_result *r)
{
	int	i;

	r->rc = ACT_OK;
	r->nnotes = 0;
	memset(&r->reply, 0, offsetof(struct act_msg, vars));
	r->reply.nvars = 0;
	for (i = 0; i < ACT_MAX_ROWS; i++)
		r->reply.rows[i].nvars = 0;
	r->reply.nrows = 0;
	r->reply.more = false;
}

enum act_rc
commerce_do(struct store *st, const struct conf *cf, const struct actor *who,
    const struct action *a, struct act_result *out)
{
	struct cx	c = { st, cf, who, a, out, "" };
	int		rc;

	result_reset(out);
	if (sodium_init() < 0)
		return cx_end(&c, ACT_ERR, "com.error");
	snprintf(c.lang, sizeof(c.lang), "%s", who->lang[0] != '\0' ?
	    who->lang : commerce_lang(st, who->msisdn, cf->default_lang));
	snprintf(out->reply.lang, sizeof(out->reply.lang), "%s", c.lang);
	if ((rc = number_touch(&c)) != SQLITE_DONE)
		return cx_db(&c, rc, "number");
	if (!pin_gate(&c))
		return out->rc;

	switch (a->verb) {
	case VERB_REGISTER:
		return cx_register(&c);
	case VERB_PIN:
		return cx_set_pin(&c);
	case VERB_SELL:
		return cx_sell(&c);
	case VERB_PRICE:
		return cx_set_price(&c);
	case VERB_STOCK:
		return cx_stock(&c);
	case VERB_DELIST:
		return cx_delist(&c);
	case VERB_MY_PRODUCTS:
		return cx_my_products(&c, a->ussd ?
		    (int64_t)a->page * COMMERCE_PAGE : 0);
	case VERB_ORDERS:
		if (a->is_order)
			return cx_order_info(&c);
		return cx_orders(&c, a->ussd ?
		    (int64_t)a->page * COMMERCE_PAGE : 0);
	case VERB_ACCEPT:
		return cx_accept(&c);
	case VERB_REJECT:
		return cx_reject(&c);
	case VERB_SHIP:
		return cx_ship(&c);
	case VERB_FIND:
		return cx_find(&c, a->text, a->ussd ?
		    (int64_t)a->page * COMMERCE_PAGE : 0);
	case VERB_MORE:
		return cx_more(&c);
	case VERB_INFO:
		return a->is_order ? cx_order_info(&c) : cx_info(&c);
	case VERB_BUY:
		return cx_buy(&c);
	case VERB_CONFIRM:
		return cx_confirm(&c);
	case VERB_CANCEL:
		return cx_cancel(&c);
	case VERB_RECEIVED:
		return cx_received(&c);
	case VERB_HELP:
		return cx_help(&c);
	case VERB_LANGUAGE:
		return cx_language(&c);
	default:
		return cx_end(&c, ACT_INVALID, "com.unknown");
	}
}
