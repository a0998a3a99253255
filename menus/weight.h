/* Weight parser for SMS text and units (BERAT, marketplace export): "250g",
 * "250 g", "1kg", "1,5 kg", "1.5kg", "0,25kg", "2 ons" -> whole grams.
 * Pure. */
#ifndef LAPAK_WEIGHT_H
#define LAPAK_WEIGHT_H
#include <stdbool.h>
#include <stdint.h>

/* What the parser takes at all; the commerce rule (commerce/weight.c) sets
 * the bounds a product's weight must keep. */
#define WEIGHT_PARSE_MAX_G	1000000000LL

enum weight_rc {
	WEIGHT_OK = 0,
	WEIGHT_EMPTY,		/* nothing */
	WEIGHT_BAD,		/* not a number with a weight unit */
	WEIGHT_TOO_LARGE	/* above WEIGHT_PARSE_MAX_G */
};

/* Parses s (surrounding spaces ignored; spaces between the number and the
 * unit allowed) into *grams, rounded to the nearest gram. Units, any case:
 * g, gr, gram; kg, kilo, kilogram; ons (100 g). A number without a unit is
 * grams. The decimal mark is ',' or '.'; in grams a mark followed by
 * exactly three digits groups thousands ("1.500 g" = 1500 g), anywhere
 * else it is decimal ("1.5kg" = 1500 g). Zero parses (WEIGHT_OK, 0): the
 * bounds are the caller's. Negative numbers are WEIGHT_BAD. */
enum weight_rc	weight_parse(const char *s, int64_t *grams);

/* The weight a product's selling unit implies: "kg" 1000, "500g" 500,
 * "1,5kg" 1500, "ons" 100, "1/2kg" no. A unit word alone counts once; a
 * bare number ("10") or another unit ("bks", "liter") implies nothing:
 * false. */
bool		weight_of_unit(const char *unit, int64_t *grams);

#endif
