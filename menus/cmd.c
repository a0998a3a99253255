/* SMS command parser (commands.md). A keyword table built once from the
 * config maps words to verbs; one small function per command reads its
 * fields from the token list and names the field that was wrong. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/phone.h"
#include "common/xalloc.h"
#include "menus/cmd.h"
#include "menus/lex.h"
#include "menus/weight.h"

#define CMD_CODE_DIGITS	12
#define CMD_AGAIN	VERB__N		/* ULANG: not a verb of its own */
#define CMD_MAX_KW	(2 * VERB__N + 2 + CONF_MAX_ALIAS)
#define CMD_PUNCT	".,:;!?"	/* may follow a keyword or a code */
#define SELL_SPAN_MAX	5		/* tokens of one price: "Rp 15 ribu per kg" */
#define SELL_SPAN_BUF	128


struct cmd_kw {
	char	word[CMD_WORD_MAX];	/* upper case */
	int	verb;			/* enum verb, or CMD_AGAIN */
};

struct cmd_table {
	struct cmd_kw	kw[CMD_MAX_KW];
	size_t		nkw;
	bool		pin[VERB__N];
	char		cc[8];		/* country code of 0... numbers */
};

/* Token cursor over [i, n) of a lex. */
struct args {
	const struct lex	*lx;
	size_t			 i, n;
};

static void
kw_add(struct cmd_table *t, const char *word, int verb)
{
	size_t	i;

	if (word[0] == '\0' || t->nkw == CMD_MAX_KW)
		return;
	for (i = 0; i < t->nkw; i++)
		if (strcasecmp(t->kw[i].word, word) == 0)
			return;		/* first definition wins */
	lex_upper(word, t->kw[t->nkw].word, sizeof(t->kw[0].word));
	t->kw[t->nkw++].verb = verb;
}

static const struct cmd_kw *
kw_find(const struct cmd_table *t, const char *word)
{
	size_t	i;

	for (i = 0; i < t->nkw; i++)
		if (strcasecmp(t->kw[i].word, word) == 0)
			return &t->kw[i];
	return NULL;
}

struct cmd_table *
cmd_table_new(const struct conf *conf)
{
	struct cmd_table	*t = xcalloc(1, sizeof(*t));
	const struct cmd_kw	*k;
	char			 list[sizeof(conf->pin_commands)], *w, *save;
	int			 v;
	size_t			 i;

	for (v = VERB_NONE + 1; v < VERB__N; v++)
		kw_add(t, verb_keyword((enum verb)v), v);
	kw_add(t, "ULANG", CMD_AGAIN);
	for (v = VERB_NONE + 1; v < VERB__N; v++)
		kw_add(t, verb_alias_en((enum verb)v), v);
	kw_add(t, "REPEAT", CMD_AGAIN);
	kw_add(t, "UNREG", VERB_STOP);	/* promotions: the operators' word */
	snprintf(t->cc, sizeof(t->cc), "62");
	if (conf == NULL)
		return t;
	/* assistants: agents.pin_required makes UNTUK end in the PIN */
	snprintf(t->cc, sizeof(t->cc), "%s", conf->country_code);
	t->pin[VERB_FOR] = conf->agents_pin_required;
	for (i = 0; i < conf->naliases && i < CONF_MAX_ALIAS; i++) {
		if ((k = kw_find(t, conf->aliases[i].verb)) != NULL)
			kw_add(t, conf->aliases[i].word, k->verb);
	}
	snprintf(list, sizeof(list), "%s", conf->pin_commands);
	for (w = strtok_r(list, ", \t", &save); w != NULL;
	    w = strtok_r(NULL, ", \t", &save)) {
		if ((k = kw_find(t, w)) != NULL && k->verb != CMD_AGAIN &&
		    k->verb != VERB_PIN)
			t->pin[k->verb] = true;
	}
	return t;
}

void
cmd_table_free(struct cmd_table *t)
{
	free(t);
}

enum verb
cmd_lookup(const struct cmd_table *t, const char *word)
{
	const struct cmd_kw	*k = kw_find(t, word);

	return k == NULL || k->verb == CMD_AGAIN ? VERB_NONE : (enum verb)k->verb;
}

bool
cmd_needs_pin(const struct cmd_table *t, enum verb v)
{
	return v > VERB_NONE && v < VERB__N && t->pin[v];
}

const char *
cmd_verb_name(enum verb v)
{
	return verb_name(v);
}

/* Optimal string alignment distance (a transposition costs 1: JAUL, CRAI),
 * case-insensitive; words are short keywords. */
static int
edit_distance(const char *a, const char *b)
{
	int	d[CMD_WORD_MAX + 1][CMD_WORD_MAX + 1];
	size_t	la = strlen(a), lb = strlen(b), i, j;

	if (la > CMD_WORD_MAX || lb > CMD_WORD_MAX)
		return CMD_WORD_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			int ca = toupper((unsigned char)a[i - 1]);
			int cb = toupper((unsigned char)b[j - 1]);
			int best = d[i - 1][j - 1] + (ca != cb);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 &&
			    ca == toupper((unsigned char)b[j - 2]) &&
			    cb == toupper((unsigned char)a[i - 2]) &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

/* Closest keyword within 1 edit (keywords up to 4 letters) or 2 (longer). */
static const char *
suggest(const struct cmd_table *t, const char *word)
{
	const char	*best = NULL;
	int		 bestd = CMD_WORD_MAX, d, limit;
	size_t		 i, wl = strlen(word);

	if (wl < 2 || wl >= CMD_WORD_MAX)
		return NULL;
	for (i = 0; i < t->nkw; i++) {
		limit = strlen(t->kw[i].word) <= 4 ? 1 : 2;
		d = edit_distance(word, t->kw[i].word);
		if (d <= limit && (size_t)d < wl && d < bestd) {
			best = t->kw[i].word;
			bestd = d;
		}
	}
	return best;
}

static void
set_value(struct cmd_error *err, const char *tok)
{
	snprintf(err->value, sizeof(err->value), "%s", tok != NULL ? tok : "");
}

static enum cmd_rc
badarg(struct cmd_error *err, enum cmd_field f, const char *tok)
{
	err->rc = CMD_BADARG;
	err->field = f;
	set_value(err, tok);
	return CMD_BADARG;
}

static const char *
arg(const struct args *a, size_t k)
{
	return a->i + k < a->n ? a->lx->tok[a->i + k].s : NULL;
}

static size_t
nargs(const struct args *a)
{
	return a->n - a->i;
}

static bool
copy_ok(char *dst, const char *src, size_t dstsz)
{
	return strlcpy_ok(dst, src, dstsz);
}

/* tok without trailing punctuation ("O13," -> "O13") in buf[bufsz]. */
static const char *
unpunct(const char *tok, char *buf, size_t bufsz)
{
	size_t	n;

	if (tok == NULL)
		return NULL;
	n = strlen(tok);
	while (n > 0 && strchr(CMD_PUNCT, tok[n - 1]) != NULL)
		n--;
	if (n >= bufsz)
		n = bufsz - 1;
	memcpy(buf, tok, n);
	buf[n] = '\0';
	return buf;
}

/* Product "P17", "p17", "17"; order "O42", "o42", "042", "42"; a comma or
 * full stop after it is no part of it ("BATAL O13, maaf"). */
static bool
parse_code(const char *tok, char prefix, int64_t *out)
{
	char	buf[CMD_WORD_MAX];
	int64_t	v;

	if ((tok = unpunct(tok, buf, sizeof(buf))) == NULL)
		return false;
	if (toupper((unsigned char)tok[0]) == prefix)
		tok++;
	if (!lex_digits(tok, 1, CMD_CODE_DIGITS) || !lex_uint(tok,
	    INT64_MAX, &v) || v < 1)
		return false;
	*out = v;
	return true;
}

static enum cmd_rc
need_code(const struct args *a, size_t k, char prefix, struct action *out,
    struct cmd_error *err)
{
	enum cmd_field	f = prefix == 'P' ? CMD_F_CODE : CMD_F_ORDER;

	if (!parse_code(arg(a, k), prefix, &out->code))
		return badarg(err, f, arg(a, k));
	return CMD_OK;
}

static enum cmd_rc
no_extra(const struct args *a, size_t used, struct cmd_error *err)
{
	if (nargs(a) > used)
		return badarg(err, CMD_F_EXTRA, arg(a, used));
	return CMD_OK;
}

/* "Sukamaju, Tayu": the village and, after a comma, the district; outer
 * spaces trimmed. */
static enum cmd_rc
place_fields(char *vill, struct action *out, struct cmd_error *err)
{
	char	*dist = "", *comma, *e;

	while (*vill == ' ')
		vill++;
	if ((comma = strchr(vill, ',')) != NULL) {
		*comma = '\0';
		dist = comma + 1;
		while (*dist == ' ')
			dist++;
		e = dist + strlen(dist);
		while (e > dist && e[-1] == ' ')
			*--e = '\0';
	}
	e = vill + strlen(vill);
	while (e > vill && e[-1] == ' ')
		*--e = '\0';
	if (!copy_ok(out->village, vill, sizeof(out->village)))
		return badarg(err, CMD_F_VILLAGE, vill);
	if (!copy_ok(out->district, dist, sizeof(out->district)))
		return badarg(err, CMD_F_VILLAGE, dist);
	return CMD_OK;
}

static enum cmd_rc
parse_register(const struct args *a, struct action *out, struct cmd_error *err)
{
	char	 all[ACT_TEXT_MAX + 64 + 2], *comma, *name, *vill, *e;

	if (nargs(a) == 0)
		return badarg(err, CMD_F_NAME, NULL);
	if (a->lx->hashed && nargs(a) >= 2) {
		/* DAFTAR#Toko Maju#Sukamaju[#Tayu] */
		size_t	k;

		snprintf(all, sizeof(all), "%s", arg(a, 0));
		for (k = 1; k < nargs(a); k++)
			snprintf(all + strlen(all), sizeof(all) - strlen(all),
			    ",%s", arg(a, k));
	} else if (!lex_join(a->lx, a->i, a->n, all, sizeof(all)))
		return badarg(err, CMD_F_NAME, arg(a, 0));
	name = all;
	vill = "";
	if ((comma = strchr(all, ',')) != NULL) {
		*comma = '\0';
		vill = comma + 1;
	}
	while (*vill == ' ')
		vill++;
	e = name + strlen(name);
	while (e > name && e[-1] == ' ')
		*--e = '\0';
	if (name[0] == '\0')
		return badarg(err, CMD_F_NAME, NULL);
	if (!copy_ok(out->text, name, sizeof(out->text)))
		return badarg(err, CMD_F_NAME, arg(a, 0));
	if (place_fields(vill, out, err) != CMD_OK)
		return CMD_BADARG;
	return CMD_OK;
}

/* places: DESA <n> answers a pending choice; DESA <desa>[, <kecamatan>]
 * places the seller (DESA#Tlogorejo#Jakenan too). */
static enum cmd_rc
parse_village(const struct args *a, struct action *out, struct cmd_error *err)
{
	char	all[ACT_TEXT_MAX + 64 + 2];
	size_t	k;

	if (nargs(a) == 0)
		return badarg(err, CMD_F_VILLAGE, NULL);
	if (nargs(a) == 1 && lex_digits(arg(a, 0), 1, 2)) {
		out->choice = atoi(arg(a, 0));
		if (out->choice < 1)
			return badarg(err, CMD_F_VILLAGE, arg(a, 0));
		return CMD_OK;
	}
	if (a->lx->hashed) {
		snprintf(all, sizeof(all), "%s", arg(a, 0));
		for (k = 1; k < nargs(a); k++)
			snprintf(all + strlen(all), sizeof(all) - strlen(all),
			    ",%s", arg(a, k));
	} else if (!lex_join(a->lx, a->i, a->n, all, sizeof(all)))
		return badarg(err, CMD_F_VILLAGE, arg(a, 0));
	if (place_fields(all, out, err) != CMD_OK)
		return CMD_BADARG;
	if (out->village[0] == '\0')
		return badarg(err, CMD_F_VILLAGE, NULL);
	return CMD_OK;
}

static enum cmd_rc
parse_pin(const struct args *a, struct action *out, struct cmd_error *err)
{
	size_t	k, n = nargs(a);

	if (n < 1 || n > 2)
		return badarg(err, n == 0 ? CMD_F_PIN : CMD_F_EXTRA, NULL);
	for (k = 0; k < n; k++)
		if (!lex_digits(arg(a, k), 4, 6))
			return badarg(err, CMD_F_PIN, NULL);
	if (n == 2)
		copy_ok(out->pin_old, arg(a, 0), sizeof(out->pin_old));
	copy_ok(out->pin_new, arg(a, n - 1), sizeof(out->pin_new));
	return CMD_OK;
}

/* A whole number with an optional sign: "20", "-3". Where JUAL reads the
 * stock, such a token is the stock (valid or not). */
static bool
stock_like(const char *tok)
{
	if (tok == NULL)
		return false;
	if (*tok == '-')
		tok++;
	return *tok != '\0' && strspn(tok, "0123456789") == strlen(tok);
}

/* A token that starts like a number: "2", "-5", "1,5", "2kg". */
static bool
number_like(const char *tok)
{
	if (tok == NULL)
		return false;
	if (*tok == '-' || *tok == '+')
		tok++;
	return isdigit((unsigned char)*tok);
}

/* Reads a quantity: digits, thousands grouped by '.' or ',' ("1.000"), at
 * least min, at most CMD_QTY_MAX. CMD_R_NONE with *out set, or the reason. */
static enum cmd_reason
read_qty(const char *tok, int64_t min, int64_t *out)
{
	int64_t		 v = 0;
	const char	*p = tok;
	char		 sep = '\0';
	size_t		 run = 0, groups = 0;
	bool		 bad = false;

	if (tok == NULL || !number_like(tok))
		return CMD_R_WORD;
	if (*p == '-')
		return CMD_R_NEGATIVE;
	if (*p == '+')
		p++;
	for (; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p)) {
			if (v <= CMD_QTY_MAX)
				v = v * 10 + (*p - '0');
			run++;
		} else if ((*p == '.' || *p == ',') &&
		    isdigit((unsigned char)p[1])) {
			if ((sep != '\0' && *p != sep) ||
			    (groups == 0 ? run > 3 : run != 3))
				bad = true;
			sep = *p;
			groups++;
			run = 0;
		} else
			return CMD_R_WORD;
	}
	if (groups > 0 && (bad || run != 3))
		return CMD_R_DECIMAL;
	if (v > CMD_QTY_MAX)
		return CMD_R_TOO_LARGE;
	if (v < min)
		return CMD_R_ZERO;
	*out = v;
	return CMD_R_NONE;
}

static enum cmd_rc
qty_error(struct cmd_error *err, enum cmd_reason r, const char *tok)
{
	err->reason = r;
	return badarg(err, CMD_F_QTY, tok);
}

/* Parses the price written in tokens [s, e) of a (joined with spaces). */
static enum price_rc
price_span(const struct args *a, size_t s, size_t e, struct price *p)
{
	char	buf[SELL_SPAN_BUF];

	memset(p, 0, sizeof(*p));
	if (!lex_join(a->lx, a->i + s, a->i + e, buf, sizeof(buf)))
		return PRICE_TRAILING;
	return price_parse(buf, p);
}

/* A rejected price that still reads as a number meant as a price: the
 * reply names its problem ("0", "-5000", "1,5", "2000000000"), where a
 * word like "5kg" may as well be part of the name. */
static bool
numeric_rc(enum price_rc rc)
{
	switch (rc) {
	case PRICE_DECIMAL_NO_SUFFIX:
	case PRICE_NOT_WHOLE:
	case PRICE_ZERO:
	case PRICE_NEGATIVE:
	case PRICE_TOO_LARGE:
	case PRICE_BAD_GROUPING:
	case PRICE_BAD_UNIT:
		return true;
	default:
		return false;
	}
}

/* The price that ends at token e (exclusive): the longest span of up to
 * SELL_SPAN_MAX tokens that is a price ("Rp 15 ribu per kg" is one), its
 * first token in *start. When none is, the error of the longest span that
 * reads as a number (numeric_rc), else of the longest one that is no word
 * (PRICE_TRAILING: "5kg"), else PRICE_NOT_NUMBER; *start is that span's. */
static enum price_rc
price_ending(const struct args *a, size_t e, struct price *p, size_t *start)
{
	size_t		s, lo = e > SELL_SPAN_MAX ? e - SELL_SPAN_MAX : 0;
	size_t		snum = e, strail = e;
	enum price_rc	rc, num = PRICE_NOT_NUMBER, trail = PRICE_NOT_NUMBER;

	for (s = lo; s < e; s++) {
		if ((rc = price_span(a, s, e, p)) == PRICE_OK) {
			*start = s;
			return PRICE_OK;
		}
		if (num == PRICE_NOT_NUMBER && numeric_rc(rc)) {
			num = rc;
			snum = s;
		} else if (trail == PRICE_NOT_NUMBER && rc == PRICE_TRAILING) {
			trail = rc;
			strail = s;
		}
	}
	memset(p, 0, sizeof(*p));
	*start = num != PRICE_NOT_NUMBER ? snum : strail;
	return num != PRICE_NOT_NUMBER ? num : trail;
}

static enum cmd_rc
price_error(const struct args *a, struct cmd_error *err, enum price_rc rc,
    size_t s, size_t e)
{
	char	buf[SELL_SPAN_BUF];

	err->price_rc = rc;
	if (rc == PRICE_EMPTY || rc == PRICE_NOT_NUMBER) {
		err->price_rc = PRICE_EMPTY;
		return badarg(err, CMD_F_PRICE, NULL);
	}
	lex_join(a->lx, a->i + s, a->i + e, buf, sizeof(buf));
	return badarg(err, CMD_F_PRICE, buf);
}

/* The listing: name in tokens [0, s), price [s, e). */
static enum cmd_rc
sell_done(const struct args *a, struct action *out, struct cmd_error *err,
    const struct price *p, size_t s, size_t e, int64_t stock)
{
	if (s == 0)
		return badarg(err, CMD_F_NAME, NULL);
	if (p->bare && p->rp < PRICE_BARE_MIN_RP)
		return price_error(a, err, PRICE_TOO_SMALL, s, e);
	if (!lex_join(a->lx, a->i, a->i + s, out->text, sizeof(out->text)))
		return badarg(err, CMD_F_NAME, arg(a, 0));
	out->price_rp = p->rp;
	copy_ok(out->unit, p->unit, sizeof(out->unit));
	out->qty = stock;
	return CMD_OK;
}

/* JUAL <name> <price>[/<unit>] [stock | STOK n] [BARU]. The end of the
 * message is read first: a whole number after a price is the stock; else
 * the price ends the message. A rejected price or stock where they are read
 * is named as the problem, and never becomes part of the name. */
static enum cmd_rc
parse_sell(const struct args *a, struct action *out, struct cmd_error *err)
{
	struct price	 p, q;
	size_t		 n = nargs(a), e, s, k, qs;
	int64_t		 stock = 1;
	enum price_rc	 rc;
	enum cmd_reason	 r;

	if (n == 0)
		return badarg(err, CMD_F_NAME, NULL);
	e = n;
	if (e >= 2 && (lex_eq(arg(a, e - 1), "BARU") ||
	    lex_eq(arg(a, e - 1), "NEW"))) {
		out->force_new = true;	/* list even if the name exists */
		e--;
	}
	if (e >= 3 && (lex_eq(arg(a, e - 2), "STOK") ||
	    lex_eq(arg(a, e - 2), "STOCK"))) {
		/* "... 14rb STOK 30" */
		if ((r = read_qty(arg(a, e - 1), 0, &stock)) != CMD_R_NONE)
			return qty_error(err, r == CMD_R_WORD ? CMD_R_NONE : r,
			    arg(a, e - 1));
		e -= 2;
	} else if (e >= 2 && number_like(arg(a, e - 1)) &&
	    ((rc = price_ending(a, e - 1, &p, &s)) == PRICE_OK ||
	    numeric_rc(rc)) && (stock_like(arg(a, e - 1)) ||
	    (rc == PRICE_OK && !p.bare &&
	    read_qty(arg(a, e - 1), 0, &stock) != CMD_R_WORD))) {
		/* "... 15rb 20": price and stock; after a price written
		 * with Rp or a suffix also "15rb 1.000" and "15rb 1,5" */
		if (rc != PRICE_OK)
			return price_error(a, err, rc, s, e - 1);
		if ((r = read_qty(arg(a, e - 1), 0, &stock)) != CMD_R_NONE)
			return qty_error(err, r, arg(a, e - 1));
		return sell_done(a, out, err, &p, s, e - 1, stock);
	}
	if ((rc = price_ending(a, e, &p, &s)) == PRICE_OK)
		return sell_done(a, out, err, &p, s, e, stock);
	/* No price at the end: words after an earlier price (and stock). */
	for (k = e; k-- > 1;) {
		if (k >= 2 && stock_like(arg(a, k - 1)) &&
		    price_ending(a, k - 1, &q, &qs) == PRICE_OK) {
			err->reason = CMD_R_AFTER_STOCK;
			return badarg(err, CMD_F_EXTRA, arg(a, k));
		}
		if (price_ending(a, k, &q, &qs) == PRICE_OK) {
			if (number_like(arg(a, k)))
				err->reason = CMD_R_AFTER_STOCK;
			return badarg(err, CMD_F_EXTRA, arg(a, k));
		}
	}
	return price_error(a, err, rc, s, e);
}

/* A price in args [k, n): one token, or "Rp" and a number. Returns the
 * number of tokens used, 0 on error (err filled). */
static size_t
read_price(const struct args *a, size_t k, struct action *out,
    struct cmd_error *err)
{
	struct price	p;
	enum price_rc	rc;
	size_t		used = 1;

	if (arg(a, k) == NULL) {
		err->price_rc = PRICE_EMPTY;
		badarg(err, CMD_F_PRICE, NULL);
		return 0;
	}
	if (nargs(a) - k >= 2 && nargs(a) - k <= SELL_SPAN_MAX &&
	    price_span(a, k, nargs(a), &p) == PRICE_OK) {
		/* "15 ribu", "Rp 17 rb per kg": all the rest is the price */
		out->price_rp = p.rp;
		copy_ok(out->unit, p.unit, sizeof(out->unit));
		return nargs(a) - k;
	}
	if (price_is_currency(arg(a, k)) && arg(a, k + 1) != NULL) {
		rc = price_parse2(arg(a, k), arg(a, k + 1), &p);
		used = 2;
	} else
		rc = price_parse(arg(a, k), &p);
	if (rc != PRICE_OK) {
		err->price_rc = rc;
		badarg(err, CMD_F_PRICE, arg(a, k + used - 1));
		return 0;
	}
	out->price_rp = p.rp;
	copy_ok(out->unit, p.unit, sizeof(out->unit));
	return used;
}

static enum cmd_rc
parse_price(const struct args *a, struct action *out, struct cmd_error *err)
{
	size_t	used;

	if (need_code(a, 0, 'P', out, err) != CMD_OK)
		return CMD_BADARG;
	if ((used = read_price(a, 1, out, err)) == 0)
		return CMD_BADARG;
	return no_extra(a, 1 + used, err);
}

static enum cmd_rc
parse_stock(const struct args *a, struct action *out, struct cmd_error *err)
{
	const char	*v;

	if (need_code(a, 0, 'P', out, err) != CMD_OK)
		return CMD_BADARG;
	if ((v = arg(a, 1)) == NULL)
		return badarg(err, CMD_F_QTY, NULL);
	if (lex_eq(v, "HABIS") || lex_eq(v, "SOLDOUT")) {
		out->stock_op = STOCK_SOLDOUT;
		out->qty = 0;
	} else if ((v[0] == '+' || v[0] == '-') &&
	    lex_uint(v + 1, CMD_QTY_MAX, &out->qty) && out->qty > 0)
		out->stock_op = v[0] == '+' ? STOCK_ADD : STOCK_SUB;
	else if (lex_uint(v, CMD_QTY_MAX, &out->qty))
		out->stock_op = STOCK_SET;
	else
		return badarg(err, CMD_F_QTY, v);
	return no_extra(a, 2, err);
}

static enum cmd_rc
parse_one_code(const struct args *a, char prefix, struct action *out,
    struct cmd_error *err)
{
	if (need_code(a, 0, prefix, out, err) != CMD_OK)
		return CMD_BADARG;
	return no_extra(a, 1, err);
}

/* Cuts s to at most max bytes at a word boundary, ending in "..." ("antar
 * ke rumah Pak..."); one word longer than that is cut at a character.
 * Returns true when it had to cut. */
static bool
cut_words(char *s, size_t max)
{
	size_t	k;

	if (strlen(s) <= max)
		return false;
	k = max - 3;
	while (k > 0 && s[k] != ' ')
		k--;
	if (k == 0) {
		k = max - 3;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
	}
	while (k > 0 && strchr(" ,;:-", s[k - 1]) != NULL)
		k--;
	memcpy(s + k, "...", 4);
	return true;
}

/* Free text after the command (note, reason) into out[outsz], at most
 * CMD_NOTE_MAX bytes; true when it was cut. */
static bool
rest_text(const struct args *a, size_t from, char *out, size_t outsz)
{
	char	all[LEX_BUF_MAX];
	bool	cut;

	lex_join(a->lx, a->i + from, a->n, all, sizeof(all));
	cut = cut_words(all, CMD_NOTE_MAX < outsz ? CMD_NOTE_MAX : outsz - 1);
	copy_ok(out, all, outsz);
	return cut;
}

/* TOLAK / BATAL <order> [reason]. */
static enum cmd_rc
parse_code_reason(const struct args *a, struct action *out,
    struct cmd_error *err)
{
	if (need_code(a, 0, 'O', out, err) != CMD_OK)
		return CMD_BADARG;
	rest_text(a, 1, out->text, sizeof(out->text));
	return CMD_OK;
}

/* CARI words, without the punctuation around them ("gula." -> "gula"). */
static enum cmd_rc
parse_find(const struct args *a, struct action *out, struct cmd_error *err)
{
	static const char	 edge[] = ".,:;!?\"'()[]";
	char			 all[LEX_BUF_MAX], *w, *save;
	size_t			 o = 0, n;

	lex_join(a->lx, a->i, a->n, all, sizeof(all));
	for (w = strtok_r(all, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save)) {
		w += strspn(w, edge);
		n = strlen(w);
		while (n > 0 && strchr(edge, w[n - 1]) != NULL)
			n--;
		if (n == 0)
			continue;
		if (o + (o > 0) + n >= sizeof(out->text))
			break;
		if (o > 0)
			out->text[o++] = ' ';
		memcpy(out->text + o, w, n);
		o += n;
	}
	out->text[o] = '\0';
	if (o == 0)
		return badarg(err, CMD_F_WORDS, NULL);
	return CMD_OK;
}

/* "dua" -> 2: the number words satu..sepuluh, one..ten; 0 if none. */
static int64_t
number_word(const char *tok)
{
	static const char *const words[][2] = {
		{ "SATU", "ONE" }, { "DUA", "TWO" }, { "TIGA", "THREE" },
		{ "EMPAT", "FOUR" }, { "LIMA", "FIVE" }, { "ENAM", "SIX" },
		{ "TUJUH", "SEVEN" }, { "DELAPAN", "EIGHT" },
		{ "SEMBILAN", "NINE" }, { "SEPULUH", "TEN" },
	};
	size_t	i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (lex_eq(tok, words[i][0]) || lex_eq(tok, words[i][1]))
			return (int64_t)i + 1;
	return 0;
}

/* BELI <code> [qty] [note]: a token after the code that starts like a
 * number is the quantity and must be a valid one. */
static enum cmd_rc
parse_buy(const struct args *a, struct action *out, struct cmd_error *err)
{
	const char	*t;
	char		 buf[CMD_WORD_MAX];
	size_t		 note = 1, n;
	enum cmd_reason	 r;

	if (need_code(a, 0, 'P', out, err) != CMD_OK)
		return CMD_BADARG;
	out->qty = 1;
	t = arg(a, 1);
	if (t != NULL && (out->qty = number_word(t)) > 0)
		note = 2;
	else if (number_like(t)) {
		/* "2x" is 2 too */
		if ((n = strlen(t)) > 1 && n < sizeof(buf) &&
		    (t[n - 1] == 'x' || t[n - 1] == 'X')) {
			memcpy(buf, t, n - 1);
			buf[n - 1] = '\0';
			t = buf;
		}
		if ((r = read_qty(t, 1, &out->qty)) != CMD_R_NONE)
			return qty_error(err, r, arg(a, 1));
		note = 2;
	} else
		out->qty = 1;
	out->note_cut = rest_text(a, note, out->text, sizeof(out->text));
	return CMD_OK;
}

/* YA [code]: any four digits are a code attempt ("0000" too). */
static enum cmd_rc
parse_confirm(const struct args *a, struct action *out, struct cmd_error *err)
{
	char		 buf[CMD_WORD_MAX];
	const char	*t;
	int64_t		 v;

	out->confirm_code = -1;
	if (nargs(a) == 0)
		return CMD_OK;
	t = unpunct(arg(a, 0), buf, sizeof(buf));
	if (!lex_digits(t, 4, 4) || !lex_uint(t, 9999, &v))
		return badarg(err, CMD_F_CONFIRM, arg(a, 0));
	out->confirm_code = (int)v;
	return CMD_OK;
}

/* INFO P7 / INFO 7: a product; INFO O7: an order's details. */
static enum cmd_rc
parse_info(const struct args *a, struct action *out, struct cmd_error *err)
{
	const char	*t = arg(a, 0);

	if (t != NULL && toupper((unsigned char)t[0]) == 'O' &&
	    parse_code(t, 'O', &out->code))
		out->is_order = true;
	else if (need_code(a, 0, 'P', out, err) != CMD_OK)
		return CMD_BADARG;
	return no_extra(a, 1, err);
}

/* PESANAN: the list; PESANAN O7 (7, 07): one order's details. Other words
 * after it are harmless (read-only). */
static enum cmd_rc
parse_orders(const struct args *a, struct action *out, struct cmd_error *err)
{
	const char	*t = arg(a, 0);

	if (t == NULL)
		return CMD_OK;
	if (parse_code(t, 'O', &out->code)) {
		out->is_order = true;
		return CMD_OK;
	}
	if (isdigit((unsigned char)t[0]) || (toupper((unsigned char)t[0]) ==
	    'O' && isdigit((unsigned char)t[1])))
		return badarg(err, CMD_F_ORDER, t);
	return CMD_OK;
}

static const char *help_topic_word(const char *word);

static enum cmd_rc
parse_help(const struct cmd_table *t, const struct args *a, struct action *out)
{
	enum verb	 v;
	const char	*topic;

	if (nargs(a) > 0 && (topic = help_topic_word(arg(a, 0))) != NULL)
		copy_ok(out->text, topic, sizeof(out->text));
	else if (nargs(a) > 0 && (v = cmd_lookup(t, arg(a, 0))) != VERB_NONE)
		copy_ok(out->text, verb_keyword(v), sizeof(out->text));
	return CMD_OK;
}

static enum cmd_rc
parse_lang(const struct args *a, struct action *out, struct cmd_error *err)
{
	const char	*v = arg(a, 0);
	size_t		 n = v != NULL ? strlen(v) : 0, i;

	if (lex_eq(v, "ID") || lex_eq(v, "INDONESIA"))
		copy_ok(out->lang, "id", sizeof(out->lang));
	else if (lex_eq(v, "EN") || lex_eq(v, "ENGLISH") ||
	    lex_eq(v, "INGGRIS"))
		copy_ok(out->lang, "en", sizeof(out->lang));
	else if (n >= 2 && n < sizeof(out->lang)) {
		/* Regional languages: any code; the core knows which are
		 * loaded and names them when this one is not. */
		for (i = 0; i < n; i++) {
			if (!isalpha((unsigned char)v[i]))
				return badarg(err, CMD_F_LANG, v);
			out->lang[i] = (char)tolower((unsigned char)v[i]);
		}
		out->lang[n] = '\0';
	} else
		return badarg(err, CMD_F_LANG, v);
	return no_extra(a, 1, err);
}

/* BERAT <kode> <berat>: "250g", "1,5 kg", "2 ons"; a bare number is grams.
 * The bounds are the core's (commerce/weight.c); a weight that does not
 * read as one is the format's (bad.weight, field CMD_F_QTY). */
static enum cmd_rc
parse_weight(const struct args *a, struct action *out, struct cmd_error *err)
{
	char	all[LEX_BUF_MAX];

	if (need_code(a, 0, 'P', out, err) != CMD_OK)
		return CMD_BADARG;
	if (nargs(a) < 2)
		return badarg(err, CMD_F_QTY, NULL);
	if (nargs(a) > 3)
		return badarg(err, CMD_F_EXTRA, arg(a, 3));
	lex_join(a->lx, a->i + 1, a->n, all, sizeof(all));
	if (weight_parse(all, &out->weight_g) != WEIGHT_OK)
		return badarg(err, CMD_F_QTY, arg(a, 1));
	return CMD_OK;
}

/* Assistants (programme.md section 2). A typed phone number at k into
 * out->target (E.164). */
static enum cmd_rc
need_number(const struct cmd_table *t, const struct args *a, size_t k,
    struct action *out, struct cmd_error *err)
{
	char	buf[CMD_WORD_MAX];

	if (unpunct(arg(a, k), buf, sizeof(buf)) == NULL ||
	    phone_e164(buf, t->cc, false, out->target, sizeof(out->target)) == -1)
		return badarg(err, CMD_F_NUMBER, arg(a, k));
	return CMD_OK;
}

/* DAMPINGI <nomor>, CABUT <nomor asisten>. */
static enum cmd_rc
parse_number_only(const struct cmd_table *t, const struct args *a,
    struct action *out, struct cmd_error *err)
{
	if (need_number(t, a, 0, out, err) != CMD_OK)
		return CMD_BADARG;
	return no_extra(a, 1, err);
}

/* SETUJU / TIDAK <4-digit code>. */
static enum cmd_rc
parse_consent(const struct args *a, struct action *out, struct cmd_error *err)
{
	if (nargs(a) == 0)
		return badarg(err, CMD_F_CONFIRM, NULL);
	if (parse_confirm(a, out, err) != CMD_OK)
		return CMD_BADARG;
	return no_extra(a, 1, err);
}

/* UNTUK <nomor> <perintah...>: the command after the number is kept as
 * text, parsed again as a message of its own by the caller. */
static enum cmd_rc
parse_for(const struct cmd_table *t, const struct args *a, struct action *out,
    struct cmd_error *err)
{
	if (need_number(t, a, 0, out, err) != CMD_OK)
		return CMD_BADARG;
	if (nargs(a) < 2)
		return badarg(err, CMD_F_NONE, NULL);
	if (!lex_join(a->lx, a->i + 1, a->n, out->text, sizeof(out->text)))
		return badarg(err, CMD_F_EXTRA, NULL);
	return CMD_OK;
}

/* TERIMA <order>; four digits without 'O' may be a consent code. */
static enum cmd_rc
parse_accept(const struct args *a, struct action *out, struct cmd_error *err)
{
	char	buf[CMD_WORD_MAX];

	if (parse_one_code(a, 'O', out, err) != CMD_OK)
		return CMD_BADARG;
	out->bare_code = unpunct(arg(a, 0), buf, sizeof(buf)) != NULL &&
	    lex_digits(buf, 4, 4) && buf[0] != '0';
	return CMD_OK;
}

/* promotions: a token that reads as a product or order code ("P1", "O42",
 * "17"). */
static bool
code_like(const char *tok)
{
	int64_t	v;

	return parse_code(tok, 'P', &v) || parse_code(tok, 'O', &v);
}

/* BERHENTI / STOP / UNREG, alone or with one word that is no code
 * ("STOP promo", "UNREG lapak"). A code after it is a mistyped STOK ("STOP
 * P1 5"): CMD_F_CODE, which cmd_error_msg answers with the STOK hint. */
static enum cmd_rc
parse_stop(const struct args *a, struct action *out, struct cmd_error *err)
{
	out->unreg = strcasecmp(err->word, "UNREG") == 0;
	if (nargs(a) > 0 && code_like(arg(a, 0)))
		return badarg(err, CMD_F_CODE, arg(a, 0));
	return no_extra(a, 1, err);
}

/* LANGGANAN [DESA <tempat> | HAPUS <n> | <kata>]. */
static enum cmd_rc
parse_subscribe(const struct args *a, struct action *out,
    struct cmd_error *err)
{
	const char	*w = arg(a, 0);
	int64_t		 n;

	if (w == NULL) {
		out->sub_op = SUB_LIST;
		return CMD_OK;
	}
	if (lex_eq(w, "DESA") || lex_eq(w, "VILLAGE") || lex_eq(w, "DI") ||
	    lex_eq(w, "IN")) {
		out->sub_op = SUB_PLACE;
		if (nargs(a) < 2)
			return badarg(err, CMD_F_VILLAGE, NULL);
		if (rest_text(a, 1, out->text, sizeof(out->text)) ||
		    strlen(out->text) > PROMO_PLACE_MAX)
			return badarg(err, CMD_F_VILLAGE, arg(a, 1));
		return CMD_OK;
	}
	if (lex_eq(w, "HAPUS") || lex_eq(w, "DEL") || lex_eq(w, "DELETE") ||
	    lex_eq(w, "STOP")) {
		out->sub_op = SUB_DROP;
		if (nargs(a) < 2 || !lex_uint(arg(a, 1), 99, &n) || n < 1)
			return badarg(err, CMD_F_QTY, arg(a, 1));
		out->choice = (int)n;
		return no_extra(a, 2, err);
	}
	out->sub_op = SUB_WORD;
	if (code_like(w) || strlen(w) < 3 || strlen(w) > PROMO_WORD_MAX)
		return badarg(err, CMD_F_WORDS, w);
	if (nargs(a) > 1)
		return badarg(err, CMD_F_EXTRA, arg(a, 1));
	copy_ok(out->text, w, sizeof(out->text));
	return CMD_OK;
}

/* issue 13, payment records. LUNAS <order> [metode] [ref]: the method is
 * a word of the one table (common/action.c; TUNAI when left out), the rest
 * of the message the reference, kept when it fits PAY_REF_MAX characters
 * (longer: flagged, and the core says how long it may be). */
static enum cmd_rc
parse_paid(const struct args *a, struct action *out, struct cmd_error *err)
{
	char	 w[CMD_WORD_MAX], ref[LEX_BUF_MAX];
	size_t	 i, n = 0;

	if (need_code(a, 0, 'O', out, err) != CMD_OK)
		return CMD_BADARG;
	if (nargs(a) < 2)
		return CMD_OK;
	out->pay_method = pay_method_by_word(unpunct(arg(a, 1), w, sizeof(w)));
	if (out->pay_method == PAY_NONE)
		return badarg(err, CMD_F_METHOD, arg(a, 1));
	if (nargs(a) < 3)
		return CMD_OK;
	lex_join(a->lx, a->i + 2, a->n, ref, sizeof(ref));
	for (i = 0; ref[i] != '\0'; i++)
		if (((unsigned char)ref[i] & 0xC0) != 0x80)
			n++;
	if (n > PAY_REF_MAX || !copy_ok(out->pay_ref, ref,
	    sizeof(out->pay_ref))) {
		out->pay_ref[0] = '\0';
		out->pay_ref_long = true;
	}
	return CMD_OK;
}

/* couriers. KURIR <order> [nomor kurir]. */
static enum cmd_rc
parse_assign(const struct cmd_table *t, const struct args *a,
    struct action *out, struct cmd_error *err)
{
	if (need_code(a, 0, 'O', out, err) != CMD_OK)
		return CMD_BADARG;
	if (nargs(a) == 1)
		return CMD_OK;
	if (need_number(t, a, 1, out, err) != CMD_OK)
		return CMD_BADARG;
	return no_extra(a, 2, err);
}

/* ANTAR <order> <4-digit delivery code>. */
static enum cmd_rc
parse_deliver(const struct args *a, struct action *out, struct cmd_error *err)
{
	struct args	rest = *a;

	if (need_code(a, 0, 'O', out, err) != CMD_OK)
		return CMD_BADARG;
	if (nargs(a) < 2)
		return badarg(err, CMD_F_CONFIRM, NULL);
	rest.i++;
	if (parse_confirm(&rest, out, err) != CMD_OK)
		return CMD_BADARG;
	return no_extra(a, 2, err);
}
/* issue 13, privacy. HAPUS DATA [kode] [PIN] (the words HAPUS DATA already
 * read): nothing, one field of 4-6 digits (the 4-digit code, or the PIN
 * when no erasure is waiting: the core tells which) or the code then the
 * PIN. confirm_code holds a 4-digit first field, pin the last field. */
static enum cmd_rc
parse_erase(const struct args *a, struct action *out, struct cmd_error *err)
{
	char	buf[CMD_WORD_MAX];
	int64_t	v;
	size_t	n = nargs(a);

	if (n > 2)
		return badarg(err, CMD_F_EXTRA, arg(a, 2));
	if (n == 0)
		return CMD_OK;
	if (!lex_digits(unpunct(arg(a, 0), buf, sizeof(buf)), 4, n == 1 ? 6 :
	    4))
		return badarg(err, CMD_F_CONFIRM, arg(a, 0));
	if (strlen(buf) == 4 && lex_uint(buf, 9999, &v))
		out->confirm_code = (int)v;
	if (n == 2 && !lex_digits(unpunct(arg(a, 1), buf, sizeof(buf)), 4, 6))
		return badarg(err, CMD_F_EXTRA, arg(a, 1));
	copy_ok(out->pin, buf, sizeof(out->pin));
	return CMD_OK;
}

/* HAPUS DATA / DELETE DATA (and an operator's alias of HAPUS before
 * DATA): true when lx's first two words are one of them. Matched before
 * HAPUS <kode>. */
static bool
erase_words(const struct cmd_table *t, const struct lex *lx)
{
	const struct cmd_kw	*k;

	if (lx->ntok < 2 || !lex_eq(lx->tok[1].s, "DATA"))
		return false;
	if (lex_eq(lx->tok[0].s, "DELETE"))
		return true;
	return (k = kw_find(t, lx->tok[0].s)) != NULL &&
	    k->verb == VERB_DELIST;
}

static enum cmd_rc
dispatch(const struct cmd_table *t, enum verb v, const struct args *a,
    struct action *out, struct cmd_error *err)
{
	switch (v) {
	case VERB_REGISTER:	return parse_register(a, out, err);
	case VERB_PIN:		return parse_pin(a, out, err);
	case VERB_SELL:		return parse_sell(a, out, err);
	case VERB_PRICE:	return parse_price(a, out, err);
	case VERB_STOCK:	return parse_stock(a, out, err);
	case VERB_DELIST:	return parse_one_code(a, 'P', out, err);
	case VERB_INFO:		return parse_info(a, out, err);
	case VERB_ACCEPT:	return parse_accept(a, out, err);
	case VERB_SHIP:
	case VERB_RECEIVED:	return parse_one_code(a, 'O', out, err);
	case VERB_REJECT:
	case VERB_CANCEL:	return parse_code_reason(a, out, err);
	case VERB_FIND:		return parse_find(a, out, err);
	case VERB_BUY:		return parse_buy(a, out, err);
	case VERB_CONFIRM:	return parse_confirm(a, out, err);
	case VERB_HELP:		return parse_help(t, a, out);
	case VERB_LANGUAGE:	return parse_lang(a, out, err);
	case VERB_ORDERS:	return parse_orders(a, out, err);
	/* places (programme.md section 1) */
	case VERB_VILLAGE:	return parse_village(a, out, err);
	case VERB_WEIGHT:	return parse_weight(a, out, err);
	case VERB_MY_PRODUCTS:
	case VERB_MORE:		return CMD_OK;	/* read-only: extras harmless */
	/* issue 12, reports */
	case VERB_REPORT:	return CMD_OK;	/* read-only: extras harmless */
	/* assistants */
	case VERB_ASSIST:
	case VERB_REVOKE:	return parse_number_only(t, a, out, err);
	case VERB_AGREE:
	case VERB_DECLINE:	return parse_consent(a, out, err);
	case VERB_FOR:		return parse_for(t, a, out, err);
	case VERB_MY_SELLERS:	return CMD_OK;
	/* promotions */
	case VERB_STOP:		return parse_stop(a, out, err);
	case VERB_START:	return no_extra(a, 0, err);
	case VERB_SUBSCRIBE:	return parse_subscribe(a, out, err);
	/* issue 13, payment records */
	case VERB_PAID:		return parse_paid(a, out, err);
	/* couriers */
	case VERB_READY:
	case VERB_OFF:		return CMD_OK;	/* words after: harmless */
	case VERB_COURIER:	return parse_assign(t, a, out, err);
	case VERB_PICKUP:	return parse_one_code(a, 'O', out, err);
	case VERB_DELIVER:	return parse_deliver(a, out, err);
	case VERB_FAILED:	return parse_code_reason(a, out, err);
	/* issue 13, privacy */
	case VERB_MY_DATA:	return CMD_OK;	/* read-only: extras harmless */
	case VERB_ERASE:	return parse_erase(a, out, err);
	case VERB_NONE:
	case VERB__N:
		break;
	}
	return badarg(err, CMD_F_NONE, NULL);
}

/* The text after the first token (ULANG), skipping spaces and '#'. */
static const char *
after_first(const char *text, const struct lex *lx)
{
	const char	*p = text + lx->tok[0].off + lx->tok[0].len;

	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' ||
	    *p == '#')
		p++;
	return p;
}

/* "PIN1234": a PIN typed without the space. */
static bool
glued_pin(const char *tok)
{
	return strncasecmp(tok, "PIN", 3) == 0 &&
	    isdigit((unsigned char)tok[3]);
}

static void
mask_digits(char *s)
{
	for (; *s != '\0'; s++)
		if (isdigit((unsigned char)*s))
			*s = '*';
}

/* Clean state for (another) dispatch of one keyword. */
static void
reset(struct action *out, struct cmd_error *err, int verb, bool again,
    const char *word)
{
	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	out->confirm_code = -1;
	err->verb = out->verb = (enum verb)verb;
	err->again = out->again = again;
	lex_upper(word, err->word, sizeof(err->word));
}

/* The keyword of lx's first token. A keyword followed by punctuation is
 * still the keyword: "CARI:" and "Cari." are CARI, and "CARI:gula" is cut
 * into "CARI" "gula". NULL when the word is no keyword. */
static const struct cmd_kw *
first_kw(const struct cmd_table *t, struct lex *lx)
{
	const struct cmd_kw	*k;
	const char		*tok = lx->tok[0].s;
	char			 w[CMD_WORD_MAX];
	size_t			 n = strcspn(tok, CMD_PUNCT);

	if ((k = kw_find(t, tok)) != NULL || n == 0 || tok[n] == '\0' ||
	    n >= sizeof(w))
		return k;
	memcpy(w, tok, n);
	w[n] = '\0';
	if ((k = kw_find(t, w)) != NULL)
		lex_cut(lx, 0, n, strspn(tok + n, CMD_PUNCT));
	return k;
}

enum cmd_rc
cmd_parse(const struct cmd_table *t, const char *text, struct action *out,
    struct cmd_error *err)
{
	struct lex		*lx = xmalloc(sizeof(*lx));
	const struct cmd_kw	*k;
	const char		*s;
	struct args		 a;
	enum cmd_rc		 rc;
	bool			 again = false;

	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	out->confirm_code = -1;
	lex_split(text, lx);
	if (lx->ntok == 0) {
		rc = err->rc = CMD_EMPTY;
		goto done;
	}
	k = first_kw(t, lx);
	if (k != NULL && k->verb == CMD_AGAIN) {
		again = err->again = true;
		lex_upper(lx->tok[0].s, err->word, sizeof(err->word));
		lex_split(after_first(text, lx), lx);
		if (lx->ntok == 0) {
			rc = badarg(err, CMD_F_COMMAND, NULL);
			goto done;
		}
		k = first_kw(t, lx);
		if (k == NULL || k->verb == CMD_AGAIN) {
			rc = badarg(err, CMD_F_COMMAND, lx->tok[0].s);
			goto done;
		}
	}
	lex_upper(lx->tok[0].s, err->word, sizeof(err->word));
	/* issue 13, privacy: HAPUS DATA before HAPUS <kode> */
	if (erase_words(t, lx)) {
		reset(out, err, VERB_ERASE, again, "HAPUS DATA");
		a.lx = lx;
		a.i = 2;
		a.n = lx->ntok;
		rc = err->rc = parse_erase(&a, out, err);
		goto done;
	}
	if (k == NULL) {
		/* "JAUL:" is JAUL */
		char w[CMD_WORD_MAX];

		if (unpunct(lx->tok[0].s, w, sizeof(w))[0] != '\0')
			lex_upper(w, err->word, sizeof(err->word));
		if ((s = suggest(t, w[0] != '\0' ? w : lx->tok[0].s)) != NULL)
			snprintf(err->suggest, sizeof(err->suggest), "%s", s);
		if (glued_pin(lx->tok[0].s)) {
			/* "PIN1234": never echo the digits. */
			mask_digits(err->word);
			snprintf(err->suggest, sizeof(err->suggest), "PIN");
		}
		rc = err->rc = CMD_UNKNOWN;
		goto done;
	}
	reset(out, err, k->verb, again, lx->tok[0].s);
	a.lx = lx;
	a.i = 1;
	a.n = lx->ntok;
	if (cmd_needs_pin(t, out->verb) && a.n > a.i &&
	    lex_digits(lx->tok[a.n - 1].s, 4, 6)) {
		/* Trailing PIN; if the rest does not parse without it, the
		 * digits were the command's own ("JUAL Kopi 25000"). */
		a.n--;
		if (dispatch(t, out->verb, &a, out, err) == CMD_OK) {
			copy_ok(out->pin, lx->tok[a.n].s, sizeof(out->pin));
			rc = err->rc = CMD_OK;
			goto done;
		}
		reset(out, err, k->verb, again, lx->tok[0].s);
		a.n++;
	}
	rc = dispatch(t, out->verb, &a, out, err);
	err->rc = rc;
done:
	if (rc != CMD_OK) {
		enum verb v = err->verb;
		bool ag = err->again;

		memset(out, 0, sizeof(*out));
		out->confirm_code = -1;
		err->verb = v;
		err->again = ag;
	}
	free(lx);
	return rc;
}

static void
mask_span(char *out, size_t outlen, const struct lex_tok *tk, size_t base)
{
	size_t	i;

	for (i = base + tk->off; i < base + tk->off + tk->len && i < outlen;
	    i++)
		if (isdigit((unsigned char)out[i]))
			out[i] = '*';
}

bool
cmd_mask_pin(const struct cmd_table *t, const char *text, char *out,
    size_t outsz)
{
	struct lex		*lx = xmalloc(sizeof(*lx));
	struct cmd_table	*own = NULL;
	const struct cmd_kw	*k = NULL;
	const char		*s = text;
	size_t			 i, outlen, base = 0;
	bool			 ok, pin;
	enum verb		 v = VERB_NONE;

	if (t == NULL)
		t = own = cmd_table_new(NULL);
	ok = strlcpy_ok(out, text, outsz);
	outlen = strlen(out);
	lex_split(s, lx);
	/* The same keyword reading as cmd_parse ("PIN:1234" is PIN). */
	if (lx->ntok > 0 && (k = first_kw(t, lx)) != NULL &&
	    k->verb == CMD_AGAIN) {
		s = after_first(text, lx);
		base = (size_t)(s - text);
		lex_split(s, lx);
		k = lx->ntok > 0 ? first_kw(t, lx) : NULL;
	}
	if (lx->ntok == 0)
		goto out;
	if (k != NULL && k->verb != CMD_AGAIN)
		v = (enum verb)k->verb;
	pin = v == VERB_PIN || lex_eq(lx->tok[0].s, "PIN");
	if (glued_pin(lx->tok[0].s)) {
		mask_span(out, outlen, &lx->tok[0], base);
		pin = true;
	}
	if (!pin && k == NULL) {
		const char *sg = suggest(t, lx->tok[0].s);

		pin = sg != NULL && strcmp(sg, "PIN") == 0;
	}
	/* issue 13, privacy: HAPUS DATA <kode> <PIN>: both masked. */
	if (!pin && erase_words(t, lx))
		for (i = 2; i < lx->ntok; i++)
			mask_span(out, outlen, &lx->tok[i], base);
	/* UNTUK <nomor> PIN ...: refused, but its digits are still a PIN. */
	if (!pin && v == VERB_FOR && lx->ntok > 2 &&
	    (lex_eq(lx->tok[2].s, "PIN") || glued_pin(lx->tok[2].s))) {
		for (i = 2; i < lx->ntok; i++)
			mask_span(out, outlen, &lx->tok[i], base);
	}
	if (pin) {
		for (i = 1; i < lx->ntok; i++)
			mask_span(out, outlen, &lx->tok[i], base);
	} else if (own == NULL && cmd_needs_pin(t, v) && lx->ntok > 1 &&
	    lex_digits(lx->tok[lx->ntok - 1].s, 4, 6)) {
		/* Only when the parser takes it as the PIN. */
		struct action		a;
		struct cmd_error	e;

		if (cmd_parse(t, text, &a, &e) == CMD_OK && a.pin[0] != '\0')
			mask_span(out, outlen, &lx->tok[lx->ntok - 1], base);
	}
out:
	cmd_table_free(own);
	free(lx);
	return ok;
}

/*
 * The template names of the parser's replies. Each table is the one place
 * its names are written: cmd_error_msg and cmd_help_msg pick from them, and
 * cmd_tmpl_keys hands them to the load-time check (templates_check), so a
 * name missing from a language stops lapakd from starting. A composed name
 * is written out whole: "bad." and "help." + verb_name(), "badprice." +
 * the reason (test_cmd checks the tables against verb_name).
 */
enum cmd_tmpl { CT_EMPTY, CT_UNKNOWN, CT_SUGGEST, CT_BAD_AGAIN, CT_HELP_ALL,
	CT_HELP_ASSISTANT,	/* issue 12, USSD for assistants */
	CT_STOP_STOCK,		/* promotions: STOP P1 5, a mistyped STOK */
	CT_HELP_OTHER,		/* issue 13: BANTUAN LAIN, what help.all has
				 * no room for (payments, promotions, data) */
	CT__N };
static const char *const cmd_keys[CT__N] = {
	[CT_EMPTY] = "cmd.empty",
	[CT_UNKNOWN] = "cmd.unknown",
	[CT_SUGGEST] = "cmd.suggest",
	[CT_BAD_AGAIN] = "bad.again",
	[CT_HELP_ALL] = "help.all",
	/* issue 12, USSD for assistants: BANTUAN ASISTEN */
	[CT_HELP_ASSISTANT] = "help.assistant",
	/* promotions */
	[CT_STOP_STOCK] = "cmd.stop_stock",
	[CT_HELP_OTHER] = "help.other",
};

/* BANTUAN <topic>: the commands of one group of users, where help.all has
 * no room for them. word is what parse_help keeps in action.text (no verb
 * keyword is one); aliases are the other words a user may send. */
static const struct {
	const char	*word;
	const char	*aliases[3];
	enum cmd_tmpl	 key;
} help_topics[] = {
	{ "ASISTEN", { "ASSISTANT", "ASSISTANTS", NULL }, CT_HELP_ASSISTANT },
	{ "LAIN", { "OTHER", "LAINNYA", NULL }, CT_HELP_OTHER },
};

/* The topic word for a BANTUAN argument (any case), or NULL. */
static const char *
help_topic_word(const char *word)
{
	size_t	i, k;

	for (i = 0; i < sizeof(help_topics) / sizeof(help_topics[0]); i++) {
		if (lex_eq(word, help_topics[i].word))
			return help_topics[i].word;
		for (k = 0; k < 3 && help_topics[i].aliases[k] != NULL; k++)
			if (lex_eq(word, help_topics[i].aliases[k]))
				return help_topics[i].word;
	}
	return NULL;
}

/* A malformed command: its format and an example. */
static const char *const bad_keys[VERB__N] = {
	[VERB_REGISTER] = "bad.reg",		[VERB_PIN] = "bad.pin",
	[VERB_SELL] = "bad.sell",		[VERB_PRICE] = "bad.price",
	[VERB_STOCK] = "bad.stock",		[VERB_DELIST] = "bad.del",
	[VERB_MY_PRODUCTS] = "bad.my",		[VERB_ORDERS] = "bad.orders",
	[VERB_ACCEPT] = "bad.accept",		[VERB_REJECT] = "bad.reject",
	[VERB_SHIP] = "bad.ship",		[VERB_FIND] = "bad.find",
	[VERB_MORE] = "bad.more",		[VERB_INFO] = "bad.info",
	[VERB_BUY] = "bad.buy",			[VERB_CONFIRM] = "bad.yes",
	[VERB_CANCEL] = "bad.cancel",		[VERB_RECEIVED] = "bad.received",
	[VERB_HELP] = "bad.help",		[VERB_LANGUAGE] = "bad.lang",
	/* places (programme.md section 1) */
	[VERB_VILLAGE] = "bad.village",
	/* issue 12, marketplace export */
	[VERB_WEIGHT] = "bad.weight",
	/* issue 12, reports */
	[VERB_REPORT] = "bad.report",
	/* assistants */
	[VERB_ASSIST] = "bad.assist",		[VERB_AGREE] = "bad.agree",
	[VERB_DECLINE] = "bad.decline",		[VERB_FOR] = "bad.for",
	[VERB_REVOKE] = "bad.revoke",		[VERB_MY_SELLERS] = "bad.mysellers",
	/* promotions */
	[VERB_STOP] = "bad.stop",		[VERB_START] = "bad.start",
	[VERB_SUBSCRIBE] = "bad.subscribe",
	/* issue 13, payment records */
	[VERB_PAID] = "bad.paid",
	/* couriers */
	[VERB_READY] = "bad.ready",		[VERB_OFF] = "bad.off",
	[VERB_COURIER] = "bad.courier",		[VERB_PICKUP] = "bad.pickup",
	[VERB_DELIVER] = "bad.deliver",		[VERB_FAILED] = "bad.failed",
	/* issue 13, privacy */
	[VERB_MY_DATA] = "bad.mydata",		[VERB_ERASE] = "bad.erase",
};

/* BANTUAN <command>. */
static const char *const help_keys[VERB__N] = {
	[VERB_REGISTER] = "help.reg",		[VERB_PIN] = "help.pin",
	[VERB_SELL] = "help.sell",		[VERB_PRICE] = "help.price",
	[VERB_STOCK] = "help.stock",		[VERB_DELIST] = "help.del",
	[VERB_MY_PRODUCTS] = "help.my",		[VERB_ORDERS] = "help.orders",
	[VERB_ACCEPT] = "help.accept",		[VERB_REJECT] = "help.reject",
	[VERB_SHIP] = "help.ship",		[VERB_FIND] = "help.find",
	[VERB_MORE] = "help.more",		[VERB_INFO] = "help.info",
	[VERB_BUY] = "help.buy",		[VERB_CONFIRM] = "help.yes",
	[VERB_CANCEL] = "help.cancel",		[VERB_RECEIVED] = "help.received",
	[VERB_HELP] = "help.help",		[VERB_LANGUAGE] = "help.lang",
	/* places (programme.md section 1) */
	[VERB_VILLAGE] = "help.village",
	/* issue 12, marketplace export */
	[VERB_WEIGHT] = "help.weight",
	/* issue 12, reports */
	[VERB_REPORT] = "help.report",
	/* assistants */
	[VERB_ASSIST] = "help.assist",		[VERB_AGREE] = "help.agree",
	[VERB_DECLINE] = "help.decline",	[VERB_FOR] = "help.for",
	[VERB_REVOKE] = "help.revoke",		[VERB_MY_SELLERS] = "help.mysellers",
	/* issue 13, privacy */
	[VERB_MY_DATA] = "help.mydata",		[VERB_ERASE] = "help.erase",
	/* couriers */
	[VERB_READY] = "help.ready",		[VERB_OFF] = "help.off",
	[VERB_COURIER] = "help.courier",	[VERB_PICKUP] = "help.pickup",
	[VERB_DELIVER] = "help.deliver",	[VERB_FAILED] = "help.failed",
	/* promotions */
	[VERB_STOP] = "help.stop",		[VERB_START] = "help.start",
	[VERB_SUBSCRIBE] = "help.subscribe",
	/* issue 13, payment records */
	[VERB_PAID] = "help.paid",
};

/* issue 13, payment records: a LUNAS method not in the table, with the
 * methods there are. */
enum cmd_paid_tmpl { CP_METHOD, CP__N };
static const char *const badpaid_keys[CP__N] = {
	[CP_METHOD] = "badpaid.method",
};

/* A rejected price, why; NULL: nothing to say but the format (bad.<verb>). */
static const char *const badprice_keys[PRICE_TOO_SMALL + 1] = {
	[PRICE_DECIMAL_NO_SUFFIX] = "badprice.decimal",
	[PRICE_NOT_WHOLE] = "badprice.not_whole",
	[PRICE_ZERO] = "badprice.zero",
	[PRICE_NEGATIVE] = "badprice.negative",
	[PRICE_TOO_LARGE] = "badprice.too_large",
	[PRICE_TRAILING] = "badprice.trailing",
	[PRICE_BAD_GROUPING] = "badprice.grouping",
	[PRICE_BAD_UNIT] = "badprice.unit",
	[PRICE_TOO_SMALL] = "badprice.small",
};

/* A JUAL stock, why (its minimum is 0 and parse_sell never gives
 * CMD_R_WORD); NULL: the format (bad.sell). */
static const char *const badstock_keys[CMD_R__N] = {
	[CMD_R_NEGATIVE] = "badstock.negative",
	[CMD_R_DECIMAL] = "badstock.decimal",
	[CMD_R_TOO_LARGE] = "badstock.too_large",
	[CMD_R_AFTER_STOCK] = "badstock.after",
};

/* A BELI quantity, why; NULL: the format (bad.buy). */
static const char *const badqty_keys[CMD_R__N] = {
	[CMD_R_NEGATIVE] = "badqty.negative",
	[CMD_R_ZERO] = "badqty.zero",
	[CMD_R_DECIMAL] = "badqty.decimal",
	[CMD_R_TOO_LARGE] = "badqty.too_large",
	[CMD_R_WORD] = "badqty.word",
};

#define NKEYS(a)	(sizeof(a) / sizeof((a)[0]))
static const struct tmpl_keys cmd_key_sets[] = {
	{ "menus/cmd.c", cmd_keys, NKEYS(cmd_keys) },
	{ "menus/cmd.c", bad_keys, NKEYS(bad_keys) },
	{ "menus/cmd.c", help_keys, NKEYS(help_keys) },
	{ "menus/cmd.c", badprice_keys, NKEYS(badprice_keys) },
	{ "menus/cmd.c", badstock_keys, NKEYS(badstock_keys) },
	{ "menus/cmd.c", badqty_keys, NKEYS(badqty_keys) },
	/* issue 13, payment records */
	{ "menus/cmd.c", badpaid_keys, NKEYS(badpaid_keys) },
};

const struct tmpl_keys *
cmd_tmpl_keys(size_t *n)
{
	*n = NKEYS(cmd_key_sets);
	return cmd_key_sets;
}

/* tab[i], or NULL when i is outside tab (n entries). */
static const char *
key_at(const char *const *tab, size_t n, int i)
{
	return i >= 0 && (size_t)i < n ? tab[i] : NULL;
}

static void
set_tmpl(struct act_msg *m, const char *name)
{
	snprintf(m->tmpl, sizeof(m->tmpl), "%s", name);
}

void
cmd_error_msg(const struct cmd_error *err, struct act_msg *out)
{
	const char	*name = NULL;

	memset(out, 0, sizeof(*out));
	switch (err->rc) {
	case CMD_OK:
	case CMD_EMPTY:
		set_tmpl(out, cmd_keys[CT_EMPTY]);
		return;
	case CMD_UNKNOWN:
		act_set(out, "word", "%s", err->word);
		if (err->suggest[0] != '\0') {
			set_tmpl(out, cmd_keys[CT_SUGGEST]);
			act_set(out, "suggest", "%s", err->suggest);
		} else
			set_tmpl(out, cmd_keys[CT_UNKNOWN]);
		return;
	case CMD_BADARG:
		break;
	}
	act_set(out, "value", "%s", err->value);
	act_set(out, "cmd", "%s", err->word);
	if (err->field == CMD_F_PRICE)
		name = key_at(badprice_keys, NKEYS(badprice_keys),
		    (int)err->price_rc);
	else if (err->field == CMD_F_QTY || err->field == CMD_F_EXTRA) {
		if (err->verb == VERB_SELL)
			name = key_at(badstock_keys, NKEYS(badstock_keys),
			    (int)err->reason);
		else if (err->verb == VERB_BUY)
			name = key_at(badqty_keys, NKEYS(badqty_keys),
			    (int)err->reason);
	}
	/* promotions: STOP P1 5 meant STOK P1 5 */
	if (err->verb == VERB_STOP && err->field == CMD_F_CODE &&
	    err->value[0] != '\0')
		name = cmd_keys[CT_STOP_STOCK];
	if (err->field == CMD_F_METHOD)	/* payment records */
		name = badpaid_keys[CP_METHOD];
	if (name == NULL && (err->field == CMD_F_COMMAND ||
	    (name = key_at(bad_keys, NKEYS(bad_keys), (int)err->verb)) ==
	    NULL))
		name = cmd_keys[CT_BAD_AGAIN];
	set_tmpl(out, name);
}

void
cmd_help_msg(const struct action *a, struct act_msg *out)
{
	enum verb	v;
	size_t		i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < sizeof(help_topics) / sizeof(help_topics[0]); i++)
		if (strcmp(a->text, help_topics[i].word) == 0) {
			set_tmpl(out, cmd_keys[help_topics[i].key]);
			return;
		}
	for (v = VERB_NONE + 1; v < VERB__N; v++)
		if (a->text[0] != '\0' && strcmp(a->text, verb_keyword(v)) == 0)
			break;
	set_tmpl(out, a->text[0] == '\0' || v == VERB__N ?
	    cmd_keys[CT_HELP_ALL] : help_keys[v]);
}
