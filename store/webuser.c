/* issue 14, web: officer accounts (web_users) and the tokens of lapak-web's
 * sessions over libsodium: Argon2id password strings, random hex tokens,
 * keyed MACs and constant-time comparison. Prepared statements only. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/webuser.h"

_Static_assert(crypto_pwhash_STRBYTES <= WEBUSER_HASH_MAX, "hash size");
_Static_assert(crypto_generichash_BYTES == WEBAUTH_TOKEN_BYTES, "MAC size");
_Static_assert(crypto_generichash_KEYBYTES == WEBAUTH_KEY_BYTES, "key size");

static unsigned long long pw_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t	pw_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

/* A hash of a random password at the current cost, for
 * webuser_verify_dummy(); made once. */
static pthread_once_t	dummy_once = PTHREAD_ONCE_INIT;
static char		dummy_hash[WEBUSER_HASH_MAX];

enum webuser_bad
webuser_name_check(const char *name)
{
	const char	*p;

	if (name == NULL || name[0] == '\0')
		return WEBUSER_NAME_EMPTY;
	if (strlen(name) > WEBUSER_NAME_MAX)
		return WEBUSER_NAME_LONG;
	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '_' || *p == '-'))
			return WEBUSER_NAME_CHARS;
	return WEBUSER_GOOD;
}

enum webuser_bad
webuser_password_check(const char *password)
{
	const unsigned char	*p;
	size_t			 chars = 0;

	if (password == NULL)
		return WEBUSER_PW_SHORT;
	if (strlen(password) > WEBUSER_PW_MAX)
		return WEBUSER_PW_LONG;
	for (p = (const unsigned char *)password; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return WEBUSER_PW_CHARS;
		if ((*p & 0xc0) != 0x80)	/* not a continuation byte */
			chars++;
	}
	return chars < WEBUSER_PW_MIN ? WEBUSER_PW_SHORT : WEBUSER_GOOD;
}

const char *
webuser_bad_text(enum webuser_bad why)
{
	switch (why) {
	case WEBUSER_GOOD:
		return "";
	case WEBUSER_NAME_EMPTY:
		return "name: empty (1 to 32 of a-z 0-9 . _ -)";
	case WEBUSER_NAME_LONG:
		return "name: longer than 32 characters";
	case WEBUSER_NAME_CHARS:
		return "name: only lower-case letters a-z, digits 0-9, '.', "
		    "'_' and '-'";
	case WEBUSER_PW_SHORT:
		return "password: at least 10 characters";
	case WEBUSER_PW_LONG:
		return "password: at most 1024 bytes";
	case WEBUSER_PW_CHARS:
		return "password: no control characters";
	}
	return "invalid";
}

static int
pw_hash(const char *password, char out[WEBUSER_HASH_MAX])
{
	if (sodium_init() < 0)
		return -1;
	return crypto_pwhash_str(out, password, strlen(password), pw_ops,
	    pw_mem) == 0 ? 0 : -1;
}

enum store_rc
store_webuser_add(struct store *st, const char *name, const char *place,
    const char *password, bool replace, int64_t now_s)
{
	/* The place must be loaded; ?6 = 1 replaces a known name's password
	 * and place (created_s kept). */
	static const char sql[] = "INSERT INTO web_users (name, place, "
	    "pw_hash, created_s, changed_s) SELECT ?1, ?2, ?3, ?4, ?4 "
	    "WHERE EXISTS (SELECT 1 FROM places WHERE code = ?2) "
	    "ON CONFLICT (name) DO UPDATE SET place = excluded.place, "
	    "pw_hash = excluded.pw_hash, changed_s = excluded.changed_s "
	    "WHERE ?5 = 1";
	static const char qname[] = "SELECT 1 FROM web_users WHERE name = ?1";
	sqlite3_stmt	*s;
	char		 hash[WEBUSER_HASH_MAX];
	enum store_rc	 rc;
	bool		 known;

	if (webuser_name_check(name) != WEBUSER_GOOD ||
	    webuser_password_check(password) != WEBUSER_GOOD ||
	    place == NULL || place[0] == '\0' ||
	    strlen(place) >= WEBUSER_PLACE_MAX)
		return STORE_ERR;
	/* Refuse a known name before spending the hash's time. */
	if ((s = store_stmt(st, qname)) == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
	rc = store_rc_of(store_step(st, s));
	known = sqlite3_data_count(s) > 0;
	sqlite3_reset(s);
	if (rc != STORE_OK)
		return rc;
	if (known && !replace)
		return STORE_CONFLICT;
	if (pw_hash(password, hash) == -1)
		return STORE_ERR;
	if ((s = store_stmt(st, sql)) == NULL) {
		rc = STORE_ERR;
		goto out;
	}
	sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, place, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, now_s);
	sqlite3_bind_int(s, 5, replace ? 1 : 0);
	if ((rc = store_run(st, s)) != STORE_OK)
		goto out;
	if (sqlite3_changes(st->db) == 0) {
		/* No row: the place is unknown, or the name was added
		 * between the two statements without replace. */
		if ((s = store_stmt(st, qname)) == NULL) {
			rc = STORE_ERR;
			goto out;
		}
		sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
		rc = store_rc_of(store_step(st, s));
		known = sqlite3_data_count(s) > 0;
		sqlite3_reset(s);
		if (rc == STORE_OK)
			rc = known && !replace ? STORE_CONFLICT :
			    STORE_NOTFOUND;
	}
out:
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

enum store_rc
store_webuser_remove(struct store *st, const char *name)
{
	static const char sql[] = "DELETE FROM web_users WHERE name = ?1";
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum store_rc	 rc;

	if (s == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
	if ((rc = store_run(st, s)) != STORE_OK)
		return rc;
	return sqlite3_changes(st->db) > 0 ? STORE_OK : STORE_NOTFOUND;
}

static void
user_row(sqlite3_stmt *s, struct webuser *u, bool hash)
{
	memset(u, 0, sizeof(*u));
	store_col_text(s, 0, u->name, sizeof(u->name));
	store_col_text(s, 1, u->place, sizeof(u->place));
	if (hash)
		store_col_text(s, 2, u->pw_hash, sizeof(u->pw_hash));
	u->created_s = sqlite3_column_int64(s, 3);
	u->changed_s = sqlite3_column_int64(s, 4);
}

enum store_rc
store_webuser_get(struct store *st, const char *name, struct webuser *out)
{
	static const char sql[] = "SELECT name, place, pw_hash, created_s, "
	    "changed_s FROM web_users WHERE name = ?1";
	sqlite3_stmt	*s;
	enum store_rc	 rc;
	int		 step;

	memset(out, 0, sizeof(*out));
	if (name == NULL || webuser_name_check(name) != WEBUSER_GOOD)
		return STORE_NOTFOUND;
	if ((s = store_stmt(st, sql)) == NULL)
		return STORE_ERR;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
	step = store_step(st, s);
	if (step == SQLITE_ROW) {
		user_row(s, out, true);
		rc = STORE_OK;
	} else if (step == SQLITE_DONE)
		rc = STORE_NOTFOUND;
	else
		rc = store_rc_of(step);
	sqlite3_reset(s);
	return rc;
}

enum store_rc
store_webuser_list(struct store *st,
    void (*fn)(void *arg, const struct webuser *u), void *arg)
{
	static const char sql[] = "SELECT name, place, '', created_s, "
	    "changed_s FROM web_users ORDER BY name";
	sqlite3_stmt	*s = store_stmt(st, sql);
	struct webuser	 u;
	int		 step;

	if (s == NULL)
		return STORE_ERR;
	while ((step = store_step(st, s)) == SQLITE_ROW) {
		user_row(s, &u, false);
		fn(arg, &u);
	}
	sqlite3_reset(s);
	return store_rc_of(step);
}

bool
webuser_verify(const struct webuser *u, const char *password)
{
	if (u == NULL || password == NULL || u->pw_hash[0] == '\0' ||
	    sodium_init() < 0)
		return false;
	return crypto_pwhash_str_verify(u->pw_hash, password,
	    strlen(password)) == 0;
}

static void
dummy_make(void)
{
	char	pw[WEBAUTH_TOKEN_HEX];

	webauth_token(pw);
	if (pw_hash(pw, dummy_hash) == -1)
		dummy_hash[0] = '\0';
	sodium_memzero(pw, sizeof(pw));
}

bool
webuser_verify_dummy(const char *password)
{
	int	rc;

	if (sodium_init() < 0)
		return false;
	pthread_once(&dummy_once, dummy_make);
	if (dummy_hash[0] != '\0' && password != NULL) {
		rc = crypto_pwhash_str_verify(dummy_hash, password,
		    strlen(password));
		(void)rc;
	}
	return false;
}

void
webuser_set_limits(unsigned long long opslimit, size_t memlimit)
{
	pw_ops = opslimit;
	pw_mem = memlimit;
}

int
webauth_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

static void
hex(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t	i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 0x0f];
	}
	out[2 * n] = '\0';
}

void
webauth_token(char out[WEBAUTH_TOKEN_HEX])
{
	unsigned char	b[WEBAUTH_TOKEN_BYTES];

	randombytes_buf(b, sizeof(b));
	hex(b, sizeof(b), out);
	sodium_memzero(b, sizeof(b));
}

void
webauth_key(unsigned char key[WEBAUTH_KEY_BYTES])
{
	randombytes_buf(key, WEBAUTH_KEY_BYTES);
}

void
webauth_mac(const unsigned char key[WEBAUTH_KEY_BYTES], const char *msg,
    char out[WEBAUTH_TOKEN_HEX])
{
	unsigned char	b[WEBAUTH_TOKEN_BYTES];

	crypto_generichash(b, sizeof(b), (const unsigned char *)msg,
	    strlen(msg), key, WEBAUTH_KEY_BYTES);
	hex(b, sizeof(b), out);
}

bool
webauth_equal(const char *a, const char *b)
{
	size_t	n;

	if (a == NULL || b == NULL || (n = strlen(a)) != strlen(b))
		return false;
	return sodium_memcmp(a, b, n) == 0;
}

void
webauth_wipe(void *p, size_t n)
{
	sodium_memzero(p, n);
}
