/* SMS text codec: GSM 03.38 / Latin-1 / UCS-2 <-> UTF-8, UDH concat parsing
 * and MT segmentation. Static tables only; no allocation, no I/O. */
#include <string.h>

#include "common/utf8.h"
#include "gateway/codec.h"

#define GSM_ESC		0x1B
#define GSM_CR		0x0D
#define GSM_SINGLE	160	/* septets in an unsegmented SMS */
#define GSM_PART	153	/* septets in a part after a 6-octet UDH */
#define UCS2_SINGLE	70	/* UTF-16 units in an unsegmented SMS */
#define UCS2_PART	67	/* UTF-16 units in a part after a 6-octet UDH */
#define USSD_GSM	182
#define USSD_UCS2	80
#define UDH_CONCAT_LEN	6	/* 05 00 03 ref total seq */
#define CP_REPL		0xFFFD

/* Reverse-table entries: which septet a code point becomes. 0 = not GSM. */
#define B(s)		(0x100 | (s))	/* basic table septet */
#define E(s)		(0x200 | (s))	/* ESC + extension septet */
#define IS_EXT(v)	(((v) & 0x200) != 0)
#define SEPT(v)		((uint8_t)((v) & 0x7F))

enum alphabet { ALPHA_GSM, ALPHA_LATIN1, ALPHA_UCS2 };

/* GSM 03.38 basic table: septet -> Unicode. 0x1B (escape) is handled in code. */
static const uint16_t gsm_basic[128] = {
	0x0040, 0x00A3, 0x0024, 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC,
	0x00F2, 0x00C7, 0x000A, 0x00D8, 0x00F8, 0x000D, 0x00C5, 0x00E5,
	0x0394, 0x005F, 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8,
	0x03A3, 0x0398, 0x039E, 0x0020, 0x00C6, 0x00E6, 0x00DF, 0x00C9,
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

/* GSM 03.38 extension table (after ESC): septet -> Unicode, 0 = unassigned. */
static const uint16_t gsm_ext[128] = {
	[0x0A] = 0x000C, [0x14] = 0x005E, [0x28] = 0x007B, [0x29] = 0x007D,
	[0x2F] = 0x005C, [0x3C] = 0x005B, [0x3D] = 0x007E, [0x3E] = 0x005D,
	[0x40] = 0x007C, [0x65] = 0x20AC,
};

/* Reverse lookup for U+0000..U+00FF, in the order of the tables above. */
static const uint16_t gsm_rev_latin[256] = {
	[0x40] = B(0x00), [0xA3] = B(0x01), [0x24] = B(0x02), [0xA5] = B(0x03),
	[0xE8] = B(0x04), [0xE9] = B(0x05), [0xF9] = B(0x06), [0xEC] = B(0x07),
	[0xF2] = B(0x08), [0xC7] = B(0x09), [0x0A] = B(0x0A), [0xD8] = B(0x0B),
	[0xF8] = B(0x0C), [0x0D] = B(0x0D), [0xC5] = B(0x0E), [0xE5] = B(0x0F),
	[0x5F] = B(0x11), [0xC6] = B(0x1C), [0xE6] = B(0x1D), [0xDF] = B(0x1E),
	[0xC9] = B(0x1F),
	[0x20] = B(0x20), [0x21] = B(0x21), [0x22] = B(0x22), [0x23] = B(0x23),
	[0xA4] = B(0x24), [0x25] = B(0x25), [0x26] = B(0x26), [0x27] = B(0x27),
	[0x28] = B(0x28), [0x29] = B(0x29), [0x2A] = B(0x2A), [0x2B] = B(0x2B),
	[0x2C] = B(0x2C), [0x2D] = B(0x2D), [0x2E] = B(0x2E), [0x2F] = B(0x2F),
	[0x30] = B(0x30), [0x31] = B(0x31), [0x32] = B(0x32), [0x33] = B(0x33),
	[0x34] = B(0x34), [0x35] = B(0x35), [0x36] = B(0x36), [0x37] = B(0x37),
	[0x38] = B(0x38), [0x39] = B(0x39), [0x3A] = B(0x3A), [0x3B] = B(0x3B),
	[0x3C] = B(0x3C), [0x3D] = B(0x3D), [0x3E] = B(0x3E), [0x3F] = B(0x3F),
	[0xA1] = B(0x40), [0x41] = B(0x41), [0x42] = B(0x42), [0x43] = B(0x43),
	[0x44] = B(0x44), [0x45] = B(0x45), [0x46] = B(0x46), [0x47] = B(0x47),
	[0x48] = B(0x48), [0x49] = B(0x49), [0x4A] = B(0x4A), [0x4B] = B(0x4B),
	[0x4C] = B(0x4C), [0x4D] = B(0x4D), [0x4E] = B(0x4E), [0x4F] = B(0x4F),
	[0x50] = B(0x50), [0x51] = B(0x51), [0x52] = B(0x52), [0x53] = B(0x53),
	[0x54] = B(0x54), [0x55] = B(0x55), [0x56] = B(0x56), [0x57] = B(0x57),
	[0x58] = B(0x58), [0x59] = B(0x59), [0x5A] = B(0x5A), [0xC4] = B(0x5B),
	[0xD6] = B(0x5C), [0xD1] = B(0x5D), [0xDC] = B(0x5E), [0xA7] = B(0x5F),
	[0xBF] = B(0x60), [0x61] = B(0x61), [0x62] = B(0x62), [0x63] = B(0x63),
	[0x64] = B(0x64), [0x65] = B(0x65), [0x66] = B(0x66), [0x67] = B(0x67),
	[0x68] = B(0x68), [0x69] = B(0x69), [0x6A] = B(0x6A), [0x6B] = B(0x6B),
	[0x6C] = B(0x6C), [0x6D] = B(0x6D), [0x6E] = B(0x6E), [0x6F] = B(0x6F),
	[0x70] = B(0x70), [0x71] = B(0x71), [0x72] = B(0x72), [0x73] = B(0x73),
	[0x74] = B(0x74), [0x75] = B(0x75), [0x76] = B(0x76), [0x77] = B(0x77),
	[0x78] = B(0x78), [0x79] = B(0x79), [0x7A] = B(0x7A), [0xE4] = B(0x7B),
	[0xF6] = B(0x7C), [0xF1] = B(0x7D), [0xFC] = B(0x7E), [0xE0] = B(0x7F),
	/* Extension table. */
	[0x0C] = E(0x0A), [0x5E] = E(0x14), [0x7B] = E(0x28), [0x7D] = E(0x29),
	[0x5C] = E(0x2F), [0x5B] = E(0x3C), [0x7E] = E(0x3D), [0x5D] = E(0x3E),
	[0x7C] = E(0x40),
};

/* Reverse lookup for the Greek capitals U+0390..U+03AF. */
static const uint16_t gsm_rev_greek[32] = {
	[0x04] = B(0x10), [0x16] = B(0x12), [0x03] = B(0x13), [0x0B] = B(0x14),
	[0x19] = B(0x15), [0x10] = B(0x16), [0x18] = B(0x17), [0x13] = B(0x18),
	[0x08] = B(0x19), [0x0E] = B(0x1A),
};

/* Returns B(septet) or E(septet) for cp, or 0 when cp is not in GSM 03.38. */
static unsigned
gsm_lookup(uint32_t cp)
{
	if (cp < 0x100)
		return gsm_rev_latin[cp];
	if (cp >= 0x390 && cp < 0x3B0)
		return gsm_rev_greek[cp - 0x390];
	if (cp == 0x20AC)
		return E(0x65);
	return 0;
}

/* Reads one code point of a NUL-terminated UTF-8 string (common/utf8.c)
 * and advances *pp; an ill-formed sequence is '?'. 0 at the NUL, which is
 * not passed. */
static uint32_t
utf8_next(const unsigned char **pp)
{
	const char	*p = (const char *)*pp;
	uint32_t	 cp;

	if (*p == '\0')
		return 0;
	*pp += utf8_decode(p, strnlen(p, 4), &cp);
	return cp == UTF8_BAD ? '?' : cp;
}

/* Decoder output: UTF-8 into a caller buffer, always NUL-terminated. */
struct outbuf {
	char	*buf;
	size_t	 sz;
	size_t	 n;
	bool	 full;
};

static void
out_cp(struct outbuf *o, uint32_t cp)
{
	unsigned char	u[4];
	size_t		k;

	if (o->full)
		return;
	if (cp == 0)
		cp = '?';	/* an embedded NUL would cut the string */
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		k = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		k = 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		k = 3;
	} else {
		u[0] = (unsigned char)(0xF0 | (cp >> 18));
		u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (unsigned char)(0x80 | (cp & 0x3F));
		k = 4;
	}
	if (o->sz == 0 || o->n + k > o->sz - 1) {
		o->full = true;
		return;
	}
	memcpy(o->buf + o->n, u, k);
	o->n += k;
}

/*
 * Which alphabet a data_coding means. SMPP's own values come first (0 GSM,
 * 1 IA5, 2/4 binary, 3 Latin-1, 8 UCS-2); the rest follow the GSM 03.38 DCS
 * coding groups. 8-bit data is shown as Latin-1 (lenient, never a crash);
 * reserved groups are GSM-7, as 03.38 asks of a receiving entity.
 */
static enum alphabet
dcs_alphabet(uint8_t dcs)
{
	switch (dcs) {
	case 0x00:
	case 0x0F:		/* USSD "language unspecified" profile */
		return ALPHA_GSM;
	case 0x01:		/* IA5: ASCII is a subset of Latin-1 */
	case 0x02:
	case 0x03:
	case 0x04:
		return ALPHA_LATIN1;
	case 0x08:
		return ALPHA_UCS2;
	}
	switch (dcs >> 4) {
	case 0x0: case 0x1: case 0x2: case 0x3:	/* general data coding */
	case 0x4: case 0x5: case 0x6: case 0x7:	/* ... marked for deletion */
		switch ((dcs >> 2) & 0x03) {
		case 1:
			return ALPHA_LATIN1;
		case 2:
			return ALPHA_UCS2;
		default:
			return ALPHA_GSM;
		}
	case 0xE:		/* message waiting, store, UCS-2 */
		return ALPHA_UCS2;
	case 0xF:		/* data coding / message class */
		return (dcs & 0x04) ? ALPHA_LATIN1 : ALPHA_GSM;
	default:		/* 0x8-0xB reserved, 0xC-0xD message waiting */
		return ALPHA_GSM;
	}
}

/* Septet i of a packed stream whose first septet starts at bit fill. */
static uint8_t
septet_at(const uint8_t *ud, size_t fill, size_t i)
{
	size_t		bit = fill + 7 * i;
	size_t		b = bit / 8;
	unsigned	shift = (unsigned)(bit % 8);
	unsigned	v = (unsigned)ud[b] >> shift;

	if (shift > 1)
		v |= (unsigned)ud[b + 1] << (8 - shift);
	return (uint8_t)(v & 0x7F);
}

static void
decode_gsm(const uint8_t *ud, size_t len, bool packed, int fill_bits,
    struct outbuf *o)
{
	size_t	 n, i, fill = 0, bits = len * 8;
	uint8_t	 s, x;

	if (packed) {
		if (fill_bits > 0)
			fill = (size_t)fill_bits;
		n = fill < bits ? (bits - fill) / 7 : 0;
		/*
		 * A last septet wholly inside the last octet may be the 7 bits
		 * of padding, which 03.38 fills with CR (a sender that means a
		 * CR there doubles it). Drop that CR; zeros stay '@', since a
		 * real '@' ending a full 160/153-septet text sits there too.
		 */
		if (n >= 2 && fill + 7 * (n - 1) > bits - 8 &&
		    septet_at(ud, fill, n - 1) == GSM_CR)
			n--;
	} else
		n = len;

	for (i = 0; i < n && !o->full; i++) {
		if (packed)
			s = septet_at(ud, fill, i);
		else if ((s = ud[i]) > 0x7F) {
			out_cp(o, '?');
			continue;
		}
		if (s != GSM_ESC) {
			out_cp(o, gsm_basic[s]);
			continue;
		}
		if (i + 1 == n) {
			out_cp(o, ' ');		/* dangling escape */
			break;
		}
		i++;
		x = packed ? septet_at(ud, fill, i) : ud[i];
		if (x > 0x7F)
			out_cp(o, '?');
		else if (x == GSM_ESC)
			out_cp(o, ' ');		/* reserved ESC ESC */
		else if (gsm_ext[x] != 0)
			out_cp(o, gsm_ext[x]);
		else
			out_cp(o, gsm_basic[x]);	/* unknown: base char */
	}
}

static void
decode_ucs2(const uint8_t *ud, size_t len, struct outbuf *o)
{
	size_t		i;
	uint32_t	u, v;

	len &= ~(size_t)1;	/* odd length: drop the last octet */
	for (i = 0; i < len && !o->full; i += 2) {
		u = ((uint32_t)ud[i] << 8) | ud[i + 1];
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
			v = ((uint32_t)ud[i + 2] << 8) | ud[i + 3];
			if (v >= 0xDC00 && v <= 0xDFFF) {
				out_cp(o, 0x10000 + ((u - 0xD800) << 10) +
				    (v - 0xDC00));
				i += 2;
				continue;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF)
			u = CP_REPL;	/* lone or broken surrogate */
		out_cp(o, u);
	}
}

int
codec_decode(uint8_t dcs, const uint8_t *ud, size_t len, bool packed,
    int fill_bits, char *out, size_t outsz)
{
	struct outbuf	o = { out, outsz, 0, false };
	size_t		i;

	if (ud == NULL)
		len = 0;
	switch (dcs_alphabet(dcs)) {
	case ALPHA_GSM:
		decode_gsm(ud, len, packed, fill_bits, &o);
		break;
	case ALPHA_LATIN1:
		for (i = 0; i < len && !o.full; i++)
			out_cp(&o, ud[i]);
		break;
	case ALPHA_UCS2:
		decode_ucs2(ud, len, &o);
		break;
	}
	if (outsz == 0)
		return -1;
	out[o.n] = '\0';
	return o.full ? -1 : (int)o.n;
}

/* Text cost in GSM septets (or -1) and in UTF-16 units. */
static void
text_cost(const char *utf8, long *septets, long *units)
{
	const unsigned char	*p = (const unsigned char *)utf8;
	uint32_t		 cp;
	unsigned		 g;

	*septets = 0;
	*units = 0;
	while ((cp = utf8_next(&p)) != 0) {
		*units += cp > 0xFFFF ? 2 : 1;
		if (*septets < 0)
			continue;
		if ((g = gsm_lookup(cp)) == 0)
			*septets = -1;
		else
			*septets += IS_EXT(g) ? 2 : 1;
	}
}

bool
codec_fits_gsm(const char *utf8)
{
	return codec_gsm_septets(utf8) >= 0;
}

int
codec_gsm_septets(const char *utf8)
{
	long	septets, units;

	text_cost(utf8, &septets, &units);
	return septets > 0x7FFFFFFF ? -1 : (int)septets;
}

/* Cost of cp in the chosen alphabet: septets or UTF-16 units. */
static int
char_cost(uint32_t cp, bool gsm)
{
	if (gsm)
		return IS_EXT(gsm_lookup(cp)) ? 2 : 1;
	return cp > 0xFFFF ? 2 : 1;
}

/*
 * Takes whole characters from *pp while their cost fits limit and advances
 * *pp past them. A character never splits, so an escape pair or surrogate
 * pair that would straddle the limit goes to the next part.
 */
static void
take_part(const unsigned char **pp, bool gsm, int limit)
{
	const unsigned char	*p = *pp, *q;
	uint32_t		 cp;
	int			 used = 0, c;

	for (;;) {
		q = p;
		if ((cp = utf8_next(&q)) == 0)
			break;
		c = char_cost(cp, gsm);
		if (used + c > limit)
			break;
		used += c;
		p = q;
	}
	*pp = p;
}

/* Plans a text: alphabet, whether it splits, and the part count. */
static int
plan(const char *utf8, bool *gsm)
{
	const unsigned char	*p = (const unsigned char *)utf8;
	long			 septets, units;
	int			 n = 0, limit;

	text_cost(utf8, &septets, &units);
	*gsm = septets >= 0;
	if (*gsm ? septets <= GSM_SINGLE : units <= UCS2_SINGLE)
		return 1;
	limit = *gsm ? GSM_PART : UCS2_PART;
	while (*p != '\0') {
		take_part(&p, *gsm, limit);
		n++;
	}
	return n;
}

int
codec_segments(const char *utf8)
{
	bool	gsm;

	return plan(utf8, &gsm);
}

/* Bit writer for packed septets, LSB first as 03.38 packs them. */
static void
put_septet(uint8_t *buf, size_t *bit, uint8_t s)
{
	size_t		b = *bit / 8;
	unsigned	shift = (unsigned)(*bit % 8);

	buf[b] |= (uint8_t)(s << shift);
	if (shift > 1)
		buf[b + 1] |= (uint8_t)(s >> (8 - shift));
	*bit += 7;
}

/*
 * Writes the GSM characters of [p, end) at octet off of buf (zeroed by the
 * caller): one septet per octet, or packed starting at the next septet
 * boundary. Returns the total length of buf in octets.
 */
static size_t
put_gsm(const unsigned char *p, const unsigned char *end, bool packed,
    uint8_t *buf, size_t off)
{
	size_t		bit, start, len = off;
	uint32_t	cp;
	unsigned	g;

	start = bit = (off * 8 + 6) / 7 * 7;	/* fill bits after a UDH */
	while (p < end && (cp = utf8_next(&p)) != 0) {
		g = gsm_lookup(cp);
		if (packed) {
			if (IS_EXT(g))
				put_septet(buf, &bit, GSM_ESC);
			put_septet(buf, &bit, SEPT(g));
		} else {
			if (IS_EXT(g))
				buf[len++] = GSM_ESC;
			buf[len++] = SEPT(g);
		}
	}
	if (!packed || bit == start)
		return len;
	len = (bit + 7) / 8;
	if (bit % 8 == 1)
		put_septet(buf, &bit, GSM_CR);	/* 7 spare bits: 03.38 pad */
	return len;
}

/* Writes [p, end) as UTF-16BE at buf + off. Returns the total length. */
static size_t
put_ucs2(const unsigned char *p, const unsigned char *end, uint8_t *buf,
    size_t off)
{
	uint32_t	cp, hs, ls;

	while (p < end && (cp = utf8_next(&p)) != 0) {
		if (cp > 0xFFFF) {
			hs = 0xD800 + ((cp - 0x10000) >> 10);
			ls = 0xDC00 + ((cp - 0x10000) & 0x3FF);
			buf[off++] = (uint8_t)(hs >> 8);
			buf[off++] = (uint8_t)hs;
			buf[off++] = (uint8_t)(ls >> 8);
			buf[off++] = (uint8_t)ls;
		} else {
			buf[off++] = (uint8_t)(cp >> 8);
			buf[off++] = (uint8_t)cp;
		}
	}
	return off;
}

int
codec_encode(const char *utf8, bool packed, uint8_t ref, uint8_t *dcs,
    struct codec_seg *segs, int maxsegs)
{
	const unsigned char	*p = (const unsigned char *)utf8, *start;
	bool			 gsm;
	int			 n, i, limit;
	size_t			 off;

	n = plan(utf8, &gsm);
	if (n > maxsegs || n > 255)
		return -1;
	*dcs = gsm ? DCS_GSM7 : DCS_UCS2;
	limit = gsm ? GSM_PART : UCS2_PART;
	for (i = 0; i < n; i++) {
		memset(&segs[i], 0, sizeof(segs[i]));
		off = 0;
		start = p;
		if (n == 1)
			p += strlen((const char *)p);
		else {
			segs[i].udh = true;
			segs[i].data[0] = UDH_CONCAT_LEN - 1;
			segs[i].data[1] = 0x00;
			segs[i].data[2] = 3;
			segs[i].data[3] = ref;
			segs[i].data[4] = (uint8_t)n;
			segs[i].data[5] = (uint8_t)(i + 1);
			off = UDH_CONCAT_LEN;
			take_part(&p, gsm, limit);
		}
		segs[i].len = gsm ? put_gsm(start, p, packed, segs[i].data, off) :
		    put_ucs2(start, p, segs[i].data, off);
	}
	return n;
}

int
codec_encode_ussd(const char *utf8, bool packed, uint8_t *dcs, uint8_t *out,
    size_t outsz)
{
	const unsigned char	*p = (const unsigned char *)utf8;
	const unsigned char	*end = p + strlen(utf8);
	uint8_t			 buf[USSD_GSM + 8];	/* >= 2 * USSD_UCS2 */
	long			 septets, units;
	size_t			 len;

	text_cost(utf8, &septets, &units);
	memset(buf, 0, sizeof(buf));
	if (septets >= 0) {
		if (septets > USSD_GSM)
			return -1;
		*dcs = DCS_GSM7;
		len = put_gsm(p, end, packed, buf, 0);
	} else {
		if (units > USSD_UCS2)
			return -1;
		*dcs = DCS_UCS2;
		len = put_ucs2(p, end, buf, 0);
	}
	if (len > outsz)
		return -1;
	memcpy(out, buf, len);
	return (int)len;
}

int
codec_udh_parse(const uint8_t *ud, size_t len, struct udh_concat *c)
{
	struct udh_concat	 tmp;
	const uint8_t		*v;
	size_t			 end, i, iedl;

	if (c == NULL)
		c = &tmp;
	memset(c, 0, sizeof(*c));
	if (ud == NULL || len < 1)
		return -1;
	end = 1 + (size_t)ud[0];
	if (end > len)
		return -1;
	for (i = 1; i < end; i += 2 + iedl) {
		if (i + 2 > end)
			return -1;
		iedl = ud[i + 1];
		if (i + 2 + iedl > end)
			return -1;
		v = ud + i + 2;
		/* A repeated IE: the last one counts (23.040 9.2.3.24). */
		if (ud[i] == 0x00 && iedl == 3) {
			c->ref = v[0];
			c->total = v[1];
			c->seq = v[2];
			c->present = true;
		} else if (ud[i] == 0x08 && iedl == 4) {
			c->ref = (uint16_t)(v[0] << 8 | v[1]);
			c->total = v[2];
			c->seq = v[3];
			c->present = true;
		}
	}
	if (c->present && (c->total == 0 || c->seq == 0 || c->seq > c->total))
		memset(c, 0, sizeof(*c));
	return (int)end;
}
