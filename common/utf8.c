/* The one UTF-8 decoder (common/utf8.h). */
#include "common/utf8.h"

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned		 lo = 0x80, hi = 0xBF;
	size_t			 need, i;
	uint32_t		 c;

	*cp = UTF8_BAD;
	if (n == 0)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		need = 1;
		c = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		need = 2;
		c = p[0] & 0x0F;
		if (p[0] == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (p[0] == 0xED)
			hi = 0x9F;	/* UTF-16 surrogates */
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		need = 3;
		c = p[0] & 0x07;
		if (p[0] == 0xF0)
			lo = 0x90;	/* overlong */
		else if (p[0] == 0xF4)
			hi = 0x8F;	/* beyond U+10FFFF */
	} else
		return 1;		/* C0, C1, F5-FF, a stray continuation */
	for (i = 1; i <= need; i++) {
		if (i >= n || p[i] < lo || p[i] > hi)
			return i;
		c = (c << 6) | (p[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = c;
	return need + 1;
}
