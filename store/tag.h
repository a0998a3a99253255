/* Keyed tags: a short keyed hash (BLAKE2b via libsodium) of a text, with a
 * key made once and kept in the store, so the same text gets the same tag
 * across restarts while the text cannot be read back from it. Used to tell
 * PIN-carrying commands apart in the repeat window without keeping digits. */
#ifndef LAPAK_TAG_H
#define LAPAK_TAG_H
#include <stddef.h>

#include "store/store.h"

#define STORE_TAG_HEX	16	/* hex digits written */

/* Writes STORE_TAG_HEX hex digits + NUL into hex[hexsz] (hexsz > 16).
 * Returns 0, or -1 when the key cannot be read or made. */
int	store_tag(struct store *st, const char *text, char *hex, size_t hexsz);

#endif
