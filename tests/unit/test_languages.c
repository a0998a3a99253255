/* Tests for regional languages: a test-only language folder "xx" beside the
 * shipped id and en (conf/templates*.c: loading, per-key fallback on id, the
 * missing-key report; commerce/lang.c: the core's languages and words;
 * BAHASA through the core on the in-memory repository). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commerce/commerce.h"
#include "commerce/lang.h"
#include "conf/templates.h"
#include "gateway/gw_tmpl.h"
#include "tests/repo_mem.h"
#include "tests/t.h"

#ifndef LAPAK_DATADIR
#define LAPAK_DATADIR "."
#endif

#define SHIPPED	LAPAK_DATADIR "/menus/templates"

static char		tmpdir[64];
static struct conf	cf;
static struct repo	R;
static struct act_result res;

static void
sh(const char *cmd)
{
	if (system(cmd) != 0) {
		fprintf(stderr, "failed: %s\n", cmd);
		exit(2);
	}
}

static void
write_file(const char *rel, const char *text)
{
	char	 path[256];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	if ((f = fopen(path, "w")) == NULL || fputs(text, f) == EOF) {
		fprintf(stderr, "cannot write %s\n", path);
		exit(2);
	}
	fclose(f);
}

/* The shipped id and en, and a partial "xx": its own name, BAHASA's
 * confirmation, the shop word and one state word; nothing else. */
static void
make_folder(void)
{
	char	cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir '%s' '%s/xx' && "
	    "cp -r '%s/id' '%s/en' '%s/'", tmpdir, tmpdir, tmpdir, SHIPPED,
	    SHIPPED, tmpdir);
	sh(cmd);
	write_file("xx/commerce.cfg",
	    "# test-only language\n"
	    "lang = {\n"
	    "  ok = \"XX: {lang}.\";\n"
	    "  name = \"Basa Iks\";\n"
	    "};\n"
	    "word = {\n"
	    "  shop = \"Warung\";\n"
	    "  state = { shipped = \"kirim-xx\"; };\n"
	    "};\n");
}

static enum act_rc
run(const char *msisdn, const char *lang)
{
	struct commerce	cm = { &R, NULL, &cf };
	struct action	a;
	struct actor	who;

	memset(&a, 0, sizeof(a));
	a.verb = VERB_LANGUAGE;
	a.confirm_code = -1;
	snprintf(a.lang, sizeof(a.lang), "%s", lang);
	memset(&who, 0, sizeof(who));
	snprintf(who.msisdn, sizeof(who.msisdn), "%s", msisdn);
	who.now_s = 1700000000;
	return commerce_act(&cm, &who, &a, &res);
}

/* Loading, the per-key fallback and the report of what xx lacks. */
static void
test_folder(struct templates **out)
{
	struct templates	*t = NULL;
	char			 err[65536], want[256];
	size_t			 n, ref = 0, i;

	CHECK_INT(templates_load(tmpdir, "id", &t, err, sizeof(err)), 0);
	if (t == NULL) {
		fprintf(stderr, "%s\n", err);
		exit(2);
	}
	CHECK_INT(t->nlangs, 3);
	/* id and en are complete: the code's check passes, xx is not held
	 * to it (it may be partial). */
	CHECK_INT(gw_templates_check(t, err, sizeof(err)), 0);
	/* Per key: xx's own text, else id's. */
	CHECK_STR(templates_get(t, "xx", "lang.ok"), "XX: {lang}.");
	CHECK_STR(templates_get(t, "xx", "lang.bad"),
	    templates_get(t, "id", "lang.bad"));
	CHECK(templates_get(t, "xx", "sell.ok") != NULL);
	/* Every key of id that xx lacks, once each, at xx's file. */
	for (i = 0; i < t->nlangs; i++)
		if (strcmp(t->langs[i].lang, "id") == 0)
			ref = t->langs[i].n;
	n = templates_check_ref(t, err, sizeof(err));
	CHECK_INT(n, ref - 4);
	/* The group "lang" opens on line 2 of xx's file. */
	snprintf(want, sizeof(want), "%s/xx/commerce.cfg:2: key lang.bad "
	    "missing (present in id)", tmpdir);
	CHECK(strstr(err, want) != NULL);
	snprintf(want, sizeof(want), "%s/xx/parser.cfg: key ", tmpdir);
	CHECK(strstr(err, want) != NULL);
	snprintf(want, sizeof(want), "%s/xx/commerce.cfg:6: key word.buy "
	    "missing (present in id)", tmpdir);
	CHECK(strstr(err, want) != NULL);
	CHECK(strstr(err, "key word.shop missing") == NULL);
	CHECK(strstr(err, "key lang.name missing") == NULL);
	CHECK(strstr(err, "/en/") == NULL);	/* en is complete */
	CHECK(err[strlen(err) - 1] != '\n');
	*out = t;
}

/* The core's table: codes in any case, words with id's behind them. */
static void
test_words(const struct templates *t)
{
	char	buf[96];

	commerce_langs_set(t);
	CHECK_STR(commerce_lang_known("XX"), "xx");
	CHECK_STR(commerce_lang_known("id"), "id");
	CHECK(commerce_lang_known("jv") == NULL);
	CHECK(commerce_lang_known(NULL) == NULL);
	CHECK_STR(commerce_lang_list(buf, sizeof(buf)), "EN, ID, XX");
	CHECK_STR(commerce_lang_list(buf, 7), "EN, ID");
	CHECK_STR(commerce_lang_name("xx", buf, sizeof(buf)), "Basa Iks");
	CHECK_STR(commerce_lang_name("en", buf, sizeof(buf)), "English");
	CHECK_STR(commerce_word("xx", WORD_SHOP), "Warung");
	CHECK_STR(commerce_word("en", WORD_SHOP), "Shop");
	CHECK_STR(commerce_word("xx", WORD_BUY), "beli");	/* id's */
	CHECK_STR(commerce_word("zz", WORD_SELL), "jual");
	CHECK_STR(commerce_state_word(ORDER_SHIPPED, "xx"), "kirim-xx");
	CHECK_STR(commerce_state_word(ORDER_PENDING, "xx"), "tunggu YA");
	CHECK_STR(commerce_state_word(ORDER_SHIPPED, "en"), "shipped");
	CHECK_STR(commerce_state_word(ORDER_NONE, "xx"), "");
	CHECK_STR(commerce_word("xx", WORD__N), "");
}

/* BAHASA XX through the core; an unknown code lists the loaded ones; a
 * language whose folder went away answers in the default again. */
static void
test_bahasa(const struct templates *t)
{
	struct mem_repo		*m = mem_repo_new(&R);
	struct templates	*shipped = NULL;
	char			 err[1024];

	commerce_langs_set(t);
	CHECK_INT(run("+6281200000001", "xx"), ACT_OK);
	CHECK_STR(res.reply.tmpl, "lang.ok");
	CHECK_STR(res.reply.lang, "xx");
	CHECK_STR(act_get(&res.reply, "lang"), "Basa Iks");
	CHECK_STR(commerce_lang_of(&R, "+6281200000001", "id"), "xx");
	CHECK_INT(run("+6281200000001", "jv"), ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "lang.bad");
	CHECK_STR(act_get(&res.reply, "langs"), "EN, ID, XX");
	CHECK_STR(res.reply.lang, "xx");	/* still its choice */
	CHECK_INT(run("+6281200000002", "mad"), ACT_INVALID);
	CHECK_STR(commerce_lang_of(&R, "+6281200000002", "id"), "id");

	/* xx removed: the stored choice stays, answered in the default. */
	CHECK_INT(templates_load(SHIPPED, "id", &shipped, err, sizeof(err)),
	    0);
	commerce_langs_set(shipped);
	templates_free(shipped);
	CHECK_STR(commerce_lang_of(&R, "+6281200000001", "en"), "en");
	CHECK_INT(run("+6281200000001", "xx"), ACT_INVALID);
	CHECK_STR(act_get(&res.reply, "langs"), "EN, ID");
	free(m);
}

/* No templates handed over (NULL): the built-in id and en, no words. */
static void
test_builtin(void)
{
	commerce_langs_set(NULL);
	CHECK_STR(commerce_lang_known("EN"), "en");
	CHECK(commerce_lang_known("xx") == NULL);
	CHECK_STR(commerce_word("id", WORD_SHOP), "");
}

/* id is the reference: a folder without it is refused. */
static void
test_no_reference(void)
{
	struct templates	*t = NULL;
	char			 cmd[256], err[1024];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s/id'", tmpdir);
	sh(cmd);
	CHECK_INT(templates_load(tmpdir, "en", &t, err, sizeof(err)), -1);
	CHECK(strstr(err, "no folder for the reference language \"id\"") !=
	    NULL);
}

int
main(void)
{
	struct templates	*t = NULL;
	char			 cmd[128];

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/lapak-lang-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return 2;
	memset(&cf, 0, sizeof(cf));
	snprintf(cf.default_lang, sizeof(cf.default_lang), "id");
	make_folder();
	test_folder(&t);
	test_words(t);
	test_bahasa(t);
	templates_free(t);
	test_builtin();
	test_no_reference();
	commerce_langs_set(NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	sh(cmd);
	return T_DONE();
}
