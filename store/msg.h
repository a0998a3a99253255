/* The durable message flow: inbox (every MO, committed before its ack),
 * outbox (queued -> submitted -> delivered/failed/expired), inbound
 * concatenation parts (survive a restart), the repeat window, per-number
 * routes and rate limits. All calls run inside the caller's transaction. */
#ifndef LAPAK_MSG_H
#define LAPAK_MSG_H
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

#define MSG_TEXT_MAX	2048	/* UTF-8 bytes of one (reassembled) message */
#define MSG_ADDR_MAX	24
#define MSG_LINK_MAX	32

enum msg_kind { MSG_SMS = 0, MSG_USSD = 1 };

enum msg_state {
	MSG_QUEUED = 0,		/* waiting for a window slot (or a retry time) */
	MSG_SUBMITTED = 1,	/* every segment has a submit_sm_resp OK */
	MSG_DELIVERED = 2,	/* delivery receipt DELIVRD */
	MSG_FAILED = 3,		/* permanent error, receipt UNDELIV, or retries spent */
	MSG_EXPIRED = 4		/* still queued past its validity: dropped */
};

struct msg_in {
	char	 link[MSG_LINK_MAX];
	char	 src[MSG_ADDR_MAX];
	char	 dst[MSG_ADDR_MAX];
	char	 text[MSG_TEXT_MAX];	/* PINs already masked */
	int	 kind;
	int64_t	 received_ms;
};

struct msg_out {
	int64_t	 id;
	int	 lane;			/* 0 replies, notifications; 1 promotions
					 * (MSG_LANE_PROMO) */
	char	 link[MSG_LINK_MAX];
	char	 dst[MSG_ADDR_MAX];
	char	 text[MSG_TEXT_MAX];
	int	 kind;
	int	 ussd_op;		/* -1 for SMS */
	int	 ussd_sid;		/* session number, -1 none */
	int	 ussd_seq;
	int	 tries;
	int64_t	 expires_ms;
};

/* Records an MO; *id gets its row id. repeat_of: earlier inbox id or 0. */
enum store_rc msg_inbox_add(struct store *st, const struct msg_in *m,
	    int64_t repeat_of, int64_t *id);

/* An MO answered later (a search off the loop): pending marks its row
 * (inbox state 0), done ends it: 1 when it was pending from src, 0 when
 * not (gone with a rolled-back transaction), -1 on error. next: the first
 * pending row after after_id (src and text), 1 found, 0 none, -1 error. */
enum store_rc msg_inbox_pending(struct store *st, int64_t id);
int	msg_inbox_done(struct store *st, int64_t id, const char *src);
int	msg_inbox_pending_next(struct store *st, int64_t after_id, int64_t *id,
	    char *src, size_t srclen, char *text, size_t textlen);

/* Queues a reply/notification. o->id is ignored and set. */
enum store_rc msg_outbox_add(struct store *st, int64_t inbox_id,
	    struct msg_out *o, int64_t now_ms, int validity_s);

/* Up to max queued messages of lane 0 for link whose retry time has come,
 * with after_id < id <= upto_id, oldest first. Returns how many, or -1. */
int	msg_outbox_due(struct store *st, const char *link, int64_t now_ms,
	    int64_t after_id, int64_t upto_id, struct msg_out *out, int max);
/* promotions: the same for one lane (0, or MSG_LANE_PROMO). */
#define MSG_LANE_PROMO	1
int	msg_outbox_due_lane(struct store *st, const char *link, int lane,
	    int64_t now_ms, int64_t after_id, int64_t upto_id,
	    struct msg_out *out, int max);
/* The highest outbox id so far (0 when empty), or -1. */
int64_t	msg_outbox_last_id(struct store *st);

/* A segment's submit_sm_resp OK: remembers its message_id for receipts; when
 * last is set, the message is MSG_SUBMITTED. */
enum store_rc msg_outbox_part_ok(struct store *st, int64_t id,
	    const char *message_id, bool last, int64_t now_ms);
/* Temporary failure: retry at next_try_ms, or MSG_FAILED once tries exceed
 * retry_max. Returns the new state through *state. */
enum store_rc msg_outbox_retry(struct store *st, int64_t id, uint32_t status,
	    int64_t next_try_ms, int retry_max, enum msg_state *state);
/* Permanent failure. */
enum store_rc msg_outbox_fail(struct store *st, int64_t id, uint32_t status,
	    int64_t now_ms);
/* A delivery receipt for message_id (any segment's): delivered or failed.
 * STORE_NOTFOUND when no message has that id. */
enum store_rc msg_outbox_receipt(struct store *st, const char *message_id,
	    bool delivered, int64_t now_ms);
/* Marks queued messages past their validity MSG_EXPIRED; returns the count
 * or -1. */
int	msg_outbox_expire(struct store *st, int64_t now_ms);
/* Count of messages in a state, or -1. */
int64_t	msg_outbox_count(struct store *st, enum msg_state state);
int64_t	msg_inbox_count(struct store *st);

/* Inbound concatenation: stores one part. When the set is complete, writes
 * the joined text to full[fullsz], deletes the parts and returns 1; returns 0
 * while parts are missing; -1 on error. A part seen twice is kept once. */
int	msg_concat_add(struct store *st, const char *link, const char *src,
	    int ref, int total, int seq, const char *text, int64_t now_ms,
	    char *full, size_t fullsz);
/* Gives up on one set whose first part is older than before_ms: writes what
 * arrived (parts in order, a gap marked "...") and the sender into *m and
 * returns 1; 0 when none is stale; -1 on error. Call until it returns 0. */
int	msg_concat_take_stale(struct store *st, int64_t before_ms,
	    struct msg_in *m);

/* The repeat window, one row per number. A repeat is an identical copy of
 * the number's most recent state-changing command: true when that is
 * command (a normalised command text), put at or after since_ms. Then
 * *inbox_id is that MO and reply the text of the outbox row that answered
 * it ("" if none is known). Also true, with that command's MO and reply,
 * when command is one of the few before it that was put in
 * [since_ms, bound_ms): bound_ms is when the MO's link last bound, so an
 * SMSC redelivering MOs whose acks died with a link or a crash gets
 * answers, not new actions, in whatever order it sends them (pass 0 where
 * no link applies). One indexed statement; a second only for the latter. */
bool	msg_recent_find(struct store *st, const char *src, const char *command,
	    int64_t since_ms, int64_t bound_ms, char *reply, size_t replysz,
	    int64_t *inbox_id);
/* Makes command, sent by src as inbox_id and answered by outbox row
 * reply_id (0: none), src's most recent state-changing command; the one it
 * replaces is kept among the earlier ones while it is inside the window
 * (at or after since_ms). command "" ends the window without a command to
 * repeat (a state-changing command that was refused). */
enum store_rc msg_recent_put(struct store *st, const char *src,
	    const char *command, int64_t now_ms, int64_t since_ms,
	    int64_t inbox_id, int64_t reply_id);
/* Forgets entries older than before_ms. */
enum store_rc msg_recent_prune(struct store *st, int64_t before_ms);

/* The link a number last wrote in on. */
enum store_rc msg_route_set(struct store *st, const char *msisdn,
	    const char *link);
bool	msg_route_get(struct store *st, const char *msisdn, char *link,
	    size_t linksz);

enum msg_rate { RATE_OK, RATE_NOTICE, RATE_SILENT };
/* Token bucket per number: per_minute tokens a minute, burst per_minute. The
 * first message over the limit gets RATE_NOTICE, the rest RATE_SILENT until
 * a token frees. per_minute 0: always RATE_OK. */
enum msg_rate msg_rate_take(struct store *st, const char *msisdn,
	    int64_t now_ms, int per_minute);

#endif
