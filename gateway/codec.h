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
 * the data, IE overrunning). Fills *c when a concat IE is found. */
int	codec_udh_parse(const uint8_t *ud, size_t len, struct udh_concat *c);

/* Decodes user data (UDH already stripped) in the given data_coding to
 * NUL-terminated UTF-8 in out[outsz]. packed: GSM-7 packed septets (with
 * fill_bits of padding first, as after a UDH), else one septet per octet.
 * Unknown data codings are treated as Latin-1 for classes 0/3/4/F with 8-bit
 * alphabet, UCS-2 for class with UCS-2 alphabet (DCS general group).
 * Undecodable input becomes '?' (never a crash). Returns bytes written
 * (excluding NUL), or -1 if out is too small (output is then truncated
 * at a character boundary and still NUL-terminated). */
int	codec_decode(uint8_t dcs, const uint8_t *ud, size_t len, bool packed,
	    int fill_bits, char *out, size_t outsz);

/* True when every character of utf8 is in GSM 03.38 (basic or extension). */
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
 * concat UDH using ref, never splitting an escape pair or surrogate pair.
 * Writes up to maxsegs segments and *dcs. Returns the number of segments, or
 * -1 when the text needs more than maxsegs. */
int	codec_encode(const char *utf8, bool packed, uint8_t ref,
	    uint8_t *dcs, struct codec_seg *segs, int maxsegs);

/* Encodes utf8 as one unsegmented USSD string (max 182 GSM-7 chars or 80
 * UCS-2 chars). Returns octets written or -1 when it does not fit. */
int	codec_encode_ussd(const char *utf8, bool packed, uint8_t *dcs,
	    uint8_t *out, size_t outsz);

#endif
