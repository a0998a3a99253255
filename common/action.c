/* Helpers for building action results: named values and rupiah formatting. */
#include <assert.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/action.h"

static void
var_vset(struct act_var *vars, int *n, int cap, const char *key,
    const char *fmt, va_list ap)
{
	struct act_var	*v = NULL;
	int		 i;

	for (i = 0; i < *n; i++)
		if (strcmp(vars[i].key, key) == 0) {
			v = &vars[i];
			break;
		}
	if (v == NULL) {
		if (*n >= cap) {
			assert(!"act: too many vars");
			return;
		}
		v = &vars[(*n)++];
		snprintf(v->key, sizeof(v->key), "%s", key);
	}
	vsnprintf(v->val, sizeof(v->val), fmt, ap);
}

void
act_set(struct act_msg *m, const char *key, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	var_vset(m->vars, &m->nvars, ACT_MAX_VARS, key, fmt, ap);
	va_end(ap);
}

void
act_row_set(struct act_row *r, const char *key, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	var_vset(r->vars, &r->nvars, ACT_ROW_VARS, key, fmt, ap);
	va_end(ap);
}

const char *
act_get(const struct act_msg *m, const char *key)
{
	int	i;

	for (i = 0; i < m->nvars; i++)
		if (strcmp(m->vars[i].key, key) == 0)
			return m->vars[i].val;
	return NULL;
}

const char *
act_rupiah(int64_t rp, char *buf, size_t len)
{
	char	digits[32], out[48];
	size_t	n, i, o = 0;
	bool	neg = rp < 0;

	snprintf(digits, sizeof(digits), "%" PRIu64,
	    neg ? (uint64_t)0 - (uint64_t)rp : (uint64_t)rp);
	n = strlen(digits);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, len, "%sRp%s", neg ? "-" : "", out);
	return buf;
}

/* The verb table: every command's keyword (commands.md), English alias,
 * template id ("bad.sell", "help.sell") and whether it changes state. The
 * one place these are written; the parser, config checks and the store's
 * PIN rules read it. */
static const struct {
	const char	*kw;		/* Indonesian keyword */
	const char	*en;		/* English alias */
	const char	*name;		/* template id */
	bool		 mutates;
} verbs[VERB__N] = {
	[VERB_NONE] = { "", "", "", false },
	[VERB_REGISTER] = { "DAFTAR", "REG", "reg", true },
	[VERB_PIN] = { "PIN", "PIN", "pin", true },
	[VERB_SELL] = { "JUAL", "SELL", "sell", true },
	[VERB_PRICE] = { "HARGA", "PRICE", "price", true },
	[VERB_STOCK] = { "STOK", "STOCK", "stock", true },
	[VERB_DELIST] = { "HAPUS", "DEL", "del", true },
	[VERB_MY_PRODUCTS] = { "PRODUK", "MY", "my", false },
	[VERB_ORDERS] = { "PESANAN", "ORDERS", "orders", false },
	[VERB_ACCEPT] = { "TERIMA", "ACCEPT", "accept", true },
	[VERB_REJECT] = { "TOLAK", "REJECT", "reject", true },
	[VERB_SHIP] = { "KIRIM", "SHIP", "ship", true },
	[VERB_FIND] = { "CARI", "FIND", "find", false },
	[VERB_MORE] = { "LAGI", "MORE", "more", false },
	[VERB_INFO] = { "INFO", "INFO", "info", false },
	[VERB_BUY] = { "BELI", "BUY", "buy", true },
	[VERB_CONFIRM] = { "YA", "YES", "yes", true },
	[VERB_CANCEL] = { "BATAL", "CANCEL", "cancel", true },
	[VERB_RECEIVED] = { "SAMPAI", "RECEIVED", "received", true },
	[VERB_HELP] = { "BANTUAN", "HELP", "help", false },
	[VERB_LANGUAGE] = { "BAHASA", "LANG", "lang", true },
	/* places (programme.md section 1) */
	[VERB_VILLAGE] = { "DESA", "VILLAGE", "village", true },
	/* issue 12, marketplace export */
	[VERB_WEIGHT] = { "BERAT", "WEIGHT", "weight", true },
	/* issue 12, reports */
	[VERB_REPORT] = { "LAPORAN", "REPORT", "report", false },
	/* assistants */
	[VERB_ASSIST] = { "DAMPINGI", "ASSIST", "assist", true },
	[VERB_AGREE] = { "SETUJU", "AGREE", "agree", true },
	[VERB_DECLINE] = { "TIDAK", "NO", "decline", true },
	[VERB_FOR] = { "UNTUK", "FOR", "for", true },
	[VERB_REVOKE] = { "CABUT", "REVOKE", "revoke", true },
	[VERB_MY_SELLERS] = { "BINAAN", "MYSELLERS", "mysellers", false },
	/* promotions (programme.md section 6) */
	[VERB_STOP] = { "BERHENTI", "STOP", "stop", true },
	[VERB_START] = { "MULAI", "START", "start", true },
	[VERB_SUBSCRIBE] = { "LANGGANAN", "SUBSCRIBE", "subscribe", true },
	/* issue 13, payment records */
	[VERB_PAID] = { "LUNAS", "PAID", "paid", true },
	/* couriers */
	[VERB_READY] = { "SIAP", "READY", "ready", true },
	[VERB_OFF] = { "LIBUR", "OFF", "off", true },
	[VERB_COURIER] = { "KURIR", "COURIER", "courier", true },
	[VERB_PICKUP] = { "AMBIL", "PICKUP", "pickup", true },
	[VERB_DELIVER] = { "ANTAR", "DELIVER", "deliver", true },
	[VERB_FAILED] = { "GAGAL", "FAILED", "failed", true },
	/* issue 13, privacy: HAPUS DATA is two words, matched by the parser
	 * (menus/cmd.c) before HAPUS <kode>; "HAPUS DATA" as a keyword never
	 * equals one token */
	[VERB_MY_DATA] = { "DATAKU", "MYDATA", "mydata", false },
	[VERB_ERASE] = { "HAPUS DATA", "DELETE DATA", "erase", true },
};

static bool
verb_ok(enum verb v)
{
	return v > VERB_NONE && v < VERB__N;
}

bool
verb_mutates(enum verb v)
{
	return verb_ok(v) && verbs[v].mutates;
}

const char *
verb_keyword(enum verb v)
{
	return verb_ok(v) ? verbs[v].kw : "";
}

const char *
verb_alias_en(enum verb v)
{
	return verb_ok(v) ? verbs[v].en : "";
}

const char *
verb_name(enum verb v)
{
	return verb_ok(v) ? verbs[v].name : "";
}

enum verb
verb_by_word(const char *word)
{
	int	v;

	for (v = VERB_NONE + 1; v < VERB__N; v++)
		if (strcasecmp(word, verbs[v].kw) == 0 ||
		    strcasecmp(word, verbs[v].en) == 0)
			return (enum verb)v;
	return VERB_NONE;
}

/* issue 13, payment records: LUNAS's methods, the stored name first (as
 * orders.paid_method keeps it and reports read it), then the English word
 * when it differs. The order is the USSD menu's numbered list. */
static const struct {
	const char	*name;
	const char	*en;
} pay_methods[PAY__N] = {
	[PAY_NONE] = { "", "" },
	[PAY_CASH] = { "TUNAI", "CASH" },
	[PAY_OVO] = { "OVO", "OVO" },
	[PAY_GOPAY] = { "GOPAY", "GOPAY" },
	[PAY_DANA] = { "DANA", "DANA" },
	[PAY_SHOPEEPAY] = { "SHOPEEPAY", "SHOPEEPAY" },
	[PAY_TRANSFER] = { "TRANSFER", "TRANSFER" },
};

const char *
pay_method_name(enum pay_method m)
{
	return (unsigned)m < PAY__N ? pay_methods[m].name : "";
}

const char *
pay_method_word(enum pay_method m, const char *lang)
{
	if ((unsigned)m >= PAY__N)
		return "";
	return lang != NULL && strcmp(lang, "en") == 0 ? pay_methods[m].en :
	    pay_methods[m].name;
}

enum pay_method
pay_method_by_word(const char *word)
{
	int	m;

	if (word == NULL || word[0] == '\0')
		return PAY_NONE;
	for (m = PAY_NONE + 1; m < PAY__N; m++)
		if (strcasecmp(word, pay_methods[m].name) == 0 ||
		    strcasecmp(word, pay_methods[m].en) == 0)
			return (enum pay_method)m;
	return PAY_NONE;
}
