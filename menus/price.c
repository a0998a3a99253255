/* Rupiah price parser. A '.' or ',' followed by exactly three digits groups
 * thousands; any other separator is a decimal point, allowed only before a
 * suffix (rb/ribu/k = 1000, jt/juta = 1000000) and only for whole rupiah,
 * except printed zero cents ("Rp15.000,00"). The suffix may stand apart
 * ("15 ribu"), and "per bks" is the same unit as "/bks". */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "menus/price.h"

#define PRICE_MAX_GROUPS	8

static const struct {
	const char	*word;
	int64_t		 mult;
} suffixes[] = {
	{ "rb", 1000 }, { "ribu", 1000 }, { "k", 1000 },
	{ "jt", 1000000 }, { "juta", 1000000 },
};

static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Length of a currency word at p ("Rp", "Rp.", "IDR"), 0 if none. */
static size_t
currency_len(const char *p)
{
	if (strncasecmp(p, "rp", 2) == 0)
		return p[2] == '.' ? 3 : 2;
	if (strncasecmp(p, "idr", 3) == 0)
		return 3;
	return 0;
}

bool
price_is_currency(const char *tok)
{
	size_t	n;

	if (tok == NULL)
		return false;
	tok = skip_space(tok);
	n = currency_len(tok);
	return n > 0 && *skip_space(tok + n) == '\0';
}

struct group {
	const char	*p;
	size_t		 len;
	char		 sep;	/* separator before it; '\0' for the first */
};

/* Appends the digits of g to *v; false when v would pass limit. */
static bool
add_digits(int64_t *v, const struct group *g, int64_t limit)
{
	size_t	i;

	for (i = 0; i < g->len; i++) {
		if (*v > (limit - (g->p[i] - '0')) / 10)
			return false;
		*v = *v * 10 + (g->p[i] - '0');
	}
	return true;
}

static enum price_rc
parse_unit(const char *p, const char **end, char *unit)
{
	size_t	n = 0;

	while (p[n] != '\0' && p[n] != ' ' && p[n] != '\t') {
		if (!isalnum((unsigned char)p[n]) && p[n] != '.')
			return PRICE_BAD_UNIT;
		n++;
	}
	if (n == 0 || n >= PRICE_UNIT_MAX)
		return PRICE_BAD_UNIT;
	memcpy(unit, p, n);
	unit[n] = '\0';
	*end = p + n;
	return PRICE_OK;
}

enum price_rc
price_parse(const char *s, struct price *out)
{
	struct group	 g[PRICE_MAX_GROUPS];
	struct price	 r;
	const char	*p, *q, *suf;
	char		 tsep = '\0';
	size_t		 ng = 0, i, nsuf, ndec;
	int64_t		 mult = 1, ipart = 0, dec = 0, pow10 = 1;
	bool		 has_dec, dash = false, currency;
	enum price_rc	 rc;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	if (s == NULL)
		return PRICE_EMPTY;
	p = skip_space(s);
	currency = currency_len(p) > 0;
	p = skip_space(p + currency_len(p));
	if (*p == '\0')
		return PRICE_EMPTY;
	if (*p == '-')
		return isdigit((unsigned char)p[1]) ? PRICE_NEGATIVE :
		    PRICE_NOT_NUMBER;
	if (!isdigit((unsigned char)*p))
		return PRICE_NOT_NUMBER;

	/* Digit groups and the separators between them. */
	for (;;) {
		if (ng == PRICE_MAX_GROUPS)
			return PRICE_BAD_GROUPING;
		g[ng].sep = ng == 0 ? '\0' : p[-1];
		g[ng].p = p;
		while (isdigit((unsigned char)*p))
			p++;
		g[ng].len = (size_t)(p - g[ng].p);
		ng++;
		if ((*p == '.' || *p == ',') && isdigit((unsigned char)p[1]))
			p++;
		else
			break;
	}
	/* "15.000,-": an explicit "no cents". */
	if ((*p == ',' || *p == '.') && p[1] == '-') {
		dash = true;
		p += 2;
	}
	if ((*p == '.' || *p == ',') && p[1] == '\0')
		return PRICE_TRAILING;

	/* Suffix word, glued ("15rb") or apart ("15 ribu"). */
	suf = skip_space(p);
	for (nsuf = 0; isalpha((unsigned char)suf[nsuf]); nsuf++)
		;
	for (i = 0; nsuf > 0 && i < sizeof(suffixes) / sizeof(suffixes[0]);
	    i++)
		if (strlen(suffixes[i].word) == nsuf &&
		    strncasecmp(suf, suffixes[i].word, nsuf) == 0)
			mult = suffixes[i].mult;
	if (mult > 1) {
		if (dash)
			return PRICE_TRAILING;
		p = suf + nsuf;
	} else if (nsuf > 0 && suf == p)
		return PRICE_TRAILING;		/* "5kg", "15rbx" */

	/* Unit: "/bks", "/ bks" or "per bks". */
	q = skip_space(p);
	if (*q == '/') {
		if ((rc = parse_unit(skip_space(q + 1), &p, r.unit)) !=
		    PRICE_OK)
			return rc;
	} else if (strncasecmp(q, "per", 3) == 0 &&
	    (q[3] == ' ' || q[3] == '\t')) {
		if ((rc = parse_unit(skip_space(q + 3), &p, r.unit)) !=
		    PRICE_OK)
			return rc;
	}
	if (*skip_space(p) != '\0')
		return PRICE_TRAILING;

	/* Which separators group thousands, which one is a decimal point. */
	has_dec = ng > 1 && g[ng - 1].len != 3;
	for (i = 1; i < ng; i++) {
		if (has_dec && i == ng - 1)
			break;
		if (g[i].len != 3)
			return PRICE_BAD_GROUPING;
		if (tsep != '\0' && g[i].sep != tsep)
			return PRICE_BAD_GROUPING;
		tsep = g[i].sep;
	}
	if (tsep != '\0' && (g[0].len > 3 || g[0].len == 0))
		return PRICE_BAD_GROUPING;
	if (has_dec && tsep != '\0' && g[ng - 1].sep == tsep)
		return PRICE_BAD_GROUPING;
	/* "Rp15.000,00", "15.000,00": the zero cents of a printed price. */
	if (has_dec && mult == 1 && (tsep != '\0' || currency) &&
	    g[ng - 1].len == 2 && g[ng - 1].p[0] == '0' &&
	    g[ng - 1].p[1] == '0') {
		has_dec = false;
		ng--;
	}
	if (has_dec && mult == 1)
		return PRICE_DECIMAL_NO_SUFFIX;
	if (has_dec && dash)
		return PRICE_TRAILING;

	for (i = 0; i < ng - (has_dec ? 1 : 0); i++)
		if (!add_digits(&ipart, &g[i], PRICE_MAX_RP * 10))
			return PRICE_TOO_LARGE;
	if (ipart > PRICE_MAX_RP / mult)
		return PRICE_TOO_LARGE;
	if (has_dec) {
		/* Trailing zeros of the fraction change nothing. */
		ndec = g[ng - 1].len;
		while (ndec > 0 && g[ng - 1].p[ndec - 1] == '0')
			ndec--;
		for (i = 0; i < ndec; i++) {
			if (pow10 >= mult)
				return PRICE_NOT_WHOLE;
			pow10 *= 10;
			dec = dec * 10 + (g[ng - 1].p[i] - '0');
		}
		if ((dec * mult) % pow10 != 0)
			return PRICE_NOT_WHOLE;
		dec = dec * mult / pow10;
	}
	r.rp = ipart * mult + dec;
	r.bare = !currency && mult == 1;
	if (r.rp == 0)
		return PRICE_ZERO;
	if (r.rp > PRICE_MAX_RP)
		return PRICE_TOO_LARGE;
	*out = r;
	return PRICE_OK;
}

enum price_rc
price_parse2(const char *cur, const char *num, struct price *out)
{
	memset(out, 0, sizeof(*out));
	if (!price_is_currency(cur))
		return PRICE_NOT_NUMBER;
	if (num == NULL || currency_len(skip_space(num)) > 0)
		return num == NULL ? PRICE_EMPTY : PRICE_NOT_NUMBER;
	return price_parse(num, out);
}

const char *
price_rc_name(enum price_rc rc)
{
	switch (rc) {
	case PRICE_OK:			return "ok";
	case PRICE_EMPTY:		return "empty";
	case PRICE_NOT_NUMBER:		return "not-number";
	case PRICE_DECIMAL_NO_SUFFIX:	return "decimal-no-suffix";
	case PRICE_NOT_WHOLE:		return "not-whole";
	case PRICE_ZERO:		return "zero";
	case PRICE_NEGATIVE:		return "negative";
	case PRICE_TOO_LARGE:		return "too-large";
	case PRICE_TRAILING:		return "trailing";
	case PRICE_BAD_GROUPING:	return "bad-grouping";
	case PRICE_BAD_UNIT:		return "bad-unit";
	case PRICE_TOO_SMALL:		return "too-small";
	}
	return "?";
}
