/* CARI's word index over SQLite: its upkeep (TEMP triggers on products
 * call lapak_search_sync(), so every writer keeps it in its own
 * transaction), a first build, and the repository's search operations:
 * vocabulary matches (an in-memory copy of the vocabulary scanned with
 * cheap filters, and a small cache of recent query words), postings in
 * (name length, id) order, result rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "store/search_internal.h"
#include "store/store_internal.h"

#define QCACHE		256	/* query words remembered */
#define QUICK_SCAN	20000	/* words a quick search may scan */

struct qentry {
	struct qword	 q;		/* n == 0: free */
	uint32_t	 qmask;		/* letter_mask of q */
	uint32_t	 idx[SEARCH_MATCH_MAX];	/* into the vocabulary */
	int16_t		 cls[SEARCH_MATCH_MAX];
	int		 n;
	bool		 cut;
};

struct vocab_copy {
	int64_t		*id;
	uint32_t	*off;		/* into pool */
	uint8_t		*len;
	uint32_t	*mask;		/* letters present */
	size_t		 n, cap;
	char		*pool;
	size_t		 pool_n, pool_cap;
	int64_t		 last_id;
	bool		 dirty;		/* reload before use */
	bool		 seen_in_txn;	/* rows read while a write was open */
	struct qentry	 cache[QCACHE];
};

/* ---- the vocabulary in memory ---- */

static uint32_t
letter_mask(const char *w, size_t n)
{
	uint32_t	m = 0;
	size_t		i;

	for (i = 0; i < n; i++) {
		unsigned char	c = (unsigned char)w[i];

		if (c >= 'a' && c <= 'z')
			m |= 1u << (c - 'a');
		else if (c >= '0' && c <= '9')
			m |= 1u << 26;
		else
			m |= 1u << (27 + c % 5);
	}
	return m;
}

static void
vocab_clear(struct vocab_copy *v)
{
	v->n = 0;
	v->pool_n = 0;
	v->last_id = 0;
	v->dirty = false;
	memset(v->cache, 0, sizeof(v->cache));
}

/* The class of vocabulary word i for q, with the filters that make a
 * whole-vocabulary scan cheap: a word sharing too few letters with q can
 * be neither a substring holder nor within two edits. */
static int
vocab_class(const struct vocab_copy *v, size_t i, const struct qword *q,
    uint32_t qmask)
{
	const char	*w = v->pool + v->off[i];
	size_t		 n = v->len[i];
	uint32_t	 diff = qmask ^ v->mask[i];
	int		 bits = __builtin_popcount(diff);

	if (n >= q->n && (qmask & ~v->mask[i]) == 0 && w[0] == q->w[0])
		return commerce_search_class(q, w, n);	/* exact, prefix */
	if (q->n >= 3 && n > q->n && (qmask & ~v->mask[i]) == 0)
		return commerce_search_class(q, w, n);	/* inside */
	if (q->n < 4 || n + 2 < q->n || n > q->n + 2)
		return 0;
	/* One edit changes the letter set by two at most. */
	if (bits > (q->n >= 6 ? 4 : 2))
		return 0;
	return commerce_search_class(q, w, n);
}

/* Inserts (i, cls) into e, best class first then shorter word, keeping at
 * most SEARCH_MATCH_MAX. */
static void
entry_add(struct qentry *e, const struct vocab_copy *v, uint32_t i,
    int cls)
{
	int	j;

	if (e->n == SEARCH_MATCH_MAX) {
		e->cut = true;
		if (cls < e->cls[e->n - 1] || (cls == e->cls[e->n - 1] &&
		    v->len[i] >= v->len[e->idx[e->n - 1]]))
			return;
		e->n--;
	}
	for (j = e->n; j > 0 && (cls > e->cls[j - 1] || (cls == e->cls[j - 1]
	    && v->len[i] < v->len[e->idx[j - 1]])); j--) {
		e->idx[j] = e->idx[j - 1];
		e->cls[j] = e->cls[j - 1];
	}
	e->idx[j] = i;
	e->cls[j] = (int16_t)cls;
	e->n++;
}

static void
vocab_push(struct vocab_copy *v, int64_t id, const char *w, size_t n)
{
	size_t	k;

	if (n == 0 || n > 255)
		return;
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 1024;
		v->id = xrealloc(v->id, v->cap * sizeof(*v->id));
		v->off = xrealloc(v->off, v->cap * sizeof(*v->off));
		v->len = xrealloc(v->len, v->cap * sizeof(*v->len));
		v->mask = xrealloc(v->mask, v->cap * sizeof(*v->mask));
	}
	while (v->pool_n + n > v->pool_cap) {
		v->pool_cap = v->pool_cap ? v->pool_cap * 2 : 16384;
		v->pool = xrealloc(v->pool, v->pool_cap);
	}
	memcpy(v->pool + v->pool_n, w, n);
	v->id[v->n] = id;
	v->off[v->n] = (uint32_t)v->pool_n;
	v->len[v->n] = (uint8_t)n;
	v->mask[v->n] = letter_mask(w, n);
	v->pool_n += n;
	/* Cached query words learn of the new word. */
	for (k = 0; k < QCACHE; k++) {
		struct qentry	*e = &v->cache[k];
		int		 cls;

		if (e->q.n > 0 && (cls = vocab_class(v, v->n, &e->q,
		    e->qmask)) > 0)
			entry_add(e, v, (uint32_t)v->n, cls);
	}
	v->n++;
}

/* Would a refresh read more than QUICK_SCAN words (a first load, a reload
 * after a rollback, a burst of new words)? */
static bool
vocab_refresh_big(struct store *st)
{
	static const char sql[] = "SELECT max(id) FROM search_vocab";
	struct vocab_copy	*v = st->vocab;
	sqlite3_stmt		*s = store_stmt(st, sql);
	int64_t			 top = 0;

	if (s == NULL)
		return true;
	if (store_step(st, s) == SQLITE_ROW)
		top = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return top - (v->dirty ? 0 : v->last_id) > QUICK_SCAN;
}

/* Reads the words added since the last refresh (all after a rollback).
 * quick: SQLITE_BUSY instead when that is many words. */
static int
vocab_refresh(struct store *st, bool quick)
{
	static const char sql[] = "SELECT id, word FROM search_vocab "
	    "WHERE id > ?1 ORDER BY id";
	struct vocab_copy	*v = st->vocab;
	sqlite3_stmt		*s;
	int			 rc, rows = 0;

	if (quick && vocab_refresh_big(st))
		return SQLITE_BUSY;
	if (v->dirty)
		vocab_clear(v);
	if ((s = store_stmt(st, sql)) == NULL)
		return SQLITE_ERROR;
	sqlite3_bind_int64(s, 1, v->last_id);
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		const char	*w = (const char *)sqlite3_column_text(s, 1);

		v->last_id = sqlite3_column_int64(s, 0);
		vocab_push(v, v->last_id, w != NULL ? w : "",
		    (size_t)sqlite3_column_bytes(s, 1));
		rows++;
	}
	sqlite3_reset(s);
	if (rows > 0 && st->in_txn)
		v->seen_in_txn = true;
	return rc == SQLITE_DONE ? SQLITE_DONE : rc;
}

static unsigned
word_hash(const struct qword *q)
{
	unsigned	h = 2166136261u;
	size_t		i;

	for (i = 0; i < q->n; i++)
		h = (h ^ (unsigned char)q->w[i]) * 16777619u;
	return h % QCACHE;
}

/* q's matches: from the cache, else by a scan of the vocabulary; quick:
 * NULL rather than a scan of more than QUICK_SCAN words (a few ns each). */
static const struct qentry *
vocab_match(struct vocab_copy *v, const struct qword *q, bool quick)
{
	struct qentry	*e = &v->cache[word_hash(q)];
	uint32_t	 qmask;
	size_t		 i;

	if (e->q.n == q->n && memcmp(e->q.w, q->w, q->n) == 0)
		return e;
	if (quick && v->n > QUICK_SCAN)
		return NULL;
	memset(e, 0, sizeof(*e));
	qmask = letter_mask(q->w, q->n);
	for (i = 0; i < v->n; i++) {
		int	cls = vocab_class(v, i, q, qmask);

		if (cls > 0)
			entry_add(e, v, (uint32_t)i, cls);
	}
	e->q = *q;
	e->qmask = qmask;
	return e;
}

/* ---- upkeep ---- */

static int
words_of(const char *name, struct qword *w)
{
	int	n, i, j, k = 0;

	n = commerce_search_words(name, w, SEARCH_NAME_WORDS);
	for (i = 0; i < n; i++) {	/* each word once */
		for (j = 0; j < k; j++)
			if (strcmp(w[j].w, w[i].w) == 0)
				break;
		if (j == k)
			w[k++] = w[i];
	}
	return k;
}

static int
post_add(struct store *st, int64_t pid, const char *name, const char *place)
{
	static const char vsql[] = "INSERT INTO search_vocab(word, n) "
	    "VALUES (?1, 1) ON CONFLICT(word) DO UPDATE SET n = n + 1 "
	    "RETURNING id";
	static const char psql[] = "INSERT OR IGNORE INTO search_post(wid, "
	    "nlen, pid, place, sig) VALUES (?1, ?2, ?3, ?4, ?5)";
	struct qword	 w[SEARCH_NAME_WORDS];
	int		 n = words_of(name, w), i, rc;
	sqlite3_int64	 sig = (sqlite3_int64)commerce_search_name_sig(name);

	for (i = 0; i < n; i++) {
		sqlite3_stmt	*s = store_stmt(st, vsql);
		int64_t		 wid;

		if (s == NULL)
			return SQLITE_ERROR;
		sqlite3_bind_text(s, 1, w[i].w, (int)w[i].n, SQLITE_TRANSIENT);
		if ((rc = store_step(st, s)) != SQLITE_ROW) {
			sqlite3_reset(s);
			return rc;
		}
		wid = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if ((s = store_stmt(st, psql)) == NULL)
			return SQLITE_ERROR;
		sqlite3_bind_int64(s, 1, wid);
		sqlite3_bind_int(s, 2, (int)strlen(name));
		sqlite3_bind_int64(s, 3, pid);
		sqlite3_bind_text(s, 4, place, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 5, sig);
		rc = store_step(st, s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return rc;
	}
	return SQLITE_DONE;
}

static int
post_del(struct store *st, int64_t pid, const char *name)
{
	static const char vsql[] = "UPDATE search_vocab SET n = max(n - 1, 0) "
	    "WHERE word = ?1 RETURNING id";
	static const char psql[] = "DELETE FROM search_post WHERE wid = ?1 "
	    "AND nlen = ?2 AND pid = ?3";
	struct qword	 w[SEARCH_NAME_WORDS];
	int		 n = words_of(name, w), i, rc;

	for (i = 0; i < n; i++) {
		sqlite3_stmt	*s = store_stmt(st, vsql);
		int64_t		 wid;

		if (s == NULL)
			return SQLITE_ERROR;
		sqlite3_bind_text(s, 1, w[i].w, (int)w[i].n, SQLITE_TRANSIENT);
		rc = store_step(st, s);
		wid = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
		while (rc == SQLITE_ROW)
			rc = store_step(st, s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return rc;
		if (wid < 0)
			continue;
		if ((s = store_stmt(st, psql)) == NULL)
			return SQLITE_ERROR;
		sqlite3_bind_int64(s, 1, wid);
		sqlite3_bind_int(s, 2, (int)strlen(name));
		sqlite3_bind_int64(s, 3, pid);
		rc = store_step(st, s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return rc;
	}
	return SQLITE_DONE;
}

static const char *
arg_text(sqlite3_value *v)
{
	const char	*t = (const char *)sqlite3_value_text(v);

	return t != NULL ? t : "";
}

/* lapak_search_sync(old_id, old_name, old_place, old_listed, new_id,
 * new_name, new_place, new_listed): moves a product's postings from its
 * old row to its new one. Runs inside the writing statement. */
static void
sql_sync(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store	*st = sqlite3_user_data(ctx);
	int		 rc = SQLITE_DONE;

	(void)argc;
	if (sqlite3_value_int(argv[3]))
		rc = post_del(st, sqlite3_value_int64(argv[0]),
		    arg_text(argv[1]));
	if (rc == SQLITE_DONE && sqlite3_value_int(argv[7]))
		rc = post_add(st, sqlite3_value_int64(argv[4]),
		    arg_text(argv[5]), arg_text(argv[6]));
	if (rc != SQLITE_DONE) {
		sqlite3_result_error(ctx, "search index", -1);
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	sqlite3_result_null(ctx);
}

#define LISTED(r) "(" r ".active = 1 AND " r ".stock > " r ".reserved)"

static const char triggers[] =
	"CREATE TEMP TRIGGER lapak_sp_ins AFTER INSERT ON main.products "
	"BEGIN SELECT lapak_search_sync(NULL, NULL, NULL, 0, new.id, "
	"  new.name, new.place, " LISTED("new") "); END;"
	"CREATE TEMP TRIGGER lapak_sp_upd AFTER UPDATE OF name, place, active, "
	"  stock, reserved ON main.products WHEN old.name IS NOT new.name OR "
	"  old.place IS NOT new.place OR " LISTED("old") " IS NOT "
	LISTED("new") " "
	"BEGIN SELECT lapak_search_sync(old.id, old.name, old.place, "
	LISTED("old") ", new.id, new.name, new.place, " LISTED("new")
	"); END;"
	"CREATE TEMP TRIGGER lapak_sp_del AFTER DELETE ON main.products "
	"BEGIN SELECT lapak_search_sync(old.id, old.name, old.place, "
	LISTED("old") ", NULL, NULL, NULL, 0); END;";

/* Postings for every listed product, once (a store from before v8). */
static int
build(struct store *st)
{
	static const char has[] = "SELECT 1 FROM meta WHERE k = 'search_index'";
	static const char all[] = "SELECT id, name, place FROM products "
	    "WHERE " LISTED("products");
	static const char done[] = "INSERT OR REPLACE INTO meta(k, v) "
	    "VALUES ('search_index', '1')";
	sqlite3_stmt	*s = NULL;
	int		 rc;

	if (sqlite3_prepare_v2(st->db, has, -1, &s, NULL) != SQLITE_OK)
		return SQLITE_ERROR;
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return SQLITE_DONE;
	if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return SQLITE_ERROR;
	if (sqlite3_prepare_v2(st->db, all, -1, &s, NULL) != SQLITE_OK)
		goto fail;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    (rc = post_add(st, sqlite3_column_int64(s, 0),
	    (const char *)sqlite3_column_text(s, 1),
	    (const char *)sqlite3_column_text(s, 2))) == SQLITE_DONE)
		;
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE ||
	    sqlite3_exec(st->db, done, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	return SQLITE_DONE;
fail:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return SQLITE_ERROR;
}

static int
on_commit(void *arg)
{
	struct store	*st = arg;

	if (st->vocab != NULL)
		st->vocab->seen_in_txn = false;
	return 0;
}

static void
on_rollback(void *arg)
{
	search_rolled_back(arg);
}

void
search_rolled_back(struct store *st)
{
	/* Words read during the transaction may be gone, and their ids
	 * given to others. */
	if (st->vocab != NULL && st->vocab->seen_in_txn) {
		st->vocab->dirty = true;
		st->vocab->seen_in_txn = false;
	}
}

int
search_attach(struct store *st, bool writer, char *err, size_t errlen)
{
	char	*msg = NULL;

	st->vocab = xcalloc(1, sizeof(*st->vocab));
	if (!writer)
		return 0;
	if (sqlite3_create_function(st->db, "lapak_search_sync", 8,
	    SQLITE_UTF8, st, sql_sync, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(st->db, triggers, NULL, NULL, &msg) != SQLITE_OK ||
	    build(st) != SQLITE_DONE) {
		snprintf(err, errlen, "search index: %s",
		    msg != NULL ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	sqlite3_commit_hook(st->db, on_commit, st);
	sqlite3_rollback_hook(st->db, on_rollback, st);
	return 0;
}

void
search_detach(struct store *st)
{
	struct vocab_copy	*v = st->vocab;

	if (v == NULL)
		return;
	free(v->id);
	free(v->off);
	free(v->len);
	free(v->mask);
	free(v->pool);
	free(v);
	st->vocab = NULL;
}

/* ---- the repository's search operations ---- */

static enum repo_rc
rrc(int rc)
{
	switch (store_rc_of(rc)) {
	case STORE_OK:
	case STORE_NOTFOUND:
		return REPO_OK;
	case STORE_BUSY:
		return REPO_BUSY;
	default:
		return REPO_ERR;
	}
}

static int
word_count(struct store *st, int64_t wid, int64_t *n)
{
	static const char sql[] = "SELECT n FROM search_vocab WHERE id = ?1";
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc;

	*n = 0;
	if (s == NULL)
		return SQLITE_ERROR;
	sqlite3_bind_int64(s, 1, wid);
	if ((rc = store_step(st, s)) == SQLITE_ROW) {
		*n = sqlite3_column_int64(s, 0);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(s);
	return rc;
}

enum repo_rc
search_vocab_op(void *be, const struct qword *q, int nq, bool quick,
    struct search_vocab_hits *out)
{
	struct store		*st = be;
	struct vocab_copy	*v = st->vocab;
	int			 k, i, rc;

	memset(out->n, 0, sizeof(out->n));
	out->cut = false;
	if ((rc = vocab_refresh(st, quick)) != SQLITE_DONE)
		return rrc(rc);
	for (k = 0; k < nq && k < SEARCH_WORDS; k++) {
		const struct qentry	*e = vocab_match(v, &q[k], quick);

		if (e == NULL)
			return REPO_BUSY;	/* not at hand */
		out->cut |= e->cut;
		for (i = 0; i < e->n; i++) {
			struct search_match	*m = &out->m[k][i];

			m->wid = v->id[e->idx[i]];
			m->cls = e->cls[i];
			m->sig = commerce_search_sig(v->pool + v->off[e->idx[i]],
			    v->len[e->idx[i]]);
			m->count = 0;
			/* Counts only choose the word to read from. */
			if (nq > 1 && (rc = word_count(st, m->wid,
			    &m->count)) != SQLITE_DONE)
				return rrc(rc);
		}
		out->n[k] = e->n;
	}
	return REPO_OK;
}

enum repo_rc
search_postings_op(void *be, int64_t wid, const char *place,
    int32_t after_nlen, int64_t after_pid, struct search_post *out, int max,
    int *n)
{
	static const char any[] = "SELECT pid, nlen, sig FROM search_post "
	    "WHERE wid = ?1 AND (nlen, pid) > (?2, ?3) "
	    "ORDER BY nlen, pid LIMIT ?4";
	static const char in[] = "SELECT pid, nlen, sig FROM search_post "
	    "INDEXED BY search_post_place WHERE place = ?5 AND wid = ?1 AND "
	    "(nlen, pid) > (?2, ?3) ORDER BY nlen, pid LIMIT ?4";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, place != NULL ? in : any);
	int		 rc;

	*n = 0;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, wid);
	sqlite3_bind_int(s, 2, after_nlen);
	sqlite3_bind_int64(s, 3, after_pid);
	sqlite3_bind_int(s, 4, max);
	if (place != NULL)
		sqlite3_bind_text(s, 5, place, -1, SQLITE_TRANSIENT);
	while ((rc = store_step(st, s)) == SQLITE_ROW && *n < max) {
		out[*n].pid = sqlite3_column_int64(s, 0);
		out[*n].nlen = sqlite3_column_int(s, 1);
		out[*n].sig = (uint64_t)sqlite3_column_int64(s, 2);
		(*n)++;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? REPO_OK : rrc(rc);
}

enum repo_rc
search_row_op(void *be, int64_t pid, struct search_hit *out)
{
	static const char sql[] = "SELECT p.name, p.price_rp, p.unit, "
	    "s.village FROM products p JOIN sellers s ON s.id = p.seller_id "
	    "WHERE p.id = ?1 AND " LISTED("p");
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc;

	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_int64(s, 1, pid);
	if ((rc = store_step(st, s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc == SQLITE_DONE ? REPO_NOTFOUND : rrc(rc);
	}
	out->id = pid;
	store_col_text(s, 0, out->name, sizeof(out->name));
	out->price_rp = sqlite3_column_int64(s, 1);
	store_col_text(s, 2, out->unit, sizeof(out->unit));
	store_col_text(s, 3, out->village, sizeof(out->village));
	sqlite3_reset(s);
	return REPO_OK;
}

enum repo_rc
search_place_known_op(void *be, const char *place, bool *yes)
{
	static const char sql[] = "SELECT 1 FROM search_post "
	    "INDEXED BY search_post_place WHERE place = ?1 LIMIT 1";
	struct store	*st = be;
	sqlite3_stmt	*s = store_stmt(st, sql);
	int		 rc;

	*yes = false;
	if (s == NULL)
		return REPO_ERR;
	sqlite3_bind_text(s, 1, place, -1, SQLITE_TRANSIENT);
	rc = store_step(st, s);
	*yes = rc == SQLITE_ROW;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? REPO_OK : rrc(rc);
}
