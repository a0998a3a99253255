/* The GSM 03.38 alphabet as text sees it: which code points an SMS can
 * carry in 7 bits and which cost two septets. The one copy for cleaning,
 * rendering and segment counting (the SMPP codec keeps its own encoding
 * tables; lapak-sim shares nothing by design). */
#ifndef LAPAK_GSM_H
#define LAPAK_GSM_H
#include <stdbool.h>
#include <stdint.h>

/* True when cp is in the default alphabet or its extension table (with
 * the euro sign); '\n', '\r' and '\f' count, '`' does not. */
bool	gsm_char(uint32_t cp);
/* True for an extension-table character: two septets ('^', '{', '}',
 * '\\', '[', '~', ']', '|', the euro sign, form feed). */
bool	gsm_ext(uint32_t cp);

#endif
