/* SMS text codec: GSM 03.38 (basic + extension), Latin-1, UCS-2 (with
 * surrogate pairs) <-> UTF-8; UDH concatenation headers; MT segmentation.
 * Pure functions: no I/O, no allocation. UTF-8 is the internal form. */
#ifndef LAPAK_CODEC_H
#define LAPAK_CODEC_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DCS_GSM7	0x00
#define DCS_LATIN1	0x03
#define DCS_UCS2	0x08

#define CODEC_SEG_OCTETS 160	/* room for one segment's user data, unpacked */
#define CODEC_MAX_SEGS	 16

/* Inbound concatenation info from a UDH (IE 0x00 8-bit ref, 0x08 16-bit ref). */
struct udh_concat {
	bool	 present;
	uint16_t ref;
	uint8_t	 total;
	uint8_t	 seq;		/* 1-based */
};

/* Parses the UDH at the start of ud (esm_class 0x40 set). Returns the UDH
 * length including the UDHL octet, or -1 when it is malformed (length beyond
 * the data, IE overrunning). Other IEs are skipped; a concat IE of the wrong
 * length is ignored; when repeated, the last one counts. *c (may be NULL) is
 * zeroed first and filled when a concat IE is found; total 0, seq 0 or
 * seq > total leave present false. With a packed GSM body the septets then
 * start after (7 - len * 8 % 7) % 7 fill bits. */
int	codec_udh_parse(const uint8_t *ud, size_t len, struct udh_concat *c);

/* Decodes user data (UDH already stripped) in the given data_coding to
 * NUL-terminated UTF-8 in out[outsz]. packed: GSM-7 packed septets (with
 * fill_bits of padding first, as after a UDH), else one septet per octet.
 * Alphabet: SMPP values 0/0x0F GSM-7, 1-4 Latin-1 (IA5 and binary shown as
 * Latin-1), 8 UCS-2; otherwise the 03.38 DCS groups: 0x00-0x7F by bits 3-2
 * (GSM / 8-bit as Latin-1 / UCS-2), 0xE0-0xEF UCS-2, 0xF0-0xFF bit 2 set
 * Latin-1 else GSM, reserved and message-waiting groups GSM. ESC + unknown
 * shows the base char, a dangling ESC or ESC ESC a space; a packed CR in the
 * 7-bit pad slot is dropped (03.38 padding). Lone/broken surrogates become
 * U+FFFD, an odd UCS-2 length drops the last octet, NUL and unpacked octets
 * > 0x7F become '?' (never a crash). Returns bytes written (excluding NUL),
 * or -1 if out is too small (output is then truncated at a character
 * boundary and still NUL-terminated if outsz > 0). */
int	codec_decode(uint8_t dcs, const uint8_t *ud, size_t len, bool packed,
	    int fill_bits, char *out, size_t outsz);

/* True when every character of utf8 is in GSM 03.38 (basic or extension).
 * Ill-formed UTF-8 counts as '?' here and in every encoder below. */
bool	codec_fits_gsm(const char *utf8);

/* Length of utf8 in GSM septets (extension chars count 2), or -1 when it does
 * not fit GSM. */
int	codec_gsm_septets(const char *utf8);

/* Number of SMS segments utf8 costs: GSM-7 when it fits (160 single, 153 per
 * part), else UCS-2 (70 single, 67 per part; a surrogate pair is 2 units and
 * never split). The one place that counts what a reply costs the user. */
int	codec_segments(const char *utf8);

/* One outbound segment, ready for short_message. */
struct codec_seg {
	uint8_t	data[CODEC_SEG_OCTETS + 8];
	size_t	len;
	bool	udh;		/* data starts with a concat UDH: set esm_class 0x40 */
};

/* Encodes utf8 for MT: GSM-7 when it fits (packed or one septet per octet),
 * else UCS-2 big-endian. Splits at 153/67 characters with an 8-bit-reference
 * concat UDH (05 00 03 ref total seq) using ref, never splitting an escape
 * pair or surrogate pair. Packed parts start their septets after 1 fill bit
 * and pad 7 spare bits with CR. Writes up to maxsegs segments and *dcs
 * (DCS_GSM7 or DCS_UCS2); "" is one empty segment. Returns the number of
 * segments (always codec_segments(utf8)), or -1 when the text needs more
 * than maxsegs (or 255) segments. */
int	codec_encode(const char *utf8, bool packed, uint8_t ref,
	    uint8_t *dcs, struct codec_seg *segs, int maxsegs);

/* Encodes utf8 as one unsegmented USSD string (max 182 GSM-7 septets, an
 * extension char counting 2, or 80 UCS-2 units). Sets *dcs to DCS_GSM7 or
 * DCS_UCS2; an operator profile that wants 0x0F maps that itself. Returns
 * octets written or -1 when it does not fit the limit or outsz. */
int	codec_encode_ussd(const char *utf8, bool packed, uint8_t *dcs,
	    uint8_t *out, size_t outsz);

#endif
