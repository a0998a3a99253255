/* Unit tests for gateway/codec.c: GSM 03.38, Latin-1 and UCS-2 <-> UTF-8,
 * UDH parsing, MT/USSD segmentation limits, and garbage-input robustness. */
#include <stdint.h>
#include <stdlib.h>

#include "gateway/codec.h"
#include "tests/t.h"

/* GSM 03.38 basic table written out independently of the codec's tables.
 * 0x1B is the escape and has no character of its own. */
static const char *const gsm_utf8[128] = {
	"@", "£", "$", "¥", "è", "é", "ù", "ì",
	"ò", "Ç", "\n", "Ø", "ø", "\r", "Å", "å",
	"Δ", "_", "Φ", "Γ", "Λ", "Ω", "Π", "Ψ",
	"Σ", "Θ", "Ξ", NULL, "Æ", "æ", "ß", "É",
	" ", "!", "\"", "#", "¤", "%", "&", "'",
	"(", ")", "*", "+", ",", "-", ".", "/",
	"0", "1", "2", "3", "4", "5", "6", "7",
	"8", "9", ":", ";", "<", "=", ">", "?",
	"¡", "A", "B", "C", "D", "E", "F", "G",
	"H", "I", "J", "K", "L", "M", "N", "O",
	"P", "Q", "R", "S", "T", "U", "V", "W",
	"X", "Y", "Z", "Ä", "Ö", "Ñ", "Ü", "§",
	"¿", "a", "b", "c", "d", "e", "f", "g",
	"h", "i", "j", "k", "l", "m", "n", "o",
	"p", "q", "r", "s", "t", "u", "v", "w",
	"x", "y", "z", "ä", "ö", "ñ", "ü", "à",
};

static const struct {
	uint8_t		 code;
	const char	*utf8;
} gsm_ext_chars[] = {
	{ 0x0A, "\f" }, { 0x14, "^" }, { 0x28, "{" }, { 0x29, "}" },
	{ 0x2F, "\\" }, { 0x3C, "[" }, { 0x3D, "~" }, { 0x3E, "]" },
	{ 0x40, "|" }, { 0x65, "€" },
};

#define NEXT	(sizeof(gsm_ext_chars) / sizeof(gsm_ext_chars[0]))

static char		 dec[4096];
static struct codec_seg	 segs[CODEC_MAX_SEGS];

/* Deterministic xorshift so a failure reproduces. */
static uint32_t rng_state = 0x12345678;

static uint32_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/* True when s[0..n) is well-formed UTF-8 without NULs. */
static bool
valid_utf8(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, k, j;
	uint32_t		 cp;

	while (i < n) {
		if (p[i] == 0)
			return false;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((p[i] & 0xE0) == 0xC0) {
			k = 1;
			cp = p[i] & 0x1F;
		} else if ((p[i] & 0xF0) == 0xE0) {
			k = 2;
			cp = p[i] & 0x0F;
		} else if ((p[i] & 0xF8) == 0xF0) {
			k = 3;
			cp = p[i] & 0x07;
		} else
			return false;
		if (i + k >= n)
			return false;
		for (j = 1; j <= k; j++) {
			if ((p[i + j] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (p[i + j] & 0x3F);
		}
		if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) ||
		    (k == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += k + 1;
	}
	return true;
}

/* Decodes every segment of an encode result (UDH stripped) and joins them. */
static int
join_segments(uint8_t dcs, bool packed, int n, char *out, size_t outsz)
{
	struct udh_concat	c;
	size_t			used = 0;
	int			i, h, r;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		h = 0;
		if (segs[i].udh) {
			h = codec_udh_parse(segs[i].data, segs[i].len, &c);
			if (h < 0 || !c.present || c.seq != i + 1 ||
			    c.total != n)
				return -1;
		}
		r = codec_decode(dcs, segs[i].data + h, segs[i].len - (size_t)h,
		    packed, h ? (7 - (h * 8) % 7) % 7 : 0, out + used,
		    outsz - used);
		if (r < 0)
			return -1;
		used += (size_t)r;
	}
	return (int)used;
}

static void
test_gsm_basic(void)
{
	uint8_t	s, dcs;
	int	n;

	for (s = 0; s < 128; s++) {
		if (s == 0x1B)
			continue;
		n = codec_decode(DCS_GSM7, &s, 1, false, 0, dec, sizeof(dec));
		CHECK_INT(n, (int)strlen(gsm_utf8[s]));
		CHECK_STR(dec, gsm_utf8[s]);
		CHECK_INT(codec_gsm_septets(gsm_utf8[s]), 1);
		CHECK(codec_fits_gsm(gsm_utf8[s]));
		n = codec_encode(dec, false, 0, &dcs, segs, CODEC_MAX_SEGS);
		CHECK_INT(n, 1);
		CHECK_INT(dcs, DCS_GSM7);
		CHECK_INT(segs[0].len, 1);
		CHECK_INT(segs[0].data[0], s);
		CHECK(!segs[0].udh);
	}
	/* A dangling escape shows as a space; an unknown escape as the base. */
	s = 0x1B;
	CHECK_INT(codec_decode(DCS_GSM7, &s, 1, false, 0, dec, sizeof(dec)), 1);
	CHECK_STR(dec, " ");
	CHECK_INT(codec_decode(DCS_GSM7, (const uint8_t *)"\x1b\x41", 2, false,
	    0, dec, sizeof(dec)), 1);
	CHECK_STR(dec, "A");
	CHECK_INT(codec_decode(DCS_GSM7, (const uint8_t *)"\x1b\x1b" "B", 3,
	    false, 0, dec, sizeof(dec)), 2);
	CHECK_STR(dec, " B");
	/* Unpacked octets with the top bit set are not septets. */
	CHECK_INT(codec_decode(DCS_GSM7, (const uint8_t *)"a\xc1" "b", 3, false,
	    0, dec, sizeof(dec)), 3);
	CHECK_STR(dec, "a?b");
	/* Outside GSM: lower-case c-cedilla, tab, Cyrillic. */
	CHECK(!codec_fits_gsm("ç"));
	CHECK(!codec_fits_gsm("a\tb"));
	CHECK_INT(codec_gsm_septets("Привет"), -1);
	CHECK_INT(codec_gsm_septets(""), 0);
}

static void
test_gsm_ext(void)
{
	uint8_t	in[2], dcs;
	size_t	i;
	int	n;

	for (i = 0; i < NEXT; i++) {
		in[0] = 0x1B;
		in[1] = gsm_ext_chars[i].code;
		n = codec_decode(DCS_GSM7, in, 2, false, 0, dec, sizeof(dec));
		CHECK_INT(n, (int)strlen(gsm_ext_chars[i].utf8));
		CHECK_STR(dec, gsm_ext_chars[i].utf8);
		CHECK_INT(codec_gsm_septets(gsm_ext_chars[i].utf8), 2);
		n = codec_encode(gsm_ext_chars[i].utf8, false, 0, &dcs, segs, 1);
		CHECK_INT(n, 1);
		CHECK_INT(dcs, DCS_GSM7);
		CHECK_INT(segs[0].len, 2);
		CHECK(memcmp(segs[0].data, in, 2) == 0);
		/* Packed too. */
		n = codec_encode(gsm_ext_chars[i].utf8, true, 0, &dcs, segs, 1);
		CHECK_INT(n, 1);
		CHECK_INT(segs[0].len, 2);
		n = codec_decode(DCS_GSM7, segs[0].data, segs[0].len, true, 0,
		    dec, sizeof(dec));
		CHECK_STR(dec, gsm_ext_chars[i].utf8);
	}
}

static void
test_at_and_euro(void)
{
	static const uint8_t	at[] = { 0x61, 0x00, 0x62 };
	static const uint8_t	euro[] = { '5', 0x1B, 0x65, ' ', 'R', 'p' };
	uint8_t			dcs;

	CHECK_INT(codec_decode(DCS_GSM7, at, 3, false, 0, dec, sizeof(dec)), 3);
	CHECK_STR(dec, "a@b");
	CHECK_INT(codec_encode("a@b", false, 0, &dcs, segs, 1), 1);
	CHECK_INT(segs[0].len, 3);
	CHECK(memcmp(segs[0].data, at, 3) == 0);

	CHECK_INT(codec_decode(DCS_GSM7, euro, sizeof(euro), false, 0, dec,
	    sizeof(dec)), 7);
	CHECK_STR(dec, "5€ Rp");
	CHECK_INT(codec_gsm_septets("5€ Rp"), 6);
	CHECK_INT(codec_encode("5€ Rp", false, 0, &dcs, segs, 1), 1);
	CHECK_INT(segs[0].len, sizeof(euro));
	CHECK(memcmp(segs[0].data, euro, sizeof(euro)) == 0);
}

static void
test_packed(void)
{
	static const uint8_t	hello[] = { 0xE8, 0x32, 0x9B, 0xFD, 0x06 };
	static const uint8_t	hello_fill1[] = { 0xD0, 0x65, 0x36, 0xFB, 0x0D };
	static const char	*texts[] = {
		"a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "@home",
		"x@y", "Harga P12 17rb {ok} [1] ~€^|\\", "ÆæßÉ ΔΦΓΛΩΠΨΣΘΞ",
		"\f form feed", "123456\r", "abcdefghijklmno", "abcdefg@",
		"full@",
	};
	char		unp[512];
	uint8_t		dcs;
	size_t		i;
	int		n;

	n = codec_encode("hello", true, 0, &dcs, segs, 1);
	CHECK_INT(n, 1);
	CHECK_INT(segs[0].len, sizeof(hello));
	CHECK(memcmp(segs[0].data, hello, sizeof(hello)) == 0);
	CHECK_INT(codec_decode(DCS_GSM7, hello, sizeof(hello), true, 0, dec,
	    sizeof(dec)), 5);
	CHECK_STR(dec, "hello");
	/* One fill bit, as after a 6-octet UDH: same septets shifted by one. */
	CHECK_INT(codec_decode(DCS_GSM7, hello_fill1, sizeof(hello_fill1),
	    true, 1, dec, sizeof(dec)), 5);
	CHECK_STR(dec, "hello");

	/* 7 septets leave 7 spare bits: padded with CR, which decode drops. */
	CHECK_INT(codec_encode("abcdefg", true, 0, &dcs, segs, 1), 1);
	CHECK_INT(segs[0].len, 7);
	CHECK_INT(segs[0].data[6] >> 1, 0x0D);

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		CHECK_INT(codec_encode(texts[i], false, 0, &dcs, segs, 1), 1);
		CHECK_INT(codec_decode(dcs, segs[0].data, segs[0].len, false, 0,
		    unp, sizeof(unp)), (int)strlen(texts[i]));
		CHECK_INT(codec_encode(texts[i], true, 0, &dcs, segs, 1), 1);
		CHECK_INT(segs[0].len,
		    ((size_t)codec_gsm_septets(texts[i]) * 7 + 7) / 8);
		CHECK(codec_decode(dcs, segs[0].data, segs[0].len, true, 0,
		    dec, sizeof(dec)) >= 0);
		CHECK_STR(dec, unp);
		CHECK_STR(dec, texts[i]);
	}
}

static void
test_fill_bits(void)
{
	char			text[201], joined[512];
	struct udh_concat	c;
	uint8_t			dcs, seg1[6 + 7];
	int			i, n;

	for (i = 0; i < 200; i++)
		text[i] = (char)('a' + i % 26);
	text[200] = '\0';
	n = codec_encode(text, true, 0x5A, &dcs, segs, CODEC_MAX_SEGS);
	CHECK_INT(n, 2);
	CHECK_INT(codec_segments(text), 2);
	CHECK(segs[0].udh && segs[1].udh);
	CHECK(memcmp(segs[0].data, "\x05\x00\x03\x5a\x02\x01", 6) == 0);
	CHECK(memcmp(segs[1].data, "\x05\x00\x03\x5a\x02\x02", 6) == 0);
	/* 6 octets UDH + 1 fill bit + 153 * 7 bits = exactly 140 octets. */
	CHECK_INT(segs[0].len, 140);
	/* 47 septets: 49 + 329 bits -> 48 octets with 6 spare. */
	CHECK_INT(segs[1].len, 6 + (1 + 47 * 7 + 7) / 8);
	/* The first text bit is bit 1 of octet 6: 'a' = 0x61 -> 0xC2. */
	CHECK_INT(segs[0].data[6], 0xC2);
	CHECK_INT(segs[0].data[6] & 1, 0);
	CHECK_INT(codec_udh_parse(segs[0].data, segs[0].len, &c), 6);
	CHECK_INT(codec_decode(dcs, segs[0].data + 6, segs[0].len - 6, true, 1,
	    dec, sizeof(dec)), 153);
	CHECK(strncmp(dec, text, 153) == 0);
	CHECK_INT(join_segments(dcs, true, n, joined, sizeof(joined)), 200);
	CHECK_STR(joined, text);
	/* Hand-built: UDH, 1 fill bit, 'h' (0x68) in bits 1-7 of octet 6,
	 * 'i' (0x69) in bits 0-6 of octet 7. */
	memcpy(seg1, "\x05\x00\x03\x01\x01\x01", 6);
	seg1[6] = 0xD0;
	seg1[7] = 0x69;
	CHECK_INT(codec_decode(DCS_GSM7, seg1 + 6, 2, true, 1, dec,
	    sizeof(dec)), 2);
	CHECK_STR(dec, "hi");
	/* A 7-octet UDH (16-bit ref) needs no fill bits: 56 = 8 * 7. */
	CHECK_INT(codec_decode(DCS_GSM7, (const uint8_t *)"\xe8\x34", 2, true,
	    0, dec, sizeof(dec)), 2);
	CHECK_STR(dec, "hi");
}

static void
test_latin1(void)
{
	static const uint8_t	in[] = "caf\xe9 ma\xf1" "ana \xa3" "5";

	CHECK(codec_decode(DCS_LATIN1, in, sizeof(in) - 1, false, 0, dec,
	    sizeof(dec)) > 0);
	CHECK_STR(dec, "café mañana £5");
	/* data coding / message class group, 8-bit: Latin-1 as well. */
	CHECK(codec_decode(0xF4, in, sizeof(in) - 1, false, 0, dec,
	    sizeof(dec)) > 0);
	CHECK_STR(dec, "café mañana £5");
	/* An embedded NUL must not cut the text. */
	CHECK_INT(codec_decode(DCS_LATIN1, (const uint8_t *)"a\0b", 3, false,
	    0, dec, sizeof(dec)), 3);
	CHECK_STR(dec, "a?b");
}

static void
test_dcs_groups(void)
{
	static const uint8_t	gsm[] = { 0x48, 0x00 };		/* "H@" */
	static const uint8_t	ucs[] = { 0x00, 0x48, 0x00, 0xE9 };	/* "Hé" */

	CHECK_INT(codec_decode(0x0F, gsm, 2, false, 0, dec, sizeof(dec)), 2);
	CHECK_STR(dec, "H@");
	CHECK_INT(codec_decode(0xF0, gsm, 2, false, 0, dec, sizeof(dec)), 2);
	CHECK_STR(dec, "H@");
	CHECK_INT(codec_decode(0x11, gsm, 2, false, 0, dec, sizeof(dec)), 2);
	CHECK_STR(dec, "H@");
	CHECK_INT(codec_decode(0x18, ucs, 4, false, 0, dec, sizeof(dec)), 3);
	CHECK_STR(dec, "Hé");
	CHECK_INT(codec_decode(0xE0, ucs, 4, false, 0, dec, sizeof(dec)), 3);
	CHECK_STR(dec, "Hé");
	CHECK_INT(codec_decode(0x14, (const uint8_t *)"\xe9", 1, false, 0, dec,
	    sizeof(dec)), 2);
	CHECK_STR(dec, "é");
	/* USSD profile 0x0F, packed: "*123#". */
	CHECK_INT(codec_decode(0x0F, (const uint8_t *)"\xaa\x98\x6c\x36\x02",
	    5, true, 0, dec, sizeof(dec)), 5);
	CHECK_STR(dec, "*123#");
}

static void
test_ucs2(void)
{
	static const char	*text = "Halo 😀 👍🏽 жук";
	static const uint8_t	emoji[] = { 0xD8, 0x3D, 0xDE, 0x00 };
	char			joined[512];
	uint8_t			dcs;
	int			n;

	CHECK(!codec_fits_gsm(text));
	n = codec_encode(text, false, 0, &dcs, segs, 1);
	CHECK_INT(n, 1);
	CHECK_INT(dcs, DCS_UCS2);
	/* 5 + 2 + 1 + 4 + 1 + 3 = 16 UTF-16 units. */
	CHECK_INT(segs[0].len, 32);
	CHECK(memcmp(segs[0].data + 10, emoji, 4) == 0);
	CHECK_INT(join_segments(dcs, false, n, joined, sizeof(joined)),
	    (int)strlen(text));
	CHECK_STR(joined, text);
	/* packed has no meaning for UCS-2. */
	CHECK_INT(codec_encode(text, true, 0, &dcs, segs, 1), 1);
	CHECK_INT(segs[0].len, 32);
	/* Every code point class: 1, 2, 3 and 4 UTF-8 octets. */
	CHECK_INT(codec_encode("a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f"
	    "\xbf\xbf", false, 0, &dcs, segs, 1), 1);
	CHECK_INT(segs[0].len, 2 + 2 + 2 + 4 + 4);
	CHECK(memcmp(segs[0].data + 10, "\xdb\xff\xdf\xff", 4) == 0);
	CHECK(codec_decode(DCS_UCS2, segs[0].data, segs[0].len, false, 0, dec,
	    sizeof(dec)) > 0);
	CHECK_STR(dec, "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf");
}

static void
test_broken_surrogates(void)
{
	CHECK_INT(codec_decode(DCS_UCS2, (const uint8_t *)"\xd8\x3d\x00\x41",
	    4, false, 0, dec, sizeof(dec)), 4);
	CHECK_STR(dec, "\xef\xbf\xbd" "A");
	CHECK_INT(codec_decode(DCS_UCS2, (const uint8_t *)"\xdc\x00\x00\x41",
	    4, false, 0, dec, sizeof(dec)), 4);
	CHECK_STR(dec, "\xef\xbf\xbd" "A");
	CHECK_INT(codec_decode(DCS_UCS2, (const uint8_t *)"\x00\x41\xd8\x3d",
	    4, false, 0, dec, sizeof(dec)), 4);
	CHECK_STR(dec, "A\xef\xbf\xbd");
	/* Two highs then a low: the first is lone, the second pairs. */
	CHECK_INT(codec_decode(DCS_UCS2,
	    (const uint8_t *)"\xd8\x3d\xd8\x3d\xde\x00", 6, false, 0, dec,
	    sizeof(dec)), 7);
	CHECK_STR(dec, "\xef\xbf\xbd\xf0\x9f\x98\x80");
	/* Odd length: the last octet is dropped. */
	CHECK_INT(codec_decode(DCS_UCS2, (const uint8_t *)"\x00\x41\x00", 3,
	    false, 0, dec, sizeof(dec)), 1);
	CHECK_STR(dec, "A");
	CHECK_INT(codec_decode(DCS_UCS2, (const uint8_t *)"\x00", 1, false, 0,
	    dec, sizeof(dec)), 0);
	CHECK_STR(dec, "");
}

/* Fills buf with n copies of the UTF-8 character ch. */
static char *
rep(char *buf, const char *ch, int n)
{
	size_t	k = strlen(ch);
	int	i;

	for (i = 0; i < n; i++)
		memcpy(buf + (size_t)i * k, ch, k);
	buf[(size_t)n * k] = '\0';
	return buf;
}

/* Encodes text and checks segment count, alphabet, count agreement and
 * that the joined parts decode back to the text. */
static int
encode_check(const char *text, bool packed, int want, uint8_t want_dcs)
{
	static char	joined[4096];
	uint8_t		dcs = 0xFF;
	int		n;

	n = codec_encode(text, packed, 7, &dcs, segs, CODEC_MAX_SEGS);
	CHECK_INT(n, want);
	CHECK_INT(codec_segments(text), want);
	CHECK_INT(dcs, want_dcs);
	if (n > 0) {
		CHECK(join_segments(dcs, packed, n, joined, sizeof(joined)) >= 0);
		CHECK_STR(joined, text);
	}
	return n;
}

static void
test_split_gsm(void)
{
	static char	t[4096];
	int		i;

	encode_check(rep(t, "a", 160), false, 1, DCS_GSM7);
	CHECK_INT(segs[0].len, 160);
	CHECK(!segs[0].udh);
	encode_check(t, true, 1, DCS_GSM7);
	CHECK_INT(segs[0].len, 140);

	encode_check(rep(t, "a", 161), false, 2, DCS_GSM7);
	CHECK_INT(segs[0].len, 6 + 153);
	CHECK_INT(segs[1].len, 6 + 8);
	encode_check(t, true, 2, DCS_GSM7);
	CHECK_INT(segs[0].len, 140);

	encode_check(rep(t, "a", 306), false, 2, DCS_GSM7);
	CHECK_INT(segs[1].len, 6 + 153);
	encode_check(t, true, 2, DCS_GSM7);
	encode_check(rep(t, "a", 307), false, 3, DCS_GSM7);
	CHECK_INT(segs[2].len, 6 + 1);
	encode_check(t, true, 3, DCS_GSM7);

	/* 80 euro signs are 160 septets: one segment; 81 are two. */
	encode_check(rep(t, "€", 80), false, 1, DCS_GSM7);
	encode_check(rep(t, "€", 81), false, 2, DCS_GSM7);
	CHECK_INT(segs[0].len, 6 + 152);	/* 76 pairs; the 77th moves */

	/* An escape pair straddling septet 153 moves whole to part 2. */
	rep(t, "a", 152);
	strcat(t, "€");
	strcat(t, "bbbbbbbbbb");
	encode_check(t, false, 2, DCS_GSM7);
	CHECK_INT(segs[0].len, 6 + 152);
	CHECK_INT(segs[1].data[6], 0x1B);
	CHECK_INT(segs[1].data[7], 0x65);
	CHECK_INT(segs[1].len, 6 + 2 + 10);
	encode_check(t, true, 2, DCS_GSM7);
	/* 151 + pair fits exactly in 153. */
	rep(t, "a", 151);
	strcat(t, "{");
	strcat(t, "bbbbbbbbbb");
	encode_check(t, false, 2, DCS_GSM7);
	CHECK_INT(segs[0].len, 6 + 153);
	CHECK_INT(segs[0].data[6 + 151], 0x1B);
	CHECK_INT(segs[0].data[6 + 152], 0x28);
	encode_check(t, true, 2, DCS_GSM7);

	/* Too many segments for the caller's array. */
	rep(t, "a", 307);
	CHECK_INT(codec_encode(t, false, 0, &(uint8_t){ 0 }, segs, 2), -1);
	CHECK_INT(codec_encode(t, false, 0, &(uint8_t){ 0 }, segs, 0), -1);
	rep(t, "z", 153 * CODEC_MAX_SEGS);
	encode_check(t, false, CODEC_MAX_SEGS, DCS_GSM7);
	for (i = 0; i < CODEC_MAX_SEGS; i++)
		CHECK_INT(segs[i].len, 159);
	strcat(t, "z");
	CHECK_INT(codec_segments(t), CODEC_MAX_SEGS + 1);
	CHECK_INT(codec_encode(t, false, 0, &(uint8_t){ 0 }, segs,
	    CODEC_MAX_SEGS), -1);

	/* Empty text is one empty segment. */
	encode_check("", false, 1, DCS_GSM7);
	CHECK_INT(segs[0].len, 0);
}

static void
test_split_ucs2(void)
{
	static char	t[4096];

	encode_check(rep(t, "ж", 70), false, 1, DCS_UCS2);
	CHECK_INT(segs[0].len, 140);
	encode_check(rep(t, "ж", 71), false, 2, DCS_UCS2);
	CHECK_INT(segs[0].len, 6 + 134);
	CHECK_INT(segs[1].len, 6 + 8);
	encode_check(rep(t, "ж", 134), false, 2, DCS_UCS2);
	encode_check(rep(t, "ж", 135), false, 3, DCS_UCS2);

	/* 35 emoji are 70 units: one segment. 36 are 72: two. */
	encode_check(rep(t, "😀", 35), false, 1, DCS_UCS2);
	encode_check(rep(t, "😀", 36), false, 2, DCS_UCS2);
	CHECK_INT(segs[0].len, 6 + 132);	/* 33 pairs, the 34th moves */

	/* An emoji at units 67-68 moves whole to part 2. */
	rep(t, "ж", 66);
	strcat(t, "😀");
	strcat(t, "жжжжж");
	encode_check(t, false, 2, DCS_UCS2);
	CHECK_INT(segs[0].len, 6 + 132);
	CHECK_INT(segs[1].data[6], 0xD8);
	CHECK_INT(segs[1].data[7], 0x3D);
	/* At units 66-67 it fits. */
	rep(t, "ж", 65);
	strcat(t, "😀");
	strcat(t, "жжжжж");
	encode_check(t, false, 2, DCS_UCS2);
	CHECK_INT(segs[0].len, 6 + 134);
	CHECK_INT(segs[0].data[6 + 130], 0xD8);

	/* A single non-GSM character turns the whole text UCS-2. */
	rep(t, "a", 100);
	strcat(t, "ç");
	encode_check(t, false, 2, DCS_UCS2);
}

static void
test_udh(void)
{
	struct udh_concat	c;

	CHECK_INT(codec_udh_parse((const uint8_t *)"\x05\x00\x03\x2a\x03\x02"
	    "hi", 8, &c), 6);
	CHECK(c.present);
	CHECK_INT(c.ref, 0x2A);
	CHECK_INT(c.total, 3);
	CHECK_INT(c.seq, 2);

	CHECK_INT(codec_udh_parse((const uint8_t *)"\x06\x08\x04\x12\x34\x02"
	    "\x01", 7, &c), 7);
	CHECK(c.present);
	CHECK_INT(c.ref, 0x1234);
	CHECK_INT(c.total, 2);
	CHECK_INT(c.seq, 1);

	/* Port addressing (0x05) before the concat IE. */
	CHECK_INT(codec_udh_parse((const uint8_t *)"\x0b\x05\x04\x0b\x84\x23"
	    "\xf0\x00\x03\x07\x02\x01xyz", 15, &c), 12);
	CHECK(c.present);
	CHECK_INT(c.ref, 7);
	CHECK_INT(c.total, 2);
	CHECK_INT(c.seq, 1);

	/* Only other IEs, and an empty UDH. */
	CHECK_INT(codec_udh_parse((const uint8_t *)"\x04\x05\x02\x0b\x84", 5,
	    &c), 5);
	CHECK(!c.present);
	CHECK_INT(codec_udh_parse((const uint8_t *)"\x00" "abc", 4, &c), 1);
	CHECK(!c.present);

	/* Malformed lengths. */
	CHECK_INT(codec_udh_parse((const uint8_t *)"", 0, &c), -1);
	CHECK_INT(codec_udh_parse((const uint8_t *)"\x05\x00\x03", 3, &c), -1);
	CHECK_INT(codec_udh_parse((const uint8_t *)"\x05\x00\x05\x01\x02\x03",
	    6, &c), -1);
	CHECK(!c.present);
	CHECK_INT(codec_udh_parse((const uint8_t *)"\x01\x00", 2, &c), -1);
	CHECK_INT(codec_udh_parse((const uint8_t *)"\x03\x00\x03\x01\x02\x03",
	    6, &c), -1);

	/* Nonsense numbering: a valid UDH, but not concatenated. */
	CHECK_INT(codec_udh_parse((const uint8_t *)"\x05\x00\x03\x01\x00\x01",
	    6, &c), 6);
	CHECK(!c.present);
	CHECK_INT(codec_udh_parse((const uint8_t *)"\x05\x00\x03\x01\x02\x00",
	    6, &c), 6);
	CHECK(!c.present);
	CHECK_INT(codec_udh_parse((const uint8_t *)"\x05\x00\x03\x01\x02\x03",
	    6, &c), 6);
	CHECK(!c.present);
	/* A concat IE with the wrong length is skipped, not trusted. */
	CHECK_INT(codec_udh_parse((const uint8_t *)"\x04\x00\x02\x01\x02", 5,
	    &c), 5);
	CHECK(!c.present);
	/* NULL out is allowed. */
	CHECK_INT(codec_udh_parse((const uint8_t *)"\x05\x00\x03\x01\x02\x01",
	    6, NULL), 6);
}

static void
test_ussd(void)
{
	static char	t[1024];
	uint8_t		out[256], dcs;

	rep(t, "a", 182);
	CHECK_INT(codec_encode_ussd(t, false, &dcs, out, sizeof(out)), 182);
	CHECK_INT(dcs, DCS_GSM7);
	CHECK_INT(codec_encode_ussd(t, true, &dcs, out, sizeof(out)), 160);
	CHECK_INT(codec_decode(dcs, out, 160, true, 0, dec, sizeof(dec)), 182);
	CHECK_STR(dec, t);
	CHECK_INT(codec_encode_ussd(t, false, &dcs, out, 181), -1);
	CHECK_INT(codec_encode_ussd(t, true, &dcs, out, 159), -1);
	rep(t, "a", 183);
	CHECK_INT(codec_encode_ussd(t, false, &dcs, out, sizeof(out)), -1);
	CHECK_INT(codec_encode_ussd(t, true, &dcs, out, sizeof(out)), -1);
	/* An extension character costs two septets. */
	rep(t, "a", 180);
	strcat(t, "€");
	CHECK_INT(codec_encode_ussd(t, false, &dcs, out, sizeof(out)), 182);
	CHECK_INT(out[180], 0x1B);
	CHECK_INT(out[181], 0x65);
	rep(t, "a", 181);
	strcat(t, "€");
	CHECK_INT(codec_encode_ussd(t, false, &dcs, out, sizeof(out)), -1);

	rep(t, "ж", 80);
	CHECK_INT(codec_encode_ussd(t, false, &dcs, out, sizeof(out)), 160);
	CHECK_INT(dcs, DCS_UCS2);
	CHECK_INT(codec_decode(dcs, out, 160, false, 0, dec, sizeof(dec)),
	    (int)strlen(t));
	CHECK_STR(dec, t);
	rep(t, "ж", 81);
	CHECK_INT(codec_encode_ussd(t, false, &dcs, out, sizeof(out)), -1);
	rep(t, "😀", 40);
	CHECK_INT(codec_encode_ussd(t, false, &dcs, out, sizeof(out)), 160);
	strcat(t, "x");
	CHECK_INT(codec_encode_ussd(t, false, &dcs, out, sizeof(out)), -1);

	CHECK_INT(codec_encode_ussd("1 Jual\n2 Beli", true, &dcs, out,
	    sizeof(out)), 12);
	CHECK_INT(codec_decode(0x0F, out, 12, true, 0, dec, sizeof(dec)), 13);
	CHECK_STR(dec, "1 Jual\n2 Beli");
}

static void
test_small_out(void)
{
	char	small[4];

	memset(small, 'x', sizeof(small));
	/* "aé" needs 3 octets + NUL; 3 leaves room for "a" only. */
	CHECK_INT(codec_decode(DCS_LATIN1, (const uint8_t *)"a\xe9", 2, false,
	    0, small, 3), -1);
	CHECK_STR(small, "a");
	CHECK_INT(codec_decode(DCS_LATIN1, (const uint8_t *)"a\xe9", 2, false,
	    0, small, 4), 3);
	CHECK_STR(small, "aé");
	CHECK_INT(codec_decode(DCS_UCS2, (const uint8_t *)"\xd8\x3d\xde\x00",
	    4, false, 0, small, 4), -1);
	CHECK_STR(small, "");
	CHECK_INT(codec_decode(DCS_GSM7, (const uint8_t *)"ab", 2, false, 0,
	    small, 0), -1);
	CHECK_INT(codec_decode(DCS_GSM7, (const uint8_t *)"ab", 2, false, 0,
	    small, 1), -1);
	CHECK_STR(small, "");
}

static void
test_bad_utf8(void)
{
	uint8_t	dcs;

	CHECK(codec_fits_gsm("a\xff" "b"));
	CHECK_INT(codec_gsm_septets("a\xff" "b"), 3);
	CHECK_INT(codec_encode("a\xff" "b", false, 0, &dcs, segs, 1), 1);
	CHECK_INT(segs[0].len, 3);
	CHECK(memcmp(segs[0].data, "a?b", 3) == 0);
	/* Truncated sequence at the end: one '?'. */
	CHECK_INT(codec_gsm_septets("x\xe2\x82"), 2);
	/* Overlong and encoded surrogate: '?' per ill-formed octet. */
	CHECK_INT(codec_gsm_septets("\xc0\xaf"), 2);
	CHECK_INT(codec_gsm_septets("\xed\xa0\x80"), 3);
	CHECK_INT(codec_gsm_septets("\xf4\x90\x80\x80"), 4);
	/* A bad byte inside UCS-2 text. */
	CHECK_INT(codec_encode("ж\x80", false, 0, &dcs, segs, 1), 1);
	CHECK_INT(dcs, DCS_UCS2);
	CHECK(memcmp(segs[0].data, "\x04\x36\x00\x3f", 4) == 0);
}

static void
test_garbage(void)
{
	static uint8_t	buf[400];
	static char	text[700];
	char		out[1200];
	uint8_t		dcs, ussd[200];
	size_t		len, outsz, i;
	int		d, iter, r, n;
	bool		packed;

	for (d = 0; d < 256; d++) {
		for (iter = 0; iter < 40; iter++) {
			len = rng() % sizeof(buf);
			for (i = 0; i < len; i++)
				buf[i] = (uint8_t)rng();
			if (iter % 4 == 0)	/* escapes galore */
				for (i = 0; i < len; i += 2)
					buf[i] = 0x1B;
			packed = iter & 1;
			outsz = iter % 3 == 0 ? rng() % 16 : sizeof(out);
			memset(out, 'x', sizeof(out));
			r = codec_decode((uint8_t)d, buf, len, packed,
			    (int)(rng() % 9) - 1, out, outsz);
			CHECK(r >= -1);
			if (outsz == 0)
				continue;
			CHECK(r < (int)outsz);
			CHECK(memchr(out, '\0', outsz) != NULL);
			CHECK(valid_utf8(out, strlen(out)));
			if (r >= 0)
				CHECK_INT(strlen(out), r);
		}
	}
	/* Random bytes as UTF-8 input: encode and count agree, no crash. */
	for (iter = 0; iter < 2000; iter++) {
		len = rng() % (sizeof(text) - 1);
		for (i = 0; i < len; i++)
			text[i] = (char)(rng() % 255 + 1);
		text[len] = '\0';
		packed = iter & 1;
		n = codec_encode(text, packed, (uint8_t)iter, &dcs, segs,
		    CODEC_MAX_SEGS);
		CHECK_INT(n, codec_segments(text));
		for (i = 0; n > 0 && i < (size_t)n; i++)
			CHECK(segs[i].len <= sizeof(segs[i].data) &&
			    segs[i].len <= 160);
		r = codec_encode_ussd(text, packed, &dcs, ussd, sizeof(ussd));
		CHECK(r >= -1 && r <= 182);
	}
}

/* Random valid texts from a mixed pool round-trip through every split. */
static void
test_random_roundtrip(void)
{
	static const char *const pool_gsm[] = {
		"a", "Z", " ", "0", "@", "€", "{", "]", "\\", "é", "Δ", "\n",
		"ß", "^", "|", "~",
	};
	static const char *const pool_ucs[] = {
		"a", "ж", "😀", "€", "中", "é", "@", "👍🏽",
	};
	static char	t[4096];
	const char	*const *pool;
	size_t		np, used;
	int		iter, k, chars, n;
	bool		packed;

	for (iter = 0; iter < 400; iter++) {
		if (iter & 2) {
			pool = pool_ucs;
			np = sizeof(pool_ucs) / sizeof(pool_ucs[0]);
		} else {
			pool = pool_gsm;
			np = sizeof(pool_gsm) / sizeof(pool_gsm[0]);
		}
		packed = iter & 1;
		chars = (int)(rng() % 400);
		used = 0;
		for (k = 0; k < chars; k++) {
			const char *c = pool[rng() % np];

			memcpy(t + used, c, strlen(c));
			used += strlen(c);
		}
		/* Trailing '@' or CR is ambiguous in packed padding: end on 'x'. */
		t[used++] = 'x';
		t[used] = '\0';
		n = codec_segments(t);
		if (n > CODEC_MAX_SEGS)
			continue;
		encode_check(t, packed, n, codec_fits_gsm(t) ? DCS_GSM7 :
		    DCS_UCS2);
	}
}

int
main(void)
{
	test_gsm_basic();
	test_gsm_ext();
	test_at_and_euro();
	test_packed();
	test_fill_bits();
	test_latin1();
	test_dcs_groups();
	test_ucs2();
	test_broken_surrogates();
	test_split_gsm();
	test_split_ucs2();
	test_udh();
	test_ussd();
	test_small_out();
	test_bad_utf8();
	test_garbage();
	test_random_roundtrip();
	return T_DONE();
}
