/* Helpers for building action results: named values and rupiah formatting. */
#include <assert.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

static const struct {
	const char	*kw;
	bool		 mutates;
} verbs[VERB__N] = {
	[VERB_NONE] = { "", false },
	[VERB_REGISTER] = { "DAFTAR", true },
	[VERB_PIN] = { "PIN", true },
	[VERB_SELL] = { "JUAL", true },
	[VERB_PRICE] = { "HARGA", true },
	[VERB_STOCK] = { "STOK", true },
	[VERB_DELIST] = { "HAPUS", true },
	[VERB_MY_PRODUCTS] = { "PRODUK", false },
	[VERB_ORDERS] = { "PESANAN", false },
	[VERB_ACCEPT] = { "TERIMA", true },
	[VERB_REJECT] = { "TOLAK", true },
	[VERB_SHIP] = { "KIRIM", true },
	[VERB_FIND] = { "CARI", false },
	[VERB_MORE] = { "LAGI", false },
	[VERB_INFO] = { "INFO", false },
	[VERB_BUY] = { "BELI", true },
	[VERB_CONFIRM] = { "YA", true },
	[VERB_CANCEL] = { "BATAL", true },
	[VERB_RECEIVED] = { "SAMPAI", true },
	[VERB_HELP] = { "BANTUAN", false },
	[VERB_LANGUAGE] = { "BAHASA", true },
};

bool
verb_mutates(enum verb v)
{
	return v > VERB_NONE && v < VERB__N && verbs[v].mutates;
}

const char *
verb_keyword(enum verb v)
{
	return v >= VERB_NONE && v < VERB__N ? verbs[v].kw : "";
}
