/* For the commerce repository over SQLite (repo_sqlite.c, repo_places.c,
 * repo_agent.c) only: SQLite result codes as repo_rc and the two ways every
 * operation steps a bound statement. Nothing outside store/ includes it. */
#ifndef LAPAK_STORE_REPO_UTIL_H
#define LAPAK_STORE_REPO_UTIL_H
#include "commerce/repo.h"
#include "store/store_internal.h"

/* Maps an SQLite result code to a repo_rc: OK, DONE and ROW are REPO_OK,
 * BUSY and LOCKED REPO_BUSY, CONSTRAINT REPO_CONFLICT, the rest REPO_ERR. */
enum repo_rc	repo_rc_of(int sqlite_rc);
/* Maps a store_rc (transactions, savepoints) to a repo_rc. */
enum repo_rc	repo_rc_of_store(enum store_rc rc);
/* Steps a bound statement that returns no rows and resets it; a row is
 * REPO_ERR. */
enum repo_rc	repo_run(struct store *st, sqlite3_stmt *s);
/* Steps a bound one-row lookup: REPO_OK with s on the row (reset it after
 * reading), REPO_NOTFOUND (reset), or an error (reset). */
enum repo_rc	repo_one(struct store *st, sqlite3_stmt *s);

#endif
