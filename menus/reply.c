/* Reply rendering from templates and the GSM 03.38 character test. Output
 * is built in a bounded buffer that keeps counting past its end, so callers
 * learn the full length the way snprintf reports it. A list page is fitted
 * to one SMS segment by shortening its free-text values (fit_list). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/gsm.h"
#include "common/utf8.h"
#include "menus/reply.h"

struct sbuf {
	char	*p;
	size_t	 sz;
	size_t	 wr;		/* bytes written into p */
	size_t	 len;		/* full length, may pass sz */
	bool	 full;		/* truncated: nothing more is written */
	bool	 count;		/* keep the segment counts below */
	bool	 gsm;		/* everything so far is GSM 03.38 */
	size_t	 septets;	/* GSM-7 length (extension characters: 2) */
	size_t	 units;		/* UCS-2 length (UTF-16 code units) */
};

/* Free-text values a list page may shorten, and how short each may get in
 * the first round. A higher tier keeps FIT_TIER_STEP more characters at a
 * level: the echoed query gives way first, product names last. */
static const struct {
	const char	*key;
	int		 tier;
	size_t		 floor;
} fit_keys[] = {
	{ "query", 0, 12 }, { "village", 1, 6 }, { "shop", 1, 6 },
	{ "name", 2, 8 }, { "item", 2, 8 },
};
#define FIT_TIER_STEP	5
#define FIT_UNCUT	(2 * ACT_VAL_MAX)
#define FIT_LAST_FLOOR	2	/* second round: one character and the mark */
#define FIT_MARK	"."	/* ends a shortened value: "Keripik sin." */

/* Per value slot of a list page: [0] the message's vars, [1 + i] row i's. */
struct fit {
	bool	 on;
	int	 cap[1 + ACT_MAX_ROWS][ACT_MAX_VARS];	/* septets, -1 none */
	size_t	 len[1 + ACT_MAX_ROWS][ACT_MAX_VARS];	/* septets, uncut */
	size_t	 chars[1 + ACT_MAX_ROWS][ACT_MAX_VARS];	/* characters, uncut */
	int	 occ[1 + ACT_MAX_ROWS][ACT_MAX_VARS];	/* times used */
};


/* A well-formed character at s[0, n) (common/utf8.c): its length, else 0. */
static size_t
utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t	k = utf8_decode((const char *)s, n, cp);

	return *cp == UTF8_BAD ? 0 : k;
}

static void
sb_count(struct sbuf *b, const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*end = p + n;
	uint32_t		 c = 0;
	size_t			 k;

	while (p < end) {
		if ((k = utf8_next(p, (size_t)(end - p), &c)) == 0) {
			b->gsm = false;
			b->units++;
			p++;
			continue;
		}
		if (!gsm_char(c))
			b->gsm = false;
		b->septets += gsm_ext(c) ? 2 : 1;
		b->units += c > 0xFFFF ? 2 : 1;
		p += k;
	}
}

static void
sb_put(struct sbuf *b, const char *s, size_t n)
{
	size_t	room, cut;

	if (b->count)
		sb_count(b, s, n);
	b->len += n;
	if (b->full || b->sz == 0)
		return;
	room = b->sz - 1 - b->wr;
	if (n <= room) {
		memcpy(b->p + b->wr, s, n);
		b->wr += n;
		return;
	}
	/* Cut before a character that does not fit whole. */
	cut = room;
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	memcpy(b->p + b->wr, s, cut);
	b->wr += cut;
	b->full = true;
}

static void
sb_puts(struct sbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static size_t
sb_finish(struct sbuf *b)
{
	if (b->sz > 0)
		b->p[b->wr] = '\0';
	return b->len;
}

static int
var_find(const struct act_var *v, int n, const char *key, size_t klen)
{
	int	i;

	for (i = 0; i < n; i++)
		if (strlen(v[i].key) == klen && strncmp(v[i].key, key, klen) == 0)
			return i;
	return -1;
}

static bool
fit_key(const char *key, size_t *floor, int *tier)
{
	size_t	i;

	for (i = 0; i < sizeof(fit_keys) / sizeof(fit_keys[0]); i++)
		if (strcmp(fit_keys[i].key, key) == 0) {
			if (floor != NULL)
				*floor = fit_keys[i].floor;
			if (tier != NULL)
				*tier = fit_keys[i].tier;
			return true;
		}
	return false;
}

/* The GSM stand-in for a character outside GSM 03.38, or 0 to drop it:
 * curly quotes and dashes become straight ones. */
static uint32_t
gsm_stand_in(uint32_t c)
{
	switch (c) {
	case 0x2018: case 0x2019: case 0x201A: case 0x2032:
		return '\'';
	case 0x201C: case 0x201D: case 0x201E: case 0x2033:
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2212:
		return '-';
	default:
		return 0;
	}
}

/* Writes a free-text value of a list page: characters outside GSM 03.38
 * dropped or made straight (names kept before input was cleaned), cut to
 * cap septets ending in FIT_MARK when cap >= 0 and it is longer. Sets its
 * uncut length in septets (*len) and characters (*chars). */
static void
put_fitted(struct sbuf *b, const char *val, int cap, size_t *len,
    size_t *chars)
{
	const unsigned char	*p = (const unsigned char *)val;
	char			 clean[ACT_VAL_MAX + 8];
	unsigned char		 w[ACT_VAL_MAX + 8];	/* septets, at a char's 1st byte */
	size_t			 n = 0, k, i, used = 0, cut;
	uint32_t		 c = 0;

	*len = *chars = 0;
	while (*p != '\0' && n + 4 < sizeof(clean)) {
		if ((k = utf8_next(p, strnlen((const char *)p, 4), &c)) == 0) {
			p++;
			continue;
		}
		if (c == ' ' && (n == 0 || clean[n - 1] == ' ')) {
			p++;		/* one space, as a dropped emoji leaves two */
			continue;
		}
		if (!gsm_char(c)) {
			if ((c = gsm_stand_in(c)) != 0) {
				clean[n] = (char)c;
				w[n++] = 1;
				++*len;
				++*chars;
			}
			p += k;
			continue;
		}
		for (i = 0; i < k; i++) {
			clean[n + i] = (char)p[i];
			w[n + i] = i == 0 ? (gsm_ext(c) ? 2 : 1) : 0;
		}
		*len += gsm_ext(c) ? 2 : 1;
		++*chars;
		n += k;
		p += k;
	}
	while (n > 0 && clean[n - 1] == ' ') {
		n--;
		--*len;
		--*chars;
	}
	if (cap < 0 || *len <= (size_t)cap) {
		sb_put(b, clean, n);
		return;
	}
	/* Whole characters within cap - 1 septets, then the mark. */
	for (cut = 0; cut < n; cut++) {
		if (w[cut] != 0 && used + w[cut] + 1 > (size_t)cap)
			break;
		used += w[cut];
	}
	while (cut > 0 && clean[cut - 1] == ' ')
		cut--;
	sb_put(b, clean, cut);
	if (cap > 0)
		sb_puts(b, FIT_MARK);
}

static bool
key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* Expands text with row values (row may be NULL; it is row number ri),
 * then the message's; free-text values go through put_fitted when fit is
 * on. */
static void
expand(struct sbuf *b, const char *text, const struct act_msg *m,
    const struct act_row *row, int ri, struct fit *fit)
{
	const char	*p = text, *k, *val;
	size_t		 klen;
	int		 vi, slot;

	while (*p != '\0') {
		if (*p != '{') {
			k = strchr(p, '{');
			klen = k != NULL ? (size_t)(k - p) : strlen(p);
			sb_put(b, p, klen);
			p += klen;
			continue;
		}
		k = p + 1;
		for (klen = 0; key_char(k[klen]); klen++)
			;
		if (klen == 0 || klen >= ACT_KEY_MAX || k[klen] != '}') {
			sb_put(b, p, 1);	/* a plain '{' */
			p++;
			continue;
		}
		val = NULL;
		slot = 0;
		if (row != NULL &&
		    (vi = var_find(row->vars, row->nvars, k, klen)) >= 0) {
			val = row->vars[vi].val;
			slot = 1 + ri;
		} else if ((vi = var_find(m->vars, m->nvars, k, klen)) >= 0)
			val = m->vars[vi].val;
		if (val == NULL)
			sb_put(b, p, klen + 2);	/* stays visible: {key} */
		else if (fit != NULL && fit->on && fit_key(slot == 0 ?
		    m->vars[vi].key : row->vars[vi].key, NULL, NULL)) {
			put_fitted(b, val, fit->cap[slot][vi],
			    &fit->len[slot][vi], &fit->chars[slot][vi]);
			fit->occ[slot][vi]++;
		} else
			sb_puts(b, val);
		p = k + klen + 1;
	}
}

/* The template names reply_render asks for by itself: the line after a
 * list page with more, and what stands in for a template a language lacks
 * (templates_check makes that impossible for every name the code asks for;
 * the stand-in keeps a name nobody registered off the phone). */
enum reply_tmpl { RT_MORE, RT_MISSING, RT__N };
static const char *const reply_keys[RT__N] = {
	[RT_MORE] = "common.more",
	[RT_MISSING] = "com.error",
};
static const struct tmpl_keys reply_key_set = {
	"menus/reply.c", reply_keys, RT__N
};

const struct tmpl_keys *
reply_tmpl_keys(size_t *n)
{
	*n = 1;
	return &reply_key_set;
}

size_t
reply_row_key(const char *tmpl, char *out, size_t outsz)
{
	const char	*dot = strchr(tmpl, '.');

	return (size_t)snprintf(out, outsz, "%.*s.row", dot != NULL ?
	    (int)(dot - tmpl) : (int)strlen(tmpl), tmpl);
}

/* One rendering of m into b (fit may be NULL). Without every template it
 * needs, the whole message is the RT_MISSING text (with t NULL or without
 * that either: the template name, no values). */
static void
render(struct sbuf *b, const struct templates *t, const struct act_msg *m,
    const char *lang, struct fit *fit)
{
	char		 rowname[sizeof(m->tmpl) + 8];
	const char	*text, *row = NULL, *more = NULL;
	int		 i;

	text = templates_get(t, lang, m->tmpl);
	if (m->nrows > 0) {
		(void)reply_row_key(m->tmpl, rowname, sizeof(rowname));
		row = templates_get(t, lang, rowname);
	}
	if (m->more)
		more = templates_get(t, lang, reply_keys[RT_MORE]);
	if (text == NULL || (m->nrows > 0 && row == NULL) ||
	    (m->more && more == NULL)) {
		if ((text = templates_get(t, lang, reply_keys[RT_MISSING])) !=
		    NULL)
			expand(b, text, m, NULL, 0, NULL);
		else
			sb_puts(b, m->tmpl[0] != '\0' ? m->tmpl : "?");
		return;
	}
	expand(b, text, m, NULL, 0, fit);
	for (i = 0; i < m->nrows && i < ACT_MAX_ROWS; i++) {
		sb_puts(b, "\n");
		expand(b, row, m, &m->rows[i], i, fit);
	}
	if (m->more) {
		sb_puts(b, "\n");
		expand(b, more, m, NULL, 0, fit);
	}
}

static void
sb_start(struct sbuf *b, char *out, size_t outsz, bool count)
{
	memset(b, 0, sizeof(*b));
	b->p = out;
	b->sz = outsz;
	b->count = count;
	b->gsm = true;
}

/* The length of b in its segment's unit, and that segment's size. */
static size_t
sb_seg(const struct sbuf *b, size_t *limit)
{
	*limit = b->gsm ? REPLY_SMS_SEPTETS : REPLY_UCS2_CHARS;
	return b->gsm ? b->septets : b->units;
}

/* The cap of a free-text value at a level: the level plus its tier's
 * step, not below its floor (or lowest, when not 0). */
static size_t
fit_cap(const char *key, size_t level, size_t lowest)
{
	size_t	floor = 0;
	int	tier = 0;

	(void)fit_key(key, &floor, &tier);
	if (lowest > 0)
		return level > lowest ? level : lowest;
	if (level > 0)
		level += (size_t)tier * FIT_TIER_STEP;
	return level > floor ? level : floor;
}

/* The page's length with every free-text value cut to its cap; with caps
 * set, the caps written into f. */
static size_t
fit_apply(const struct act_msg *m, struct fit *f, size_t fixed, bool gsm,
    size_t level, size_t lowest, bool set)
{
	const char	*key;
	size_t		 need = fixed, cap, l;
	int		 s, v, nv;

	for (s = 0; s <= m->nrows && s <= ACT_MAX_ROWS; s++) {
		nv = s == 0 ? m->nvars : m->rows[s - 1].nvars;
		for (v = 0; v < nv && v < ACT_MAX_VARS; v++) {
			if (f->occ[s][v] == 0)
				continue;
			key = s == 0 ? m->vars[v].key : m->rows[s - 1].vars[v].key;
			cap = fit_cap(key, level, lowest);
			l = gsm ? f->len[s][v] : f->chars[s][v];
			need += (size_t)f->occ[s][v] * (l <= cap ? l : cap);
			if (set)
				f->cap[s][v] = f->len[s][v] > cap ? (int)cap : -1;
		}
	}
	return need;
}

/* Fits a list page to one segment without dropping a row: free-text values
 * are cut to one level (higher tiers keeping a few more characters: the
 * echoed query gives way first, names last), the longest first, none below
 * its floor; if that is not enough, all down to one character and the
 * mark. Codes, prices, quantities and states are never cut: with 3 rows,
 * codes up to 6 digits, prices up to Rp9.999.999 with a 5-letter unit and
 * counts up to 99.999 always fit. Returns the final rendering's length. */
static size_t
fit_list(const struct templates *t, const struct act_msg *m, const char *lang,
    char *out, size_t outsz)
{
	static struct fit	f;
	struct sbuf		b;
	size_t			len, limit, fixed, level, lowest = 0;
	int			s, v, nv, tries;

	memset(&f, 0, sizeof(f));
	memset(f.cap, 0xff, sizeof(f.cap));	/* -1: uncut */
	f.on = true;
	sb_start(&b, out, outsz, true);
	render(&b, t, m, lang, &f);
	if ((len = sb_seg(&b, &limit)) <= limit)
		return sb_finish(&b);
	fixed = len;
	for (s = 0; s <= m->nrows && s <= ACT_MAX_ROWS; s++) {
		nv = s == 0 ? m->nvars : m->rows[s - 1].nvars;
		for (v = 0; v < nv && v < ACT_MAX_VARS; v++)
			fixed -= (size_t)f.occ[s][v] *
			    (b.gsm ? f.len[s][v] : f.chars[s][v]);
	}
	if (fit_apply(m, &f, fixed, b.gsm, 0, 0, false) > limit)
		lowest = FIT_LAST_FLOOR;
	for (level = FIT_UNCUT; level > 0 && fit_apply(m, &f, fixed, b.gsm,
	    level, lowest, false) > limit; level--)
		;
	/* Cut values may come out shorter (a space before the mark); a cut
	 * extension character may not: check, a level lower if not. */
	for (tries = 0; tries < 8; tries++) {
		(void)fit_apply(m, &f, fixed, b.gsm, level, lowest, true);
		memset(f.occ, 0, sizeof(f.occ));
		sb_start(&b, out, outsz, true);
		render(&b, t, m, lang, &f);
		if (sb_seg(&b, &limit) <= limit || level == 0)
			break;
		level--;
	}
	return sb_finish(&b);
}

size_t
reply_render(const struct templates *t, const struct act_msg *m,
    const char *lang, char *out, size_t outsz)
{
	struct sbuf	 b;

	if (lang == NULL || lang[0] == '\0')
		lang = m->lang;
	if (m->nrows > 0)
		return fit_list(t, m, lang, out, outsz);
	sb_start(&b, out, outsz, false);
	render(&b, t, m, lang, NULL);
	return sb_finish(&b);
}

size_t
reply_seg_len(const char *s, bool *gsm)
{
	struct sbuf	b;
	size_t		limit, n;

	sb_start(&b, NULL, 0, true);
	sb_put(&b, s, strlen(s));
	n = sb_seg(&b, &limit);
	if (gsm != NULL)
		*gsm = b.gsm;
	return n;
}

bool
reply_is_gsm(const char *s, size_t *bad_off)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c = 0;
	size_t			 n;

	while (*p != '\0') {
		if ((n = utf8_next(p, strnlen((const char *)p, 4), &c)) == 0 ||
		    !gsm_char(c)) {
			if (bad_off != NULL)
				*bad_off = (size_t)(p - (const unsigned char *)s);
			return false;
		}
		p += n;
	}
	return true;
}

size_t
reply_check_gsm(const struct templates *t, reply_gsm_fn *fn, void *arg)
{
	size_t	i, k, off, bad = 0;

	if (t == NULL)
		return 0;
	for (i = 0; i < t->nlangs; i++)
		for (k = 0; k < t->langs[i].n; k++) {
			if (reply_is_gsm(t->langs[i].v[k].text, &off))
				continue;
			bad++;
			if (fn != NULL)
				fn(arg, t->langs[i].lang, &t->langs[i].v[k],
				    off);
		}
	return bad;
}
