/* issue 14, web: officer accounts in the store (store/webuser.c): add
 * (a known name refused unless replacing, an unknown place refused),
 * remove, list, get (also over a read-only connection); the hash is
 * Argon2id and verifies, a wrong password does not; the password is in
 * no byte of the database file; name and password rules; the tokens. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_internal.h"
#include "store/webuser.h"
#include "tests/t.h"

#define DB	"/tmp/lapak-test-webuser.db"
#define PW	"kopi-luwak-2025"
#define PW2	"gula-aren-manis"

static struct store	*st;

static void
places(void)
{
	CHECK_INT(sqlite3_exec(st->db, "INSERT INTO places (code, name, level,"
	    " parent, key) VALUES ('33.18', 'PATI', 2, '33', 'pati'),"
	    " ('33.18.04', 'Winong', 3, '33.18', 'winong'),"
	    " ('33.18.09', 'Jakenan', 3, '33.18', 'jakenan')",
	    NULL, NULL, NULL), SQLITE_OK);
}

struct seen {
	char	names[256];
	int	n;
	bool	hash_empty;
};

static void
seen_row(void *arg, const struct webuser *u)
{
	struct seen	*s = arg;
	size_t		 len = strlen(s->names);

	snprintf(s->names + len, sizeof(s->names) - len, "%s%s@%s",
	    s->n > 0 ? "," : "", u->name, u->place);
	s->n++;
	if (u->pw_hash[0] != '\0')
		s->hash_empty = false;
}

/* Whether the file at path holds the bytes of needle anywhere. */
static bool
file_has(const char *path, const char *needle)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;
	size_t	 n, k = strlen(needle), i;
	bool	 found = false;

	if (f == NULL)
		return false;
	buf = malloc(8 << 20);
	n = buf != NULL ? fread(buf, 1, 8 << 20, f) : 0;
	fclose(f);
	for (i = 0; i + k <= n && !found; i++)
		found = memcmp(buf + i, needle, k) == 0;
	free(buf);
	return found;
}

static void
test_rules(void)
{
	char	long_name[40];

	CHECK_INT(webuser_name_check("ani.w_1-x"), WEBUSER_GOOD);
	CHECK_INT(webuser_name_check(""), WEBUSER_NAME_EMPTY);
	CHECK_INT(webuser_name_check("Ani"), WEBUSER_NAME_CHARS);
	CHECK_INT(webuser_name_check("ani w"), WEBUSER_NAME_CHARS);
	CHECK_INT(webuser_name_check("ani'--"), WEBUSER_NAME_CHARS);
	memset(long_name, 'a', 33);
	long_name[33] = '\0';
	CHECK_INT(webuser_name_check(long_name), WEBUSER_NAME_LONG);
	long_name[32] = '\0';
	CHECK_INT(webuser_name_check(long_name), WEBUSER_GOOD);
	CHECK_INT(webuser_password_check("123456789"), WEBUSER_PW_SHORT);
	CHECK_INT(webuser_password_check("1234567890"), WEBUSER_GOOD);
	/* Nine characters in more than ten bytes are still too short. */
	CHECK_INT(webuser_password_check("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"), WEBUSER_PW_SHORT);
	CHECK_INT(webuser_password_check("abcdefghij\nk"), WEBUSER_PW_CHARS);
	CHECK(webuser_bad_text(WEBUSER_PW_SHORT)[0] != '\0');
}

static void
test_accounts(void)
{
	struct webuser	 u;
	struct seen	 s;
	struct store	*rd = NULL;
	char		 err[256];

	CHECK_INT(store_webuser_add(st, "ani", "33.18.04", PW, false, 100),
	    STORE_OK);
	CHECK_INT(store_webuser_add(st, "budi", "33.18", PW2, false, 101),
	    STORE_OK);
	/* A known name is refused, its password unchanged. */
	CHECK_INT(store_webuser_add(st, "ani", "33.18.09", PW2, false, 102),
	    STORE_CONFLICT);
	/* A place not loaded is refused and nothing written. */
	CHECK_INT(store_webuser_add(st, "cici", "33.99", PW, false, 103),
	    STORE_NOTFOUND);
	CHECK_INT(store_webuser_get(st, "cici", &u), STORE_NOTFOUND);
	/* Bad names and passwords are refused by the store too. */
	CHECK_INT(store_webuser_add(st, "Cici", "33.18", PW, false, 103),
	    STORE_ERR);
	CHECK_INT(store_webuser_add(st, "cici", "33.18", "short", false, 103),
	    STORE_ERR);

	CHECK_INT(store_webuser_get(st, "ani", &u), STORE_OK);
	CHECK_STR(u.name, "ani");
	CHECK_STR(u.place, "33.18.04");
	CHECK_INT(u.created_s, 100);
	CHECK(strncmp(u.pw_hash, "$argon2id$", 10) == 0);
	CHECK(strstr(u.pw_hash, PW) == NULL);
	CHECK(webuser_verify(&u, PW));
	CHECK(!webuser_verify(&u, PW2));
	CHECK(!webuser_verify(&u, ""));
	CHECK(!webuser_verify(&u, "kopi-luwak-2024"));
	CHECK(!webuser_verify_dummy(PW));

	/* Replacing: the new password and place, created_s kept. */
	CHECK_INT(store_webuser_add(st, "ani", "33.18.09", PW2, true, 200),
	    STORE_OK);
	CHECK_INT(store_webuser_get(st, "ani", &u), STORE_OK);
	CHECK_STR(u.place, "33.18.09");
	CHECK_INT(u.created_s, 100);
	CHECK_INT(u.changed_s, 200);
	CHECK(webuser_verify(&u, PW2));
	CHECK(!webuser_verify(&u, PW));
	/* Replacing still needs a loaded place. */
	CHECK_INT(store_webuser_add(st, "ani", "34", PW, true, 201),
	    STORE_NOTFOUND);
	CHECK_INT(store_webuser_get(st, "ani", &u), STORE_OK);
	CHECK_STR(u.place, "33.18.09");

	memset(&s, 0, sizeof(s));
	s.hash_empty = true;
	CHECK_INT(store_webuser_list(st, seen_row, &s), STORE_OK);
	CHECK_STR(s.names, "ani@33.18.09,budi@33.18");
	CHECK_INT(s.n, 2);
	CHECK(s.hash_empty);		/* list hands out no hash */

	/* lapak-web reads over a read-only connection, and cannot add. */
	CHECK_INT(store_open_reader(&rd, DB, err, sizeof(err)), 0);
	if (rd != NULL) {
		CHECK_INT(store_webuser_get(rd, "budi", &u), STORE_OK);
		CHECK(webuser_verify(&u, PW2));
		CHECK_INT(store_webuser_get(rd, "nobody", &u), STORE_NOTFOUND);
		CHECK_INT(store_webuser_get(rd, "bad name", &u),
		    STORE_NOTFOUND);
		CHECK(store_webuser_add(rd, "dewi", "33.18", PW, false, 300) !=
		    STORE_OK);
		store_close(rd);
	}

	CHECK_INT(store_webuser_remove(st, "budi"), STORE_OK);
	CHECK_INT(store_webuser_remove(st, "budi"), STORE_NOTFOUND);
	CHECK_INT(store_webuser_get(st, "budi", &u), STORE_NOTFOUND);

	/* No password in clear in any byte of the database. */
	CHECK_INT(sqlite3_exec(st->db, "PRAGMA wal_checkpoint(TRUNCATE)",
	    NULL, NULL, NULL), SQLITE_OK);
	CHECK(file_has(DB, "$argon2id$"));	/* the search works */
	CHECK(!file_has(DB, PW));
	CHECK(!file_has(DB, PW2));
}

static void
test_tokens(void)
{
	unsigned char	key[WEBAUTH_KEY_BYTES], key2[WEBAUTH_KEY_BYTES];
	char		a[WEBAUTH_TOKEN_HEX], b[WEBAUTH_TOKEN_HEX];
	char		m1[WEBAUTH_TOKEN_HEX], m2[WEBAUTH_TOKEN_HEX];
	size_t		i;
	bool		hexok = true;

	CHECK_INT(webauth_init(), 0);
	webauth_token(a);
	webauth_token(b);
	CHECK_INT(strlen(a), 64);
	for (i = 0; a[i] != '\0'; i++)
		if (!((a[i] >= '0' && a[i] <= '9') ||
		    (a[i] >= 'a' && a[i] <= 'f')))
			hexok = false;
	CHECK(hexok);
	CHECK(strcmp(a, b) != 0);
	CHECK(webauth_equal(a, a));
	CHECK(!webauth_equal(a, b));
	CHECK(!webauth_equal(a, ""));
	CHECK(!webauth_equal(NULL, a));
	CHECK(!webauth_equal("abc", "abcd"));

	webauth_key(key);
	webauth_key(key2);
	webauth_mac(key, "login:x", m1);
	webauth_mac(key, "login:x", m2);
	CHECK(webauth_equal(m1, m2));
	webauth_mac(key, "login:y", m2);
	CHECK(!webauth_equal(m1, m2));
	webauth_mac(key2, "login:x", m2);
	CHECK(!webauth_equal(m1, m2));
}

int
main(void)
{
	char	err[256];

	/* Cheap hashes: the test checks the format, not the cost. */
	webuser_set_limits(1, 8192 * 1024);
	remove(DB);
	remove(DB "-wal");
	remove(DB "-shm");
	CHECK_INT(store_open(&st, DB, false, err, sizeof(err)), 0);
	if (st == NULL)
		return T_DONE();
	places();
	test_rules();
	test_accounts();
	test_tokens();
	store_close(st);
	remove(DB);
	remove(DB "-wal");
	remove(DB "-shm");
	return T_DONE();
}
