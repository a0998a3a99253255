/* USSD over HTTP with libmicrohttpd inside the libev loop: MHD runs in epoll
 * mode with no thread of its own; its epoll fd is watched by an ev_io and
 * its timeouts by an ev_timer, so every request is handled on the loop's
 * thread, inside its own store transaction, like an SMPP hop. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "common/listen.h"
#include "common/log.h"
#include "common/phone.h"
#include "common/xalloc.h"
#include "gateway/dispatch.h"
#include "gateway/gw_internal.h"
#include "gateway/http.h"
#include "gateway/mt.h"
#include "gateway/txn.h"
#include "gateway/ussd.h"
#include "store/msg.h"
#include "store/ussd.h"

#define HTTP_CONN_MAX	256
#define HTTP_TIMEOUT_S	10
#define FIELD_MAX	192

struct http {
	struct gw		*g;
	struct MHD_Daemon	*d;
	ev_io			 io;
	ev_timer		 t;
	uint64_t		 n_req;
};

/* One request being read. */
struct req {
	struct MHD_PostProcessor *pp;
	size_t			 body;		/* bytes seen */
	bool			 too_big;
	char			 session[FIELD_MAX];
	char			 service[FIELD_MAX];
	char			 phone[FIELD_MAX];
	char			 text[FIELD_MAX];
};

static void	http_kick(struct http *h);

static bool
allowed(const struct conf *c, const struct sockaddr *sa)
{
	char		 ip[INET6_ADDRSTRLEN] = "";
	const char	*p = c->http_allow, *e;
	size_t		 n;

	if (c->http_allow[0] == '\0')
		return true;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)
		    sa)->sin_addr, ip, sizeof(ip));
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)
		    sa)->sin6_addr, ip, sizeof(ip));
	while (*p != '\0') {
		while (*p == ',' || *p == ' ')
			p++;
		for (e = p; *e != '\0' && *e != ','; e++)
			;
		n = (size_t)(e - p);
		if (n > 0 && n == strlen(ip) && strncmp(p, ip, n) == 0)
			return true;
		p = e;
	}
	return false;
}

static enum MHD_Result
on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
	struct http	*h = cls;

	(void)addrlen;
	if (!allowed(h->g->c, addr)) {
		log_warnx("http refused: source not in http.allow");
		return MHD_NO;
	}
	return MHD_YES;
}

static void
field_add(char *dst, size_t dstsz, const char *data, uint64_t off,
    size_t size)
{
	size_t	have = strlen(dst);

	if (off != have || have + size + 1 > dstsz)
		size = have < dstsz - 1 ? (dstsz - 1 - have < size ?
		    dstsz - 1 - have : size) : 0;
	memcpy(dst + have, data, size);
	dst[have + size] = '\0';
}

static enum MHD_Result
on_field(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *filename, const char *content_type,
    const char *transfer_encoding, const char *data, uint64_t off,
    size_t size)
{
	struct req	*r = cls;

	(void)kind;
	(void)filename;
	(void)content_type;
	(void)transfer_encoding;
	if (strcmp(key, "sessionId") == 0)
		field_add(r->session, sizeof(r->session), data, off, size);
	else if (strcmp(key, "serviceCode") == 0)
		field_add(r->service, sizeof(r->service), data, off, size);
	else if (strcmp(key, "phoneNumber") == 0)
		field_add(r->phone, sizeof(r->phone), data, off, size);
	else if (strcmp(key, "text") == 0)
		field_add(r->text, sizeof(r->text), data, off, size);
	return MHD_YES;
}

static enum MHD_Result
answer(struct MHD_Connection *con, unsigned int status, const char *body)
{
	struct MHD_Response	*rs;
	enum MHD_Result		 ret;

	rs = MHD_create_response_from_buffer(strlen(body), (void *)(uintptr_t)body,
	    MHD_RESPMEM_MUST_COPY);
	if (rs == NULL)
		return MHD_NO;
	MHD_add_response_header(rs, "Content-Type", "text/plain; charset=utf-8");
	ret = MHD_queue_response(con, status, rs);
	MHD_destroy_response(rs);
	return ret;
}

/* Constant time for equal lengths. */
static bool
secret_ok(const char *want, const char *got)
{
	size_t		 n = strlen(want), i;
	unsigned char	 d = 0;

	if (want[0] == '\0')
		return true;
	if (got == NULL || strlen(got) != n)
		return false;
	for (i = 0; i < n; i++)
		d |= (unsigned char)(want[i] ^ got[i]);
	return d == 0;
}

/* One USSD request in its own transaction; the answer only after commit. */
static enum MHD_Result
ussd_request(struct http *h, struct MHD_Connection *con, struct req *r)
{
	struct gw		*g = h->g;
	struct mo_ctx		 m = { .g = g, .link = -1 };
	struct mo_hop		 hop;
	struct msg_in		 in;
	char			 key[USSD_KEY_MAX], who[LOG_MSISDN_LEN];
	char			 body[1200];
	double			 t0 = ev_time();

	m.now_ms = gw_now_ms(g);
	if (r->session[0] == '\0' || r->phone[0] == '\0')
		return answer(con, MHD_HTTP_BAD_REQUEST,
		    "END sessionId and phoneNumber are required");
	memset(&in, 0, offsetof(struct msg_in, text));
	if (phone_e164(r->phone, g->c->country_code, false, in.src,
	    sizeof(in.src)) == -1)
		return answer(con, MHD_HTTP_BAD_REQUEST,
		    "END phoneNumber is not a phone number");
	snprintf(key, sizeof(key), "http/%.80s", r->session);
	snprintf(in.link, sizeof(in.link), "http");
	snprintf(in.dst, sizeof(in.dst), "%s", r->service);
	in.kind = MSG_USSD;
	in.received_ms = m.now_ms;
	hop.key = key;
	hop.input = r->text;
	hop.start = r->text[0] == '\0';
	hop.abort = false;
	hop.joined = true;
	hop.sid = -1;
	hop.seq = 0;
	/* In the loop's transaction; the answer tells the user what
	 * happened, so it waits until that is committed and on disk. */
	if (gw_txn(g) == -1 || dispatch_mo(&m, &in, NULL, &hop) == -1)
		return answer(con, MHD_HTTP_SERVICE_UNAVAILABLE,
		    "END Sistem sibuk, coba lagi.");
	if (gw_commit(g, true) == -1 || store_sync_now(g->st) == -1) {
		gw_release(g);		/* a failed flush stops lapakd */
		return answer(con, MHD_HTTP_SERVICE_UNAVAILABLE,
		    "END Sistem sibuk, coba lagi.");
	}
	gw_release(g);
	h->n_req++;
	log_info("ussd id=%lld from=%s link=http end=%d ms=%.1f",
	    (long long)m.inbox_id, log_msisdn(in.src, who, sizeof(who)),
	    hop.scr.end, (ev_time() - t0) * 1000.0);
	snprintf(body, sizeof(body), "%s %s", hop.scr.end ? "END" : "CON",
	    hop.scr.text);
	gw_pump(g);	/* notifications and the receipt go out now */
	return answer(con, MHD_HTTP_OK, body);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *con, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct http	*h = cls;
	struct req	*r = *con_cls;

	(void)version;
	if (r == NULL) {
		if (strcmp(method, "GET") == 0 && strcmp(url, "/health") == 0)
			return answer(con, MHD_HTTP_OK, "ok\n");
		if (strcmp(method, "GET") == 0 && (strcmp(url, "/metrics") == 0 ||
		    strcmp(url, "/status") == 0)) {
			char	m[8192];

			if (!secret_ok(h->g->c->http_secret,
			    MHD_lookup_connection_value(con, MHD_HEADER_KIND,
			    HTTP_SECRET_HDR)))
				return answer(con, MHD_HTTP_FORBIDDEN, "forbidden\n");
			gw_metrics(h->g, m, sizeof(m));
			return answer(con, MHD_HTTP_OK, m);
		}
		if (strcmp(url, "/ussd") != 0)
			return answer(con, MHD_HTTP_NOT_FOUND, "not found\n");
		if (strcmp(method, "POST") != 0)
			return answer(con, MHD_HTTP_METHOD_NOT_ALLOWED,
			    "POST only\n");
		if (!secret_ok(h->g->c->http_secret, MHD_lookup_connection_value(
		    con, MHD_HEADER_KIND, HTTP_SECRET_HDR))) {
			log_warnx("http refused: wrong or missing "
			    HTTP_SECRET_HDR);
			return answer(con, MHD_HTTP_FORBIDDEN, "forbidden\n");
		}
		r = xcalloc(1, sizeof(*r));
		r->pp = MHD_create_post_processor(con, 1024, on_field, r);
		*con_cls = r;
		if (r->pp == NULL)
			return answer(con, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
			    "form data (application/x-www-form-urlencoded) "
			    "expected\n");
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		r->body += *upload_data_size;
		if (r->body > HTTP_BODY_MAX)
			r->too_big = true;
		else if (r->pp != NULL)
			MHD_post_process(r->pp, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (r->pp == NULL)
		return MHD_YES;		/* answered already */
	if (r->too_big)
		return answer(con, MHD_HTTP_CONTENT_TOO_LARGE,
		    "END request too large\n");
	return ussd_request(h, con, r);
}

static void
on_done(void *cls, struct MHD_Connection *con, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct req	*r = *con_cls;

	(void)cls;
	(void)con;
	(void)toe;
	if (r == NULL)
		return;
	if (r->pp != NULL)
		MHD_destroy_post_processor(r->pp);
	free(r);
	*con_cls = NULL;
}

static void
on_io(struct ev_loop *loop, ev_io *w, int revents)
{
	struct http	*h = w->data;

	(void)loop;
	(void)revents;
	http_kick(h);
}

static void
on_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct http	*h = w->data;

	(void)loop;
	(void)revents;
	http_kick(h);
}

/* Lets MHD work, then arms the timer for its next deadline. */
static void
http_kick(struct http *h)
{
	MHD_UNSIGNED_LONG_LONG	ms;
	double			after = 1.0;

	MHD_run(h->d);
	if (MHD_get_timeout(h->d, &ms) == MHD_YES)
		after = ms == 0 ? 0.0005 : (double)ms / 1000.0;
	ev_timer_stop(h->g->loop, &h->t);
	ev_timer_set(&h->t, after, 0.0);
	ev_timer_start(h->g->loop, &h->t);
}

int
http_new(struct gw *g, struct http **out, char *err, size_t errlen)
{
	const struct conf	*c = g->c;
	const union MHD_DaemonInfo *di;
	struct sockaddr_storage	 ss;
	struct sockaddr		*sa;
	struct http		*h;
	int			 port, v6;

	*out = NULL;
	if (c->http_listen[0] == '\0')
		return 0;
	if (listen_addr("http.listen", c->http_listen, &ss, &v6, err,
	    errlen) == -1)
		return -1;
	port = ntohs(v6 ? ((struct sockaddr_in6 *)(void *)&ss)->sin6_port :
	    ((struct sockaddr_in *)(void *)&ss)->sin_port);
	sa = (struct sockaddr *)&ss;
	h = xcalloc(1, sizeof(*h));
	h->g = g;
	h->d = MHD_start_daemon(MHD_USE_EPOLL | (sa->sa_family == AF_INET6 ?
	    MHD_USE_IPv6 : 0), (uint16_t)port, on_accept, h, on_request, h,
	    MHD_OPTION_SOCK_ADDR, sa,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)HTTP_CONN_MAX,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)HTTP_TIMEOUT_S,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
	    MHD_OPTION_NOTIFY_COMPLETED, on_done, h,
	    MHD_OPTION_END);
	if (h->d == NULL) {
		snprintf(err, errlen, "http.listen %s: cannot listen (address in "
		    "use?)", c->http_listen);
		free(h);
		return -1;
	}
	if ((di = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_EPOLL_FD)) == NULL) {
		snprintf(err, errlen, "http: libmicrohttpd without epoll");
		MHD_stop_daemon(h->d);
		free(h);
		return -1;
	}
	ev_io_init(&h->io, on_io, di->epoll_fd, EV_READ);
	h->io.data = h;
	ev_io_start(g->loop, &h->io);
	ev_timer_init(&h->t, on_timer, 0.0, 0.0);
	h->t.data = h;
	http_kick(h);
	log_info("http listening on %s", c->http_listen);
	/* issue 15, operators: the override for test rigs, loudly */
	if (!conf_http_loopback(c->http_listen) && c->http_secret[0] == '\0' &&
	    c->http_allow[0] == '\0')
		log_warnx("http INSECURE: %s is reachable from other hosts "
		    "with neither http.secret nor http.allow (http.insecure = "
		    "true): anyone there can act as any phone number through "
		    "POST /ussd; never in production", c->http_listen);
	*out = h;
	return 0;
}

void
http_free(struct http *h)
{
	if (h == NULL)
		return;
	ev_io_stop(h->g->loop, &h->io);
	ev_timer_stop(h->g->loop, &h->t);
	MHD_stop_daemon(h->d);
	free(h);
}

int
http_add_connection(struct http *h, int fd)
{
	struct sockaddr_in	sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (MHD_add_connection(h->d, fd, (const struct sockaddr *)&sin,
	    sizeof(sin)) != MHD_YES)
		return -1;
	http_kick(h);
	return 0;
}
