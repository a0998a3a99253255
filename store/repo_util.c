/* The result-code mapping and stepping shared by the repository operations
 * over SQLite (store/repo_util.h). */
#include "store/repo_util.h"

enum repo_rc
repo_rc_of(int sqlite_rc)
{
	switch (sqlite_rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return REPO_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return REPO_BUSY;
	case SQLITE_CONSTRAINT:
		return REPO_CONFLICT;
	default:
		return REPO_ERR;
	}
}

enum repo_rc
repo_rc_of_store(enum store_rc rc)
{
	switch (rc) {
	case STORE_OK:
		return REPO_OK;
	case STORE_BUSY:
		return REPO_BUSY;
	case STORE_CONFLICT:
		return REPO_CONFLICT;
	case STORE_NOTFOUND:
		return REPO_NOTFOUND;
	default:
		return REPO_ERR;
	}
}

enum repo_rc
repo_run(struct store *st, sqlite3_stmt *s)
{
	int	rc = store_step(st, s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? REPO_OK : repo_rc_of(rc == SQLITE_ROW ?
	    SQLITE_ERROR : rc);
}

enum repo_rc
repo_one(struct store *st, sqlite3_stmt *s)
{
	int	rc = store_step(st, s);

	if (rc == SQLITE_ROW)
		return REPO_OK;
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? REPO_NOTFOUND : repo_rc_of(rc);
}
