/* What a person asks for (struct action) and what came of it (struct
 * act_result): the one contract between the front ends (SMS parser, USSD
 * menus, in menus/), the store's actions (store/) and reply rendering
 * (menus/reply.c). SMS commands and USSD menus build the same struct action
 * and go through the same store action. Results carry a template name and
 * named values, never finished text: wording lives in template files. */
#ifndef LAPAK_ACTION_H
#define LAPAK_ACTION_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A language code: ISO 639, 2 or 3 lower-case letters ("id", "mad"), the
 * name of its templates folder, and the NUL. */
#define LANG_SZ	4

enum verb {
	VERB_NONE = 0,
	VERB_REGISTER,		/* DAFTAR / REG */
	VERB_PIN,		/* PIN */
	VERB_SELL,		/* JUAL / SELL */
	VERB_PRICE,		/* HARGA / PRICE */
	VERB_STOCK,		/* STOK / STOCK */
	VERB_DELIST,		/* HAPUS / DEL */
	VERB_MY_PRODUCTS,	/* PRODUK / MY */
	VERB_ORDERS,		/* PESANAN / ORDERS */
	VERB_ACCEPT,		/* TERIMA / ACCEPT */
	VERB_REJECT,		/* TOLAK / REJECT */
	VERB_SHIP,		/* KIRIM / SHIP */
	VERB_FIND,		/* CARI / FIND */
	VERB_MORE,		/* LAGI / MORE */
	VERB_INFO,		/* INFO */
	VERB_BUY,		/* BELI / BUY */
	VERB_CONFIRM,		/* YA / YES */
	VERB_CANCEL,		/* BATAL / CANCEL */
	VERB_RECEIVED,		/* SAMPAI / RECEIVED */
	VERB_HELP,		/* BANTUAN / HELP */
	VERB_LANGUAGE,		/* BAHASA / LANG */
	/* places (programme.md section 1) */
	VERB_VILLAGE,		/* DESA / VILLAGE */
	/* issue 12, marketplace export */
	VERB_WEIGHT,		/* BERAT / WEIGHT */
	/* issue 12, reports */
	VERB_REPORT,		/* LAPORAN / REPORT: an assistant's month */
	/* assistants (programme.md section 2) */
	VERB_ASSIST,		/* DAMPINGI / ASSIST <nomor> */
	VERB_AGREE,		/* SETUJU / AGREE <kode> */
	VERB_DECLINE,		/* TIDAK / NO <kode> */
	VERB_FOR,		/* UNTUK / FOR <nomor> <perintah...> */
	VERB_REVOKE,		/* CABUT / REVOKE <nomor asisten> */
	VERB_MY_SELLERS,	/* BINAAN / MYSELLERS */
	/* promotions (programme.md section 6) */
	VERB_STOP,		/* BERHENTI / STOP (and UNREG): pause promotions */
	VERB_START,		/* MULAI / START: resume them */
	VERB_SUBSCRIBE,		/* LANGGANAN / SUBSCRIBE */
	/* issue 13, payment records (programme.md section 5) */
	VERB_PAID,		/* LUNAS / PAID <order> [metode] [ref] */
	/* couriers (programme.md section 4); BATAL and PESANAN by a courier
	 * are VERB_CANCEL and VERB_ORDERS, told apart by the sender */
	VERB_READY,		/* SIAP / READY */
	VERB_OFF,		/* LIBUR / OFF */
	VERB_COURIER,		/* KURIR / COURIER <order> [nomor kurir] */
	VERB_PICKUP,		/* AMBIL / PICKUP <order> */
	VERB_DELIVER,		/* ANTAR / DELIVER <order> <kode> */
	VERB_FAILED,		/* GAGAL / FAILED <order> [alasan] */
	/* issue 13, privacy (programme.md section 6) */
	VERB_MY_DATA,		/* DATAKU / MYDATA */
	VERB_ERASE,		/* HAPUS DATA / DELETE DATA [kode] [PIN] */
	VERB__N
};

enum stock_op { STOCK_SET, STOCK_ADD, STOCK_SUB, STOCK_SOLDOUT };

/* issue 13, payment records: how an order was paid (LUNAS). PAY_NONE: no
 * method given (LUNAS takes TUNAI) or, on a row, nothing recorded. */
enum pay_method {
	PAY_NONE = 0,
	PAY_CASH,		/* TUNAI / CASH */
	PAY_OVO,
	PAY_GOPAY,
	PAY_DANA,
	PAY_SHOPEEPAY,
	PAY_TRANSFER,
	PAY__N
};
#define PAY_REF_MAX	32	/* a payment reference, characters */

#define ACT_TEXT_MAX	161	/* name, search words, note, reason */
#define ACT_PIN_MAX	8	/* 4-6 digits + NUL */

struct action {
	enum verb	verb;
	char		text[ACT_TEXT_MAX];	/* REGISTER shop name, SELL product
						 * name, FIND words, BUY note, REJECT
						 * and CANCEL reason, HELP topic
						 * keyword */
	char		village[64];		/* REGISTER */
	char		unit[16];		/* SELL: "bks" from 15rb/bks */
	int64_t		price_rp;		/* SELL, PRICE */
	int64_t		qty;			/* SELL stock, STOCK amount, BUY qty */
	enum stock_op	stock_op;		/* STOCK */
	int64_t		code;			/* product (P17 -> 17) or order number */
	int		confirm_code;		/* CONFIRM: any four digits (0-9999;
						 * codes are 1000-9999), -1 absent */
	char		pin_old[ACT_PIN_MAX];	/* PIN <lama> <baru> */
	char		pin_new[ACT_PIN_MAX];
	char		pin[ACT_PIN_MAX];	/* trailing PIN an operator requires */
	char		lang[LANG_SZ];		/* LANGUAGE: a language code */
	bool		ussd;			/* from a USSD session */
	bool		pin_ok;			/* the USSD session already checked the PIN */
	bool		again;			/* ULANG <command>: repeat on purpose */
	int		page;			/* list screens (USSD): 0-based page */
	bool		note_cut;		/* BUY: the note was longer than what
						 * is kept; text ends in "..." at a
						 * word boundary */
	bool		is_order;		/* INFO / ORDERS: code is an order
						 * (INFO O7, PESANAN O7): one order's
						 * details */
	bool		force_new;		/* SELL ... BARU / NEW: list even when
						 * an active product has the name */
	/* places (programme.md section 1) */
	char		district[64];		/* REGISTER, VILLAGE: the kecamatan
						 * that settles a duplicate name */
	int		choice;			/* VILLAGE <n>: 1.., 0 = a name (in
						 * village) */
	int64_t		weight_g;		/* WEIGHT: grams as written (the
						 * core checks the bounds) */
	/* assistants */
	char		target[16];		/* ASSIST, FOR, REVOKE: the number
						 * typed, E.164 ("" when it is not
						 * a number); FOR's command is in
						 * text */
	bool		bare_code;		/* ACCEPT: the code was four digits
						 * without 'O' (maybe a consent
						 * code: TERIMA 4821) */
	const struct action *inner;		/* FOR: text parsed as a message of
						 * its own (borrowed; NULL when it
						 * did not parse) */
	/* couriers, USSD (programme.md section 7) */
	bool		jobs;			/* ORDERS: the courier's jobs only
						 * (the menus' "my jobs"); a number
						 * not enrolled is refused */
	/* issue 13, payment records */
	enum pay_method	pay_method;		/* PAID: PAY_NONE = TUNAI */
	char		pay_ref[PAY_REF_MAX + 1];	/* PAID: "" none */
	bool		pay_ref_long;		/* PAID: the reference typed was
						 * longer than PAY_REF_MAX (the core
						 * refuses, naming the limit) */
	/* promotions (programme.md section 6) */
	bool		unreg;			/* STOP: sent as UNREG */
	int		sub_op;			/* SUBSCRIBE: enum sub_op; place
						 * or word in text, HAPUS's number
						 * in choice */
};

/* promotions: what a LANGGANAN asks. */
enum sub_op {
	SUB_LIST = 0,		/* LANGGANAN alone: the list */
	SUB_PLACE,		/* LANGGANAN DESA <tempat> */
	SUB_WORD,		/* LANGGANAN <kata> */
	SUB_DROP		/* LANGGANAN HAPUS <n> */
};

/* Who acts, and when. The store never reads the clock itself. */
struct actor {
	char		msisdn[16];		/* E.164 with '+' */
	int64_t		now_s;			/* unix seconds */
	char		lang[LANG_SZ];		/* the sender's language when the
						 * caller has looked it up already;
						 * "" = commerce_do looks it up */
	char		via[16];		/* the enrolled assistant acting for
						 * msisdn through UNTUK (E.164), ""
						 * = msisdn itself */
};

enum act_rc {
	ACT_OK = 0,
	ACT_NOT_REGISTERED,	/* seller command from an unregistered number */
	ACT_NOT_FOUND,		/* unknown product/order code */
	ACT_NOT_YOURS,		/* someone else's product/order: refused, names the code */
	ACT_BAD_STATE,		/* order not in a state that allows this */
	ACT_NO_STOCK,		/* not enough available stock */
	ACT_BELOW_RESERVED,	/* STOCK below what confirmed orders reserve */
	ACT_WRONG_CODE,		/* wrong confirmation code (attempts left in vars) */
	ACT_CODE_CANCELLED,	/* third wrong code: order cancelled */
	ACT_TOO_MANY_PENDING,	/* buyer already has max pending orders */
	ACT_NO_PENDING,		/* YA without a pending order */
	ACT_AMBIGUOUS,		/* YA without code while several are pending */
	ACT_PIN_REQUIRED,
	ACT_PIN_WRONG,		/* attempts left in vars */
	ACT_PIN_LOCKED,		/* minutes left in vars */
	ACT_PIN_BAD,		/* not 4-6 digits */
	ACT_NO_MATCH,		/* FIND found nothing */
	ACT_NO_MORE,		/* LAGI with nothing further */
	ACT_INVALID,		/* value out of range etc. (say which in vars) */
	ACT_DELISTED,		/* the product was delisted (HAPUS): refused */
	ACT_OWN_PRODUCT,	/* a seller ordering their own product */
	ACT_DUPLICATE,		/* JUAL: an active product has the name; nothing
				 * listed, the existing code in vars */
	ACT_BUSY,		/* store busy: try again (temporary) */
	ACT_ERR,		/* internal error: sorry, try later */
	/* assistants */
	ACT_NOT_AGENT,		/* assistant command from a number not enrolled */
	ACT_NOT_LINKED,		/* UNTUK / CABUT: no link with that number */
	ACT_REFUSED		/* a rule said no: a limit, a command UNTUK may
				 * not run, a number DAMPINGI may not ask */
};

#define ACT_MAX_VARS	14
#define ACT_MAX_ROWS	10
#define ACT_ROW_VARS	6
#define ACT_MAX_NOTES	3
#define ACT_KEY_MAX	16
#define ACT_VAL_MAX	96

struct act_var {
	char	key[ACT_KEY_MAX];	/* "code", "name", "price", "old_price" */
	char	val[ACT_VAL_MAX];	/* already formatted: "P17", "Rp15.000" */
};

struct act_row {
	struct act_var	vars[ACT_ROW_VARS];
	int		nvars;
};

/* One message to render: a template name plus its values; list results add
 * rows (rendered with the template "<tmpl>.row") and a more-pages flag. */
struct act_msg {
	char		to[16];		/* E.164; "" = the sender */
	char		lang[LANG_SZ];	/* recipient's language, "" = default */
	char		tmpl[32];	/* "sell.ok", "buy.notify_seller" ... */
	struct act_var	vars[ACT_MAX_VARS];
	int		nvars;
	struct act_row	rows[ACT_MAX_ROWS];
	int		nrows;
	bool		more;		/* more pages: LAGI gives the next */
};

struct act_result {
	enum act_rc	rc;
	struct act_msg	reply;			/* to the sender */
	struct act_msg	notes[ACT_MAX_NOTES];	/* to other parties of the order */
	int		nnotes;
};

/* Sets (or replaces) key in m, printf-style; truncates silently at
 * ACT_VAL_MAX-1 (values are short facts). Extra vars past the cap are dropped
 * with an assert in debug builds. */
void	act_set(struct act_msg *m, const char *key, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	act_row_set(struct act_row *r, const char *key, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Value of key in m, or NULL. */
const char *act_get(const struct act_msg *m, const char *key);

/* "Rp15.000" into buf[len]; returns buf. */
const char *act_rupiah(int64_t rp, char *buf, size_t len);

/* True for commands that change state (the repeat window applies to them). */
bool	verb_mutates(enum verb v);
/* Canonical Indonesian keyword: "JUAL"; "" for VERB_NONE. */
const char *verb_keyword(enum verb v);
/* English alias: "SELL"; "" for VERB_NONE. */
const char *verb_alias_en(enum verb v);
/* Template id: "sell" ("bad.sell", "help.sell"); "" for VERB_NONE. */
const char *verb_name(enum verb v);
/* The verb of a built-in keyword or English alias (case-insensitive), else
 * VERB_NONE. Operator aliases are the parser's (menus/cmd.c). */
enum verb verb_by_word(const char *word);

/* issue 13, payment records: the one table of LUNAS methods. The stored
 * and Indonesian name ("TUNAI", "OVO"), "" for PAY_NONE or out of range. */
const char *pay_method_name(enum pay_method m);
/* As a reply in lang shows it: "CASH" for TUNAI in "en", else the name. */
const char *pay_method_word(enum pay_method m, const char *lang);
/* The method a word names (any case; "CASH" is TUNAI), else PAY_NONE. */
enum pay_method pay_method_by_word(const char *word);

#endif
