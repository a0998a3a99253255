/* lapak-web's HTTP server: libmicrohttpd with its own polling thread and a
 * small pool of worker threads, the route table, one read-only store
 * connection per worker, request limits and the headers of every page. */
#ifndef LAPAK_WEB_SERVER_H
#define LAPAK_WEB_SERVER_H
#include <stdbool.h>
#include <stddef.h>

#include "conf/conf.h"

struct web_server;

/* Opens cf->web_threads read-only connections to cf->store_path and
 * listens on cf->web_listen. Returns 0, or -1 with err set: *store (when
 * not NULL) tells whether the store was the cause. cf is borrowed and
 * must outlive the server. */
int	web_server_start(struct web_server **out, const struct conf *cf,
	    bool *store, char *err, size_t errlen);
/* Stops listening, waits for requests in flight, closes the connections.
 * NULL-safe. */
void	web_server_stop(struct web_server *s);

/* True when ip (text) is in list: comma-separated addresses or prefixes
 * ("10.0.0.0/8,192.168.1.7"); an empty list allows every address. */
bool	web_ip_allowed(const char *list, const char *ip);

#endif
