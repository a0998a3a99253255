/* The commerce core's entry point: dispatch on the verb (and, for LAGI, on
 * the kind of the sender's last list), the PIN gate and languages. The
 * helpers the handlers share are in cx.c. */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "commerce/cx.h"
#include "common/log.h"

/* LAGI: the next page of the sender's last list, by its kind. */
static enum act_rc
cx_more(struct cx *c)
{
	struct list_pos	lp;
	enum repo_rc	rc;

	if ((rc = REPO(c, list_get, c->who->msisdn, &lp)) != REPO_OK)
		return cx_repo(c, rc, "more");
	if (strcmp(lp.kind, "find") == 0)
		return cx_find(c, lp.query, lp.offset);
	if (strcmp(lp.kind, "my") == 0)
		return cx_my_products(c, lp.offset);
	if (strcmp(lp.kind, "orders") == 0)
		return cx_orders(c, lp.offset);
	if (strcmp(lp.kind, "mysellers") == 0)	/* assistants */
		return cx_my_sellers(c, lp.offset);
	if (strcmp(lp.kind, "subs") == 0)	/* promotions */
		return cx_promo_subs_more(c, lp.offset);
	if (strcmp(lp.kind, "jobs") == 0) {	/* couriers */
		if (cx_courier_jobs(c, lp.offset, true) != 0)
			return c->res->rc;
		return cx_end(c, ACT_NO_MORE, TMPL_MORE_NONE);
	}
	return cx_end(c, ACT_NO_MORE, TMPL_MORE_NONE);
}

static enum act_rc
cx_language(struct cx *c)
{
	const char	*lang;
	char		 buf[ACT_VAL_MAX];
	enum repo_rc	 rc;

	/* Any language the templates folder holds (commerce/lang.c). */
	if ((lang = commerce_lang_known(c->a->lang)) == NULL) {
		act_set(&c->res->reply, "langs", "%s",
		    commerce_lang_list(buf, sizeof(buf)));
		return cx_end(c, ACT_INVALID, TMPL_LANG_BAD);
	}
	if ((rc = REPO(c, number_set_lang, c->who->msisdn, lang)) != REPO_OK)
		return cx_repo(c, rc, "lang");
	/* The confirmation is in the new language. */
	snprintf(c->res->reply.lang, sizeof(c->res->reply.lang), "%s", lang);
	act_set(&c->res->reply, "lang", "%s",
	    commerce_lang_name(lang, buf, sizeof(buf)));
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
	case VERB_WEIGHT:
	case VERB_PAID:		/* issue 13, payment records */
	case VERB_COURIER:	/* couriers: KURIR */
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
	/* Through UNTUK: the assistant's own PIN was asked for (agent.c). */
	if (c->who->via[0] != '\0')
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
	return commerce_act_found(cm, who, a, NULL, out);
}

enum act_rc
commerce_act_found(const struct commerce *cm, const struct actor *who,
    const struct action *a, const struct commerce_find *f,
    struct act_result *out)
{
	struct cx	 c = { cm->repo, cm->sec, cm->cf, who, a, out, "", f };
	enum repo_rc	 rc;
	int64_t		 page = a->ussd ? (int64_t)a->page * COMMERCE_PAGE : 0;

	result_reset(out);
	snprintf(c.lang, sizeof(c.lang), "%s", who->lang[0] != '\0' ?
	    who->lang : commerce_lang_of(c.r, who->msisdn,
	    cm->cf->default_lang));
	snprintf(out->reply.lang, sizeof(out->reply.lang), "%s", c.lang);
	if ((rc = REPO(&c, number_touch, who->msisdn, who->now_s)) != REPO_OK)
		return cx_repo(&c, rc, "number");
	/* issue 13, privacy: an operator's block, then the PIN (HAPUS DATA
	 * asks for it itself: its one field may be the code or the PIN). */
	if (cx_blocked(&c) != 0)
		return out->rc;
	if (a->verb != VERB_ERASE && !pin_gate(&c))
		return out->rc;
	/* Assistants: on a seller's behalf only the commands UNTUK lists; a
	 * YA / TERIMA with a consent code is SETUJU. */
	if (who->via[0] != '\0' && !cx_for_allowed(a->verb)) {
		act_set(&out->reply, "cmd", "%s", verb_keyword(a->verb));
		return cx_end(&c, ACT_REFUSED, TMPL_FOR_REFUSED);
	}
	switch (cx_consent_redirect(&c)) {
	case -1:
		return out->rc;
	case 1:
		return cx_agree(&c);
	default:
		break;
	}

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
		if (a->is_order)
			return cx_order_info(&c);
		if (a->jobs)	/* couriers: the menus' "my jobs" */
			return cx_jobs(&c, page);
		/* couriers: an enrolled courier's open jobs first */
		if (!a->ussd && cx_courier_jobs(&c, page, false) != 0)
			return out->rc;
		return cx_orders(&c, page);
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
	/* places (programme.md section 1) */
	case VERB_VILLAGE:
		return cx_village(&c);
	case VERB_WEIGHT:
		return cx_set_weight(&c);
	/* issue 12, reports */
	case VERB_REPORT:
		return cx_report(&c);
	/* assistants */
	case VERB_ASSIST:
		return cx_assist(&c);
	case VERB_AGREE:
		return cx_agree(&c);
	case VERB_DECLINE:
		return cx_decline(&c);
	case VERB_FOR:
		return cx_for(&c);
	case VERB_REVOKE:
		return cx_revoke(&c);
	case VERB_MY_SELLERS:
		return cx_my_sellers(&c, page);
	/* promotions (programme.md section 6) */
	case VERB_STOP:
		return cx_promo_stop(&c);
	case VERB_START:
		return cx_promo_start(&c);
	case VERB_SUBSCRIBE:
		return cx_promo_subscribe(&c);
	/* issue 13, payment records */
	case VERB_PAID:
		return cx_paid(&c);
	/* couriers (commerce/courier.c) */
	case VERB_READY:
		return cx_ready(&c);
	case VERB_OFF:
		return cx_off(&c);
	case VERB_COURIER:
		return cx_assign(&c);
	case VERB_PICKUP:
		return cx_pickup(&c);
	case VERB_DELIVER:
		return cx_deliver(&c);
	case VERB_FAILED:
		return cx_fail(&c);
	/* issue 13, privacy */
	case VERB_MY_DATA:
		return cx_my_data(&c);
	case VERB_ERASE:
		return cx_erase(&c);
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
