/* lapak-sim's own text codec: GSM 03.38 (unpacked and packed), Latin-1 and
 * UCS-2 <-> UTF-8. Independent of gateway/codec.c on purpose. */
#ifndef SIM_CODEC_H
#define SIM_CODEC_H
#include <stddef.h>
#include <stdint.h>

/* Encodes UTF-8 s as unpacked GSM septets (escape 0x1B for the extension
 * table) into out[cap]. Returns the septet count, or -1 when a character has
 * no GSM form or out is too small. */
int	sc_utf8_to_gsm(const char *s, uint8_t *out, size_t cap);

/* Encodes UTF-8 s as UCS-2 big-endian (surrogate pairs above U+FFFF) into
 * out[cap]. Returns the octet count, or -1 when out is too small. */
int	sc_utf8_to_ucs2(const char *s, uint8_t *out, size_t cap);

/* Decoders: always NUL-terminate out[cap], truncating on a character boundary.
 * Invalid input becomes '?'. Return the length written. */
size_t	sc_gsm_to_utf8(const uint8_t *in, size_t n, char *out, size_t cap);
size_t	sc_ucs2_to_utf8(const uint8_t *in, size_t n, char *out, size_t cap);
size_t	sc_latin1_to_utf8(const uint8_t *in, size_t n, char *out, size_t cap);

/* Unpacks GSM septets from packed octets in[n], starting skip_bits into the
 * stream (fill bits after a UDH). Writes at most cap septets; returns count. */
size_t	sc_unpack7(const uint8_t *in, size_t n, size_t skip_bits, uint8_t *out,
	    size_t cap);

/* Counts UTF-8 characters (code points) in s. */
size_t	sc_utf8_chars(const char *s);

#endif
