/* The gateway core: links to SMSCs, the group-committed inbound batch, the
 * outbound pump over the durable outbox, USSD over SMPP and HTTP, and
 * periodic housekeeping. It wires smpp.c (transport), store/ (durability)
 * and a handler (what replies say). lapakd's main.c sees only this. */
#ifndef LAPAK_GW_H
#define LAPAK_GW_H
#include <stdbool.h>
#include <stdint.h>

struct ev_loop;
struct conf;
struct store;
struct gw;

/* Takes nothing: c and st are borrowed and must outlive the gateway. */
struct gw *gw_new(struct ev_loop *loop, const struct conf *c, struct store *st,
	    char *err, size_t errlen);
void	gw_free(struct gw *g);
/* SIGTERM: stop taking MOs, drain in-flight submits for conf drain_ms, unbind.
 * gw_done() turns true when every link is closed. */
void	gw_shutdown(struct gw *g);
bool	gw_done(const struct gw *g);
/* The store could not flush a commit to disk: the gateway has stopped the
 * loop without acknowledging what it held, and lapakd must exit non-zero. */
bool	gw_failed(const struct gw *g);
/* SIGHUP: swap in a new valid config. Returns 0, or -1 with err filled
 * when it cannot be applied (nothing changed then). c is borrowed: it must
 * stay alive while gw_uses_conf(g, c) is true. */
int	gw_reload(struct gw *g, const struct conf *c, char *err, size_t errlen);
/* True while anything of the gateway still points into c: it is the current
 * config, or an SMPP link still runs on (or will adopt) one of its smsc
 * entries. Links adopt a new config at their next connect, so an old one
 * may stay in use until then; configs never adopted are free at once. */
bool	gw_uses_conf(const struct gw *g, const struct conf *c);

/* Counters in the Prometheus text format (GET /metrics): messages, commits,
 * outbox by state, and per link bound/window/throughput/errors. Returns the
 * length written (truncated to len-1). */
size_t	gw_metrics(struct gw *g, char *buf, size_t len);

/* issue 15, systemd: "links bound B/N, outbox queued Q" into buf (cut to
 * len-1) for STATUS= (gateway/status.c); returns the length written. */
size_t	gw_status(struct gw *g, char *buf, size_t len);

#endif
