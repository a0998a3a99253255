/* The commerce repository's operator ops over SQLite (issue 15,
 * store/repo_operator.h). */
#include "store/repo_operator.h"
#include "store/repo_util.h"
#include "store/store_internal.h"
#include "store/tag.h"

enum repo_rc
sq_block_notice(void *be, const char *msisdn, int64_t now_s, bool *first)
{
	static const char sql[] = "UPDATE number_marks SET noticed_s = ?2"
	    " WHERE tag = ?1 AND kind = 'block' AND noticed_s IS NULL";
	struct store	*st = be;
	sqlite3_stmt	*s;
	char		 hex[STORE_TAG_HEX + 1];
	enum repo_rc	 rc;

	*first = false;
	if (store_tag(st, msisdn, hex, sizeof(hex)) == -1 ||
	    (s = store_stmt(st, sql)) == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, hex, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, now_s);
	if ((rc = repo_run(st, s)) != REPO_OK)
		return rc;
	*first = sqlite3_changes(st->db) > 0;
	return REPO_OK;
}
