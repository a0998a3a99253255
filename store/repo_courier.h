/* Couriers on the SQLite store (programme.md section 4): the repository
 * operations of commerce/repo.h for couriers, their jobs, delivery codes
 * and the marks kept under a keyed tag (repo_courier.c, in repo_sqlite.c's
 * table), and what lapakctl courier does to them. */
#ifndef LAPAK_STORE_REPO_COURIER_H
#define LAPAK_STORE_REPO_COURIER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "commerce/repo.h"
#include "store/store.h"

/* Repository operations (be is the struct store). */
enum repo_rc	sq_courier_get(void *be, const char *msisdn,
		    struct courier *out);
enum repo_rc	sq_courier_set_duty(void *be, const char *msisdn, bool on);
enum repo_rc	sq_courier_next(void *be, const char *place, bool prefix,
		    const char *not, int max_jobs, struct courier *out);
enum repo_rc	sq_job_open(void *be, int64_t order_id, const char *courier,
		    int64_t fee_rp, int64_t now_s);
enum repo_rc	sq_job_mark(void *be, int64_t order_id, const char *what,
		    int64_t now_s);
enum repo_rc	sq_job_list(void *be, const char *courier, int64_t offset,
		    struct courier_job_line *out, int max, int *n);
enum repo_rc	sq_drop_set(void *be, int64_t order_id,
		    const unsigned char *sealed, size_t len);
enum repo_rc	sq_drop_get(void *be, int64_t order_id, unsigned char *sealed,
		    size_t *len);
enum repo_rc	sq_drop_attempts(void *be, int64_t order_id, int attempts);
enum repo_rc	sq_mark_add(void *be, const char *msisdn, const char *kind,
		    int64_t order_id, int64_t now_s);
enum repo_rc	sq_buyer_record(void *be, const char *msisdn, int64_t since_s,
		    int *completed, int *failed);

/* lapakctl courier. add: enrols msisdn on duty (again after a removal:
 * name, place and fee replaced). remove: STORE_NOTFOUND when not enrolled;
 * else marks it removed (the caller first hands its jobs not picked up
 * back through commerce_courier_remove). list: fn(arg, row) per enrolled
 * courier, by number. */
struct store_courier_row {
	char	msisdn[16];
	char	name[64];
	char	place[24];
	int64_t	fee_rp;
	bool	on_duty;
	int64_t	jobs;			/* open: assigned or shipped */
	int64_t	created_s;
};
enum store_rc	store_courier_add(struct store *st, const char *msisdn,
		    const char *name, const char *place, int64_t fee_rp,
		    int64_t now_s);
enum store_rc	store_courier_remove(struct store *st, const char *msisdn,
		    int64_t now_s);
enum store_rc	store_courier_list(struct store *st,
		    void (*fn)(void *arg, const struct store_courier_row *row),
		    void *arg);

#endif
