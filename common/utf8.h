/* UTF-8: the one decoder every text path uses (SMS codec, command cleaning,
 * reply rendering and segment counting, USSD screens). */
#ifndef LAPAK_UTF8_H
#define LAPAK_UTF8_H
#include <stddef.h>
#include <stdint.h>

#define UTF8_BAD	0xFFFFFFFFu	/* *cp of an ill-formed sequence */

/*
 * Decodes the character at s[0, n). Returns the bytes it takes: 1-4 for a
 * well-formed character (*cp = its code point), else the length of the
 * maximal ill-formed prefix (at least 1, as Unicode recommends, so a walk
 * always advances) with *cp = UTF8_BAD: overlong forms, UTF-16 surrogates,
 * code points past U+10FFFF, stray continuation bytes, and sequences cut
 * short by n or by a NUL (a NUL is never consumed as a continuation byte).
 * Returns 0 only when n == 0.
 */
size_t	utf8_decode(const char *s, size_t n, uint32_t *cp);

#endif
