/* For store/ only: CARI's word index over SQLite (search.c). The words,
 * classes and page search are the commerce core's (commerce/search.h);
 * this keeps the index and answers the repository's search operations. */
#ifndef LAPAK_SEARCH_INTERNAL_H
#define LAPAK_SEARCH_INTERNAL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "commerce/repo.h"
#include "commerce/search.h"

struct store;

/*
 * The index lives in two tables (schema v8): search_vocab (id, word, n:
 * listed products with the word) and search_post (wid, nlen, pid, place),
 * kept by TEMP triggers on products that call back into here, whatever
 * code path writes, in the writer's transaction. A connection keeps the
 * vocabulary in memory (refreshed by id, reloaded after a rollback that
 * may have undone words it saw) and the matches of recent query words.
 */
/* Sets up st: the in-memory vocabulary, and for a writer the triggers and
 * a first build of the index when the store has none. 0, or -1 (err). */
int	search_attach(struct store *st, bool writer, char *err, size_t errlen);
void	search_detach(struct store *st);
/* A savepoint or transaction of st was rolled back. */
void	search_rolled_back(struct store *st);

/* The repository operations (commerce/repo.h). */
enum repo_rc search_vocab_op(void *be, const struct qword *q, int nq,
	    bool quick, struct search_vocab_hits *out);
enum repo_rc search_postings_op(void *be, int64_t wid, const char *place,
	    int32_t after_nlen, int64_t after_pid, struct search_post *out,
	    int max, int *n);
enum repo_rc search_row_op(void *be, int64_t pid, struct search_hit *out);
enum repo_rc search_place_known_op(void *be, const char *place, bool *yes);

#endif
