/* The places operations of the commerce repository over SQLite
 * (repo_places.c), put into the operations table by repo_sqlite.c. */
#ifndef LAPAK_STORE_REPO_PLACES_H
#define LAPAK_STORE_REPO_PLACES_H
#include "commerce/repo.h"

/* As commerce/repo.h's place_* and seller_place; be is a struct store. */
enum repo_rc	sq_place_match(void *be, int level, const char *scope,
		    const char *key, bool fuzzy, struct place *out, int max,
		    int *n);
enum repo_rc	sq_place_get(void *be, const char *code, struct place *out);
enum repo_rc	sq_places_any(void *be, const char *scope, bool *yes);
enum repo_rc	sq_place_villages(void *be, const char *district,
		    struct place *out, int max, int *n);
enum repo_rc	sq_seller_place(void *be, int64_t seller_id, const char *code,
		    const char *village, int64_t now_s);
enum repo_rc	sq_place_choice_get(void *be, const char *msisdn, char *codes,
		    size_t len, int64_t *expires_s);
enum repo_rc	sq_place_choice_set(void *be, const char *msisdn,
		    const char *codes, int64_t expires_s);

#endif
