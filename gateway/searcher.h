/* CARI off the loop: one thread with its own read-only connection to the
 * store runs searches (commerce_find_on) while the loop goes on. The loop
 * stores the MO as pending and submits a job; the finished job comes back
 * through an ev_async, and the loop answers it in its next transaction
 * (the reply leaves through the outbox like any other). While a number
 * has a search in flight its next MOs are refused for the SMSC to deliver
 * again, so a LAGI never overtakes the CARI before it. */
#ifndef LAPAK_SEARCHER_H
#define LAPAK_SEARCHER_H
#include <stdbool.h>
#include <stdint.h>

#include "store/commerce.h"
#include "store/msg.h"

struct ev_loop;
struct searcher;

struct search_job {
	int64_t			 inbox_id;
	char			 src[MSG_ADDR_MAX];
	char			 text[MSG_TEXT_MAX];
	int			 tries;		/* answered in a failed txn */
	struct commerce_find	 f;
	struct search_job	*next;
};

/* Starts the thread on the store at path; ready(arg) runs on the loop
 * when jobs are done. 0, or -1 (err set). */
int	searcher_start(struct searcher **out, const char *path,
	    struct ev_loop *loop, void (*ready)(void *), void *arg, char *err,
	    size_t errlen);
/* Stops and joins the thread; unfinished jobs are dropped (their MOs stay
 * pending in the inbox, found again at the next start). NULL-safe. */
void	searcher_stop(struct searcher *s);
/* Takes j (allocated with calloc) and marks j->src busy. */
void	searcher_submit(struct searcher *s, struct search_job *j);
/* The next finished job (the caller owns it), or NULL. */
struct search_job *searcher_done(struct searcher *s);
/* src has a search in flight (submitted, not yet released). */
bool	searcher_busy(const struct searcher *s, const char *src);
/* The loop answered src's job (one busy mark less). */
void	searcher_release(struct searcher *s, const char *src);
/* Jobs submitted, and in flight now. */
uint64_t searcher_jobs(const struct searcher *s);
int	searcher_inflight(const struct searcher *s);

#endif
