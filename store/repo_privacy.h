/* The privacy operations of the commerce repository over SQLite
 * (repo_privacy.c; commerce/repo.h has their contracts). */
#ifndef LAPAK_STORE_REPO_PRIVACY_H
#define LAPAK_STORE_REPO_PRIVACY_H
#include "commerce/repo.h"

enum repo_rc	sq_privacy_counts(void *be, const char *msisdn,
		    struct privacy_counts *out);
enum repo_rc	sq_consent_mark(void *be, const char *msisdn, bool seller,
		    int64_t now_s, bool *first);
enum repo_rc	sq_erase_get(void *be, const char *msisdn,
		    unsigned char *sealed, size_t *sealed_len, int *attempts,
		    int64_t *expires_s);
enum repo_rc	sq_erase_set(void *be, const char *msisdn,
		    const unsigned char *sealed, size_t sealed_len,
		    int attempts, int64_t expires_s);
enum repo_rc	sq_number_erase(void *be, const char *msisdn, const char *cc,
		    int64_t now_s);
enum repo_rc	sq_number_blocked(void *be, const char *msisdn, bool *yes);
enum repo_rc	sq_erase_open(void *be, const char *msisdn, int64_t seller_id,
		    int64_t *ids, int max, int *n);

#endif
