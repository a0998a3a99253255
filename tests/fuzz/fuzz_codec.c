/* Fuzz target: the text codec both ways. Input byte 0 picks the options
 * (packed, concat reference, segment limit), byte 1 a data_coding and byte 2
 * the fill bits; the rest is used twice: as UTF-8 (really: arbitrary bytes)
 * for the encoders, and as user data for codec_decode and codec_udh_parse.
 * Properties: codec_encode returns codec_segments(), segments fit their
 * buffer, and well-formed UTF-8 survives encode -> decode unchanged. */
#include <stdbool.h>
#include <string.h>

#include "gateway/codec.h"
#include "tests/fuzz/fuzz.h"

#define TEXT_MAX	4096

static char	 in[TEXT_MAX + 1];
static char	 out[4 * TEXT_MAX + 64];
static char	 joined[4 * TEXT_MAX + 64];
static struct codec_seg segs[CODEC_MAX_SEGS];

/* Strict UTF-8 check (no overlongs, no surrogates, <= U+10FFFF). */
static bool
utf8_ok(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	while (*p) {
		unsigned	c = *p, n, cp, i;

		if (c < 0x80) {
			p++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else
			return false;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (p[i] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return false;
		p += n + 1;
	}
	return true;
}

/* Decodes every segment back and joins them; compares with the input. */
static void
check_round_trip(int nseg, uint8_t dcs, bool packed)
{
	size_t			 len = 0;
	int			 i, n;

	for (i = 0; i < nseg; i++) {
		struct udh_concat	c;
		int			udhl = 0, fill = 0;

		FUZZ_ASSERT(segs[i].len <= sizeof(segs[i].data));
		if (segs[i].udh) {
			udhl = codec_udh_parse(segs[i].data, segs[i].len, &c);
			FUZZ_ASSERT(udhl > 0);
			FUZZ_ASSERT(c.present && c.total == nseg &&
			    c.seq == i + 1);
			fill = (7 - (udhl * 8) % 7) % 7;
		} else
			FUZZ_ASSERT(nseg == 1);
		n = codec_decode(dcs, segs[i].data + udhl,
		    segs[i].len - (size_t)udhl, packed, packed ? fill : 0,
		    joined + len, sizeof(joined) - len);
		FUZZ_ASSERT(n >= 0);
		len += (size_t)n;
	}
	/* 03.38 cannot tell a trailing CR from the packed pad: skip those. */
	if (packed && strchr(in, '\r') != NULL)
		return;
	if (strcmp(in, joined) != 0) {
		fprintf(stderr, "in  \"%s\"\nout \"%s\"\n", in, joined);
		FUZZ_ASSERT(strcmp(in, joined) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct udh_concat c;
	bool		packed;
	uint8_t		opt, dcs, ref, udcs;
	int		fill, maxsegs, nseg, septets, n;
	size_t		tlen;
	char		*dec;

	if (size < 3)
		return 0;
	opt = data[0];
	dcs = data[1];
	fill = data[2] % 7;
	data += 3;
	size -= 3;
	packed = opt & 1;
	ref = (uint8_t)(opt * 37);
	maxsegs = 1 + (opt >> 1) % CODEC_MAX_SEGS;

	/* Decoding arbitrary octets in every alphabet. No octet grows past
	 * 3 UTF-8 bytes (packed: 8 septets of <= 2 bytes per 7 octets; a lone
	 * surrogate is 3 bytes of U+FFFD per 2 octets), so 3 * size + 1 always
	 * fits: an exact heap buffer lets ASan see any overrun. */
	dec = malloc(3 * size + 1);
	FUZZ_ASSERT(dec != NULL);
	n = codec_decode(dcs, data, size, packed, fill, dec, 3 * size + 1);
	FUZZ_ASSERT(n >= 0 && strlen(dec) == (size_t)n);
	free(dec);
	n = codec_decode(dcs, data, size, packed, fill, out, 7);
	FUZZ_ASSERT(strlen(out) < 7);
	(void)codec_udh_parse(data, size, &c);
	(void)codec_udh_parse(data, size, NULL);

	/* Encoding: the same octets as a C string. */
	tlen = size < TEXT_MAX ? size : TEXT_MAX;
	memcpy(in, data, tlen);
	in[tlen] = '\0';
	septets = codec_gsm_septets(in);
	FUZZ_ASSERT((septets >= 0) == codec_fits_gsm(in));
	nseg = codec_segments(in);
	FUZZ_ASSERT(nseg >= 1);
	n = codec_encode(in, packed, ref, &udcs, segs, maxsegs);
	FUZZ_ASSERT(n == -1 || n == nseg);
	FUZZ_ASSERT(n == -1 || n <= maxsegs);
	if (nseg <= maxsegs && nseg <= 255)
		FUZZ_ASSERT(n == nseg);
	if (n > 0) {
		FUZZ_ASSERT(udcs == DCS_GSM7 || udcs == DCS_UCS2);
		FUZZ_ASSERT((udcs == DCS_GSM7) == (septets >= 0));
		if (utf8_ok(in))
			check_round_trip(n, udcs, packed && udcs == DCS_GSM7);
	}
	n = codec_encode_ussd(in, packed, &udcs, (uint8_t *)out, sizeof(out));
	if (n >= 0) {
		FUZZ_ASSERT(udcs == DCS_GSM7 || udcs == DCS_UCS2);
		FUZZ_ASSERT(n <= (udcs == DCS_GSM7 ? 182 : 160));
	}
	n = codec_encode_ussd(in, packed, &udcs, (uint8_t *)out, 10);
	FUZZ_ASSERT(n <= 10);
	return 0;
}
