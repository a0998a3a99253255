/* The commerce core's secrets over libsodium: confirmation codes (uniform
 * random, kept as salt || BLAKE2b(code, key = salt), never plain) and seller
 * PINs (Argon2id, crypto_pwhash_str, with the configured limits). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "store/repo_sqlite.h"

#define CODE_SALT	16
#define CODE_HASH	32

_Static_assert(CODE_SALT + CODE_HASH == REPO_CODE_BLOB, "sealed code size");
_Static_assert(crypto_pwhash_STRBYTES <= sizeof(((struct seller *)0)->pin_hash),
    "PIN hash size");

static void
code_hash(int code, const unsigned char *salt, unsigned char *out)
{
	char	txt[16];

	snprintf(txt, sizeof(txt), "%04d", code);
	crypto_generichash(out, CODE_HASH, (const unsigned char *)txt,
	    strlen(txt), salt, CODE_SALT);
	sodium_memzero(txt, sizeof(txt));
}

static int
na_code_new(void *arg)
{
	(void)arg;
	return 1000 + (int)randombytes_uniform(9000);
}

static void
na_code_seal(void *arg, int code, unsigned char *out)
{
	(void)arg;
	randombytes_buf(out, CODE_SALT);
	code_hash(code, out, out + CODE_SALT);
}

static bool
na_code_check(void *arg, const unsigned char *sealed, size_t len, int code)
{
	unsigned char	h[CODE_HASH];

	(void)arg;
	if (sealed == NULL || len != REPO_CODE_BLOB)
		return false;
	code_hash(code, sealed, h);
	return sodium_memcmp(h, sealed + CODE_SALT, CODE_HASH) == 0;
}

static int
na_pin_hash(void *arg, const char *pin, char *out, size_t len,
    unsigned long long opslimit, size_t memlimit)
{
	(void)arg;
	if (len < crypto_pwhash_STRBYTES)
		return -1;
	return crypto_pwhash_str(out, pin, strlen(pin), opslimit, memlimit) ==
	    0 ? 0 : -1;
}

static bool
na_pin_check(void *arg, const char *hash, const char *pin)
{
	(void)arg;
	return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}

static const struct commerce_secrets sodium_secrets = {
	NULL, na_code_new, na_code_seal, na_code_check, na_pin_hash,
	na_pin_check
};

const struct commerce_secrets *
store_secrets(void)
{
	if (sodium_init() < 0)
		return NULL;
	return &sodium_secrets;
}
