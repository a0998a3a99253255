/* Places (programme.md section 1): the loader (good file, bad lines by
 * file:line with nothing written, idempotent reload, replaced_by moving
 * sellers and products), DAFTAR / DESA matching on both repository
 * backends (case, spaces, typos, duplicates settled by district, DESA <n>,
 * the choice's timeout, unknown places), the place code kept on products
 * and orders, and CARI di a district or village by code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commerce/commerce.h"
#include "commerce/place.h"
#include "menus/cmd.h"
#include "store/places.h"
#include "store/repo_sqlite.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "tests/fake_secrets.h"
#include "tests/repo_mem.h"
#include "tests/t.h"

#define SAMPLE	LAPAK_DATADIR "/data/places-sample.csv"
#define S1	"+6281200000001"
#define S2	"+6281200000002"
#define B1	"+6285700000001"
#define T0	1700000000

static struct repo	 R;
static struct conf	 cf;
static struct act_result res;
static int64_t		 now = T0;
static struct mem_repo	*mem;
static struct store	*st;
static bool		 is_sql;

/* The sample file into the fake, as the loader reads it. */
static void
mem_load_sample(void)
{
	FILE	*fp = fopen(SAMPLE, "r");
	char	 line[256], *f[4], *p;
	int	 i;

	if (fp == NULL) {
		perror(SAMPLE);
		exit(2);
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#' || strncmp(line, "code,", 5) == 0)
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		for (i = 0, p = line; i < 4; i++) {
			f[i] = p;
			if ((p = strchr(p, ',')) != NULL)
				*p++ = '\0';
			else
				p = line + strlen(line);
		}
		mem_place_add(mem, f[0], f[1], !strcmp(f[2], "province") ? 1 :
		    !strcmp(f[2], "regency") ? 2 : !strcmp(f[2], "district") ?
		    3 : 4, f[3]);
	}
	fclose(fp);
}

static char	bad_lines[8][256];
static int	nbad;

static void
collect_bad(void *arg, const char *msg)
{
	(void)arg;
	if (nbad < 8)
		snprintf(bad_lines[nbad], sizeof(bad_lines[0]), "%s", msg);
	nbad++;
}

static void
open_backend(bool sql)
{
	char			err[256];
	struct places_sum	sum;

	is_sql = sql;
	if (!sql) {
		mem = mem_repo_new(&R);
		mem_load_sample();
		return;
	}
	if (store_open(&st, ":memory:", false, err, sizeof(err)) != 0) {
		fprintf(stderr, "store_open: %s\n", err);
		exit(2);
	}
	repo_sqlite_init(&R, st);
	CHECK_INT(store_places_load(st, SAMPLE, collect_bad, NULL, &sum, err,
	    sizeof(err)), 0);
}

static void
close_backend(void)
{
	if (is_sql) {
		store_close(st);
		st = NULL;
	} else {
		free(mem);
		mem = NULL;
	}
}

static struct action
act(enum verb v)
{
	struct action	a;

	memset(&a, 0, sizeof(a));
	a.verb = v;
	a.confirm_code = -1;
	return a;
}

static enum act_rc
run(const char *msisdn, const struct action *a)
{
	struct commerce	cm = { &R, &secrets, &cf };
	struct actor	who;
	enum act_rc	rc;

	memset(&who, 0, sizeof(who));
	snprintf(who.msisdn, sizeof(who.msisdn), "%s", msisdn);
	who.now_s = now;
	if (R.ops->begin(R.be) != REPO_OK)
		exit(2);
	rc = commerce_act(&cm, &who, a, &res);
	if (rc == ACT_ERR || rc == ACT_BUSY)
		R.ops->rollback(R.be);
	else if (R.ops->commit(R.be) != REPO_OK)
		exit(2);
	return rc;
}

static enum act_rc
daftar(const char *who, const char *shop, const char *village,
    const char *district)
{
	struct action	a = act(VERB_REGISTER);

	snprintf(a.text, sizeof(a.text), "%s", shop);
	snprintf(a.village, sizeof(a.village), "%s", village);
	snprintf(a.district, sizeof(a.district), "%s", district);
	return run(who, &a);
}

static enum act_rc
desa(const char *who, int n, const char *village, const char *district)
{
	struct action	a = act(VERB_VILLAGE);

	a.choice = n;
	snprintf(a.village, sizeof(a.village), "%s", village);
	snprintf(a.district, sizeof(a.district), "%s", district);
	return run(who, &a);
}

static const char *
place_of(const char *msisdn)
{
	static struct seller	s;

	memset(&s, 0, sizeof(s));
	if (R.ops->seller_get(R.be, msisdn, 0, &s) != REPO_OK)
		return "?";
	return s.place;
}

static const char *
var(const char *k)
{
	const char	*v = act_get(&res.reply, k);

	return v != NULL ? v : "";
}

static const char *
row_var(int i, const char *k)
{
	int	j;

	for (j = 0; j < res.reply.rows[i].nvars; j++)
		if (strcmp(res.reply.rows[i].vars[j].key, k) == 0)
			return res.reply.rows[i].vars[j].val;
	return "";
}

static void
test_matching(void)
{
	/* Case, a "desa" prefix: one match, stored by code, reply names
	 * village and district. */
	CHECK_INT(daftar(S1, "Toko Sri", "desa POHGADING", ""), ACT_OK);
	CHECK_STR(res.reply.tmpl, "register.ok");
	CHECK_STR(place_of(S1), "33.18.04.2001");
	CHECK_STR(var("village"), "Pohgading, Kec. Winong");
	/* Spaces and a typo. */
	CHECK_INT(daftar(S2, "Toko Dua", "Gunung Panty", ""), ACT_OK);
	CHECK_STR(place_of(S2), "33.18.04.2002");
	/* A duplicate: three listed, kept for DESA <n>. */
	CHECK_INT(daftar(S1, "Toko Sri", "Tlogorejo", ""), ACT_OK);
	CHECK_STR(res.reply.tmpl, "place.choose");
	CHECK_INT(res.reply.nrows, 3);
	CHECK_STR(row_var(0, "district"), "Winong");
	CHECK_STR(row_var(1, "district"), "Jakenan");
	CHECK_STR(row_var(2, "n"), "3");
	CHECK_STR(place_of(S1), "33.18.04.2001");	/* until chosen */
	CHECK_INT(desa(S1, 4, "", ""), ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "place.bad_number");
	CHECK_INT(desa(S1, 2, "", ""), ACT_OK);
	CHECK_STR(res.reply.tmpl, "place.ok");
	CHECK_STR(place_of(S1), "33.18.09.2006");
	CHECK_STR(var("district"), "Jakenan");
	/* The choice is spent. */
	CHECK_INT(desa(S1, 1, "", ""), ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "place.expired");
	/* Naming the district settles it at once (with a typo in it). */
	CHECK_INT(daftar(S2, "Toko Dua", "tlogorejo", "Tlogowunggu"), ACT_OK);
	CHECK_STR(res.reply.tmpl, "register.updated");
	CHECK_STR(place_of(S2), "33.18.14.2003");
	/* A choice expires after places.choose_timeout. */
	CHECK_INT(daftar(S2, "Toko Dua", "Tlogorejo", ""), ACT_OK);
	CHECK_STR(res.reply.tmpl, "place.choose");
	now += cf.places_choose_s + 1;
	CHECK_INT(desa(S2, 1, "", ""), ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "place.expired");
	CHECK_STR(place_of(S2), "33.18.14.2003");
	/* ... or the seller writes the district while it waits. */
	CHECK_INT(desa(S2, 0, "Tlogorejo", ""), ACT_OK);
	CHECK_STR(res.reply.tmpl, "place.choose");
	CHECK_INT(desa(S2, 0, "Winong", ""), ACT_OK);
	CHECK_STR(res.reply.tmpl, "place.ok");
	CHECK_STR(place_of(S2), "33.18.04.2009");
	/* Unknown: kept as written, unplaced. */
	CHECK_INT(desa(S2, 0, "Atlantis", ""), ACT_OK);
	CHECK_STR(res.reply.tmpl, "place.unknown");
	CHECK_STR(place_of(S2), "");
	/* Out of scope: not matched. */
	snprintf(cf.places_scope, sizeof(cf.places_scope), "33.19");
	CHECK_INT(desa(S2, 0, "Pohgading", ""), ACT_OK);
	CHECK_STR(res.reply.tmpl, "place.unknown");
	snprintf(cf.places_scope, sizeof(cf.places_scope), "33.18");
	CHECK_INT(desa(S2, 0, "Pohgading", ""), ACT_OK);
	CHECK_STR(res.reply.tmpl, "place.ok");
	cf.places_scope[0] = '\0';
	/* DESA is for sellers. */
	CHECK_INT(desa(B1, 0, "Pohgading", ""), ACT_NOT_REGISTERED);
}

static int
find_n(const char *query)
{
	struct action	a = act(VERB_FIND);

	snprintf(a.text, sizeof(a.text), "%s", query);
	run(B1, &a);
	return res.reply.nrows;
}

static void
test_products_and_find(void)
{
	struct action	a = act(VERB_SELL);
	int64_t		p1, p2;

	/* S1 in Tlogorejo (Jakenan), S2 unplaced in "Atlantis". */
	CHECK_INT(daftar(S1, "Toko Sri", "Tlogorejo", "Jakenan"), ACT_OK);
	CHECK_INT(daftar(S2, "Toko Dua", "Atlantis", ""), ACT_OK);
	CHECK_STR(place_of(S2), "");
	/* villages are loaded: the seller is told hers is not among them */
	CHECK_STR(res.reply.tmpl, "register.unplaced");
	CHECK_STR(var("village"), "Atlantis");
	snprintf(a.text, sizeof(a.text), "Keripik Tempe");
	a.price_rp = 15000;
	a.qty = 10;
	CHECK_INT(run(S1, &a), ACT_OK);
	p1 = atoll(var("code") + 1);
	snprintf(a.text, sizeof(a.text), "Keripik Pisang");
	CHECK_INT(run(S2, &a), ACT_OK);
	p2 = atoll(var("code") + 1);
	CHECK(p1 > 0 && p2 > 0);
	/* CARI di a district (all its villages), a village (its codes,
	 * typo-tolerant), an unplaced seller's text as today. */
	CHECK_INT(find_n("keripik di Jakenan"), 1);
	CHECK_INT(find_n("keripik di kec. jakenan"), 1);
	CHECK_INT(find_n("keripik di Tlogorejo"), 1);
	CHECK_INT(find_n("keripik di Tlogoreja"), 1);
	CHECK_INT(find_n("keripik di Winong"), 0);
	CHECK_STR(res.reply.tmpl, "find.none");
	CHECK_INT(find_n("keripik di atlantis"), 1);
	CHECK_INT(find_n("keripik di Narnia"), 0);
	CHECK_STR(res.reply.tmpl, "find.no_place");
	CHECK_INT(find_n("keripik"), 2);
	/* S2 placed later: its active product moves to the code. */
	CHECK_INT(desa(S2, 0, "Winong", "Winong"), ACT_OK);
	CHECK_STR(place_of(S2), "33.18.04.2018");
	/* A district named Winong wins over the village Winong. */
	CHECK_INT(find_n("keripik di Winong"), 1);
	CHECK_INT(find_n("pisang di Winong"), 1);
	CHECK_INT(find_n("keripik di atlantis"), 0);
	/* Orders keep the seller's code. */
	a = act(VERB_BUY);
	a.code = p2;
	a.qty = 1;
	CHECK_INT(run(B1, &a), ACT_OK);
	if (is_sql) {
		sqlite3_stmt	*s;
		char		 sql[128];

		snprintf(sql, sizeof(sql), "SELECT (SELECT place FROM products "
		    "WHERE id = %lld), (SELECT place FROM orders LIMIT 1)",
		    (long long)p2);
		CHECK_INT(sqlite3_prepare_v2(st->db, sql, -1, &s, NULL),
		    SQLITE_OK);
		CHECK_INT(sqlite3_step(s), SQLITE_ROW);
		CHECK_STR((const char *)sqlite3_column_text(s, 0),
		    "33.18.04.2018");
		CHECK_STR((const char *)sqlite3_column_text(s, 1),
		    "33.18.04.2018");
		sqlite3_finalize(s);
	} else {
		CHECK_STR(mem->db.pplace[p2 - 1], "33.18.04.2018");
		CHECK_STR(mem->db.oplace[0], "33.18.04.2018");
	}
}

/* A district as big as the largest of the national list (108 villages):
 * CARI di the district reads every village, the last one too. */
static void
test_big_district(void)
{
	struct action	a = act(VERB_SELL);
	char		code[32], name[32], sql[256];
	int		i;

	for (i = 1; i <= 108; i++) {
		snprintf(code, sizeof(code), "33.18.99.%d", 2000 + i);
		snprintf(name, sizeof(name), "Alas%03d", i);
		if (is_sql) {
			/* key and its reverse (schema v10), as the loader
			 * writes them */
			snprintf(sql, sizeof(sql), "INSERT INTO places(code, "
			    "name, level, parent, key, rkey) VALUES ('%s', '%s', "
			    "4, '33.18.99', 'alas%03d', '%d%d%dsala')", code, name,
			    i, i % 10, i / 10 % 10, i / 100);
			CHECK_INT(sqlite3_exec(st->db, sql, NULL, NULL, NULL),
			    SQLITE_OK);
		} else
			mem_place_add(mem, code, name, 4, "33.18.99");
	}
	if (is_sql)
		CHECK_INT(sqlite3_exec(st->db, "INSERT INTO places(code, name, "
		    "level, parent, key, rkey) VALUES ('33.18.99', 'Rimbaraya', "
		    "3, '33.18', 'rimbaraya', 'ayarabmir')",
		    NULL, NULL, NULL), SQLITE_OK);
	else
		mem_place_add(mem, "33.18.99", "Rimbaraya", 3, "33.18");
	CHECK_INT(daftar(S1, "Toko Ujung", "Alas108", "Rimbaraya"), ACT_OK);
	CHECK_STR(place_of(S1), "33.18.99.2108");
	snprintf(a.text, sizeof(a.text), "Gula aren");
	a.price_rp = 20000;
	a.qty = 5;
	CHECK_INT(run(S1, &a), ACT_OK);
	CHECK_INT(find_n("gula di Rimbaraya"), 1);
	CHECK_INT(find_n("gula di Alas108"), 1);
	CHECK_INT(find_n("gula di Alas107"), 0);
}

static void
test_fold(void)
{
	char	k[64];

	commerce_place_fold("  Desa Suka-Maju ", k, sizeof(k));
	CHECK_STR(k, "sukamaju");
	commerce_place_fold("Kec. Tayu", k, sizeof(k));
	CHECK_STR(k, "tayu");
	commerce_place_fold("Desa", k, sizeof(k));
	CHECK_STR(k, "desa");
	commerce_place_fold("Kelurahan", k, sizeof(k));
	CHECK_STR(k, "kelurahan");
	CHECK_INT(commerce_place_distance("sukamaju", "sukamaju", 2), 0);
	CHECK_INT(commerce_place_distance("sukamaju", "skuamaju", 2), 1);
	CHECK_INT(commerce_place_distance("sukamaju", "sukamju", 2), 1);
	CHECK_INT(commerce_place_distance("sukamaju", "tayu", 2), 3);
	CHECK(commerce_place_code_ok("33.18.04.2001", 4));
	CHECK(!commerce_place_code_ok("33.18.04.201", 4));
	CHECK(!commerce_place_code_ok("33.18.04", 4));
	CHECK(commerce_place_code_ok("33", 1));
	CHECK(commerce_place_in_scope("33.18.04.2001", "33.18"));
	CHECK(!commerce_place_in_scope("33.180.04", "33.18"));
}

static int
count(const char *sql)
{
	sqlite3_stmt	*s;
	int		 n = -1;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void
write_file(const char *path, const char *text)
{
	FILE	*fp = fopen(path, "w");

	if (fp == NULL)
		exit(2);
	fputs(text, fp);
	fclose(fp);
}

static void
test_loader(void)
{
	struct places_sum	sum;
	char			err[256], path[] = "/tmp/lapak-places-XXXXXX";
	int			fd;

	open_backend(true);
	CHECK_INT(count("SELECT count(*) FROM places"), 111);
	CHECK_INT(count("SELECT count(*) FROM places WHERE key = 'tlogorejo' "
	    "AND rkey = 'ojerogolt'"), 3);
	/* Again: nothing new. */
	CHECK_INT(store_places_load(st, SAMPLE, collect_bad, NULL, &sum, err,
	    sizeof(err)), 0);
	CHECK_INT(sum.added, 0);
	CHECK_INT(sum.unchanged, 111);
	/* Bad lines: each named by file:line, nothing written. */
	if ((fd = mkstemp(path)) < 0)
		exit(2);
	close(fd);
	write_file(path, "# comment\ncode,name,level,parent\n"
	    "33.18.04.2001,Pohgading Baru,village,33.18.04\n"
	    "33.18.4,X,district,33.18\n"
	    "33.18.04.2099,Y,village,33.18.05\n"
	    "33.18.04.2098,Z,kampung,33.18.04\n");
	nbad = 0;
	CHECK_INT(store_places_load(st, path, collect_bad, NULL, &sum, err,
	    sizeof(err)), -1);
	CHECK_INT(nbad, 3);
	CHECK(strstr(bad_lines[0], ":4: code '33.18.4'") != NULL);
	CHECK(strstr(bad_lines[1], ":5: parent '33.18.05'") != NULL);
	CHECK(strstr(bad_lines[2], ":6: level 'kampung'") != NULL);
	CHECK_INT(count("SELECT count(*) FROM places WHERE name = "
	    "'Pohgading Baru'"), 0);
	/* A seller placed in Pohgading with a product; the place is split:
	 * renamed lines update, replaced_by moves the seller and product. */
	CHECK_INT(daftar(S1, "Toko Sri", "Pohgading", ""), ACT_OK);
	{
		struct action	a = act(VERB_SELL);

		snprintf(a.text, sizeof(a.text), "Gula Aren");
		a.price_rp = 20000;
		a.qty = 5;
		CHECK_INT(run(S1, &a), ACT_OK);
	}
	write_file(path, "code,name,level,parent,replaced_by\n"
	    "33.18.04.2001,Pohgading,village,33.18.04,33.18.04.2100\n"
	    "33.18.04.2100,Pohgading Baru,village,33.18.04,\n"
	    "33.18.04.2002,Gunung Panti,village,33.18.04,\n");
	nbad = 0;
	CHECK_INT(store_places_load(st, path, collect_bad, NULL, &sum, err,
	    sizeof(err)), 0);
	CHECK_INT(nbad, 0);
	CHECK_INT(sum.added, 1);
	CHECK_INT(sum.updated, 2);
	CHECK_INT(sum.moved, 1);
	CHECK_STR(place_of(S1), "33.18.04.2100");
	CHECK_INT(count("SELECT count(*) FROM products WHERE place = "
	    "'33.18.04.2100'"), 1);
	/* The postings moved with it (CARI di the new village). */
	CHECK_INT(count("SELECT count(*) FROM search_post WHERE place = "
	    "'33.18.04.2100'"), 2);
	/* The old code is kept, never dropped. */
	CHECK_INT(count("SELECT count(*) FROM places WHERE code = "
	    "'33.18.04.2001'"), 1);
	CHECK_INT(find_n("gula di Pohgading Baru"), 1);
	unlink(path);
	close_backend();
}

/* The parser: DAFTAR's optional district, DESA <n> / DESA <name>. */
static void
test_parse(void)
{
	struct cmd_table	*t = cmd_table_new(NULL);
	struct action		 a;
	struct cmd_error	 e;

	CHECK_INT(cmd_parse(t, "DAFTAR Toko Sri, Tlogorejo, Jakenan", &a, &e),
	    CMD_OK);
	CHECK_STR(a.text, "Toko Sri");
	CHECK_STR(a.village, "Tlogorejo");
	CHECK_STR(a.district, "Jakenan");
	CHECK_INT(cmd_parse(t, "DAFTAR#Toko Sri#Tlogorejo#Jakenan", &a, &e),
	    CMD_OK);
	CHECK_STR(a.village, "Tlogorejo");
	CHECK_STR(a.district, "Jakenan");
	CHECK_INT(cmd_parse(t, "REG Toko Sri, Sukamaju", &a, &e), CMD_OK);
	CHECK_STR(a.village, "Sukamaju");
	CHECK_STR(a.district, "");
	CHECK_INT(cmd_parse(t, "DESA 2", &a, &e), CMD_OK);
	CHECK_INT(a.verb, VERB_VILLAGE);
	CHECK_INT(a.choice, 2);
	CHECK_INT(cmd_parse(t, "village Tlogorejo, Jakenan", &a, &e), CMD_OK);
	CHECK_INT(a.choice, 0);
	CHECK_STR(a.village, "Tlogorejo");
	CHECK_STR(a.district, "Jakenan");
	CHECK_INT(cmd_parse(t, "DESA", &a, &e), CMD_BADARG);
	CHECK_INT(cmd_parse(t, "DESA 0", &a, &e), CMD_BADARG);
	CHECK(verb_mutates(VERB_VILLAGE));
	cmd_table_free(t);
}

int
main(void)
{
	int	i;

	memset(&cf, 0, sizeof(cf));
	cf.confirm_timeout_s = 1800;
	cf.accept_timeout_s = 86400;
	cf.max_pending = 3;
	cf.confirm_attempts = 3;
	cf.pin_max_fail = 5;
	cf.pin_lock_s = 1800;
	cf.places_choose_s = 600;
	snprintf(cf.default_lang, sizeof(cf.default_lang), "id");
	test_fold();
	test_parse();
	for (i = 0; i < 2; i++) {
		open_backend(i == 1);
		test_matching();
		close_backend();
		open_backend(i == 1);
		test_products_and_find();
		close_backend();
		open_backend(i == 1);
		test_big_district();
		close_backend();
	}
	test_loader();
	return T_DONE();
}
