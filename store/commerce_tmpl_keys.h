/* TEMPORARY until commerce/ lands: the commerce key list that
 * commerce/commerce.h will declare. The merge swaps this for the real one. */
#ifndef LAPAK_COMMERCE_TMPL_KEYS_H
#define LAPAK_COMMERCE_TMPL_KEYS_H
#include <stddef.h>

/* Every template name the commerce actions can put in a result (replies,
 * notes, and "<group>.row" of their lists); *n gets the count. Static. */
const char *const *commerce_tmpl_keys(size_t *n);

#endif
