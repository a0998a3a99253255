/* BERAT / WEIGHT (issue 12, marketplace export): the weight parser and the
 * unit's implied weight (menus/weight.c), the SMS parser's reading of the
 * command in both languages, and the core's rule on both repository
 * backends (the in-memory fake and SQLite), with replies rendered from the
 * shipped ID and EN templates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commerce/commerce.h"
#include "conf/menu.h"
#include "conf/templates.h"
#include "menus/cmd.h"
#include "menus/menu.h"
#include "menus/reply.h"
#include "menus/weight.h"
#include "store/repo_sqlite.h"
#include "store/store.h"
#include "tests/fake_secrets.h"
#include "tests/repo_mem.h"
#include "tests/t.h"

#define S1	"+6281200000001"
#define S2	"+6281200000002"

static void
test_parse(void)
{
	static const struct {
		const char	*in;
		enum weight_rc	 rc;
		int64_t		 g;
	} cases[] = {
		{ "250g", WEIGHT_OK, 250 }, { "250 g", WEIGHT_OK, 250 },
		{ "250 gr", WEIGHT_OK, 250 }, { "250gram", WEIGHT_OK, 250 },
		{ "250 GR.", WEIGHT_OK, 250 }, { "250", WEIGHT_OK, 250 },
		{ "1kg", WEIGHT_OK, 1000 }, { "1 KG", WEIGHT_OK, 1000 },
		{ "1,5 kg", WEIGHT_OK, 1500 }, { "1.5kg", WEIGHT_OK, 1500 },
		{ "0,25kg", WEIGHT_OK, 250 }, { "0.125 kg", WEIGHT_OK, 125 },
		{ "2 kilo", WEIGHT_OK, 2000 }, { "2 ons", WEIGHT_OK, 200 },
		{ "1,5 ons", WEIGHT_OK, 150 }, { "1.500 g", WEIGHT_OK, 1500 },
		{ "1,500g", WEIGHT_OK, 1500 }, { "2,5g", WEIGHT_OK, 3 },
		{ "0", WEIGHT_OK, 0 }, { "0kg", WEIGHT_OK, 0 },
		{ "100000g", WEIGHT_OK, 100000 }, { "  5 kg  ", WEIGHT_OK, 5000 },
		{ "", WEIGHT_EMPTY, 0 }, { "   ", WEIGHT_EMPTY, 0 },
		{ "kg", WEIGHT_BAD, 0 }, { "-5kg", WEIGHT_BAD, 0 },
		{ "5 liter", WEIGHT_BAD, 0 }, { "5kgx", WEIGHT_BAD, 0 },
		{ "1,2345kg", WEIGHT_BAD, 0 }, { "5 kg 3", WEIGHT_BAD, 0 },
		{ "berat", WEIGHT_BAD, 0 }, { "1..5kg", WEIGHT_BAD, 0 },
		{ "99999999999999999999 g", WEIGHT_BAD, 0 },
		{ "2000000 kg", WEIGHT_TOO_LARGE, 0 },
	};
	size_t	i;
	int64_t	g;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum weight_rc rc = weight_parse(cases[i].in, &g);

		if (rc != cases[i].rc || g != cases[i].g)
			fprintf(stderr, "weight_parse(\"%s\"): rc %d g %lld\n",
			    cases[i].in, (int)rc, (long long)g);
		CHECK_INT(rc, cases[i].rc);
		CHECK_INT(g, cases[i].g);
	}
}

static void
test_unit(void)
{
	static const struct {
		const char	*unit;
		bool		 ok;
		int64_t		 g;
	} cases[] = {
		{ "kg", true, 1000 }, { "KG", true, 1000 }, { "500g", true, 500 },
		{ "500gr", true, 500 }, { "1,5kg", true, 1500 },
		{ "ons", true, 100 }, { "1/2kg", false, 0 }, { "bks", false, 0 },
		{ "liter", false, 0 }, { "10", false, 0 }, { "", false, 0 },
		{ "0g", false, 0 },
	};
	size_t	i;
	int64_t	g;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT(weight_of_unit(cases[i].unit, &g), cases[i].ok);
		CHECK_INT(g, cases[i].g);
	}
}

static void
test_cmd(void)
{
	static const struct {
		const char	*in;
		enum cmd_rc	 rc;
		int64_t		 code, g;
		const char	*tmpl;	/* error template, NULL when ok */
	} cases[] = {
		{ "BERAT P17 250g", CMD_OK, 17, 250, NULL },
		{ "berat p17 250 g", CMD_OK, 17, 250, NULL },
		{ "BERAT 17 1,5 kg", CMD_OK, 17, 1500, NULL },
		{ "BERAT#P17#1kg", CMD_OK, 17, 1000, NULL },
		{ "WEIGHT P3 1.5kg", CMD_OK, 3, 1500, NULL },
		{ "weight p3 2 ons", CMD_OK, 3, 200, NULL },
		{ "BERAT P17 0", CMD_OK, 17, 0, NULL },	/* the core says */
		{ "BERAT P17", CMD_BADARG, 0, 0, "bad.weight" },
		{ "BERAT", CMD_BADARG, 0, 0, "bad.weight" },
		{ "BERAT P17 berat", CMD_BADARG, 0, 0, "bad.weight" },
		{ "BERAT P17 5 liter", CMD_BADARG, 0, 0, "bad.weight" },
		{ "BERAT P17 1 kg lagi", CMD_BADARG, 0, 0, "bad.weight" },
		{ "WEIGHT Px 1kg", CMD_BADARG, 0, 0, "bad.weight" },
		{ "BERET P17 1kg", CMD_UNKNOWN, 0, 0, "cmd.suggest" },
	};
	struct cmd_table	*t = cmd_table_new(NULL);
	struct action		 a;
	struct cmd_error	 e;
	struct act_msg		 m;
	size_t			 i;

	CHECK_INT(verb_by_word("berat"), VERB_WEIGHT);
	CHECK_INT(verb_by_word("WEIGHT"), VERB_WEIGHT);
	CHECK(verb_mutates(VERB_WEIGHT));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum cmd_rc rc = cmd_parse(t, cases[i].in, &a, &e);

		if (rc != cases[i].rc)
			fprintf(stderr, "cmd_parse(\"%s\"): %d\n", cases[i].in,
			    (int)rc);
		CHECK_INT(rc, cases[i].rc);
		if (rc == CMD_OK) {
			CHECK_INT(a.verb, VERB_WEIGHT);
			CHECK_INT(a.code, cases[i].code);
			CHECK_INT(a.weight_g, cases[i].g);
			continue;
		}
		cmd_error_msg(&e, &m);
		CHECK_STR(m.tmpl, cases[i].tmpl);
		if (rc == CMD_UNKNOWN)
			CHECK_STR(act_get(&m, "suggest"), "BERAT");
	}
	/* BANTUAN BERAT and HELP WEIGHT name the command's help. */
	CHECK_INT(cmd_parse(t, "BANTUAN BERAT", &a, &e), CMD_OK);
	cmd_help_msg(&a, &m);
	CHECK_STR(m.tmpl, "help.weight");
	CHECK_INT(cmd_parse(t, "HELP WEIGHT", &a, &e), CMD_OK);
	cmd_help_msg(&a, &m);
	CHECK_STR(m.tmpl, "help.weight");
	cmd_table_free(t);
}

/* The core on one backend. */

static struct repo	 R;
static struct conf	 cf;
static struct act_result res;
static struct templates	*tm;

/* Runs text from msisdn through the parser and the core in one
 * transaction; the reply rendered in lang into out. */
static enum act_rc
sms(const char *msisdn, const char *text, const char *lang, char *out,
    size_t outsz)
{
	struct commerce		 cm = { &R, &secrets, &cf };
	struct cmd_table	*t = cmd_table_new(NULL);
	struct actor		 who;
	struct action		 a;
	struct cmd_error	 e;
	enum act_rc		 rc;

	memset(&who, 0, sizeof(who));
	snprintf(who.msisdn, sizeof(who.msisdn), "%s", msisdn);
	snprintf(who.lang, sizeof(who.lang), "%s", lang);
	who.now_s = 1700000000;
	if (cmd_parse(t, text, &a, &e) != CMD_OK) {
		fprintf(stderr, "parse failed: %s\n", text);
		cmd_table_free(t);
		return ACT_ERR;
	}
	cmd_table_free(t);
	CHECK_INT(R.ops->begin(R.be), REPO_OK);
	rc = commerce_act(&cm, &who, &a, &res);
	if (rc == ACT_ERR || rc == ACT_BUSY)
		R.ops->rollback(R.be);
	else
		CHECK_INT(R.ops->commit(R.be), REPO_OK);
	out[0] = '\0';
	if (tm != NULL)
		reply_render(tm, &res.reply, lang, out, outsz);
	return rc;
}

static int64_t
weight_of(int64_t id)
{
	struct product	p;

	memset(&p, 0, sizeof(p));
	CHECK_INT(R.ops->product_get(R.be, id, &p, NULL), REPO_OK);
	return p.weight_g;
}

static void
test_core(const char *name)
{
	char	out[512];

	CHECK_INT(sms(S1, "DAFTAR Toko Sri, Sukamaju", "id", out,
	    sizeof(out)), ACT_OK);
	CHECK_INT(sms(S2, "DAFTAR Budi, Tayu", "id", out, sizeof(out)), ACT_OK);
	CHECK_INT(sms(S1, "JUAL Keripik singkong 15rb 20", "id", out,
	    sizeof(out)), ACT_OK);
	CHECK_STR(act_get(&res.reply, "code"), "P1");
	CHECK_INT(sms(S2, "JUAL Gula 14rb/kg 5", "id", out, sizeof(out)),
	    ACT_OK);
	CHECK_INT(weight_of(1), 0);

	/* ID: ok names code, name and weight. */
	CHECK_INT(sms(S1, "BERAT P1 250g", "id", out, sizeof(out)), ACT_OK);
	CHECK_STR(res.reply.tmpl, "weight.ok");
	CHECK_INT(weight_of(1), 250);
	if (tm != NULL) {
		CHECK(strstr(out, "P1") != NULL);
		CHECK(strstr(out, "Keripik singkong") != NULL);
		CHECK(strstr(out, "250 g") != NULL);
		CHECK(strstr(out, "Berat") != NULL);
	}
	/* EN, decimal written either way. */
	CHECK_INT(sms(S1, "WEIGHT P1 1,5 kg", "en", out, sizeof(out)), ACT_OK);
	CHECK_INT(weight_of(1), 1500);
	if (tm != NULL) {
		CHECK(strstr(out, "Weight of P1 Keripik singkong") != NULL);
		CHECK(strstr(out, "1.5 kg") != NULL);
	}
	CHECK_INT(sms(S1, "BERAT P1 1.25kg", "id", out, sizeof(out)), ACT_OK);
	CHECK_STR(act_get(&res.reply, "weight"), "1,25 kg");
	/* INFO shows it, for anyone. */
	CHECK_INT(sms(S2, "INFO P1", "id", out, sizeof(out)), ACT_OK);
	if (tm != NULL)
		CHECK(strstr(out, "Rp15.000, 1,25 kg, stok 20") != NULL);
	CHECK_INT(sms(S1, "INFO P2", "en", out, sizeof(out)), ACT_OK);
	if (tm != NULL)
		CHECK(strstr(out, "Rp14.000/kg, stock 5") != NULL);

	/* Zero and absurd weights: refused, nothing changed. */
	CHECK_INT(sms(S1, "BERAT P1 0", "id", out, sizeof(out)), ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "weight.bad");
	CHECK_INT(sms(S1, "BERAT P1 150kg", "en", out, sizeof(out)),
	    ACT_INVALID);
	CHECK_STR(res.reply.tmpl, "weight.bad");
	if (tm != NULL) {
		CHECK(strstr(out, "150 kg") != NULL);
		CHECK(strstr(out, "100 kg") != NULL);
	}
	CHECK_INT(weight_of(1), 1250);
	/* Someone else's product, an unknown one, a non-seller. */
	CHECK_INT(sms(S2, "BERAT P1 1kg", "id", out, sizeof(out)),
	    ACT_NOT_YOURS);
	CHECK_STR(res.reply.tmpl, "com.not_yours");
	if (tm != NULL)
		CHECK(strstr(out, "P1") != NULL);
	CHECK_INT(weight_of(1), 1250);
	CHECK_INT(sms(S1, "BERAT P99 1kg", "id", out, sizeof(out)),
	    ACT_NOT_FOUND);
	CHECK_STR(res.reply.tmpl, "com.not_found");
	CHECK_INT(sms("+6285700000009", "BERAT P1 1kg", "id", out,
	    sizeof(out)), ACT_NOT_REGISTERED);
	/* Delisted: refused. */
	CHECK_INT(sms(S2, "HAPUS P2", "id", out, sizeof(out)), ACT_OK);
	CHECK_INT(sms(S2, "BERAT P2 1kg", "id", out, sizeof(out)),
	    ACT_DELISTED);
	CHECK_STR(res.reply.tmpl, "weight.delisted");
	CHECK_INT(weight_of(2), 0);
	printf("%s backend: done\n", name);
}

/* USSD: My products -> a product -> Change weight, in the shipped menus;
 * the action is the same as the SMS command's. */
static void
test_ussd(void)
{
	struct menu_def		*def = NULL;
	struct menu		*mn = NULL;
	struct menu_state	 ms;
	struct menu_out		 o;
	struct act_result	 r;
	struct act_row		*row;
	char			 err[4096];

	if (menu_def_load(LAPAK_DATADIR "/menus/default.cfg", &def, err,
	    sizeof(err)) != 0 || (mn = menu_new(def, tm, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "menus: %s\n", err);
		CHECK(!"menus load");
		goto out;
	}
	CHECK_INT(menu_lint(def, tm, NULL, NULL), 0);
	menu_begin(mn, &ms, "id", &o);
	menu_input(mn, &ms, "1", &o);		/* seller menu */
	menu_input(mn, &ms, "4", &o);		/* my products */
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_MY_PRODUCTS);
	memset(&r, 0, sizeof(r));
	snprintf(r.reply.tmpl, sizeof(r.reply.tmpl), "my.ok");
	row = &r.reply.rows[r.reply.nrows++];
	act_row_set(row, "code", "P1");
	act_row_set(row, "name", "Keripik");
	act_row_set(row, "price", "Rp15.000");
	act_row_set(row, "stock", "20");
	menu_result(mn, &ms, &r, &o);
	menu_input(mn, &ms, "1", &o);		/* P1 */
	CHECK(strstr(o.text, "4 Ubah berat") != NULL);
	menu_input(mn, &ms, "4", &o);
	CHECK_INT(o.kind, MENU_CON);
	CHECK(strncmp(o.text, "Berat P1 Keripik?", 17) == 0);
	menu_input(mn, &ms, "berat", &o);	/* not a weight: asked again */
	CHECK_INT(o.kind, MENU_CON);
	CHECK(strncmp(o.text, "Berat tidak valid", 17) == 0);
	menu_input(mn, &ms, "1,5 kg", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_WEIGHT);
	CHECK_INT(o.act.code, 1);
	CHECK_INT(o.act.weight_g, 1500);
	CHECK(o.act.ussd);
out:
	menu_free(mn);
	menu_def_free(def);
}

static struct store	*st;

int
main(void)
{
	struct mem_repo	*mem;
	char		 err[4096];

	memset(&cf, 0, sizeof(cf));
	cf.confirm_timeout_s = 1800;
	cf.accept_timeout_s = 86400;
	cf.max_pending = 3;
	cf.confirm_attempts = 3;
	cf.pin_max_fail = 5;
	cf.pin_lock_s = 1800;
	snprintf(cf.default_lang, sizeof(cf.default_lang), "id");
	test_parse();
	test_unit();
	test_cmd();
#ifdef LAPAK_DATADIR
	{
		char	dir[1024];

		snprintf(dir, sizeof(dir), "%s/menus/templates", LAPAK_DATADIR);
		if (templates_load(dir, "id", &tm, err, sizeof(err)) != 0) {
			fprintf(stderr, "templates: %s\n", err);
			CHECK(!"templates load");
		}
	}
#endif
	CHECK(tm != NULL);
	test_ussd();
	mem = mem_repo_new(&R);
	test_core("mem");
	free(mem);
	if (store_open(&st, ":memory:", false, err, sizeof(err)) != 0) {
		fprintf(stderr, "store_open: %s\n", err);
		return 2;
	}
	repo_sqlite_init(&R, st);
	test_core("sqlite");
	store_close(st);
	templates_free(tm);
	return T_DONE();
}
