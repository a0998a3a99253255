/* Payment records on the SQLite store (programme.md section 5): the
 * repository operations of commerce/repo.h that read and write an order's
 * paid_method, paid_ref and paid_at (repo_payment.c, in repo_sqlite.c's
 * table). */
#ifndef LAPAK_STORE_REPO_PAYMENT_H
#define LAPAK_STORE_REPO_PAYMENT_H
#include <stdint.h>

#include "commerce/repo.h"

/* Repository operations (be is the struct store); contracts in
 * commerce/repo.h. */
enum repo_rc	sq_order_payment(void *be, int64_t id,
		    struct order_payment *out);
enum repo_rc	sq_order_pay(void *be, int64_t id, enum order_state from,
		    const char *method, const char *ref, const char *by,
		    int64_t now_s);

#endif
