/* The commerce repository's operator ops over SQLite (issue 15): the
 * blocked number's one notice. */
#ifndef LAPAK_STORE_REPO_OPERATOR_H
#define LAPAK_STORE_REPO_OPERATOR_H
#include <stdbool.h>
#include <stdint.h>

#include "commerce/repo.h"

/* number_marks.noticed_s of msisdn's block set now when unset: *first
 * true when this call set it. */
enum repo_rc	sq_block_notice(void *be, const char *msisdn, int64_t now_s,
		    bool *first);

#endif
