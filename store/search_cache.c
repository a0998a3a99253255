/* The CARI result cache: the scored, sorted candidates of recent queries,
 * so that the many buyers who search the same words cost one FTS match
 * between product changes. Entries go when a change could alter them:
 * SQLite itself tells (TEMP triggers on products and sellers call back into
 * here, whatever code path wrote), and any rollback or another connection's
 * commit empties the cache. */
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "store/search_internal.h"
#include "store/store_internal.h"

#define CACHE_ENTRIES	64
#define CACHE_MAX_ROWS	100	/* longer lists are not kept */

struct cache_entry {
	char		 key[SEARCH_KEY_MAX];	/* "" = free */
	struct qword	 q[SEARCH_WORDS];
	int		 nq;
	struct cand	*v;
	int		 n;
};

struct search_cache {
	struct cache_entry	 e[CACHE_ENTRIES];
	unsigned		 next;		/* round-robin victim */
	int64_t			 data_version;
};

static void
entry_drop(struct cache_entry *e)
{
	free(e->v);
	memset(e, 0, sizeof(*e));
}

void
search_cache_clear(struct store *st)
{
	int	i;

	if (st->scache == NULL)
		return;
	for (i = 0; i < CACHE_ENTRIES; i++)
		if (st->scache->e[i].key[0] != '\0')
			entry_drop(&st->scache->e[i]);
}

/* lapak_search_forget(id, name): drops entries holding product id, and
 * those whose words match name (a product that may now be a result). */
static void
sql_forget(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store		*st = sqlite3_user_data(ctx);
	struct search_cache	*c = st->scache;
	int64_t			 id = sqlite3_value_int64(argv[0]);
	const char		*name = argc > 1 ?
				    (const char *)sqlite3_value_text(argv[1]) : NULL;
	int			 i, j;

	for (i = 0; i < CACHE_ENTRIES; i++) {
		struct cache_entry	*e = &c->e[i];
		bool			 drop = false;

		if (e->key[0] == '\0')
			continue;
		for (j = 0; j < e->n && !drop; j++)
			drop = e->v[j].id == id;
		if (!drop && name != NULL)
			drop = commerce_search_score(e->q, e->nq, name) > 0;
		if (drop)
			entry_drop(e);
	}
	sqlite3_result_null(ctx);
}

static void
sql_forget_all(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	search_cache_clear(sqlite3_user_data(ctx));
	sqlite3_result_null(ctx);
}

/* Whatever writes products or sellers: only what CARI shows matters. */
static const char cache_triggers[] =
	"CREATE TEMP TRIGGER lapak_sc_pins AFTER INSERT ON main.products "
	"BEGIN SELECT lapak_search_forget(new.id, new.name); END;"
	"CREATE TEMP TRIGGER lapak_sc_pupd AFTER UPDATE OF name, unit, "
	"price_rp, active, seller_id ON main.products "
	"BEGIN SELECT lapak_search_forget(old.id, new.name); END;"
	"CREATE TEMP TRIGGER lapak_sc_pdel AFTER DELETE ON main.products "
	"BEGIN SELECT lapak_search_forget(old.id, old.name); END;"
	"CREATE TEMP TRIGGER lapak_sc_supd AFTER UPDATE OF village, id "
	"ON main.sellers BEGIN SELECT lapak_search_forget_all(); END;"
	"CREATE TEMP TRIGGER lapak_sc_sdel AFTER DELETE ON main.sellers "
	"BEGIN SELECT lapak_search_forget_all(); END;";

static void
on_rollback(void *arg)
{
	search_cache_clear(arg);
}

int
search_cache_attach(struct store *st)
{
	char	*msg = NULL;

	st->scache = xcalloc(1, sizeof(*st->scache));
	st->scache->data_version = -1;
	if (sqlite3_create_function(st->db, "lapak_search_forget", 2,
	    SQLITE_UTF8, st, sql_forget, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(st->db, "lapak_search_forget_all", 0,
	    SQLITE_UTF8, st, sql_forget_all, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(st->db, cache_triggers, NULL, NULL, &msg) != SQLITE_OK) {
		sqlite3_free(msg);
		search_cache_free(st);
		return -1;
	}
	sqlite3_rollback_hook(st->db, on_rollback, st);
	return 0;
}

void
search_cache_free(struct store *st)
{
	if (st->scache == NULL)
		return;
	search_cache_clear(st);
	free(st->scache);
	st->scache = NULL;
}

/* Another connection (lapakctl, a tool) may have written: empty then. */
static void
check_version(struct store *st)
{
	static const char sql[] = "PRAGMA data_version";
	sqlite3_stmt	*s = store_stmt(st, sql);
	int64_t		 v = -2;

	if (s != NULL && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	if (s != NULL)
		sqlite3_reset(s);
	if (v != st->scache->data_version)
		search_cache_clear(st);
	st->scache->data_version = v;
}

bool
search_cache_get(struct store *st, const char *key, struct cands *out)
{
	struct search_cache	*c = st->scache;
	int			 i;

	if (c == NULL)
		return false;
	check_version(st);
	for (i = 0; i < CACHE_ENTRIES; i++)
		if (c->e[i].key[0] != '\0' && strcmp(c->e[i].key, key) == 0) {
			struct cache_entry *e = &c->e[i];

			if (e->n > out->cap)
				break;
			if (e->n > 0)
				memcpy(out->v, e->v,
				    (size_t)e->n * sizeof(*e->v));
			out->n = e->n;
			return true;
		}
	return false;
}

void
search_cache_put(struct store *st, const char *key, const struct qword *q,
    int nq, const struct cands *cs)
{
	struct search_cache	*c = st->scache;
	struct cache_entry	*e;

	if (c == NULL || cs->partial || cs->n > CACHE_MAX_ROWS ||
	    strlen(key) >= sizeof(e->key))
		return;
	e = &c->e[c->next++ % CACHE_ENTRIES];
	entry_drop(e);
	memcpy(e->key, key, strlen(key) + 1);
	memcpy(e->q, q, (size_t)nq * sizeof(*q));
	e->nq = nq;
	e->n = cs->n;
	if (cs->n > 0) {
		e->v = xmalloc((size_t)cs->n * sizeof(*e->v));
		memcpy(e->v, cs->v, (size_t)cs->n * sizeof(*e->v));
	}
}
