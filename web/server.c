/* lapak-web's server (server.h): libmicrohttpd's internal polling thread
 * with a thread pool; every request takes a read-only store connection of
 * its own from the pool for as long as it renders, never longer, so no
 * read transaction outlives a request and lapakd's WAL checkpoints are
 * never held back. */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>

#include "common/listen.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "web/auth.h"
#include "web/catalogue.h"
#include "web/officer.h"
#include "web/server.h"
#include "web/web.h"

#define WEB_CONN_MAX	512
#define WEB_TIMEOUT_S	15
#define WEB_MEM_LIMIT	(32 * 1024)	/* per connection: request line and
					 * headers must fit */
#define WEB_BODY_MAX	4096		/* a POSTed form */
#define WEB_FORM_MAX	16		/* fields of a form */

#define STR_(x)	#x
#define STR(x)	STR_(x)
static const char public_cache[] = "public, max-age=" STR(WEB_MAX_AGE);
static const char csp[] = "default-src 'none'; style-src 'unsafe-inline'; "
    "img-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";

/*
 * The route table: method, path prefix (exact when it does not end in
 * '/'), whether web.allow applies (officers' pages), and the handler.
 * A path that matches a route's prefix with another method gets 405.
 */
struct route {
	const char	*method;
	const char	*prefix;
	bool		 officer;
	web_handler	 fn;
};

static const struct route routes[] = {
	/* the public catalogue (issue 14, this file's part) */
	{ "GET", "/", false, web_home },
	{ "GET", "/p/", false, web_place },
	{ "GET", "/s/", false, web_shop },
	{ "GET", "/i/", false, web_item },
	{ "GET", "/cari", false, web_search },
	/* issue 14, officers' dashboard (web/officer.c): web.allow applies */
	{ "GET", "/login", true, web_login_get },
	{ "POST", "/login", true, web_login_post },
	{ "POST", "/logout", true, web_logout },
	{ "GET", "/dash", true, web_dash },
	{ "GET", "/dash/report", true, web_dash_report },
	{ "GET", "/dash/report.csv", true, web_dash_csv },
	{ "GET", "/dash/agents", true, web_dash_agents },
	{ "GET", "/dash/export", true, web_dash_export },
};
#define NROUTES	(sizeof(routes) / sizeof(routes[0]))

struct web_server {
	const struct conf	*cf;
	struct auth		*auth;	/* officers' sessions and limits */
	struct cat_counts	*counts;	/* the catalogue's, shared */
	struct MHD_Daemon	*d;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct store		**rd;	/* one per worker */
	bool			*busy;
	int			 nrd;
};

/* One request's state across MHD's calls: the whole URI's length (the
 * query string included, which the url MHD hands on_request lacks) and a
 * POST's body. Made by uri_seen() before the request is parsed. */
struct conn {
	size_t	 uri_len;
	bool	 started;	/* on_request has seen it */
	char	 body[WEB_BODY_MAX + 1];
	size_t	 len;
	bool	 too_big;
	/* the parsed form: names and values point into body */
	const char *name[WEB_FORM_MAX], *value[WEB_FORM_MAX];
	int	 nform;
	struct MHD_Connection *con;
};

/* ---- addresses ---- */

static bool
prefix_match(const char *item, const char *ip)
{
	unsigned char	a[16], b[16];
	char		 net[64], *slash;
	int		 fam, bits, full, i;
	size_t		 n;

	if (strlen(item) >= sizeof(net))
		return false;
	memcpy(net, item, strlen(item) + 1);
	slash = strchr(net, '/');
	if (slash != NULL)
		*slash = '\0';
	fam = strchr(net, ':') != NULL ? AF_INET6 : AF_INET;
	n = fam == AF_INET6 ? 16 : 4;
	if (inet_pton(fam, net, a) != 1 || inet_pton(fam, ip, b) != 1)
		return false;
	bits = slash != NULL ? atoi(slash + 1) : (int)n * 8;
	full = bits / 8;
	if (memcmp(a, b, (size_t)full) != 0)
		return false;
	if (bits % 8 != 0) {
		i = 0xff << (8 - bits % 8);
		if ((a[full] & i) != (b[full] & i))
			return false;
	}
	return true;
}

bool
web_ip_allowed(const char *list, const char *ip)
{
	char		 item[80];
	const char	*p = list, *comma;
	size_t		 n;

	if (list == NULL || list[0] == '\0')
		return true;
	while (*p != '\0') {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (n < sizeof(item)) {
			memcpy(item, p, n);
			item[n] = '\0';
			if (prefix_match(item, ip))
				return true;
		}
		p += n + (comma != NULL);
	}
	return false;
}

static void
peer_ip(struct MHD_Connection *con, char *buf, size_t len)
{
	const union MHD_ConnectionInfo *ci;
	const struct sockaddr	*sa;

	snprintf(buf, len, "0.0.0.0");
	ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || (sa = ci->client_addr) == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)
		    sa)->sin_addr, buf, (socklen_t)len);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
		    (const void *)sa)->sin6_addr, buf, (socklen_t)len);
}

/* ---- the store connections ---- */

static struct store *
reader_take(struct web_server *s, int *slot)
{
	int	i;

	pthread_mutex_lock(&s->mu);
	for (;;) {
		for (i = 0; i < s->nrd; i++)
			if (!s->busy[i])
				break;
		if (i < s->nrd)
			break;
		pthread_cond_wait(&s->cv, &s->mu);
	}
	s->busy[i] = true;
	pthread_mutex_unlock(&s->mu);
	*slot = i;
	return s->rd[i];
}

static void
reader_give(struct web_server *s, int slot)
{
	pthread_mutex_lock(&s->mu);
	s->busy[slot] = false;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* ---- forms and arguments ---- */

static int
unhex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes an application/x-www-form-urlencoded part in place. */
static void
form_decode(char *s)
{
	char	*o = s;
	int	 h, l;

	for (; *s != '\0'; s++) {
		if (*s == '+')
			*o++ = ' ';
		else if (*s == '%' && (h = unhex(s[1])) >= 0 &&
		    (l = unhex(s[2])) >= 0) {
			*o++ = (char)(h * 16 + l);
			s += 2;
		} else
			*o++ = *s;
	}
	*o = '\0';
}

static void
form_parse(struct conn *c)
{
	char	*p = c->body, *amp, *eq;

	c->body[c->len] = '\0';
	while (*p != '\0' && c->nform < WEB_FORM_MAX) {
		if ((amp = strchr(p, '&')) != NULL)
			*amp = '\0';
		if ((eq = strchr(p, '=')) != NULL) {
			*eq = '\0';
			form_decode(p);
			form_decode(eq + 1);
			c->name[c->nform] = p;
			c->value[c->nform++] = eq + 1;
		}
		if (amp == NULL)
			break;
		p = amp + 1;
	}
}

static const char *
req_arg(const struct web_req *r, const char *name)
{
	const struct conn	*c = r->conn;
	int			 i;

	for (i = 0; i < c->nform; i++)
		if (strcmp(c->name[i], name) == 0)
			return c->value[i];
	return MHD_lookup_connection_value(c->con, MHD_GET_ARGUMENT_KIND,
	    name);
}

/* ---- answering ---- */

static enum MHD_Result
respond(struct MHD_Connection *con, struct web_req *r)
{
	struct MHD_Response	*rs;
	enum MHD_Result		 ret;
	size_t			 len;
	char			*body = wbuf_take(&r->out, &len);
	char			 disp[160];

	rs = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (rs == NULL) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(rs, "Content-Type", r->content_type != NULL ?
	    r->content_type : "text/html; charset=utf-8");
	MHD_add_response_header(rs, "Content-Security-Policy", csp);
	MHD_add_response_header(rs, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(rs, "Referrer-Policy", "same-origin");
	MHD_add_response_header(rs, "X-Frame-Options", "DENY");
	MHD_add_response_header(rs, "Cache-Control", r->cache != NULL ?
	    r->cache : public_cache);
	if (r->location != NULL)
		MHD_add_response_header(rs, "Location", r->location);
	if (r->filename != NULL) {
		snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"",
		    r->filename);
		MHD_add_response_header(rs, "Content-Disposition", disp);
	}
	for (int i = 0; i < r->ncookie; i++)
		MHD_add_response_header(rs, "Set-Cookie", r->set_cookie[i]);
	if (r->status == 405)
		MHD_add_response_header(rs, "Allow", "GET, HEAD");
	ret = MHD_queue_response(con, (unsigned)r->status, rs);
	MHD_destroy_response(rs);
	return ret;
}

static const struct route *
route_find(const char *path, const char *method, bool *other_method)
{
	size_t	i, n;
	bool	head = strcmp(method, "HEAD") == 0;

	*other_method = false;
	for (i = 0; i < NROUTES; i++) {
		n = strlen(routes[i].prefix);
		if (routes[i].prefix[n - 1] == '/' && n > 1 ?
		    strncmp(path, routes[i].prefix, n) != 0 || path[n] == '\0' :
		    strcmp(path, routes[i].prefix) != 0)
			continue;
		if (strcmp(routes[i].method, method) == 0 ||
		    (head && strcmp(routes[i].method, "GET") == 0))
			return &routes[i];
		*other_method = true;
	}
	return NULL;
}

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *con, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct web_server	*s = cls;
	struct conn		*c = *con_cls;
	const struct route	*rt;
	struct web_req		 r;
	const char		*lang;
	char			 peer[64], ip[64];
	bool			 other;
	int			 slot = -1;
	double			 t0;
	enum MHD_Result		 ret;

	(void)version;
	if (c == NULL) {	/* uri_seen() always makes it; to be sure */
		c = xcalloc(1, sizeof(*c));
		c->uri_len = strlen(url);
		*con_cls = c;
	}
	if (!c->started) {
		c->started = true;
		c->con = con;
		/* Answer on the next call, never this first one: a response
		 * queued before the (even empty) body is read counts as an
		 * early answer to libmicrohttpd, which then closes the
		 * connection (Connection: close on every page: no
		 * keep-alive). The body of a POST comes next. */
		return MHD_YES;
	}
	if (*upload_data_size != 0) {
		if (c->len + *upload_data_size > WEB_BODY_MAX)
			c->too_big = true;
		else {
			memcpy(c->body + c->len, upload_data,
			    *upload_data_size);
			c->len += *upload_data_size;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	t0 = now_ms();
	memset(&r, 0, sizeof(r));
	r.cf = s->cf;
	r.method = method;
	r.path = url;
	r.arg = req_arg;
	r.conn = c;
	r.status = 200;
	lang = MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "lang");
	r.en = lang != NULL && strcmp(lang, "en") == 0;
	peer_ip(con, peer, sizeof(peer));
	auth_client_addr(s->auth, peer, MHD_lookup_connection_value(con,
	    MHD_HEADER_KIND, "X-Forwarded-For"), ip, sizeof(ip));
	r.client_ip = ip;
	r.auth = s->auth;
	r.counts = s->counts;
	r.cookies = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
	    "Cookie");
	if (c->uri_len > WEB_URL_MAX || strlen(url) > WEB_URL_MAX)
		web_page_error(&r, 414);
	else if (c->too_big)
		web_page_error(&r, 400);
	else if ((rt = route_find(url, method, &other)) == NULL)
		web_page_error(&r, other ? 405 : 404);
	else if (rt->officer && !web_ip_allowed(s->cf->web_allow, r.client_ip))
		web_page_error(&r, 403);
	else {
		if (strcmp(method, "POST") == 0)
			form_parse(c);
		r.rest = url + strlen(rt->prefix);
		r.rd = reader_take(s, &slot);
		r.status = rt->fn(&r);
		if (rt->officer)	/* the reports may have mapped it */
			catalogue_reader_unmap(r.rd);
		reader_give(s, slot);
	}
	log_debug("web method=%s path=%.80s status=%d ms=%.1f", method, url,
	    r.status, now_ms() - t0);
	ret = respond(con, &r);
	wbuf_free(&r.out);
	return ret;
}

/* MHD's URI log hook: called with the request's whole URI (path and
 * query) before anything else; what it returns is the request's con_cls. */
static void *
uri_seen(void *cls, const char *uri, struct MHD_Connection *con)
{
	struct conn	*c = xcalloc(1, sizeof(*c));

	(void)cls;
	c->uri_len = uri != NULL ? strlen(uri) : 0;
	c->con = con;
	return c;
}

static void
on_done(void *cls, struct MHD_Connection *con, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)con;
	(void)toe;
	free(*con_cls);
	*con_cls = NULL;
}

static void
on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char	msg[256];

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	msg[strcspn(msg, "\n")] = '\0';
	log_debug("web mhd: %s", msg);
}

static void
readers_close(struct web_server *s)
{
	int	i;

	for (i = 0; i < s->nrd; i++)
		store_close(s->rd[i]);
	free(s->rd);
	free(s->busy);
}

/* The officers' login state from the web.* keys: cookies Secure behind
 * an https base URL, X-Forwarded-For believed from web.trusted_proxy. */
static struct auth *
auth_start(const struct conf *cf, char *err, size_t errlen)
{
	struct auth_conf	 ac;
	char			 list[sizeof(cf->web_trusted_proxy)];
	const char		*proxy[AUTH_MAX_PROXIES];
	char			*p, *save = NULL;
	int			 n = 0;

	memset(&ac, 0, sizeof(ac));
	ac.secure = auth_https(cf->web_base_url);
	snprintf(list, sizeof(list), "%s", cf->web_trusted_proxy);
	for (p = strtok_r(list, ", ", &save); p != NULL && n <
	    AUTH_MAX_PROXIES; p = strtok_r(NULL, ", ", &save))
		proxy[n++] = p;
	ac.trusted_proxy = proxy;
	ac.ntrusted = n;
	return auth_new(&ac, err, errlen);
}

int
web_server_start(struct web_server **out, const struct conf *cf,
    bool *store, char *err, size_t errlen)
{
	struct web_server	*s = xcalloc(1, sizeof(*s));
	struct sockaddr_storage	 ss;
	struct sockaddr		*sa;
	int			 port, i, v6;

	*out = NULL;
	if (store != NULL)
		*store = false;
	s->cf = cf;
	s->nrd = cf->web_threads > 0 ? cf->web_threads : 1;
	s->rd = xcalloc((size_t)s->nrd, sizeof(struct store *));
	s->busy = xcalloc((size_t)s->nrd, sizeof(*s->busy));
	for (i = 0; i < s->nrd; i++)
		if (store_open_reader(&s->rd[i], cf->store_path, err,
		    errlen) == -1) {
			if (store != NULL)
				*store = true;
			goto fail;
		}
	if (listen_addr("web.listen", cf->web_listen, &ss, &v6, err,
	    errlen) == -1)
		goto fail;
	port = ntohs(v6 ? ((struct sockaddr_in6 *)(void *)&ss)->sin6_port :
	    ((struct sockaddr_in *)(void *)&ss)->sin_port);
	sa = (struct sockaddr *)&ss;
	if ((s->auth = auth_start(cf, err, errlen)) == NULL)
		goto fail;
	s->counts = cat_counts_new(WEB_MAX_AGE, NULL);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_AUTO | MHD_USE_ERROR_LOG | (sa->sa_family == AF_INET6 ?
	    MHD_USE_IPv6 : 0), (uint16_t)port, NULL, NULL, on_request, s,
	    MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s,
	    MHD_OPTION_SOCK_ADDR, sa,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)s->nrd,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)WEB_CONN_MAX,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)WEB_TIMEOUT_S,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)WEB_MEM_LIMIT,
	    MHD_OPTION_NOTIFY_COMPLETED, on_done, s,
	    MHD_OPTION_URI_LOG_CALLBACK, uri_seen, s,
	    MHD_OPTION_END);
	if (s->d == NULL) {
		snprintf(err, errlen, "web.listen %s: cannot listen (address "
		    "in use?)", cf->web_listen);
		pthread_mutex_destroy(&s->mu);
		pthread_cond_destroy(&s->cv);
		goto fail;
	}
	*out = s;
	return 0;
fail:
	auth_free(s->auth);
	cat_counts_free(s->counts);
	readers_close(s);
	free(s);
	return -1;
}

void
web_server_stop(struct web_server *s)
{
	if (s == NULL)
		return;
	MHD_stop_daemon(s->d);
	auth_free(s->auth);
	cat_counts_free(s->counts);
	readers_close(s);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	free(s);
}
