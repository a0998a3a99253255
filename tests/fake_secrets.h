/* Deterministic secrets for the commerce-core unit tests: confirmation
 * codes from a counter (2222, 3333, ... 8888, then around), sealed as
 * "code:NNNN"; a PIN's "hash" is the PIN behind "fake$". Header-only
 * (static), like tests/t.h: one copy in each test program. */
#ifndef LAPAK_TESTS_FAKE_SECRETS_H
#define LAPAK_TESTS_FAKE_SECRETS_H
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "commerce/repo.h"

static int
t_code_new(void *arg)
{
	static int	next_code = 1111;

	(void)arg;
	next_code = next_code >= 9999 - 1111 ? 1111 : next_code + 1111;
	return next_code;
}

static void
t_code_seal(void *arg, int code, unsigned char *out)
{
	(void)arg;
	memset(out, 0, REPO_CODE_BLOB);
	snprintf((char *)out, REPO_CODE_BLOB, "code:%04d", code);
}

static bool
t_code_check(void *arg, const unsigned char *sealed, size_t len, int code)
{
	char	want[REPO_CODE_BLOB];

	(void)arg;
	if (len != REPO_CODE_BLOB)
		return false;
	memset(want, 0, sizeof(want));
	snprintf(want, sizeof(want), "code:%04d", code);
	return memcmp(want, sealed, REPO_CODE_BLOB) == 0;
}

static int
t_pin_hash(void *arg, const char *pin, char *out, size_t len,
    unsigned long long ops, size_t mem)
{
	(void)arg, (void)ops, (void)mem;
	snprintf(out, len, "fake$%s", pin);
	return 0;
}

static bool
t_pin_check(void *arg, const char *hash, const char *pin)
{
	(void)arg;
	return strncmp(hash, "fake$", 5) == 0 && strcmp(hash + 5, pin) == 0;
}

static const struct commerce_secrets secrets = {
	NULL, t_code_new, t_code_seal, t_code_check, t_pin_hash, t_pin_check
};

#endif
