/* Digital assistants (programme.md section 2) on the commerce core, on the
 * in-memory fake and on SQLite, same cases: who may use the assistant
 * commands, consent codes (only from the number asked, single use, expiry,
 * void after three wrong), DAMPINGI's limits and numbers, UNTUK's rules
 * (linked only, the listed commands only, audit via, the seller told),
 * CABUT, removal, BINAAN paging, the assistant's PIN; and the parser's
 * reading of UNTUK and its PIN masking. */
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commerce/commerce.h"
#include "menus/cmd.h"
#include "store/repo_agent.h"
#include "store/privacy.h"
#include "store/repo_sqlite.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "tests/fake_secrets.h"
#include "tests/repo_mem.h"
#include "tests/t.h"

#define A1	"+6281300000001"	/* assistants */
#define A2	"+6281300000002"
#define A3	"+6281300000003"
#define A4	"+6281300000004"
#define S1	"+6281200000001"	/* sellers */
#define S2	"+6281200000002"
#define S3	"+6281200000003"
#define S4	"+6281200000004"
#define S5	"+6281200000005"
#define S6	"+6281200000006"
#define S7	"+6281200000007"
#define B1	"+6285700000001"	/* buyer */
#define T0	1700000000

static struct repo	 R;
static struct conf	 cf;
static struct act_result res;
static int64_t		 now = T0;

/* Backends: enrolment and removal are the operator's (lapakctl), so each
 * backend does them its own way. */
struct backend {
	const char	*name;
	void		(*open)(struct repo *r);
	void		(*close)(void);
	void		(*enrol)(const char *msisdn, const char *name);
	void		(*remove)(const char *msisdn);
	int		(*audit_via)(void);	/* audit rows naming an assistant */
	int		(*actions)(void);	/* agent_actions rows */
};

static const struct backend *be;
static struct mem_repo	*mem;
static struct store	*st;

static void
mem_be_open(struct repo *r)
{
	mem = mem_repo_new(r);
}

static void
mem_be_close(void)
{
	free(mem);
	mem = NULL;
}

static void
mem_enrol(const char *msisdn, const char *name)
{
	struct mem_agent	*a = &mem->db.agents[mem->db.nagents++];

	memset(a, 0, sizeof(*a));
	snprintf(a->a.msisdn, sizeof(a->a.msisdn), "%s", msisdn);
	snprintf(a->a.name, sizeof(a->a.name), "%s", name);
}

static void
mem_remove(const char *msisdn)
{
	int	i;

	for (i = 0; i < mem->db.nagents; i++)
		if (strcmp(mem->db.agents[i].a.msisdn, msisdn) == 0)
			mem->db.agents[i].removed = true;
	for (i = 0; i < mem->db.nlinks; i++)
		if (strcmp(mem->db.links[i].agent, msisdn) == 0 &&
		    mem->db.links[i].ended_s == 0)
			mem->db.links[i].ended_s = now;
}

static int
mem_via(void)
{
	return mem->db.naudit_via;
}

static int
mem_actions(void)
{
	return mem->db.nactions;
}

static void
sql_open(struct repo *r)
{
	char	err[256];

	if (store_open(&st, ":memory:", false, err, sizeof(err)) != 0) {
		fprintf(stderr, "store_open: %s\n", err);
		exit(2);
	}
	repo_sqlite_init(r, st);
}

static void
sql_close(void)
{
	store_close(st);
	st = NULL;
}

static void
sql_enrol(const char *msisdn, const char *name)
{
	CHECK_INT(store_agent_add(st, msisdn, name, "", now), STORE_OK);
}

static int	told;

static void
count_told(void *arg, const char *seller)
{
	(void)arg;
	(void)seller;
	told++;
}

static void
sql_remove(const char *msisdn)
{
	told = 0;
	CHECK_INT(store_agent_remove(st, msisdn, now, count_told, NULL),
	    STORE_OK);
	CHECK(told >= 1);
}

static int
sql_count(const char *sql)
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

static int
sql_via(void)
{
	return sql_count("SELECT count(*) FROM audit WHERE via IS NOT NULL");
}

static int
sql_actions(void)
{
	return sql_count("SELECT count(*) FROM agent_actions");
}

static const struct backend backends[] = {
	{ "mem", mem_be_open, mem_be_close, mem_enrol, mem_remove, mem_via,
	    mem_actions },
	{ "sqlite", sql_open, sql_close, sql_enrol, sql_remove, sql_via,
	    sql_actions },
};

/* Helpers. */

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

static const char *
tmpl(void)
{
	return res.reply.tmpl;
}

/* The note to msisdn in the last result, or an empty one (template ""):
 * a missing note fails the caller's checks without a NULL to follow. */
static const struct act_msg *
note_to(const char *msisdn)
{
	static const struct act_msg	none;
	int				i;

	for (i = 0; i < res.nnotes; i++)
		if (strcmp(res.notes[i].to, msisdn) == 0)
			return &res.notes[i];
	return &none;
}

/* DAMPINGI target by agent: the code sent, or -1 (refused: rc kept). */
static enum act_rc	last_rc;

static int
assist(const char *agent, const char *target)
{
	struct action		 a = act(VERB_ASSIST);
	const struct act_msg	*n;

	snprintf(a.target, sizeof(a.target), "%s", target);
	if ((last_rc = run(agent, &a)) != ACT_OK)
		return -1;
	if ((n = note_to(target))->tmpl[0] == '\0' ||
	    act_get(n, "code") == NULL)
		return -1;
	return atoi(act_get(n, "code"));
}

static enum act_rc
answer(const char *who, enum verb v, int code)
{
	struct action	a = act(v);

	a.confirm_code = code;
	return run(who, &a);
}

static enum act_rc
untuk(const char *agent, const char *target, const struct action *in)
{
	struct action	a = act(VERB_FOR);

	snprintf(a.target, sizeof(a.target), "%s", target);
	a.inner = in;
	return run(agent, &a);
}

static void
reg(const char *who, const char *shop)
{
	struct action	a = act(VERB_REGISTER);

	snprintf(a.text, sizeof(a.text), "%s", shop);
	snprintf(a.village, sizeof(a.village), "Sukamaju");
	CHECK_INT(run(who, &a), ACT_OK);
}

static void
link_up(const char *agent, const char *seller)
{
	int	code = assist(agent, seller);

	if (code < 1000)
		fprintf(stderr, "link_up %s: %s\n", seller, tmpl());
	CHECK(code >= 1000);
	CHECK_INT(answer(seller, VERB_AGREE, code), ACT_OK);
}

/* Cases. */

static void
test_not_agent(void)
{
	struct action	a = act(VERB_MY_SELLERS), in = act(VERB_MY_PRODUCTS);

	/* A seller, not enrolled: every assistant command is refused. */
	reg(S1, "Sri");
	CHECK_INT(assist(S1, S2), -1);
	CHECK_INT(last_rc, ACT_NOT_AGENT);
	CHECK_STR(tmpl(), "agent.only");
	CHECK_INT(untuk(S1, S2, &in), ACT_NOT_AGENT);
	CHECK_STR(tmpl(), "agent.only");
	CHECK_INT(run(S1, &a), ACT_NOT_AGENT);
	CHECK_INT(be->actions(), 0);
}

static void
test_consent(void)
{
	struct action	in = act(VERB_MY_PRODUCTS);
	int		code, c2;

	be->enrol(A1, "Budi");
	/* Not linked yet: UNTUK names DAMPINGI. */
	CHECK_INT(untuk(A1, S1, &in), ACT_NOT_LINKED);
	CHECK_STR(tmpl(), "for.not_linked");
	code = assist(A1, S1);
	CHECK(code >= 1000 && code <= 9999);
	CHECK_STR(tmpl(), "assist.sent");
	CHECK_STR(note_to(S1)->tmpl, "assist.ask");
	CHECK_STR(act_get(note_to(S1), "name"), "Budi");
	CHECK_STR(act_get(note_to(S1), "agent"), "081300000001");
	/* Only from the number it was sent to. */
	CHECK_INT(answer(S2, VERB_AGREE, code), ACT_NO_PENDING);
	CHECK_STR(tmpl(), "consent.none");
	CHECK_INT(answer(A1, VERB_AGREE, code), ACT_NO_PENDING);
	/* Wrong codes count; the right one still works before the third. */
	CHECK_INT(answer(S1, VERB_AGREE, code == 9999 ? 1000 : code + 1),
	    ACT_WRONG_CODE);
	CHECK_STR(act_get(&res.reply, "left"), "2");
	CHECK_INT(answer(S1, VERB_AGREE, code), ACT_OK);
	CHECK_STR(tmpl(), "agree.ok");
	CHECK_STR(act_get(&res.reply, "agent"), "081300000001");
	CHECK_STR(note_to(A1)->tmpl, "agree.notify");
	CHECK_STR(act_get(note_to(A1), "seller"), "081200000001");
	/* Single use. */
	CHECK_INT(answer(S1, VERB_AGREE, code), ACT_NO_PENDING);
	/* Now linked: UNTUK works, DAMPINGI says so. */
	CHECK_INT(untuk(A1, S1, &in), ACT_OK);
	CHECK_INT(assist(A1, S1), -1);
	CHECK_STR(tmpl(), "assist.linked");

	/* Expiry. */
	code = assist(A1, S2);
	CHECK(code >= 1000);
	now += cf.agents_consent_s + 1;
	CHECK_INT(answer(S2, VERB_AGREE, code), ACT_NO_PENDING);
	CHECK_INT(untuk(A1, S2, &in), ACT_NOT_LINKED);

	/* Three wrong codes void the request. */
	be->enrol(A2, "Ani");
	code = assist(A2, S3);
	CHECK(code >= 1000);
	c2 = code == 9999 ? 1000 : code + 1;
	CHECK_INT(answer(S3, VERB_AGREE, c2), ACT_WRONG_CODE);
	CHECK_INT(answer(S3, VERB_AGREE, c2), ACT_WRONG_CODE);
	CHECK_INT(answer(S3, VERB_AGREE, c2), ACT_CODE_CANCELLED);
	CHECK_STR(tmpl(), "consent.void");
	CHECK_INT(answer(S3, VERB_AGREE, code), ACT_NO_PENDING);
	CHECK_INT(untuk(A2, S3, &in), ACT_NOT_LINKED);

	/* TIDAK: declined, the assistant told, no new request for 30 days. */
	be->enrol(A3, "Citra");
	code = assist(A3, S5);
	CHECK_INT(answer(S5, VERB_DECLINE, code), ACT_OK);
	CHECK_STR(tmpl(), "decline.ok");
	CHECK_STR(note_to(A3)->tmpl, "decline.notify");
	CHECK_INT(untuk(A3, S5, &in), ACT_NOT_LINKED);
	now += 2 * 86400;
	CHECK_INT(assist(A3, S5), -1);
	CHECK_STR(tmpl(), "assist.declined");
	CHECK_STR(act_get(&res.reply, "days"), "30");
	now += 30 * 86400;
	CHECK(assist(A3, S5) >= 1000);
}

static void
test_yes_accept_as_agree(void)
{
	struct action	a;
	int		code;

	/* YA <code> matching only a consent request is SETUJU. */
	code = assist(A1, S6);
	CHECK_INT(answer(S6, VERB_CONFIRM, code), ACT_OK);
	CHECK_STR(tmpl(), "agree.ok");
	/* TERIMA <4 digits> too. */
	code = assist(A2, S7);
	a = act(VERB_ACCEPT);
	a.code = code;
	a.bare_code = true;
	CHECK_INT(run(S7, &a), ACT_OK);
	CHECK_STR(tmpl(), "agree.ok");
	/* TERIMA O<code> (written with O) stays an order command. */
	code = assist(A3, S7);
	a.code = code;
	a.bare_code = false;
	CHECK(run(S7, &a) != ACT_OK);
	CHECK(strcmp(tmpl(), "agree.ok") != 0);
	CHECK_INT(answer(S7, VERB_AGREE, code), ACT_OK);
	/* YA with a code that is neither: the order path, nothing linked. */
	code = assist(A1, B1);
	CHECK_INT(answer(B1, VERB_CONFIRM, code == 9999 ? 1000 : code + 1),
	    ACT_NO_PENDING);
	CHECK(strcmp(tmpl(), "agree.ok") != 0);
}

static void
test_untuk(void)
{
	struct action	in = act(VERB_SELL), pr, bad, w;
	int		actions = be->actions(), via = be->audit_via(), n, v;
	char		code[16];

	reg(S2, "Wati");
	/* JUAL for S1 (linked to A1 in test_consent). */
	snprintf(in.text, sizeof(in.text), "Keripik");
	in.price_rp = 15000;
	in.qty = 20;
	in.force_new = true;
	CHECK_INT(untuk(A1, S1, &in), ACT_OK);
	CHECK_STR(tmpl(), "sell.ok");
	CHECK(res.reply.to[0] == '\0');		/* the reply: to the assistant */
	snprintf(code, sizeof(code), "%s", act_get(&res.reply, "code"));
	CHECK_STR(note_to(S1)->tmpl, "for.notify");
	CHECK_STR(act_get(note_to(S1), "name"), "Budi");
	CHECK(strstr(act_get(note_to(S1), "what"), "JUAL") != NULL);
	CHECK(strstr(act_get(note_to(S1), "what"), code) != NULL);
	CHECK_INT(be->actions(), actions + 1);
	/* HARGA: audited with via. */
	pr = act(VERB_PRICE);
	pr.code = atoll(code + 1);
	pr.price_rp = 17000;
	CHECK_INT(untuk(A1, S1, &pr), ACT_OK);
	CHECK_INT(be->audit_via(), via + 1);
	CHECK_INT(be->actions(), actions + 2);
	/* A read-only command: no note to the seller. */
	bad = act(VERB_MY_PRODUCTS);
	CHECK_INT(untuk(A1, S1, &bad), ACT_OK);
	CHECK_STR(note_to(S1)->tmpl, "");
	/* The seller's own HARGA: no via. */
	pr.price_rp = 18000;
	CHECK_INT(run(S1, &pr), ACT_OK);
	CHECK_INT(be->audit_via(), via + 1);

	/* Refused: buying, confirming, PIN, UNTUK inside UNTUK, own number. */
	bad = act(VERB_BUY);
	bad.code = pr.code;
	CHECK_INT(untuk(A1, S1, &bad), ACT_REFUSED);
	CHECK_STR(tmpl(), "for.refused");
	bad = act(VERB_CONFIRM);
	bad.confirm_code = 1234;
	CHECK_INT(untuk(A1, S1, &bad), ACT_REFUSED);
	bad = act(VERB_PIN);
	snprintf(bad.pin_new, sizeof(bad.pin_new), "1234");
	CHECK_INT(untuk(A1, S1, &bad), ACT_REFUSED);
	bad = act(VERB_FOR);
	snprintf(bad.target, sizeof(bad.target), "%s", S2);
	bad.inner = &pr;
	CHECK_INT(untuk(A1, S1, &bad), ACT_REFUSED);
	bad = act(VERB_AGREE);
	bad.confirm_code = 1234;
	CHECK_INT(untuk(A1, S1, &bad), ACT_REFUSED);
	CHECK_INT(untuk(A1, A1, &pr), ACT_REFUSED);
	CHECK_STR(tmpl(), "for.self");
	CHECK_INT(untuk(A1, S1, NULL), ACT_INVALID);
	CHECK_STR(tmpl(), "for.bad");
	/* Another assistant's seller; a seller never asked. */
	CHECK_INT(untuk(A2, S1, &pr), ACT_NOT_LINKED);
	CHECK_INT(untuk(A1, S2, &pr), ACT_NOT_LINKED);
	/* Nothing of the refusals changed the price. */
	pr = act(VERB_MY_PRODUCTS);
	CHECK_INT(run(S1, &pr), ACT_OK);
	CHECK(strstr(res.reply.rows[0].vars[2].val, "18.000") != NULL);
	/* BERAT (the export's weight) through UNTUK: the seller is told,
	 * audited with via. */
	n = be->actions();
	v = be->audit_via();
	w = act(VERB_WEIGHT);
	w.code = atoll(code + 1);
	w.weight_g = 250;
	CHECK_INT(untuk(A1, S1, &w), ACT_OK);
	CHECK(strstr(act_get(note_to(S1), "what"), "BERAT") != NULL);
	CHECK(strstr(act_get(note_to(S1), "what"), "250") != NULL);
	CHECK_INT(be->actions(), n + 1);
	CHECK_INT(be->audit_via(), v + 1);
	/* DESA (places): a name no place list has keeps the text. */
	w = act(VERB_VILLAGE);
	snprintf(w.village, sizeof(w.village), "Sukamaju");
	CHECK_INT(untuk(A1, S1, &w), ACT_OK);
	CHECK(strstr(act_get(note_to(S1), "what"), "DESA Sukamaju") != NULL);
	CHECK_INT(be->actions(), n + 2);
}

static void
test_revoke_and_remove(void)
{
	struct action	a = act(VERB_REVOKE), in = act(VERB_MY_PRODUCTS);
	int		code;

	/* CABUT by the seller. */
	snprintf(a.target, sizeof(a.target), "%s", A1);
	CHECK_INT(run(S1, &a), ACT_OK);
	CHECK_STR(tmpl(), "revoke.ok");
	CHECK_STR(note_to(A1)->tmpl, "revoke.notify");
	CHECK_INT(untuk(A1, S1, &in), ACT_NOT_LINKED);
	CHECK_INT(run(S1, &a), ACT_NOT_LINKED);
	CHECK_STR(tmpl(), "revoke.none");
	/* A removed assistant: links ended, no command left. */
	/* (run as S7, who has not registered: the seller's own answer) */
	CHECK_INT(untuk(A2, S7, &in), ACT_NOT_REGISTERED);
	code = assist(A2, "+6281200000020");
	CHECK(code >= 1000);
	be->remove(A2);
	CHECK_INT(untuk(A2, S7, &in), ACT_NOT_AGENT);
	/* Its pending request links nothing now. */
	CHECK_INT(answer("+6281200000020", VERB_AGREE, code), ACT_NO_PENDING);
	be->enrol(A2, "Ani");		/* enrolled again: the links stay ended */
	CHECK_INT(untuk(A2, S7, &in), ACT_NOT_LINKED);
	CHECK_INT(untuk(A2, "+6281200000020", &in), ACT_NOT_LINKED);
}

static void
test_limits_and_numbers(void)
{
	int	i;
	char	n[16];

	be->enrol(A4, "Dewi");
	/* Not a mobile of the country: fixed line, foreign, own number. */
	CHECK_INT(assist(A4, "+62215551234"), -1);
	CHECK_STR(tmpl(), "assist.bad_number");
	CHECK_INT(assist(A4, "+6591234567"), -1);
	CHECK_STR(tmpl(), "assist.bad_number");
	CHECK_INT(assist(A4, A4), -1);
	CHECK_STR(tmpl(), "assist.self");
	/* Per pair: one in 24 h. */
	CHECK(assist(A4, "+6281900000001") >= 1000);
	CHECK_INT(assist(A4, "+6281900000001"), -1);
	CHECK_STR(tmpl(), "assist.limit_pair");
	/* Per number: 3 different assistants a day; the fourth refused. */
	CHECK(assist(A1, "+6281900000001") >= 1000);
	CHECK(assist(A2, "+6281900000001") >= 1000);
	CHECK_INT(assist(A3, "+6281900000001"), -1);
	CHECK_STR(tmpl(), "assist.limit_number");
	CHECK_STR(act_get(&res.reply, "max"), "3");
	/* Per assistant: requests_per_day (3 here), the day local. */
	for (i = 2; i <= 3; i++) {
		snprintf(n, sizeof(n), "+628190000000%d", i);
		CHECK(assist(A4, n) >= 1000);
	}
	CHECK_INT(assist(A4, "+6281900000009"), -1);
	CHECK_STR(tmpl(), "assist.limit_day");
	CHECK_STR(act_get(&res.reply, "max"), "3");
	now += 86400;
	CHECK(assist(A4, "+6281900000009") >= 1000);
}

static void
test_mysellers(void)
{
	struct action	a = act(VERB_MY_SELLERS), more = act(VERB_MORE);

	cf.agents_requests_per_day = 20;
	be->enrol("+6281300000009", "Eka");
	link_up("+6281300000009", S1);
	link_up("+6281300000009", S2);
	link_up("+6281300000009", S3);
	link_up("+6281300000009", S4);
	CHECK_INT(run("+6281300000009", &a), ACT_OK);
	CHECK_STR(tmpl(), "mysellers.ok");
	CHECK_STR(act_get(&res.reply, "count"), "4");
	CHECK_INT(res.reply.nrows, 3);
	CHECK(res.reply.more);
	CHECK_STR(res.reply.rows[0].vars[0].val, "*0001");
	CHECK_STR(res.reply.rows[0].vars[1].val, "Sri");
	CHECK_STR(res.reply.rows[0].vars[2].val, "1");	/* Keripik */
	CHECK_STR(res.reply.rows[3 - 1].vars[1].val, "-");	/* S3 unregistered */
	CHECK_INT(run("+6281300000009", &more), ACT_OK);
	CHECK_INT(res.reply.nrows, 1);
	CHECK(!res.reply.more);
	CHECK_STR(res.reply.rows[0].vars[0].val, "*0004");
}

static void
test_pin_required(void)
{
	struct action	p = act(VERB_PIN), f = act(VERB_FOR);
	struct action	in = act(VERB_MY_PRODUCTS);

	cf.agents_pin_required = true;
	be->enrol("+6281300000008", "Fajar");
	link_up("+6281300000008", S2);
	snprintf(f.target, sizeof(f.target), "%s", S2);
	f.inner = &in;
	CHECK_INT(run("+6281300000008", &f), ACT_PIN_REQUIRED);
	/* An assistant who is not a seller sets a PIN of its own. */
	snprintf(p.pin_new, sizeof(p.pin_new), "4321");
	CHECK_INT(run("+6281300000008", &p), ACT_OK);
	CHECK_STR(tmpl(), "pin.set");
	snprintf(f.pin, sizeof(f.pin), "4321");
	CHECK_INT(run("+6281300000008", &f), ACT_OK);
	snprintf(f.pin, sizeof(f.pin), "9999");
	CHECK_INT(run("+6281300000008", &f), ACT_PIN_WRONG);
	cf.agents_pin_required = false;
}

/* The parser: UNTUK's number and command, its PIN, the PIN masked. */
/* issue 15, operators: a blocked number is never asked for consent; the
 * assistant is told generically (assist.unavailable), no note leaves. */
static void
block_number(const char *msisdn, bool on)
{
	if (st != NULL) {
		CHECK_INT(store_begin(st), STORE_OK);
		CHECK_INT(privacy_block(st, msisdn, on, now), 1);
		CHECK_INT(store_commit(st), STORE_OK);
	} else if (on) {
		mem->db.block_noticed[mem->db.nblocked] = false;
		snprintf(mem->db.blocked[mem->db.nblocked++], 16, "%s", msisdn);
	} else
		mem->db.nblocked = 0;
}

static void
test_assist_blocked(void)
{
	const char	*a9 = "+6281300000009", *s8 = "+6281200000008";

	now += 2 * 86400;
	be->enrol(a9, "Rina");
	block_number(s8, true);
	CHECK_INT(assist(a9, s8), -1);
	CHECK_INT(last_rc, ACT_REFUSED);
	CHECK_STR(res.reply.tmpl, "assist.unavailable");
	CHECK_INT(res.nnotes, 0);
	CHECK(strstr(res.reply.tmpl, "block") == NULL);
	block_number(s8, false);
	CHECK(assist(a9, s8) >= 1000);
	CHECK_STR(res.reply.tmpl, "assist.sent");
}

static void
test_parser(void)
{
	struct conf		 c;
	struct cmd_table	*t;
	struct action		 a, in;
	struct cmd_error	 e;
	char			 m[200];

	memset(&c, 0, sizeof(c));
	snprintf(c.country_code, sizeof(c.country_code), "62");
	t = cmd_table_new(&c);
	CHECK_INT(cmd_parse(t, "UNTUK 081200000001 JUAL Keripik 15rb 20", &a,
	    &e), CMD_OK);
	CHECK_INT(a.verb, VERB_FOR);
	CHECK_STR(a.target, "+6281200000001");
	CHECK_INT(cmd_parse(t, a.text, &in, &e), CMD_OK);
	CHECK_INT(in.verb, VERB_SELL);
	CHECK_INT(in.price_rp, 15000);
	CHECK_INT(in.qty, 20);
	CHECK_INT(cmd_parse(t, "for#+6281200000001#stok#p3#habis", &a, &e),
	    CMD_OK);
	CHECK_INT(cmd_parse(t, a.text, &in, &e), CMD_OK);
	CHECK_INT(in.verb, VERB_STOCK);
	CHECK_INT(cmd_parse(t, "ULANG UNTUK 081200000001 HARGA P3 5rb", &a, &e),
	    CMD_OK);
	CHECK(a.again);
	CHECK_INT(cmd_parse(t, "UNTUK 081200000001", &a, &e), CMD_BADARG);
	CHECK_INT(cmd_parse(t, "UNTUK abc JUAL x 5rb", &a, &e), CMD_BADARG);
	CHECK_INT(cmd_parse(t, "DAMPINGI 0812-0000-0001", &a, &e), CMD_OK);
	CHECK_STR(a.target, "+6281200000001");
	CHECK_INT(cmd_parse(t, "SETUJU 4821", &a, &e), CMD_OK);
	CHECK_INT(a.confirm_code, 4821);
	CHECK_INT(cmd_parse(t, "SETUJU", &a, &e), CMD_BADARG);
	CHECK_INT(cmd_parse(t, "no 4821", &a, &e), CMD_OK);
	CHECK_INT(a.verb, VERB_DECLINE);
	CHECK_INT(cmd_parse(t, "TERIMA 4821", &a, &e), CMD_OK);
	CHECK(a.bare_code);
	CHECK_INT(cmd_parse(t, "TERIMA O4821", &a, &e), CMD_OK);
	CHECK(!a.bare_code);
	CHECK_INT(cmd_parse(t, "binaan", &a, &e), CMD_OK);
	CHECK_INT(a.verb, VERB_MY_SELLERS);
	CHECK_INT(cmd_parse(t, "DAMPINGGI 0812", &a, &e), CMD_UNKNOWN);
	CHECK_STR(e.suggest, "DAMPINGI");
	/* PIN digits inside UNTUK are masked. */
	cmd_mask_pin(t, "UNTUK 081200000001 PIN 1234", m, sizeof(m));
	CHECK_STR(m, "UNTUK 081200000001 PIN ****");
	cmd_table_free(t);
	/* agents.pin_required: the last field is the assistant's PIN. */
	c.agents_pin_required = true;
	t = cmd_table_new(&c);
	CHECK_INT(cmd_parse(t, "UNTUK 081200000001 STOK P3 20 4321", &a, &e),
	    CMD_OK);
	CHECK_STR(a.pin, "4321");
	CHECK_INT(cmd_parse(t, a.text, &in, &e), CMD_OK);
	CHECK_INT(in.qty, 20);
	cmd_mask_pin(t, "UNTUK 081200000001 STOK P3 20 4321", m, sizeof(m));
	CHECK_STR(m, "UNTUK 081200000001 STOK P3 20 ****");
	cmd_table_free(t);
}

int
main(void)
{
	size_t	i;

	memset(&cf, 0, sizeof(cf));
	cf.confirm_timeout_s = 1800;
	/* couriers: the defaults of conf/conf.c */
	cf.deliver_timeout_s = 1209600;
	cf.couriers_pickup_s = 14400;
	cf.couriers_max_jobs = 3;
	cf.max_failed_deliveries = 2;
	cf.accept_timeout_s = 86400;
	cf.max_pending = 3;
	cf.confirm_attempts = 3;
	cf.pin_max_fail = 5;
	cf.pin_lock_s = 1800;
	cf.agents_consent_s = 1200;
	cf.agents_requests_per_day = 3;
	cf.agents_per_number_day = 3;
	cf.agents_declined_days = 30;
	snprintf(cf.default_lang, sizeof(cf.default_lang), "id");
	snprintf(cf.country_code, sizeof(cf.country_code), "62");
	setenv("TZ", "Asia/Jakarta", 1);
	test_parser();
	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
		int	before = t_fail;

		be = &backends[i];
		now = T0;
		cf.agents_requests_per_day = 3;
		be->open(&R);
		test_not_agent();
		test_consent();
		test_yes_accept_as_agree();
		test_untuk();
		test_revoke_and_remove();
		test_limits_and_numbers();
		test_mysellers();
		test_pin_required();
		test_assist_blocked();
		be->close();
		printf("%s backend: %s\n", be->name,
		    t_fail == before ? "ok" : "FAILED");
	}
	return T_DONE();
}
