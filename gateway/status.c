/* One line on the gateway's state for the service manager's STATUS= (and
 * `systemctl status lapakd`): links bound of configured, the queued outbox. */
#include <stdio.h>

#include "gateway/gw_internal.h"
#include "gateway/smpp.h"
#include "store/msg.h"

size_t
gw_status(struct gw *g, char *buf, size_t len)
{
	int	i, bound = 0, n;

	for (i = 0; i < g->nlinks; i++)
		if (smpp_bound(g->links[i].smpp))
			bound++;
	n = snprintf(buf, len, "links bound %d/%d, outbox queued %lld",
	    bound, g->nlinks, (long long)msg_outbox_count(g->st, MSG_QUEUED));
	if (n < 0)
		return 0;
	return (size_t)n < len ? (size_t)n : len - 1;
}
