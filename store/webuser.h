/* issue 14, web: officer accounts of lapak-web's dashboard (table
 * web_users): lapakctl web-user adds and removes them, lapak-web looks
 * them up over its read-only connection. Passwords are kept as Argon2id
 * strings (libsodium's crypto_pwhash_str), never in clear. Also the
 * random tokens and constant-time comparison web/auth.c needs, since
 * <sodium.h> lives in store/ only. */
#ifndef LAPAK_STORE_WEBUSER_H
#define LAPAK_STORE_WEBUSER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

#define WEBUSER_NAME_MAX	32	/* bytes, [a-z0-9._-] */
#define WEBUSER_PLACE_MAX	32	/* a places code, with its NUL */
#define WEBUSER_HASH_MAX	128	/* crypto_pwhash_STRBYTES */
#define WEBUSER_PW_MIN		10	/* characters (UTF-8 counted as such) */
#define WEBUSER_PW_MAX		1024	/* bytes */

struct webuser {
	char	name[WEBUSER_NAME_MAX + 1];
	char	place[WEBUSER_PLACE_MAX];
	char	pw_hash[WEBUSER_HASH_MAX];
	int64_t	created_s;
	int64_t	changed_s;		/* the password last set */
};

/* Why a name or password is refused. */
enum webuser_bad {
	WEBUSER_GOOD = 0,
	WEBUSER_NAME_EMPTY,
	WEBUSER_NAME_LONG,		/* over WEBUSER_NAME_MAX */
	WEBUSER_NAME_CHARS,		/* outside [a-z0-9._-] */
	WEBUSER_PW_SHORT,		/* under WEBUSER_PW_MIN characters */
	WEBUSER_PW_LONG,		/* over WEBUSER_PW_MAX bytes */
	WEBUSER_PW_CHARS		/* a control character (newline, NUL) */
};

/* An officer's name: 1-32 of a-z, 0-9, '.', '_', '-'. */
enum webuser_bad webuser_name_check(const char *name);
/* A password: 10 characters or more (a UTF-8 sequence counts once), at
 * most WEBUSER_PW_MAX bytes, no control characters. */
enum webuser_bad webuser_password_check(const char *password);
/* One line saying why (English, for lapakctl), "" for WEBUSER_GOOD. */
const char	*webuser_bad_text(enum webuser_bad why);

/*
 * Adds officer name at place (a code in the places table) with password
 * hashed now (Argon2id). An existing name is refused (STORE_CONFLICT)
 * unless replace is set: then its password and place are replaced and
 * created_s kept. STORE_NOTFOUND: place is not in the places table. A
 * name or password that fails the checks above is refused with STORE_ERR
 * and nothing written (callers check first to say why). Runs in the
 * caller's transaction if one is open. The password is wiped from no
 * memory of the caller's; the hash buffer is.
 */
enum store_rc	store_webuser_add(struct store *st, const char *name,
		    const char *place, const char *password, bool replace,
		    int64_t now_s);
/* Removes officer name: STORE_OK, or STORE_NOTFOUND. */
enum store_rc	store_webuser_remove(struct store *st, const char *name);
/* The officer called name into *out: STORE_OK, STORE_NOTFOUND, or an
 * error. Works on a store_open_reader() connection. */
enum store_rc	store_webuser_get(struct store *st, const char *name,
		    struct webuser *out);
/* fn(arg, u) per officer, by name (u->pw_hash left empty). */
enum store_rc	store_webuser_list(struct store *st,
		    void (*fn)(void *arg, const struct webuser *u), void *arg);

/* password matches u's stored hash (libsodium's verify: its time does not
 * depend on where the password differs). False for an empty hash. */
bool	webuser_verify(const struct webuser *u, const char *password);
/* Spends the time of one verify on a hash of the same cost and answers
 * false: for a name that does not exist, so that timing does not tell
 * unknown names from wrong passwords. */
bool	webuser_verify_dummy(const char *password);

/* Argon2id cost of new hashes. Defaults: libsodium's INTERACTIVE limits
 * (opslimit 2, 64 MiB), about 0.1 s a login. Test hook: tests lower it
 * before hashing anything. Not thread-safe; call before the threads. */
void	webuser_set_limits(unsigned long long opslimit, size_t memlimit);

/*
 * Tokens for web sessions and CSRF (store/webuser.c).
 */
#define WEBAUTH_TOKEN_BYTES	32
#define WEBAUTH_TOKEN_HEX	(2 * WEBAUTH_TOKEN_BYTES + 1)	/* with NUL */
#define WEBAUTH_KEY_BYTES	32

/* Initialises libsodium (safe to call again): 0, or -1 when it cannot. */
int	webauth_init(void);
/* out[WEBAUTH_TOKEN_HEX]: WEBAUTH_TOKEN_BYTES random bytes as lower-case
 * hex (libsodium's randombytes_buf). */
void	webauth_token(char out[WEBAUTH_TOKEN_HEX]);
/* key[WEBAUTH_KEY_BYTES] filled with random bytes. */
void	webauth_key(unsigned char key[WEBAUTH_KEY_BYTES]);
/* out[WEBAUTH_TOKEN_HEX]: a MAC (keyed BLAKE2b, 32 bytes) of msg under
 * key, in hex: a token bound to msg that only the key's holder can make. */
void	webauth_mac(const unsigned char key[WEBAUTH_KEY_BYTES],
	    const char *msg, char out[WEBAUTH_TOKEN_HEX]);
/* a equals b, in time that depends on their lengths only (NULL equals
 * nothing). */
bool	webauth_equal(const char *a, const char *b);
/* Zeroes n bytes at p in a way the compiler keeps. */
void	webauth_wipe(void *p, size_t n);

#endif
