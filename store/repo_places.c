/* The places operations of the commerce repository over SQLite: villages
 * by folded name (exact, or typo candidates by the name's first or last
 * letters), placing a seller with its active products, and the pending
 * DESA choice. */
#include <stdio.h>
#include <string.h>

#include "commerce/place.h"
#include "store/repo_places.h"
#include "store/repo_util.h"
#include "store/store_internal.h"

#define PLACE_COLS	"p.code, p.name, p.level, coalesce(p.parent, ''), " \
			"coalesce(q.name, ''), p.key"
#define PLACE_FROM	" FROM places p LEFT JOIN places q ON q.code = p.parent "
#define IN_SCOPE	"(?3 = '' OR p.code = ?3 OR substr(p.code, 1, " \
			"length(?3) + 1) = ?3 || '.')"

static void
place_row(sqlite3_stmt *s, struct place *p)
{
	store_col_text(s, 0, p->code, sizeof(p->code));
	store_col_text(s, 1, p->name, sizeof(p->name));
	p->level = sqlite3_column_int(s, 2);
	store_col_text(s, 3, p->parent, sizeof(p->parent));
	store_col_text(s, 4, p->parent_name, sizeof(p->parent_name));
	p->dist = 0;
}

/* Keeps p in out[0..*n-1] (at most max) by (dist, code). */
static void
keep_nearest(struct place *out, int max, int *n, const struct place *p)
{
	int	i;

	if (*n == max && (out[max - 1].dist < p->dist ||
	    (out[max - 1].dist == p->dist &&
	    strcmp(out[max - 1].code, p->code) < 0)))
		return;
	i = *n < max ? (*n)++ : max - 1;
	for (; i > 0 && (out[i - 1].dist > p->dist || (out[i - 1].dist ==
	    p->dist && strcmp(out[i - 1].code, p->code) > 0)); i--)
		out[i] = out[i - 1];
	out[i] = *p;
}

/* The prefix range [lo, hi) of keys starting with s's first two bytes. */
static void
prefix_range(const char *s, char lo[3], char hi[3])
{
	snprintf(lo, 3, "%.2s", s);
	snprintf(hi, 3, "%s", lo);
	if (hi[1] != '\0' && (unsigned char)hi[1] < 0xff)
		hi[1]++;
	else if ((unsigned char)hi[0] < 0xff) {
		hi[0]++;
		hi[1] = '\0';
	}
}

enum repo_rc
sq_place_match(void *be, int level, const char *scope, const char *key,
    bool fuzzy, struct place *out, int max, int *n)
{
	static const char exact[] = "SELECT " PLACE_COLS PLACE_FROM
	    "WHERE p.key = ?1 AND p.level = ?2 AND p.replaced_by IS NULL AND "
	    IN_SCOPE " ORDER BY p.code LIMIT ?4";
	/* A regency or smaller: all of its places of the level. */
	static const char narrow[] = "SELECT " PLACE_COLS PLACE_FROM
	    "WHERE p.code > ?3 AND p.code < ?3 || '/' AND p.level = ?2 AND "
	    "p.replaced_by IS NULL AND ?1 = ?1";
	/* Wider: those sharing the key's first or last two letters. */
	static const char wide[] = "SELECT " PLACE_COLS PLACE_FROM
	    "WHERE ((p.key >= ?4 AND p.key < ?5) OR (p.rkey >= ?6 AND "
	    "p.rkey < ?7)) AND p.level = ?2 AND p.replaced_by IS NULL AND "
	    IN_SCOPE " AND ?1 = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s;
	struct place	 p;
	char		 rkey[PLACE_NAME_MAX], lo[3], hi[3], rlo[3], rhi[3];
	bool		 is_narrow = strchr(scope, '.') != NULL;
	int		 rc, tol = commerce_place_tolerance(strlen(key));

	*n = 0;
	if (max <= 0)
		return REPO_OK;
	s = store_stmt(st, !fuzzy ? exact : is_narrow ? narrow : wide);
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, level);
	sqlite3_bind_text(s, 3, scope, -1, SQLITE_TRANSIENT);
	if (!fuzzy)
		sqlite3_bind_int(s, 4, max);
	else if (!is_narrow) {
		commerce_place_rkey(key, rkey, sizeof(rkey));
		prefix_range(key, lo, hi);
		prefix_range(rkey, rlo, rhi);
		sqlite3_bind_text(s, 4, lo, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 5, hi, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 6, rlo, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 7, rhi, -1, SQLITE_TRANSIENT);
	}
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		const char	*k = (const char *)sqlite3_column_text(s, 5);

		place_row(s, &p);
		if (!fuzzy) {
			out[(*n)++] = p;
			continue;
		}
		if (k == NULL || (p.dist = commerce_place_distance(key, k,
		    tol)) > tol)
			continue;
		keep_nearest(out, max, n, &p);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? REPO_OK : repo_rc_of(rc);
}

enum repo_rc
sq_place_get(void *be, const char *code, struct place *out)
{
	static const char sql[] = "SELECT " PLACE_COLS PLACE_FROM
	    "WHERE p.code = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc;
	place_row(s, out);
	sqlite3_reset(s);
	return REPO_OK;
}

enum repo_rc
sq_place_villages(void *be, const char *district, struct place *out, int max,
    int *n)
{
	static const char sql[] = "SELECT " PLACE_COLS PLACE_FROM
	    "WHERE p.parent = ?1 AND p.level = 4 AND p.replaced_by IS NULL "
	    "ORDER BY p.code LIMIT ?2";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc;

	*n = 0;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, district, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, max);
	while ((rc = store_step(st, s)) == SQLITE_ROW && *n < max)
		place_row(s, &out[(*n)++]);
	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? REPO_OK : repo_rc_of(rc);
}

enum repo_rc
sq_places_any(void *be, const char *scope, bool *yes)
{
	static const char sql[] = "SELECT 1 FROM places WHERE level = 4 AND "
	    "replaced_by IS NULL AND (?1 = '' OR code LIKE ?1 || '.%') LIMIT 1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc;

	*yes = false;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, scope, -1, SQLITE_TRANSIENT);
	rc = store_step(st, s);
	*yes = rc == SQLITE_ROW;
	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? REPO_OK : repo_rc_of(rc);
}

enum repo_rc
sq_seller_place(void *be, int64_t seller_id, const char *code,
    const char *village, int64_t now_s)
{
	static const char seller[] = "UPDATE sellers SET place = ?2, "
	    "village = coalesce(?3, village), updated_s = ?4 WHERE id = ?1";
	/* The postings follow through the TEMP triggers (search.c). */
	static const char products[] = "UPDATE products SET place = ?2 "
	    "WHERE seller_id = ?1 AND active = 1 AND place <> ?2";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, seller);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, seller_id);
	sqlite3_bind_text(s, 2, code, -1, SQLITE_TRANSIENT);
	if (village != NULL)
		sqlite3_bind_text(s, 3, village, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, now_s);
	if ((rc = repo_run(st, s)) != REPO_OK || code[0] == '\0')
		return rc;
	if ((s = store_stmt(st, products)) == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, seller_id);
	sqlite3_bind_text(s, 2, code, -1, SQLITE_TRANSIENT);
	return repo_run(st, s);
}

enum repo_rc
sq_place_choice_get(void *be, const char *msisdn, char *codes, size_t len,
    int64_t *expires_s)
{
	static const char sql[] = "SELECT codes, expires_s FROM place_choice "
	    "WHERE msisdn = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	enum repo_rc	 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	if ((rc = repo_one(st, s)) != REPO_OK)
		return rc;
	store_col_text(s, 0, codes, len);
	*expires_s = sqlite3_column_int64(s, 1);
	sqlite3_reset(s);
	return REPO_OK;
}

enum repo_rc
sq_place_choice_set(void *be, const char *msisdn, const char *codes,
    int64_t expires_s)
{
	static const char put[] = "INSERT INTO place_choice (msisdn, codes, "
	    "expires_s) VALUES (?1, ?2, ?3) ON CONFLICT (msisdn) DO UPDATE "
	    "SET codes = excluded.codes, expires_s = excluded.expires_s";
	static const char drop[] = "DELETE FROM place_choice WHERE msisdn = ?1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, codes[0] != '\0' ? put : drop);

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, msisdn, -1, SQLITE_TRANSIENT);
	if (codes[0] != '\0') {
		sqlite3_bind_text(s, 2, codes, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 3, expires_s);
	}
	return repo_run(st, s);
}
