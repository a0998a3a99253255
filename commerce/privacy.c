/* Privacy (programme.md section 6, UU PDP No. 27/2022): DATAKU (what is
 * kept about the sender, by category), HAPUS DATA (erasure after a code,
 * open orders first), the consent time behind DAFTAR's and a buyer's first
 * order's privacy line, and the operator block. The erasure itself is the
 * repository's (number_erase): it alone knows every place it keeps. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "commerce/cx.h"
#include "common/log.h"

#define ERASE_TTL_S	600	/* HAPUS DATA <kode> within 10 min */
#define ERASE_TRIES	3	/* wrong codes before the request is void */
#define ERASE_OPEN_MAX	6	/* open orders named in the reply */

/* "2025-06-01" in local time. */
static const char *
day_of(int64_t t_s, char *buf, size_t len)
{
	time_t		t = (time_t)t_s;
	struct tm	tm;

	if (t_s <= 0 || localtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d", &tm) == 0)
		snprintf(buf, len, "-");
	return buf;
}

/* "1 pending, 2 selesai" for the states with orders, "0" for none. */
static void
orders_by_state(const struct privacy_counts *pc, const char *lang, char *buf,
    size_t len)
{
	size_t	o = 0;
	int	s;

	buf[0] = '\0';
	for (s = ORDER_NONE + 1; s < ORDER__N && o + 1 < len; s++) {
		if (pc->orders[s] == 0)
			continue;
		o += (size_t)snprintf(buf + o, len - o, "%s%" PRId64 " %s",
		    o > 0 ? ", " : "", pc->orders[s],
		    commerce_state_word((enum order_state)s, lang));
	}
	if (buf[0] == '\0')
		snprintf(buf, len, "0");
}

enum act_rc
cx_my_data(struct cx *c)
{
	struct privacy_counts	pc;
	struct act_msg		*m = &c->res->reply;
	enum repo_rc		rc;
	char			b[ACT_VAL_MAX];

	if ((rc = REPO(c, privacy_counts, c->who->msisdn, &pc)) != REPO_OK)
		return cx_repo(c, rc, "mydata");
	act_set(m, "since", "%s", day_of(pc.since_s, b, sizeof(b)));
	act_set(m, "products", "%" PRId64, pc.products);
	act_set(m, "active", "%" PRId64, pc.products_active);
	act_set(m, "orders_n", "%" PRId64, pc.orders_total);
	orders_by_state(&pc, c->lang, b, sizeof(b));
	act_set(m, "orders", "%s", b);
	act_set(m, "agents", "%" PRId64, pc.agents);
	act_set(m, "subs", "%" PRId64, pc.subscriptions);
	act_set(m, "lang", "%s", pc.lang[0] != '\0' ? pc.lang : "-");
	if (!pc.seller)
		return cx_end(c, ACT_OK, TMPL_MYDATA_NONE);
	act_set(m, "shop", "%s", pc.shop);
	act_set(m, "village", "%s", pc.village[0] != '\0' ? pc.village : "-");
	return cx_end(c, ACT_OK, TMPL_MYDATA_OK);
}

/* Open orders keep the erasure back: 1 none, 0 the reply lists them (or
 * the request ended on an error). */
static int
erase_no_open(struct cx *c, int64_t seller_id)
{
	int64_t		ids[ERASE_OPEN_MAX + 1];
	enum repo_rc	rc;
	char		b[ACT_VAL_MAX];
	size_t		o = 0;
	int		n, i;

	/* Pending orders to the seller count too: she may TOLAK them. */
	if ((rc = REPO(c, erase_open, c->who->msisdn, seller_id, ids,
	    ERASE_OPEN_MAX + 1, &n)) != REPO_OK) {
		cx_repo(c, rc, "erase");
		return 0;
	}
	if (n == 0)
		return 1;
	b[0] = '\0';
	for (i = 0; i < n && i < ERASE_OPEN_MAX; i++)
		o += (size_t)snprintf(b + o, sizeof(b) - o, "%sO%" PRId64,
		    i > 0 ? " " : "", ids[i]);
	if (n > ERASE_OPEN_MAX && o + 4 < sizeof(b))
		snprintf(b + o, sizeof(b) - o, " ...");
	act_set(&c->res->reply, "orders", "%s", b);
	cx_end(c, ACT_REFUSED, TMPL_ERASE_OPEN);
	return 0;
}

/* HAPUS DATA with the code of a request waiting for it. */
static enum act_rc
erase_with_code(struct cx *c, const unsigned char *sealed, size_t len,
    int attempts, int64_t expires_s, int64_t seller_id)
{
	enum repo_rc	rc;
	int		left;

	if (!c->sec->code_check(c->sec->arg, sealed, len, c->a->confirm_code)) {
		if (++attempts >= ERASE_TRIES) {
			if ((rc = REPO(c, erase_set, c->who->msisdn, NULL, 0, 0,
			    0)) != REPO_OK)
				return cx_repo(c, rc, "erase");
			return cx_end(c, ACT_CODE_CANCELLED, TMPL_ERASE_VOID);
		}
		if ((rc = REPO(c, erase_set, c->who->msisdn, sealed, len,
		    attempts, expires_s)) != REPO_OK)
			return cx_repo(c, rc, "erase");
		left = ERASE_TRIES - attempts;
		act_set(&c->res->reply, "left", "%d", left);
		return cx_end(c, ACT_WRONG_CODE, TMPL_ERASE_WRONG);
	}
	/* Orders opened since the code was sent still hold it back. */
	if (!erase_no_open(c, seller_id))
		return c->res->rc;
	if ((rc = REPO(c, number_erase, c->who->msisdn,
	    c->cf->country_code, c->who->now_s)) !=
	    REPO_OK)
		return cx_repo(c, rc, "erase");
	return cx_end(c, ACT_OK, TMPL_ERASE_DONE);
}

enum act_rc
cx_erase(struct cx *c)
{
	unsigned char	sealed[REPO_CODE_BLOB];
	size_t		len = 0;
	struct seller	s;
	enum repo_rc	rc;
	int64_t		expires_s = 0, seller_id = -1;
	int		attempts = 0, code;
	bool		waiting;

	rc = REPO(c, seller_get, c->who->msisdn, 0, &s);
	if (rc != REPO_OK && rc != REPO_NOTFOUND)
		return cx_repo(c, rc, "erase");
	if (rc == REPO_OK)
		seller_id = s.id;
	rc = REPO(c, erase_get, c->who->msisdn, sealed, &len, &attempts,
	    &expires_s);
	if (rc != REPO_OK && rc != REPO_NOTFOUND)
		return cx_repo(c, rc, "erase");
	waiting = rc == REPO_OK && expires_s > c->who->now_s;
	if (waiting && c->a->confirm_code >= 0)
		return erase_with_code(c, sealed, len, attempts, expires_s,
		    seller_id);
	if (!waiting && c->a->confirm_code >= 0 && (seller_id < 0 ||
	    s.pin_hash[0] == '\0'))
		/* A code but nothing waits for it (and no PIN it could be). */
		return cx_end(c, ACT_NO_PENDING, TMPL_ERASE_NONE);
	/* A new request: the seller's PIN as the last field when one is set. */
	if (seller_id >= 0 && s.pin_hash[0] != '\0' &&
	    !cx_pin_check(c, &s, c->a->pin))
		return c->res->rc;
	if (!erase_no_open(c, seller_id))
		return c->res->rc;
	code = c->sec->code_new(c->sec->arg);
	c->sec->code_seal(c->sec->arg, code, sealed);
	rc = REPO(c, erase_set, c->who->msisdn, sealed, sizeof(sealed), 0,
	    c->who->now_s + ERASE_TTL_S);
	memset(sealed, 0, sizeof(sealed));
	if (rc != REPO_OK)
		return cx_repo(c, rc, "erase");
	act_set(&c->res->reply, "code", "%04d", code);
	act_set(&c->res->reply, "minutes", "%d", ERASE_TTL_S / 60);
	return cx_end(c, ACT_OK, TMPL_ERASE_ASK);
}

int
cx_consent(struct cx *c, bool seller, bool *first)
{
	enum repo_rc	rc;

	*first = false;
	if ((rc = REPO(c, consent_mark, c->who->msisdn, seller, c->who->now_s,
	    first)) != REPO_OK) {
		cx_repo(c, rc, "consent");
		return -1;
	}
	return 0;
}

int
cx_blocked(struct cx *c)
{
	enum repo_rc	rc;
	bool		yes = false;

	/* Privacy rights stay: a blocked number may still see and erase. */
	if (c->a->verb == VERB_MY_DATA || c->a->verb == VERB_ERASE)
		return 0;
	if ((rc = REPO(c, number_blocked, c->who->msisdn, &yes)) != REPO_OK) {
		cx_repo(c, rc, "block");
		return -1;
	}
	if (!yes)
		return 0;
	/* issue 15, operators: one notice by SMS, then no reply at all (the
	 * MO is stored and acknowledged); a USSD screen always says why. */
	if (!c->a->ussd) {
		if ((rc = REPO(c, block_notice, c->who->msisdn, c->who->now_s,
		    &yes)) != REPO_OK) {
			cx_repo(c, rc, "block");
			return -1;
		}
		if (!yes) {
			c->res->rc = ACT_REFUSED;
			c->res->reply.tmpl[0] = '\0';
			return 1;
		}
	}
	cx_end(c, ACT_REFUSED, TMPL_COM_BLOCKED);
	return 1;
}
