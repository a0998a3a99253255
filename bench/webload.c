/* webload: an open-loop HTTP/1.1 load generator for make bench-web. Requests
 * are due at fixed times (RATE per second) whatever the server answers, and
 * each one's latency runs from its due time to the end of its response, so
 * queueing in the server or in the pool is measured, never hidden. */
#define _GNU_SOURCE	/* strcasestr */
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define HEAD_MAX	16384	/* status line and headers of one response */
#define LINE_MAX_	256	/* a chunk-size or trailer line */
#define REQ_MAX		2300	/* one request's text */
#define PATH_MAX_	2000
#define NO_REQ		UINT32_MAX
#define CONNECT_BACKOFF_US 10000

/* What became of one request. */
enum outcome {
	OUT_WAITING,	/* due, not yet answered */
	OUT_OK,		/* a 2xx response, whole */
	OUT_NON2XX,	/* a whole response of another status */
	OUT_RESET,	/* the connection broke before the response ended */
	OUT_TIMEOUT,	/* no whole response within the timeout */
	OUT_BAD		/* a response we could not parse */
};

/* Response parser states. */
enum pstate {
	P_HEAD, P_LEN, P_CSIZE, P_CDATA, P_CCRLF, P_TRAILER, P_EOF, P_DONE
};

struct conn {
	int		 fd;
	bool		 connecting;
	bool		 reused;	/* has carried a whole exchange */
	uint32_t	 req;		/* in flight, or NO_REQ when idle */
	bool		 got_bytes;	/* of the current response */
	uint32_t	 events;	/* asked of epoll now */
	char		 out[REQ_MAX];
	size_t		 outlen, outoff;
	enum pstate	 ps;
	char		 head[HEAD_MAX];
	size_t		 headlen;
	char		 line[LINE_MAX_];
	size_t		 linelen;
	uint64_t	 left;		/* body or chunk bytes to come */
	int		 status;
	bool		 close_after;
	struct conn	*next_idle;
};

struct req {
	uint32_t	 lat_us;	/* due time to whole response */
	uint32_t	 lag_us;	/* due time to written: the generator's
					 * own delay and the wait for a connection */
	uint8_t		 outcome;	/* enum outcome */
	uint8_t		 retried;
	uint16_t	 status;
};

struct run {
	/* options */
	double		 rate, seconds, warmup, timeout;
	int		 maxconn, initconn;
	unsigned long	 seed;		/* 0: round robin over the list */
	const char	*host, *port, *hosthdr, *logpath, *name;
	const char	*extra;		/* one more header line, or "" */
	char		**paths;
	size_t		 npaths;
	/* state */
	struct sockaddr_storage addr;
	socklen_t	 addrlen;
	int		 ep, tfd;
	uint64_t	 armed_us;	/* the timer's time */
	uint64_t	 t0;		/* due time of request 0 */
	uint32_t	 nreq, nwarm;	/* all requests; the first nwarm are warm-up */
	uint32_t	 ndue;		/* requests due so far */
	struct req	*reqs;
	uint32_t	*queue;		/* due, waiting for a connection (a ring) */
	uint32_t	 qhead, qlen;
	struct conn	**conns;
	int		 nconn, nconnecting, maxseen;
	struct conn	*idle;
	uint64_t	 connect_after;
	bool		 connect_failing;	/* one attempt at a time */
	/* counts */
	uint64_t	 late_cap, connect_err, retries, opened;
	uint64_t	 sent_measured;
	uint64_t	 last_done_us;
	uint64_t	 stall_us;	/* the longest gap between two turns of
					 * the loop while requests came due */
};

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static uint64_t
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* Due time of request i, in microseconds of CLOCK_MONOTONIC. */
static uint64_t
due_us(const struct run *r, uint32_t i)
{
	return r->t0 + (uint64_t)((double)i * 1e6 / r->rate);
}

static void *
xcalloc_(size_t n, size_t sz)
{
	void	*p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL) {
		fprintf(stderr, "webload: out of memory\n");
		exit(3);
	}
	return p;
}

/* The list index of request i: round robin, or a seeded pick that is the
 * same for the same seed and index. */
static size_t
pick_path(const struct run *r, uint32_t i)
{
	uint64_t	x;

	if (r->seed == 0)
		return i % r->npaths;
	x = ((uint64_t)r->seed << 32) ^ i;
	/* splitmix64's finaliser */
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	x ^= x >> 31;
	return (size_t)(x % r->npaths);
}

static int
load_paths(struct run *r, const char *file)
{
	FILE	*fp;
	char	 buf[PATH_MAX_ + 2];
	size_t	 cap = 0, n;
	long	 line = 0;

	if ((fp = fopen(file, "r")) == NULL) {
		fprintf(stderr, "webload: %s: %s\n", file, strerror(errno));
		return -1;
	}
	while (fgets(buf, sizeof(buf), fp) != NULL) {
		line++;
		n = strlen(buf);
		if (n > 0 && buf[n - 1] != '\n' && !feof(fp)) {
			fprintf(stderr, "webload: %s:%ld: line too long\n",
			    file, line);
			fclose(fp);
			return -1;
		}
		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' ||
		    buf[n - 1] == ' '))
			buf[--n] = '\0';
		if (n == 0 || buf[0] == '#')
			continue;
		if (buf[0] != '/' || strpbrk(buf, " \t") != NULL) {
			fprintf(stderr, "webload: %s:%ld: not a path "
			    "(one /path?query a line, no spaces)\n", file, line);
			fclose(fp);
			return -1;
		}
		if (r->npaths == cap) {
			cap = cap ? cap * 2 : 256;
			r->paths = realloc(r->paths, cap * sizeof(*r->paths));
			if (r->paths == NULL) {
				fprintf(stderr, "webload: out of memory\n");
				exit(3);
			}
		}
		r->paths[r->npaths] = strdup(buf);
		if (r->paths[r->npaths] == NULL) {
			fprintf(stderr, "webload: out of memory\n");
			exit(3);
		}
		r->npaths++;
	}
	fclose(fp);
	if (r->npaths == 0) {
		fprintf(stderr, "webload: %s: no paths\n", file);
		return -1;
	}
	return 0;
}

static void
conn_free(struct run *r, struct conn *c)
{
	int	 i;
	struct conn **pp;

	for (pp = &r->idle; *pp != NULL; pp = &(*pp)->next_idle)
		if (*pp == c) {
			*pp = c->next_idle;
			break;
		}
	for (i = 0; i < r->nconn; i++)
		if (r->conns[i] == c) {
			r->conns[i] = r->conns[--r->nconn];
			break;
		}
	if (c->connecting)
		r->nconnecting--;
	epoll_ctl(r->ep, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	free(c);
}

static void
finish_req(struct run *r, uint32_t i, enum outcome o, int status)
{
	uint64_t	t = now_us(), lat = t - due_us(r, i);
	struct req	*q = &r->reqs[i];

	if (q->outcome != OUT_WAITING)
		return;
	q->outcome = (uint8_t)o;
	q->status = (uint16_t)status;
	q->lat_us = lat > UINT32_MAX ? UINT32_MAX : (uint32_t)lat;
	if (i >= r->nwarm && (o == OUT_OK || o == OUT_NON2XX))
		r->last_done_us = t;
}

static void
queue_push_front(struct run *r, uint32_t i)
{
	r->qhead = (r->qhead + r->nreq - 1) % r->nreq;
	r->queue[r->qhead] = i;
	r->qlen++;
}

/* The connection broke: its request is retried once on another connection
 * when nothing of its response came on a connection the server may have
 * closed as idle (the keep-alive race every client meets), else a reset. */
static void
conn_broken(struct run *r, struct conn *c)
{
	uint32_t	i = c->req;

	if (i != NO_REQ) {
		if (c->reused && !c->got_bytes && !r->reqs[i].retried) {
			r->reqs[i].retried = 1;
			r->retries++;
			queue_push_front(r, i);
		} else
			finish_req(r, i, OUT_RESET, 0);
	}
	conn_free(r, c);
}

static int
conn_open(struct run *r)
{
	struct conn	*c;
	struct epoll_event ev;
	int		 fd, one = 1;

	fd = socket(r->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0);
	if (fd == -1) {
		r->connect_err++;
		r->connect_failing = true;
		r->connect_after = now_us() + CONNECT_BACKOFF_US;
		return -1;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(fd, (struct sockaddr *)&r->addr, r->addrlen) == -1 &&
	    errno != EINPROGRESS) {
		close(fd);
		r->connect_err++;
		r->connect_failing = true;
		r->connect_after = now_us() + CONNECT_BACKOFF_US;
		return -1;
	}
	c = xcalloc_(1, sizeof(*c));
	c->fd = fd;
	c->connecting = true;
	c->req = NO_REQ;
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
	ev.data.ptr = c;
	c->events = ev.events;
	if (epoll_ctl(r->ep, EPOLL_CTL_ADD, fd, &ev) == -1) {
		close(fd);
		free(c);
		r->connect_err++;
		return -1;
	}
	r->conns[r->nconn++] = c;
	r->nconnecting++;
	r->opened++;
	if (r->nconn > r->maxseen)
		r->maxseen = r->nconn;
	return 0;
}

static void
set_events(struct run *r, struct conn *c, uint32_t events)
{
	struct epoll_event ev;

	if (c->events == events)
		return;		/* a syscall per request saved */
	memset(&ev, 0, sizeof(ev));
	ev.events = events;
	ev.data.ptr = c;
	c->events = events;
	epoll_ctl(r->ep, EPOLL_CTL_MOD, c->fd, &ev);
}

/* Writes what is left of the request; -1 when the connection broke. */
static int
conn_flush(struct run *r, struct conn *c)
{
	ssize_t	n;

	while (c->outoff < c->outlen) {
		n = send(c->fd, c->out + c->outoff, c->outlen - c->outoff,
		    MSG_NOSIGNAL);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN) {
			set_events(r, c, EPOLLIN | EPOLLOUT | EPOLLRDHUP);
			return 0;
		}
		if (n <= 0)
			return -1;
		c->outoff += (size_t)n;
	}
	set_events(r, c, EPOLLIN | EPOLLRDHUP);
	return 0;
}

static void
conn_start(struct run *r, struct conn *c, uint32_t i)
{
	int	n;

	c->req = i;
	c->got_bytes = false;
	c->ps = P_HEAD;
	c->headlen = 0;
	c->linelen = 0;
	c->status = 0;
	c->close_after = false;
	n = snprintf(c->out, sizeof(c->out), "GET %s HTTP/1.1\r\nHost: %s\r\n"
	    "User-Agent: lapak-webload\r\nAccept: */*\r\n%s%s\r\n",
	    r->paths[pick_path(r, i)], r->hosthdr, r->extra,
	    *r->extra != '\0' ? "\r\n" : "");
	c->outlen = n < 0 || (size_t)n >= sizeof(c->out) ? 0 : (size_t)n;
	c->outoff = 0;
	if (i >= r->nwarm) {
		uint64_t lag = now_us() - due_us(r, i);

		r->sent_measured++;
		r->reqs[i].lag_us = lag > UINT32_MAX ? UINT32_MAX :
		    (uint32_t)lag;
	}
	if (conn_flush(r, c) == -1)
		conn_broken(r, c);
}

static void
make_idle(struct run *r, struct conn *c)
{
	c->req = NO_REQ;
	c->next_idle = r->idle;
	r->idle = c;
}

/* Hands waiting requests to idle connections, and opens connections when
 * all are busy, up to the cap. */
static void
dispatch(struct run *r)
{
	struct conn	*c;
	uint64_t	 t;

	while (r->qlen > 0 && r->idle != NULL) {
		uint32_t	i = r->queue[r->qhead];

		r->qhead = (r->qhead + 1) % r->nreq;
		r->qlen--;
		c = r->idle;
		r->idle = c->next_idle;
		conn_start(r, c, i);
	}
	if (r->qlen == 0)
		return;
	t = now_us();
	while (r->nconnecting < (int)r->qlen && r->nconn < r->maxconn &&
	    t >= r->connect_after &&
	    (!r->connect_failing || r->nconnecting == 0))
		if (conn_open(r) == -1)
			break;
}

static bool
header_is(const char *line, const char *name, const char **val)
{
	size_t	n = strlen(name);

	if (strncasecmp(line, name, n) != 0 || line[n] != ':')
		return false;
	*val = line + n + 1;
	while (**val == ' ' || **val == '\t')
		(*val)++;
	return true;
}

/* Parses the status line and headers in c->head; sets the body state. */
static int
parse_head(struct conn *c)
{
	char		*line, *save = NULL, *end;
	const char	*v;
	bool		 chunked = false, http10, have_len = false;
	unsigned long long len = 0;

	c->head[c->headlen] = '\0';
	line = strtok_r(c->head, "\r\n", &save);
	if (line == NULL || strncmp(line, "HTTP/1.", 7) != 0 ||
	    !isdigit((unsigned char)line[7]) || line[8] != ' ' ||
	    !isdigit((unsigned char)line[9]) ||
	    !isdigit((unsigned char)line[10]) ||
	    !isdigit((unsigned char)line[11]))
		return -1;
	http10 = line[7] == '0';
	c->status = (line[9] - '0') * 100 + (line[10] - '0') * 10 +
	    (line[11] - '0');
	c->close_after = http10;
	while ((line = strtok_r(NULL, "\r\n", &save)) != NULL) {
		if (header_is(line, "Content-Length", &v)) {
			errno = 0;
			len = strtoull(v, &end, 10);
			if (errno != 0 || end == v)
				return -1;
			have_len = true;
		} else if (header_is(line, "Transfer-Encoding", &v)) {
			if (strcasestr(v, "chunked") != NULL)
				chunked = true;
		} else if (header_is(line, "Connection", &v)) {
			if (strcasestr(v, "close") != NULL)
				c->close_after = true;
			else if (strcasestr(v, "keep-alive") != NULL)
				c->close_after = false;
		}
	}
	if (c->status < 200 && c->status >= 100)
		return -1;	/* 1xx: not asked for (no Expect sent) */
	if (c->status == 204 || c->status == 304)
		c->ps = P_DONE;
	else if (chunked) {
		c->ps = P_CSIZE;
		c->linelen = 0;
	} else if (have_len) {
		c->left = len;
		c->ps = len == 0 ? P_DONE : P_LEN;
	} else {
		c->ps = P_EOF;
		c->close_after = true;
	}
	return 0;
}

/* Feeds received bytes to the response parser: 1 when the response is
 * whole, 0 when more is needed, -1 on a malformed response. */
static int
feed(struct conn *c, const char *p, size_t n)
{
	size_t		k;
	char		*end;

	while (n > 0 || c->ps == P_DONE) {
		switch (c->ps) {
		case P_HEAD:
			if (c->headlen + 1 >= sizeof(c->head))
				return -1;
			c->head[c->headlen++] = *p++;
			n--;
			if (c->headlen >= 4 && memcmp(c->head + c->headlen - 4,
			    "\r\n\r\n", 4) == 0 && parse_head(c) == -1)
				return -1;
			break;
		case P_LEN:
		case P_CDATA:
			k = n < c->left ? n : (size_t)c->left;
			p += k;
			n -= k;
			c->left -= k;
			if (c->left == 0)
				c->ps = c->ps == P_LEN ? P_DONE : P_CCRLF;
			break;
		case P_CCRLF:
			/* the CRLF after a chunk's data */
			if (*p != '\r' && *p != '\n')
				return -1;
			if (*p == '\n') {
				c->ps = P_CSIZE;
				c->linelen = 0;
			}
			p++;
			n--;
			break;
		case P_CSIZE:
		case P_TRAILER:
			if (*p != '\n') {
				if (c->linelen + 1 >= sizeof(c->line))
					return -1;
				c->line[c->linelen++] = *p++;
				n--;
				break;
			}
			p++;
			n--;
			if (c->linelen > 0 && c->line[c->linelen - 1] == '\r')
				c->linelen--;
			c->line[c->linelen] = '\0';
			if (c->ps == P_TRAILER) {
				if (c->linelen == 0)
					c->ps = P_DONE;
				c->linelen = 0;
				break;
			}
			errno = 0;
			c->left = strtoull(c->line, &end, 16);
			if (errno != 0 || end == c->line ||
			    (*end != '\0' && *end != ';' && *end != ' '))
				return -1;
			c->linelen = 0;
			c->ps = c->left == 0 ? P_TRAILER : P_CDATA;
			break;
		case P_EOF:
			n = 0;	/* the body ends when the server closes */
			break;
		case P_DONE:
			/* no pipelining: nothing may follow a response */
			return n == 0 ? 1 : -1;
		}
	}
	return 0;
}

static void
conn_readable(struct run *r, struct conn *c)
{
	char		 buf[65536];
	ssize_t		 n;
	int		 rc;
	uint32_t	 i;

	for (;;) {
		n = recv(c->fd, buf, sizeof(buf), 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN)
			return;
		if (n <= 0) {
			if (n == 0 && c->req != NO_REQ && c->ps == P_EOF) {
				i = c->req;
				finish_req(r, i, c->status / 100 == 2 ?
				    OUT_OK : OUT_NON2XX, c->status);
				c->req = NO_REQ;
			}
			conn_broken(r, c);
			return;
		}
		if (c->req == NO_REQ) {
			/* bytes nobody asked for */
			conn_free(r, c);
			return;
		}
		c->got_bytes = true;
		rc = feed(c, buf, (size_t)n);
		if (rc == -1) {
			finish_req(r, c->req, OUT_BAD, c->status);
			c->req = NO_REQ;
			conn_free(r, c);
			return;
		}
		if (rc == 1) {
			i = c->req;
			finish_req(r, i, c->status / 100 == 2 ? OUT_OK :
			    OUT_NON2XX, c->status);
			c->reused = true;
			if (c->close_after) {
				c->req = NO_REQ;
				conn_free(r, c);
			} else
				make_idle(r, c);
			return;
		}
	}
}

static void
conn_event(struct run *r, struct conn *c, uint32_t ev)
{
	int		err = 0;
	socklen_t	len = sizeof(err);

	if (c->connecting) {
		if (!(ev & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
			return;
		if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1 ||
		    err != 0) {
			r->connect_err++;
			r->connect_failing = true;
			r->connect_after = now_us() + CONNECT_BACKOFF_US;
			conn_free(r, c);
			return;
		}
		c->connecting = false;
		r->nconnecting--;
		r->connect_failing = false;
		set_events(r, c, EPOLLIN | EPOLLRDHUP);
		make_idle(r, c);
		return;
	}
	if ((ev & EPOLLOUT) && c->req != NO_REQ && c->outoff < c->outlen &&
	    conn_flush(r, c) == -1) {
		conn_broken(r, c);
		return;
	}
	if (ev & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
		conn_readable(r, c);
}

/* Requests waiting longer than the timeout: in the queue they are dropped,
 * on a connection they close it (an HTTP/1.1 connection without
 * pipelining is stuck behind its unanswered request). */
static void
expire(struct run *r, uint64_t t)
{
	uint64_t	lim = (uint64_t)(r->timeout * 1e6);
	uint32_t	nreq = r->nreq;
	int		k;

	if (nreq == 0)
		return;
	while (r->qlen > 0 && t - due_us(r, r->queue[r->qhead]) > lim) {
		finish_req(r, r->queue[r->qhead], OUT_TIMEOUT, 0);
		/* NOLINTNEXTLINE(clang-analyzer-core.DivideZero): nreq > 0 above */
		r->qhead = (r->qhead + 1) % nreq;
		r->qlen--;
	}
	for (k = 0; k < r->nconn; k++) {
		struct conn	*c = r->conns[k];

		if (c->req != NO_REQ && t - due_us(r, c->req) > lim) {
			finish_req(r, c->req, OUT_TIMEOUT, 0);
			c->req = NO_REQ;
			conn_free(r, c);
			k--;
		}
	}
}

/* The timer fires at at_us (CLOCK_MONOTONIC, as now_us); at once when
 * that is past. */
static void
arm(struct run *r, uint64_t at_us)
{
	struct itimerspec its;

	if (at_us == r->armed_us)
		return;
	r->armed_us = at_us;
	memset(&its, 0, sizeof(its));
	its.it_value.tv_sec = (time_t)(at_us / 1000000u);
	its.it_value.tv_nsec = (long)(at_us % 1000000u) * 1000;
	timerfd_settime(r->tfd, TFD_TIMER_ABSTIME, &its, NULL);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static double
pct(const uint32_t *v, size_t n, double p)
{
	size_t	k;

	if (n == 0)
		return 0;
	k = (size_t)((double)n * p / 100.0);
	if (k >= n)
		k = n - 1;
	return v[k] / 1000.0;
}

static void
report(struct run *r, uint64_t t_end)
{
	uint32_t	*lat, *lag;
	size_t		 nl = 0, ng = 0;
	uint64_t	 ok = 0, non2xx = 0, reset = 0, tmo = 0, bad = 0;
	uint64_t	 sched, done;
	uint32_t	 i;
	double		 mdur, ach, sent_ps;
	FILE		*log = NULL;

	if (r->logpath != NULL && (log = fopen(r->logpath, "w")) == NULL)
		fprintf(stderr, "webload: %s: %s\n", r->logpath,
		    strerror(errno));
	lat = xcalloc_(r->nreq, sizeof(*lat));
	lag = xcalloc_(r->nreq, sizeof(*lag));
	for (i = r->nwarm; i < r->nreq; i++) {
		const struct req *q = &r->reqs[i];

		switch (q->outcome) {
		case OUT_OK:
			ok++;
			break;
		case OUT_NON2XX:
			non2xx++;
			break;
		case OUT_RESET:
			reset++;
			break;
		case OUT_TIMEOUT:
		case OUT_WAITING:
			tmo++;
			break;
		default:
			bad++;
			break;
		}
		if (q->outcome == OUT_OK || q->outcome == OUT_NON2XX) {
			lat[nl++] = q->lat_us;
			lag[ng++] = q->lag_us;
		}
		if (log != NULL)
			fprintf(log, "%u %.3f %.3f %u %s\n", i,
			    (double)(due_us(r, i) - r->t0) / 1000.0,
			    q->outcome == OUT_OK || q->outcome == OUT_NON2XX ?
			    q->lat_us / 1000.0 : -1.0, q->status,
			    q->outcome == OUT_OK ? "ok" : q->outcome == OUT_NON2XX ?
			    "non2xx" : q->outcome == OUT_RESET ? "reset" :
			    q->outcome == OUT_BAD ? "bad" : "timeout");
	}
	if (log != NULL)
		fclose(log);
	qsort(lat, nl, sizeof(*lat), cmp_u32);
	qsort(lag, ng, sizeof(*lag), cmp_u32);
	sched = r->nreq - r->nwarm;
	done = ok + non2xx;
	mdur = r->seconds;
	sent_ps = (double)r->sent_measured / mdur;
	/* completed per second: the measured requests' answers over the time
	 * from the first of them sent to the last answered (never shorter
	 * than the measured window) */
	ach = 0;
	if (done > 0) {
		double span = (double)(r->last_done_us - due_us(r, r->nwarm)) /
		    1e6;

		if (span < mdur)
			span = mdur;
		ach = (double)done / span;
	}
	(void)t_end;
	printf("webload: %s: offered %.0f/s for %.1f s (+%.1f s warm-up) "
	    "over %zu paths, %d connections at most (cap %d), %llu opened\n",
	    r->name, r->rate, r->seconds, r->warmup, r->npaths, r->maxseen,
	    r->maxconn, (unsigned long long)r->opened);
	printf("webload: scheduled %llu sent %llu completed %llu: ok %llu, "
	    "errors %llu (non-2xx %llu, reset %llu, timeout %llu, bad %llu); "
	    "late for the cap %llu, retried %llu, connect errors %llu\n",
	    (unsigned long long)sched, (unsigned long long)r->sent_measured,
	    (unsigned long long)done, (unsigned long long)ok,
	    (unsigned long long)non2xx + reset + tmo + bad,
	    (unsigned long long)non2xx, (unsigned long long)reset,
	    (unsigned long long)tmo, (unsigned long long)bad,
	    (unsigned long long)r->late_cap, (unsigned long long)r->retries,
	    (unsigned long long)r->connect_err);
	printf("webload: sent %.1f/s, completed %.1f/s; latency from the due "
	    "time, ms: p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f\n",
	    sent_ps, ach, pct(lat, nl, 50), pct(lat, nl, 90), pct(lat, nl, 99),
	    pct(lat, nl, 99.9), nl ? lat[nl - 1] / 1000.0 : 0.0);
	printf("webload: of that, due time to written (the generator and the "
	    "wait for a connection), ms: p50 %.2f p99 %.2f max %.2f; the "
	    "generator's longest stall %.2f ms\n",
	    pct(lag, ng, 50), pct(lag, ng, 99), ng ? lag[ng - 1] / 1000.0 : 0.0,
	    r->stall_us / 1000.0);
	printf("{\"bench\":\"webload\",\"name\":\"%s\",\"rate\":%.1f,"
	    "\"seconds\":%.1f,\"warmup\":%.1f,\"scheduled\":%llu,\"sent\":%llu,"
	    "\"completed\":%llu,\"ok\":%llu,\"errors\":%llu,\"non2xx\":%llu,"
	    "\"resets\":%llu,\"timeouts\":%llu,\"bad\":%llu,"
	    "\"late_cap\":%llu,\"retried\":%llu,\"connect_errors\":%llu,"
	    "\"conns\":%d,\"opened\":%llu,\"sent_per_s\":%.1f,\"achieved_per_s\":%.1f,"
	    "\"p50_ms\":%.2f,\"p90_ms\":%.2f,\"p99_ms\":%.2f,"
	    "\"p999_ms\":%.2f,\"max_ms\":%.2f,\"send_lag_p99_ms\":%.2f,"
	    "\"send_lag_max_ms\":%.2f,\"stall_max_ms\":%.2f}\n",
	    r->name, r->rate, r->seconds, r->warmup,
	    (unsigned long long)sched, (unsigned long long)r->sent_measured,
	    (unsigned long long)done, (unsigned long long)ok,
	    (unsigned long long)non2xx + reset + tmo + bad,
	    (unsigned long long)non2xx, (unsigned long long)reset,
	    (unsigned long long)tmo, (unsigned long long)bad,
	    (unsigned long long)r->late_cap, (unsigned long long)r->retries,
	    (unsigned long long)r->connect_err, r->maxseen,
	    (unsigned long long)r->opened, sent_ps, ach,
	    pct(lat, nl, 50), pct(lat, nl, 90), pct(lat, nl, 99),
	    pct(lat, nl, 99.9), nl ? lat[nl - 1] / 1000.0 : 0.0,
	    pct(lag, ng, 99), ng ? lag[ng - 1] / 1000.0 : 0.0,
	    r->stall_us / 1000.0);
	free(lat);
	free(lag);
}

static void
usage(FILE *fp)
{
	fprintf(fp,
"usage: webload [-r RATE] [-d SECONDS] [-w WARMUP] [-c MAXCONN] [-C CONNS]\n"
"               [-t TIMEOUT] [-s SEED] [-H HOST] [-A 'NAME: VALUE']\n"
"               [-l LOG] [-n NAME]\n"
"               http://ADDR:PORT URLFILE\n"
"An open-loop HTTP/1.1 load generator: request i is due at i/RATE seconds\n"
"whatever the server does; its latency runs from that due time to the end\n"
"of its response (queueing is measured, not hidden).\n"
"  -r RATE     requests per second offered (2000)\n"
"  -d SECONDS  measured time (10); -w WARMUP seconds before it, sent but\n"
"              not counted (2)\n"
"  -c MAXCONN  keep-alive connections at most (256); a request due while\n"
"              all are busy opens one more, or waits (counted: late_cap)\n"
"  -C CONNS    connections opened at the start (8)\n"
"  -t TIMEOUT  seconds from the due time before a request is a timeout (10)\n"
"  -s SEED     pick paths at random with this seed (0: round robin, default)\n"
"  -H HOST     Host header (default: ADDR:PORT)\n"
"  -A HEADER   one more request header, 'NAME: VALUE'\n"
"  -l LOG      one line per measured request: index due_ms latency_ms\n"
"              status outcome (latency -1 when there was no response)\n"
"  -n NAME     name in the output (web)\n"
"URLFILE: one path (\"/i/P17\", \"/cari?q=kopi\") a line; # comments.\n"
"Prints a summary and one JSON line last; exit 0 when it ran.\n");
}

static int
parse_target(struct run *r, const char *url, char *hostbuf, size_t hostlen)
{
	const char	*p = url, *colon;
	struct addrinfo	 hints, *res = NULL;
	static char	 portbuf[16];
	char		 host[256];
	size_t		 hl;
	int		 rc;

	if (strncmp(p, "http://", 7) == 0)
		p += 7;
	colon = strrchr(p, ':');
	if (colon == NULL || colon == p || (size_t)(colon - p) >= sizeof(host)) {
		fprintf(stderr, "webload: %s: want http://ADDR:PORT\n", url);
		return -1;
	}
	hl = (size_t)(colon - p);
	memcpy(host, p, hl);
	host[hl] = '\0';
	snprintf(portbuf, sizeof(portbuf), "%.*s", (int)strcspn(colon + 1, "/"),
	    colon + 1);
	r->port = portbuf;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if ((rc = getaddrinfo(host, r->port, &hints, &res)) != 0 ||
	    res == NULL) {
		fprintf(stderr, "webload: %s: %s\n", url, gai_strerror(rc));
		return -1;
	}
	memcpy(&r->addr, res->ai_addr, res->ai_addrlen);
	r->addrlen = res->ai_addrlen;
	freeaddrinfo(res);
	snprintf(hostbuf, hostlen, "%s:%s", host, r->port);
	return 0;
}

static bool
num_opt(const char *v, double lo, double hi, double *out)
{
	char	*end;
	double	 d;

	errno = 0;
	d = strtod(v, &end);
	if (errno != 0 || end == v || *end != '\0' || d < lo || d > hi)
		return false;
	*out = d;
	return true;
}

int
main(int argc, char **argv)
{
	struct run	 r;
	struct epoll_event evs[256];
	struct sigaction sa;
	char		 hostbuf[300];
	double		 d;
	uint64_t	 t = 0, t_end, t_stop, next_expire = 0;
	int		 ch, n, k, rc;

	memset(&r, 0, sizeof(r));
	r.ep = r.tfd = -1;
	r.rate = 2000;
	r.seconds = 10;
	r.warmup = 2;
	r.timeout = 10;
	r.maxconn = 256;
	r.initconn = 8;
	r.name = "web";
	r.extra = "";
	while ((ch = getopt(argc, argv, "r:d:w:c:C:t:s:H:A:l:n:h")) != -1) {
		switch (ch) {
		case 'r':
			if (!num_opt(optarg, 0.1, 1e6, &r.rate))
				goto bad;
			break;
		case 'd':
			if (!num_opt(optarg, 0.1, 86400, &r.seconds))
				goto bad;
			break;
		case 'w':
			if (!num_opt(optarg, 0, 3600, &r.warmup))
				goto bad;
			break;
		case 't':
			if (!num_opt(optarg, 0.01, 3600, &r.timeout))
				goto bad;
			break;
		case 'c':
			if (!num_opt(optarg, 1, 60000, &d))
				goto bad;
			r.maxconn = (int)d;
			break;
		case 'C':
			if (!num_opt(optarg, 0, 60000, &d))
				goto bad;
			r.initconn = (int)d;
			break;
		case 's':
			if (!num_opt(optarg, 0, 4294967295.0, &d))
				goto bad;
			r.seed = (unsigned long)d;
			break;
		case 'H':
			r.hosthdr = optarg;
			break;
		case 'A':
			if (strchr(optarg, ':') == NULL ||
			    strpbrk(optarg, "\r\n") != NULL ||
			    strlen(optarg) > 200)
				goto bad;
			r.extra = optarg;
			break;
		case 'l':
			r.logpath = optarg;
			break;
		case 'n':
			r.name = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind != 2) {
		usage(stderr);
		return 2;
	}
	if (parse_target(&r, argv[optind], hostbuf, sizeof(hostbuf)) == -1 ||
	    load_paths(&r, argv[optind + 1]) == -1) {
		rc = 2;
		goto done;
	}
	if (r.hosthdr == NULL)
		r.hosthdr = hostbuf;
	else if (strpbrk(r.hosthdr, "\r\n") != NULL ||
	    strlen(r.hosthdr) > 200) {
		fprintf(stderr, "webload: -H: one line of 200 bytes at most\n");
		rc = 2;
		goto done;
	}
	if (strpbrk(r.name, "\"\\") != NULL) {
		fprintf(stderr, "webload: -n: no quotes or backslashes\n");
		rc = 2;
		goto done;
	}
	if (r.initconn > r.maxconn)
		r.initconn = r.maxconn;
	d = r.rate * (r.warmup + r.seconds);
	if (d < 1 || d > 1e8) {
		fprintf(stderr, "webload: rate x time must be 1 .. 1e8 "
		    "requests\n");
		rc = 2;
		goto done;
	}
	r.nreq = (uint32_t)d;
	r.nwarm = (uint32_t)(r.rate * r.warmup);
	if (r.nwarm >= r.nreq) {
		fprintf(stderr, "webload: nothing to measure\n");
		rc = 2;
		goto done;
	}
	r.reqs = xcalloc_(r.nreq, sizeof(*r.reqs));
	r.queue = xcalloc_(r.nreq, sizeof(*r.queue));
	r.conns = xcalloc_((size_t)r.maxconn, sizeof(struct conn *));

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);

	if ((r.ep = epoll_create1(EPOLL_CLOEXEC)) == -1 ||
	    (r.tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK |
	    TFD_CLOEXEC)) == -1) {
		fprintf(stderr, "webload: epoll/timerfd: %s\n", strerror(errno));
		rc = 3;
		goto done;
	}
	{
		struct epoll_event ev;

		memset(&ev, 0, sizeof(ev));
		ev.events = EPOLLIN;
		ev.data.ptr = NULL;	/* the timer */
		epoll_ctl(r.ep, EPOLL_CTL_ADD, r.tfd, &ev);
	}
	for (k = 0; k < r.initconn; k++)
		if (conn_open(&r) == -1)
			break;
	/* Let the first connections finish their handshakes before the
	 * first request is due. */
	r.t0 = now_us() + 100000;
	t_end = due_us(&r, r.nreq);
	t_stop = t_end + (uint64_t)(r.timeout * 1e6);
	for (;;) {
		uint64_t prev = t;

		t = now_us();
		if (stop || t >= t_stop)
			break;
		/* The loop wakes at each due time: a longer gap is this
		 * process not running (a busy machine), not the server. */
		if (r.ndue > 0 && r.ndue < r.nreq && t - prev > r.stall_us)
			r.stall_us = t - prev;
		/* every request now due joins the queue, in order */
		while (r.ndue < r.nreq && due_us(&r, r.ndue) <= t) {
			if (r.idle == NULL && r.nconn >= r.maxconn)
				r.late_cap++;
			r.queue[(r.qhead + r.qlen) % r.nreq] = r.ndue++;
			r.qlen++;
		}
		if (t >= next_expire) {
			expire(&r, t);
			next_expire = t + 5000;
		}
		dispatch(&r);
		if (r.ndue == r.nreq && r.qlen == 0) {
			for (k = 0; k < r.nconn; k++)
				if (r.conns[k]->req != NO_REQ)
					break;
			if (k == r.nconn)
				break;	/* all answered */
		}
		arm(&r, r.ndue < r.nreq ? due_us(&r, r.ndue) :
		    t - t % 5000 + 5000);
		n = epoll_wait(r.ep, evs, (int)(sizeof(evs) / sizeof(evs[0])),
		    100);
		if (n == -1 && errno != EINTR) {
			fprintf(stderr, "webload: epoll_wait: %s\n",
			    strerror(errno));
			rc = 3;
			goto done;
		}
		for (k = 0; k < n; k++) {
			if (evs[k].data.ptr == NULL) {
				uint64_t	exp;

				(void)!read(r.tfd, &exp, sizeof(exp));
				continue;
			}
			conn_event(&r, evs[k].data.ptr, evs[k].events);
		}
	}
	/* what is still unanswered counts as a timeout */
	expire(&r, UINT64_MAX / 2);
	while (r.nconn > 0)
		conn_free(&r, r.conns[0]);
	report(&r, t_end);
	rc = stop ? 1 : 0;
done:
	for (size_t j = 0; j < r.npaths; j++)
		free(r.paths[j]);
	free(r.paths);
	free(r.reqs);
	free(r.queue);
	free(r.conns);
	if (r.tfd != -1)
		close(r.tfd);
	if (r.ep != -1)
		close(r.ep);
	return rc;
bad:
	fprintf(stderr, "webload: -%c %s: out of range\n", ch, optarg);
	usage(stderr);
	return 2;
}
