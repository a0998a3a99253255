/* The commerce core's entry point: the request context, dispatch on the
 * verb, the PIN gate, languages, and the reply helpers the other files of
 * commerce/ share. */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "commerce/cx.h"
#include "common/log.h"

void
cx_tmpl(struct act_msg *m, enum tmpl t)
{
	const char	*name = commerce_tmpl_name(t);
	size_t		 n = strlen(name);

	if (n >= sizeof(m->tmpl))
		n = sizeof(m->tmpl) - 1;
	memcpy(m->tmpl, name, n);
	m->tmpl[n] = '\0';
}

enum act_rc
cx_end(struct cx *c, enum act_rc rc, enum tmpl t)
{
	c->res->rc = rc;
	cx_tmpl(&c->res->reply, t);
	return rc;
}

enum act_rc
cx_repo(struct cx *c, enum repo_rc rc, const char *where)
{
	char	m[LOG_MSISDN_LEN];

	log_warnx("commerce db from=%s at=%s rc=%d err=\"%s\"",
	    log_msisdn(c->who->msisdn, m, sizeof(m)), where, (int)rc,
	    c->r->ops->errmsg(c->r->be));
	/* Results are rolled back: drop any note already built. */
	c->res->nnotes = 0;
	return rc == REPO_BUSY ? cx_end(c, ACT_BUSY, TMPL_COM_BUSY) :
	    cx_end(c, ACT_ERR, TMPL_COM_ERROR);
}

struct act_msg *
cx_note(struct cx *c, const char *to, enum tmpl t)
{
	struct act_msg	*m;

	if (c->res->nnotes >= ACT_MAX_NOTES)
		return NULL;
	m = &c->res->notes[c->res->nnotes++];
	memset(m, 0, sizeof(*m));
	snprintf(m->to, sizeof(m->to), "%s", to);
	snprintf(m->lang, sizeof(m->lang), "%s",
	    commerce_lang_of(c->r, to, c->cf->default_lang));
	cx_tmpl(m, t);
	return m;
}

int
cx_need_seller(struct cx *c, struct seller *s)
{
	enum repo_rc	rc;

	rc = REPO(c, seller_get, c->who->msisdn, 0, s);
	if (rc == REPO_NOTFOUND) {
		cx_end(c, ACT_NOT_REGISTERED, TMPL_COM_NOT_REGISTERED);
		return 0;
	}
	if (rc != REPO_OK) {
		cx_repo(c, rc, "seller");
		return 0;
	}
	return 1;
}

int
cx_list_save(struct cx *c, const char *kind, const char *query,
    int64_t next_offset)
{
	enum repo_rc	rc;

	rc = REPO(c, list_save, c->who->msisdn, kind, query, next_offset);
	if (rc != REPO_OK) {
		cx_repo(c, rc, kind[0] != '\0' ? kind : "list");
		return -1;
	}
	return 0;
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
commerce_lang_of(const struct repo *r, const char *msisdn, const char *dflt)
{
	char	got[3];

	if (r->ops->number_lang(r->be, msisdn, got) != REPO_OK)
		return dflt;
	if (strcmp(got, "id") == 0)
		return "id";
	if (strcmp(got, "en") == 0)
		return "en";
	return dflt;
}

static enum act_rc
cx_language(struct cx *c)
{
	char		lang[3];
	enum repo_rc	rc;

	if (strcasecmp(c->a->lang, "id") == 0)
		snprintf(lang, sizeof(lang), "id");
	else if (strcasecmp(c->a->lang, "en") == 0)
		snprintf(lang, sizeof(lang), "en");
	else
		return cx_end(c, ACT_INVALID, TMPL_LANG_BAD);
	if ((rc = REPO(c, number_set_lang, c->who->msisdn, lang)) != REPO_OK)
		return cx_repo(c, rc, "lang");
	/* The confirmation is in the new language. */
	snprintf(c->res->reply.lang, sizeof(c->res->reply.lang), "%s", lang);
	act_set(&c->res->reply, "lang", "%s", strcmp(lang, "en") == 0 ?
	    "English" : "Bahasa Indonesia");
	return cx_end(c, ACT_OK, TMPL_LANG_OK);
}

static enum act_rc
cx_help(struct cx *c)
{
	if (c->a->text[0] != '\0') {
		act_set(&c->res->reply, "cmd", "%s", c->a->text);
		return cx_end(c, ACT_OK, TMPL_HELP_CMD);
	}
	return cx_end(c, ACT_OK, TMPL_HELP_OK);
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

	if (cf->pin_commands[0] == '\0')
		return false;
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
	struct seller	 s;
	enum repo_rc	 rc;
	enum verb	 v = c->a->verb;
	bool		 need;

	if (v == VERB_PIN || v == VERB_HELP || v == VERB_LANGUAGE)
		return 1;
	need = c->a->pin[0] != '\0' || verb_needs_pin(c->cf, v) ||
	    (c->a->ussd && !c->a->pin_ok && verb_is_seller(v));
	if (!need)
		return 1;
	rc = REPO(c, seller_get, c->who->msisdn, 0, &s);
	if (rc == REPO_NOTFOUND)
		return 1;
	if (rc != REPO_OK) {
		cx_repo(c, rc, "pin");
		return 0;
	}
	if (s.pin_hash[0] == '\0')
		return 1;
	return cx_pin_check(c, &s, c->a->pin);
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
commerce_act(const struct commerce *cm, const struct actor *who,
    const struct action *a, struct act_result *out)
{
	struct cx	 c = { cm->repo, cm->sec, cm->cf, who, a, out, "" };
	enum repo_rc	 rc;
	int64_t		 page = a->ussd ? (int64_t)a->page * COMMERCE_PAGE : 0;

	result_reset(out);
	snprintf(c.lang, sizeof(c.lang), "%s", who->lang[0] != '\0' ?
	    who->lang : commerce_lang_of(c.r, who->msisdn,
	    cm->cf->default_lang));
	snprintf(out->reply.lang, sizeof(out->reply.lang), "%s", c.lang);
	if ((rc = REPO(&c, number_touch, who->msisdn, who->now_s)) != REPO_OK)
		return cx_repo(&c, rc, "number");
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
		return cx_my_products(&c, page);
	case VERB_ORDERS:
		return a->is_order ? cx_order_info(&c) : cx_orders(&c, page);
	case VERB_ACCEPT:
		return cx_accept(&c);
	case VERB_REJECT:
		return cx_reject(&c);
	case VERB_SHIP:
		return cx_ship(&c);
	case VERB_FIND:
		return cx_find(&c, a->text, page);
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
		return cx_end(&c, ACT_INVALID, TMPL_COM_UNKNOWN);
	}
}

int
commerce_unlock(const struct repo *r, const char *msisdn)
{
	return r->ops->seller_unlock(r->be, msisdn) == REPO_OK ? 0 : -1;
}

int64_t
commerce_timer_next(const struct repo *r)
{
	int64_t	at;

	if (r->ops->order_next_timer(r->be, &at) != REPO_OK)
		return -1;
	return at;
}
