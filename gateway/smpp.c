/* SMPP 3.4 ESME session over non-blocking TCP on libev: framing, bind,
 * keepalive, window, TPS, throttling and reconnect. PDU bytes come from and
 * go to pdu.c; this file holds the state machine and timers only. */
#include <errno.h>
#include <ev.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "gateway/smpp.h"

#define RBUF_MIN	(64 * 1024)
#define WBUF_MAX	(8 * 1024 * 1024)	/* a full write queue drops the link */
#define TICK_S		0.1
#define UNBIND_WAIT_MS	2000

enum sess_state { S_IDLE, S_CONNECTING, S_BINDING, S_BOUND, S_UNBINDING };

struct smpp_link;

struct sess {
	struct smpp_link	*l;
	int			 idx;
	int			 fd;
	enum sess_state		 st;
	uint32_t		 bind_id;
	ev_io			 rio, wio;
	uint8_t			*rbuf;
	size_t			 rlen, rcap;
	uint8_t			*wbuf;
	size_t			 wlen, woff, wcap;
	int64_t			 last_rx_ms;
	int64_t			 state_ms;	/* when st last changed */
	bool			 enq_pending;
	int64_t			 enq_sent_ms;
};

struct pending {
	uint32_t	seq;		/* 0 = free slot */
	uint32_t	cmd;
	uint64_t	tag;
	int		part;
	int64_t		sent_ms;
};

struct smpp_link {
	struct ev_loop		*loop;
	const struct conf_smsc	*c;
	const struct conf_smsc	*next_c;
	struct smpp_cb		 cb;
	void			*arg;
	struct sess		 s[2];
	int			 nsess;
	uint32_t		 seq;
	uint32_t		 gen;
	struct pending		*pend;
	int			 pend_cap;
	int			 inflight;	/* submits awaiting resp */
	ev_timer		 reconnect_t;
	ev_timer		 tick_t;
	ev_timer		 wake_t;	/* end of throttle / TPS refill */
	int			 backoff_ms;
	bool			 stopping;
	bool			 stopped;
	bool			 was_bound;
	double			 tokens;
	int64_t			 tokens_ms;
	int64_t			 throttled_until;
	struct smpp_stats	 stats;
};

static void	sess_close(struct sess *s);
static void	link_drop(struct smpp_link *l, const char *why);
static void	link_connect(struct smpp_link *l);

static int64_t
now_ms(struct smpp_link *l)
{
	return (int64_t)(ev_now(l->loop) * 1000.0);
}

static uint32_t
next_seq(struct smpp_link *l)
{
	l->seq = l->seq >= 0x7FFFFFFEu ? 1 : l->seq + 1;
	return l->seq;
}

const char *
smpp_name(const struct smpp_link *l)
{
	return l->c->name;
}

static bool
link_bound(const struct smpp_link *l)
{
	int	i;

	for (i = 0; i < l->nsess; i++)
		if (l->s[i].st != S_BOUND)
			return false;
	return l->nsess > 0;
}

bool
smpp_bound(const struct smpp_link *l)
{
	return link_bound(l) && !l->stopping;
}

/* The transmitting session (submits, our enquire_links) and the receiving one
 * (deliver_sm and their acks). */
static struct sess *
tx_sess(struct smpp_link *l)
{
	return &l->s[0];
}

static struct sess *
rx_sess(struct smpp_link *l)
{
	return &l->s[l->nsess - 1];
}

/* Pending table: open addressing on seq. */
static struct pending *
pend_find(struct smpp_link *l, uint32_t seq)
{
	int	i, h = (int)(seq % (uint32_t)l->pend_cap);

	for (i = 0; i < l->pend_cap; i++) {
		struct pending *p = &l->pend[(h + i) % l->pend_cap];

		if (p->seq == seq)
			return p;
	}
	return NULL;
}

static struct pending *
pend_add(struct smpp_link *l, uint32_t seq)
{
	int	i, h = (int)(seq % (uint32_t)l->pend_cap);

	for (i = 0; i < l->pend_cap; i++) {
		struct pending *p = &l->pend[(h + i) % l->pend_cap];

		if (p->seq == 0) {
			p->seq = seq;
			return p;
		}
	}
	return NULL;
}

/* Removing from open addressing: re-insert the rest of the cluster. */
static void
pend_del(struct smpp_link *l, struct pending *p)
{
	int	i = (int)(p - l->pend);

	p->seq = 0;
	for (i = (i + 1) % l->pend_cap; l->pend[i].seq != 0;
	    i = (i + 1) % l->pend_cap) {
		struct pending	 tmp = l->pend[i], *q;

		l->pend[i].seq = 0;
		q = pend_add(l, tmp.seq);
		*q = tmp;
	}
}

static int
sess_queue(struct sess *s, const uint8_t *pdu, size_t len)
{
	if (s->fd < 0)
		return -1;
	if (s->wlen + len > s->wcap) {
		size_t	cap = s->wcap ? s->wcap : 16384;

		if (s->woff > 0) {
			memmove(s->wbuf, s->wbuf + s->woff, s->wlen - s->woff);
			s->wlen -= s->woff;
			s->woff = 0;
		}
		while (s->wlen + len > cap)
			cap *= 2;
		if (cap > WBUF_MAX) {
			link_drop(s->l, "write queue full");
			return -1;
		}
		if (cap != s->wcap) {
			s->wbuf = xrealloc(s->wbuf, cap);
			s->wcap = cap;
		}
	}
	memcpy(s->wbuf + s->wlen, pdu, len);
	s->wlen += len;
	/* Written when the loop comes round: PDUs of one pass share a send. */
	ev_io_start(s->l->loop, &s->wio);
	return 0;
}

static int
sess_send_simple(struct sess *s, uint32_t id, uint32_t status, uint32_t seq)
{
	uint8_t	buf[64];
	int	n = pdu_pack_simple(id, status, seq, buf, sizeof(buf));

	if (n < 0)
		return -1;
	return sess_queue(s, buf, (size_t)n);
}

static void
set_state(struct sess *s, enum sess_state st)
{
	s->st = st;
	s->state_ms = now_ms(s->l);
}

static void
sess_close(struct sess *s)
{
	if (s->fd >= 0) {
		ev_io_stop(s->l->loop, &s->rio);
		ev_io_stop(s->l->loop, &s->wio);
		close(s->fd);
		s->fd = -1;
	}
	s->rlen = s->wlen = s->woff = 0;
	s->enq_pending = false;
	set_state(s, S_IDLE);
}

/* Fails every outstanding submit back to the caller: they stay queued in the
 * store and go out again after the reconnect. */
static void
fail_pending(struct smpp_link *l)
{
	int	i;

	for (i = 0; i < l->pend_cap; i++) {
		/* pend and pend_cap are set together in smpp_link_new. */
		/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
		struct pending	p = l->pend[i];

		if (p.seq == 0)
			continue;
		l->pend[i].seq = 0;
		if (p.cmd == PDU_SUBMIT_SM && l->cb.submit_done != NULL)
			l->cb.submit_done(l->arg, l, p.tag, p.part, SMPP_LINK_LOST, "");
	}
	l->inflight = 0;
}

static void
schedule_reconnect(struct smpp_link *l)
{
	double	delay;
	int	jitter;

	if (l->stopping)
		return;
	if (l->backoff_ms <= 0)
		l->backoff_ms = l->c->reconnect_min_ms;
	jitter = l->backoff_ms / 4;
	delay = (l->backoff_ms + (jitter > 0 ? (int)(random() % (2 * jitter + 1)) -
	    jitter : 0)) / 1000.0;
	if (delay < 0.01)
		delay = 0.01;
	log_info("smpp link=%s reconnect_in_ms=%d", l->c->name, (int)(delay * 1000));
	ev_timer_stop(l->loop, &l->reconnect_t);
	ev_timer_set(&l->reconnect_t, delay, 0.);
	ev_timer_start(l->loop, &l->reconnect_t);
	l->backoff_ms *= 2;
	if (l->backoff_ms > l->c->reconnect_max_ms)
		l->backoff_ms = l->c->reconnect_max_ms;
}

static void
link_drop(struct smpp_link *l, const char *why)
{
	int	i;
	bool	was = l->was_bound;

	if (l->s[0].fd < 0 && (l->nsess < 2 || l->s[1].fd < 0) &&
	    ev_is_active(&l->reconnect_t))
		return;
	log_warnx("smpp link=%s down reason=\"%s\"", l->c->name, why);
	for (i = 0; i < l->nsess; i++)
		sess_close(&l->s[i]);
	l->gen++;
	l->was_bound = false;
	fail_pending(l);
	if (was && l->cb.state != NULL)
		l->cb.state(l->arg, l, false);
	if (l->stopping) {
		l->stopped = true;
		return;
	}
	l->stats.reconnects++;
	schedule_reconnect(l);
}

static void
sess_send_bind(struct sess *s)
{
	uint8_t	buf[256];
	int	n;
	const struct conf_smsc *c = s->l->c;

	n = pdu_pack_bind(s->bind_id, c->system_id, c->password,
	    c->system_type, next_seq(s->l), buf, sizeof(buf));
	if (n < 0 || sess_queue(s, buf, (size_t)n) == -1) {
		link_drop(s->l, "cannot pack bind");
		return;
	}
	set_state(s, S_BINDING);
}

static void
on_bound(struct sess *s)
{
	struct smpp_link	*l = s->l;

	set_state(s, S_BOUND);
	if (!link_bound(l))
		return;
	l->backoff_ms = 0;
	l->was_bound = true;
	l->tokens = l->c->tps > 0 ? l->c->tps : 0;
	l->tokens_ms = now_ms(l);
	log_info("smpp link=%s bound system_id=%s mode=%s", l->c->name,
	    l->c->system_id, l->c->bind_pair ? "pair" : "transceiver");
	if (l->cb.state != NULL)
		l->cb.state(l->arg, l, true);
}

static void
handle_resp(struct sess *s, const struct pdu_hdr *h, const uint8_t *pdu)
{
	struct smpp_link	*l = s->l;
	struct pending		*p;
	char			 id[72];
	uint32_t		 cmd;

	if (h->id == PDU_BIND_RX + PDU_RESP_BIT || h->id == PDU_BIND_TX + PDU_RESP_BIT ||
	    h->id == PDU_BIND_TRX + PDU_RESP_BIT) {
		if (s->st != S_BINDING)
			return;
		if (h->status != PDU_ROK) {
			log_warnx("smpp link=%s bind refused status=%s", l->c->name,
			    pdu_status_name(h->status));
			link_drop(l, "bind refused");
			return;
		}
		on_bound(s);
		return;
	}
	if (h->id == PDU_ENQUIRE_LINK + PDU_RESP_BIT) {
		s->enq_pending = false;
		return;
	}
	if (h->id == PDU_UNBIND + PDU_RESP_BIT) {
		if (s->st == S_UNBINDING)
			sess_close(s);
		if (l->stopping && l->s[0].fd < 0 && (l->nsess < 2 || l->s[1].fd < 0))
			l->stopped = true;
		return;
	}
	if ((p = pend_find(l, h->seq)) == NULL) {
		log_debug("smpp link=%s unexpected resp cmd=%s seq=%u", l->c->name,
		    pdu_cmd_name(h->id), h->seq);
		return;
	}
	cmd = p->cmd;
	if (cmd == PDU_SUBMIT_SM) {
		uint64_t	tag = p->tag;
		int		part = p->part;
		uint32_t	status = h->status;

		pend_del(l, p);
		l->inflight--;
		id[0] = '\0';
		if (h->id == PDU_GENERIC_NACK && status == PDU_ROK)
			status = PDU_RSYSERR;
		if (status == PDU_ROK) {
			pdu_unpack_resp_id(pdu, h->len, id, sizeof(id));
			l->stats.mt_ok++;
		} else {
			l->stats.mt_err++;
			if (status == PDU_RTHROTTLED || status == PDU_RMSGQFUL) {
				l->stats.throttled++;
				l->throttled_until = now_ms(l) + l->c->throttle_ms;
			}
		}
		if (l->cb.submit_done != NULL)
			l->cb.submit_done(l->arg, l, tag, part, status, id);
		return;
	}
	pend_del(l, p);
}

static void
handle_pdu(struct sess *s, const struct pdu_hdr *h, const uint8_t *pdu)
{
	struct smpp_link	*l = s->l;
	static struct pdu_sm	 sm;	/* 64 KiB: not on the stack; one thread */
	char			 err[256];
	uint32_t		 status;

	if (h->id & PDU_RESP_BIT) {
		handle_resp(s, h, pdu);
		return;
	}
	switch (h->id) {
	case PDU_ENQUIRE_LINK:
		sess_send_simple(s, PDU_ENQUIRE_LINK | PDU_RESP_BIT, PDU_ROK, h->seq);
		return;
	case PDU_UNBIND:
		sess_send_simple(s, PDU_UNBIND | PDU_RESP_BIT, PDU_ROK, h->seq);
		/* Flush the resp before closing; drop() closes on the next pass. */
		log_info("smpp link=%s unbind from smsc", l->c->name);
		set_state(s, S_UNBINDING);
		s->state_ms = now_ms(l) - UNBIND_WAIT_MS + 100;
		return;
	case PDU_DELIVER_SM:
	case PDU_DATA_SM:
		if (s->st != S_BOUND) {
			sess_send_simple(s, h->id | PDU_RESP_BIT, PDU_RINVBNDSTS, h->seq);
			return;
		}
		status = pdu_unpack_sm(pdu, h->len, &sm, err, sizeof(err));
		if (status != PDU_ROK) {
			log_warnx("smpp link=%s bad %s seq=%u status=%s reason=\"%s\"",
			    l->c->name, pdu_cmd_name(h->id), h->seq,
			    pdu_status_name(status), err);
			sess_send_simple(s, h->id | PDU_RESP_BIT, status, h->seq);
			return;
		}
		l->stats.mo++;
		if (l->cb.deliver != NULL)
			l->cb.deliver(l->arg, l, l->gen, h->seq, h->id, &sm);
		return;
	default:
		log_warnx("smpp link=%s unsupported cmd=%s seq=%u", l->c->name,
		    pdu_cmd_name(h->id), h->seq);
		sess_send_simple(s, PDU_GENERIC_NACK, PDU_RINVCMDID, h->seq);
		return;
	}
}

static void
on_read(struct ev_loop *loop, ev_io *w, int revents)
{
	struct sess		*s = w->data;
	struct smpp_link	*l = s->l;
	uint32_t		 gen = l->gen;
	ssize_t			 n;
	size_t			 off = 0;
	struct pdu_hdr		 h;

	(void)loop;
	(void)revents;
	if (s->rcap - s->rlen < 4096) {
		s->rcap = s->rcap ? s->rcap * 2 : RBUF_MIN;
		s->rbuf = xrealloc(s->rbuf, s->rcap);
	}
	n = read(s->fd, s->rbuf + s->rlen, s->rcap - s->rlen);
	if (n == 0) {
		link_drop(l, "closed by smsc");
		return;
	}
	if (n < 0) {
		if (errno == EAGAIN || errno == EINTR)
			return;
		link_drop(l, strerror(errno));
		return;
	}
	s->rlen += (size_t)n;
	s->last_rx_ms = now_ms(l);
	for (;;) {
		enum pdu_frame f = pdu_frame(s->rbuf + off, s->rlen - off,
		    l->c->max_pdu_bytes, &h);

		if (f == PDU_FRAME_BAD) {
			log_warnx("smpp link=%s bad frame command_length=%u",
			    l->c->name, h.len);
			link_drop(l, "bad command_length");
			return;
		}
		if (f == PDU_FRAME_SHORT) {
			/* Grow for a large PDU still arriving. */
			if (s->rlen - off >= PDU_HEADER_LEN && h.len > s->rcap) {
				s->rcap = h.len + 4096;
				memmove(s->rbuf, s->rbuf + off, s->rlen - off);
				s->rlen -= off;
				off = 0;
				s->rbuf = xrealloc(s->rbuf, s->rcap);
			}
			break;
		}
		if (log_tracing("smpp"))
			log_trace("smpp", "link=%s rx cmd=%s seq=%u status=%s len=%u",
			    l->c->name, pdu_cmd_name(h.id), h.seq,
			    pdu_status_name(h.status), h.len);
		handle_pdu(s, &h, s->rbuf + off);
		if (l->gen != gen || s->fd < 0)
			return;		/* the link went down while handling */
		off += h.len;
	}
	if (off > 0) {
		memmove(s->rbuf, s->rbuf + off, s->rlen - off);
		s->rlen -= off;
	}
}

static void
on_write(struct ev_loop *loop, ev_io *w, int revents)
{
	struct sess	*s = w->data;
	ssize_t		 n;

	(void)revents;
	if (s->st == S_CONNECTING) {
		int		err = 0;
		socklen_t	len = sizeof(err);

		getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len);
		if (err != 0) {
			errno = err;
			link_drop(s->l, strerror(err));
			return;
		}
		ev_io_start(loop, &s->rio);
		sess_send_bind(s);
		return;
	}
	while (s->woff < s->wlen) {
		n = send(s->fd, s->wbuf + s->woff, s->wlen - s->woff, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				return;
			link_drop(s->l, strerror(errno));
			return;
		}
		s->woff += (size_t)n;
	}
	s->woff = s->wlen = 0;
	ev_io_stop(loop, &s->wio);
}

static int
sess_connect(struct sess *s)
{
	struct addrinfo	 hints, *res = NULL;
	char		 port[16];
	int		 fd = -1, one = 1, rc;
	const struct conf_smsc *c = s->l->c;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	snprintf(port, sizeof(port), "%d", c->port);
	if ((rc = getaddrinfo(c->host, port, &hints, &res)) != 0) {
		log_warnx("smpp link=%s resolve host=%s error=\"%s\"", c->name,
		    c->host, gai_strerror(rc));
		return -1;
	}
	fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		goto fail;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(fd, res->ai_addr, res->ai_addrlen) == -1 &&
	    errno != EINPROGRESS)
		goto fail;
	freeaddrinfo(res);
	s->fd = fd;
	s->rlen = s->wlen = s->woff = 0;
	s->last_rx_ms = now_ms(s->l);
	ev_io_set(&s->rio, fd, EV_READ);
	ev_io_set(&s->wio, fd, EV_WRITE);
	set_state(s, S_CONNECTING);
	ev_io_start(s->l->loop, &s->wio);
	return 0;
fail:
	log_warn("smpp link=%s connect %s:%d", c->name, c->host, c->port);
	if (fd >= 0)
		close(fd);
	freeaddrinfo(res);
	return -1;
}

static void
link_connect(struct smpp_link *l)
{
	int	i;

	if (l->next_c != NULL) {
		l->c = l->next_c;
		l->next_c = NULL;
	}
	l->nsess = l->c->bind_pair ? 2 : 1;
	l->s[0].bind_id = l->c->bind_pair ? PDU_BIND_TX : PDU_BIND_TRX;
	l->s[1].bind_id = PDU_BIND_RX;
	log_info("smpp link=%s connecting host=%s port=%d", l->c->name,
	    l->c->host, l->c->port);
	for (i = 0; i < l->nsess; i++)
		if (sess_connect(&l->s[i]) == -1) {
			link_drop(l, "connect failed");
			return;
		}
}

static void
on_reconnect(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	link_connect(w->data);
}

static void
refill_tokens(struct smpp_link *l, int64_t now)
{
	if (l->c->tps <= 0)
		return;
	l->tokens += (double)(now - l->tokens_ms) * l->c->tps / 1000.0;
	if (l->tokens > l->c->tps)
		l->tokens = l->c->tps;
	l->tokens_ms = now;
}

int
smpp_room(struct smpp_link *l)
{
	int64_t	now = now_ms(l);
	int	room;

	if (!smpp_bound(l) || now < l->throttled_until)
		return 0;
	room = l->c->window - l->inflight;
	if (l->c->tps > 0) {
		refill_tokens(l, now);
		if ((int)l->tokens < room)
			room = (int)l->tokens;
	}
	return room > 0 ? room : 0;
}

/* Wakes the caller when throttling or the TPS cap lets submits go again. */
static void
arm_wake(struct smpp_link *l)
{
	int64_t	now = now_ms(l), at;

	if (now < l->throttled_until)
		at = l->throttled_until;
	else if (l->c->tps > 0 && l->tokens < 1.0)
		at = now + (int64_t)((1.0 - l->tokens) * 1000.0 / l->c->tps) + 1;
	else
		return;
	if (ev_is_active(&l->wake_t))
		return;
	ev_timer_set(&l->wake_t, (double)(at - now) / 1000.0, 0.);
	ev_timer_start(l->loop, &l->wake_t);
}

static void
on_wake(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct smpp_link	*l = w->data;

	(void)loop;
	(void)revents;
	if (smpp_bound(l) && l->cb.state != NULL)
		l->cb.state(l->arg, l, true);
}

int
smpp_submit(struct smpp_link *l, const struct pdu_sm *sm, uint64_t tag,
    int part)
{
	static uint8_t	 buf[PDU_UD_MAX + 512];	/* scratch: packed, then sent */
	struct pending	*p;
	uint32_t	 seq;
	int		 n;

	if (smpp_room(l) <= 0) {
		arm_wake(l);
		return -1;
	}
	seq = next_seq(l);
	if ((n = pdu_pack_sm(PDU_SUBMIT_SM, sm, seq, buf, sizeof(buf))) < 0) {
		log_warnx("smpp link=%s cannot pack submit_sm", l->c->name);
		return -1;
	}
	if ((p = pend_add(l, seq)) == NULL)
		return -1;
	p->cmd = PDU_SUBMIT_SM;
	p->tag = tag;
	p->part = part;
	p->sent_ms = now_ms(l);
	if (sess_queue(tx_sess(l), buf, (size_t)n) == -1) {
		p = pend_find(l, seq);
		if (p != NULL)
			pend_del(l, p);
		return -1;
	}
	l->inflight++;
	l->stats.mt++;
	if (l->c->tps > 0)
		l->tokens -= 1.0;
	return 0;
}

void
smpp_ack(struct smpp_link *l, uint32_t gen, uint32_t seq, uint32_t cmd,
    uint32_t status)
{
	struct sess	*s = rx_sess(l);

	if (gen != l->gen || s->fd < 0)
		return;		/* that connection is gone: the SMSC redelivers */
	sess_send_simple(s, cmd | PDU_RESP_BIT, status, seq);
}

int
smpp_inflight(const struct smpp_link *l)
{
	return l->inflight;
}

static void
send_enquire(struct smpp_link *l, struct sess *s)
{
	uint32_t	seq = next_seq(l);

	if (sess_send_simple(s, PDU_ENQUIRE_LINK, PDU_ROK, seq) == 0) {
		s->enq_pending = true;
		s->enq_sent_ms = now_ms(l);
		l->stats.enquire_sent++;
	}
}

/* Every tick: keepalive, response timeouts, stuck binds, unbind wait. */
static void
on_tick(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct smpp_link	*l = w->data;
	int64_t			 now = now_ms(l), oldest = now;
	int			 i;

	(void)loop;
	(void)revents;
	for (i = 0; i < l->nsess; i++) {
		struct sess *s = &l->s[i];

		if (s->fd < 0)
			continue;
		if ((s->st == S_CONNECTING || s->st == S_BINDING) &&
		    now - s->state_ms > l->c->response_timeout_ms) {
			link_drop(l, s->st == S_CONNECTING ? "connect timeout" :
			    "bind_resp timeout");
			return;
		}
		if (s->st == S_UNBINDING && now - s->state_ms > UNBIND_WAIT_MS) {
			link_drop(l, "unbound");
			return;
		}
		if (s->st != S_BOUND)
			continue;
		if (s->enq_pending &&
		    now - s->enq_sent_ms > l->c->response_timeout_ms) {
			link_drop(l, "enquire_link_resp timeout");
			return;
		}
		if (!s->enq_pending && now - s->last_rx_ms >= l->c->enquire_link_ms)
			send_enquire(l, s);
	}
	for (i = 0; i < l->pend_cap; i++)
		if (l->pend[i].seq != 0 && l->pend[i].sent_ms < oldest)
			oldest = l->pend[i].sent_ms;
	if (now - oldest > l->c->response_timeout_ms) {
		link_drop(l, "submit_sm_resp timeout");
		return;
	}
}

struct smpp_link *
smpp_new(struct ev_loop *loop, const struct conf_smsc *c,
    const struct smpp_cb *cb, void *arg)
{
	struct smpp_link	*l = xcalloc(1, sizeof(*l));
	int			 i;

	l->loop = loop;
	l->c = c;
	l->cb = *cb;
	l->arg = arg;
	l->pend_cap = 2 * (c->window > 0 ? c->window : 1) + 64;
	l->pend = xcalloc((size_t)l->pend_cap, sizeof(*l->pend));
	for (i = 0; i < 2; i++) {
		struct sess *s = &l->s[i];

		s->l = l;
		s->idx = i;
		s->fd = -1;
		ev_io_init(&s->rio, on_read, -1, EV_READ);
		ev_io_init(&s->wio, on_write, -1, EV_WRITE);
		s->rio.data = s->wio.data = s;
	}
	ev_timer_init(&l->reconnect_t, on_reconnect, 0., 0.);
	l->reconnect_t.data = l;
	ev_timer_init(&l->wake_t, on_wake, 0., 0.);
	l->wake_t.data = l;
	ev_timer_init(&l->tick_t, on_tick, TICK_S, TICK_S);
	l->tick_t.data = l;
	ev_timer_start(loop, &l->tick_t);
	link_connect(l);
	return l;
}

void
smpp_free(struct smpp_link *l)
{
	int	i;

	if (l == NULL)
		return;
	for (i = 0; i < 2; i++) {
		sess_close(&l->s[i]);
		free(l->s[i].rbuf);
		free(l->s[i].wbuf);
	}
	ev_timer_stop(l->loop, &l->reconnect_t);
	ev_timer_stop(l->loop, &l->wake_t);
	ev_timer_stop(l->loop, &l->tick_t);
	free(l->pend);
	free(l);
}

void
smpp_stop(struct smpp_link *l)
{
	int	i;
	bool	any = false;

	l->stopping = true;
	ev_timer_stop(l->loop, &l->reconnect_t);
	for (i = 0; i < l->nsess; i++) {
		struct sess *s = &l->s[i];

		if (s->fd < 0)
			continue;
		if (s->st == S_BOUND &&
		    sess_send_simple(s, PDU_UNBIND, PDU_ROK, next_seq(l)) == 0) {
			set_state(s, S_UNBINDING);
			any = true;
		} else
			sess_close(s);
	}
	if (!any)
		l->stopped = true;
	log_info("smpp link=%s unbinding", l->c->name);
}

bool
smpp_stopped(const struct smpp_link *l)
{
	return l->stopped;
}

void
smpp_set_conf(struct smpp_link *l, const struct conf_smsc *c)
{
	l->next_c = c;
}

static bool
within(const struct conf_smsc *p, const struct conf_smsc *c, size_t n)
{
	size_t	i;

	for (i = 0; p != NULL && i < n; i++)
		if (p == &c[i])
			return true;
	return false;
}

bool
smpp_uses_conf(const struct smpp_link *l, const struct conf_smsc *c, size_t n)
{
	return within(l->c, c, n) || within(l->next_c, c, n);
}

void
smpp_get_stats(const struct smpp_link *l, struct smpp_stats *out)
{
	*out = l->stats;
}
