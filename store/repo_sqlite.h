/* The commerce repository over the SQLite store (repo_sqlite.c) and the
 * libsodium secrets (secrets.c): what store/commerce.c binds the commerce
 * core to. A second backend gets a header like this beside it. */
#ifndef LAPAK_STORE_REPO_SQLITE_H
#define LAPAK_STORE_REPO_SQLITE_H
#include "commerce/repo.h"
#include "store/store.h"

/* Points r at st's operations (st borrowed; no allocation). */
void	repo_sqlite_init(struct repo *r, struct store *st);

/* Confirmation codes and PIN hashes with libsodium (randombytes, BLAKE2b,
 * Argon2id). NULL when libsodium cannot start. */
const struct commerce_secrets *store_secrets(void);

/* issue 12, reports: the agent_report op (repo_report.c) over the report
 * layer (store/report.h). */
enum repo_rc	repo_report_agent(void *be, const char *msisdn, int64_t now_s,
		    struct agent_report *out);

#endif
