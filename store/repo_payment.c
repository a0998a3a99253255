/* Payment records on the SQLite store: LUNAS writes an order's
 * paid_method, paid_ref and paid_at with an audit row, prepared statements
 * only. "Paid" is paid_method IS NOT NULL (schema v12). */
#include <stdio.h>
#include <string.h>

#include "store/repo_payment.h"
#include "store/repo_util.h"
#include "store/store_internal.h"

enum repo_rc
sq_order_payment(void *be, int64_t id, struct order_payment *out)
{
	static const char sql[] = "SELECT coalesce(paid_method, ''), "
	    "paid_ref, coalesce(paid_at, 0), coalesce(courier, '') "
	    "FROM orders WHERE id = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc;
	store_col_text(s, 0, out->method, sizeof(out->method));
	store_col_text(s, 1, out->ref, sizeof(out->ref));
	out->at_s = sqlite3_column_int64(s, 2);
	store_col_text(s, 3, out->courier, sizeof(out->courier));
	sqlite3_reset(s);
	return REPO_OK;
}

enum repo_rc
sq_order_pay(void *be, int64_t id, enum order_state from, const char *method,
    const char *ref, const char *by, int64_t now_s)
{
	static const char sql[] = "UPDATE orders SET paid_method = ?2, "
	    "paid_ref = ?3, paid_at = ?4 WHERE id = ?1 AND state = ?5";
	/* The method before and after, never the reference: a reference is
	 * the buyer's data, kept on the order alone (privacy redacts it
	 * there). */
	static const char audit[] = "INSERT INTO audit (order_id, product_id, "
	    "what, from_val, to_val, by, at_s, via) SELECT id, product_id, "
	    "'paid', ?2, ?3, ?4, ?5, ?6 FROM orders WHERE id = ?1";
	struct store	*st = be;
	struct order_payment	 old;
	sqlite3_stmt	*s;
	enum repo_rc	 rc;

	if ((rc = sq_order_payment(be, id, &old)) != REPO_OK)
		return rc == REPO_NOTFOUND ? REPO_CONFLICT : rc;
	if ((s = store_stmt(st, sql)) == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, method, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, ref, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, now_s);
	sqlite3_bind_text(s, 5, order_state_name(from), -1, SQLITE_STATIC);
	if ((rc = repo_run(st, s)) != REPO_OK)
		return rc;
	if (sqlite3_changes(st->db) != 1)
		return REPO_CONFLICT;
	if ((s = store_stmt(st, audit)) == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, id);
	if (old.method[0] != '\0')
		sqlite3_bind_text(s, 2, old.method, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, method, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, by, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 5, now_s);
	if (st->audit_via[0] != '\0')
		sqlite3_bind_text(s, 6, st->audit_via, -1, SQLITE_TRANSIENT);
	return repo_run(st, s);
}
