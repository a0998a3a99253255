/* The USSD menu walker and linter: the shipped menus walked with made-up
 * action results (no store), screen sizes, paging, PIN once per session,
 * the buy confirmation, and every broken menu in tests/menus giving its
 * exact file:line finding. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/action.h"
#include "conf/menu.h"
#include "conf/conf.h"
#include "conf/templates.h"
#include "menus/cmd.h"
#include "menus/menu.h"
#include "tests/t.h"

#ifndef LAPAK_DATADIR
#define LAPAK_DATADIR "."
#endif

static struct menu_def	*def;
static struct templates	*tmpl;
static struct menu	*menu;

static bool
fits(const char *s)
{
	bool	gsm;
	size_t	n = menu_screen_len(s, &gsm);

	return n <= (gsm ? MENU_GSM_MAX : MENU_UCS2_MAX);
}

static void
result(struct act_result *r, enum act_rc rc, const char *t)
{
	memset(r, 0, sizeof(*r));
	r->rc = rc;
	snprintf(r->reply.tmpl, sizeof(r->reply.tmpl), "%s", t);
}

static void
test_load(void)
{
	char	err[4096];

	CHECK(templates_load(LAPAK_DATADIR "/menus/templates", "id", &tmpl, err,
	    sizeof(err)) == 0);
	CHECK(menu_def_load(LAPAK_DATADIR "/menus/default.cfg", &def, err,
	    sizeof(err)) == 0);
	if (def == NULL) {
		fprintf(stderr, "%s\n", err);
		exit(1);
	}
	CHECK_INT(menu_lint(def, tmpl, NULL, NULL), 0);
	CHECK((menu = menu_new(def, tmpl, err, sizeof(err))) != NULL);
	if (menu == NULL) {
		fprintf(stderr, "%s\n", err);
		exit(1);
	}
}

static void
test_seller_sell(void)
{
	struct menu_state	s;
	struct menu_out		o;
	struct act_result	r;

	menu_begin(menu, &s, "id", &o);
	CHECK_INT(o.kind, MENU_CON);
	CHECK(strncmp(o.text, "Lapak\n1 Jual\n2 Beli", 19) == 0);
	CHECK(strstr(o.text, "0 Kembali") == NULL);	/* start: no back */
	menu_input(menu, &s, "8", &o);
	CHECK(strncmp(o.text, "Pilihan tidak ada.", 18) == 0);
	menu_input(menu, &s, "1", &o);
	CHECK(strncmp(o.text, "Menu penjual", 12) == 0);
	CHECK(strstr(o.text, "0 Kembali") != NULL);
	menu_input(menu, &s, "0", &o);
	CHECK(strncmp(o.text, "Lapak", 5) == 0);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "1", &o);
	/* Add a product: the seller check comes first (no PIN set). */
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_MY_PRODUCTS);
	result(&r, ACT_OK, "my.empty");
	menu_result(menu, &s, &r, &o);
	CHECK(s.seller_ok);
	CHECK(strncmp(o.text, "Nama barang:", 12) == 0);
	menu_input(menu, &s, "", &o);
	CHECK(strncmp(o.text, "Tulis nama barang", 17) == 0);
	menu_input(menu, &s, " Keripik singkong ", &o);
	CHECK(strncmp(o.text, "Harga Keripik singkong?", 23) == 0);
	menu_input(menu, &s, "tujuh", &o);
	CHECK(strncmp(o.text, "Harga tidak valid", 17) == 0);
	menu_input(menu, &s, "0", &o);		/* back to the name */
	CHECK(strncmp(o.text, "Nama barang:", 12) == 0);
	/* typed answers are cleaned as SMS text is: no emoji, straight
	 * quotes */
	menu_input(menu, &s, "Keripik \xe2\x80\x9csingkong\xe2\x80\x9d \xf0\x9f\x99\x8f", &o);
	CHECK(strncmp(o.text, "Harga Keripik \"singkong\"? (", 27) == 0);
	menu_input(menu, &s, "0", &o);		/* back to the name */
	menu_input(menu, &s, "Keripik singkong", &o);
	menu_input(menu, &s, "15rb/bks", &o);
	CHECK(strncmp(o.text, "Stok Keripik singkong?", 22) == 0);
	menu_input(menu, &s, "-3", &o);
	CHECK(strncmp(o.text, "Stok: angka", 11) == 0);
	menu_input(menu, &s, "0", &o);		/* stock 0 is a value here */
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_SELL);
	CHECK_STR(o.act.text, "Keripik singkong");
	CHECK_INT(o.act.price_rp, 15000);
	CHECK_STR(o.act.unit, "bks");
	CHECK_INT(o.act.qty, 0);
	CHECK(o.act.ussd);
	result(&r, ACT_OK, "sell.ok");
	act_set(&r.reply, "code", "P9");
	act_set(&r.reply, "name", "Keripik singkong");
	act_set(&r.reply, "price", "Rp15.000/bks");
	act_set(&r.reply, "stock", "0");
	menu_result(menu, &s, &r, &o);
	CHECK_INT(o.kind, MENU_END);
	CHECK_STR(o.text, "P9 Keripik singkong Rp15.000/bks stok 0 sudah dijual.");
	CHECK(!o.receipt);
	/* 00: home from anywhere. */
	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "2", &o);
	menu_input(menu, &s, "00", &o);
	CHECK(strncmp(o.text, "Lapak\n1 Jual", 12) == 0);
}

static void
add_row(struct act_result *r, const char *code, const char *name,
    const char *price)
{
	struct act_row	*row = &r->reply.rows[r->reply.nrows++];

	act_row_set(row, "code", "%s", code);
	act_row_set(row, "name", "%s", name);
	act_row_set(row, "price", "%s", price);
	act_row_set(row, "stock", "12");
}

static void
test_pin_and_list(void)
{
	struct menu_state	s;
	struct menu_out		o;
	struct act_result	r;

	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "2", &o);		/* change price: a list */
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_MY_PRODUCTS);
	CHECK(!o.act.pin_ok);
	CHECK_STR(o.act.pin, "");
	result(&r, ACT_PIN_REQUIRED, "com.pin_required");
	menu_result(menu, &s, &r, &o);
	CHECK_INT(o.kind, MENU_CON);
	CHECK(strstr(o.text, "PIN") != NULL);
	CHECK(menu_wants_secret(menu, &s));
	menu_input(menu, &s, "12", &o);
	CHECK(strncmp(o.text, "PIN 4-6 angka.", 14) == 0);
	menu_input(menu, &s, "1234", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_STR(o.act.pin, "1234");
	result(&r, ACT_PIN_WRONG, "com.pin_wrong");
	act_set(&r.reply, "left", "4");
	menu_result(menu, &s, &r, &o);
	CHECK(strstr(o.text, "Sisa 4") != NULL);
	CHECK(strstr(o.text, "PIN") != NULL);
	menu_input(menu, &s, "4321", &o);
	CHECK_INT(o.kind, MENU_ACT);
	result(&r, ACT_OK, "my.ok");
	add_row(&r, "P1", "Keripik singkong pedas manis gurih renyah khas desa "
	    "Sukamaju kemasan besar sekali", "Rp15.000/bks");
	add_row(&r, "P2", "Gula aren asli dari pohon aren tua di lereng gunung "
	    "yang sejuk dan asri", "Rp25.000/kg");
	add_row(&r, "P3", "Kopi robusta", "Rp40.000");
	r.reply.more = true;
	menu_result(menu, &s, &r, &o);
	CHECK(s.pin_ok);
	CHECK(!menu_wants_secret(menu, &s));
	CHECK_INT(o.kind, MENU_CON);
	CHECK(fits(o.text));
	CHECK(strncmp(o.text, "Pilih produk:\n1 P1 Keripik", 26) == 0);
	CHECK(strstr(o.text, "\n3 P3 Kopi robusta Rp40.000 s12\n9 Lagi\n0 Kembali")
	    != NULL);
	menu_input(menu, &s, "9", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.page, 1);
	CHECK(o.act.pin_ok);
	result(&r, ACT_OK, "my.ok");
	add_row(&r, "P4", "Teh", "Rp5.000");
	menu_result(menu, &s, &r, &o);
	CHECK(strstr(o.text, "9 Lagi") == NULL);
	menu_input(menu, &s, "0", &o);		/* previous page */
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.page, 0);
	result(&r, ACT_OK, "my.ok");
	add_row(&r, "P1", "Keripik", "Rp15.000");
	add_row(&r, "P2", "Gula aren", "Rp25.000");
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "5", &o);		/* no such row: same page */
	CHECK_INT(o.kind, MENU_ACT);
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "2", &o);
	CHECK_STR(o.text, "Harga baru P2 Gula aren:\n0 Kembali");
	menu_input(menu, &s, "27.500", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_PRICE);
	CHECK_INT(o.act.code, 2);
	CHECK_INT(o.act.price_rp, 27500);
	CHECK(o.act.pin_ok);
	/* A refusal shows with a way back. */
	result(&r, ACT_NOT_YOURS, "com.not_yours");
	act_set(&r.reply, "code", "P2");
	menu_result(menu, &s, &r, &o);
	CHECK_INT(o.kind, MENU_CON);
	CHECK(strstr(o.text, "bukan milik Anda") != NULL);
	CHECK(strstr(o.text, "0 Kembali") != NULL);
	menu_input(menu, &s, "0", &o);
	CHECK(strncmp(o.text, "Harga baru", 10) == 0);
}

/* Walks to the buy confirmation screen: search, pick P17 at Rp15.000/bks,
 * quantity qty, then the note screen, answered with note. */
static void
buy_to_confirm(struct menu_state *s, struct menu_out *o, const char *lang,
    const char *qty, const char *note)
{
	struct act_result	r;

	menu_begin(menu, s, lang, o);
	menu_input(menu, s, "2", o);
	menu_input(menu, s, "keripik", o);
	result(&r, ACT_OK, "find.ok");
	add_row(&r, "P17", "Keripik", "Rp15.000/bks");
	menu_result(menu, s, &r, o);
	menu_input(menu, s, "1", o);
	menu_input(menu, s, qty, o);
	CHECK_INT(o->kind, MENU_CON);	/* the note: no order yet */
	menu_input(menu, s, note, o);
	/* The quote: the product looked up, nothing made. */
	CHECK_INT(o->kind, MENU_ACT);
	CHECK_INT(o->act.verb, VERB_INFO);
	CHECK_INT(o->act.code, 17);
	result(&r, ACT_OK, "info.ok");
	act_set(&r.reply, "code", "P17");
	act_set(&r.reply, "name", "Keripik");
	act_set(&r.reply, "price", "Rp15.000/bks");
	act_set(&r.reply, "stock", "12");
	act_set(&r.reply, "shop", "Warung Sri");
	/* as the store words it in the sender's language (INFO) */
	act_set(&r.reply, "shop_label", "%s Warung Sri",
	    strcmp(s->lang, "en") == 0 ? "Shop" : "Toko");
	act_set(&r.reply, "village", "Sukamaju");
	menu_result(menu, s, &r, o);
}

static void
test_buy(void)
{
	struct menu_state	s;
	struct menu_out		o;
	struct act_result	r;

	menu_begin(menu, &s, "en", &o);
	CHECK(strncmp(o.text, "Lapak\n1 Sell\n2 Buy", 18) == 0);
	menu_input(menu, &s, "2", &o);
	menu_input(menu, &s, "kripik", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_FIND);
	CHECK_STR(o.act.text, "kripik");
	result(&r, ACT_NO_MATCH, "find.none");
	act_set(&r.reply, "query", "kripik");
	menu_result(menu, &s, &r, &o);
	CHECK_STR(o.text, "No 'kripik' found. Try another word.\n0 Back");
	menu_input(menu, &s, "0", &o);
	CHECK(strncmp(o.text, "What are you", 12) == 0);
	menu_input(menu, &s, "keripik", &o);
	result(&r, ACT_OK, "find.ok");
	add_row(&r, "P17", "Keripik", "Rp15.000");
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "1", &o);
	CHECK_STR(o.text, "Keripik Rp15.000\nHow many?\n0 Back");
	menu_input(menu, &s, "0", &o);		/* quantity 0: back */
	CHECK_INT(o.kind, MENU_ACT);		/* the list again */
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "x", &o);
	CHECK(strncmp(o.text, "Quantity: a number", 18) == 0);
	/* The quantity asks for the optional note, not for an order. */
	menu_input(menu, &s, "2", &o);
	CHECK_INT(o.kind, MENU_CON);
	CHECK_STR(o.text, "A note for the seller (address etc.)?\n1 Skip\n0 Back");
	CHECK(fits(o.text));
	menu_input(menu, &s, "0", &o);		/* back to the quantity */
	CHECK(strncmp(o.text, "Keripik Rp15.000\nHow many?", 26) == 0);

	/* Back on the confirm screen: nothing was made, so nothing is
	 * left (issue 9 point 7): no buy ran, and back is just a screen. */
	buy_to_confirm(&s, &o, "en", "2", "1");
	CHECK_INT(o.kind, MENU_CON);
	CHECK_STR(o.text, "Keripik x2 = Rp30.000\nShop Warung Sri. Order?\n"
	    "1 Yes\n2 Cancel\n0 Back");
	menu_input(menu, &s, "3", &o);
	CHECK(strncmp(o.text, "No such choice.", 15) == 0);
	menu_input(menu, &s, "0", &o);
	CHECK_INT(o.kind, MENU_CON);
	CHECK(strncmp(o.text, "A note for the seller", 21) == 0);
	/* A note this time: quoted again, then confirmed. */
	menu_input(menu, &s, "Jl. Mawar 3, rumah biru", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_INFO);
	result(&r, ACT_OK, "info.ok");
	act_set(&r.reply, "name", "Keripik");
	act_set(&r.reply, "price", "Rp15.000/bks");
	act_set(&r.reply, "shop", "Warung Sri");
	menu_result(menu, &s, &r, &o);
	CHECK(strncmp(o.text, "Keripik x2 = Rp30.000", 21) == 0);
	/* 1 Yes: only now the order is made, with the note, and confirmed
	 * with its code in the same step. */
	menu_input(menu, &s, "1", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_BUY);
	CHECK_INT(o.act.code, 17);
	CHECK_INT(o.act.qty, 2);
	CHECK_STR(o.act.text, "Jl. Mawar 3, rumah biru");
	result(&r, ACT_OK, "buy.ok");
	act_set(&r.reply, "order", "O5");
	act_set(&r.reply, "item", "Keripik");
	act_set(&r.reply, "qty", "2");
	act_set(&r.reply, "total", "Rp30.000");
	act_set(&r.reply, "shop", "Warung Sri");
	act_set(&r.reply, "confirm", "4821");
	menu_result(menu, &s, &r, &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_CONFIRM);
	CHECK_INT(o.act.confirm_code, 4821);
	result(&r, ACT_OK, "confirm.ok");
	act_set(&r.reply, "order", "O5");
	act_set(&r.reply, "shop", "Warung Sri");
	menu_result(menu, &s, &r, &o);
	CHECK_INT(o.kind, MENU_END);
	CHECK(o.receipt);
	CHECK(strstr(o.receipt_text, "O5") != NULL);
	CHECK(strstr(o.text, "O5") != NULL);

	/* 2 Cancel on the confirm screen: the end, nothing to cancel. */
	buy_to_confirm(&s, &o, "en", "3", "");
	CHECK(strncmp(o.text, "Keripik x3 = Rp45.000", 21) == 0);
	menu_input(menu, &s, "2", &o);
	CHECK_INT(o.kind, MENU_END);
	CHECK_STR(o.text, "Cancelled. No order was made.");
	/* Skipped with "#": the order's note is empty. */
	buy_to_confirm(&s, &o, "id", "1", "#");
	CHECK_STR(o.text, "Keripik x1 = Rp15.000\nToko Warung Sri. Pesan?\n"
	    "1 Ya\n2 Batal\n0 Kembali");
	menu_input(menu, &s, "1", &o);
	CHECK_INT(o.act.verb, VERB_BUY);
	CHECK_STR(o.act.text, "");
	/* A refused buy (no stock) shows why; no confirm follows. */
	result(&r, ACT_NO_STOCK, "buy.no_stock");
	act_set(&r.reply, "code", "P17");
	act_set(&r.reply, "name", "Keripik");
	act_set(&r.reply, "available", "0");
	menu_result(menu, &s, &r, &o);
	CHECK_INT(o.kind, MENU_CON);
	CHECK(strstr(o.text, "tidak cukup") != NULL);
	CHECK(strstr(o.text, "0 Kembali") != NULL);
	/* In Indonesian: the note screen, and 2 Batal. */
	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "2", &o);
	menu_input(menu, &s, "keripik", &o);
	result(&r, ACT_OK, "find.ok");
	add_row(&r, "P17", "Keripik", "Rp15.000");
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "2", &o);
	CHECK_STR(o.text, "Catatan utk penjual (alamat dll)?\n1 Lewati\n"
	    "0 Kembali");
	menu_input(menu, &s, "x", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_STR(o.act.text, "");		/* the quote carries no note */
	result(&r, ACT_OK, "info.ok");
	act_set(&r.reply, "name", "Keripik");
	act_set(&r.reply, "price", "Rp1.500.000");
	act_set(&r.reply, "shop", "Warung Sri");
	menu_result(menu, &s, &r, &o);
	CHECK(strncmp(o.text, "Keripik x2 = Rp3.000.000\n", 25) == 0);
	menu_input(menu, &s, "2", &o);
	CHECK_STR(o.text, "Tidak jadi. Tidak ada pesanan dibuat.");
	/* A product gone since the list: said on the quote. */
	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "2", &o);
	menu_input(menu, &s, "keripik", &o);
	result(&r, ACT_OK, "find.ok");
	add_row(&r, "P17", "Keripik", "Rp15.000");
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "2", &o);
	menu_input(menu, &s, "1", &o);
	result(&r, ACT_NOT_FOUND, "com.not_found");
	act_set(&r.reply, "code", "P17");
	menu_result(menu, &s, &r, &o);
	CHECK(strncmp(o.text, "P17 tidak ditemukan", 19) == 0);
	menu_input(menu, &s, "0", &o);
	CHECK(strncmp(o.text, "Catatan utk penjual", 19) == 0);
}

/* Issue 9 point 11: a number that is not a seller choosing Jual > Tambah
 * barang is told at once, before name, price and stock. */
static void
test_seller_gate(void)
{
	static const struct {
		const char	*lang, *menu, *want;
	} cases[] = {
		{ "id", "Menu penjual", "Nomor ini belum terdaftar sbg penjual."
		    " Pilih Jual > 6 Daftar toko.\n0 Kembali" },
		{ "en", "Seller menu", "This number is not a seller yet. Choose"
		    " Sell > 6 Register shop.\n0 Back" },
	};
	struct menu_state	s;
	struct menu_out		o;
	struct act_result	r;
	size_t			i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		menu_begin(menu, &s, cases[i].lang, &o);
		menu_input(menu, &s, "1", &o);
		CHECK(strncmp(o.text, cases[i].menu, strlen(cases[i].menu)) ==
		    0);
		menu_input(menu, &s, "1", &o);
		CHECK_INT(o.kind, MENU_ACT);
		CHECK_INT(o.act.verb, VERB_MY_PRODUCTS);
		CHECK(o.act.ussd);
		result(&r, ACT_NOT_REGISTERED, "com.not_registered");
		menu_result(menu, &s, &r, &o);
		CHECK_INT(o.kind, MENU_CON);
		CHECK_STR(o.text, cases[i].want);
		CHECK(!s.seller_ok);
		/* 0: back to the seller menu, where 6 registers. */
		menu_input(menu, &s, "0", &o);
		CHECK(strncmp(o.text, cases[i].menu, strlen(cases[i].menu)) ==
		    0);
		menu_input(menu, &s, "6", &o);
		CHECK_INT(o.kind, MENU_CON);	/* registering needs no check */
		/* Incoming orders: the same check, before the list. */
		menu_input(menu, &s, "0", &o);
		menu_input(menu, &s, "5", &o);
		CHECK_INT(o.kind, MENU_ACT);
		CHECK_INT(o.act.verb, VERB_MY_PRODUCTS);
		menu_result(menu, &s, &r, &o);
		CHECK_STR(o.text, cases[i].want);
	}
	/* A seller with a PIN: asked before the product name, once. */
	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "1", &o);
	result(&r, ACT_PIN_REQUIRED, "com.pin_required");
	menu_result(menu, &s, &r, &o);
	CHECK_STR(o.text, "Masukkan PIN penjual:\n0 Kembali");
	CHECK(menu_wants_secret(menu, &s));
	menu_input(menu, &s, "4821", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_MY_PRODUCTS);
	CHECK_STR(o.act.pin, "4821");
	result(&r, ACT_OK, "my.ok");
	menu_result(menu, &s, &r, &o);
	CHECK(strncmp(o.text, "Nama barang:", 12) == 0);
	CHECK(s.pin_ok);
	menu_input(menu, &s, "Teh", &o);
	menu_input(menu, &s, "5rb", &o);
	menu_input(menu, &s, "4", &o);
	CHECK_INT(o.act.verb, VERB_SELL);
	CHECK(o.act.pin_ok);
	CHECK_STR(o.act.pin, "");
}

static void
order_rows(struct act_result *r, const char *st1, const char *st2)
{
	struct act_row	*row;

	result(r, ACT_OK, "orders.ok");
	row = &r->reply.rows[r->reply.nrows++];
	act_row_set(row, "order", "O1");
	act_row_set(row, "item", "Keripik");
	act_row_set(row, "qty", "2");
	act_row_set(row, "state", "%s", st1);
	row = &r->reply.rows[r->reply.nrows++];
	act_row_set(row, "order", "O2");
	act_row_set(row, "item", "Gula aren");
	act_row_set(row, "qty", "1");
	act_row_set(row, "state", "%s", st2);
}

/* Issue 9 point 6: the seller's order menu asks the PIN once per session,
 * before anything (so before a reject's reason), and goes back to the
 * list after each order. */
static void
test_orders_pin_once(void)
{
	static const char *const langs[] = { "id", "en" };
	static const char *const want_reason[] = {
		"Alasan menolak O2? (dikirim ke pembeli)\n1 Lewati\n0 Kembali",
		"Why reject O2? (sent to the buyer)\n1 Skip\n0 Back",
	};
	struct menu_state	s;
	struct menu_out		o;
	struct act_result	r;
	size_t			i;

	for (i = 0; i < 2; i++) {
		menu_begin(menu, &s, langs[i], &o);
		menu_input(menu, &s, "1", &o);
		menu_input(menu, &s, "5", &o);
		/* The PIN first, before the list. */
		CHECK_INT(o.kind, MENU_ACT);
		CHECK_INT(o.act.verb, VERB_MY_PRODUCTS);
		result(&r, ACT_PIN_REQUIRED, "com.pin_required");
		menu_result(menu, &s, &r, &o);
		CHECK(strstr(o.text, "PIN") != NULL);
		menu_input(menu, &s, "222222", &o);
		CHECK_STR(o.act.pin, "222222");
		result(&r, ACT_OK, "my.ok");
		menu_result(menu, &s, &r, &o);
		CHECK_INT(o.kind, MENU_ACT);
		CHECK_INT(o.act.verb, VERB_ORDERS);
		CHECK(o.act.pin_ok);
		order_rows(&r, "confirmed", "confirmed");
		menu_result(menu, &s, &r, &o);
		CHECK(strstr(o.text, "\n2 O2 Gula aren x1 confirmed") != NULL);
		/* Reject O2: the reason is asked after the PIN, never before. */
		menu_input(menu, &s, "2", &o);
		menu_input(menu, &s, "2", &o);
		CHECK_INT(o.kind, MENU_CON);
		CHECK_STR(o.text, want_reason[i]);
		CHECK(!menu_wants_secret(menu, &s));
		menu_input(menu, &s, "stok habis", &o);
		CHECK_INT(o.kind, MENU_ACT);
		CHECK_INT(o.act.verb, VERB_REJECT);
		CHECK_INT(o.act.code, 2);
		CHECK_STR(o.act.text, "stok habis");
		CHECK(o.act.pin_ok);
		CHECK_STR(o.act.pin, "");
		result(&r, ACT_OK, "reject.ok");
		act_set(&r.reply, "order", "O2");
		menu_result(menu, &s, &r, &o);
		/* The list again, the outcome on top, no PIN. */
		CHECK_INT(o.kind, MENU_ACT);
		CHECK_INT(o.act.verb, VERB_ORDERS);
		order_rows(&r, "confirmed", "rejected");
		menu_result(menu, &s, &r, &o);
		CHECK_INT(o.kind, MENU_CON);
		CHECK(strstr(o.text, "O2") == o.text + (i == 0 ?
		    strlen("Pesanan ") : strlen("Order ")));
		CHECK(strstr(o.text, i == 0 ? "\nPesanan:\n1 O1" :
		    "\nOrders:\n1 O1") != NULL);
		CHECK(fits(o.text));
		/* Accept O1 in the same session: no PIN again. */
		menu_input(menu, &s, "1", &o);
		menu_input(menu, &s, "1", &o);
		CHECK_INT(o.kind, MENU_ACT);
		CHECK_INT(o.act.verb, VERB_ACCEPT);
		CHECK_INT(o.act.code, 1);
		CHECK(o.act.pin_ok);
		result(&r, ACT_OK, "accept.ok");
		act_set(&r.reply, "order", "O1");
		act_set(&r.reply, "buyer", "+6281200000002");
		menu_result(menu, &s, &r, &o);
		order_rows(&r, "accepted", "rejected");
		menu_result(menu, &s, &r, &o);
		CHECK(strstr(o.text, "+6281200000002") != NULL);
		/* 0 on the list goes to the seller menu, not to the reason. */
		menu_input(menu, &s, "0", &o);
		CHECK(strncmp(o.text, i == 0 ? "Menu penjual\n" :
		    "Seller menu\n", i == 0 ? 13 : 12) == 0);
		/* Back in: no check, no PIN. */
		menu_input(menu, &s, "5", &o);
		CHECK_INT(o.act.verb, VERB_ORDERS);
		/* Skipping the reason sends none. */
		order_rows(&r, "accepted", "confirmed");
		menu_result(menu, &s, &r, &o);
		menu_input(menu, &s, "2", &o);
		menu_input(menu, &s, "2", &o);
		menu_input(menu, &s, "1", &o);
		CHECK_INT(o.act.verb, VERB_REJECT);
		CHECK_STR(o.act.text, "");
	}
	/* A PIN that passed counts even when the action is refused for
	 * another reason: registering (a seller action outside the order
	 * menu) is refused, the next action asks no PIN. */
	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "6", &o);
	menu_input(menu, &s, "Warung Sri", &o);
	menu_input(menu, &s, "Sukamaju", &o);
	menu_input(menu, &s, "#", &o);		/* no district */
	CHECK_INT(o.act.verb, VERB_REGISTER);
	CHECK_STR(o.act.district, "");
	result(&r, ACT_PIN_REQUIRED, "com.pin_required");
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "4821", &o);
	CHECK_STR(o.act.pin, "4821");
	result(&r, ACT_INVALID, "com.error");
	menu_result(menu, &s, &r, &o);
	CHECK(s.pin_ok);
	menu_input(menu, &s, "0", &o);
	menu_input(menu, &s, "Tayu", &o);	/* the district, this time */
	CHECK_INT(o.act.verb, VERB_REGISTER);
	CHECK_STR(o.act.village, "Sukamaju");
	CHECK_STR(o.act.district, "Tayu");
	CHECK(o.act.pin_ok);
	/* The shop's village (programme.md section 1): a number answers
	 * DAFTAR's list, a name places the seller, with its district. */
	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "7", &o);
	menu_input(menu, &s, "2", &o);
	menu_input(menu, &s, "#", &o);
	CHECK_INT(o.act.verb, VERB_VILLAGE);
	CHECK_INT(o.act.choice, 2);
	CHECK_STR(o.act.village, "");
	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "7", &o);
	menu_input(menu, &s, "Tlogorejo", &o);
	menu_input(menu, &s, "Jakenan", &o);
	CHECK_INT(o.act.verb, VERB_VILLAGE);
	CHECK_INT(o.act.choice, 0);
	CHECK_STR(o.act.village, "Tlogorejo");
	CHECK_STR(o.act.district, "Jakenan");
	/* A wrong PIN does not. */
	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "5", &o);
	result(&r, ACT_PIN_REQUIRED, "com.pin_required");
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "1111", &o);
	result(&r, ACT_PIN_WRONG, "com.pin_wrong");
	act_set(&r.reply, "left", "4");
	menu_result(menu, &s, &r, &o);
	CHECK(!s.pin_ok);
	CHECK(!s.seller_ok);
	CHECK(menu_wants_secret(menu, &s));
}

static void
test_cancel_and_lang(void)
{
	struct menu_state	s;
	struct menu_out		o;
	struct act_result	r;

	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "5", &o);
	menu_input(menu, &s, "2", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_LANGUAGE);
	CHECK_STR(o.act.lang, "en");
	result(&r, ACT_OK, "lang.ok");
	act_set(&r.reply, "lang", "English");
	menu_result(menu, &s, &r, &o);
	CHECK_STR(s.lang, "en");
	CHECK_INT(o.kind, MENU_END);
	/* 2 Batal on the buy confirmation cancels the pending order. */
	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "3", &o);
	result(&r, ACT_OK, "orders.ok");
	{
		struct act_row *row = &r.reply.rows[r.reply.nrows++];

		act_row_set(row, "order", "O7");
		act_row_set(row, "item", "Teh");
		act_row_set(row, "qty", "1");
		act_row_set(row, "state", "pending");
		act_row_set(row, "role", "beli");
	}
	menu_result(menu, &s, &r, &o);
	CHECK(strstr(o.text, "1 O7 Teh x1 pending") != NULL);
	menu_input(menu, &s, "1", &o);
	CHECK(strncmp(o.text, "O7 Teh x1 pending", 17) == 0);
	menu_input(menu, &s, "2", &o);
	CHECK_STR(o.text, "Batalkan O7?\n1 Ya\n2 Batal\n0 Kembali");
	menu_input(menu, &s, "1", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_CANCEL);
	CHECK_INT(o.act.code, 7);
}

static void
test_fit(void)
{
	char	buf[600];
	bool	gsm;
	int	i;

	for (i = 0; i < 50; i++)
		memcpy(buf + i * 4, "ab{}", 4);
	buf[200] = '\0';
	CHECK_INT(menu_screen_len(buf, &gsm), 300);	/* { } count twice */
	CHECK(gsm);
	menu_fit(buf);
	CHECK(menu_screen_len(buf, NULL) <= MENU_GSM_MAX);
	CHECK(strcmp(buf + strlen(buf) - 2, "..") == 0);
	snprintf(buf, sizeof(buf), "%s", "Лапак ");
	for (i = 0; i < 20; i++)
		strcat(buf, "рынок ");
	menu_fit(buf);
	CHECK_INT(menu_screen_len(buf, &gsm), MENU_UCS2_MAX);
	CHECK(!gsm);
}

struct finding {
	int	n;
	int	line;
	char	what[512];
};

static void
first_finding(void *arg, const char *file, int line, const char *what)
{
	struct finding	*f = arg;

	(void)file;
	if (f->n++ == 0) {
		f->line = line;
		snprintf(f->what, sizeof(f->what), "%s", what);
	}
}

static void
test_bad_menus(void)
{
	static const char *const names[] = {
		"bad-unknown-screen", "bad-unreachable", "bad-translation",
		"bad-action", "bad-validator", "bad-long", "bad-ucs2",
		"bad-optional", "bad-show",
	};
	struct templates	*bt = NULL;
	struct finding		 f;
	struct menu_def		*d;
	char			 path[512], err[2048], want[512], *colon;
	size_t			 i;
	FILE			*fp;
	int			 line;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), LAPAK_DATADIR "/tests/menus/%s.cfg",
		    names[i]);
		/* The first line says: # expect: LINE: what */
		CHECK((fp = fopen(path, "r")) != NULL);
		if (fp == NULL)
			continue;
		CHECK(fgets(want, sizeof(want), fp) != NULL);
		fclose(fp);
		want[strcspn(want, "\n")] = '\0';
		line = atoi(want + strlen("# expect: "));
		colon = strchr(want + strlen("# expect: "), ':');
		CHECK(menu_def_load(path, &d, err, sizeof(err)) == 0);
		if (d == NULL)
			continue;
		memset(&f, 0, sizeof(f));
		CHECK_INT(menu_lint(d, NULL, first_finding, &f), 1);
		CHECK_INT(f.line, line);
		CHECK(colon != NULL && strncmp(f.what, colon + 2,
		    strlen(colon + 2)) == 0);
		CHECK(menu_new(d, NULL, err, sizeof(err)) == NULL);
		CHECK(strstr(err, names[i]) != NULL);
		menu_def_free(d);
	}
	/* seller, optional, show, receipt: true or false, else a load
	 * error with its line. */
	CHECK(menu_def_load(LAPAK_DATADIR "/tests/menus/bad-seller-type.cfg", &d,
	    err, sizeof(err)) == -1);
	CHECK(strstr(err, "bad-seller-type.cfg:7: seller: must be true or "
	    "false") != NULL);
	/* A syntax error is a load error, with its line. */
	CHECK(menu_def_load(LAPAK_DATADIR "/tests/menus/bad-syntax.cfg", &d, err,
	    sizeof(err)) == -1);
	CHECK(strstr(err, "bad-syntax.cfg:7: syntax error") != NULL);
	/* A template outside GSM 03.38. */
	CHECK(templates_load(LAPAK_DATADIR "/tests/menus/bad-template", "id",
	    &bt, err, sizeof(err)) == 0);
	memset(&f, 0, sizeof(f));
	CHECK_INT(menu_lint(def, bt, first_finding, &f), 1);
	CHECK_INT(f.line, 3);
	CHECK(strncmp(f.what, "template sell.ok (id) forces UCS-2", 34) == 0);
	templates_free(bt);
}

/* A BINAAN row as the core gives it (cx_my_sellers). */
static void
seller_row(struct act_result *r, const char *msisdn, const char *shop,
    const char *products)
{
	struct act_row	*row = &r->reply.rows[r->reply.nrows++];

	act_row_set(row, "number", "*%s", msisdn + strlen(msisdn) - 4);
	act_row_set(row, "shop", "%s", shop);
	act_row_set(row, "products", "%s", products);
	act_row_set(row, "done", "0");
	act_row_set(row, "seller", "%s", msisdn);
}

/* Main menu 6: the assistant's submenu; BINAAN as a list only to read
 * (rows not numbered, nothing to pick, 9/0 paging); LAPORAN as the
 * assistant's own action, never on behalf of a seller picked earlier. */
static void
test_assistant(void)
{
	struct menu_state	s;
	struct menu_out		o;
	struct act_result	r;

	menu_begin(menu, &s, "en", &o);
	menu_input(menu, &s, "6", &o);
	CHECK_INT(o.kind, MENU_CON);
	CHECK_STR(o.text, "Digital assistant\n1 Act for a seller\n"
	    "2 Sellers you assist\n3 This month's report\n0 Back");
	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "6", &o);
	CHECK_STR(o.text, "Asisten digital\n1 Urus penjual\n"
	    "2 Penjual binaan\n3 Laporan bulan ini\n0 Kembali");
	/* BINAAN */
	menu_input(menu, &s, "2", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_MY_SELLERS);
	CHECK_INT(o.act.page, 0);
	CHECK_STR(o.act.target, "");
	result(&r, ACT_OK, "mysellers.ok");
	seller_row(&r, "+6281200000001", "Warung Sri", "3");
	seller_row(&r, "+6281200000010", "-", "0");
	r.reply.more = true;
	menu_result(menu, &s, &r, &o);
	CHECK_INT(o.kind, MENU_CON);
	CHECK(fits(o.text));
	CHECK_STR(o.text, "Penjual binaan (selesai bln ini):\n"
	    "*0001 Warung Sri 3 produk 0 selesai\n*0010 - 0 produk 0 selesai\n"
	    "9 Lagi\n0 Kembali");
	menu_input(menu, &s, "1", &o);		/* nothing to pick: same page */
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_MY_SELLERS);
	CHECK_INT(o.act.page, 0);
	menu_result(menu, &s, &r, &o);
	CHECK_STR(s.screen, "binaan_daftar");
	menu_input(menu, &s, "9", &o);		/* next page */
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.page, 1);
	result(&r, ACT_OK, "mysellers.ok");
	seller_row(&r, "+6281200000011", "Toko Baru", "1");
	menu_result(menu, &s, &r, &o);
	CHECK_STR(o.text, "Penjual binaan (selesai bln ini):\n"
	    "*0011 Toko Baru 1 produk 0 selesai\n0 Kembali");
	menu_input(menu, &s, "0", &o);		/* previous page */
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.page, 0);
	result(&r, ACT_OK, "mysellers.empty");
	menu_result(menu, &s, &r, &o);
	CHECK(strncmp(o.text, "Belum ada penjual binaan.", 25) == 0);
	menu_input(menu, &s, "0", &o);		/* back to the submenu */
	CHECK(strncmp(o.text, "Asisten digital\n", 16) == 0);
	/* LAPORAN: its reply is the last screen. */
	menu_input(menu, &s, "3", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_REPORT);
	CHECK_STR(o.act.target, "");
	CHECK_STR(o.as, "");
	CHECK(o.act.ussd);
	result(&r, ACT_OK, "report.ok");
	act_set(&r.reply, "linked", "2");
	act_set(&r.reply, "new", "1");
	act_set(&r.reply, "products", "4");
	act_set(&r.reply, "updates", "3");
	act_set(&r.reply, "orders", "1");
	act_set(&r.reply, "value", "Rp30.000");
	menu_result(menu, &s, &r, &o);
	CHECK_INT(o.kind, MENU_END);
	CHECK(fits(o.text));
	CHECK_STR(o.text, "Laporan bulan ini: binaan 2 (baru 1), produk "
	    "diunggah 4, ubah harga/stok 3, pesanan selesai 1 senilai Rp30.000");

	/* After acting for a seller, back to the submenu: LAPORAN is the
	 * assistant's own again (no UNTUK). */
	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "6", &o);
	menu_input(menu, &s, "1", &o);
	CHECK_INT(o.act.verb, VERB_MY_SELLERS);
	result(&r, ACT_OK, "mysellers.ok");
	seller_row(&r, "+6281200000001", "Warung Sri", "3");
	menu_result(menu, &s, &r, &o);
	CHECK(strstr(o.text, "\n1 *0001 Warung Sri") != NULL);	/* numbered */
	menu_input(menu, &s, "1", &o);
	CHECK(strncmp(o.text, "Menu penjual", 12) == 0);
	menu_input(menu, &s, "4", &o);		/* my products, as the seller */
	CHECK_INT(o.act.verb, VERB_MY_PRODUCTS);
	CHECK_STR(o.as, "+6281200000001");	/* run as UNTUK */
	CHECK_STR(o.act.target, "");
	result(&r, ACT_OK, "my.empty");
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "0", &o);		/* seller menu */
	menu_input(menu, &s, "0", &o);		/* the sellers again */
	CHECK_INT(o.act.verb, VERB_MY_SELLERS);
	result(&r, ACT_OK, "mysellers.ok");
	seller_row(&r, "+6281200000001", "Warung Sri", "3");
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "0", &o);
	CHECK(strncmp(o.text, "Asisten digital\n", 16) == 0);
	menu_input(menu, &s, "3", &o);
	CHECK_INT(o.act.verb, VERB_REPORT);
	CHECK_STR(o.act.target, "");
	CHECK_STR(o.as, "");

	/* Not an assistant: told so, with a way back, for both. */
	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "6", &o);
	menu_input(menu, &s, "2", &o);
	result(&r, ACT_NOT_AGENT, "agent.only");
	menu_result(menu, &s, &r, &o);
	CHECK_INT(o.kind, MENU_CON);
	CHECK(strncmp(o.text, "Perintah ini hanya untuk asisten digital "
	    "terdaftar.", 51) == 0);
	CHECK(strstr(o.text, "\n0 Kembali") != NULL);
	menu_input(menu, &s, "0", &o);
	CHECK(strncmp(o.text, "Asisten digital\n", 16) == 0);
	menu_input(menu, &s, "3", &o);
	CHECK_INT(o.act.verb, VERB_REPORT);
	result(&r, ACT_INVALID, "report.not_agent");
	menu_result(menu, &s, &r, &o);
	CHECK(strncmp(o.text, "LAPORAN hanya untuk asisten digital", 35) == 0);
	CHECK(strstr(o.text, "\n0 Kembali") != NULL);
}

/* issue 13, payment records: the seller's order menu records a payment
 * (programme.md section 7): the method from a numbered list, a reference
 * that may be skipped (none asked for cash), the paid action with order,
 * method and ref, then the list again; a reference from an earlier order
 * is not carried over to cash. */
static void
test_paid(void)
{
	static const char *const langs[] = { "id", "en" };
	static const char *const want_methods[] = {
		"Dibayar dengan apa O2?\n1 Tunai\n2 OVO\n3 GoPay\n4 DANA\n"
		"5 ShopeePay\n6 Transfer bank\n0 Kembali",
		"How was O2 paid?\n1 Cash\n2 OVO\n3 GoPay\n4 DANA\n"
		"5 ShopeePay\n6 Bank transfer\n0 Back",
	};
	struct menu_state	s;
	struct menu_out		o;
	struct act_result	r;
	size_t			i;

	for (i = 0; i < 2; i++) {
		menu_begin(menu, &s, langs[i], &o);
		menu_input(menu, &s, "1", &o);
		menu_input(menu, &s, "5", &o);
		result(&r, ACT_OK, "my.ok");		/* the seller check */
		menu_result(menu, &s, &r, &o);
		CHECK_INT(o.act.verb, VERB_ORDERS);
		order_rows(&r, "accepted", "confirmed");
		menu_result(menu, &s, &r, &o);
		menu_input(menu, &s, "2", &o);		/* O2 */
		CHECK(strstr(o.text, i == 0 ? "\n4 Catat bayar\n" :
		    "\n4 Record payment\n") != NULL);
		menu_input(menu, &s, "4", &o);
		CHECK_INT(o.kind, MENU_CON);
		CHECK_STR(o.text, want_methods[i]);
		CHECK(fits(o.text));
		menu_input(menu, &s, "7", &o);		/* no such method */
		CHECK(strstr(o.text, i == 0 ? "Pilihan tidak ada" :
		    "No such choice") != NULL);
		menu_input(menu, &s, "3", &o);		/* GoPay */
		CHECK_INT(o.kind, MENU_CON);
		CHECK(strncmp(o.text, i == 0 ? "No. referensi GoPay" :
		    "GoPay reference", i == 0 ? 19 : 15) == 0);
		menu_input(menu, &s, "GP-777", &o);
		CHECK_INT(o.kind, MENU_ACT);
		CHECK_INT(o.act.verb, VERB_PAID);
		CHECK_INT(o.act.code, 2);
		CHECK_INT(o.act.pay_method, PAY_GOPAY);
		CHECK_STR(o.act.pay_ref, "GP-777");
		CHECK(!o.act.pay_ref_long);
		result(&r, ACT_OK, "paid.ok");
		act_set(&r.reply, "order", "O2");
		act_set(&r.reply, "total", "Rp15.000");
		act_set(&r.reply, "paid", "GOPAY ref GP-777");
		menu_result(menu, &s, &r, &o);
		CHECK_INT(o.act.verb, VERB_ORDERS);	/* the list again */
		order_rows(&r, "accepted", "confirmed");
		menu_result(menu, &s, &r, &o);
		CHECK(strstr(o.text, "GOPAY ref GP-777") != NULL);
		CHECK(fits(o.text));
		/* Cash for O1: straight to the action, no reference. */
		menu_input(menu, &s, "1", &o);
		menu_input(menu, &s, "4", &o);
		menu_input(menu, &s, "1", &o);
		CHECK_INT(o.kind, MENU_ACT);
		CHECK_INT(o.act.verb, VERB_PAID);
		CHECK_INT(o.act.code, 1);
		CHECK_INT(o.act.pay_method, PAY_CASH);
		CHECK_STR(o.act.pay_ref, "");
		result(&r, ACT_OK, "paid.ok");
		menu_result(menu, &s, &r, &o);
		order_rows(&r, "accepted", "confirmed");
		menu_result(menu, &s, &r, &o);
		/* A skipped reference is none; one too long is flagged. */
		menu_input(menu, &s, "1", &o);
		menu_input(menu, &s, "4", &o);
		menu_input(menu, &s, "6", &o);
		menu_input(menu, &s, "1", &o);		/* skip */
		CHECK_INT(o.act.pay_method, PAY_TRANSFER);
		CHECK_STR(o.act.pay_ref, "");
		result(&r, ACT_OK, "paid.ok");
		menu_result(menu, &s, &r, &o);
		order_rows(&r, "accepted", "confirmed");
		menu_result(menu, &s, &r, &o);
		menu_input(menu, &s, "1", &o);
		menu_input(menu, &s, "4", &o);
		menu_input(menu, &s, "2", &o);
		menu_input(menu, &s, "1234567890123456789012345678901234567",
		    &o);
		CHECK_INT(o.act.verb, VERB_PAID);
		CHECK(o.act.pay_ref_long);
	}
}
/* couriers, USSD: the action a screen built is the one the SMS parser
 * builds for the same words (verb, order, courier, code, reason). */
static void
same_as_sms(const struct action *a, const char *sms)
{
	static struct conf	 cf;
	struct cmd_table	*t;
	struct action		 p;
	struct cmd_error	 e;

	snprintf(cf.country_code, sizeof(cf.country_code), "62");
	t = cmd_table_new(&cf);
	CHECK_INT(cmd_parse(t, sms, &p, &e), CMD_OK);
	CHECK_INT(a->verb, p.verb);
	CHECK_INT(a->code, p.code);
	CHECK_STR(a->target, p.target);
	CHECK_INT(a->confirm_code, p.confirm_code);
	CHECK_STR(a->text, p.text);
	CHECK_INT(a->is_order, p.is_order);
	CHECK(a->ussd);
	cmd_table_free(t);
}

static void
job_rows(struct act_result *r)
{
	struct act_row	*row;

	result(r, ACT_OK, "jobs.ok");
	act_set(&r->reply, "name", "Budi");
	row = &r->reply.rows[r->reply.nrows++];
	act_row_set(row, "order", "O1");
	act_row_set(row, "item", "Keripik");
	act_row_set(row, "qty", "2");
	act_row_set(row, "state", "diserahkan");
	act_row_set(row, "collect", "Rp35.000");
	row = &r->reply.rows[r->reply.nrows++];
	act_row_set(row, "order", "O7");
	act_row_set(row, "item", "Gula aren");
	act_row_set(row, "qty", "1");
	act_row_set(row, "state", "dikirim");
	act_row_set(row, "collect", "Rp0");
}

/* Into the seller's order menu (PIN none) with O2 picked. */
static void
seller_order(struct menu_state *s, struct menu_out *o, const char *lang)
{
	struct act_result	r;

	menu_begin(menu, s, lang, o);
	menu_input(menu, s, "1", o);
	menu_input(menu, s, "5", o);
	CHECK_INT(o->act.verb, VERB_MY_PRODUCTS);	/* the seller gate */
	result(&r, ACT_OK, "my.ok");
	menu_result(menu, s, &r, o);
	CHECK_INT(o->act.verb, VERB_ORDERS);
	CHECK(!o->act.jobs);
	order_rows(&r, "accepted", "accepted");
	menu_result(menu, s, &r, o);
	menu_input(menu, s, "2", o);
	CHECK_INT(o->kind, MENU_CON);
	CHECK(fits(o->text));
}

/* programme.md section 7: "send with courier" and "delivery failed" in
 * the seller's order menu: KURIR with the next free courier or a number
 * (confirmed on screen), GAGAL with an optional reason (confirmed). */
static void
test_courier_seller(void)
{
	struct menu_state	s;
	struct menu_out		o;
	struct act_result	r;

	seller_order(&s, &o, "id");
	CHECK(strstr(o.text, "\n5 Kirim lewat kurir\n6 Gagal antar\n"
	    "0 Kembali") != NULL);
	/* next free courier */
	menu_input(menu, &s, "5", &o);
	CHECK_STR(o.text, "Kurir utk O2 Gula aren x1:\n1 Kurir siap berikutnya\n"
	    "2 Kurir pilihan (nomor HP)\n0 Kembali");
	menu_input(menu, &s, "1", &o);
	CHECK_STR(o.text, "Serahkan O2 ke kurir siap berikutnya di "
	    "desa/kecamatan Anda?\n1 Ya\n2 Batal\n0 Kembali");
	menu_input(menu, &s, "2", &o);		/* Batal: the list, no action */
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_ORDERS);
	order_rows(&r, "accepted", "accepted");
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "2", &o);
	menu_input(menu, &s, "5", &o);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "1", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_COURIER);
	CHECK_STR(o.as, "");
	same_as_sms(&o.act, "KURIR O2");
	result(&r, ACT_OK, "assign.ok");
	act_set(&r.reply, "order", "O2");
	act_set(&r.reply, "name", "Budi");
	act_set(&r.reply, "courier", "+6281300000001");
	act_set(&r.reply, "fee", "Rp5.000");
	menu_result(menu, &s, &r, &o);
	CHECK_INT(o.kind, MENU_ACT);		/* the list again */
	CHECK_INT(o.act.verb, VERB_ORDERS);
	order_rows(&r, "accepted", "diserahkan");
	menu_result(menu, &s, &r, &o);
	CHECK(strncmp(o.text, "O2 diserahkan ke kurir Budi (+6281300000001), "
	    "ongkir Rp5.000.\nPesanan:\n1 O1", 62) == 0);
	CHECK(fits(o.text));
	/* none free: said with a way back, in the menus' words */
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "5", &o);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "1", &o);
	CHECK_INT(o.act.code, 1);
	result(&r, ACT_REFUSED, "assign.none_free");
	act_set(&r.reply, "order", "O1");
	menu_result(menu, &s, &r, &o);
	CHECK_STR(o.text, "Tidak ada kurir yg siap di desa/kecamatan Anda "
	    "sekarang. Coba lagi nanti, atau pilih kurir dgn nomornya.\n"
	    "0 Kembali");
	menu_input(menu, &s, "0", &o);
	CHECK(strncmp(o.text, "Serahkan O1 ke kurir siap", 25) == 0);

	/* a courier by number: validated, kept in E.164 as KURIR's */
	seller_order(&s, &o, "en");
	CHECK(strstr(o.text, "\n5 Send with courier\n6 Delivery failed\n"
	    "0 Back") != NULL);
	menu_input(menu, &s, "5", &o);
	menu_input(menu, &s, "2", &o);
	CHECK_STR(o.text, "The courier's phone number:\n0 Back");
	CHECK(!menu_wants_secret(menu, &s));
	menu_input(menu, &s, "budi", &o);
	CHECK_STR(o.text, "Not a phone number. E.g. 081234567890\n"
	    "The courier's phone number:\n0 Back");
	menu_input(menu, &s, "0812", &o);
	CHECK(strncmp(o.text, "Not a phone number.", 19) == 0);
	menu_input(menu, &s, "0813-0000-0001", &o);
	CHECK_STR(o.text, "Hand O2 to courier +6281300000001?\n1 Yes\n"
	    "2 Cancel\n0 Back");
	/* back, then next free: the number typed is not kept */
	menu_input(menu, &s, "0", &o);
	menu_input(menu, &s, "0", &o);
	CHECK(strncmp(o.text, "Courier for O2", 14) == 0);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "1", &o);
	CHECK_INT(o.act.verb, VERB_COURIER);
	CHECK_STR(o.act.target, "");
	same_as_sms(&o.act, "KURIR O2");
	result(&r, ACT_OK, "assign.ok");
	menu_result(menu, &s, &r, &o);
	order_rows(&r, "accepted", "assigned");
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "2", &o);
	menu_input(menu, &s, "5", &o);
	menu_input(menu, &s, "2", &o);
	menu_input(menu, &s, "+62 813 0000 0001", &o);
	menu_input(menu, &s, "1", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_STR(o.act.target, "+6281300000001");
	same_as_sms(&o.act, "KURIR O2 081300000001");
	same_as_sms(&o.act, "COURIER 2 +6281300000001");
	result(&r, ACT_REFUSED, "assign.not_courier");
	act_set(&r.reply, "courier", "+6281300000001");
	menu_result(menu, &s, &r, &o);
	CHECK_STR(o.text, "+6281300000001 is not an enrolled courier. "
	    "Choose Next free courier.\n0 Back");

	/* GAGAL by the seller: the reason, then confirmed */
	seller_order(&s, &o, "id");
	menu_input(menu, &s, "6", &o);
	CHECK_STR(o.text, "Alasan gagal antar O2? (dikirim ke pembeli)\n"
	    "1 Lewati\n0 Kembali");
	menu_input(menu, &s, "pembeli batal", &o);
	CHECK_STR(o.text, "O2 gagal diantar? Barang kembali ke stok, dicatat "
	    "pd pembeli.\n1 Ya\n2 Batal\n0 Kembali");
	menu_input(menu, &s, "3", &o);
	CHECK(strncmp(o.text, "Pilihan tidak ada.\nO2 gagal", 27) == 0);
	menu_input(menu, &s, "1", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_FAILED);
	same_as_sms(&o.act, "GAGAL O2 pembeli batal");
	result(&r, ACT_OK, "fail.ok");
	act_set(&r.reply, "order", "O2");
	act_set(&r.reply, "item", "Gula aren");
	act_set(&r.reply, "qty", "1");
	act_set(&r.reply, "reason", "pembeli batal");
	menu_result(menu, &s, &r, &o);
	CHECK_INT(o.act.verb, VERB_ORDERS);
	order_rows(&r, "accepted", "returned");
	menu_result(menu, &s, &r, &o);
	CHECK(strncmp(o.text, "Pengantaran O2 Gula aren x1 gagal: pembeli "
	    "batal.", 48) == 0);
	/* the reason skipped: as GAGAL without one */
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "6", &o);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "1", &o);
	CHECK_INT(o.act.verb, VERB_FAILED);
	CHECK_INT(o.act.code, 1);
	same_as_sms(&o.act, "GAGAL O1");

	/* an assistant acting for a seller: KURIR runs as UNTUK <seller>,
	 * the courier's number stays KURIR's */
	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "6", &o);
	menu_input(menu, &s, "1", &o);
	result(&r, ACT_OK, "mysellers.ok");
	seller_row(&r, "+6281200000001", "Warung Sri", "3");
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "5", &o);
	CHECK_STR(o.as, "+6281200000001");	/* the seller gate */
	result(&r, ACT_OK, "my.ok");
	menu_result(menu, &s, &r, &o);
	CHECK_STR(o.as, "+6281200000001");
	order_rows(&r, "accepted", "accepted");
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "5", &o);
	menu_input(menu, &s, "2", &o);
	menu_input(menu, &s, "081300000002", &o);
	menu_input(menu, &s, "1", &o);
	CHECK_INT(o.act.verb, VERB_COURIER);
	CHECK_STR(o.as, "+6281200000001");
	CHECK_STR(o.act.target, "+6281300000002");
	same_as_sms(&o.act, "KURIR O1 081300000002");
}

/* programme.md section 7: the courier's menu: my jobs (PESANAN of the
 * jobs only, a pick saves the order), picked up, delivered with the
 * buyer's 4-digit code (a wrong one, then the right one), failed
 * (confirmed), on and off duty; anyone else told it is for couriers. */
static void
test_courier_menu(void)
{
	struct menu_state	s;
	struct menu_out		o;
	struct act_result	r;

	menu_begin(menu, &s, "id", &o);
	CHECK(strstr(o.text, "\n7 Kurir") != NULL);
	menu_input(menu, &s, "7", &o);
	CHECK_STR(o.text, "Menu kurir\n1 Tugas saya\n2 Siap terima tugas\n"
	    "3 Libur\n0 Kembali");
	menu_input(menu, &s, "1", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_ORDERS);
	CHECK(o.act.jobs);
	CHECK(!o.act.is_order);
	CHECK_INT(o.act.page, 0);
	CHECK_STR(o.as, "");
	job_rows(&r);
	r.reply.more = true;
	menu_result(menu, &s, &r, &o);
	CHECK_INT(o.kind, MENU_CON);
	CHECK(fits(o.text));
	CHECK(strncmp(o.text, "Tugas antar:\n1 O1 Keripik x2 diserahkan tagih "
	    "Rp35.000\n2 O7 Gula aren", 66) == 0);
	CHECK(strstr(o.text, "\n9 Lagi\n0 Kembali") != NULL);
	menu_input(menu, &s, "9", &o);
	CHECK(o.act.jobs);
	CHECK_INT(o.act.page, 1);
	job_rows(&r);
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "1", &o);
	CHECK_STR(o.text, "O1 Keripik x2\nTagih Rp35.000\n1 Sudah diambil\n"
	    "2 Sudah diantar\n3 Gagal antar\n0 Kembali");
	/* AMBIL */
	menu_input(menu, &s, "1", &o);
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_PICKUP);
	same_as_sms(&o.act, "AMBIL O1");
	result(&r, ACT_OK, "pickup.ok");
	act_set(&r.reply, "order", "O1");
	act_set(&r.reply, "item", "Keripik");
	act_set(&r.reply, "qty", "2");
	act_set(&r.reply, "collect", "Rp35.000");
	menu_result(menu, &s, &r, &o);
	CHECK(o.act.jobs);			/* the jobs again */
	job_rows(&r);
	menu_result(menu, &s, &r, &o);
	CHECK(strncmp(o.text, "O1 Keripik x2 diambil. Tagih Rp35.000. Saat "
	    "sampai: pilih O1 > 2 Sudah diantar.\nTugas antar:\n1 O1", 93)
	    == 0);
	CHECK(fits(o.text));
	/* ANTAR: the code is 4 digits, "0" goes back */
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "2", &o);
	CHECK_STR(o.text, "Kode terima dari pembeli O1 (4 angka):\n0 Kembali");
	menu_input(menu, &s, "482", &o);
	CHECK_STR(o.text, "Kode terima 4 angka, minta ke pembeli.\n"
	    "Kode terima dari pembeli O1 (4 angka):\n0 Kembali");
	menu_input(menu, &s, "48211", &o);
	CHECK(strncmp(o.text, "Kode terima 4 angka", 19) == 0);
	menu_input(menu, &s, "abcd", &o);
	CHECK(strncmp(o.text, "Kode terima 4 angka", 19) == 0);
	menu_input(menu, &s, "1234", &o);	/* wrong (the store says) */
	CHECK_INT(o.kind, MENU_ACT);
	CHECK_INT(o.act.verb, VERB_DELIVER);
	CHECK_INT(o.act.confirm_code, 1234);
	same_as_sms(&o.act, "ANTAR O1 1234");
	result(&r, ACT_WRONG_CODE, "deliver.wrong");
	act_set(&r.reply, "left", "2");
	menu_result(menu, &s, &r, &o);
	CHECK_STR(o.text, "Kode terima salah. Sisa 2 kali coba. Minta kode 4 "
	    "angka ke pembeli.\n0 Kembali");
	menu_input(menu, &s, "0", &o);		/* the code again */
	CHECK_STR(o.text, "Kode terima dari pembeli O1 (4 angka):\n0 Kembali");
	menu_input(menu, &s, "0482", &o);
	CHECK_INT(o.act.confirm_code, 482);
	same_as_sms(&o.act, "ANTAR O1 0482");
	result(&r, ACT_OK, "deliver.ok");
	act_set(&r.reply, "order", "O1");
	act_set(&r.reply, "item", "Keripik");
	act_set(&r.reply, "qty", "2");
	menu_result(menu, &s, &r, &o);
	CHECK(o.act.jobs);
	result(&r, ACT_OK, "more.none");
	menu_result(menu, &s, &r, &o);
	CHECK_STR(o.text, "O1 Keripik x2 selesai diantar. Terima kasih.\n"
	    "Tidak ada tugas antar.\n0 Kembali");
	/* GAGAL by the courier, confirmed; 2 Batal goes to the jobs */
	menu_input(menu, &s, "0", &o);
	CHECK(strncmp(o.text, "Menu kurir\n", 11) == 0);
	menu_input(menu, &s, "1", &o);
	job_rows(&r);
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "2", &o);
	menu_input(menu, &s, "3", &o);
	CHECK_STR(o.text, "Alasan gagal antar O7? (dikirim ke penjual dan "
	    "pembeli)\n1 Lewati\n0 Kembali");
	menu_input(menu, &s, "rumah kosong", &o);
	CHECK_STR(o.text, "O7 gagal diantar? Barang kembali ke penjual.\n1 Ya\n"
	    "2 Batal\n0 Kembali");
	menu_input(menu, &s, "2", &o);
	CHECK(o.act.jobs);
	job_rows(&r);
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "2", &o);
	menu_input(menu, &s, "3", &o);
	menu_input(menu, &s, "rumah kosong", &o);
	menu_input(menu, &s, "1", &o);
	CHECK_INT(o.act.verb, VERB_FAILED);
	same_as_sms(&o.act, "GAGAL O7 rumah kosong");
	same_as_sms(&o.act, "FAILED 7 rumah kosong");
	/* SIAP and LIBUR: the reply is the last screen */
	menu_begin(menu, &s, "en", &o);
	menu_input(menu, &s, "7", &o);
	CHECK_STR(o.text, "Courier menu\n1 My jobs\n2 On duty\n3 Off duty\n"
	    "0 Back");
	menu_input(menu, &s, "2", &o);
	CHECK_INT(o.act.verb, VERB_READY);
	same_as_sms(&o.act, "SIAP");
	result(&r, ACT_OK, "ready.ok");
	act_set(&r.reply, "name", "Budi");
	act_set(&r.reply, "jobs", "1");
	act_set(&r.reply, "max", "3");
	menu_result(menu, &s, &r, &o);
	CHECK_INT(o.kind, MENU_END);
	CHECK_STR(o.text, "Budi, you are ON DUTY for delivery jobs (1 open, "
	    "max 3).");
	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "7", &o);
	menu_input(menu, &s, "3", &o);
	CHECK_INT(o.act.verb, VERB_OFF);
	same_as_sms(&o.act, "LIBUR");
	/* not a courier: told so, with a way back */
	result(&r, ACT_REFUSED, "courier.only");
	menu_result(menu, &s, &r, &o);
	CHECK_STR(o.text, "Menu kurir hanya untuk kurir terdaftar. Minta "
	    "pengelola Lapak mendaftarkan nomor Anda.\n0 Kembali");
	menu_input(menu, &s, "0", &o);
	CHECK(strncmp(o.text, "Menu kurir\n", 11) == 0);
	menu_input(menu, &s, "1", &o);
	result(&r, ACT_REFUSED, "courier.only");
	menu_result(menu, &s, &r, &o);
	CHECK(strncmp(o.text, "Menu kurir hanya untuk kurir terdaftar.", 39)
	    == 0);
	/* after acting for a seller, the courier menu is the user's own */
	menu_begin(menu, &s, "id", &o);
	menu_input(menu, &s, "6", &o);
	menu_input(menu, &s, "1", &o);
	result(&r, ACT_OK, "mysellers.ok");
	seller_row(&r, "+6281200000001", "Warung Sri", "3");
	menu_result(menu, &s, &r, &o);
	menu_input(menu, &s, "1", &o);
	menu_input(menu, &s, "00", &o);
	menu_input(menu, &s, "7", &o);
	menu_input(menu, &s, "1", &o);
	CHECK(o.act.jobs);
	CHECK_STR(o.as, "");
}

static void
test_state(void)
{
	struct menu_state	s;
	struct menu_out		o;

	menu_begin(menu, &s, "id", &o);
	CHECK(menu_state_fits(menu, &s));
	s.version = 1;
	CHECK(!menu_state_fits(menu, &s));
	menu_show(menu, &s, &o);		/* starts anew */
	CHECK(menu_state_fits(menu, &s));
	CHECK(strncmp(o.text, "Lapak", 5) == 0);
	CHECK(strlen(menu_message(menu, "resume", "en")) > 0);
	CHECK(strlen(menu_message(NULL, "expired", "id")) > 0);
}

int
main(void)
{
	test_load();
	test_seller_sell();
	test_pin_and_list();
	test_buy();
	test_seller_gate();
	test_orders_pin_once();
	test_cancel_and_lang();
	test_fit();
	test_bad_menus();
	test_state();
	test_assistant();
	test_paid();		/* issue 13, payment records */
	test_courier_seller();	/* couriers, USSD */
	test_courier_menu();
	menu_free(menu);
	menu_def_free(def);
	templates_free(tmpl);
	return T_DONE();
}
