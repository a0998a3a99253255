/* The operator's verbs over the store (issue 15, operators; lapakctl):
 * the audit log of every verb that changes something, the block's reason,
 * a takedown's reason, the outbox, inbox and USSD session listings, the
 * outbox's retry and purge, and the online backup. Writers run inside the
 * caller's transaction unless said otherwise; listings are reads. */
#ifndef LAPAK_STORE_OPERATOR_H
#define LAPAK_STORE_OPERATOR_H
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

#define OP_USER_MAX	96
#define OP_VERB_MAX	32
#define OP_TARGET_MAX	96
#define OP_OUTCOME_MAX	32
#define OP_DETAIL_MAX	200

struct op_audit {
	int64_t	id;
	int64_t	at_s;
	char	user[OP_USER_MAX];
	char	verb[OP_VERB_MAX];
	char	target[OP_TARGET_MAX];
	char	outcome[OP_OUTCOME_MAX];
	char	detail[OP_DETAIL_MAX];
};

/* One audit row (texts truncated to the sizes above; NULL is ""). */
enum store_rc op_audit_add(struct store *st, const struct op_audit *a);
/* The newest limit rows, newest first, each to fn. */
enum store_rc op_audit_list(struct store *st, int limit,
	    void (*fn)(void *arg, const struct op_audit *a), void *arg);

/* The block's reason (NULL or "" clears it); STORE_NOTFOUND when msisdn
 * is not blocked. */
enum store_rc op_block_reason(struct store *st, const char *msisdn,
	    const char *reason);
/* The reason of msisdn's block into reason[len] ("" none): 1 blocked, 0
 * not, -1 error. */
int	op_block_get(struct store *st, const char *msisdn, char *reason,
	    size_t len);

/* products.takedown = reason for product id. */
enum store_rc op_takedown_note(struct store *st, int64_t id,
	    const char *reason);

/* Outbox and inbox rows as lapakctl lists them. */
struct op_msg {
	int64_t	id;
	int	state;		/* outbox: enum msg_state; inbox: 0/1 */
	char	number[24];	/* dst (outbox) or src (inbox), E.164 */
	int64_t	created_ms;
	int	tries;
	char	text[640];
};

/* Outbox rows, newest first: state -1 any, else that enum msg_state;
 * number NULL any. */
enum store_rc op_outbox_list(struct store *st, int state, const char *number,
	    int limit, void (*fn)(void *arg, const struct op_msg *m),
	    void *arg);
/* Requeues one failed or expired row (id > 0) or every failed one (id 0)
 * for lapakd's next pump: queued, due now, tries 0, valid for validity_s
 * from now. *n gets the rows requeued; one row not failed or expired:
 * STORE_CONFLICT, no such row: STORE_NOTFOUND. */
enum store_rc op_outbox_retry(struct store *st, int64_t id, int64_t now_ms,
	    int validity_s, int64_t *n);
/* Deletes finished rows (submitted, delivered, failed, expired; never
 * queued) created before before_ms, and their segment ids. *n the rows. */
enum store_rc op_outbox_purge(struct store *st, int64_t before_ms,
	    int64_t *n);
/* The number's inbox rows, newest first. */
enum store_rc op_inbox_list(struct store *st, const char *number, int limit,
	    void (*fn)(void *arg, const struct op_msg *m), void *arg);

/* A stored USSD session: its row and its state blob (the gateway's menu
 * position, opaque here; valid during the callback only). */
struct op_session {
	char	key[96];
	char	number[24];
	int	status;		/* store/ussd.h enum ussd_status */
	int64_t	started_ms;	/* 0: from before schema v14 */
	int64_t	updated_ms;
	const void	*state;
	size_t		 state_len;
};
/* Sessions updated at or after since_ms (the live ones), newest first. */
enum store_rc op_sessions(struct store *st, int64_t since_ms, int limit,
	    void (*fn)(void *arg, const struct op_session *s), void *arg);

/* An online backup of the store at path into dest, created 0600 (an
 * existing dest refused unless force): one read transaction is held for
 * the whole copy, so the copy is the store as of its start, while pages
 * are copied step_pages at a time with sleep_ms between steps (lapakd
 * keeps writing; WAL mode). *pages gets the page count. 0, or -1 with
 * err. */
int	op_backup(const char *path, const char *dest, bool force,
	    int step_pages, int sleep_ms, int *pages, char *err,
	    size_t errlen);

#endif
