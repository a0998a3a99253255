/* SMS tokenizer and token tests. Tokens are copied into the lex buffer with
 * their span in the original text, so callers can mask digits in place. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "common/gsm.h"
#include "common/utf8.h"
#include "menus/lex.h"

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}


/* Whitespace at text[i] (n bytes in all): its length in bytes, 0 if none.
 * Besides ASCII, the Unicode spaces phones put in (no-break, thin, ideographic
 * ...) separate words too. */
static size_t
ws_at(const char *text, size_t i, size_t n)
{
	uint32_t c;
	size_t	len;

	if (is_ws(text[i]))
		return 1;
	if ((unsigned char)text[i] < 0x80)
		return 0;
	len = utf8_decode(text + i, n - i, &c);
	if (c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
	    c == 0x3000)
		return len;
	return 0;
}

/* Latin-1 letters outside GSM written without their accent, U+00C0 ...
 * U+00FF; '=' kept (in GSM), '~' dropped. */
static const char latin1_base[] =
	"AAAA====E=EEIIII"	/* C0 */
	"D=OOOO=x=UUU=Y~="	/* D0 */
	"=aaa===c==ee=iii"	/* E0 */
	"d==ooo=~==uu=y~y";	/* F0 */

/* What code point cp becomes in kept text: NULL = itself, "" = dropped,
 * else its GSM look-alike (never longer than cp's UTF-8 form). */
static const char *
clean_cp(long cp, char tmp[2])
{
	if (cp < 0)
		return "";
	if (cp < 0x80) {
		if (is_ws((char)cp))
			return " ";
		if (cp < 0x20 || cp == 0x7F)
			return "";
		return cp == '`' ? "'" : NULL;
	}
	if (gsm_char((uint32_t)cp))
		return NULL;		/* in GSM 03.38: kept as it is */
	if (cp >= 0xC0 && cp <= 0xFF) {
		tmp[0] = latin1_base[cp - 0xC0];
		tmp[1] = '\0';
		return tmp[0] == '~' ? "" : tmp;
	}
	switch (cp) {
	case 0x00A0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
	case 0x205F: case 0x3000:
		return " ";
	case 0x00B4: case 0x02BC: case 0x2018: case 0x2019: case 0x201A:
	case 0x201B: case 0x2032: case 0x2035:
		return "'";
	case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E:
	case 0x201F: case 0x2033: case 0x2036:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212:
		return "-";
	case 0x2026:
		return "...";
	default:
		break;
	}
	if (cp >= 0x2000 && cp <= 0x200A)
		return " ";
	return "";
}

size_t
lex_clean(const char *in, size_t inlen, char *out, size_t outsz)
{
	const char		*r;
	char			 tmp[2];
	size_t			 i = 0, o = 0, len, k, rl;
	long			 cp;
	uint32_t		 u;
	bool			 sp = false;

	if (outsz == 0)
		return 0;
	while (i < inlen && o + 1 < outsz) {
		len = utf8_decode(in + i, inlen - i, &u);
		cp = u == UTF8_BAD ? -1 : (long)u;
		if ((r = clean_cp(cp, tmp)) == NULL) {
			r = in + i;
			rl = len;
		} else
			rl = strlen(r);
		i += len;
		if (rl == 1 && r[0] == ' ') {
			sp = o > 0;
			continue;
		}
		if (rl == 0)
			continue;
		if (o + rl + (sp ? 1 : 0) + 1 > outsz)
			break;
		if (sp)
			out[o++] = ' ';
		sp = false;
		for (k = 0; k < rl; k++)
			out[o++] = r[k];
	}
	out[o] = '\0';
	return o;
}

/* Copies text[a, b) into the buffer as one token, cleaned (lex_clean:
 * inner whitespace collapsed, symbols outside GSM dropped); a and b must be
 * trimmed. A token that cleans to nothing (an emoji) is no token. */
static void
push(struct lex *lx, size_t *used, const char *text, size_t a, size_t b)
{
	char	*d;
	size_t	 n;

	if (a >= b)
		return;
	if (lx->ntok == LEX_MAX_TOKENS || *used + (b - a) + 1 > LEX_BUF_MAX) {
		lx->truncated = true;
		return;
	}
	d = lx->buf + *used;
	if ((n = lex_clean(text + a, b - a, d, b - a + 1)) == 0)
		return;
	lx->tok[lx->ntok].s = d;
	lx->tok[lx->ntok].off = a;
	lx->tok[lx->ntok].len = b - a;
	lx->ntok++;
	*used += n + 1;
}

/* Trims [*a, *b) of whitespace. */
static void
trim(const char *text, size_t *a, size_t *b)
{
	size_t	w;

	while (*a < *b && (w = ws_at(text, *a, *b)) > 0)
		*a += w;
	/* Backwards: step over whole UTF-8 characters. */
	while (*b > *a) {
		size_t s = *b - 1;

		while (s > *a && ((unsigned char)text[s] & 0xC0) == 0x80)
			s--;
		if ((w = ws_at(text, s, *b)) == 0 || s + w != *b)
			break;
		*b = s;
	}
}

void
lex_split(const char *text, struct lex *out)
{
	size_t	used = 0, i = 0, a, b, n, w;
	bool	first = true;

	memset(out, 0, sizeof(*out));
	if (text == NULL)
		return;
	n = strlen(text);
	out->hashed = memchr(text, '#', n) != NULL;
	if (!out->hashed) {
		while (i < n) {
			while (i < n && (w = ws_at(text, i, n)) > 0)
				i += w;
			a = i;
			while (i < n && ws_at(text, i, n) == 0)
				i++;
			push(out, &used, text, a, i);
		}
		return;
	}
	while (i <= n) {
		a = i;
		while (i < n && text[i] != '#')
			i++;
		b = i++;
		trim(text, &a, &b);
		if (a == b)
			continue;
		while (first && a < b) {
			/* The keyword stands alone; the rest is one field.
			 * A word that cleans to nothing (an emoji) is none. */
			size_t k = a, before = out->ntok;

			while (k < b && ws_at(text, k, b) == 0)
				k++;
			push(out, &used, text, a, k);
			a = k;
			trim(text, &a, &b);
			first = out->ntok == before;
		}
		push(out, &used, text, a, b);
	}
}

bool
lex_cut(struct lex *lx, size_t i, size_t n, size_t skip)
{
	char	*s;
	size_t	 len;
	bool	 ok = true;

	if (i >= lx->ntok || skip == 0)
		return false;
	s = lx->buf + (lx->tok[i].s - lx->buf);
	len = strlen(s);
	if (n + skip > len)
		return false;
	if (n + skip < len) {
		if (lx->ntok == LEX_MAX_TOKENS)
			ok = false;
		else {
			memmove(&lx->tok[i + 2], &lx->tok[i + 1],
			    (lx->ntok - i - 1) * sizeof(lx->tok[0]));
			lx->tok[i + 1] = lx->tok[i];
			lx->tok[i + 1].s = s + n + skip;
			lx->ntok++;
		}
	}
	s[n] = '\0';
	return ok;
}

bool
lex_eq(const char *tok, const char *word)
{
	return tok != NULL && word != NULL && strcasecmp(tok, word) == 0;
}

bool
lex_digits(const char *tok, size_t minlen, size_t maxlen)
{
	size_t	n = 0;

	if (tok == NULL)
		return false;
	for (; tok[n] != '\0'; n++)
		if (!isdigit((unsigned char)tok[n]))
			return false;
	return n >= minlen && n <= maxlen;
}

bool
lex_uint(const char *tok, int64_t max, int64_t *out)
{
	int64_t	v = 0;
	size_t	i;

	if (!lex_digits(tok, 1, 18))
		return false;
	for (i = 0; tok[i] != '\0'; i++)
		v = v * 10 + (tok[i] - '0');
	if (v > max)
		return false;
	if (out != NULL)
		*out = v;
	return true;
}

void
lex_upper(const char *in, char *out, size_t outsz)
{
	size_t	i;

	if (outsz == 0)
		return;
	for (i = 0; in[i] != '\0' && i + 1 < outsz; i++)
		out[i] = (char)toupper((unsigned char)in[i]);
	out[i] = '\0';
}

bool
lex_join(const struct lex *lx, size_t from, size_t to, char *out, size_t outsz)
{
	size_t	o = 0, n, i;
	bool	ok = true;

	if (outsz == 0)
		return false;
	out[0] = '\0';
	for (i = from; i < to && i < lx->ntok; i++) {
		n = strlen(lx->tok[i].s);
		if (o > 0) {
			if (o + 1 >= outsz) {
				ok = false;
				break;
			}
			out[o++] = ' ';
		}
		if (o + n >= outsz) {
			memcpy(out + o, lx->tok[i].s, outsz - 1 - o);
			o = outsz - 1;
			ok = false;
			break;
		}
		memcpy(out + o, lx->tok[i].s, n);
		o += n;
	}
	out[o] = '\0';
	return ok;
}
