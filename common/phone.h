/* Phone numbers: the one normaliser to E.164 ("+62812...") that SMPP
 * addresses, USSD over HTTP, typed numbers and lapakctl all use. */
#ifndef LAPAK_PHONE_H
#define LAPAK_PHONE_H
#include <stdbool.h>
#include <stddef.h>

#define PHONE_E164_MAX	16	/* '+', up to 15 digits, NUL */

/*
 * Normalises in to E.164 with '+' into out[outsz] (PHONE_E164_MAX always
 * suffices). country_code is digits without '+' (NULL or "" = "62").
 * Spaces, '-', '.', '(' and ')' between digits are ignored.
 *   "+62812..."          as is
 *   "0062812..."         international prefix 00: "+62812..."
 *   "0812..."            national (trunk 0): "+62" "812..."
 *   "62812..."           starts with the country code: "+62812..."
 *   "812..."             international: "+812..." (an SMPP address with
 *                        TON international); otherwise a national number
 *                        without its trunk 0: "+62812..."
 * Returns 0, or -1 with out = "" when in is not 8..15 digits once
 * normalised, a digit after the prefix is 0, or anything else is in it.
 */
int	phone_e164(const char *in, const char *country_code, bool international,
	    char *out, size_t outsz);

#endif
