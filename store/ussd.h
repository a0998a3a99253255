/* USSD sessions on SQLite: one row per open or dropped session (its menu
 * position and answers as an opaque blob), so memory stays flat with any
 * number of sessions, a restart keeps them, and a hop's state change commits
 * with its screen. All calls run inside the caller's transaction. */
#ifndef LAPAK_STORE_USSD_H
#define LAPAK_STORE_USSD_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

#define USSD_KEY_MAX	96

enum ussd_status {
	USSD_OPEN = 0,		/* answering */
	USSD_DROPPED = 1,	/* user abort or never answered: resumable */
	USSD_OFFER = 2		/* a new session showing "continue?": the
				 * blob is the old session's state */
};

struct ussd_row {
	char		 key[USSD_KEY_MAX];	/* "link/sid/number", "http/id" */
	char		 msisdn[16];
	int64_t		 gen;			/* menu set generation */
	int		 status;		/* enum ussd_status */
	int		 seq;			/* dialogue sequence sent last */
	int		 text_len;		/* HTTP: bytes of text consumed */
	int64_t		 updated_ms;
	size_t		 state_len;
};

/* Loads key: 1 found (row and up to bufsz bytes of the blob into buf;
 * row->state_len is the blob's size), 0 none, -1 error. */
int	ussd_sess_get(struct store *st, const char *key, struct ussd_row *row,
	    void *buf, size_t bufsz);
/* Inserts or replaces row->key with state[len]. */
enum store_rc ussd_sess_put(struct store *st, const struct ussd_row *row,
	    const void *state, size_t len);
enum store_rc ussd_sess_del(struct store *st, const char *key);
/* msisdn's most recent session updated at or after since_ms that is open or
 * dropped (a candidate to resume): 1 found, 0 none, -1 error. */
int	ussd_sess_last(struct store *st, const char *msisdn, int64_t since_ms,
	    struct ussd_row *row, void *buf, size_t bufsz);
/* Every session updated before before_ms is forgotten. Returns the count,
 * or -1. */
int	ussd_sess_prune(struct store *st, int64_t before_ms);
/* 1 when some session of menu generation gen was updated at or after
 * since_ms, 0 none, -1 error. */
int	ussd_sess_gen_used(struct store *st, int64_t gen, int64_t since_ms);
/* Sessions stored, -1 on error. */
int64_t	ussd_sess_count(struct store *st);

#endif
