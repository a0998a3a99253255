/* Digital assistants (programme.md section 2): consent by DAMPINGI and
 * SETUJU / TIDAK from the seller's own phone, UNTUK running a listed
 * seller command as the linked seller with the assistant recorded as via,
 * CABUT and BINAAN. Consent codes are sealed through the secrets
 * interface, never stored plain. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "commerce/cx.h"
#include "common/log.h"

#define CONSENT_TRIES		3	/* wrong codes that void a request */
#define CONSENT_PAIR_S		86400	/* one request per assistant and number */
#define CONSENT_MAX		8	/* pending requests of one number looked at */

/* The seller commands UNTUK may run, keyed by verb: a command another
 * part adds (DESA, BERAT, KURIR, LUNAS, GAGAL) is one row here. */
static const enum verb for_verbs[] = {
	VERB_REGISTER,		/* DAFTAR */
	VERB_SELL,		/* JUAL */
	VERB_PRICE,		/* HARGA */
	VERB_STOCK,		/* STOK */
	VERB_DELIST,		/* HAPUS <kode> */
	VERB_MY_PRODUCTS,	/* PRODUK */
	VERB_ORDERS,		/* PESANAN */
	VERB_ACCEPT,		/* TERIMA */
	VERB_REJECT,		/* TOLAK */
	VERB_SHIP,		/* KIRIM */
	VERB_CANCEL,		/* BATAL */
	VERB_VILLAGE,		/* DESA (places) */
	VERB_WEIGHT,		/* BERAT (export) */
	VERB_PAID,		/* LUNAS (issue 13, payment records) */
	VERB_COURIER,		/* KURIR (couriers) */
	VERB_FAILED,		/* GAGAL (couriers) */
};

bool
cx_for_allowed(enum verb v)
{
	size_t	i;

	for (i = 0; i < sizeof(for_verbs) / sizeof(for_verbs[0]); i++)
		if (for_verbs[i] == v)
			return true;
	return false;
}

/* Local midnight of the day (month: its first day) holding now_s; time.zone
 * is the process's TZ (conf_apply_zone). */
static int64_t
local_start(int64_t now_s, bool month)
{
	time_t		t = (time_t)now_s;
	struct tm	tm;

	if (localtime_r(&t, &tm) == NULL)
		return now_s - now_s % 86400;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	if (month)
		tm.tm_mday = 1;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* A number as people write it: "+62812..." -> "0812..." in the configured
 * country, else as stored. */
static const char *
number_local(const struct cx *c, const char *e164, char *buf, size_t len)
{
	size_t	n = strlen(c->cf->country_code);

	if (e164[0] == '+' && strncmp(e164 + 1, c->cf->country_code, n) == 0)
		snprintf(buf, len, "0%s", e164 + 1 + n);
	else
		snprintf(buf, len, "%s", e164);
	return buf;
}

/*
 * A number DAMPINGI may ask: a mobile number of the configured country.
 * For Indonesia (62) a mobile number is 08xx in national form, 10 to 13
 * digits with the 0: "+628" and 8 to 11 more digits (fixed lines start
 * 0 and an area code such as 021 or 0274). For another country code, any
 * number of that country.
 */
static bool
mobile_ok(const struct cx *c, const char *e164)
{
	const char	*cc = c->cf->country_code, *p;
	size_t		 n = strlen(cc), len;

	if (e164[0] != '+' || strncmp(e164 + 1, cc, n) != 0)
		return false;
	p = e164 + 1 + n;
	len = strlen(p);
	if (strcmp(cc, "62") != 0)
		return len >= 6;
	return p[0] == '8' && len >= 9 && len <= 12;
}

/* The sender must be an enrolled assistant: 1 loaded, else 0 (ended:
 * ACT_NOT_AGENT, naming BANTUAN, or a repository error). */
static int
need_agent(struct cx *c, const char *msisdn, struct agent *ag)
{
	enum repo_rc	rc = REPO(c, agent_get, msisdn, ag);

	if (rc == REPO_NOTFOUND) {
		cx_end(c, ACT_NOT_AGENT, TMPL_AGENT_ONLY);
		return 0;
	}
	if (rc != REPO_OK) {
		cx_repo(c, rc, "agent");
		return 0;
	}
	return 1;
}

static enum repo_rc
agent_fails_save(struct cx *c, const void *owner, int fails,
    int64_t locked_until)
{
	const struct agent	*ag = owner;

	return REPO(c, agent_pin_fails, ag->msisdn, fails, locked_until);
}

/* The assistant's own PIN, by the seller PIN rules: 1 right, 0 refused
 * (ended). */
static int
agent_pin_check(struct cx *c, struct agent *ag, const char *pin)
{
	const struct cx_pin	p = { ag->pin_hash, &ag->pin_fails,
	    &ag->pin_locked_until, agent_fails_save, ag, "agent pin" };

	return cx_pin_verify(c, &p, pin);
}

enum act_rc
cx_agent_set_pin(struct cx *c)
{
	struct agent	 ag;
	char		 hash[sizeof(ag.pin_hash)];
	const char	*old;
	enum repo_rc	 rc;
	bool		 had;

	if (!need_agent(c, c->who->msisdn, &ag))
		return c->res->rc;
	had = ag.pin_hash[0] != '\0';
	if (had) {
		old = c->a->pin_old[0] != '\0' ? c->a->pin_old : c->a->pin;
		if (old[0] == '\0' && ag.pin_locked_until <= c->who->now_s)
			return cx_end(c, ACT_PIN_REQUIRED, TMPL_PIN_NEED_OLD);
		if (!agent_pin_check(c, &ag, old))
			return c->res->rc;
	}
	if (!cx_pin_valid(c->a->pin_new))
		return cx_end(c, ACT_PIN_BAD, TMPL_PIN_BAD);
	if (c->sec->pin_hash(c->sec->arg, c->a->pin_new, hash, sizeof(hash),
	    c->cf->pin_opslimit, c->cf->pin_memlimit) != 0)
		return cx_end(c, ACT_ERR, TMPL_COM_ERROR);
	rc = REPO(c, agent_set_pin, ag.msisdn, hash);
	memset(hash, 0, sizeof(hash));
	if (rc != REPO_OK)
		return cx_repo(c, rc, "agent pin");
	return cx_end(c, ACT_OK, had ? TMPL_PIN_CHANGED : TMPL_PIN_SET);
}

/* DAMPINGI <nomor>. */
enum act_rc
cx_assist(struct cx *c)
{
	struct agent		 ag;
	struct consent_counts	 k;
	struct act_msg		*m;
	unsigned char		 sealed[REPO_CODE_BLOB];
	const char		*to = c->a->target;
	int64_t			 now = c->who->now_s;
	char			 b[24];
	enum repo_rc		 rc;
	int			 code;
	bool			 blocked = false;

	if (!need_agent(c, c->who->msisdn, &ag))
		return c->res->rc;
	act_set(&c->res->reply, "number", "%s", number_local(c, to, b,
	    sizeof(b)));
	if (strcmp(to, c->who->msisdn) == 0)
		return cx_end(c, ACT_REFUSED, TMPL_ASSIST_SELF);
	if (!mobile_ok(c, to))
		return cx_end(c, ACT_REFUSED, TMPL_ASSIST_BAD_NUMBER);
	/* issue 15, operators: a blocked number is never asked; the
	 * assistant is not told why */
	if ((rc = REPO(c, number_blocked, to, &blocked)) != REPO_OK)
		return cx_repo(c, rc, "assist");
	if (blocked)
		return cx_end(c, ACT_REFUSED, TMPL_ASSIST_UNAVAILABLE);
	if ((rc = REPO(c, link_get, ag.msisdn, to)) == REPO_OK)
		return cx_end(c, ACT_REFUSED, TMPL_ASSIST_LINKED);
	if (rc != REPO_NOTFOUND)
		return cx_repo(c, rc, "assist");
	if ((rc = REPO(c, consent_counts, ag.msisdn, to, local_start(now,
	    false), now, now - (int64_t)c->cf->agents_declined_days * 86400,
	    &k)) != REPO_OK)
		return cx_repo(c, rc, "assist");
	if (k.refused_30d > 0) {
		act_set(&c->res->reply, "days", "%d",
		    c->cf->agents_declined_days);
		return cx_end(c, ACT_REFUSED, TMPL_ASSIST_DECLINED);
	}
	if (k.agent_day >= c->cf->agents_requests_per_day) {
		act_set(&c->res->reply, "max", "%d",
		    c->cf->agents_requests_per_day);
		return cx_end(c, ACT_REFUSED, TMPL_ASSIST_LIMIT_DAY);
	}
	if (k.pair_24h > 0)
		return cx_end(c, ACT_REFUSED, TMPL_ASSIST_LIMIT_PAIR);
	/* Other assistants who asked today: this one would be one more. */
	if (k.number_agents_day >= c->cf->agents_per_number_day) {
		act_set(&c->res->reply, "max", "%d",
		    c->cf->agents_per_number_day);
		return cx_end(c, ACT_REFUSED, TMPL_ASSIST_LIMIT_NUMBER);
	}
	code = c->sec->code_new(c->sec->arg);
	c->sec->code_seal(c->sec->arg, code, sealed);
	if ((rc = REPO(c, consent_add, ag.msisdn, to, sealed, sizeof(sealed),
	    now, now + c->cf->agents_consent_s)) != REPO_OK)
		return cx_repo(c, rc, "assist");
	act_set(&c->res->reply, "minutes", "%d",
	    (c->cf->agents_consent_s + 59) / 60);
	if ((m = cx_note(c, to, TMPL_ASSIST_ASK)) != NULL) {
		act_set(m, "name", "%s", ag.name);
		act_set(m, "agent", "%s", number_local(c, ag.msisdn, b,
		    sizeof(b)));
		act_set(m, "code", "%04d", code);
		act_set(m, "minutes", "%d", (c->cf->agents_consent_s + 59) / 60);
	}
	return cx_end(c, ACT_OK, TMPL_ASSIST_SENT);
}

/* The sender's pending request whose code is code: its index in p[0..n),
 * or -1. */
static int
consent_find(struct cx *c, int code, struct consent_pending *p, int *n)
{
	enum repo_rc	rc;
	int		i;

	if ((rc = REPO(c, consent_pending, c->who->msisdn, c->who->now_s, p,
	    CONSENT_MAX, n)) != REPO_OK) {
		cx_repo(c, rc, "consent");
		return -2;
	}
	for (i = 0; code >= 0 && i < *n; i++)
		if (p[i].sealed_len > 0 && c->sec->code_check(c->sec->arg,
		    p[i].sealed, p[i].sealed_len, code))
			return i;
	return -1;
}

/* SETUJU (agree) or TIDAK <kode>, from the number the code went to. */
static enum act_rc
consent_answer(struct cx *c, bool agree, int code)
{
	struct consent_pending	 p[CONSENT_MAX];
	struct agent		 ag = { .msisdn = "" };
	struct act_msg		*m;
	int64_t			 now = c->who->now_s;
	enum repo_rc		 rc;
	char			 b[24];
	int			 n, i, hit, worst = 0;

	if (c->who->via[0] != '\0')
		return cx_end(c, ACT_REFUSED, TMPL_FOR_REFUSED);
	if ((hit = consent_find(c, code, p, &n)) == -2)
		return c->res->rc;
	if (n == 0)
		return cx_end(c, ACT_NO_PENDING, TMPL_CONSENT_NONE);
	if (hit < 0) {
		/* A wrong code counts against every pending request. */
		for (i = 0; i < n; i++) {
			p[i].attempts++;
			if ((rc = REPO(c, consent_set, p[i].id, p[i].attempts >=
			    CONSENT_TRIES ? "void" : "pending", p[i].attempts,
			    now)) != REPO_OK)
				return cx_repo(c, rc, "consent");
			if (p[i].attempts < CONSENT_TRIES &&
			    (worst == 0 || CONSENT_TRIES - p[i].attempts < worst))
				worst = CONSENT_TRIES - p[i].attempts;
		}
		if (worst == 0)
			return cx_end(c, ACT_CODE_CANCELLED, TMPL_CONSENT_VOID);
		act_set(&c->res->reply, "left", "%d", worst);
		return cx_end(c, ACT_WRONG_CODE, TMPL_CONSENT_WRONG);
	}
	rc = REPO(c, agent_get, p[hit].agent, &ag);
	if (rc != REPO_OK && rc != REPO_NOTFOUND)
		return cx_repo(c, rc, "consent");
	/* An assistant removed since: the request is void, nothing linked. */
	if ((rc = REPO(c, consent_set, p[hit].id, rc == REPO_NOTFOUND ? "void" :
	    agree ? "accepted" : "refused", p[hit].attempts, now)) != REPO_OK)
		return cx_repo(c, rc, "consent");
	if (strcmp(ag.msisdn, p[hit].agent) != 0)
		return cx_end(c, ACT_NO_PENDING, TMPL_CONSENT_NONE);
	act_set(&c->res->reply, "name", "%s", ag.name);
	act_set(&c->res->reply, "agent", "%s", number_local(c, ag.msisdn, b,
	    sizeof(b)));
	if (agree) {
		rc = REPO(c, link_get, ag.msisdn, c->who->msisdn);
		if (rc == REPO_NOTFOUND)
			rc = REPO(c, link_add, ag.msisdn, c->who->msisdn, now);
		if (rc != REPO_OK)
			return cx_repo(c, rc, "consent");
	}
	if ((m = cx_note(c, ag.msisdn, agree ? TMPL_AGREE_NOTIFY :
	    TMPL_DECLINE_NOTIFY)) != NULL)
		act_set(m, "seller", "%s", number_local(c, c->who->msisdn, b,
		    sizeof(b)));
	return cx_end(c, ACT_OK, agree ? TMPL_AGREE_OK : TMPL_DECLINE_OK);
}

enum act_rc
cx_agree(struct cx *c)
{
	/* TERIMA <4 digits> taken as SETUJU carries the code in a->code. */
	return consent_answer(c, true, c->a->verb == VERB_ACCEPT ?
	    (int)c->a->code : c->a->confirm_code);
}

enum act_rc
cx_decline(struct cx *c)
{
	return consent_answer(c, false, c->a->confirm_code);
}

/* YA <kode> / TERIMA <kode> that is a consent code: 1 when the code
 * matches a pending consent request of the sender and nothing the order
 * verb would take (a pending order's code for YA; for TERIMA, a code
 * typed with 'O', or the number of an order of the sender's to accept),
 * else 0; -1 on a repository error (ended). Never through UNTUK. */
int
cx_consent_redirect(struct cx *c)
{
	struct consent_pending	 p[CONSENT_MAX];
	struct order_pending	 op[REPO_PENDING_MAX];
	struct order		 o;
	struct seller		 s;
	enum repo_rc		 rc;
	int			 code, n, i;

	if (c->who->via[0] != '\0' || c->a->ussd)
		return 0;
	if (c->a->verb == VERB_CONFIRM)
		code = c->a->confirm_code;
	else if (c->a->verb == VERB_ACCEPT && c->a->bare_code)
		code = (int)c->a->code;
	else
		return 0;
	if (code < 1000 || code > 9999)
		return 0;
	if ((i = consent_find(c, code, p, &n)) == -2)
		return -1;
	if (i < 0)
		return 0;
	if (c->a->verb == VERB_CONFIRM) {
		rc = REPO(c, order_pending, c->who->msisdn, c->who->now_s, op,
		    REPO_PENDING_MAX, &n);
		if (rc != REPO_OK) {
			cx_repo(c, rc, "consent");
			return -1;
		}
		for (i = 0; i < n; i++)
			if (op[i].sealed_len > 0 && c->sec->code_check(
			    c->sec->arg, op[i].sealed, op[i].sealed_len, code))
				return 0;
		return 1;
	}
	rc = REPO(c, order_get, (int64_t)code, &o, NULL, &s);
	if (rc == REPO_OK && strcmp(s.msisdn, c->who->msisdn) == 0 &&
	    o.state == ORDER_CONFIRMED)
		return 0;
	if (rc != REPO_OK && rc != REPO_NOTFOUND) {
		cx_repo(c, rc, "consent");
		return -1;
	}
	return 1;
}

/* "JUAL P17 Keripik Rp15.000 20": what a command through UNTUK changed,
 * from its reply's values, named in the seller's language. */
static void
what_changed(const struct act_msg *r, enum verb v, const char *lang, char *out,
    size_t len)
{
	static const char *const keys[] = { "code", "order", "name", "shop",
		"village", "new", "price", "stock", "weight", "paid" };
	/* An order command: the order's code says it all (its reply also
	 * carries the unit price, which is no change); LUNAS also the
	 * payment recorded. */
	bool		 order = v == VERB_ACCEPT || v == VERB_REJECT ||
			    v == VERB_SHIP || v == VERB_CANCEL ||
			    v == VERB_PAID;
	const char	*val, *last = "";
	size_t		 i, o;

	o = (size_t)snprintf(out, len, "%s", strcmp(lang, "en") == 0 ?
	    verb_alias_en(v) : verb_keyword(v));
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]) && o < len; i++) {
		if ((val = act_get(r, keys[i])) == NULL || val[0] == '\0' ||
		    strcmp(val, last) == 0)
			continue;
		if (order && strcmp(keys[i], "code") != 0 &&
		    strcmp(keys[i], "order") != 0 &&
		    strcmp(keys[i], "paid") != 0)
			continue;
		o += (size_t)snprintf(out + o, len - o, " %s", val);
		last = val;
	}
}

/* UNTUK <nomor> <perintah...>: the inner command as the linked seller. */
enum act_rc
cx_for(struct cx *c)
{
	struct agent		 ag;
	struct actor		 as;
	struct commerce		 cm = { c->r, c->sec, c->cf };
	const struct action	*in = c->a->inner;
	const char		*to = c->a->target;
	struct act_msg		*m;
	enum repo_rc		 rc;
	enum act_rc		 arc;
	char			 b[24], what[ACT_VAL_MAX];

	if (!need_agent(c, c->who->msisdn, &ag))
		return c->res->rc;
	if (c->who->via[0] != '\0')		/* UNTUK inside UNTUK */
		return cx_end(c, ACT_REFUSED, TMPL_FOR_REFUSED);
	if (c->cf->agents_pin_required && !c->a->pin_ok &&
	    !agent_pin_check(c, &ag, c->a->pin))
		return c->res->rc;
	act_set(&c->res->reply, "number", "%s", number_local(c, to, b,
	    sizeof(b)));
	if (strcmp(to, c->who->msisdn) == 0)
		return cx_end(c, ACT_REFUSED, TMPL_FOR_SELF);
	if (in == NULL)
		return cx_end(c, ACT_INVALID, TMPL_FOR_BAD);
	if (!cx_for_allowed(in->verb)) {
		act_set(&c->res->reply, "cmd", "%s", strcmp(c->lang, "en") ==
		    0 ? verb_alias_en(in->verb) : verb_keyword(in->verb));
		return cx_end(c, ACT_REFUSED, TMPL_FOR_REFUSED);
	}
	if ((rc = REPO(c, link_get, ag.msisdn, to)) == REPO_NOTFOUND)
		return cx_end(c, ACT_NOT_LINKED, TMPL_FOR_NOT_LINKED);
	if (rc != REPO_OK)
		return cx_repo(c, rc, "for");

	memset(&as, 0, sizeof(as));
	snprintf(as.msisdn, sizeof(as.msisdn), "%s", to);
	snprintf(as.via, sizeof(as.via), "%s", ag.msisdn);
	snprintf(as.lang, sizeof(as.lang), "%s", c->lang);	/* the reply's */
	as.now_s = c->who->now_s;
	if ((rc = REPO(c, audit_via, ag.msisdn)) != REPO_OK)
		return cx_repo(c, rc, "for");
	arc = commerce_act_found(&cm, &as, in, NULL, c->res);
	REPO(c, audit_via, NULL);
	if (arc == ACT_BUSY || arc == ACT_ERR)
		return arc;
	if ((rc = REPO(c, agent_action_add, ag.msisdn, to,
	    verb_keyword(in->verb), c->who->now_s)) != REPO_OK)
		return cx_repo(c, rc, "for");
	if (arc == ACT_OK && verb_mutates(in->verb) &&
	    (m = cx_note(c, to, TMPL_FOR_NOTIFY)) != NULL) {
		what_changed(&c->res->reply, in->verb, m->lang, what,
		    sizeof(what));
		act_set(m, "name", "%s", ag.name);
		act_set(m, "agent", "%s", number_local(c, ag.msisdn, b,
		    sizeof(b)));
		act_set(m, "what", "%s", what);
	}
	return arc;
}

/* CABUT <nomor asisten>, by the seller. */
enum act_rc
cx_revoke(struct cx *c)
{
	struct act_msg	*m;
	enum repo_rc	 rc;
	char		 b[24];

	if (c->who->via[0] != '\0')
		return cx_end(c, ACT_REFUSED, TMPL_FOR_REFUSED);
	act_set(&c->res->reply, "agent", "%s", number_local(c, c->a->target, b,
	    sizeof(b)));
	rc = REPO(c, link_end, c->a->target, c->who->msisdn, "seller",
	    c->who->now_s);
	if (rc == REPO_NOTFOUND)
		return cx_end(c, ACT_NOT_LINKED, TMPL_REVOKE_NONE);
	if (rc != REPO_OK)
		return cx_repo(c, rc, "revoke");
	if ((m = cx_note(c, c->a->target, TMPL_REVOKE_NOTIFY)) != NULL)
		act_set(m, "seller", "%s", number_local(c, c->who->msisdn, b,
		    sizeof(b)));
	return cx_end(c, ACT_OK, TMPL_REVOKE_OK);
}

/* BINAAN: the assistant's linked sellers, a page from offset. */
enum act_rc
cx_my_sellers(struct cx *c, int64_t offset)
{
	struct agent			 ag;
	struct agent_seller_line	 l[COMMERCE_PAGE + 1];
	struct act_msg			*m = &c->res->reply;
	int64_t				 total;
	enum repo_rc			 rc;
	char				 b[48];
	size_t				 len;
	int				 n, i;

	if (!need_agent(c, c->who->msisdn, &ag))
		return c->res->rc;
	if ((rc = REPO(c, agent_sellers, ag.msisdn, local_start(c->who->now_s,
	    true), offset, l, COMMERCE_PAGE + 1, &n, &total)) != REPO_OK)
		return cx_repo(c, rc, "mysellers");
	act_set(m, "count", "%s", cx_count(total, b, sizeof(b)));
	n = cx_page_cut(c, n);
	for (i = 0; i < n; i++) {
		struct act_row	*r = &m->rows[m->nrows++];

		/* Only the last four digits of the seller's number. */
		len = strlen(l[i].seller);
		act_row_set(r, "number", "*%s", len > 4 ? l[i].seller + len -
		    4 : l[i].seller);
		act_row_set(r, "shop", "%s", l[i].shop[0] != '\0' ? l[i].shop :
		    "-");
		act_row_set(r, "products", "%" PRId64, l[i].products);
		act_row_set(r, "done", "%" PRId64, l[i].completed);
		/* Not shown (mysellers.row does not name it): what a USSD pick
		 * saves. */
		act_row_set(r, "seller", "%s", l[i].seller);
	}
	return cx_page_end(c, "mysellers", offset, n, TMPL_MYSELLERS_EMPTY,
	    TMPL_MYSELLERS_OK);
}
