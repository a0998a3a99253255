/* Fuzz target: the USSD HTTP request parser, through the real gateway. A
 * gateway is built once (conf_defaults, one SMSC on a closed loopback port
 * that only reconnects with backoff, an in-memory store, http.listen on an
 * ephemeral loopback port, a shared secret). Each input is written as raw
 * request bytes into one end of a socketpair whose other end is handed to
 * libmicrohttpd (http_add_connection), the write side is shut down, and the
 * libev loop runs (EVRUN_NOWAIT, bounded) until MHD closes the connection.
 * Properties: whatever comes back starts with an HTTP/1.x status line with a
 * code in 100..599; a 200 to POST /ussd says "CON " or "END ". */
#include <sys/socket.h>

#include <ev.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "conf/conf.h"
#include "gateway/gw.h"
#include "gateway/gw_internal.h"
#include "gateway/http.h"
#include "store/store.h"
#include "tests/fuzz/fuzz.h"

#define SECRET		"fuzz-secret"	/* the seeds' X-Lapak-Secret */
#define SPIN_MAX	4000		/* loop turns per input */
#define RESP_MAX	(64 * 1024)

static struct conf	 c;
static struct store	*st;
static struct ev_loop	*loop;
static struct gw	*g;
static char		 resp[RESP_MAX + 1];

static void
teardown(void)
{
	gw_free(g);
	store_close(st);
	ev_loop_destroy(loop);
}

static void
setup(void)
{
	char	err[1024];

	log_init(LOG_LVL_ERR, "fuzz_http");
	conf_defaults(&c);
	c.nsmsc = 1;
	conf_smsc_defaults(&c.smsc[0]);
	snprintf(c.smsc[0].name, sizeof(c.smsc[0].name), "fz");
	snprintf(c.smsc[0].host, sizeof(c.smsc[0].host), "127.0.0.1");
	c.smsc[0].port = 9;			/* discard: nobody listens */
	snprintf(c.smsc[0].system_id, sizeof(c.smsc[0].system_id), "fz");
	snprintf(c.smsc[0].password, sizeof(c.smsc[0].password), "pw");
	c.smsc[0].reconnect_min_ms = 60000;
	c.smsc[0].reconnect_max_ms = 60000;
	c.smsc[0].default_route = true;
	snprintf(c.store_path, sizeof(c.store_path), ":memory:");
	c.store_durable = false;
	c.mo_per_minute = 0;			/* every input gets the menus */
	snprintf(c.http_listen, sizeof(c.http_listen), "127.0.0.1:0");
	snprintf(c.http_secret, sizeof(c.http_secret), SECRET);
	if (store_open(&st, c.store_path, false, err, sizeof(err)) == -1) {
		fprintf(stderr, "store_open: %s\n", err);
		abort();
	}
	loop = ev_loop_new(EVFLAG_AUTO);
	if (loop == NULL ||
	    (g = gw_new(loop, &c, st, err, sizeof(err))) == NULL ||
	    g->http == NULL) {
		fprintf(stderr, "gw_new: %s\n", loop == NULL ? "no loop" : err);
		abort();
	}
	atexit(teardown);
}

static void
check_response(const char *r, size_t n, const uint8_t *data, size_t size)
{
	unsigned int	code;
	const char	*body;

	FUZZ_ASSERT(n >= 12);
	FUZZ_ASSERT(memcmp(r, "HTTP/1.", 7) == 0);
	FUZZ_ASSERT(r[7] >= '0' && r[7] <= '9' && r[8] == ' ');
	FUZZ_ASSERT(r[9] >= '1' && r[9] <= '5' && r[10] >= '0' &&
	    r[10] <= '9' && r[11] >= '0' && r[11] <= '9');
	code = (unsigned)(r[9] - '0') * 100 + (unsigned)(r[10] - '0') * 10 +
	    (unsigned)(r[11] - '0');
	/* The first request was a POST /ussd, answered 200: a USSD screen. */
	if (code == 200 && size > 11 && memcmp(data, "POST /ussd ", 11) == 0 &&
	    (body = strstr(r, "\r\n\r\n")) != NULL && body[4] != '\0')
		FUZZ_ASSERT(strncmp(body + 4, "CON ", 4) == 0 ||
		    strncmp(body + 4, "END ", 4) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t	 off = 0, n = 0;
	ssize_t	 k;
	int	 sv[2], i;
	bool	 wdone = false, eof = false;

	if (g == NULL)
		setup();
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1) {
		perror("socketpair");
		abort();
	}
	if (fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK) == -1) {
		perror("fcntl");
		abort();
	}
	if (http_add_connection(g->http, sv[1]) == -1) {
		close(sv[0]);
		return 0;		/* MHD refused it (and closed sv[1]) */
	}
	for (i = 0; i < SPIN_MAX && !eof; i++) {
		while (!wdone && off < size) {
			k = write(sv[0], data + off, size - off);
			if (k <= 0)
				break;
			off += (size_t)k;
		}
		if (!wdone && off == size) {
			shutdown(sv[0], SHUT_WR);
			wdone = true;
		}
		ev_run(loop, EVRUN_NOWAIT);
		for (;;) {
			k = n < RESP_MAX ? read(sv[0], resp + n, RESP_MAX - n) :
			    read(sv[0], resp, RESP_MAX);	/* drain, keep head */
			if (k > 0) {
				if (n < RESP_MAX)
					n += (size_t)k;
				continue;
			}
			if (k == 0 || (errno != EAGAIN && errno != EINTR))
				eof = true;
			break;
		}
	}
	close(sv[0]);
	/* Let MHD see the close and free the connection. */
	for (i = 0; i < 8; i++)
		ev_run(loop, EVRUN_NOWAIT);
	resp[n] = '\0';
	if (n > 0)
		check_response(resp, n, data, size);
	return 0;
}
