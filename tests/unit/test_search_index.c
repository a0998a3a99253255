/* CARI's word index (schema v8, store/search.c): it follows every change
 * that makes a product listed or not (sell, stock to 0 and back, a
 * reservation taking the last unit, delisting), its counts agree with its
 * postings, a store from v7 gets it built on open, a read-only reader
 * connection searches the same, and "di <tempat>" filters by place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf/conf.h"
#include "store/commerce.h"
#include "store/store.h"
#include "tests/schema_undo.h"
#include "tests/t.h"

static struct store	*st;
static struct conf	 cf;
static struct act_result R;
static char		 db[300];

#define S1	"+6281200000001"
#define S2	"+6281200000002"
#define B1	"+6281200000009"

static enum act_rc
run_on(struct store *s, const char *who, enum verb v, const char *text,
    int64_t code, int64_t n, int64_t price)
{
	struct action	a;
	struct actor	w;

	memset(&a, 0, sizeof(a));
	memset(&w, 0, sizeof(w));
	a.verb = v;
	a.confirm_code = -1;
	snprintf(a.text, sizeof(a.text), "%s", text);
	if (v == VERB_REGISTER && strchr(text, ',') != NULL) {
		snprintf(a.village, sizeof(a.village), "%s",
		    strchr(text, ',') + 2);
		*strchr(a.text, ',') = '\0';
	}
	a.code = code;
	a.qty = n;
	a.price_rp = price;
	snprintf(w.msisdn, sizeof(w.msisdn), "%s", who);
	w.now_s = 1800000000;
	return commerce_do(s, &cf, &w, &a, &R);
}

static enum act_rc
run(const char *who, enum verb v, const char *text, int64_t code, int64_t n,
    int64_t price)
{
	return run_on(st, who, v, text, code, n, price);
}

static const char *
row(int i, const char *key)
{
	int	j;

	if (i >= R.reply.nrows)
		return "";
	for (j = 0; j < R.reply.rows[i].nvars; j++)
		if (strcmp(R.reply.rows[i].vars[j].key, key) == 0)
			return R.reply.rows[i].vars[j].val;
	return "";
}

/* The page's codes joined: "P1 P3". */
static const char *
codes(void)
{
	static char	buf[128];
	size_t		off = 0;
	int		i;

	buf[0] = '\0';
	for (i = 0; i < R.reply.nrows; i++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s%s",
		    i > 0 ? " " : "", row(i, "code"));
	return buf;
}

static long
sql_long(const char *q)
{
	char	cmd[1024], out[64] = "";
	FILE	*p;

	snprintf(cmd, sizeof(cmd), "sqlite3 -batch %s \"%s\"", db, q);
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	if (fgets(out, sizeof(out), p) == NULL)
		out[0] = '\0';
	pclose(p);
	return strtol(out, NULL, 10);
}

/* The index says what the products say. */
static void
check_index(const char *when)
{
	long	stray, missing, counts;

	stray = sql_long("SELECT count(*) FROM search_post sp JOIN products p "
	    "ON p.id = sp.pid WHERE NOT (p.active = 1 AND p.stock > p.reserved)");
	missing = sql_long("SELECT count(*) FROM products p WHERE p.active = 1 "
	    "AND p.stock > p.reserved AND NOT EXISTS (SELECT 1 FROM search_post "
	    "WHERE pid = p.id)");
	counts = sql_long("SELECT count(*) FROM search_vocab v WHERE n != "
	    "(SELECT count(*) FROM search_post WHERE wid = v.id)");
	if (stray != 0 || missing != 0 || counts != 0)
		fprintf(stderr, "%s: stray %ld missing %ld counts %ld\n", when,
		    stray, missing, counts);
	CHECK(stray == 0 && missing == 0 && counts == 0);
}

static void
test_follows_listing(void)
{
	CHECK_INT(run(S1, VERB_REGISTER, "Toko Sri", 0, 0, 0), ACT_OK);
	CHECK_INT(run(S2, VERB_REGISTER, "Toko Ani", 0, 0, 0), ACT_OK);
	CHECK_INT(run(S1, VERB_SELL, "Keripik singkong", 0, 2, 15000), ACT_OK);
	CHECK_INT(run(S1, VERB_SELL, "Keripik pisang balado", 0, 5, 12000),
	    ACT_OK);
	CHECK_INT(run(S2, VERB_SELL, "Kopi bubuk", 0, 5, 20000), ACT_OK);
	check_index("sold");
	CHECK_INT(run(B1, VERB_FIND, "kripik", 0, 0, 0), ACT_OK);
	CHECK_STR(codes(), "P1 P2");		/* shorter name first */
	/* Stock to 0: gone; back: found again. */
	CHECK_INT(run(S1, VERB_STOCK, "", 1, 0, 0), ACT_OK);
	check_index("stock 0");
	CHECK_INT(run(B1, VERB_FIND, "keripik", 0, 0, 0), ACT_OK);
	CHECK_STR(codes(), "P2");
	CHECK_INT(run(S1, VERB_STOCK, "", 1, 2, 0), ACT_OK);
	CHECK_INT(run(B1, VERB_FIND, "keripik", 0, 0, 0), ACT_OK);
	CHECK_STR(codes(), "P1 P2");
	/* A confirmed order holding the last units: not orderable, gone. */
	CHECK_INT(run(B1, VERB_BUY, "", 1, 2, 0), ACT_OK);
	CHECK_INT(run(B1, VERB_CONFIRM, "", 0, 0, 0), ACT_OK);
	check_index("reserved");
	CHECK_INT(run(B1, VERB_FIND, "keripik", 0, 0, 0), ACT_OK);
	CHECK_STR(codes(), "P2");
	/* Delisted: gone. */
	CHECK_INT(run(S1, VERB_DELIST, "", 2, 0, 0), ACT_OK);
	check_index("delisted");
	CHECK_INT(run(B1, VERB_FIND, "keripik", 0, 0, 0), ACT_NO_MATCH);
	CHECK_INT(run(B1, VERB_FIND, "kopi", 0, 0, 0), ACT_OK);
	CHECK_STR(codes(), "P3");
}

/* Undone writes leave no posting behind, and the words the connection
 * saw inside the undone transaction are not trusted afterwards. */
static void
test_rollback(void)
{
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(run(S2, VERB_SELL, "Gethuk lindri", 0, 5, 5000), ACT_OK);
	CHECK_INT(run(B1, VERB_FIND, "gethuk", 0, 0, 0), ACT_OK);
	store_rollback(st);
	CHECK_INT(run(B1, VERB_FIND, "gethuk", 0, 0, 0), ACT_NO_MATCH);
	/* A new word takes the undone one's id: found by its own name. */
	CHECK_INT(run(S2, VERB_SELL, "Wajik ketan", 0, 5, 5000), ACT_OK);
	CHECK_INT(run(B1, VERB_FIND, "wajik", 0, 0, 0), ACT_OK);
	CHECK_INT(R.reply.nrows, 1);
	CHECK_INT(run(B1, VERB_FIND, "gethuk", 0, 0, 0), ACT_NO_MATCH);
	check_index("rollback");
}

static void
test_place(void)
{
	CHECK_INT(run(S1, VERB_REGISTER, "Toko Sri, Sukamaju", 0, 0, 0),
	    ACT_OK);
	CHECK_INT(run(S2, VERB_REGISTER, "Toko Ani, Karanganyar", 0, 0, 0),
	    ACT_OK);
	CHECK_INT(run(S1, VERB_SELL, "Kopi robusta", 0, 5, 25000), ACT_OK);
	CHECK_INT(run(S2, VERB_SELL, "Kopi di gunung", 0, 5, 30000), ACT_OK);
	CHECK_INT(run(B1, VERB_FIND, "kopi di sukamaju", 0, 0, 0), ACT_OK);
	CHECK_INT(R.reply.nrows, 1);
	CHECK_STR(row(0, "name"), "Kopi robusta");
	CHECK_INT(run(B1, VERB_FIND, "KOPI di  Karanganyar ", 0, 0, 0), ACT_OK);
	CHECK_INT(R.reply.nrows, 1);
	CHECK_STR(row(0, "name"), "Kopi di gunung");
	/* Not a place: the words of a name. */
	CHECK_INT(run(B1, VERB_FIND, "kopi di gunung", 0, 0, 0), ACT_OK);
	CHECK_STR(row(0, "name"), "Kopi di gunung");
	CHECK_INT(run(B1, VERB_FIND, "kopi di atlantis", 0, 0, 0),
	    ACT_NO_MATCH);
	CHECK_STR(R.reply.tmpl, "find.no_place");
	/* A place with nothing of that name there. */
	CHECK_INT(run(B1, VERB_FIND, "wajik di sukamaju", 0, 0, 0),
	    ACT_NO_MATCH);
	CHECK_STR(R.reply.tmpl, "find.none");
	CHECK(sql_long("SELECT count(*) FROM products WHERE place = 'sukamaju'")
	    >= 1);
}

/* The reader's connection finds what the writer committed. */
static void
test_reader(void)
{
	struct store		*rd = NULL;
	struct commerce_find	 f;
	struct action		 a;
	struct actor		 w;
	char			 err[256];

	CHECK_INT(store_open_reader(&rd, db, err, sizeof(err)), 0);
	if (rd == NULL)
		return;
	memset(&a, 0, sizeof(a));
	memset(&w, 0, sizeof(w));
	a.verb = VERB_FIND;
	snprintf(a.text, sizeof(a.text), "kopi");
	snprintf(w.msisdn, sizeof(w.msisdn), "%s", B1);
	CHECK_INT(commerce_find_want(st, &cf, &w, &a, &f), 1);
	/* One word, first page: quick on the writer's own connection. */
	CHECK_INT(commerce_find_quick(st, &f), 1);
	CHECK(f.done);
	CHECK_INT(f.page.n, 3);
	CHECK_INT(commerce_find_want(st, &cf, &w, &a, &f), 1);
	commerce_find_on(rd, &f);
	CHECK(f.done);
	CHECK_INT(f.rc, REPO_OK);
	CHECK_INT(f.page.n, 3);
	/* A writer's uncommitted product is not the reader's. */
	CHECK_INT(store_begin(st), STORE_OK);
	CHECK_INT(run(S2, VERB_SELL, "Kopi luwak", 0, 5, 90000), ACT_OK);
	CHECK_INT(commerce_find_want(st, &cf, &w, &a, &f), 1);
	commerce_find_on(rd, &f);
	CHECK_INT(f.page.n, 3);
	CHECK_INT(store_commit(st), STORE_OK);
	commerce_find_on(rd, &f);
	CHECK_INT(f.page.n, 3);
	CHECK(f.page.more);
	/* Writing through the reader is refused. */
	CHECK_INT(run_on(rd, S1, VERB_SELL, "Kopi tubruk", 0, 1, 1000),
	    ACT_ERR);
	/* Not quick: two words, a later page, an unknown place read as
	 * words. */
	{
		struct action	b = a;
		const char	*slow[] = { "kopi luwak", "kopi di atlantis" };
		size_t		 i;

		for (i = 0; i < sizeof(slow) / sizeof(slow[0]); i++) {
			snprintf(b.text, sizeof(b.text), "%s", slow[i]);
			CHECK_INT(commerce_find_want(st, &cf, &w, &b, &f), 1);
			CHECK_INT(commerce_find_quick(st, &f), 0);
			CHECK(!f.done);
		}
	}
	CHECK_INT(commerce_find_want(st, &cf, &w, &a, &f), 1);
	commerce_find_on(rd, &f);
	/* LAGI after the answer continues from the saved position. */
	CHECK_INT(commerce_do_found(st, &cf, &w, &a, &f, &R), ACT_OK);
	a.verb = VERB_MORE;
	CHECK_INT(commerce_find_want(st, &cf, &w, &a, &f), 1);
	CHECK_INT((int)f.offset, 3);
	CHECK_INT(commerce_find_quick(st, &f), 0);	/* a later page */
	commerce_find_on(rd, &f);
	CHECK_INT(f.page.n, 1);
	store_close(rd);
}

/* A quick search never reads a big vocabulary on the loop: 20,001 new
 * words to load make it decline (the search thread does it); once a
 * full search has read them, a word seen before is quick again, a new one
 * is not. */
static void
test_quick_guard(void)
{
	struct commerce_find	 f;
	struct action		 a;
	struct actor		 w;
	char			 cmd[512];

	snprintf(cmd, sizeof(cmd), "sqlite3 %s \"WITH RECURSIVE c(i) AS "
	    "(SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 20001) "
	    "INSERT INTO search_vocab(word, n) SELECT 'zq' || i, 0 FROM c\"",
	    db);
	CHECK_INT(system(cmd), 0);
	memset(&a, 0, sizeof(a));
	memset(&w, 0, sizeof(w));
	a.verb = VERB_FIND;
	snprintf(w.msisdn, sizeof(w.msisdn), "%s", B1);
	snprintf(a.text, sizeof(a.text), "kopi");
	CHECK_INT(commerce_find_want(st, &cf, &w, &a, &f), 1);
	CHECK_INT(commerce_find_quick(st, &f), 0);
	CHECK_INT(run(B1, VERB_FIND, "kopi", 0, 0, 0), ACT_OK);	/* loads */
	CHECK_INT(commerce_find_want(st, &cf, &w, &a, &f), 1);
	CHECK_INT(commerce_find_quick(st, &f), 1);
	CHECK_INT(f.page.n, 3);
	snprintf(a.text, sizeof(a.text), "luwak");	/* never asked here */
	CHECK_INT(commerce_find_want(st, &cf, &w, &a, &f), 1);
	CHECK_INT(commerce_find_quick(st, &f), 0);
}

/* A v7 store (trigram FTS, no place, no word index) is upgraded on open
 * and its products found. */
static void
test_upgrade(void)
{
	char	cmd[4096], err[256];

	store_close(st);
	st = NULL;
	snprintf(cmd, sizeof(cmd), "sqlite3 %s \"DROP TABLE search_post;"
	    " DROP TABLE search_vocab; ALTER TABLE products DROP COLUMN place;"
	    SCHEMA_UNDO_V16 SCHEMA_UNDO_V15 SCHEMA_UNDO_V14 SCHEMA_UNDO_V13 SCHEMA_UNDO_V12 SCHEMA_UNDO_V11
	    SCHEMA_UNDO_V9
	    " DELETE FROM meta WHERE k = 'search_index';"
	    " CREATE VIRTUAL TABLE product_fts USING fts5(name,"
	    " tokenize='trigram'); PRAGMA user_version=7\"", db);
	CHECK_INT(system(cmd), 0);
	CHECK_INT(store_open(&st, db, false, err, sizeof(err)), 0);
	if (st == NULL)
		return;
	CHECK_INT(store_schema_version(st), store_schema_latest());
	check_index("upgraded");
	/* The upgrade gives old products their seller's village now: Kopi
	 * bubuk, listed before Toko Ani named Karanganyar, is there too. */
	CHECK_INT(run(B1, VERB_FIND, "kopi di karanganyar", 0, 0, 0), ACT_OK);
	CHECK_INT(R.reply.nrows, 3);
	CHECK_INT(run(B1, VERB_FIND, "wajik", 0, 0, 0), ACT_OK);
	CHECK(sql_long("SELECT count(*) FROM sqlite_master WHERE name = "
	    "'product_fts'") == 0);
}

int
main(void)
{
	const char	*tmp = getenv("TMPDIR");
	char		 dir[256], err[320];

	conf_defaults(&cf);
	snprintf(dir, sizeof(dir), "%s/lapak-search-index-XXXXXX",
	    tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(db, sizeof(db), "%s/lapak.db", dir);
	if (store_open(&st, db, false, err, sizeof(err)) != 0) {
		fprintf(stderr, "store_open: %s\n", err);
		return 2;
	}
	test_follows_listing();
	test_rollback();
	test_place();
	test_reader();
	test_quick_guard();
	test_upgrade();
	store_close(st);
	snprintf(err, sizeof(err), "rm -rf %s", dir);
	if (system(err) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	return T_DONE();
}
