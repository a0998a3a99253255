/* The embedded HTTP server (libmicrohttpd), off unless http.listen is set:
 * POST /ussd in the aggregators' convention (form fields sessionId,
 * serviceCode, phoneNumber, text; answers "CON ..." / "END ..."), GET
 * /health. Runs in the gateway's libev loop, single-threaded: MHD in epoll
 * mode without threads, an ev_io on its epoll fd and a timer from
 * MHD_get_timeout(). Requests are bounded in size and count; an optional
 * shared secret (X-Lapak-Secret header) and source allow-list guard
 * against forged callbacks. */
#ifndef LAPAK_HTTP_H
#define LAPAK_HTTP_H
#include <stddef.h>

struct gw;
struct http;

#define HTTP_BODY_MAX	4096	/* request body bytes */
#define HTTP_SECRET_HDR	"X-Lapak-Secret"

/* Starts the server when g's conf has http.listen; *out stays NULL when it
 * is off. Returns 0, or -1 with err (cannot listen, bad address). */
int	http_new(struct gw *g, struct http **out, char *err, size_t errlen);
void	http_free(struct http *h);	/* NULL ok */
/* Test hook (tests/fuzz/fuzz_http.c): hands an already-connected socket to
 * MHD as if accepted from 127.0.0.1, then lets MHD run. Returns 0, or -1
 * (MHD has then closed fd). */
int	http_add_connection(struct http *h, int fd);

#endif
