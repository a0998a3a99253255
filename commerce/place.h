/* Places (programme.md section 1): how a typed village or district name is
 * folded and compared with the Ministry of Home Affairs' list, shared by the
 * commerce core (DAFTAR, DESA, CARI di), the repository backends (typo
 * candidates) and the loader (places.key). */
#ifndef LAPAK_COMMERCE_PLACE_H
#define LAPAK_COMMERCE_PLACE_H
#include <stdbool.h>
#include <stddef.h>

#include "commerce/repo.h"

#define PLACE_CHOICES	3	/* villages a DAFTAR lists to choose from */
#define PLACE_MATCH_MAX	16	/* places one name may resolve to */

/* The key a place name is matched by: "Desa Suka Maju" -> "sukamaju".
 * A leading "desa", "ds", "kelurahan", "kel", "kecamatan", "kec" word (with
 * or without a dot) is dropped when something follows it; then ASCII letters
 * are lower-cased and only letters and digits kept (bytes >= 0x80 kept as
 * letters). */
void	commerce_place_fold(const char *name, char *out, size_t len);
/* The key reversed ("sukamaju" -> "ujamakus"): a second index so a typo in
 * a name's first letters still finds it by its last ones. */
void	commerce_place_rkey(const char *key, char *out, size_t len);
/* Edits a typed key of n bytes may have: 0 up to 3 letters, 1 up to 7, 2
 * from 8. */
int	commerce_place_tolerance(size_t n);
/* Edit distance (insert, delete, change, swap of neighbours) between keys a
 * and b; any value above max is returned as max + 1. */
int	commerce_place_distance(const char *a, const char *b, int max);
/* True when code has the shape of level (1 "33", 2 "33.18", 3 "33.18.04",
 * 4 "33.18.04.2001"). */
bool	commerce_place_code_ok(const char *code, int level);
/* code is a place code of any level: "33", "33.20", "33.20.05" or
 * "33.20.05.2004". */
bool	commerce_place_code_any(const char *code);
/* True when code is scope or under it (scope "" = everything). */
bool	commerce_place_in_scope(const char *code, const char *scope);
/* The places of level under scope that the typed text names: those whose
 * key equals its fold; when none, those nearest within the tolerance.
 * *n of them (at most max); none when nothing matches or the text folds to
 * nothing. */
enum repo_rc commerce_place_resolve(const struct repo *r, const char *scope,
	    int level, const char *text, struct place *out, int max, int *n);

#endif
