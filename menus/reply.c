/* Reply rendering from templates and the GSM 03.38 character test. Output
 * is built in a bounded buffer that keeps counting past its end, so callers
 * learn the full length the way snprintf reports it. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "menus/reply.h"

struct sbuf {
	char	*p;
	size_t	 sz;
	size_t	 wr;		/* bytes written into p */
	size_t	 len;		/* full length, may pass sz */
	bool	 full;		/* truncated: nothing more is written */
};

static void
sb_put(struct sbuf *b, const char *s, size_t n)
{
	size_t	room, cut;

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

static const char *
var_find(const struct act_var *v, int n, const char *key, size_t klen)
{
	int	i;

	for (i = 0; i < n; i++)
		if (strlen(v[i].key) == klen && strncmp(v[i].key, key, klen) == 0)
			return v[i].val;
	return NULL;
}

static bool
key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* Expands text with row values (row may be NULL), then the message's. */
static void
expand(struct sbuf *b, const char *text, const struct act_msg *m,
    const struct act_row *row)
{
	const char	*p = text, *k, *val;
	size_t		 klen;

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
		if (row != NULL)
			val = var_find(row->vars, row->nvars, k, klen);
		if (val == NULL)
			val = var_find(m->vars, m->nvars, k, klen);
		if (val != NULL)
			sb_puts(b, val);
		else
			sb_put(b, p, klen + 2);	/* stays visible: {key} */
		p = k + klen + 1;
	}
}

static void
last_resort(struct sbuf *b, const char *name, const struct act_var *v, int n)
{
	int	i;

	/* "tmpl: k=v k=v"; rows (name NULL) are just "k=v k=v". */
	if (name != NULL) {
		sb_puts(b, name[0] != '\0' ? name : "?");
		if (n > 0)
			sb_puts(b, ":");
	}
	for (i = 0; i < n; i++) {
		if (name != NULL || i > 0)
			sb_puts(b, " ");
		sb_puts(b, v[i].key);
		sb_puts(b, "=");
		sb_puts(b, v[i].val);
	}
}

size_t
reply_render(const struct templates *t, const struct act_msg *m,
    const char *lang, char *out, size_t outsz)
{
	struct sbuf	 b = { out, outsz, 0, 0, false };
	char		 rowname[sizeof(m->tmpl) + 8];
	const char	*text, *dot;
	int		 i;

	if (lang == NULL || lang[0] == '\0')
		lang = m->lang;
	if ((text = templates_get(t, lang, m->tmpl)) != NULL)
		expand(&b, text, m, NULL);
	else
		last_resort(&b, m->tmpl, m->vars, m->nvars);

	dot = strchr(m->tmpl, '.');
	snprintf(rowname, sizeof(rowname), "%.*s.row",
	    dot != NULL ? (int)(dot - m->tmpl) : (int)strlen(m->tmpl),
	    m->tmpl);
	text = templates_get(t, lang, rowname);
	for (i = 0; i < m->nrows && i < ACT_MAX_ROWS; i++) {
		sb_puts(&b, "\n");
		if (text != NULL)
			expand(&b, text, m, &m->rows[i]);
		else
			last_resort(&b, NULL, m->rows[i].vars, m->rows[i].nvars);
	}
	if (m->more) {
		sb_puts(&b, "\n");
		if ((text = templates_get(t, lang, "common.more")) != NULL)
			expand(&b, text, m, NULL);
		else
			sb_puts(&b, "common.more");
	}
	return sb_finish(&b);
}

/* Non-ASCII code points of the GSM 03.38 default alphabet and extension
 * table (the euro sign). */
static const uint32_t gsm_extra[] = {
	0x00A1, 0x00A3, 0x00A4, 0x00A5, 0x00A7, 0x00BF, 0x00C4, 0x00C5,
	0x00C6, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00D8, 0x00DC, 0x00DF,
	0x00E0, 0x00E4, 0x00E5, 0x00E6, 0x00E8, 0x00E9, 0x00EC, 0x00F1,
	0x00F2, 0x00F6, 0x00F8, 0x00F9, 0x00FC, 0x0393, 0x0394, 0x0398,
	0x039B, 0x039E, 0x03A0, 0x03A3, 0x03A6, 0x03A8, 0x03A9, 0x20AC,
};

static bool
gsm_cp(uint32_t c)
{
	size_t	i;

	if (c == '\n' || c == '\r' || c == '\f')
		return true;
	if (c >= 0x20 && c < 0x7F)
		return c != '`';	/* the one printable ASCII not in GSM */
	for (i = 0; i < sizeof(gsm_extra) / sizeof(gsm_extra[0]); i++)
		if (gsm_extra[i] == c)
			return true;
	return false;
}

/* Decodes one UTF-8 character at s; returns its length, 0 if invalid. */
static size_t
utf8_next(const unsigned char *s, uint32_t *cp)
{
	size_t	n, i;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		n = 2;
		c = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3;
		c = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && c < 0x10000))
		return 0;		/* overlong */
	*cp = c;
	return n;
}

bool
reply_is_gsm(const char *s, size_t *bad_off)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c = 0;
	size_t			 n;

	while (*p != '\0') {
		if ((n = utf8_next(p, &c)) == 0 || !gsm_cp(c)) {
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
