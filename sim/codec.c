/* GSM 03.38, Latin-1 and UCS-2 <-> UTF-8 for the simulator. Written apart from
 * the gateway's codec so a mapping mistake cannot hide on both sides. */
#include <string.h>

#include "sim/codec.h"

/* GSM 03.38 default alphabet, septet -> Unicode. 0x1B is the escape. */
static const uint16_t gsm_basic[128] = {
	0x0040, 0x00A3, 0x0024, 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC,
	0x00F2, 0x00C7, 0x000A, 0x00D8, 0x00F8, 0x000D, 0x00C5, 0x00E5,
	0x0394, 0x005F, 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8,
	0x03A3, 0x0398, 0x039E, 0x00A0, 0x00C6, 0x00E6, 0x00DF, 0x00C9,
	0x0020, 0x0021, 0x0022, 0x0023, 0x00A4, 0x0025, 0x0026, 0x0027,
	0x0028, 0x0029, 0x002A, 0x002B, 0x002C, 0x002D, 0x002E, 0x002F,
	0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037,
	0x0038, 0x0039, 0x003A, 0x003B, 0x003C, 0x003D, 0x003E, 0x003F,
	0x00A1, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045, 0x0046, 0x0047,
	0x0048, 0x0049, 0x004A, 0x004B, 0x004C, 0x004D, 0x004E, 0x004F,
	0x0050, 0x0051, 0x0052, 0x0053, 0x0054, 0x0055, 0x0056, 0x0057,
	0x0058, 0x0059, 0x005A, 0x00C4, 0x00D6, 0x00D1, 0x00DC, 0x00A7,
	0x00BF, 0x0061, 0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067,
	0x0068, 0x0069, 0x006A, 0x006B, 0x006C, 0x006D, 0x006E, 0x006F,
	0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077,
	0x0078, 0x0079, 0x007A, 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0,
};

/* The extension table: escape, then one of these septets. */
static const struct {
	uint8_t		sept;
	uint16_t	cp;
} gsm_ext[] = {
	{ 0x0A, 0x000C }, { 0x14, 0x005E }, { 0x28, 0x007B }, { 0x29, 0x007D },
	{ 0x2F, 0x005C }, { 0x3C, 0x005B }, { 0x3D, 0x007E }, { 0x3E, 0x005D },
	{ 0x40, 0x007C }, { 0x65, 0x20AC },
};

#define GSM_ESC	0x1B

/* Reads one code point from *s and advances; bad sequences give U+FFFD. */
static uint32_t
utf8_next(const char **sp)
{
	const unsigned char	*s = (const unsigned char *)*sp;
	uint32_t		 cp;
	int			 more, i;

	if (s[0] < 0x80) {
		*sp += 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0) {
		cp = s[0] & 0x1F;
		more = 1;
	} else if ((s[0] & 0xF0) == 0xE0) {
		cp = s[0] & 0x0F;
		more = 2;
	} else if ((s[0] & 0xF8) == 0xF0) {
		cp = s[0] & 0x07;
		more = 3;
	} else {
		*sp += 1;
		return 0xFFFD;
	}
	for (i = 1; i <= more; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*sp += (size_t)i;
			return 0xFFFD;
		}
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	*sp += (size_t)more + 1;
	return cp;
}

/* Appends cp as UTF-8 to out[cap] at *pos if it fits with room for a NUL. */
static int
utf8_put(char *out, size_t cap, size_t *pos, uint32_t cp)
{
	unsigned char	b[4];
	size_t		n;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	if (*pos + n + 1 > cap)
		return -1;
	memcpy(out + *pos, b, n);
	*pos += n;
	out[*pos] = '\0';
	return 0;
}

int
sc_utf8_to_gsm(const char *s, uint8_t *out, size_t cap)
{
	size_t		n = 0, i;
	uint32_t	cp;
	int		found;

	while (*s != '\0') {
		cp = utf8_next(&s);
		found = -1;
		for (i = 0; i < 128; i++)
			if (gsm_basic[i] == cp && i != GSM_ESC) {
				found = (int)i;
				break;
			}
		if (found >= 0) {
			if (n + 1 > cap)
				return -1;
			out[n++] = (uint8_t)found;
			continue;
		}
		for (i = 0; i < sizeof(gsm_ext) / sizeof(gsm_ext[0]); i++)
			if (gsm_ext[i].cp == cp) {
				found = gsm_ext[i].sept;
				break;
			}
		if (found < 0 || n + 2 > cap)
			return -1;
		out[n++] = GSM_ESC;
		out[n++] = (uint8_t)found;
	}
	return (int)n;
}

int
sc_utf8_to_ucs2(const char *s, uint8_t *out, size_t cap)
{
	size_t		n = 0;
	uint32_t	cp, hi, lo;

	while (*s != '\0') {
		cp = utf8_next(&s);
		if (cp >= 0x10000 && cp <= 0x10FFFF) {
			if (n + 4 > cap)
				return -1;
			cp -= 0x10000;
			hi = 0xD800 | (cp >> 10);
			lo = 0xDC00 | (cp & 0x3FF);
			out[n++] = (uint8_t)(hi >> 8);
			out[n++] = (uint8_t)hi;
			out[n++] = (uint8_t)(lo >> 8);
			out[n++] = (uint8_t)lo;
			continue;
		}
		if (cp > 0xFFFF)
			cp = 0xFFFD;
		if (n + 2 > cap)
			return -1;
		out[n++] = (uint8_t)(cp >> 8);
		out[n++] = (uint8_t)cp;
	}
	return (int)n;
}

size_t
sc_gsm_to_utf8(const uint8_t *in, size_t n, char *out, size_t cap)
{
	size_t		pos = 0, i, k;
	uint32_t	cp;

	if (cap == 0)
		return 0;
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		uint8_t	c = in[i] & 0x7F;

		if (c == GSM_ESC && i + 1 < n) {
			uint8_t	e = in[++i] & 0x7F;

			cp = '?';
			for (k = 0; k < sizeof(gsm_ext) / sizeof(gsm_ext[0]); k++)
				if (gsm_ext[k].sept == e)
					cp = gsm_ext[k].cp;
		} else if (c == GSM_ESC) {
			cp = ' ';
		} else
			cp = gsm_basic[c];
		if (utf8_put(out, cap, &pos, cp) == -1)
			break;
	}
	return pos;
}

size_t
sc_ucs2_to_utf8(const uint8_t *in, size_t n, char *out, size_t cap)
{
	size_t		pos = 0, i;
	uint32_t	cp, lo;

	if (cap == 0)
		return 0;
	out[0] = '\0';
	for (i = 0; i + 1 < n; i += 2) {
		cp = (uint32_t)in[i] << 8 | in[i + 1];
		if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < n) {
			lo = (uint32_t)in[i + 2] << 8 | in[i + 3];
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				    (lo - 0xDC00);
				i += 2;
			} else
				cp = '?';
		} else if (cp >= 0xD800 && cp <= 0xDFFF)
			cp = '?';
		if (utf8_put(out, cap, &pos, cp) == -1)
			break;
	}
	return pos;
}

size_t
sc_latin1_to_utf8(const uint8_t *in, size_t n, char *out, size_t cap)
{
	size_t	pos = 0, i;

	if (cap == 0)
		return 0;
	out[0] = '\0';
	for (i = 0; i < n; i++)
		if (utf8_put(out, cap, &pos, in[i]) == -1)
			break;
	return pos;
}

size_t
sc_unpack7(const uint8_t *in, size_t n, size_t skip_bits, uint8_t *out,
    size_t cap)
{
	size_t	bit, count = 0, total = n * 8;

	for (bit = skip_bits; bit + 7 <= total && count < cap; bit += 7) {
		size_t		byte = bit / 8, shift = bit % 8;
		unsigned	v = in[byte] >> shift;

		if (shift > 1 && byte + 1 < n)
			v |= (unsigned)in[byte + 1] << (8 - shift);
		out[count++] = (uint8_t)(v & 0x7F);
	}
	return count;
}

size_t
sc_utf8_chars(const char *s)
{
	size_t	n = 0;

	while (*s != '\0') {
		(void)utf8_next(&s);
		n++;
	}
	return n;
}
