/* What waits for the disk: a group commit returns before its WAL frames are
 * flushed (store/sync.c), so its deliver_sm_resps and the outbox rows it
 * queued are held here until store_synced() passes it. The loop meanwhile
 * reads and handles the next batch. */
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "gateway/gw_internal.h"
#include "gateway/mo.h"
#include "gateway/pdu.h"
#include "gateway/smpp.h"
#include "gateway/txn.h"
#include "store/msg.h"
#include "store/store.h"

/* Appends one zeroed element to a FIFO array (head..n-1 live), compacting
 * or growing it first; returns the new element. */
static void *
fifo_push(void **v, size_t *head, size_t *n, size_t *cap, size_t size)
{
	char	*base;

	if (*head > 0 && *head == *n)
		*head = *n = 0;
	if (*n == *cap) {
		if (*head > 0) {
			memmove(*v, (char *)*v + *head * size, (*n - *head) * size);
			*n -= *head;
			*head = 0;
		} else {
			*cap = *cap ? *cap * 2 : 256;
			*v = xrealloc(*v, *cap * size);
		}
	}
	base = *v;
	memset(base + *n * size, 0, size);
	return base + (*n)++ * size;
}

void
gw_hold_ack(struct gw *g, uint64_t commit, const struct gw_mo *mo)
{
	struct gw_ack	*a = fifo_push((void **)&g->acks, &g->ack_head,
			    &g->nacks, &g->capacks, sizeof(*a));

	a->commit = commit;
	if (commit == GW_OPEN)
		g->nopen++;
	a->link = mo->link;
	a->gen = mo->gen;
	a->seq = mo->seq;
	a->cmd = mo->cmd;
}

void
gw_mark(struct gw *g, uint64_t commit, int64_t out_hi)
{
	struct gw_mark	*m;

	if (out_hi <= g->out_durable)
		return;
	m = fifo_push((void **)&g->marks, &g->mark_head, &g->nmarks,
	    &g->capmarks, sizeof(*m));
	m->commit = commit;
	m->out_hi = out_hi;
}

/* A flush failed: the kernel may have dropped the pages, so no commit since
 * the last good flush can be vouched for. Nothing more is acknowledged;
 * lapakd stops, and the SMSC delivers again what it did not hear back
 * about. On restart SQLite recovers the WAL as the disk has it. */
static void
fail_stop(struct gw *g, int e)
{
	g->sync_failed = true;
	log_warnx("store flush failed: %s: %zu messages not acknowledged; "
	    "stopping so that nothing acknowledged can be lost", strerror(e),
	    g->nacks - g->ack_head);
	ev_break(g->loop, EVBREAK_ALL);
}

void
gw_release(struct gw *g)
{
	uint64_t	done;
	int		e;

	if (g->sync_failed)
		return;
	if ((e = store_sync_error(g->st)) != 0) {
		fail_stop(g, e);
		return;
	}
	done = store_synced(g->st);
	for (; g->ack_head < g->nacks && g->acks[g->ack_head].commit <= done;
	    g->ack_head++) {
		const struct gw_ack *a = &g->acks[g->ack_head];

		smpp_ack(g->links[a->link].smpp, a->gen, a->seq, a->cmd,
		    PDU_ROK);
	}
	for (; g->mark_head < g->nmarks &&
	    g->marks[g->mark_head].commit <= done; g->mark_head++)
		if (g->marks[g->mark_head].out_hi > g->out_durable)
			g->out_durable = g->marks[g->mark_head].out_hi;
}

void
gw_acks_committed(struct gw *g, uint64_t commit)
{
	size_t	i;

	for (i = g->nacks - g->nopen; i < g->nacks; i++)
		g->acks[i].commit = commit;
	g->nopen = 0;
}

int
gw_acks_refuse(struct gw *g, uint32_t status)
{
	size_t	i;
	int	n = (int)g->nopen;

	for (i = g->nacks - g->nopen; i < g->nacks; i++)
		smpp_ack(g->links[g->acks[i].link].smpp, g->acks[i].gen,
		    g->acks[i].seq, g->acks[i].cmd, status);
	g->nacks -= g->nopen;
	g->nopen = 0;
	return n;
}

bool
gw_failed(const struct gw *g)
{
	return g->sync_failed;
}

/* The syncer moved: acks go now, the prepare watcher then pumps. */
static void
on_synced(struct ev_loop *loop, ev_io *w, int revents)
{
	struct gw	*g = w->data;

	(void)loop;
	(void)revents;
	store_sync_drain(g->st);
	gw_release(g);
}

void
gw_release_init(struct gw *g)
{
	int	fd = store_sync_fd(g->st);

	/* Rows already in the outbox at start are on disk. */
	g->out_durable = msg_outbox_last_id(g->st);
	if (g->out_durable < 0)
		g->out_durable = 0;
	if (fd < 0)
		return;
	ev_io_init(&g->sync_w, on_synced, fd, EV_READ);
	g->sync_w.data = g;
	ev_io_start(g->loop, &g->sync_w);
}

void
gw_release_clear(struct gw *g)
{
	if (ev_is_active(&g->sync_w))
		ev_io_stop(g->loop, &g->sync_w);
	free(g->acks);
	free(g->marks);
	g->acks = NULL;
	g->marks = NULL;
	g->ack_head = g->nacks = g->capacks = 0;
	g->mark_head = g->nmarks = g->capmarks = 0;
}
