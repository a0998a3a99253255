/* Seller PINs: Argon2id hashes (crypto_pwhash_str) with the configured
 * limits, the failure counter and time lock, and the operator unlock. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "common/log.h"
#include "store/commerce.h"
#include "store/commerce_internal.h"

static bool
pin_valid(const char *pin)
{
	size_t	n = strlen(pin), i;

	if (n < 4 || n > 6)
		return false;
	for (i = 0; i < n; i++)
		if (pin[i] < '0' || pin[i] > '9')
			return false;
	return true;
}

static int
pin_save_fails(struct store *st, int64_t seller_id, int fails,
    int64_t locked_until)
{
	static const char sql[] = "UPDATE sellers SET pin_fails = ?2, "
	    "pin_locked_until = ?3 WHERE id = ?1";
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc;

	if (s == NULL)
		return SQLITE_ERROR;
	sqlite3_bind_int64(s, 1, seller_id);
	sqlite3_bind_int(s, 2, fails);
	sqlite3_bind_int64(s, 3, locked_until);
	rc = store_step(st, s);
	sqlite3_reset(s);
	return rc;
}

static int64_t
minutes_left(int64_t until, int64_t now)
{
	return (until - now + 59) / 60;
}

/* Checks pin against the seller's hash, counting failures: 1 right, 0
 * refused (request ended with the reason). */
static int
pin_check(struct cx *c, struct cx_seller *s, const char *pin)
{
	int64_t	now = c->who->now_s;
	int	rc;

	if (s->pin_locked_until > now) {
		act_set(&c->r->reply, "minutes", "%lld",
		    (long long)minutes_left(s->pin_locked_until, now));
		cx_end(c, ACT_PIN_LOCKED, "com.pin_locked");
		return 0;
	}
	if (pin[0] == '\0') {
		cx_end(c, ACT_PIN_REQUIRED, "com.pin_required");
		return 0;
	}
	if (pin_valid(pin) && crypto_pwhash_str_verify(s->pin_hash, pin,
	    strlen(pin)) == 0) {
		if (s->pin_fails != 0 || s->pin_locked_until != 0) {
			if ((rc = pin_save_fails(c->st, s->id, 0, 0)) !=
			    SQLITE_DONE) {
				cx_db(c, rc, "pin");
				return 0;
			}
			s->pin_fails = 0;
			s->pin_locked_until = 0;
		}
		return 1;
	}
	s->pin_fails++;
	if (s->pin_fails >= c->cf->pin_max_fail) {
		s->pin_fails = 0;
		s->pin_locked_until = now + c->cf->pin_lock_s;
	}
	if ((rc = pin_save_fails(c->st, s->id, s->pin_fails,
	    s->pin_locked_until)) != SQLITE_DONE) {
		cx_db(c, rc, "pin");
		return 0;
	}
	if (s->pin_locked_until > now) {
		act_set(&c->r->reply, "minutes", "%lld",
		    (long long)minutes_left(s->pin_locked_until, now));
		cx_end(c, ACT_PIN_LOCKED, "com.pin_locked");
	} else {
		act_set(&c->r->reply, "left", "%d",
		    c->cf->pin_max_fail - s->pin_fails);
		cx_end(c, ACT_PIN_WRONG, "com.pin_wrong");
	}
	return 0;
}

int
cx_pin_gate(struct cx *c, struct cx_seller *s)
{
	return pin_check(c, s, c->a->pin);
}

enum act_rc
cx_set_pin(struct cx *c)
{
	static const char sql[] = "UPDATE sellers SET pin_hash = ?2, "
	    "pin_fails = 0, pin_locked_until = 0, updated_s = ?3 WHERE id = ?1";
	struct cx_seller	 s;
	char			 hash[crypto_pwhash_STRBYTES];
	sqlite3_stmt		*q;
	const char		*pin_new = c->a->pin_new;
	bool			 had;
	int			 rc;

	if (!cx_need_seller(c, &s))
		return c->r->rc;
	had = s.pin_hash[0] != '\0';
	if (had) {
		/* Changing needs the old PIN (also honour a trailing one). */
		const char *old = c->a->pin_old[0] != '\0' ? c->a->pin_old :
		    c->a->pin;

		if (old[0] == '\0' && s.pin_locked_until <= c->who->now_s)
			return cx_end(c, ACT_PIN_REQUIRED, "pin.need_old");
		if (!pin_check(c, &s, old))
			return c->r->rc;
	}
	if (!pin_valid(pin_new))
		return cx_end(c, ACT_PIN_BAD, "pin.bad");
	if (crypto_pwhash_str(hash, pin_new, strlen(pin_new),
	    c->cf->pin_opslimit, c->cf->pin_memlimit) != 0) {
		log_warnx("commerce pin: crypto_pwhash_str failed (memory)");
		return cx_end(c, ACT_ERR, "com.error");
	}
	if ((q = store_stmt(c->st, sql)) == NULL)
		return cx_db(c, SQLITE_ERROR, "pin");
	sqlite3_bind_int64(q, 1, s.id);
	sqlite3_bind_text(q, 2, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 3, c->who->now_s);
	rc = store_step(c->st, q);
	sqlite3_reset(q);
	sodium_memzero(hash, sizeof(hash));
	if (rc != SQLITE_DONE)
		return cx_db(c, rc, "pin");
	return cx_end(c, ACT_OK, had ? "pin.changed" : "pin.set");
}

int
commerce_pin_unlock(struct store *st, const char *msisdn)
{
	static const char sql[] = "UPDATE sellers SET pin_fails = 0, "
	    "pin_locked_until = 0 WHERE msisdn = ?1";
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	rc = store_step(st, s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE || sqlite3_changes(st->db) == 0)
		return -1;
	return 0;
}
