/* Rupiah price parser for SMS text: "15.000", "Rp15.000", "15rb", "2,5rb",
 * "1,5jt", "15rb/bks", "15 ribu", "15rb per bks" -> whole rupiah plus an
 * optional unit. Pure. */
#ifndef LAPAK_PRICE_H
#define LAPAK_PRICE_H
#include <stdbool.h>
#include <stdint.h>

#define PRICE_MAX_RP	1000000000LL	/* 1.000.000.000 */
#define PRICE_UNIT_MAX	16		/* "bks" + NUL; == sizeof(action.unit) */
#define PRICE_BARE_MIN_RP 100		/* JUAL: lower bare prices are asked again */

enum price_rc {
	PRICE_OK = 0,
	PRICE_EMPTY,		/* nothing (or only "Rp") */
	PRICE_NOT_NUMBER,	/* does not start with a digit: "tujuh" */
	PRICE_DECIMAL_NO_SUFFIX,/* "15,5", "1.5": decimals need rb/jt */
	PRICE_NOT_WHOLE,	/* "2,5555rb": not a whole rupiah */
	PRICE_ZERO,		/* "0", "0rb" */
	PRICE_NEGATIVE,		/* "-5000" */
	PRICE_TOO_LARGE,	/* above PRICE_MAX_RP */
	PRICE_TRAILING,		/* garbage after the number: "5kg", "15rbx" */
	PRICE_BAD_GROUPING,	/* "1.50.000", "1234.567", "1.2.3jt" */
	PRICE_BAD_UNIT,		/* "15rb/" or a unit too long or not a word */
	PRICE_TOO_SMALL		/* never from price_parse: JUAL's bare price
				 * under PRICE_BARE_MIN_RP ("JUAL Beras 15 50"
				 * means 15rb far more often than Rp15) */
};

struct price {
	int64_t	rp;			/* 1 .. PRICE_MAX_RP when PRICE_OK */
	char	unit[PRICE_UNIT_MAX];	/* "bks" from "15rb/bks", "" = none */
	bool	bare;			/* written without Rp and without a
					 * suffix: "50", "15.000" */
};

/* Parses one price field s (NUL-terminated, surrounding spaces ignored; an
 * "Rp"/"Rp." prefix, also with a space after it, is accepted; so are spaces
 * before the suffix and a unit as "/bks", "/ bks" or "per bks"). On PRICE_OK
 * fills *out; otherwise *out is zeroed and the rc says why. */
enum price_rc	price_parse(const char *s, struct price *out);

/* The two-token form "Rp" "15.000": cur must be a currency word (see
 * price_is_currency), num the number. Same contract as price_parse. */
enum price_rc	price_parse2(const char *cur, const char *num, struct price *out);

/* True when tok is only a currency word: "Rp", "rp", "Rp.", "IDR". */
bool		price_is_currency(const char *tok);

/* Short English name of rc for logs and tests: "decimal-no-suffix". */
const char	*price_rc_name(enum price_rc rc);

#endif
