/* Table tests for the SMS tokenizer and command parser (menus/lex.c,
 * menus/cmd.c): full messages -> expected action fields or errors. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "menus/cmd.h"
#include "menus/lex.h"
#include "tests/t.h"

/* Expected action; unset strings mean "", confirm 0 means absent (-1). */
struct want {
	const char	*in;
	enum verb	 verb;
	int64_t		 code, price, qty;
	const char	*text, *unit, *village;
	enum stock_op	 op;
	int		 confirm;
	const char	*pin_old, *pin_new, *pin, *lang;
	bool		 again;
};

#define S(x) ((x) != NULL ? (x) : "")

static const struct want ok_cases[] = {
	/* DAFTAR / REG */
	{ .in = "DAFTAR Toko Maju", .verb = VERB_REGISTER, .text = "Toko Maju" },
	{ .in = "DAFTAR Toko Maju, Sukamaju", .verb = VERB_REGISTER,
	  .text = "Toko Maju", .village = "Sukamaju" },
	{ .in = "  daftar   Toko   Maju ,  Suka Maju  ", .verb = VERB_REGISTER,
	  .text = "Toko Maju", .village = "Suka Maju" },
	{ .in = "REG Warung Bu Sri, Cibodas", .verb = VERB_REGISTER,
	  .text = "Warung Bu Sri", .village = "Cibodas" },
	{ .in = "DAFTAR#Toko Maju#Sukamaju", .verb = VERB_REGISTER,
	  .text = "Toko Maju", .village = "Sukamaju" },
	/* PIN */
	{ .in = "PIN 1234", .verb = VERB_PIN, .pin_new = "1234" },
	{ .in = "pin 1234 567890", .verb = VERB_PIN, .pin_old = "1234",
	  .pin_new = "567890" },
	/* JUAL / SELL and the end-of-message rule */
	{ .in = "JUAL Keripik singkong 15rb 20", .verb = VERB_SELL,
	  .text = "Keripik singkong", .price = 15000, .qty = 20 },
	{ .in = "JUAL Beras 5kg 65.000 10", .verb = VERB_SELL,
	  .text = "Beras 5kg", .price = 65000, .qty = 10 },
	{ .in = "JUAL Kopi Rp 25.000", .verb = VERB_SELL, .text = "Kopi",
	  .price = 25000, .qty = 1 },
	{ .in = "JUAL Batik tulis Rp150rb", .verb = VERB_SELL,
	  .text = "Batik tulis", .price = 150000, .qty = 1 },
	{ .in = "JUAL Keripik 15rb/bks 20", .verb = VERB_SELL,
	  .text = "Keripik", .price = 15000, .unit = "bks", .qty = 20 },
	{ .in = "JUAL Gula 14rb STOK 30", .verb = VERB_SELL, .text = "Gula",
	  .price = 14000, .qty = 30 },
	{ .in = "SELL Sugar 14rb stock 30", .verb = VERB_SELL, .text = "Sugar",
	  .price = 14000, .qty = 30 },
	{ .in = "JUAL#Keripik singkong#15rb#20", .verb = VERB_SELL,
	  .text = "Keripik singkong", .price = 15000, .qty = 20 },
	{ .in = "JUAL Keripik singkong#15rb#20", .verb = VERB_SELL,
	  .text = "Keripik singkong", .price = 15000, .qty = 20 },
	{ .in = "jual   kopi  bubuk   25000", .verb = VERB_SELL,
	  .text = "kopi bubuk", .price = 25000, .qty = 1 },
	{ .in = "SELL Chips 2,5rb 0", .verb = VERB_SELL, .text = "Chips",
	  .price = 2500, .qty = 0 },
	{ .in = "JUAL Kaos 3 warna 50rb", .verb = VERB_SELL,
	  .text = "Kaos 3 warna", .price = 50000, .qty = 1 },
	{ .in = "JUAL Sapi 1,5jt 2", .verb = VERB_SELL, .text = "Sapi",
	  .price = 1500000, .qty = 2 },
	{ .in = "JUAL Kopi Rp 25.000 5", .verb = VERB_SELL, .text = "Kopi",
	  .price = 25000, .qty = 5 },
	/* HARGA / PRICE */
	{ .in = "HARGA P17 17rb", .verb = VERB_PRICE, .code = 17,
	  .price = 17000 },
	{ .in = "harga p17 Rp 17.500", .verb = VERB_PRICE, .code = 17,
	  .price = 17500 },
	{ .in = "PRICE 17 1.5jt", .verb = VERB_PRICE, .code = 17,
	  .price = 1500000 },
	{ .in = "HARGA#P17#15rb/bks", .verb = VERB_PRICE, .code = 17,
	  .price = 15000, .unit = "bks" },
	/* STOK / STOCK */
	{ .in = "STOK P17 20", .verb = VERB_STOCK, .code = 17, .qty = 20,
	  .op = STOCK_SET },
	{ .in = "STOK P17 0", .verb = VERB_STOCK, .code = 17, .qty = 0 },
	{ .in = "STOK P17 +5", .verb = VERB_STOCK, .code = 17, .qty = 5,
	  .op = STOCK_ADD },
	{ .in = "stock p17 -3", .verb = VERB_STOCK, .code = 17, .qty = 3,
	  .op = STOCK_SUB },
	{ .in = "STOK 17 habis", .verb = VERB_STOCK, .code = 17,
	  .op = STOCK_SOLDOUT },
	{ .in = "STOK P17 1000000", .verb = VERB_STOCK, .code = 17,
	  .qty = 1000000 },
	/* HAPUS / DEL, PRODUK / MY, PESANAN / ORDERS */
	{ .in = "HAPUS P17", .verb = VERB_DELIST, .code = 17 },
	{ .in = "DEL p9", .verb = VERB_DELIST, .code = 9 },
	{ .in = "PRODUK", .verb = VERB_MY_PRODUCTS },
	{ .in = "my", .verb = VERB_MY_PRODUCTS },
	{ .in = "PESANAN", .verb = VERB_ORDERS },
	{ .in = "Orders", .verb = VERB_ORDERS },
	/* TERIMA, TOLAK, KIRIM and order code forms */
	{ .in = "TERIMA O42", .verb = VERB_ACCEPT, .code = 42 },
	{ .in = "ACCEPT o42", .verb = VERB_ACCEPT, .code = 42 },
	{ .in = "TERIMA 042", .verb = VERB_ACCEPT, .code = 42 },
	{ .in = "TERIMA 42", .verb = VERB_ACCEPT, .code = 42 },
	{ .in = "TOLAK O42 stok habis", .verb = VERB_REJECT, .code = 42,
	  .text = "stok habis" },
	{ .in = "REJECT O42", .verb = VERB_REJECT, .code = 42 },
	{ .in = "TOLAK#O42#barang rusak", .verb = VERB_REJECT, .code = 42,
	  .text = "barang rusak" },
	{ .in = "KIRIM O42", .verb = VERB_SHIP, .code = 42 },
	{ .in = "SHIP 42", .verb = VERB_SHIP, .code = 42 },
	/* Buyers */
	{ .in = "CARI keripik", .verb = VERB_FIND, .text = "keripik" },
	{ .in = "FIND  kopi   bubuk ", .verb = VERB_FIND, .text = "kopi bubuk" },
	{ .in = "LAGI", .verb = VERB_MORE },
	{ .in = "more", .verb = VERB_MORE },
	{ .in = "INFO P17", .verb = VERB_INFO, .code = 17 },
	{ .in = "info 17", .verb = VERB_INFO, .code = 17 },
	{ .in = "BELI P17", .verb = VERB_BUY, .code = 17, .qty = 1 },
	{ .in = "BELI P17 3", .verb = VERB_BUY, .code = 17, .qty = 3 },
	{ .in = "BUY p17 2 antar ke rumah Pak RT", .verb = VERB_BUY,
	  .code = 17, .qty = 2, .text = "antar ke rumah Pak RT" },
	{ .in = "BELI 17 tolong dibungkus", .verb = VERB_BUY, .code = 17,
	  .qty = 1, .text = "tolong dibungkus" },
	{ .in = "BELI#P17#2#Jl. Mawar 5, Sukamaju", .verb = VERB_BUY,
	  .code = 17, .qty = 2, .text = "Jl. Mawar 5, Sukamaju" },
	{ .in = "YA", .verb = VERB_CONFIRM },
	{ .in = "YA 4821", .verb = VERB_CONFIRM, .confirm = 4821 },
	{ .in = "yes 1000", .verb = VERB_CONFIRM, .confirm = 1000 },
	{ .in = "BATAL O42", .verb = VERB_CANCEL, .code = 42 },
	{ .in = "CANCEL 042", .verb = VERB_CANCEL, .code = 42 },
	{ .in = "SAMPAI O42", .verb = VERB_RECEIVED, .code = 42 },
	{ .in = "RECEIVED o7", .verb = VERB_RECEIVED, .code = 7 },
	/* Everyone */
	{ .in = "BANTUAN", .verb = VERB_HELP },
	{ .in = "HELP", .verb = VERB_HELP },
	{ .in = "BANTUAN jual", .verb = VERB_HELP, .text = "JUAL" },
	{ .in = "HELP sell", .verb = VERB_HELP, .text = "JUAL" },
	{ .in = "BAHASA EN", .verb = VERB_LANGUAGE, .lang = "en" },
	{ .in = "lang id", .verb = VERB_LANGUAGE, .lang = "id" },
	{ .in = "BAHASA Inggris", .verb = VERB_LANGUAGE, .lang = "en" },
	/* ULANG and aliases from the config */
	{ .in = "ULANG BELI P17 2", .verb = VERB_BUY, .code = 17, .qty = 2,
	  .again = true },
	{ .in = "ulang  STOK P17 +5", .verb = VERB_STOCK, .code = 17, .qty = 5,
	  .op = STOCK_ADD, .again = true },
	{ .in = "ULANG#JUAL#Kopi#25rb#3", .verb = VERB_SELL, .text = "Kopi",
	  .price = 25000, .qty = 3, .again = true },
	{ .in = "TUKU P17 2", .verb = VERB_BUY, .code = 17, .qty = 2 },
	{ .in = "tuku p5", .verb = VERB_BUY, .code = 5, .qty = 1 },
	{ .in = "GOLEK tempe", .verb = VERB_FIND, .text = "tempe" },
	/* Operator-required trailing PIN (pin_commands "HAPUS, SELL") */
	{ .in = "HAPUS P17 1234", .verb = VERB_DELIST, .code = 17,
	  .pin = "1234" },
	{ .in = "JUAL Kopi 25rb 10 654321", .verb = VERB_SELL, .text = "Kopi",
	  .price = 25000, .qty = 10, .pin = "654321" },
	{ .in = "ULANG HAPUS P17 1234", .verb = VERB_DELIST, .code = 17,
	  .pin = "1234", .again = true },
	{ .in = "HAPUS P17", .verb = VERB_DELIST, .code = 17 },
	{ .in = "JUAL Kopi 25rb 1234", .verb = VERB_SELL, .text = "Kopi",
	  .price = 25000, .qty = 1, .pin = "1234" },
	/* The digits are needed as the price: no PIN (the store asks). */
	{ .in = "JUAL Kopi 25000", .verb = VERB_SELL, .text = "Kopi",
	  .price = 25000, .qty = 1 },
};

struct want_err {
	const char	*in;
	enum cmd_rc	 rc;
	enum verb	 verb;
	enum cmd_field	 field;
	const char	*suggest;
	enum price_rc	 price_rc;
	const char	*tmpl;		/* cmd_error_msg */
};

static const struct want_err err_cases[] = {
	{ "", CMD_EMPTY, VERB_NONE, CMD_F_NONE, NULL, 0, "cmd.empty" },
	{ "   ", CMD_EMPTY, VERB_NONE, CMD_F_NONE, NULL, 0, "cmd.empty" },
	{ " # # ", CMD_EMPTY, VERB_NONE, CMD_F_NONE, NULL, 0, "cmd.empty" },
	{ "JAUL Kopi 15rb", CMD_UNKNOWN, VERB_NONE, CMD_F_NONE, "JUAL", 0,
	  "cmd.suggest" },
	{ "CRAI keripik", CMD_UNKNOWN, VERB_NONE, CMD_F_NONE, "CARI", 0,
	  "cmd.suggest" },
	{ "HRAGA P17 15rb", CMD_UNKNOWN, VERB_NONE, CMD_F_NONE, "HARGA", 0,
	  "cmd.suggest" },
	{ "sel kopi 5rb", CMD_UNKNOWN, VERB_NONE, CMD_F_NONE, "SELL", 0,
	  "cmd.suggest" },
	{ "PESNAN", CMD_UNKNOWN, VERB_NONE, CMD_F_NONE, "PESANAN", 0,
	  "cmd.suggest" },
	{ "HALO apa kabar", CMD_UNKNOWN, VERB_NONE, CMD_F_NONE, "", 0,
	  "cmd.unknown" },
	{ "12345", CMD_UNKNOWN, VERB_NONE, CMD_F_NONE, "", 0, "cmd.unknown" },
	{ "JUAL Tempe", CMD_BADARG, VERB_SELL, CMD_F_PRICE, NULL, PRICE_EMPTY,
	  "bad.sell" },
	{ "JUAL", CMD_BADARG, VERB_SELL, CMD_F_NAME, NULL, 0, "bad.sell" },
	{ "JUAL Kopi 15,5", CMD_BADARG, VERB_SELL, CMD_F_PRICE, NULL,
	  PRICE_DECIMAL_NO_SUFFIX, "badprice.decimal" },
	{ "JUAL Kopi 15rb 2000000", CMD_BADARG, VERB_SELL, CMD_F_QTY, NULL, 0,
	  "bad.sell" },
	{ "JUAL Kopi 15rb enak", CMD_BADARG, VERB_SELL, CMD_F_EXTRA, NULL, 0,
	  "bad.sell" },
	{ "JUAL Gula 14rb STOK banyak", CMD_BADARG, VERB_SELL, CMD_F_QTY,
	  NULL, 0, "bad.sell" },
	{ "DAFTAR", CMD_BADARG, VERB_REGISTER, CMD_F_NAME, NULL, 0, "bad.reg" },
	{ "DAFTAR , Sukamaju", CMD_BADARG, VERB_REGISTER, CMD_F_NAME, NULL, 0,
	  "bad.reg" },
	{ "PIN", CMD_BADARG, VERB_PIN, CMD_F_PIN, NULL, 0, "bad.pin" },
	{ "PIN 123", CMD_BADARG, VERB_PIN, CMD_F_PIN, NULL, 0, "bad.pin" },
	{ "PIN 1234567", CMD_BADARG, VERB_PIN, CMD_F_PIN, NULL, 0, "bad.pin" },
	{ "PIN 12a4", CMD_BADARG, VERB_PIN, CMD_F_PIN, NULL, 0, "bad.pin" },
	{ "PIN 1234 5678 9999", CMD_BADARG, VERB_PIN, CMD_F_EXTRA, NULL, 0,
	  "bad.pin" },
	{ "HARGA P17", CMD_BADARG, VERB_PRICE, CMD_F_PRICE, NULL, PRICE_EMPTY,
	  "bad.price" },
	{ "HARGA P17 tujuh", CMD_BADARG, VERB_PRICE, CMD_F_PRICE, NULL,
	  PRICE_NOT_NUMBER, "bad.price" },
	{ "HARGA P17 1.50.000", CMD_BADARG, VERB_PRICE, CMD_F_PRICE, NULL,
	  PRICE_BAD_GROUPING, "badprice.grouping" },
	{ "HARGA P17 0", CMD_BADARG, VERB_PRICE, CMD_F_PRICE, NULL, PRICE_ZERO,
	  "badprice.zero" },
	{ "HARGA P17 2jt 5", CMD_BADARG, VERB_PRICE, CMD_F_EXTRA, NULL, 0,
	  "bad.price" },
	{ "HARGA Kopi 15rb", CMD_BADARG, VERB_PRICE, CMD_F_CODE, NULL, 0,
	  "bad.price" },
	{ "HARGA O17 15rb", CMD_BADARG, VERB_PRICE, CMD_F_CODE, NULL, 0,
	  "bad.price" },
	{ "STOK P17", CMD_BADARG, VERB_STOCK, CMD_F_QTY, NULL, 0, "bad.stock" },
	{ "STOK P17 banyak", CMD_BADARG, VERB_STOCK, CMD_F_QTY, NULL, 0,
	  "bad.stock" },
	{ "STOK P17 1000001", CMD_BADARG, VERB_STOCK, CMD_F_QTY, NULL, 0,
	  "bad.stock" },
	{ "STOK P17 -0", CMD_BADARG, VERB_STOCK, CMD_F_QTY, NULL, 0,
	  "bad.stock" },
	{ "STOK P0 5", CMD_BADARG, VERB_STOCK, CMD_F_CODE, NULL, 0,
	  "bad.stock" },
	{ "HAPUS", CMD_BADARG, VERB_DELIST, CMD_F_CODE, NULL, 0, "bad.del" },
	{ "TERIMA", CMD_BADARG, VERB_ACCEPT, CMD_F_ORDER, NULL, 0,
	  "bad.accept" },
	{ "TERIMA P42", CMD_BADARG, VERB_ACCEPT, CMD_F_ORDER, NULL, 0,
	  "bad.accept" },
	{ "KIRIM O42 O43", CMD_BADARG, VERB_SHIP, CMD_F_EXTRA, NULL, 0,
	  "bad.ship" },
	{ "TOLAK", CMD_BADARG, VERB_REJECT, CMD_F_ORDER, NULL, 0, "bad.reject" },
	{ "CARI", CMD_BADARG, VERB_FIND, CMD_F_WORDS, NULL, 0, "bad.find" },
	{ "INFO", CMD_BADARG, VERB_INFO, CMD_F_CODE, NULL, 0, "bad.info" },
	{ "BELI", CMD_BADARG, VERB_BUY, CMD_F_CODE, NULL, 0, "bad.buy" },
	{ "BELI P17 0", CMD_BADARG, VERB_BUY, CMD_F_QTY, NULL, 0, "bad.buy" },
	{ "BELI P17 9999999", CMD_BADARG, VERB_BUY, CMD_F_QTY, NULL, 0,
	  "bad.buy" },
	{ "YA 12", CMD_BADARG, VERB_CONFIRM, CMD_F_CONFIRM, NULL, 0, "bad.yes" },
	{ "YA kode", CMD_BADARG, VERB_CONFIRM, CMD_F_CONFIRM, NULL, 0,
	  "bad.yes" },
	{ "BATAL", CMD_BADARG, VERB_CANCEL, CMD_F_ORDER, NULL, 0, "bad.cancel" },
	{ "SAMPAI O", CMD_BADARG, VERB_RECEIVED, CMD_F_ORDER, NULL, 0,
	  "bad.received" },
	{ "BAHASA", CMD_BADARG, VERB_LANGUAGE, CMD_F_LANG, NULL, 0, "bad.lang" },
	{ "BAHASA FR", CMD_BADARG, VERB_LANGUAGE, CMD_F_LANG, NULL, 0,
	  "bad.lang" },
	{ "ULANG", CMD_BADARG, VERB_NONE, CMD_F_COMMAND, NULL, 0, "bad.again" },
	{ "ULANG ULANG", CMD_BADARG, VERB_NONE, CMD_F_COMMAND, NULL, 0,
	  "bad.again" },
	{ "ULANG HALO", CMD_BADARG, VERB_NONE, CMD_F_COMMAND, NULL, 0,
	  "bad.again" },
};

static struct conf	test_conf;

static void
setup_conf(void)
{
	memset(&test_conf, 0, sizeof(test_conf));
	snprintf(test_conf.aliases[0].word, 16, "TUKU");
	snprintf(test_conf.aliases[0].verb, 16, "BELI");
	snprintf(test_conf.aliases[1].word, 16, "GOLEK");
	snprintf(test_conf.aliases[1].verb, 16, "FIND");
	snprintf(test_conf.aliases[2].word, 16, "NGAWUR");
	snprintf(test_conf.aliases[2].verb, 16, "NOSUCH");
	test_conf.naliases = 3;
	snprintf(test_conf.pin_commands, sizeof(test_conf.pin_commands),
	    "HAPUS, SELL");
	snprintf(test_conf.country_code, sizeof(test_conf.country_code), "62");
}

static void
test_ok(const struct cmd_table *t)
{
	struct action		a;
	struct cmd_error	e;
	size_t			i;

	for (i = 0; i < sizeof(ok_cases) / sizeof(ok_cases[0]); i++) {
		const struct want *w = &ok_cases[i];
		enum cmd_rc rc = cmd_parse(t, w->in, &a, &e);

		if (rc != CMD_OK)
			fprintf(stderr, "ok[%zu] \"%s\": rc %d field %d\n", i,
			    w->in, rc, e.field);
		CHECK_INT(rc, CMD_OK);
		CHECK_INT(e.rc, CMD_OK);
		CHECK_INT(a.verb, w->verb);
		CHECK_INT(a.code, w->code);
		CHECK_INT(a.price_rp, w->price);
		CHECK_INT(a.qty, w->qty);
		CHECK_STR(a.text, S(w->text));
		CHECK_STR(a.unit, S(w->unit));
		CHECK_STR(a.village, S(w->village));
		CHECK_INT(a.stock_op, w->op);
		CHECK_INT(a.confirm_code, w->confirm ? w->confirm : -1);
		CHECK_STR(a.pin_old, S(w->pin_old));
		CHECK_STR(a.pin_new, S(w->pin_new));
		CHECK_STR(a.pin, S(w->pin));
		CHECK_STR(a.lang, S(w->lang));
		CHECK_INT(a.again, w->again);
		CHECK(!a.ussd && a.page == 0);
	}
}

static void
test_errors(const struct cmd_table *t)
{
	struct action		a;
	struct cmd_error	e;
	struct act_msg		m;
	size_t			i;

	for (i = 0; i < sizeof(err_cases) / sizeof(err_cases[0]); i++) {
		const struct want_err *w = &err_cases[i];
		enum cmd_rc rc = cmd_parse(t, w->in, &a, &e);

		if (rc != w->rc || e.field != w->field)
			fprintf(stderr, "err[%zu] \"%s\": rc %d field %d\n", i,
			    w->in, rc, e.field);
		CHECK_INT(rc, w->rc);
		CHECK_INT(e.rc, w->rc);
		CHECK_INT(e.verb, w->verb);
		CHECK_INT(e.field, w->field);
		CHECK_INT(a.verb, VERB_NONE);
		if (w->suggest != NULL)
			CHECK_STR(e.suggest, w->suggest);
		if (w->field == CMD_F_PRICE)
			CHECK_INT(e.price_rc, w->price_rc);
		cmd_error_msg(&e, &m);
		CHECK_STR(m.tmpl, w->tmpl);
	}
}

static void
test_error_vars(const struct cmd_table *t)
{
	struct action		a;
	struct cmd_error	e;
	struct act_msg		m;

	cmd_parse(t, "jaul kopi", &a, &e);
	cmd_error_msg(&e, &m);
	CHECK_STR(act_get(&m, "word"), "JAUL");
	CHECK_STR(act_get(&m, "suggest"), "JUAL");

	cmd_parse(t, "sell Kopi 15,5", &a, &e);
	cmd_error_msg(&e, &m);
	CHECK_STR(m.tmpl, "badprice.decimal");
	CHECK_STR(act_get(&m, "value"), "15,5");
	CHECK_STR(act_get(&m, "cmd"), "SELL");

	/* PIN digits never reach the error. */
	cmd_parse(t, "PIN 12345678", &a, &e);
	CHECK_STR(e.value, "");
	CHECK(a.pin_new[0] == '\0');

	cmd_parse(t, "ULANG", &a, &e);
	CHECK(e.again);

	CHECK_INT(cmd_parse(t, "pin1234", &a, &e), CMD_UNKNOWN);
	CHECK_STR(e.word, "PIN****");
	CHECK_STR(e.suggest, "PIN");
}

static void
test_help_msg(const struct cmd_table *t)
{
	struct action		a;
	struct cmd_error	e;
	struct act_msg		m;

	cmd_parse(t, "BANTUAN", &a, &e);
	cmd_help_msg(&a, &m);
	CHECK_STR(m.tmpl, "help.all");
	cmd_parse(t, "help buy", &a, &e);
	cmd_help_msg(&a, &m);
	CHECK_STR(m.tmpl, "help.buy");
	cmd_parse(t, "BANTUAN tuku", &a, &e);
	cmd_help_msg(&a, &m);
	CHECK_STR(m.tmpl, "help.buy");
	cmd_parse(t, "BANTUAN apa", &a, &e);
	cmd_help_msg(&a, &m);
	CHECK_STR(m.tmpl, "help.all");
}

static void
test_table(const struct cmd_table *t)
{
	struct cmd_table	*bare = cmd_table_new(NULL);
	struct action		 a;
	struct cmd_error	 e;

	CHECK_INT(cmd_lookup(t, "tuku"), VERB_BUY);
	CHECK_INT(cmd_lookup(t, "NGAWUR"), VERB_NONE);
	CHECK_INT(cmd_lookup(t, "ulang"), VERB_NONE);
	CHECK_INT(cmd_lookup(t, "Sell"), VERB_SELL);
	CHECK(cmd_needs_pin(t, VERB_DELIST));
	CHECK(cmd_needs_pin(t, VERB_SELL));
	CHECK(!cmd_needs_pin(t, VERB_BUY));
	CHECK_STR(cmd_verb_name(VERB_RECEIVED), "received");
	/* Without the config: no alias, no PIN stripping. */
	CHECK_INT(cmd_parse(bare, "TUKU P17", &a, &e), CMD_UNKNOWN);
	CHECK_INT(cmd_parse(bare, "HAPUS P17 1234", &a, &e), CMD_BADARG);
	CHECK_INT(e.field, CMD_F_EXTRA);
	CHECK_INT(cmd_parse(bare, "JUAL Kopi 25rb 10 1234", &a, &e), CMD_OK);
	CHECK_INT(a.price_rp, 10);
	CHECK_STR(a.text, "Kopi 25rb");
	CHECK_INT(a.qty, 1234);
	cmd_table_free(bare);
	cmd_table_free(NULL);
}

static void
test_mask(const struct cmd_table *t)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "PIN 1234 5678", "PIN **** ****" },
		{ "pin 1234", "pin ****" },
		{ "  PIN  123456 ", "  PIN  ****** " },
		{ "PIN#1234#5678", "PIN#****#****" },
		{ "PIN 12a4", "PIN **a*" },
		{ "ULANG PIN 1234 5678", "ULANG PIN **** ****" },
		{ "PNI 1234", "PNI ****" },
		{ "PIN1234 5678", "PIN**** ****" },
		{ "HAPUS P17 1234", "HAPUS P17 ****" },
		{ "JUAL Kopi 25rb 10 654321", "JUAL Kopi 25rb 10 ******" },
		{ "ULANG HAPUS P17 1234", "ULANG HAPUS P17 ****" },
		{ "HAPUS P17", "HAPUS P17" },
		{ "JUAL Kopi 25000", "JUAL Kopi 25000" },
		{ "HAPUS#P17#1234", "HAPUS#P17#****" },
		{ "BELI P17 1234", "BELI P17 1234" },
		{ "CARI kopi", "CARI kopi" },
		{ "", "" },
	};
	char	buf[64], small[8];
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK(cmd_mask_pin(t, cases[i].in, buf, sizeof(buf)));
		CHECK_STR(buf, cases[i].out);
	}
	CHECK(cmd_mask_pin(NULL, "PIN 1234", buf, sizeof(buf)));
	CHECK_STR(buf, "PIN ****");
	CHECK(cmd_mask_pin(NULL, "HAPUS P17 1234", buf, sizeof(buf)));
	CHECK_STR(buf, "HAPUS P17 1234");
	CHECK(!cmd_mask_pin(t, "PIN 1234 5678", small, sizeof(small)));
	CHECK_STR(small, "PIN ***");
}

static void
test_lex(void)
{
	struct lex	lx;
	char		buf[64];
	int64_t		v;

	lex_split("  JUAL   Keripik\tsingkong \r\n 15rb ", &lx);
	CHECK_INT(lx.ntok, 4);
	CHECK_STR(lx.tok[1].s, "Keripik");
	CHECK(!lx.hashed);
	CHECK_INT(lx.tok[0].off, 2);
	CHECK_INT(lx.tok[0].len, 4);

	lex_split("JUAL#Keripik   singkong # 15rb#20#", &lx);
	CHECK(lx.hashed);
	CHECK_INT(lx.ntok, 4);
	CHECK_STR(lx.tok[0].s, "JUAL");
	CHECK_STR(lx.tok[1].s, "Keripik singkong");
	CHECK_STR(lx.tok[2].s, "15rb");
	CHECK_STR(lx.tok[3].s, "20");
	CHECK_INT(lx.tok[1].off, 5);
	CHECK_INT(lx.tok[1].len, 18);

	lex_split("", &lx);
	CHECK_INT(lx.ntok, 0);
	lex_split(NULL, &lx);
	CHECK_INT(lx.ntok, 0);

	CHECK(lex_eq("jual", "JUAL"));
	CHECK(!lex_eq("jua", "JUAL"));
	CHECK(lex_uint("20", 1000000, &v) && v == 20);
	CHECK(!lex_uint("1000001", 1000000, &v));
	CHECK(!lex_uint("+5", 1000000, &v));
	CHECK(!lex_uint("", 1000000, &v));
	CHECK(lex_digits("0042", 4, 6));
	CHECK(!lex_digits("004", 4, 6));

	lex_split("a b c", &lx);
	CHECK(lex_join(&lx, 0, 3, buf, sizeof(buf)));
	CHECK_STR(buf, "a b c");
	CHECK(!lex_join(&lx, 0, 3, buf, 4));
	CHECK_STR(buf, "a b");
}

/* Pseudo-random and oversized messages: no crash, consistent results. */
static void
test_garbage(const struct cmd_table *t)
{
	static const char	 alphabet[] = "JUALjual PIN1234567890#,.+-/Rp"
				    "rbjtkHABISOoPp \t\r\n\xc3\xa9\xff";
	static const char	*heads[] = { "", "JUAL ", "PIN ", "ULANG ",
				    "HARGA P1 ", "STOK ", "BELI ", "DAFTAR ",
				    "HAPUS " };
	struct action		 a;
	struct cmd_error	 e;
	char			 msg[2000], masked[2000];
	unsigned int		 seed = 12345;
	size_t			 i, k, n, h;
	bool			 consistent = true;

	for (i = 0; i < 20000; i++) {
		h = i % (sizeof(heads) / sizeof(heads[0]));
		n = strlen(heads[h]);
		memcpy(msg, heads[h], n);
		seed = seed * 1103515245u + 12345u;
		k = (seed >> 16) % 40;
		if (i % 1000 == 0)
			k = sizeof(msg) - n - 1;	/* very long */
		while (k-- > 0) {
			seed = seed * 1103515245u + 12345u;
			msg[n++] = alphabet[(seed >> 16) %
			    (sizeof(alphabet) - 1)];
		}
		msg[n] = '\0';
		if (cmd_parse(t, msg, &a, &e) != e.rc ||
		    (e.rc != CMD_OK && a.verb != VERB_NONE) ||
		    (e.rc == CMD_OK && a.verb == VERB_NONE))
			consistent = false;
		cmd_mask_pin(t, msg, masked, sizeof(masked));
		if (strlen(masked) != strlen(msg))
			consistent = false;
	}
	CHECK(consistent);
}

int
main(void)
{
	struct cmd_table	*t;

	setup_conf();
	t = cmd_table_new(&test_conf);
	test_lex();
	test_ok(t);
	test_errors(t);
	test_error_vars(t);
	test_help_msg(t);
	test_table(t);
	test_mask(t);
	test_garbage(t);
	cmd_table_free(t);
	return T_DONE();
}
