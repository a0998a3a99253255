/* The gateway's transaction engine: every write of the loop (MOs, submit
 * results, housekeeping, HTTP hops) goes into one open transaction that
 * gw_commit() commits as a group (txn.c); what a commit lets out of the
 * process (deliver_sm_resps, outbox rows) waits until the syncer has it on
 * disk (release.c). */
#ifndef LAPAK_GW_TXN_H
#define LAPAK_GW_TXN_H
#include <stdbool.h>
#include <stdint.h>

struct gw;
struct gw_mo;

/* A deliver_sm_resp held until the commit that stored its MO is on disk. */
struct gw_ack {
	uint64_t	 commit;	/* store commit sequence number */
	int		 link;
	uint32_t	 gen, seq, cmd;
};

/* The outbox as of a commit: rows up to out_hi may go out once the commit
 * is on disk. */
struct gw_mark {
	uint64_t	 commit;
	int64_t		 out_hi;
};

/* txn.c */
/* Opens the gateway's transaction unless one is open. 0, or -1 when BEGIN
 * failed. */
int	gw_txn(struct gw *g);
/* Commits the open transaction, with the submit results, unless the
 * syncer is still flushing the last commit (then it keeps gathering: one
 * commit per flush, as large as the disk's pace makes it) or force is set.
 * Returns 0, or -1 when the commit failed (its MOs refused). */
int	gw_commit(struct gw *g, bool force);

/* release.c */
/* After a commit: its outbox high-water mark (read inside the transaction)
 * waits for the disk with the commit's acks. */
void	gw_mark(struct gw *g, uint64_t commit, int64_t out_hi);
/* An MO stored by that commit (GW_OPEN: by the open transaction): its ack
 * waits for the disk. */
#define GW_OPEN		UINT64_MAX
void	gw_hold_ack(struct gw *g, uint64_t commit, const struct gw_mo *mo);
/* The held acks of the open transaction belong to commit now; or are
 * answered with status at once (it failed) and dropped, returning how
 * many. */
void	gw_acks_committed(struct gw *g, uint64_t commit);
int	gw_acks_refuse(struct gw *g, uint32_t status);
/* Sends the acks and opens the outbox rows of every commit now on disk;
 * stops the loop (gw_failed) on a failed flush. */
void	gw_release(struct gw *g);
void	gw_release_init(struct gw *g);
void	gw_release_clear(struct gw *g);

#endif
