/* SMS tokenizer and token tests. Tokens are copied into the lex buffer with
 * their span in the original text, so callers can mask digits in place. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "menus/lex.h"

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Copies text[a, b) into the buffer as one token, collapsing inner
 * whitespace; a and b must be trimmed. */
static void
push(struct lex *lx, size_t *used, const char *text, size_t a, size_t b)
{
	char	*d;
	size_t	 i;
	bool	 sp = false;

	if (a >= b)
		return;
	if (lx->ntok == LEX_MAX_TOKENS || *used + (b - a) + 1 > LEX_BUF_MAX) {
		lx->truncated = true;
		return;
	}
	d = lx->buf + *used;
	lx->tok[lx->ntok].s = d;
	lx->tok[lx->ntok].off = a;
	lx->tok[lx->ntok].len = b - a;
	lx->ntok++;
	for (i = a; i < b; i++) {
		if (is_ws(text[i])) {
			sp = true;
			continue;
		}
		if (sp)
			*d++ = ' ';
		sp = false;
		*d++ = text[i];
	}
	*d++ = '\0';
	*used = (size_t)(d - lx->buf);
}

/* Trims [*a, *b) of whitespace. */
static void
trim(const char *text, size_t *a, size_t *b)
{
	while (*a < *b && is_ws(text[*a]))
		(*a)++;
	while (*b > *a && is_ws(text[*b - 1]))
		(*b)--;
}

void
lex_split(const char *text, struct lex *out)
{
	size_t	used = 0, i = 0, a, b, n;
	bool	first = true;

	memset(out, 0, sizeof(*out));
	if (text == NULL)
		return;
	n = strlen(text);
	out->hashed = memchr(text, '#', n) != NULL;
	if (!out->hashed) {
		while (i < n) {
			while (i < n && is_ws(text[i]))
				i++;
			a = i;
			while (i < n && !is_ws(text[i]))
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
		if (first) {
			/* The keyword stands alone; the rest is one field. */
			size_t k = a;

			while (k < b && !is_ws(text[k]))
				k++;
			push(out, &used, text, a, k);
			a = k;
			trim(text, &a, &b);
			first = false;
		}
		push(out, &used, text, a, b);
	}
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
