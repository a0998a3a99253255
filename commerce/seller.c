/* Sellers: DAFTAR (registering, renaming; a DAFTAR without a village keeps
 * the stored one) and PINs: setting, changing, checking with a failure
 * count and time lock. Hashing is the secrets interface's. */
#include <stdio.h>
#include <string.h>

#include "commerce/cx.h"
#include "common/log.h"

enum act_rc
cx_register(struct cx *c)
{
	struct seller	 old;
	const char	*village;
	char		 label[96];
	enum repo_rc	 rc;
	bool		 found, first;

	if (c->a->text[0] == '\0')
		return cx_end(c, ACT_INVALID, TMPL_REGISTER_NO_NAME);
	rc = REPO(c, seller_get, c->who->msisdn, 0, &old);
	if (rc != REPO_OK && rc != REPO_NOTFOUND)
		return cx_repo(c, rc, "register");
	found = rc == REPO_OK;
	if ((rc = REPO(c, seller_save, c->who->msisdn, c->a->text,
	    c->a->village, c->who->now_s)) != REPO_OK)
		return cx_repo(c, rc, "register");
	/* issue 13, privacy: DAFTAR's reply carries the privacy line; its
	 * time is the seller's consent. */
	if (!found && cx_consent(c, true, &first) != 0)
		return c->res->rc;
	/* The village in force: the one given, else the one kept. */
	village = c->a->village[0] != '\0' ? c->a->village :
	    found ? old.village : "";
	act_set(&c->res->reply, "shop", "%s", c->a->text);
	act_set(&c->res->reply, "shop_label", "%s",
	    cx_shop_label(c->a->text, c->lang, label, sizeof(label)));
	act_set(&c->res->reply, "village", "%s",
	    village[0] != '\0' ? village : "-");
	/* places: a village typed is matched against the loaded list. */
	if (c->a->village[0] != '\0') {
		enum cx_placed	po;

		if ((rc = REPO(c, seller_get, c->who->msisdn, 0, &old)) !=
		    REPO_OK)
			return cx_repo(c, rc, "register");
		if (cx_place_register(c, &old, c->a->village, c->a->district,
		    &po) != 0)
			return c->res->rc;
		if (po == CX_PLACED_MANY)
			return cx_end(c, ACT_OK, TMPL_PLACE_CHOOSE);
		if (po == CX_PLACED_UNKNOWN)
			return cx_end(c, ACT_OK, TMPL_REGISTER_UNPLACED);
	}
	return cx_end(c, ACT_OK, found ? TMPL_REGISTER_UPDATED :
	    TMPL_REGISTER_OK);
}

bool
cx_pin_valid(const char *pin)
{
	size_t	n = strlen(pin), i;

	if (n < 4 || n > 6)
		return false;
	for (i = 0; i < n; i++)
		if (pin[i] < '0' || pin[i] > '9')
			return false;
	return true;
}

static int64_t
minutes_left(int64_t until, int64_t now)
{
	return (until - now + 59) / 60;
}

int
cx_pin_verify(struct cx *c, const struct cx_pin *p, const char *pin)
{
	int64_t		now = c->who->now_s;
	enum repo_rc	rc;

	if (*p->locked_until > now) {
		act_set(&c->res->reply, "minutes", "%lld",
		    (long long)minutes_left(*p->locked_until, now));
		cx_end(c, ACT_PIN_LOCKED, TMPL_COM_PIN_LOCKED);
		return 0;
	}
	if (pin[0] == '\0' || p->hash[0] == '\0') {
		cx_end(c, ACT_PIN_REQUIRED, TMPL_COM_PIN_REQUIRED);
		return 0;
	}
	if (cx_pin_valid(pin) && c->sec->pin_check(c->sec->arg, p->hash,
	    pin)) {
		if (*p->fails != 0 || *p->locked_until != 0) {
			if ((rc = p->save(c, p->owner, 0, 0)) != REPO_OK) {
				cx_repo(c, rc, p->what);
				return 0;
			}
			*p->fails = 0;
			*p->locked_until = 0;
		}
		return 1;
	}
	if (++*p->fails >= c->cf->pin_max_fail) {
		*p->fails = 0;
		*p->locked_until = now + c->cf->pin_lock_s;
	}
	if ((rc = p->save(c, p->owner, *p->fails, *p->locked_until)) !=
	    REPO_OK) {
		cx_repo(c, rc, p->what);
		return 0;
	}
	if (*p->locked_until > now) {
		act_set(&c->res->reply, "minutes", "%lld",
		    (long long)minutes_left(*p->locked_until, now));
		cx_end(c, ACT_PIN_LOCKED, TMPL_COM_PIN_LOCKED);
	} else {
		act_set(&c->res->reply, "left", "%d",
		    c->cf->pin_max_fail - *p->fails);
		cx_end(c, ACT_PIN_WRONG, TMPL_COM_PIN_WRONG);
	}
	return 0;
}

static enum repo_rc
seller_fails_save(struct cx *c, const void *owner, int fails,
    int64_t locked_until)
{
	const struct seller	*s = owner;

	return REPO(c, seller_pin_fails, s->id, fails, locked_until);
}

int
cx_pin_check(struct cx *c, struct seller *s, const char *pin)
{
	const struct cx_pin	p = { s->pin_hash, &s->pin_fails,
	    &s->pin_locked_until, seller_fails_save, s, "pin" };

	return cx_pin_verify(c, &p, pin);
}

enum act_rc
cx_set_pin(struct cx *c)
{
	struct seller	 s;
	char		 hash[sizeof(s.pin_hash)];
	const char	*pin_new = c->a->pin_new;
	enum repo_rc	 rc;
	bool		 had;

	/* An enrolled assistant who is not a seller has a PIN of its own. */
	rc = REPO(c, seller_get, c->who->msisdn, 0, &s);
	if (rc == REPO_NOTFOUND && c->who->via[0] == '\0') {
		struct agent	ag;

		if ((rc = REPO(c, agent_get, c->who->msisdn, &ag)) == REPO_OK)
			return cx_agent_set_pin(c);
		if (rc != REPO_NOTFOUND)
			return cx_repo(c, rc, "pin");
	}
	if (!cx_need_seller(c, &s))
		return c->res->rc;
	had = s.pin_hash[0] != '\0';
	if (had) {
		/* Changing needs the old PIN (also honour a trailing one). */
		const char *old = c->a->pin_old[0] != '\0' ? c->a->pin_old :
		    c->a->pin;

		if (old[0] == '\0' && s.pin_locked_until <= c->who->now_s)
			return cx_end(c, ACT_PIN_REQUIRED, TMPL_PIN_NEED_OLD);
		if (!cx_pin_check(c, &s, old))
			return c->res->rc;
	}
	if (!cx_pin_valid(pin_new))
		return cx_end(c, ACT_PIN_BAD, TMPL_PIN_BAD);
	if (c->sec->pin_hash(c->sec->arg, pin_new, hash, sizeof(hash),
	    c->cf->pin_opslimit, c->cf->pin_memlimit) != 0) {
		log_warnx("commerce pin: hashing failed (memory)");
		return cx_end(c, ACT_ERR, TMPL_COM_ERROR);
	}
	rc = REPO(c, seller_set_pin, s.id, hash, c->who->now_s);
	memset(hash, 0, sizeof(hash));
	if (rc != REPO_OK)
		return cx_repo(c, rc, "pin");
	return cx_end(c, ACT_OK, had ? TMPL_PIN_CHANGED : TMPL_PIN_SET);
}
