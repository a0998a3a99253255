/* Weights written by people: a number, a decimal mark either way round,
 * and a unit word, to whole grams. */
#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "menus/weight.h"

#define WEIGHT_DEC_MAX	3	/* decimals read: "0,125 kg" */

/* Unit words and grams per unit. */
static const struct {
	const char	*word;
	int64_t		 grams;
} units[] = {
	{ "g", 1 }, { "gr", 1 }, { "grm", 1 }, { "gram", 1 }, { "grams", 1 },
	{ "kg", 1000 }, { "kilo", 1000 }, { "kilogram", 1000 },
	{ "kgs", 1000 }, { "ons", 100 },
};

static int64_t
unit_grams(const char *w, size_t n)
{
	size_t	i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strlen(units[i].word) == n &&
		    strncasecmp(units[i].word, w, n) == 0)
			return units[i].grams;
	return 0;
}

/* Reads the number at *pp: whole part, and up to WEIGHT_DEC_MAX decimals
 * after one mark. *mant holds all digits read, *dec how many were after
 * the mark, *mark the mark ('\0' none) and *after how many digits followed
 * it. false when no digit starts it or it is too long. */
static bool
read_number(const char **pp, int64_t *mant, int *dec, char *mark, int *after)
{
	const char	*p = *pp;
	int64_t		 v = 0;
	int		 n = 0;

	*dec = 0;
	*after = 0;
	*mark = '\0';
	if (!isdigit((unsigned char)*p))
		return false;
	/* At most ~1e11 before the mark and three decimals after it: times
	 * 1000 g per kg stays far inside int64_t. */
	for (; isdigit((unsigned char)*p); p++) {
		if (v > WEIGHT_PARSE_MAX_G * 10)
			return false;
		v = v * 10 + (*p - '0');
		n++;
	}
	if ((*p == ',' || *p == '.') && isdigit((unsigned char)p[1])) {
		*mark = *p++;
		for (; isdigit((unsigned char)*p); p++) {
			if (++*after > WEIGHT_DEC_MAX)
				return false;
			v = v * 10 + (*p - '0');
			(*dec)++;
		}
	}
	*mant = v;
	*pp = p;
	return n > 0;
}

enum weight_rc
weight_parse(const char *s, int64_t *grams)
{
	const char	*p = s, *w;
	int64_t		 mant, per, scale = 1, g;
	int		 dec, after, i;
	char		 mark;
	size_t		 n;

	*grams = 0;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0')
		return WEIGHT_EMPTY;
	if (!read_number(&p, &mant, &dec, &mark, &after))
		return WEIGHT_BAD;
	while (*p == ' ' || *p == '\t')
		p++;
	w = p;
	while (isalpha((unsigned char)*p))
		p++;
	n = (size_t)(p - w);
	if (*p == '.' && n > 0)		/* "gr." */
		p++;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0')
		return WEIGHT_BAD;
	per = n == 0 ? 1 : unit_grams(w, n);
	if (per == 0)
		return WEIGHT_BAD;
	/* "1.500 g": thousands, not one and a half grams. */
	if (per == 1 && mark != '\0' && after == 3)
		dec = 0;
	for (i = 0; i < dec; i++)
		scale *= 10;
	g = (mant * per + scale / 2) / scale;
	if (g > WEIGHT_PARSE_MAX_G)
		return WEIGHT_TOO_LARGE;
	*grams = g;
	return WEIGHT_OK;
}

bool
weight_of_unit(const char *unit, int64_t *grams)
{
	const char	*p = unit;
	int64_t		 g;

	*grams = 0;
	while (*p == ' ')
		p++;
	if (isalpha((unsigned char)*p)) {
		/* A unit word alone: one of it. */
		size_t	n = strlen(p);

		while (n > 0 && p[n - 1] == ' ')
			n--;
		if ((g = unit_grams(p, n)) == 0)
			return false;
		*grams = g;
		return true;
	}
	if (strpbrk(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
	    == NULL)
		return false;		/* "10": a count, no weight */
	if (weight_parse(p, &g) != WEIGHT_OK || g <= 0)
		return false;
	*grams = g;
	return true;
}
