/* The USSD menu walker and linter. A screen is one of six kinds (menu,
 * input, list, confirm, action, end); the walk keeps its position and the
 * answers in a plain struct menu_state, and asks its caller to run actions
 * (the same struct action SMS commands build) rather than running them. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/gsm.h"
#include "common/phone.h"
#include "common/utf8.h"
#include "common/xalloc.h"
#include "menus/lex.h"
#include "menus/menu.h"
#include "menus/price.h"
#include "menus/reply.h"
#include "menus/weight.h"

enum kind { K_MENU, K_INPUT, K_LIST, K_CONFIRM, K_ACTION, K_END, K__N };
static const char *const kind_names[K__N] = {
	"menu", "input", "list", "confirm", "action", "end"
};

enum valid { V_TEXT, V_PRICE, V_QUANTITY, V_STOCK, V_PRODUCT, V_ORDER, V_PIN,
	V_YESNO, V_LANGUAGE, V_DIGITS,
	V_WEIGHT,	/* issue 12, marketplace export: "250g", "1,5 kg" */
	/* couriers, USSD */
	V_CODE,		/* a 4-digit code (ANTAR's delivery code) */
	V_PHONE,	/* a phone number, kept in E.164 (KURIR's courier) */
	V__N };
static const char *const valid_names[V__N] = {
	"text", "price", "quantity", "stock", "product", "order", "pin",
	"yesno", "language", "digits", "weight",
	"code", "phone"
};

/* Actions by their menu-file name. list: usable on a list screen (and the
 * row value a pick saves). */
static const struct {
	const char	*name;
	enum verb	 verb;
	const char	*list_key;	/* NULL: not a list */
} actions[] = {
	{ "register", VERB_REGISTER, NULL },
	{ "pin", VERB_PIN, NULL },
	{ "sell", VERB_SELL, NULL },
	{ "price", VERB_PRICE, NULL },
	{ "stock", VERB_STOCK, NULL },
	{ "delist", VERB_DELIST, NULL },
	{ "my_products", VERB_MY_PRODUCTS, "code" },
	{ "orders", VERB_ORDERS, "order" },
	{ "accept", VERB_ACCEPT, NULL },
	{ "reject", VERB_REJECT, NULL },
	{ "ship", VERB_SHIP, NULL },
	{ "find", VERB_FIND, "code" },
	{ "info", VERB_INFO, NULL },
	{ "buy", VERB_BUY, NULL },
	{ "confirm", VERB_CONFIRM, NULL },
	{ "cancel", VERB_CANCEL, NULL },
	{ "received", VERB_RECEIVED, NULL },
	{ "language", VERB_LANGUAGE, NULL },
	{ "help", VERB_HELP, NULL },
	/* assistants: the linked sellers; a pick saves the seller's number */
	{ "my_sellers", VERB_MY_SELLERS, "seller" },
	/* Menus only: info on the picked product plus {total} for {qty}, so a
	 * purchase is shown before any order exists. */
	{ "quote", VERB_INFO, NULL },
	/* issue 12, marketplace export */
	{ "weight", VERB_WEIGHT, NULL },
	/* places (programme.md section 1) */
	{ "village", VERB_VILLAGE, NULL },
	/* issue 12, USSD for assistants: LAPORAN, the assistant's own month */
	{ "report", VERB_REPORT, NULL },
	/* issue 13, payment records: LUNAS (answers order, method, ref) */
	{ "paid", VERB_PAID, NULL },
	/* couriers, USSD (programme.md section 7): the seller's KURIR and
	 * GAGAL; the courier's jobs (PESANAN, a pick saves the order), AMBIL,
	 * ANTAR, GAGAL, SIAP, LIBUR */
	{ "courier", VERB_COURIER, NULL },
	{ "jobs", VERB_ORDERS, "order" },
	{ "pickup", VERB_PICKUP, NULL },
	{ "deliver", VERB_DELIVER, NULL },
	{ "failed", VERB_FAILED, NULL },	/* the seller's or the courier's */
	{ "ready", VERB_READY, NULL },
	{ "off", VERB_OFF, NULL },
};
#define NACTIONS (int)(sizeof(actions) / sizeof(actions[0]))

/* couriers, USSD: action k is the courier's own (never run for a seller an
 * assistant picked); "jobs" is PESANAN of the courier's jobs only. */
static bool
courier_own(int k)
{
	switch (actions[k].verb) {
	case VERB_PICKUP:
	case VERB_DELIVER:
	case VERB_READY:
	case VERB_OFF:
		return true;
	default:
		return strcmp(actions[k].name, "jobs") == 0;
	}
}

/* Shared messages, built in; a menu file's messages = { } overrides them. */
static const struct {
	const char	*name;
	const char	*id, *en;
} builtin_msgs[] = {
	{ "back", "0 Kembali", "0 Back" },
	{ "more", "9 Lagi", "9 More" },
	{ "yes_no", "1 Ya\n2 Batal", "1 Yes\n2 Cancel" },
	{ "bad_choice", "Pilihan tidak ada.", "No such choice." },
	{ "pin", "Masukkan PIN Anda:", "Enter your PIN:" },
	{ "pin_bad", "PIN 4-6 angka.", "PIN is 4-6 digits." },
	{ "skip", "1 Lewati", "1 Skip" },
	{ "resume", "Lanjutkan sesi sebelumnya?\n1 Ya\n2 Mulai baru",
	    "Continue where you left off?\n1 Yes\n2 Start again" },
	{ "expired", "Sesi berakhir. Silakan tekan kode USSD lagi.",
	    "Session ended. Please dial the USSD code again." },
	{ "error", "Maaf, ada gangguan. Coba lagi nanti.",
	    "Sorry, something went wrong. Try again later." },
};
#define NBUILTIN (int)(sizeof(builtin_msgs) / sizeof(builtin_msgs[0]))

struct scr {
	const struct menu_screen_def *d;
	enum kind	 kind;
	enum valid	 valid;
	int		 action;	/* index into actions[], -1 */
	int		 next, yes, no;	/* screen indexes, -1 */
	int		*opt_to;	/* per option */
};

struct menu {
	const struct menu_def	*d;
	const struct templates	*t;
	struct scr		*s;
	int			 n;
	int			 start;
	char			 cc[8];		/* couriers: input = "phone" */
};

/* --- small helpers ------------------------------------------------------ */

static int
find_kind(const char *name)
{
	int	i;

	for (i = 0; name != NULL && i < K__N; i++)
		if (strcmp(name, kind_names[i]) == 0)
			return i;
	return -1;
}

static int
find_valid(const char *name)
{
	int	i;

	for (i = 0; name != NULL && i < V__N; i++)
		if (strcmp(name, valid_names[i]) == 0)
			return i;
	return -1;
}

static int
find_action(const char *name)
{
	int	i;

	for (i = 0; name != NULL && i < NACTIONS; i++)
		if (strcmp(name, actions[i].name) == 0)
			return i;
	return -1;
}

static int
find_screen_def(const struct menu_def *d, const char *id)
{
	int	i;

	for (i = 0; id != NULL && i < d->nscreens; i++)
		if (strcmp(d->screens[i].id, id) == 0)
			return i;
	return -1;
}

/* One character of a NUL-terminated string (common/utf8.c); >= 1 byte. */
static size_t
utf8_next(const char *s, uint32_t *cp)
{
	return utf8_decode(s, strnlen(s, 4), cp);
}

size_t
menu_screen_len(const char *s, bool *gsm)
{
	bool	g = reply_is_gsm(s, NULL);
	size_t	n = 0, k;
	uint32_t cp;

	while (*s != '\0') {
		k = utf8_next(s, &cp);
		if (g)
			n += gsm_ext(cp) ? 2 : 1;
		else
			n += cp > 0xFFFF ? 2 : 1;
		s += k;
	}
	if (gsm != NULL)
		*gsm = g;
	return n;
}

/* Cuts s (in place) to at most max characters (counted as in
 * menu_screen_len with the given alphabet); appends ".." when cut. */
static void
cut_chars(char *s, size_t max, bool gsm)
{
	size_t	n = 0, k, w, last_fit = 0;
	uint32_t cp;
	char	*p = s;

	if (menu_screen_len(s, NULL) <= max)
		return;
	while (*p != '\0') {
		k = utf8_next(p, &cp);
		w = gsm ? (gsm_ext(cp) ? 2 : 1) : (cp > 0xFFFF ? 2 : 1);
		if (n + w + 2 > max)
			break;
		n += w;
		p += k;
		last_fit = (size_t)(p - s);
	}
	if (max < 2) {
		s[0] = '\0';
		return;
	}
	memcpy(s + last_fit, "..", 3);
}

void
menu_fit(char *s)
{
	bool	gsm;
	size_t	n = menu_screen_len(s, &gsm);

	if (n > (gsm ? MENU_GSM_MAX : MENU_UCS2_MAX))
		cut_chars(s, gsm ? MENU_GSM_MAX : MENU_UCS2_MAX, gsm);
}

static void
cat(char *out, size_t outsz, const char *s)
{
	size_t	n = strlen(out);

	if (n < outsz)
		snprintf(out + n, outsz - n, "%s", s);
}

static void
catline(char *out, size_t outsz, const char *s)
{
	if (s == NULL || s[0] == '\0')
		return;
	if (out[0] != '\0')
		cat(out, outsz, "\n");
	cat(out, outsz, s);
}

static const char *
ans_get(const struct menu_state *s, const char *key)
{
	int	i;

	for (i = 0; i < s->nans; i++)
		if (strcmp(s->ans[i].key, key) == 0)
			return s->ans[i].val;
	return NULL;
}

static void
ans_set(struct menu_state *s, const char *key, const char *val)
{
	int	i;

	if (key == NULL || key[0] == '\0')
		return;
	for (i = 0; i < s->nans; i++)
		if (strcmp(s->ans[i].key, key) == 0)
			break;
	if (i == s->nans) {
		if (s->nans == MENU_ANS_MAX)
			return;
		s->nans++;
		snprintf(s->ans[i].key, sizeof(s->ans[i].key), "%s", key);
	}
	snprintf(s->ans[i].val, sizeof(s->ans[i].val), "%s", val);
}

/* text with {answer} placeholders filled in (each cut at MENU_VAR_SHOW). */
static void
expand(const struct menu_state *s, const char *text, char *out, size_t outsz)
{
	const char	*p = text, *v;
	char		 key[MENU_ANS_KEY], val[MENU_ANS_VAL];
	size_t		 o = 0, k;

	out[0] = '\0';
	while (*p != '\0' && o + 1 < outsz) {
		if (*p == '{') {
			for (k = 1; isalnum((unsigned char)p[k]) || p[k] == '_';
			    k++)
				;
			if (p[k] == '}' && k > 1 && k - 1 < sizeof(key)) {
				memcpy(key, p + 1, k - 1);
				key[k - 1] = '\0';
				v = s != NULL ? ans_get(s, key) : NULL;
				snprintf(val, sizeof(val), "%s", v ? v : "");
				cut_chars(val, MENU_VAR_SHOW, reply_is_gsm(val,
				    NULL));
				o += (size_t)snprintf(out + o, outsz - o, "%s", val);
				if (o >= outsz)
					o = outsz - 1;
				p += k + 1;
				continue;
			}
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
}

const char *
menu_message(const struct menu *m, const char *name, const char *lang)
{
	const char	*t;
	int		 i;

	for (i = 0; m != NULL && i < m->d->nmsgs; i++)
		if (strcmp(m->d->msgs[i].name, name) == 0 &&
		    (t = menu_text_get(m->d, &m->d->msgs[i].text, lang)) != NULL)
			return t;
	for (i = 0; i < NBUILTIN; i++)
		if (strcmp(builtin_msgs[i].name, name) == 0)
			return lang != NULL && strcmp(lang, "en") == 0 ?
			    builtin_msgs[i].en : builtin_msgs[i].id;
	return "";
}

/* --- lint ------------------------------------------------------------- */

struct lint {
	const struct menu_def	*d;
	menu_lint_fn		*fn;
	void			*arg;
	int			 n;
};

static void
lintf(struct lint *l, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
lintf(struct lint *l, int line, const char *fmt, ...)
{
	char	what[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	l->n++;
	if (l->fn != NULL)
		l->fn(l->arg, l->d->file, line, what);
}

static bool
lang_known(const struct menu_def *d, const char *lang)
{
	int	i;

	for (i = 0; i < d->nlangs; i++)
		if (strcmp(d->langs[i], lang) == 0)
			return true;
	return false;
}

static void
lint_text(struct lint *l, const struct menu_text *t, const char *where)
{
	int	i, k;
	bool	have;

	if (t->n == 0)
		return;
	for (i = 0; i < l->d->nlangs; i++) {
		have = false;
		for (k = 0; k < t->n; k++)
			if (strcmp(t->v[k].lang, l->d->langs[i]) == 0)
				have = true;
		if (!have)
			lintf(l, t->line, "%s: missing translation \"%s\"",
			    where, l->d->langs[i]);
	}
	for (k = 0; k < t->n; k++)
		if (!lang_known(l->d, t->v[k].lang))
			lintf(l, t->v[k].line, "%s: \"%s\" is not one of the "
			    "languages", where, t->v[k].lang);
}

/* Worst-case length of text: every {placeholder} at MENU_VAR_SHOW. */
static size_t
worst_len(const char *text, bool *gsm)
{
	char	buf[2048], *o = buf;
	const char *p = text;
	size_t	k;

	while (*p != '\0' && (size_t)(o - buf) < sizeof(buf) - MENU_VAR_SHOW - 1) {
		if (*p == '{') {
			for (k = 1; isalnum((unsigned char)p[k]) || p[k] == '_';
			    k++)
				;
			if (p[k] == '}' && k > 1) {
				memset(o, 'x', MENU_VAR_SHOW);
				o += MENU_VAR_SHOW;
				p += k + 1;
				continue;
			}
		}
		*o++ = *p++;
	}
	*o = '\0';
	return menu_screen_len(buf, gsm);
}

/* Adds part (worst case) to a running length and alphabet. */
static void
acc(size_t *len, bool *gsm, const char *part)
{
	bool	g;

	if (part == NULL || part[0] == '\0')
		return;
	*len += worst_len(part, &g) + (*len > 0 ? 1 : 0);
	if (!g)
		*gsm = false;
}

static void
lint_size(struct lint *l, const struct menu *m, int idx, enum kind kind,
    const struct menu_screen_def *sc)
{
	int	i, k;
	size_t	len, max;
	bool	gsm;

	for (i = 0; i < l->d->nlangs; i++) {
		const char *lang = l->d->langs[i];

		len = 0;
		gsm = true;
		switch (kind) {
		case K_MENU:
			acc(&len, &gsm, menu_text_get(l->d, &sc->text, lang));
			for (k = 0; k < sc->nopts; k++) {
				char	line[512];

				snprintf(line, sizeof(line), "%s %s",
				    sc->opts[k].key ? sc->opts[k].key : "",
				    menu_text_get(l->d, &sc->opts[k].text, lang) ?
				    menu_text_get(l->d, &sc->opts[k].text, lang) :
				    "");
				acc(&len, &gsm, line);
			}
			if (idx != m->start)
				acc(&len, &gsm, menu_message(m, "back", lang));
			break;
		case K_INPUT:
			acc(&len, &gsm, menu_text_get(l->d, &sc->error, lang) ?
			    menu_text_get(l->d, &sc->error, lang) :
			    menu_message(m, "bad_choice", lang));
			acc(&len, &gsm, menu_text_get(l->d, &sc->text, lang));
			if (sc->optional)
				acc(&len, &gsm, menu_message(m, "skip", lang));
			acc(&len, &gsm, menu_message(m, "back", lang));
			break;
		case K_LIST:
			acc(&len, &gsm, menu_text_get(l->d, &sc->text, lang));
			acc(&len, &gsm, menu_message(m, "more", lang));
			acc(&len, &gsm, menu_message(m, "back", lang));
			len += 20;	/* room for at least one row */
			break;
		case K_CONFIRM:
			acc(&len, &gsm, menu_text_get(l->d, &sc->text, lang));
			acc(&len, &gsm, menu_message(m, "yes_no", lang));
			acc(&len, &gsm, menu_message(m, "back", lang));
			break;
		case K_END:
			acc(&len, &gsm, menu_text_get(l->d, &sc->text, lang));
			break;
		default:
			continue;
		}
		max = gsm ? MENU_GSM_MAX : MENU_UCS2_MAX;
		if (len > max)
			lintf(l, sc->line, "screen \"%s\" (%s) can be %zu "
			    "characters, over the %zu a %s USSD screen holds%s",
			    sc->id, lang, len, max, gsm ? "GSM-7" : "UCS-2",
			    gsm ? "" : " (it uses characters outside GSM 03.38)");
	}
}

static void
ref(struct lint *l, const char *id, int line, const char *what, int *out)
{
	*out = -1;
	if (id == NULL)
		return;
	if ((*out = find_screen_def(l->d, id)) < 0)
		lintf(l, line, "%s: unknown screen \"%s\"", what, id);
}

static void
on_gsm(void *arg, const char *lang, const struct tmpl *tp, size_t bad_off)
{
	struct lint	*l = arg;
	uint32_t	 cp = 0;

	utf8_next(tp->text + bad_off, &cp);
	l->n++;
	if (l->fn != NULL) {
		char	what[256];

		snprintf(what, sizeof(what), "template %s (%s) forces UCS-2 "
		    "(U+%04X is not in GSM 03.38): the message costs double and "
		    "a USSD screen holds 80 characters", tp->name, lang,
		    (unsigned)cp);
		l->fn(l->arg, tp->file, tp->line, what);
	}
}

/* Resolves and checks; m->s is filled as far as possible. */
static int
resolve(struct menu *m, menu_lint_fn *fn, void *arg)
{
	struct lint		 l = { m->d, fn, arg, 0 };
	const struct menu_def	*d = m->d;
	int			*seen, *queue, qh = 0, qt = 0, i, k;

	m->n = d->nscreens;
	m->s = xcalloc((size_t)m->n + 1, sizeof(*m->s));
	for (i = 0; i < d->nmsgs; i++) {
		char	where[96];

		snprintf(where, sizeof(where), "message \"%s\"", d->msgs[i].name);
		lint_text(&l, &d->msgs[i].text, where);
	}
	ref(&l, d->start, d->start_line, "start", &m->start);
	for (i = 0; i < m->n; i++) {
		const struct menu_screen_def	*sc = &d->screens[i];
		struct scr			*r = &m->s[i];
		char				 where[96];
		int				 kind;

		r->d = sc;
		r->action = -1;
		r->valid = V_TEXT;
		r->opt_to = xcalloc((size_t)sc->nopts + 1, sizeof(int));
		snprintf(where, sizeof(where), "screen \"%s\"", sc->id);
		if ((kind = find_kind(sc->type)) < 0) {
			if (sc->type != NULL)
				lintf(&l, sc->type_line, "%s: unknown type \"%s\" "
				    "(menu, input, list, confirm, action, end)",
				    where, sc->type);
			kind = K_END;
		}
		r->kind = (enum kind)kind;
		lint_text(&l, &sc->text, where);
		lint_text(&l, &sc->error, where);
		lint_text(&l, &sc->empty, where);
		if (sc->text.n == 0 && r->kind != K_ACTION)
			lintf(&l, sc->line, "%s: no text", where);
		for (k = 0; k < sc->nopts; k++) {
			int	j;

			ref(&l, sc->opts[k].to, sc->opts[k].to_line, where,
			    &r->opt_to[k]);
			lint_text(&l, &sc->opts[k].text, where);
			for (j = 0; j < k; j++)
				if (sc->opts[k].key && sc->opts[j].key &&
				    strcmp(sc->opts[k].key, sc->opts[j].key) == 0)
					lintf(&l, sc->opts[k].line, "%s: option "
					    "key \"%s\" used twice", where,
					    sc->opts[k].key);
			if (sc->opts[k].key && (strcmp(sc->opts[k].key, "0") == 0 ||
			    strcmp(sc->opts[k].key, "00") == 0))
				lintf(&l, sc->opts[k].line, "%s: option key \"%s\" "
				    "is reserved for back/home", where,
				    sc->opts[k].key);
		}
		ref(&l, sc->next, sc->next_line, where, &r->next);
		ref(&l, sc->yes, sc->yes_line, where, &r->yes);
		ref(&l, sc->no, sc->no_line, where, &r->no);
		if (sc->input != NULL) {
			if ((k = find_valid(sc->input)) < 0)
				lintf(&l, sc->input_line, "%s: unknown input type "
				    "\"%s\" (text, price, quantity, stock, "
				    "product, order, pin, yesno, language, "
				    "digits, weight, code, phone)", where,
				    sc->input);
			else
				r->valid = (enum valid)k;
		}
		if (sc->action != NULL) {
			if ((r->action = find_action(sc->action)) < 0)
				lintf(&l, sc->action_line, "%s: unknown action "
				    "\"%s\"", where, sc->action);
			else if (r->kind == K_LIST &&
			    actions[r->action].list_key == NULL)
				lintf(&l, sc->action_line, "%s: action \"%s\" "
				    "gives no list (my_products, orders, find, "
				    "my_sellers, jobs)",
				    where, sc->action);
		}
		switch (r->kind) {
		case K_MENU:
			if (sc->nopts == 0)
				lintf(&l, sc->line, "%s: a menu needs options",
				    where);
			break;
		case K_INPUT:
			if (sc->input == NULL || sc->save == NULL ||
			    sc->next == NULL)
				lintf(&l, sc->line, "%s: an input needs input, "
				    "save and next", where);
			break;
		case K_LIST:	/* without next: a list only to read */
			if (sc->action == NULL)
				lintf(&l, sc->line, "%s: a list needs action",
				    where);
			break;
		case K_CONFIRM:
			if (sc->yes == NULL)
				lintf(&l, sc->line, "%s: a confirm needs yes",
				    where);
			break;
		case K_ACTION:
			if (sc->action == NULL)
				lintf(&l, sc->line, "%s: an action screen needs "
				    "action", where);
			break;
		default:
			break;
		}
		if (sc->optional && (r->kind != K_INPUT || r->valid != V_TEXT))
			lintf(&l, sc->optional_line, "%s: optional is for an "
			    "input with input = \"text\"", where);
		if (sc->show && (r->kind != K_ACTION || sc->next == NULL))
			lintf(&l, sc->show_line, "%s: show is for an action "
			    "screen with next", where);
	}
	for (i = 0; i < m->n; i++)
		lint_size(&l, m, i, m->s[i].kind, m->s[i].d);
	/* Reachability from the start screen. */
	seen = xcalloc((size_t)m->n + 1, sizeof(int));
	queue = xcalloc((size_t)m->n + 1, sizeof(int));
	if (m->start >= 0) {
		seen[m->start] = 1;
		queue[qt++] = m->start;
	}
	while (qh < qt) {
		struct scr	*r = &m->s[queue[qh++]];
		int		 to[3] = { r->next, r->yes, r->no };

		for (k = 0; k < r->d->nopts + 3; k++) {
			int	j = k < r->d->nopts ? r->opt_to[k] :
			    to[k - r->d->nopts];

			if (j >= 0 && !seen[j]) {
				seen[j] = 1;
				queue[qt++] = j;
			}
		}
	}
	for (i = 0; i < m->n && m->start >= 0; i++)
		if (!seen[i])
			lintf(&l, m->s[i].d->line, "screen \"%s\" is unreachable "
			    "from the start screen \"%s\"", m->s[i].d->id,
			    d->start);
	free(seen);
	free(queue);
	if (m->t != NULL)
		(void)reply_check_gsm(m->t, on_gsm, &l);
	return l.n;
}

static void
menu_clear(struct menu *m)
{
	int	i;

	for (i = 0; m->s != NULL && i < m->n; i++)
		free(m->s[i].opt_to);
	free(m->s);
	m->s = NULL;
}

int
menu_lint(const struct menu_def *d, const struct templates *t,
    menu_lint_fn *fn, void *arg)
{
	struct menu	m = { d, t, NULL, 0, -1, "62" };
	int		n = resolve(&m, fn, arg);

	menu_clear(&m);
	return n;
}

struct errcollect {
	char	*buf;
	size_t	 len, used;
};

static void
collect(void *arg, const char *file, int line, const char *what)
{
	struct errcollect	*e = arg;
	int			 w;

	if (e->len == 0 || e->used + 1 >= e->len)
		return;
	w = snprintf(e->buf + e->used, e->len - e->used, "%s%s:%d: %s",
	    e->used > 0 ? "\n" : "", file, line, what);
	if (w > 0)
		e->used += (size_t)w;
	if (e->used >= e->len)
		e->used = e->len - 1;
}

struct menu *
menu_new(const struct menu_def *d, const struct templates *t, char *err,
    size_t errlen)
{
	struct menu		*m = xcalloc(1, sizeof(*m));
	struct errcollect	 e = { err, errlen, 0 };

	if (errlen > 0)
		err[0] = '\0';
	m->d = d;
	m->t = t;
	m->start = -1;
	snprintf(m->cc, sizeof(m->cc), "62");
	if (resolve(m, collect, &e) > 0) {
		menu_free(m);
		return NULL;
	}
	return m;
}

void
menu_set_country(struct menu *m, const char *cc)
{
	if (cc != NULL && cc[0] != '\0')
		snprintf(m->cc, sizeof(m->cc), "%s", cc);
}

void
menu_free(struct menu *m)
{
	if (m == NULL)
		return;
	menu_clear(m);
	free(m);
}

/* --- the walk --------------------------------------------------------- */

static int
cur(const struct menu *m, const struct menu_state *s)
{
	int	i = find_screen_def(m->d, s->screen);

	return i >= 0 ? i : m->start;
}

static const char *
stext(const struct menu *m, const struct menu_text *t, const char *lang)
{
	const char	*v = menu_text_get(m->d, t, lang);

	return v != NULL ? v : "";
}

static void
out_text(struct menu_out *out, enum menu_out_kind kind, const char *text)
{
	out->kind = kind;
	snprintf(out->text, sizeof(out->text), "%s", text);
	menu_fit(out->text);
}

/* Moves the note an action left for this screen (s->note) to buf. */
static void
take_note(struct menu_state *s, char *buf, size_t bufsz)
{
	catline(buf, bufsz, s->note);
	s->note[0] = '\0';
}

/* Renders screen i (not a list, action) with an optional note on top. */
static void
render(const struct menu *m, struct menu_state *s, int i, const char *note,
    struct menu_out *out)
{
	const struct scr	*r = &m->s[i];
	char			 buf[2048], line[512];
	int			 k;

	buf[0] = '\0';
	take_note(s, buf, sizeof(buf));
	catline(buf, sizeof(buf), note);
	expand(s, stext(m, &r->d->text, s->lang), line, sizeof(line));
	catline(buf, sizeof(buf), line);
	switch (r->kind) {
	case K_MENU:
		for (k = 0; k < r->d->nopts; k++) {
			snprintf(line, sizeof(line), "%s %s", r->d->opts[k].key,
			    stext(m, &r->d->opts[k].text, s->lang));
			catline(buf, sizeof(buf), line);
		}
		if (i != m->start)
			catline(buf, sizeof(buf), menu_message(m, "back",
			    s->lang));
		break;
	case K_INPUT:
		if (r->d->optional)
			catline(buf, sizeof(buf), menu_message(m, "skip",
			    s->lang));
		catline(buf, sizeof(buf), menu_message(m, "back", s->lang));
		break;
	case K_CONFIRM:
		catline(buf, sizeof(buf), menu_message(m, "yes_no", s->lang));
		catline(buf, sizeof(buf), menu_message(m, "back", s->lang));
		break;
	case K_END:
		out_text(out, MENU_END, buf);
		return;
	default:
		break;
	}
	out_text(out, MENU_CON, buf);
}

static int64_t
num_of(const char *v)
{
	if (v == NULL)
		return 0;
	while (*v != '\0' && !isdigit((unsigned char)*v) && *v != '-')
		v++;
	return strtoll(v, NULL, 10);
}

/* The struct action screen i's action asks for, from the answers (and
 * out->as, the seller an assistant acts for). */
static void
build_action(const struct menu *m, struct menu_state *s, int i,
    struct menu_out *out, const char *pin)
{
	const struct scr	*r = &m->s[i];
	struct action		*a = &out->act;
	const char		*v;
	struct price		 p;

	memset(a, 0, sizeof(*a));
	out->as[0] = '\0';
	a->confirm_code = -1;
	a->ussd = true;
	a->pin_ok = s->pin_ok;
	s->pin_sent = pin != NULL && pin[0] != '\0';
	if (s->pin_sent)
		snprintf(a->pin, sizeof(a->pin), "%s", pin);
	if (s->gate) {
		/* The seller check: the first page of the seller's products
		 * is the one read-only seller action, so the store answers it
		 * as any seller action (not registered, PIN) and changes
		 * nothing. */
		a->verb = VERB_MY_PRODUCTS;
		if ((v = ans_get(s, "for")) != NULL)	/* as that seller */
			snprintf(out->as, sizeof(out->as), "%s", v);
		return;
	}
	a->verb = actions[r->action].verb;
	a->page = s->page;
#define ANS(k) ((v = ans_get(s, (k))) != NULL ? v : "")
	/* An assistant acting for the seller picked from my_sellers: the
	 * caller runs the action as UNTUK <for> (not the list itself, nor
	 * what is the assistant's own: language, help, the report). */
	if (a->verb != VERB_MY_SELLERS && a->verb != VERB_LANGUAGE &&
	    a->verb != VERB_HELP && a->verb != VERB_REPORT &&
	    !courier_own(r->action))
		snprintf(out->as, sizeof(out->as), "%s", ANS("for"));
	switch (a->verb) {
	case VERB_REGISTER:
		snprintf(a->text, sizeof(a->text), "%s", ANS("shop"));
		snprintf(a->village, sizeof(a->village), "%s", ANS("village"));
		snprintf(a->district, sizeof(a->district), "%s",
		    ANS("district"));
		break;
	case VERB_VILLAGE:	/* a number answers DAFTAR's choice list */
		v = ANS("village");
		if (*v != '\0' && strspn(v, "0123456789") == strlen(v))
			a->choice = (int)num_of(v);
		else
			snprintf(a->village, sizeof(a->village), "%s", v);
		snprintf(a->district, sizeof(a->district), "%s",
		    ANS("district"));
		break;
	case VERB_PIN:
		snprintf(a->pin_old, sizeof(a->pin_old), "%s", ANS("pin_old"));
		snprintf(a->pin_new, sizeof(a->pin_new), "%s", ANS("pin_new"));
		break;
	case VERB_SELL:
		snprintf(a->text, sizeof(a->text), "%s", ANS("name"));
		if (price_parse(ANS("price"), &p) == PRICE_OK) {
			a->price_rp = p.rp;
			snprintf(a->unit, sizeof(a->unit), "%s", p.unit);
		}
		a->qty = ans_get(s, "stock") ? num_of(ANS("stock")) : 1;
		break;
	case VERB_PRICE:
		a->code = num_of(ANS("product"));
		if (price_parse(ANS("price"), &p) == PRICE_OK)
			a->price_rp = p.rp;
		break;
	case VERB_STOCK:
		a->code = num_of(ANS("product"));
		a->qty = num_of(ANS("stock"));
		a->stock_op = STOCK_SET;
		break;
	case VERB_DELIST:
	case VERB_INFO:
		a->code = num_of(ANS("product"));
		break;
	case VERB_ACCEPT:
	case VERB_SHIP:
	case VERB_CANCEL:
	case VERB_RECEIVED:
		a->code = num_of(ANS("order"));
		break;
	case VERB_REJECT:
		a->code = num_of(ANS("order"));
		snprintf(a->text, sizeof(a->text), "%s", ANS("reason"));
		break;
	case VERB_FIND:
		snprintf(a->text, sizeof(a->text), "%s", ANS("query"));
		break;
	case VERB_BUY:
		a->code = num_of(ANS("product"));
		a->qty = ans_get(s, "qty") ? num_of(ANS("qty")) : 1;
		snprintf(a->text, sizeof(a->text), "%s", ANS("note"));
		break;
	case VERB_CONFIRM:
		if (ans_get(s, "confirm") != NULL)
			a->confirm_code = (int)num_of(ANS("confirm"));
		break;
	case VERB_LANGUAGE:
		snprintf(a->lang, sizeof(a->lang), "%s", ANS("lang"));
		break;
	case VERB_WEIGHT:
		a->code = num_of(ANS("product"));
		a->weight_g = num_of(ANS("weight"));
		break;
	case VERB_PAID:		/* issue 13, payment records */
		a->code = num_of(ANS("order"));
		a->pay_method = pay_method_by_word(ANS("method"));
		if (!strlcpy_ok(a->pay_ref, ANS("ref"), sizeof(a->pay_ref)))
			a->pay_ref_long = true;
		break;
	/* couriers, USSD: what the SMS parser builds for the same words */
	case VERB_COURIER:	/* KURIR <order> [nomor kurir] */
		a->code = num_of(ANS("order"));
		snprintf(a->target, sizeof(a->target), "%s", ANS("courier"));
		break;
	case VERB_PICKUP:	/* AMBIL <order> */
		a->code = num_of(ANS("order"));
		break;
	case VERB_DELIVER:	/* ANTAR <order> <kode> */
		a->code = num_of(ANS("order"));
		if ((v = ans_get(s, "drop")) != NULL && strlen(v) == 4 &&
		    strspn(v, "0123456789") == 4)
			a->confirm_code = (int)num_of(v);
		break;
	case VERB_FAILED:	/* GAGAL <order> [alasan] */
		a->code = num_of(ANS("order"));
		snprintf(a->text, sizeof(a->text), "%s", ANS("reason"));
		break;
	case VERB_ORDERS:	/* "jobs": PESANAN, the courier's jobs */
		a->jobs = courier_own(r->action);
		break;
	default:
		break;
	}
#undef ANS
}

static void
enter(const struct menu *m, struct menu_state *s, int i, struct menu_out *out);

static void
act(const struct menu *m, struct menu_state *s, int i, const char *pin,
    struct menu_out *out)
{
	out->kind = MENU_ACT;
	out->text[0] = '\0';
	build_action(m, s, i, out, pin);
}

static void
enter(const struct menu *m, struct menu_state *s, int i, struct menu_out *out)
{
	const struct scr	*r = &m->s[i];
	int			 k;

	snprintf(s->screen, sizeof(s->screen), "%s", r->d->id);
	s->failed = false;
	s->pin_ask = false;
	s->gate = false;
	for (k = 0; k < r->d->nset; k++)
		ans_set(s, r->d->set[k].key, r->d->set[k].val);
	if (r->d->seller && !s->seller_ok) {
		/* Sellers only: say so (or ask the PIN) before any question. */
		s->gate = true;
		act(m, s, i, NULL, out);
		return;
	}
	switch (r->kind) {
	case K_LIST:
		s->nrows = 0;
		s->more = false;
		act(m, s, i, NULL, out);
		return;
	case K_ACTION:
		act(m, s, i, NULL, out);
		return;
	default:
		render(m, s, i, NULL, out);
	}
}

static void
push(struct menu_state *s)
{
	if (s->depth == MENU_DEPTH) {
		memmove(s->stack[0], s->stack[1],
		    (MENU_DEPTH - 1) * sizeof(s->stack[0]));
		s->depth--;
	}
	snprintf(s->stack[s->depth++], MENU_ID_MAX, "%s", s->screen);
}

static void
go(const struct menu *m, struct menu_state *s, int to, struct menu_out *out)
{
	push(s);
	s->page = 0;
	s->started = true;
	enter(m, s, to, out);
}

static void
home(const struct menu *m, struct menu_state *s, struct menu_out *out)
{
	s->depth = 0;
	s->page = 0;
	enter(m, s, m->start, out);
}

static void
back(const struct menu *m, struct menu_state *s, struct menu_out *out)
{
	int	i;

	while (s->depth > 0) {
		i = find_screen_def(m->d, s->stack[--s->depth]);
		if (i >= 0 && m->s[i].kind != K_ACTION) {
			s->page = 0;
			enter(m, s, i, out);
			return;
		}
	}
	home(m, s, out);
}

void
menu_begin(const struct menu *m, struct menu_state *s, const char *lang,
    struct menu_out *out)
{
	memset(s, 0, sizeof(*s));
	memset(out, 0, sizeof(*out));
	s->version = MENU_STATE_VERSION;
	snprintf(s->lang, sizeof(s->lang), "%s", lang != NULL && lang[0] ?
	    lang : (m->d->nlangs > 0 ? m->d->langs[0] : "id"));
	enter(m, s, m->start, out);
}

bool
menu_state_fits(const struct menu *m, const struct menu_state *s)
{
	return s->version == MENU_STATE_VERSION &&
	    find_screen_def(m->d, s->screen) >= 0;
}

bool
menu_wants_secret(const struct menu *m, const struct menu_state *s)
{
	int	i;

	if (s->version != MENU_STATE_VERSION)
		return false;
	if (s->pin_ask)
		return true;
	i = find_screen_def(m->d, s->screen);
	return i >= 0 && m->s[i].kind == K_INPUT && m->s[i].valid == V_PIN;
}

void
menu_show(const struct menu *m, struct menu_state *s, struct menu_out *out)
{
	memset(out, 0, sizeof(*out));
	if (!menu_state_fits(m, s)) {
		menu_begin(m, s, s->lang, out);
		return;
	}
	s->note[0] = '\0';
	if (s->pin_ask) {
		char	buf[512];

		buf[0] = '\0';
		catline(buf, sizeof(buf), menu_message(m, "pin", s->lang));
		catline(buf, sizeof(buf), menu_message(m, "back", s->lang));
		out_text(out, MENU_CON, buf);
		return;
	}
	if (s->failed) {
		back(m, s, out);
		return;
	}
	enter(m, s, cur(m, s), out);
}

/* Validates in for v (phone numbers read with country code cc); the
 * canonical answer goes to val. */
static bool
validate(enum valid v, const char *in, const char *cc, char *val,
    size_t valsz)
{
	struct price	p;
	const char	*q = in;
	char		*end;
	long long	 n;
	int64_t		 g;
	size_t		 len = strlen(in), i;

	switch (v) {
	case V_TEXT:
		if (len < 1 || len > 60)
			return false;
		snprintf(val, valsz, "%s", in);
		return true;
	case V_PRICE:
		if (price_parse(in, &p) != PRICE_OK)
			return false;
		if (p.unit[0] != '\0')
			snprintf(val, valsz, "%lld/%s", (long long)p.rp, p.unit);
		else
			snprintf(val, valsz, "%lld", (long long)p.rp);
		return true;
	case V_QUANTITY:
	case V_STOCK:
	case V_DIGITS:
		if (len == 0 || len > 7)
			return false;
		for (i = 0; i < len; i++)
			if (!isdigit((unsigned char)in[i]))
				return false;
		n = strtoll(in, NULL, 10);
		if ((v == V_QUANTITY && n < 1) || n > 1000000)
			return false;
		snprintf(val, valsz, "%lld", n);
		return true;
	case V_PRODUCT:
	case V_ORDER:
		if (*q == (v == V_PRODUCT ? 'P' : 'O') ||
		    *q == (v == V_PRODUCT ? 'p' : 'o'))
			q++;
		if (!isdigit((unsigned char)*q))
			return false;
		n = strtoll(q, &end, 10);
		if (*end != '\0' || n < 1 || strlen(q) > 12)
			return false;
		snprintf(val, valsz, "%lld", n);
		return true;
	case V_PIN:
		if (len < 4 || len > 6)
			return false;
		for (i = 0; i < len; i++)
			if (!isdigit((unsigned char)in[i]))
				return false;
		snprintf(val, valsz, "%s", in);
		return true;
	case V_WEIGHT:
		/* Grams as digits; the bounds are the core's reply. */
		if (weight_parse(in, &g) != WEIGHT_OK)
			return false;
		snprintf(val, valsz, "%lld", (long long)g);
		return true;
	/* couriers, USSD */
	case V_CODE:	/* four digits, as ANTAR's code (0000-9999) */
		if (len != 4 || strspn(in, "0123456789") != 4)
			return false;
		snprintf(val, valsz, "%s", in);
		return true;
	case V_PHONE:	/* as KURIR's number: the one normaliser */
		return phone_e164(in, cc, false, val, valsz) == 0;
	case V_YESNO:
		if (strcmp(in, "1") != 0 && strcmp(in, "2") != 0)
			return false;
		snprintf(val, valsz, "%s", in[0] == '1' ? "yes" : "no");
		return true;
	case V_LANGUAGE:
		if (strcmp(in, "1") == 0 || strcasecmp(in, "id") == 0)
			snprintf(val, valsz, "id");
		else if (strcmp(in, "2") == 0 || strcasecmp(in, "en") == 0)
			snprintf(val, valsz, "en");
		else
			return false;
		return true;
	default:
		return false;
	}
}

static void
bad(const struct menu *m, struct menu_state *s, int i, struct menu_out *out)
{
	const char	*e = menu_text_get(m->d, &m->s[i].d->error, s->lang);

	render(m, s, i, e != NULL ? e : menu_message(m, "bad_choice", s->lang),
	    out);
}

/* A list page from the last result rows. */
static void
render_list(const struct menu *m, struct menu_state *s, int i,
    const struct act_result *res, struct menu_out *out)
{
	const struct scr	*r = &m->s[i];
	char			 head[512], line0[256], nav[128];
	char			 rows[MENU_ROWS][256];
	char			 buf[2048];
	struct act_msg		 rm;
	size_t			 used, per, max;
	bool			 gsm = true, g;
	int			 k;

	head[0] = '\0';
	take_note(s, head, sizeof(head));
	expand(s, stext(m, &r->d->text, s->lang), line0, sizeof(line0));
	catline(head, sizeof(head), line0);
	nav[0] = '\0';
	if (s->more)
		catline(nav, sizeof(nav), menu_message(m, "more", s->lang));
	catline(nav, sizeof(nav), menu_message(m, "back", s->lang));
	for (k = 0; k < s->nrows; k++) {
		memset(&rm, 0, sizeof(rm));
		(void)reply_row_key(res->reply.tmpl, rm.tmpl, sizeof(rm.tmpl));
		memcpy(rm.vars, s->rows[k].vars, sizeof(s->rows[k].vars));
		rm.nvars = s->rows[k].nvars;
		{
			char	name[48];

			snprintf(name, sizeof(name), "ussd.%s", rm.tmpl);
			if (templates_get(m->t, s->lang, name) != NULL)
				snprintf(rm.tmpl, sizeof(rm.tmpl), "%s", name);
		}
		reply_render(m->t, &rm, s->lang, rows[k], sizeof(rows[k]));
		(void)menu_screen_len(rows[k], &g);
		if (!g)
			gsm = false;
	}
	(void)menu_screen_len(head, &g);
	gsm = gsm && g && reply_is_gsm(nav, NULL);
	max = gsm ? MENU_GSM_MAX : MENU_UCS2_MAX;
	used = menu_screen_len(head, NULL) + 1 + menu_screen_len(nav, NULL);
	per = s->nrows > 0 && max > used + (size_t)s->nrows * 3 ?
	    (max - used) / (size_t)s->nrows - 3 : 8;
	buf[0] = '\0';
	catline(buf, sizeof(buf), head);
	for (k = 0; k < s->nrows; k++) {
		char	line[300];

		cut_chars(rows[k], per, gsm);
		if (r->next >= 0)
			snprintf(line, sizeof(line), "%d %s", k + 1, rows[k]);
		else	/* a list only to read: nothing to pick */
			snprintf(line, sizeof(line), "%s", rows[k]);
		catline(buf, sizeof(buf), line);
	}
	catline(buf, sizeof(buf), nav);
	out_text(out, MENU_CON, buf);
}

/* True when an action that carried the PIN got past the store's PIN check:
 * any outcome but a PIN refusal or a failure before the check. */
static bool
pin_passed(enum act_rc rc)
{
	switch (rc) {
	case ACT_PIN_REQUIRED:
	case ACT_PIN_WRONG:
	case ACT_PIN_LOCKED:
	case ACT_PIN_BAD:
	case ACT_BUSY:
	case ACT_ERR:
		return false;
	default:
		return true;
	}
}

/* Whole rupiah of a price the store formatted ("Rp15.000/bks"), or -1. */
static int64_t
rupiah_of(const char *v)
{
	int64_t	rp = -1;

	if (v == NULL)
		return -1;
	while (*v != '\0' && !isdigit((unsigned char)*v))
		v++;
	for (; *v != '\0' && *v != '/'; v++) {
		if (*v == '.')
			continue;
		if (!isdigit((unsigned char)*v) || rp > PRICE_MAX_RP)
			return -1;
		rp = (rp < 0 ? 0 : rp * 10) + (*v - '0');
	}
	return rp;
}

/* After "quote": {total} for {qty} at the product's {price}. */
static void
quote_total(struct menu_state *s)
{
	int64_t	rp = rupiah_of(ans_get(s, "price"));
	int64_t	qty = ans_get(s, "qty") != NULL ? num_of(ans_get(s, "qty")) : 1;
	char	buf[48];

	if (rp < 0 || qty < 1 || qty > 1000000)
		snprintf(buf, sizeof(buf), "-");
	else
		act_rupiah(rp * qty, buf, sizeof(buf));
	ans_set(s, "total", buf);
}

/* Drops the screens above the last visit of id from the back stack, so
 * "0" on a screen the walk returns to goes where it went the first time. */
static void
rewind_to(struct menu_state *s, const char *id)
{
	int	k;

	for (k = s->depth - 1; k >= 0; k--)
		if (strcmp(s->stack[k], id) == 0) {
			s->depth = k;
			return;
		}
}

/* The result's text for a screen: "ussd.<tmpl>" when the templates have
 * it, else the SMS template. */
static void
render_result(const struct menu *m, const struct menu_state *s,
    const struct act_msg *msg, const char *prefer, char *out, size_t outsz)
{
	struct act_msg	mm = *msg;
	char		name[64];

	snprintf(name, sizeof(name), "%s%s", prefer, msg->tmpl);
	if (templates_get(m->t, msg->lang[0] != '\0' ? msg->lang : s->lang,
	    name) != NULL)
		snprintf(mm.tmpl, sizeof(mm.tmpl), "%s", name);
	mm.nrows = 0;
	mm.more = false;
	/* The store names the reply's language (BAHASA: the new one). */
	reply_render(m->t, &mm, msg->lang[0] != '\0' ? msg->lang : s->lang, out,
	    outsz);
}

/* An action's refusal, with a way back. */
static void
fail(const struct menu *m, struct menu_state *s, const struct act_result *res,
    struct menu_out *out)
{
	char	buf[1024], txt[1024];

	render_result(m, s, &res->reply, "ussd.", txt, sizeof(txt));
	s->failed = true;
	s->note[0] = '\0';
	buf[0] = '\0';
	catline(buf, sizeof(buf), txt);
	catline(buf, sizeof(buf), menu_message(m, "back", s->lang));
	out_text(out, MENU_CON, buf);
}

void
menu_result(const struct menu *m, struct menu_state *s,
    const struct act_result *res, struct menu_out *out)
{
	int			 i = cur(m, s), k;
	const struct scr	*r = &m->s[i];
	char			 buf[1024], txt[1024];
	bool			 had_pin = s->pin_sent;

	memset(out, 0, sizeof(*out));
	s->pin_sent = false;
	if (res->rc == ACT_PIN_REQUIRED || res->rc == ACT_PIN_WRONG) {
		s->pin_ask = true;
		buf[0] = '\0';
		if (res->rc == ACT_PIN_WRONG) {
			render_result(m, s, &res->reply, "ussd.", txt,
			    sizeof(txt));
			catline(buf, sizeof(buf), txt);
		}
		catline(buf, sizeof(buf), menu_message(m, "pin", s->lang));
		catline(buf, sizeof(buf), menu_message(m, "back", s->lang));
		out_text(out, MENU_CON, buf);
		return;
	}
	s->pin_ask = false;
	if (had_pin && pin_passed(res->rc))
		s->pin_ok = true;
	if (s->gate) {
		s->gate = false;
		if (res->rc == ACT_OK || res->rc == ACT_NO_MATCH ||
		    res->rc == ACT_NO_MORE) {
			s->seller_ok = true;
			enter(m, s, i, out);
			return;
		}
		/* Not a seller (or locked out): said before any question. */
		fail(m, s, res, out);
		return;
	}
	if (r->kind == K_LIST) {
		s->nrows = 0;
		if (res->rc == ACT_OK && res->reply.nrows > 0) {
			for (k = 0; k < res->reply.nrows && k < MENU_ROWS; k++)
				s->rows[k] = res->reply.rows[k];
			s->nrows = k;
			s->more = res->reply.more;
			render_list(m, s, i, res, out);
			return;
		}
		s->more = false;
		buf[0] = '\0';
		take_note(s, buf, sizeof(buf));
		if ((res->rc == ACT_OK || res->rc == ACT_NO_MATCH ||
		    res->rc == ACT_NO_MORE) && r->d->empty.n > 0)
			expand(s, stext(m, &r->d->empty, s->lang), txt,
			    sizeof(txt));
		else
			render_result(m, s, &res->reply, "ussd.", txt,
			    sizeof(txt));
		catline(buf, sizeof(buf), txt);
		catline(buf, sizeof(buf), menu_message(m, "back", s->lang));
		out_text(out, MENU_CON, buf);
		return;
	}
	/* An action screen. */
	if (r->kind != K_ACTION || r->action < 0) {
		/* A result nobody asked for: the screen again. */
		render(m, s, i, NULL, out);
		return;
	}
	if (res->rc != ACT_OK) {
		fail(m, s, res, out);
		return;
	}
	render_result(m, s, &res->reply, "ussd.", txt, sizeof(txt));
	/* The new language is the answer the action ran with. */
	if (actions[r->action].verb == VERB_LANGUAGE &&
	    ans_get(s, "lang") != NULL)
		snprintf(s->lang, sizeof(s->lang), "%s", ans_get(s, "lang"));
	for (k = 0; k < res->reply.nvars; k++)
		if (strcmp(res->reply.vars[k].key, "lang") != 0)
			ans_set(s, res->reply.vars[k].key,
			    res->reply.vars[k].val);
	if (strcmp(actions[r->action].name, "quote") == 0)
		quote_total(s);
	if (r->next >= 0) {
		if (r->d->show)
			snprintf(s->note, sizeof(s->note), "%s", txt);
		rewind_to(s, m->s[r->next].d->id);
		enter(m, s, r->next, out);
		return;
	}
	out_text(out, MENU_END, txt);
	if (r->d->receipt) {
		out->receipt = true;
		render_result(m, s, &res->reply, "ussd.receipt.", out->receipt_text,
		    sizeof(out->receipt_text));
	}
}

void
menu_input(const struct menu *m, struct menu_state *s, const char *in,
    struct menu_out *out)
{
	int			 i = cur(m, s), k;
	const struct scr	*r = &m->s[i];
	char			 val[MENU_ANS_VAL], word[64];
	size_t			 n;

	memset(out, 0, sizeof(*out));
	s->note[0] = '\0';
	/* Clean the answer as SMS text is cleaned (lex_clean: no emoji,
	 * straight quotes, GSM 03.38 only), then trim it. */
	n = lex_clean(in, strlen(in), word, sizeof(word));
	while (n > 0 && isspace((unsigned char)word[n - 1]))
		word[--n] = '\0';
	if (strcmp(word, "00") == 0) {
		home(m, s, out);
		return;
	}
	if (s->pin_ask) {
		if (strcmp(word, "0") == 0) {
			s->pin_ask = false;
			back(m, s, out);
			return;
		}
		if (!validate(V_PIN, word, m->cc, val, sizeof(val))) {
			char	buf[512];

			buf[0] = '\0';
			catline(buf, sizeof(buf), menu_message(m, "pin_bad",
			    s->lang));
			catline(buf, sizeof(buf), menu_message(m, "pin",
			    s->lang));
			catline(buf, sizeof(buf), menu_message(m, "back",
			    s->lang));
			out_text(out, MENU_CON, buf);
			return;
		}
		act(m, s, i, val, out);
		return;
	}
	if (s->failed) {
		back(m, s, out);
		return;
	}
	switch (r->kind) {
	case K_MENU:
		if (strcmp(word, "0") == 0 && i != m->start) {
			back(m, s, out);
			return;
		}
		for (k = 0; k < r->d->nopts; k++)
			if (strcmp(word, r->d->opts[k].key) == 0 &&
			    r->opt_to[k] >= 0) {
				go(m, s, r->opt_to[k], out);
				return;
			}
		bad(m, s, i, out);
		return;
	case K_INPUT:
		if (strcmp(word, "0") == 0 && (r->valid != V_STOCK &&
		    r->valid != V_DIGITS)) {
			back(m, s, out);
			return;
		}
		if (r->d->optional && (word[0] == '\0' ||
		    strcmp(word, "1") == 0 || strcmp(word, "#") == 0)) {
			/* Skipped: the answer is empty. */
			ans_set(s, r->d->save, "");
			go(m, s, r->next, out);
			return;
		}
		if (!validate(r->valid, word, m->cc, val, sizeof(val))) {
			bad(m, s, i, out);
			return;
		}
		ans_set(s, r->d->save, val);
		go(m, s, r->next, out);
		return;
	case K_LIST:
		if (strcmp(word, "0") == 0) {
			if (s->page > 0) {
				s->page--;
				act(m, s, i, NULL, out);
			} else
				back(m, s, out);
			return;
		}
		if (strcmp(word, "9") == 0 && s->more) {
			s->page++;
			act(m, s, i, NULL, out);
			return;
		}
		if (r->next >= 0 && strlen(word) == 1 && word[0] >= '1' &&
		    word[0] - '0' <= s->nrows) {
			const struct act_row	*row = &s->rows[word[0] - '1'];
			const char		*key = actions[r->action].list_key;

			for (k = 0; k < row->nvars; k++) {
				ans_set(s, row->vars[k].key, row->vars[k].val);
				if (strcmp(row->vars[k].key, key) == 0 &&
				    r->d->save != NULL)
					ans_set(s, r->d->save, row->vars[k].val);
			}
			go(m, s, r->next, out);
			return;
		}
		/* Not a row: show the same page again with a note. */
		act(m, s, i, NULL, out);
		return;
	case K_CONFIRM:
		if (strcmp(word, "1") == 0) {
			go(m, s, r->yes, out);
			return;
		}
		if (strcmp(word, "2") == 0) {
			if (r->no >= 0)
				go(m, s, r->no, out);
			else
				home(m, s, out);
			return;
		}
		if (strcmp(word, "0") == 0) {
			back(m, s, out);
			return;
		}
		bad(m, s, i, out);
		return;
	default:
		home(m, s, out);
		return;
	}
}
