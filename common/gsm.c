/* The GSM 03.38 alphabet (common/gsm.h). */
#include <stddef.h>

#include "common/gsm.h"

/* Non-ASCII code points of the default alphabet and the extension table. */
static const uint32_t gsm_non_ascii[] = {
	0x00A1, 0x00A3, 0x00A4, 0x00A5, 0x00A7, 0x00BF, 0x00C4, 0x00C5,
	0x00C6, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00D8, 0x00DC, 0x00DF,
	0x00E0, 0x00E4, 0x00E5, 0x00E6, 0x00E8, 0x00E9, 0x00EC, 0x00F1,
	0x00F2, 0x00F6, 0x00F8, 0x00F9, 0x00FC, 0x0393, 0x0394, 0x0398,
	0x039B, 0x039E, 0x03A0, 0x03A3, 0x03A6, 0x03A8, 0x03A9, 0x20AC,
};

bool
gsm_char(uint32_t cp)
{
	size_t	i;

	if (cp == '\n' || cp == '\r' || cp == '\f')
		return true;
	if (cp >= 0x20 && cp < 0x7F)
		return cp != '`';	/* the one printable ASCII not in GSM */
	for (i = 0; i < sizeof(gsm_non_ascii) / sizeof(gsm_non_ascii[0]); i++)
		if (gsm_non_ascii[i] == cp)
			return true;
	return false;
}

bool
gsm_ext(uint32_t cp)
{
	return cp == '^' || cp == '{' || cp == '}' || cp == '\\' ||
	    cp == '[' || cp == '~' || cp == ']' || cp == '|' || cp == 0x20AC ||
	    cp == '\f';
}
