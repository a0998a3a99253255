/* The one UTF-8 decoder (common/utf8.c): well-formed characters, and the
 * maximal ill-formed prefix of every kind of bad sequence. */
#include <string.h>

#include "common/utf8.h"
#include "tests/t.h"

static void
test_decode(void)
{
	static const struct {
		const char	*in;
		size_t		 n;		/* bytes offered */
		size_t		 used;
		uint32_t	 cp;
	} cases[] = {
		{ "A", 1, 1, 'A' },
		{ "\xc3\xa9", 2, 2, 0xE9 },			/* e acute */
		{ "\xe2\x82\xac", 3, 3, 0x20AC },		/* euro */
		{ "\xe2\x80\x9c", 3, 3, 0x201C },		/* curly quote */
		{ "\xf0\x9f\x99\x8f", 4, 4, 0x1F64F },		/* emoji */
		{ "\xf4\x8f\xbf\xbf", 4, 4, 0x10FFFF },
		{ "\xc0\x80", 2, 1, UTF8_BAD },			/* overlong */
		{ "\xc1\xbf", 2, 1, UTF8_BAD },
		{ "\xe0\x80\x80", 3, 1, UTF8_BAD },
		{ "\xf0\x80\x80\x80", 4, 1, UTF8_BAD },
		{ "\xed\xa0\x80", 3, 1, UTF8_BAD },		/* surrogate */
		{ "\xf4\x90\x80\x80", 4, 1, UTF8_BAD },		/* > U+10FFFF */
		{ "\xf5\x80\x80\x80", 4, 1, UTF8_BAD },
		{ "\x80", 1, 1, UTF8_BAD },			/* stray */
		{ "\xff", 1, 1, UTF8_BAD },
		{ "\xe2\x82", 2, 2, UTF8_BAD },			/* cut by n */
		{ "\xe2\x82\xac", 2, 2, UTF8_BAD },
		{ "\xe2\x82" "A", 3, 2, UTF8_BAD },		/* cut by a byte */
		{ "\xf0\x9f\x99", 3, 3, UTF8_BAD },
	};
	uint32_t	cp;
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT((int)utf8_decode(cases[i].in, cases[i].n, &cp),
		    (int)cases[i].used);
		CHECK(cp == cases[i].cp);
	}
	CHECK_INT((int)utf8_decode("x", 0, &cp), 0);
	CHECK(cp == UTF8_BAD);
	/* a NUL is never a continuation byte */
	CHECK_INT((int)utf8_decode("\xe2\0\xac", 3, &cp), 1);
	CHECK(cp == UTF8_BAD);
}

int
main(void)
{
	test_decode();
	return T_DONE();
}
