/* The privacy operations of the commerce repository over SQLite (issue 13,
 * programme.md section 6): DATAKU's counts, consent times, HAPUS DATA's
 * request, the erasure (store/privacy.c) and the operator block. */
#include <stdio.h>
#include <string.h>

#include "store/privacy.h"
#include "store/repo_privacy.h"
#include "store/repo_util.h"
#include "store/tag.h"

static enum repo_rc
count1(struct store *st, const char *sql, const char *msisdn, int64_t id,
    int64_t *out)
{
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	*out = 0;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(s) >= 2)
		sqlite3_bind_int64(s, 2, id);
	if ((rc = repo_one(st, s)) == REPO_OK) {
		*out = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	return rc == REPO_NOTFOUND ? REPO_OK : rc;
}

enum repo_rc
sq_privacy_counts(void *be, const char *msisdn, struct privacy_counts *out)
{
	static const char sql_num[] = "SELECT coalesce(lang, ''), created_s,"
	    " coalesce(consent_s, 0) FROM numbers WHERE msisdn = ?1";
	static const char sql_seller[] = "SELECT id, shop, village, created_s,"
	    " coalesce(consent_s, 0) FROM sellers WHERE msisdn = ?1";
	static const char sql_products[] = "SELECT count(*) FROM products"
	    " WHERE seller_id = ?2 AND ?1 IS NOT NULL";
	static const char sql_active[] = "SELECT count(*) FROM products"
	    " WHERE seller_id = ?2 AND active AND ?1 IS NOT NULL";
	static const char sql_orders[] = "SELECT state, count(*) FROM orders"
	    " WHERE buyer = ?1 OR seller_id = ?2 GROUP BY state";
	static const char sql_links[] = "SELECT count(*) FROM agent_links"
	    " WHERE ended_s IS NULL AND (agent = ?1 OR seller = ?1)";
	static const char sql_subs[] = "SELECT count(*) FROM subscriptions"
	    " WHERE msisdn = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s;
	enum repo_rc	 rc;
	int64_t		 sid = -1, c;
	int		 src;

	memset(out, 0, sizeof(*out));
	if ((s = store_stmt(st, sql_num)) == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	if ((rc = repo_one(st, s)) == REPO_OK) {
		store_col_text(s, 0, out->lang, sizeof(out->lang));
		out->since_s = sqlite3_column_int64(s, 1);
		out->consent_s = sqlite3_column_int64(s, 2);
		sqlite3_reset(s);
	} else if (rc != REPO_NOTFOUND)
		return rc;
	if ((s = store_stmt(st, sql_seller)) == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	if ((rc = repo_one(st, s)) == REPO_OK) {
		out->seller = true;
		sid = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, out->shop, sizeof(out->shop));
		store_col_text(s, 2, out->village, sizeof(out->village));
		c = sqlite3_column_int64(s, 3);
		if (out->since_s == 0 || c < out->since_s)
			out->since_s = c;
		if (sqlite3_column_int64(s, 4) != 0)
			out->consent_s = sqlite3_column_int64(s, 4);
		sqlite3_reset(s);
	} else if (rc != REPO_NOTFOUND)
		return rc;
	if ((rc = count1(st, sql_products, msisdn, sid, &out->products)) !=
	    REPO_OK || (rc = count1(st, sql_active, msisdn, sid,
	    &out->products_active)) != REPO_OK ||
	    (rc = count1(st, sql_links, msisdn, 0, &out->agents)) != REPO_OK ||
	    (rc = count1(st, sql_subs, msisdn, 0, &out->subscriptions)) !=
	    REPO_OK)
		return rc;
	if ((s = store_stmt(st, sql_orders)) == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, sid);
	while ((src = store_step(st, s)) == SQLITE_ROW) {
		enum order_state os = order_state_by_name(store_col_str(s, 0));

		c = sqlite3_column_int64(s, 1);
		out->orders[os] += c;
		out->orders_total += c;
	}
	sqlite3_reset(s);
	return src == SQLITE_DONE ? REPO_OK : repo_rc_of(src);
}

enum repo_rc
sq_consent_mark(void *be, const char *msisdn, bool seller, int64_t now_s,
    bool *first)
{
	static const char sql_s[] = "UPDATE sellers SET consent_s = ?2"
	    " WHERE msisdn = ?1 AND consent_s IS NULL";
	static const char sql_n[] = "UPDATE numbers SET consent_s = ?2"
	    " WHERE msisdn = ?1 AND consent_s IS NULL";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, seller ? sql_s : sql_n);
	enum repo_rc	 rc;

	*first = false;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, now_s);
	if ((rc = repo_run(st, s)) != REPO_OK)
		return rc;
	*first = sqlite3_changes(st->db) > 0;
	return REPO_OK;
}

enum repo_rc
sq_erase_get(void *be, const char *msisdn, unsigned char *sealed,
    size_t *sealed_len, int *attempts, int64_t *expires_s)
{
	static const char sql[] = "SELECT code_hash, attempts, expires_s"
	    " FROM erase_requests WHERE msisdn = ?1 AND done_s IS NULL";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;
	int		 n;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc;
	n = sqlite3_column_bytes(s, 0);
	*sealed_len = n == REPO_CODE_BLOB ? (size_t)n : 0;
	if (*sealed_len > 0)
		memcpy(sealed, sqlite3_column_blob(s, 0), *sealed_len);
	*attempts = sqlite3_column_int(s, 1);
	*expires_s = sqlite3_column_int64(s, 2);
	sqlite3_reset(s);
	return REPO_OK;
}

enum repo_rc
sq_erase_set(void *be, const char *msisdn, const unsigned char *sealed,
    size_t sealed_len, int attempts, int64_t expires_s)
{
	static const char sql_put[] = "INSERT OR REPLACE INTO erase_requests"
	    " (msisdn, code_hash, attempts, expires_s) VALUES (?1, ?2, ?3, ?4)";
	static const char sql_del[] = "DELETE FROM erase_requests"
	    " WHERE msisdn = ?1 AND done_s IS NULL";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sealed_len > 0 ? sql_put : sql_del);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	if (sealed_len > 0) {
		sqlite3_bind_blob(s, 2, sealed, (int)sealed_len,
		    SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 3, attempts);
		sqlite3_bind_int64(s, 4, expires_s);
	}
	return repo_run(st, s);
}

enum repo_rc
sq_number_erase(void *be, const char *msisdn, const char *cc, int64_t now_s)
{
	return repo_rc_of_store(privacy_erase(be, msisdn, cc, now_s, NULL));
}

/*
 * Every commerce request asks whether its number is blocked, and the
 * answer needs a keyed hash (BLAKE2b) of the number plus an index lookup.
 * Blocks are rare and written by lapakctl, another process, so the count
 * of 'block' marks is cached per connection and recounted only when
 * PRAGMA data_version says another connection committed (no disk read:
 * SQLite answers it from the WAL index) or this one blocked (privacy_block
 * clears block_known). With no block at all, no hash is made.
 */
static enum repo_rc
blocks_any(struct store *st, bool *any)
{
	static const char sql_dv[] = "PRAGMA data_version";
	static const char sql_n[] = "SELECT count(*) FROM number_marks"
	    " WHERE kind = 'block'";
	sqlite3_stmt	*s;
	int64_t		 dv;
	enum repo_rc	 rc;

	if ((s = store_stmt(st, sql_dv)) == NULL)
		return REPO_ERR;
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc == REPO_NOTFOUND ? REPO_ERR : rc;
	dv = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (!st->block_known || dv != st->block_dv) {
		if ((s = store_stmt(st, sql_n)) == NULL)
			return REPO_ERR;
		if ((rc = repo_one(st, s)) != REPO_OK)
			return rc == REPO_NOTFOUND ? REPO_ERR : rc;
		st->block_n = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		st->block_dv = dv;
		st->block_known = true;
	}
	*any = st->block_n > 0;
	return REPO_OK;
}

enum repo_rc
sq_number_blocked(void *be, const char *msisdn, bool *yes)
{
	static const char sql[] = "SELECT 1 FROM number_marks WHERE tag = ?1"
	    " AND kind = 'block'";
	struct store	*st = be;
	sqlite3_stmt	*s;
	char		 hex[STORE_TAG_HEX + 1];
	enum repo_rc	 rc;
	bool		 any = false;

	*yes = false;
	if ((rc = blocks_any(st, &any)) != REPO_OK || !any)
		return rc;
	if (store_tag(st, msisdn, hex, sizeof(hex)) == -1 ||
	    (s = store_stmt(st, sql)) == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, hex, -1, SQLITE_TRANSIENT);
	if ((rc = repo_one(st, s)) == REPO_OK) {
		*yes = true;
		sqlite3_reset(s);
	}
	return rc == REPO_NOTFOUND ? REPO_OK : rc;
}

enum repo_rc
sq_erase_open(void *be, const char *msisdn, int64_t seller_id, int64_t *ids,
    int max, int *n)
{
	static const char sql[] = "SELECT id FROM orders WHERE (buyer = ?1"
	    " OR courier = ?1 OR seller_id = ?2) AND state IN ('pending',"
	    " 'confirmed', 'accepted', 'shipped', 'assigned') ORDER BY id"
	    " LIMIT ?3";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 src = SQLITE_DONE;

	*n = 0;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, seller_id);
	sqlite3_bind_int(s, 3, max);
	while (*n < max && (src = store_step(st, s)) == SQLITE_ROW)
		ids[(*n)++] = sqlite3_column_int64(s, 0);
	if (*n < max && src != SQLITE_DONE) {
		sqlite3_reset(s);
		return repo_rc_of(src);
	}
	sqlite3_reset(s);
	return REPO_OK;
}
