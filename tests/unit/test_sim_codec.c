/* lapak-sim's own codec: GSM 03.38 (basic, extension, packed), UCS-2 with
 * surrogates, round trips through UTF-8. The sim is not a module archive, so
 * the codec source is compiled in here. */
#include "sim/codec.c"
#include "tests/t.h"

static void
test_gsm(void)
{
	uint8_t	b[64];
	char	s[128];
	int	n;

	n = sc_utf8_to_gsm("@£$ Rp15.000", b, sizeof(b));
	CHECK_INT(n, 12);
	CHECK_INT(b[0], 0x00);
	CHECK_INT(b[1], 0x01);
	sc_gsm_to_utf8(b, (size_t)n, s, sizeof(s));
	CHECK_STR(s, "@£$ Rp15.000");
	n = sc_utf8_to_gsm("€{}", b, sizeof(b));
	CHECK_INT(n, 6);
	CHECK_INT(b[0], 0x1B);
	CHECK_INT(b[1], 0x65);
	sc_gsm_to_utf8(b, (size_t)n, s, sizeof(s));
	CHECK_STR(s, "€{}");
	CHECK_INT(sc_utf8_to_gsm("→", b, sizeof(b)), -1);
	CHECK_INT(sc_utf8_to_gsm("abc", b, 2), -1);
}

static void
test_ucs2(void)
{
	uint8_t	b[64];
	char	s[128];
	int	n;

	n = sc_utf8_to_ucs2("Жx😀", b, sizeof(b));
	CHECK_INT(n, 8);
	CHECK_INT(b[4], 0xD8);
	sc_ucs2_to_utf8(b, (size_t)n, s, sizeof(s));
	CHECK_STR(s, "Жx😀");
	sc_latin1_to_utf8((const uint8_t *)"\xe9t\xe9", 3, s, sizeof(s));
	CHECK_STR(s, "été");
}

static void
test_packed(void)
{
	/* "hello" packed: e8 32 9b fd 06 */
	static const uint8_t	p[] = { 0xE8, 0x32, 0x9B, 0xFD, 0x06 };
	uint8_t			sept[16];
	char			s[32];
	size_t			n;

	n = sc_unpack7(p, sizeof(p), 0, sept, 5);
	CHECK_INT(n, 5);
	sc_gsm_to_utf8(sept, n, s, sizeof(s));
	CHECK_STR(s, "hello");
	CHECK_INT(sc_utf8_chars("aé😀"), 3);
}

int
main(void)
{
	test_gsm();
	test_ucs2();
	test_packed();
	return T_DONE();
}
