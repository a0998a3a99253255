/* The SMSC core: accepts ESME binds on loopback, delivers MO as deliver_sm
 * (packed by hand, so the gateway's libsmpp34 unpack is checked against an
 * independent encoder), unpacks submit_sm with libsmpp34, reassembles MT and
 * misbehaves on cue. One thread, poll(), non-blocking sockets. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <smpp34.h>
#include <smpp34_structs.h>
#include <smpp34_params.h>

#include "common/xalloc.h"
#include "sim/codec.h"
#include "sim/sim.h"

#define MAX_CONN	32
#define RBUF_LEN	(70 * 1024)
#define WBUF_MAX	(8u << 20)	/* a full write queue drops the link */
#define PDU_MAX		(64 * 1024)
#define BODY_MAX	1400
#define SLOT_MAX	(1u << 20)
#define ENQ_SEQ_BASE	0x70000000u
#define NPARTS		16
#define NASM		32
#define NUSSD		256
#define NDELAY		4096
#define DELAY_LEN	128

enum { L_FREE, L_PENDING, L_INFLIGHT };

struct conn {
	int		 fd;
	unsigned	 gen;
	bool		 bound, tx, rx, closing;
	char		 system_id[17];
	uint8_t		*rbuf;
	size_t		 rlen;
	uint8_t		*wbuf;
	size_t		 wlen, wcap;
	uint64_t	 last_rx_ms, last_tx_ms;
	int		 inflight;
};

/* A queued MO (or receipt): the deliver_sm body without its header. */
struct mo {
	int		 prev, next, list;
	uint16_t	 gen;
	uint32_t	 seq;
	int		 conn;
	uint64_t	 sent_ms, not_before_ms;
	bool		 was_sent;
	uint16_t	 body_len;
	uint8_t		 body[BODY_MAX];
};

struct mo_list {
	int	head, tail;
	size_t	n;
};

/* MT segments being collected. */
struct assembly {
	bool		used;
	char		num[SIM_NUM_LEN];
	int		ref, total, got, dcs, ussd_op;
	bool		ussd_end;
	uint64_t	started_ms;
	uint16_t	len[NPARTS];
	bool		have[NPARTS];
	uint8_t		data[NPARTS][256];
};

struct ussd_sess {
	bool	used, open;
	char	num[SIM_NUM_LEN];
	int	sessno, seq;
};

struct delayed {
	uint64_t	due_ms;
	int		conn;
	unsigned	gen;
	uint16_t	len;
	uint8_t		data[DELAY_LEN];
};

struct faults {
	int		drop_after;		/* -1 off */
	uint64_t	silent_until_ms;
	double		throttle, throttle_acc;
	int		qfull;
	int		delay_ms;
	uint64_t	refuse_until_ms;
	int		refuse_count;
};

struct smsc {
	const struct sim_opts	*o;
	int			 lfd;
	struct conn		 conns[MAX_CONN];
	unsigned		 conn_gen;
	struct mo		*slots;
	size_t			 nslots;
	struct mo_list		 free, pending, inflight;
	uint32_t		 enq_seq;
	uint64_t		 msgid;
	int			 rr;
	int			 window;
	struct assembly		 asm_[NASM];
	struct ussd_sess	 ussd[NUSSD];
	int			 ussd_next;
	uint8_t			 mo_ref;
	struct delayed		*delq;
	size_t			 ndel;
	struct faults		 f;
	struct smsc_stats	 st;
	smsc_mt_fn		*mt_fn;
	void			*mt_arg;
	struct sim_mt		 mt;		/* scratch for callbacks */
	uint64_t		 last_timer_ms;
};

static void	conn_close(struct smsc *, int, const char *);

uint64_t
sim_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

uint64_t
sim_now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

bool
sim_same_number(const char *a, const char *b)
{
	if (*a == '+')
		a++;
	if (*b == '+')
		b++;
	return strcmp(a, b) == 0;
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* ---- MO slot lists (intrusive, by index) ---- */

static void
list_push(struct smsc *s, struct mo_list *l, int i, bool front)
{
	struct mo	*m = &s->slots[i];

	if (front) {
		m->prev = -1;
		m->next = l->head;
		if (l->head >= 0)
			s->slots[l->head].prev = i;
		else
			l->tail = i;
		l->head = i;
	} else {
		m->next = -1;
		m->prev = l->tail;
		if (l->tail >= 0)
			s->slots[l->tail].next = i;
		else
			l->head = i;
		l->tail = i;
	}
	l->n++;
}

static void
list_del(struct smsc *s, struct mo_list *l, int i)
{
	struct mo	*m = &s->slots[i];

	if (m->prev >= 0)
		s->slots[m->prev].next = m->next;
	else
		l->head = m->next;
	if (m->next >= 0)
		s->slots[m->next].prev = m->prev;
	else
		l->tail = m->prev;
	m->prev = m->next = -1;
	l->n--;
}

static struct mo_list *
list_of(struct smsc *s, int which)
{
	return which == L_PENDING ? &s->pending :
	    which == L_INFLIGHT ? &s->inflight : &s->free;
}

static void
slot_move(struct smsc *s, int i, int to, bool front)
{
	struct mo	*m = &s->slots[i];

	list_del(s, list_of(s, m->list), i);
	m->list = to;
	list_push(s, list_of(s, to), i, front);
}

/* Takes a free slot, growing the pool (amortised; no allocation per MO). */
static int
slot_get(struct smsc *s)
{
	size_t	i, n;
	int	idx;

	if (s->free.head < 0) {
		if (s->nslots >= SLOT_MAX)
			return -1;
		n = s->nslots ? s->nslots * 2 : 256;
		if (n > SLOT_MAX)
			n = SLOT_MAX;
		s->slots = xrealloc(s->slots, n * sizeof(*s->slots));
		for (i = s->nslots; i < n; i++) {
			memset(&s->slots[i], 0, offsetof(struct mo, body));
			s->slots[i].list = L_FREE;
			list_push(s, &s->free, (int)i, false);
		}
		s->nslots = n;
	}
	idx = s->free.head;
	slot_move(s, idx, L_PENDING, false);
	s->slots[idx].gen++;
	s->slots[idx].was_sent = false;
	s->slots[idx].not_before_ms = 0;
	return idx;
}

/* ---- output ---- */

static void
conn_write(struct smsc *s, int ci, const uint8_t *p, size_t n)
{
	struct conn	*c = &s->conns[ci];

	if (c->fd < 0)
		return;
	if (c->wlen + n > WBUF_MAX) {
		conn_close(s, ci, "write-queue-full");
		return;
	}
	if (c->wlen + n > c->wcap) {
		size_t	cap = c->wcap ? c->wcap : 16384;

		while (cap < c->wlen + n)
			cap *= 2;
		c->wbuf = xrealloc(c->wbuf, cap);
		c->wcap = cap;
	}
	memcpy(c->wbuf + c->wlen, p, n);
	c->wlen += n;
	c->last_tx_ms = sim_now_ms();
}

static void
conn_flush(struct smsc *s, int ci)
{
	struct conn	*c = &s->conns[ci];
	ssize_t		 n;
	size_t		 off = 0;

	while (c->fd >= 0 && off < c->wlen) {
		n = write(c->fd, c->wbuf + off, c->wlen - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0) {
			conn_close(s, ci, "write-error");
			return;
		}
		off += (size_t)n;
	}
	if (off > 0 && c->fd >= 0) {
		memmove(c->wbuf, c->wbuf + off, c->wlen - off);
		c->wlen -= off;
	}
	if (c->fd >= 0 && c->closing && c->wlen == 0)
		conn_close(s, ci, "unbound");
}

/* Sends a response now, or later under the delay fault. */
static void
send_resp(struct smsc *s, int ci, const uint8_t *p, size_t n)
{
	struct delayed	*d;

	if (s->f.delay_ms <= 0 || n > DELAY_LEN) {
		conn_write(s, ci, p, n);
		return;
	}
	if (s->ndel >= NDELAY) {
		conn_write(s, ci, p, n);
		return;
	}
	d = &s->delq[s->ndel++];
	d->due_ms = sim_now_ms() + (uint64_t)s->f.delay_ms;
	d->conn = ci;
	d->gen = s->conns[ci].gen;
	d->len = (uint16_t)n;
	memcpy(d->data, p, n);
}

static void
send_hdr(struct smsc *s, int ci, uint32_t id, uint32_t status, uint32_t seq)
{
	uint8_t	b[16];

	put32(b, 16);
	put32(b + 4, id);
	put32(b + 8, status);
	put32(b + 12, seq);
	send_resp(s, ci, b, sizeof(b));
}

/* ---- connections ---- */

static int
conn_rx_pick(struct smsc *s)
{
	int	i, ci;

	for (i = 0; i < MAX_CONN; i++) {
		ci = (s->rr + i) % MAX_CONN;
		if (s->conns[ci].fd >= 0 && s->conns[ci].bound &&
		    s->conns[ci].rx && !s->conns[ci].closing &&
		    s->conns[ci].inflight < s->window) {
			s->rr = (ci + 1) % MAX_CONN;
			return ci;
		}
	}
	return -1;
}

bool
smsc_bound(const struct smsc *s)
{
	bool	tx = false, rx = false;
	int	i;

	for (i = 0; i < MAX_CONN; i++) {
		const struct conn *c = &s->conns[i];

		if (c->fd < 0 || !c->bound || c->closing)
			continue;
		tx = tx || c->tx;
		rx = rx || c->rx;
	}
	return tx && rx;
}

static void
conn_close(struct smsc *s, int ci, const char *why)
{
	struct conn	*c = &s->conns[ci];
	int		 i, prev;

	if (c->fd < 0)
		return;
	if (s->o->verbose)
		fprintf(stderr, "lapak-sim: link %d closed (%s)\n", ci, why);
	close(c->fd);
	c->fd = -1;
	c->bound = c->tx = c->rx = c->closing = false;
	c->rlen = c->wlen = 0;
	c->inflight = 0;
	s->st.drops++;
	/* MOs sent on this link without a resp go out again, in order. */
	for (i = s->inflight.tail; i >= 0; i = prev) {
		prev = s->slots[i].prev;
		if (s->slots[i].conn != ci)
			continue;
		slot_move(s, i, L_PENDING, true);
		s->st.redelivered++;
	}
}

static void
conn_accept(struct smsc *s)
{
	int	fd, i, one = 1;

	for (;;) {
		fd = accept(s->lfd, NULL, NULL);
		if (fd < 0)
			return;
		for (i = 0; i < MAX_CONN; i++)
			if (s->conns[i].fd < 0)
				break;
		if (i == MAX_CONN) {
			close(fd);
			continue;
		}
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		s->conns[i].fd = fd;
		s->conns[i].gen = ++s->conn_gen;
		s->conns[i].rlen = s->conns[i].wlen = 0;
		s->conns[i].last_rx_ms = s->conns[i].last_tx_ms = sim_now_ms();
		if (s->o->verbose)
			fprintf(stderr, "lapak-sim: link %d connected\n", i);
	}
}

/* ---- PDU handlers ---- */

static void
on_bind(struct smsc *s, int ci, uint32_t id, uint32_t seq, const uint8_t *p,
    size_t n)
{
	struct conn		*c = &s->conns[ci];
	bind_transceiver_t	 b;	/* the three binds share this layout */
	bind_transceiver_resp_t	 r;
	uint8_t			 out[128];
	int			 len = 0;
	uint32_t		 status = ESME_ROK;
	uint64_t		 now = sim_now_ms();

	memset(&b, 0, sizeof(b));
	if (smpp34_unpack(BIND_TRANSCEIVER, &b, p, (int)n) != 0)
		status = ESME_RSYSERR;
	else if (c->bound)
		status = ESME_RALYBND;
	else if (strcmp((char *)b.system_id, s->o->system_id) != 0)
		status = ESME_RINVSYSID;
	else if (strcmp((char *)b.password, s->o->password) != 0)
		status = ESME_RINVPASWD;
	else if (now < s->f.refuse_until_ms || s->f.refuse_count > 0) {
		if (s->f.refuse_count > 0)
			s->f.refuse_count--;
		status = ESME_RBINDFAIL;
	}
	memset(&r, 0, sizeof(r));
	r.command_id = id | 0x80000000u;
	r.command_status = status;
	r.sequence_number = seq;
	snprintf((char *)r.system_id, sizeof(r.system_id), "lapaksim");
	if (smpp34_pack(r.command_id, out, sizeof(out), &len, &r) != 0) {
		send_hdr(s, ci, id | 0x80000000u, ESME_RSYSERR, seq);
		return;
	}
	send_resp(s, ci, out, (size_t)len);
	if (status != ESME_ROK) {
		if (s->o->verbose)
			fprintf(stderr, "lapak-sim: bind refused status=0x%x\n",
			    status);
		return;
	}
	c->bound = true;
	c->tx = id != BIND_RECEIVER;
	c->rx = id != BIND_TRANSMITTER;
	snprintf(c->system_id, sizeof(c->system_id), "%s", (char *)b.system_id);
	s->st.binds++;
	if (s->o->verbose)
		fprintf(stderr, "lapak-sim: link %d bound as %s\n", ci,
		    id == BIND_TRANSCEIVER ? "trx" : c->tx ? "tx" : "rx");
}

static void
decode_text(const struct smsc *s, int dcs, const uint8_t *p, size_t n,
    bool septets, char *out, size_t cap)
{
	uint8_t	sept[1200];
	size_t	k;

	switch (dcs) {
	case 8:
		sc_ucs2_to_utf8(p, n, out, cap);
		return;
	case 1:
	case 3:
	case 4:
		sc_latin1_to_utf8(p, n, out, cap);
		return;
	default:
		break;
	}
	if (s->o->packed && !septets && (dcs == 0 || dcs == 0x0F)) {
		k = sc_unpack7(p, n, 0, sept, (n * 8) / 7);
		sc_gsm_to_utf8(sept, k, out, cap);
		return;
	}
	sc_gsm_to_utf8(p, n, out, cap);
}

static void
emit_mt(struct smsc *s, const char *num, const char *text, int segs, int dcs,
    int op, bool end)
{
	struct sim_mt	*mt = &s->mt;

	snprintf(mt->num, sizeof(mt->num), "%s", num);
	snprintf(mt->text, sizeof(mt->text), "%s", text);
	mt->segments = segs;
	mt->dcs = dcs;
	mt->ussd_op = op;
	mt->ussd_end = end;
	mt->at_ms = sim_now_ms();
	s->st.mt_full++;
	if (op >= 0) {
		int	i;

		for (i = 0; i < NUSSD; i++)
			if (s->ussd[i].used && sim_same_number(s->ussd[i].num,
			    num) && end)
				s->ussd[i].open = false;
	}
	if (s->mt_fn != NULL)
		s->mt_fn(s->mt_arg, mt);
}

/* Adds one segment; emits the MT when all are there. */
static void
assemble(struct smsc *s, const char *num, int ref, int total, int seqn, int dcs,
    const uint8_t *p, size_t n, int op, bool end)
{
	struct assembly	*a = NULL;
	char		 text[SIM_TEXT_MAX];
	uint8_t		 all[NPARTS * 256];
	size_t		 len = 0;
	int		 i, oldest = 0;

	if (total > NPARTS)
		total = NPARTS;
	if (seqn < 1 || seqn > total)
		return;
	for (i = 0; i < NASM; i++)
		if (s->asm_[i].used && s->asm_[i].ref == ref &&
		    s->asm_[i].total == total &&
		    strcmp(s->asm_[i].num, num) == 0) {
			a = &s->asm_[i];
			break;
		}
	if (a == NULL) {
		for (i = 0; i < NASM; i++) {
			if (!s->asm_[i].used)
				break;
			if (s->asm_[i].started_ms < s->asm_[oldest].started_ms)
				oldest = i;
		}
		a = &s->asm_[i < NASM ? i : oldest];
		memset(a, 0, sizeof(*a));
		a->used = true;
		snprintf(a->num, sizeof(a->num), "%s", num);
		a->ref = ref;
		a->total = total;
		a->dcs = dcs;
		a->started_ms = sim_now_ms();
	}
	if (!a->have[seqn - 1]) {
		a->have[seqn - 1] = true;
		a->got++;
	}
	if (n > sizeof(a->data[0]))
		n = sizeof(a->data[0]);
	memcpy(a->data[seqn - 1], p, n);
	a->len[seqn - 1] = (uint16_t)n;
	if (op >= 0) {
		a->ussd_op = op;
		a->ussd_end = end;
	} else
		a->ussd_op = -1;
	if (a->got < a->total)
		return;
	for (i = 0; i < a->total; i++) {
		memcpy(all + len, a->data[i], a->len[i]);
		len += a->len[i];
	}
	decode_text(s, a->dcs, all, len, true, text, sizeof(text));
	a->used = false;
	emit_mt(s, a->num, text, a->total, a->dcs, a->ussd_op, a->ussd_end);
}

static void
send_receipt(struct smsc *s, const char *num, const char *msgid,
    const char *text);

static void
on_submit(struct smsc *s, int ci, uint32_t seq, const uint8_t *p, size_t n)
{
	struct conn	*c = &s->conns[ci];
	submit_sm_t	 m;
	submit_sm_resp_t r;
	tlv_t		*t;
	uint8_t		 out[128], payload[1100];
	const uint8_t	*ud;
	char		 num[SIM_NUM_LEN], text[SIM_TEXT_MAX], id[32];
	size_t		 udl, hl = 0, plen = 0;
	int		 len = 0, op = -1, sref = -1, stot = 1, sseq = 1;
	int		 ref = -1, total = 1, segn = 1;
	bool		 end = false, have_payload = false;
	uint32_t	 status = ESME_ROK;

	if (!c->bound || !c->tx) {
		send_hdr(s, ci, SUBMIT_SM_RESP, ESME_RINVBNDSTS, seq);
		return;
	}
	if (s->f.drop_after == 0) {
		s->f.drop_after = -1;
		/* The N answers given so far must reach the ESME first. */
		conn_flush(s, ci);
		conn_close(s, ci, "fault-drop-after");
		return;
	}
	if (s->f.drop_after > 0)
		s->f.drop_after--;
	if (s->f.qfull > 0) {
		s->f.qfull--;
		send_hdr(s, ci, SUBMIT_SM_RESP, ESME_RMSGQFUL, seq);
		return;
	}
	if (s->f.throttle > 0) {
		s->f.throttle_acc += s->f.throttle;
		if (s->f.throttle_acc >= 1.0) {
			s->f.throttle_acc -= 1.0;
			send_hdr(s, ci, SUBMIT_SM_RESP, ESME_RTHROTTLED, seq);
			return;
		}
	}
	memset(&m, 0, sizeof(m));
	if (smpp34_unpack(SUBMIT_SM, &m, p, (int)n) != 0) {
		if (s->o->verbose)
			fprintf(stderr, "lapak-sim: bad submit_sm: %s\n",
			    smpp34_strerror);
		if (m.tlv != NULL)
			destroy_tlv(m.tlv);
		send_hdr(s, ci, SUBMIT_SM_RESP, ESME_RSYSERR, seq);
		return;
	}
	for (t = m.tlv; t != NULL; t = t->next) {
		switch (t->tag) {
		case TLVID_message_payload:
			plen = t->length < sizeof(payload) ? t->length :
			    sizeof(payload);
			memcpy(payload, t->value.octet, plen);
			have_payload = true;
			break;
		case TLVID_sar_msg_ref_num:
			sref = t->value.val16;
			break;
		case TLVID_sar_total_segments:
			stot = t->value.val08;
			break;
		case TLVID_sar_segment_seqnum:
			sseq = t->value.val08;
			break;
		case TLVID_ussd_service_op:
			op = t->value.octet[0];
			break;
		case TLVID_its_session_info:
			end = (t->value.val16 & 1) != 0;
			break;
		default:
			break;
		}
	}
	if (m.dest_addr_ton == 1 && m.destination_addr[0] != '+')
		snprintf(num, sizeof(num), "+%s", (char *)m.destination_addr);
	else
		snprintf(num, sizeof(num), "%s", (char *)m.destination_addr);
	ud = have_payload ? payload : m.short_message;
	udl = have_payload ? plen : m.sm_length;
	if ((m.esm_class & 0x40) && udl > 0 && (size_t)ud[0] + 1 <= udl) {
		size_t	i;

		hl = (size_t)ud[0] + 1;
		for (i = 1; i + 1 < hl; i += 2 + ud[i + 1]) {
			if (ud[i] == 0x00 && ud[i + 1] == 3 && i + 4 < hl + 1) {
				ref = ud[i + 2];
				total = ud[i + 3];
				segn = ud[i + 4];
			} else if (ud[i] == 0x08 && ud[i + 1] == 4) {
				ref = ud[i + 2] << 8 | ud[i + 3];
				total = ud[i + 4];
				segn = ud[i + 5];
			}
		}
	} else if (sref >= 0) {
		ref = sref;
		total = stot;
		segn = sseq;
	}
	if (op == 17)
		end = true;
	s->msgid++;
	if (s->o->id_dec)
		snprintf(id, sizeof(id), "%llu", (unsigned long long)s->msgid);
	else
		snprintf(id, sizeof(id), "%llx",
		    (unsigned long long)s->msgid + 0xA000000u);
	memset(&r, 0, sizeof(r));
	r.command_id = SUBMIT_SM_RESP;
	r.command_status = status;
	r.sequence_number = seq;
	snprintf((char *)r.message_id, sizeof(r.message_id), "%s", id);
	if (smpp34_pack(SUBMIT_SM_RESP, out, sizeof(out), &len, &r) == 0)
		send_resp(s, ci, out, (size_t)len);
	else
		send_hdr(s, ci, SUBMIT_SM_RESP, ESME_RSYSERR, seq);
	s->st.mt_parts++;

	if (ref >= 0 && total > 1) {
		const uint8_t	*body = ud + hl;
		size_t		 bl = udl - hl;
		uint8_t		 sept[300];

		if (s->o->packed && (m.data_coding == 0 ||
		    m.data_coding == 0x0F)) {
			size_t	skip = (hl * 8 + 6) / 7 * 7 - hl * 8;

			bl = sc_unpack7(ud, udl, hl * 8 + skip, sept,
			    sizeof(sept));
			body = sept;
		}
		assemble(s, num, ref, total, segn, m.data_coding, body, bl, op,
		    end);
	} else {
		decode_text(s, m.data_coding, ud + hl, udl - hl, false, text,
		    sizeof(text));
		emit_mt(s, num, text, 1, m.data_coding, op, end);
	}
	if ((m.registered_delivery & 1) && s->o->receipts && op < 0) {
		decode_text(s, m.data_coding, ud + hl, udl - hl, false, text,
		    sizeof(text));
		if (s->o->id_flip && s->o->id_dec)
			snprintf(id, sizeof(id), "%llx",
			    (unsigned long long)s->msgid);
		else if (s->o->id_flip)
			snprintf(id, sizeof(id), "%llu",
			    (unsigned long long)s->msgid + 0xA000000u);
		send_receipt(s, num, id, text);
	}
	if (m.tlv != NULL)
		destroy_tlv(m.tlv);
}

/* True when the queued deliver_sm body is a delivery receipt (esm_class
 * message type 0x04): those are not MOs and are counted apart. */
static bool
body_is_receipt(const struct mo *m)
{
	size_t	i = 0;
	int	skip;

	for (skip = 0; skip < 3; skip++) {
		while (i < m->body_len && m->body[i] != 0)
			i++;
		i += skip < 2 ? 3 : 1;	/* NUL, then ton + npi of the next address */
	}
	return i < m->body_len && (m->body[i] & 0x3C) == 0x04;
}

static void
on_deliver_resp(struct smsc *s, int ci, uint32_t status, uint32_t seq)
{
	uint32_t	idx = (seq - 1) & (SLOT_MAX - 1);
	struct mo	*m;

	if (idx >= s->nslots)
		return;
	m = &s->slots[idx];
	if (m->list != L_INFLIGHT || m->seq != seq)
		return;
	if (s->conns[ci].inflight > 0)
		s->conns[ci].inflight--;
	if (status == ESME_ROK) {
		if (body_is_receipt(m))
			s->st.receipts_acked++;
		else
			s->st.mo_acked++;
		slot_move(s, (int)idx, L_FREE, false);
		return;
	}
	/* A temporary failure: try again a little later. */
	m->not_before_ms = sim_now_ms() + 1000;
	slot_move(s, (int)idx, L_PENDING, false);
	s->st.redelivered++;
}

/* Handles one complete PDU p[n] (header included). */
static void
on_pdu(struct smsc *s, int ci, const uint8_t *p, size_t n)
{
	uint32_t	id = get32(p + 4), status = get32(p + 8);
	uint32_t	seq = get32(p + 12);
	struct conn	*c = &s->conns[ci];

	c->last_rx_ms = sim_now_ms();
	if (sim_now_ms() < s->f.silent_until_ms)
		return;
	switch (id) {
	case BIND_TRANSCEIVER:
	case BIND_TRANSMITTER:
	case BIND_RECEIVER:
		on_bind(s, ci, id, seq, p, n);
		break;
	case SUBMIT_SM:
		on_submit(s, ci, seq, p, n);
		break;
	case DELIVER_SM_RESP:
		on_deliver_resp(s, ci, status, seq);
		break;
	case ENQUIRE_LINK:
		send_hdr(s, ci, ENQUIRE_LINK_RESP, ESME_ROK, seq);
		break;
	case ENQUIRE_LINK_RESP:
	case GENERIC_NACK:
		break;
	case UNBIND:
		send_hdr(s, ci, UNBIND_RESP, ESME_ROK, seq);
		c->closing = true;
		c->bound = false;
		break;
	case UNBIND_RESP:
		c->closing = true;
		break;
	default:
		if (!(id & 0x80000000u))
			send_hdr(s, ci, GENERIC_NACK, ESME_RINVCMDID, seq);
		break;
	}
}

static void
conn_read(struct smsc *s, int ci)
{
	struct conn	*c = &s->conns[ci];
	ssize_t		 n;
	size_t		 off;
	uint32_t	 len;

	for (;;) {
		n = read(c->fd, c->rbuf + c->rlen, RBUF_LEN - c->rlen);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n <= 0) {
			conn_close(s, ci, n == 0 ? "peer-closed" : "read-error");
			return;
		}
		c->rlen += (size_t)n;
		off = 0;
		while (c->fd >= 0 && c->rlen - off >= 16) {
			len = get32(c->rbuf + off);
			if (len < 16 || len > PDU_MAX) {
				conn_close(s, ci, "bad-command-length");
				return;
			}
			if (c->rlen - off < len)
				break;
			on_pdu(s, ci, c->rbuf + off, len);
			off += len;
		}
		if (c->fd < 0)
			return;
		memmove(c->rbuf, c->rbuf + off, c->rlen - off);
		c->rlen -= off;
	}
}

/* ---- MO building ---- */

struct body {
	uint8_t	*p;
	size_t	 n, cap;
	bool	 overflow;
};

static void
b_bytes(struct body *b, const void *p, size_t n)
{
	if (b->n + n > b->cap) {
		b->overflow = true;
		return;
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void
b_u8(struct body *b, unsigned v)
{
	uint8_t	c = (uint8_t)v;

	b_bytes(b, &c, 1);
}

static void
b_cstr(struct body *b, const char *str)
{
	b_bytes(b, str, strlen(str) + 1);
}

static void
b_tlv(struct body *b, unsigned tag, const void *p, size_t n)
{
	b_u8(b, tag >> 8);
	b_u8(b, tag);
	b_u8(b, (unsigned)n >> 8);
	b_u8(b, (unsigned)n);
	b_bytes(b, p, n);
}

struct mo_fields {
	const char	*service_type;
	const char	*src, *dst;
	uint8_t		 esm, dcs;
	const uint8_t	*sm;
	size_t		 sm_len;
	bool		 payload;
	int		 sar_ref, sar_total, sar_seq;
	int		 ussd_op, its, umr;	/* -1 absent */
	const char	*receipted_id;
	int		 msg_state;
};

static int
mo_queue(struct smsc *s, const struct mo_fields *f)
{
	struct body	 b;
	int		 i;
	uint8_t		 v[2];

	i = slot_get(s);
	if (i < 0)
		return -1;
	b.p = s->slots[i].body;
	b.n = 0;
	b.cap = BODY_MAX;
	b.overflow = false;
	b_cstr(&b, f->service_type ? f->service_type : "");
	b_u8(&b, 1);
	b_u8(&b, 1);
	b_cstr(&b, f->src[0] == '+' ? f->src + 1 : f->src);
	b_u8(&b, 0);
	b_u8(&b, 1);
	b_cstr(&b, f->dst);
	b_u8(&b, f->esm);
	b_u8(&b, 0);	/* protocol_id */
	b_u8(&b, 0);	/* priority */
	b_u8(&b, 0);	/* schedule_delivery_time "" */
	b_u8(&b, 0);	/* validity_period "" */
	b_u8(&b, 0);	/* registered_delivery */
	b_u8(&b, 0);	/* replace_if_present */
	b_u8(&b, f->dcs);
	b_u8(&b, 0);	/* sm_default_msg_id */
	if (f->payload) {
		b_u8(&b, 0);
		b_tlv(&b, TLVID_message_payload, f->sm, f->sm_len);
	} else {
		b_u8(&b, (unsigned)f->sm_len);
		b_bytes(&b, f->sm, f->sm_len);
	}
	if (f->sar_ref >= 0) {
		v[0] = (uint8_t)(f->sar_ref >> 8);
		v[1] = (uint8_t)f->sar_ref;
		b_tlv(&b, TLVID_sar_msg_ref_num, v, 2);
		v[0] = (uint8_t)f->sar_total;
		b_tlv(&b, TLVID_sar_total_segments, v, 1);
		v[0] = (uint8_t)f->sar_seq;
		b_tlv(&b, TLVID_sar_segment_seqnum, v, 1);
	}
	if (f->ussd_op >= 0) {
		v[0] = (uint8_t)f->ussd_op;
		b_tlv(&b, TLVID_ussd_service_op, v, 1);
	}
	if (f->its >= 0) {
		v[0] = (uint8_t)(f->its >> 8);
		v[1] = (uint8_t)f->its;
		b_tlv(&b, TLVID_its_session_info, v, 2);
	}
	if (f->umr >= 0) {
		v[0] = (uint8_t)(f->umr >> 8);
		v[1] = (uint8_t)f->umr;
		b_tlv(&b, TLVID_user_message_reference, v, 2);
	}
	if (f->receipted_id != NULL) {
		b_tlv(&b, TLVID_receipted_message_id, f->receipted_id,
		    strlen(f->receipted_id) + 1);
		v[0] = (uint8_t)f->msg_state;
		b_tlv(&b, TLVID_message_state, v, 1);
	}
	if (b.overflow) {
		slot_move(s, i, L_FREE, false);
		return -1;
	}
	s->slots[i].body_len = (uint16_t)b.n;
	s->st.mo_queued++;
	return 0;
}

static void
mo_fields_init(struct mo_fields *f, const struct smsc *s, const char *from)
{
	memset(f, 0, sizeof(*f));
	f->src = from;
	f->dst = s->o->shortcode;
	f->sar_ref = f->ussd_op = f->its = f->umr = -1;
}

/* Encodes text: GSM when it fits, else UCS-2. Returns octets or -1. */
static int
encode(const char *text, uint8_t *out, size_t cap, uint8_t *dcs)
{
	int	n;

	n = sc_utf8_to_gsm(text, out, cap);
	if (n >= 0) {
		*dcs = 0;
		return n;
	}
	*dcs = 8;
	return sc_utf8_to_ucs2(text, out, cap);
}

int
smsc_mo(struct smsc *s, const char *from, const char *text, char *err,
    size_t len)
{
	struct mo_fields f;
	uint8_t		 enc[1100], part[160];
	uint8_t		 dcs;
	int		 n, per, nparts, i, unit, seqn;

	n = encode(text, enc, sizeof(enc), &dcs);
	if (n < 0) {
		snprintf(err, len, "message too long");
		return -1;
	}
	mo_fields_init(&f, s, from);
	f.dcs = dcs;
	if (n <= 140 + (dcs == 0 ? 20 : 0)) {
		f.sm = enc;
		f.sm_len = (size_t)n;
		if (mo_queue(s, &f) == -1)
			goto full;
		return 0;
	}
	if (s->o->long_mode == SIM_LONG_PAYLOAD) {
		f.sm = enc;
		f.sm_len = (size_t)n;
		f.payload = true;
		if (mo_queue(s, &f) == -1)
			goto full;
		return 0;
	}
	/* 153 septets / 67 UCS-2 chars per part; never split an escape or a
	 * surrogate pair across parts. */
	unit = dcs == 0 ? 153 : 134;
	s->mo_ref++;
	nparts = 0;
	for (i = 0; i < n; nparts++) {
		per = n - i < unit ? n - i : unit;
		if (dcs == 0 && per == unit && enc[i + per - 1] == 0x1B)
			per--;
		if (dcs == 8 && per == unit && (enc[i + per - 2] & 0xFC) == 0xD8)
			per -= 2;
		i += per;
	}
	if (nparts > 255) {
		snprintf(err, len, "message too long");
		return -1;
	}
	for (i = 0, seqn = 1; i < n; seqn++) {
		size_t	off = 0;
		int	take = n - i < unit ? n - i : unit;

		if (dcs == 0 && take == unit && enc[i + take - 1] == 0x1B)
			take--;
		if (dcs == 8 && take == unit &&
		    (enc[i + take - 2] & 0xFC) == 0xD8)
			take -= 2;
		mo_fields_init(&f, s, from);
		f.dcs = dcs;
		if (s->o->long_mode == SIM_LONG_UDH) {
			part[0] = 5;
			part[1] = 0;
			part[2] = 3;
			part[3] = s->mo_ref;
			part[4] = (uint8_t)nparts;
			part[5] = (uint8_t)seqn;
			off = 6;
			f.esm = 0x40;
		} else {
			f.sar_ref = s->mo_ref;
			f.sar_total = nparts;
			f.sar_seq = seqn;
		}
		memcpy(part + off, enc + i, (size_t)take);
		f.sm = part;
		f.sm_len = off + (size_t)take;
		if (mo_queue(s, &f) == -1)
			goto full;
		i += take;
	}
	return 0;
full:
	snprintf(err, len, "MO queue full");
	return -1;
}

static struct ussd_sess *
ussd_find(const struct smsc *s, const char *num)
{
	int	i;

	for (i = 0; i < NUSSD; i++)
		if (s->ussd[i].used && sim_same_number(s->ussd[i].num, num))
			return (struct ussd_sess *)(uintptr_t)&s->ussd[i];
	return NULL;
}

bool
smsc_ussd_open(const struct smsc *s, const char *from)
{
	const struct ussd_sess	*u = ussd_find(s, from);

	return u != NULL && u->open;
}

int
smsc_ussd(struct smsc *s, const char *from, const char *text, bool abort,
    char *err, size_t len)
{
	struct ussd_sess	*u = ussd_find(s, from);
	struct mo_fields	 f;
	uint8_t			 enc[200];
	int			 n;
	bool			 start;

	if (abort && (u == NULL || !u->open)) {
		snprintf(err, len, "no USSD session open with %s", from);
		return -1;
	}
	if (u == NULL) {
		u = &s->ussd[s->ussd_next];
		s->ussd_next = (s->ussd_next + 1) % NUSSD;
		memset(u, 0, sizeof(*u));
		u->used = true;
		snprintf(u->num, sizeof(u->num), "%s", from);
	}
	start = !u->open;
	if (start) {
		u->sessno = (u->sessno + 1) & 0xFF;
		u->seq = 0;
		u->open = true;
	} else
		u->seq = (u->seq + 1) & 0x7F;
	n = sc_utf8_to_gsm(abort ? "" : text, enc, sizeof(enc));
	mo_fields_init(&f, s, from);
	if (n < 0) {
		n = sc_utf8_to_ucs2(text, enc, sizeof(enc));
		f.dcs = 8;
		if (n < 0) {
			snprintf(err, len, "USSD string too long");
			return -1;
		}
	}
	f.sm = enc;
	f.sm_len = (size_t)n;
	f.ussd_op = start ? 1 : 18;
	switch (s->o->ussd) {
	case SIM_USSD_DEFAULT:
		f.service_type = "USSD";
		f.its = u->sessno << 8 | u->seq << 1 | (abort ? 1 : 0);
		break;
	case SIM_USSD_UMR:
		f.service_type = "USSD";
		f.umr = u->sessno;
		if (abort)
			f.ussd_op = 0x81;
		break;
	case SIM_USSD_P2:
		f.service_type = "P2";
		if (f.dcs == 0)
			f.dcs = 0x0F;
		if (abort)
			f.ussd_op = 0x81;
		break;
	}
	if (abort)
		u->open = false;
	if (mo_queue(s, &f) == -1) {
		snprintf(err, len, "MO queue full");
		return -1;
	}
	return 0;
}

static void
send_receipt(struct smsc *s, const char *num, const char *msgid,
    const char *text)
{
	struct mo_fields f;
	char		 body[256], date[16];
	time_t		 now = time(NULL);
	struct tm	 tm;
	uint8_t		 enc[300];
	int		 n, i;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%y%m%d%H%M", &tm);
	snprintf(body, sizeof(body), "id:%s sub:001 dlvrd:001 submit date:%s "
	    "done date:%s stat:DELIVRD err:000 text:%.20s", msgid, date, date,
	    text);
	n = sc_utf8_to_gsm(body, enc, sizeof(enc));
	if (n < 0) {
		/* Non-GSM text excerpt: keep the receipt ASCII. */
		for (i = 0; body[i] != '\0'; i++)
			if ((unsigned char)body[i] >= 0x80)
				body[i] = '?';
		n = sc_utf8_to_gsm(body, enc, sizeof(enc));
		if (n < 0)
			return;
	}
	mo_fields_init(&f, s, s->o->shortcode);
	f.src = num;
	f.dst = s->o->shortcode;
	f.esm = 0x04;
	f.sm = enc;
	f.sm_len = (size_t)n;
	f.receipted_id = msgid;
	f.msg_state = 2;	/* DELIVERED */
	if (mo_queue(s, &f) == 0 && s->f.delay_ms > 0)
		s->slots[s->pending.tail].not_before_ms = sim_now_ms() +
		    (uint64_t)s->f.delay_ms + 1;
}

/* ---- timers and pumping ---- */

static void
pump(struct smsc *s, uint64_t now)
{
	struct mo	*m;
	uint8_t		 hdr[16];
	int		 i, ci;

	if (now < s->f.silent_until_ms)
		return;
	while ((i = s->pending.head) >= 0) {
		m = &s->slots[i];
		if (m->not_before_ms > now)
			break;
		ci = conn_rx_pick(s);
		if (ci < 0)
			break;
		m->seq = ((uint32_t)(m->gen & 0x3FF) << 20 | (uint32_t)i) + 1;
		put32(hdr, 16 + m->body_len);
		put32(hdr + 4, DELIVER_SM);
		put32(hdr + 8, 0);
		put32(hdr + 12, m->seq);
		conn_write(s, ci, hdr, 16);
		conn_write(s, ci, m->body, m->body_len);
		if (s->conns[ci].fd < 0)
			break;
		m->conn = ci;
		m->sent_ms = now;
		if (!m->was_sent && !body_is_receipt(m))
			s->st.mo_sent++;
		m->was_sent = true;
		s->conns[ci].inflight++;
		slot_move(s, i, L_INFLIGHT, false);
	}
}

static void
timers(struct smsc *s, uint64_t now)
{
	size_t	i, k;
	int	ci;

	/* Delayed responses, in order of arrival. */
	for (i = 0, k = 0; i < s->ndel; i++) {
		struct delayed	*d = &s->delq[i];

		if (d->due_ms <= now) {
			if (s->conns[d->conn].fd >= 0 &&
			    s->conns[d->conn].gen == d->gen)
				conn_write(s, d->conn, d->data, d->len);
		} else
			s->delq[k++] = *d;
	}
	s->ndel = k;
	/* deliver_sm_resp overdue: the MO goes out again. */
	while ((ci = s->inflight.head) >= 0 &&
	    s->slots[ci].sent_ms + (uint64_t)s->o->resp_timeout_ms <= now) {
		struct conn *c = &s->conns[s->slots[ci].conn];

		if (c->inflight > 0)
			c->inflight--;
		slot_move(s, ci, L_PENDING, false);
		s->st.redelivered++;
	}
	if (now < s->f.silent_until_ms || now - s->last_timer_ms < 500)
		return;
	s->last_timer_ms = now;
	for (ci = 0; ci < MAX_CONN; ci++) {
		struct conn *c = &s->conns[ci];

		if (c->fd < 0 || !c->bound)
			continue;
		if (now - c->last_rx_ms >= (uint64_t)s->o->enquire_s * 1000 &&
		    now - c->last_tx_ms >= (uint64_t)s->o->enquire_s * 1000) {
			uint8_t	b[16];

			put32(b, 16);
			put32(b + 4, ENQUIRE_LINK);
			put32(b + 8, 0);
			put32(b + 12, ENQ_SEQ_BASE + (s->enq_seq++ & 0xFFFFF));
			conn_write(s, ci, b, sizeof(b));
		}
	}
}

int
smsc_step(struct smsc *s, int timeout_ms, int extra_fd)
{
	struct pollfd	 pf[MAX_CONN + 2];
	int		 map[MAX_CONN + 2];
	int		 n = 0, i, rc, extra = -1, ready = 0;
	uint64_t	 now;

	now = sim_now_ms();
	pump(s, now);
	for (i = 0; i < MAX_CONN; i++)
		if (s->conns[i].fd >= 0)
			conn_flush(s, i);
	pf[n].fd = s->lfd;
	pf[n].events = POLLIN;
	map[n++] = -1;
	for (i = 0; i < MAX_CONN; i++) {
		if (s->conns[i].fd < 0)
			continue;
		pf[n].fd = s->conns[i].fd;
		pf[n].events = POLLIN | (s->conns[i].wlen ? POLLOUT : 0);
		map[n++] = i;
	}
	if (extra_fd >= 0) {
		extra = n;
		pf[n].fd = extra_fd;
		pf[n].events = POLLIN;
		map[n++] = -2;
	}
	if (timeout_ms > 50)
		timeout_ms = 50;
	if (s->ndel > 0 || s->inflight.n > 0 || s->pending.n > 0)
		timeout_ms = timeout_ms > 10 ? 10 : timeout_ms;
	rc = poll(pf, (nfds_t)n, timeout_ms < 0 ? 0 : timeout_ms);
	if (rc < 0 && errno != EINTR)
		return -1;
	for (i = 0; rc > 0 && i < n; i++) {
		if (pf[i].revents == 0)
			continue;
		if (i == extra) {
			ready = 1;
			continue;
		}
		if (map[i] == -1) {
			conn_accept(s);
			continue;
		}
		if (s->conns[map[i]].fd != pf[i].fd)
			continue;
		if (pf[i].revents & (POLLIN | POLLHUP | POLLERR))
			conn_read(s, map[i]);
	}
	now = sim_now_ms();
	timers(s, now);
	pump(s, now);
	for (i = 0; i < MAX_CONN; i++)
		if (s->conns[i].fd >= 0)
			conn_flush(s, i);
	return ready;
}

/* ---- faults ---- */

const char *
smsc_fault_help(void)
{
	return "drop | drop-after N | silent SECONDS | throttle FRACTION | "
	    "qfull N | delay MS | refuse-bind SECONDS (or Nx for N binds) | "
	    "garbage | huge-length | enquire-storm N | none";
}

static void
all_links(struct smsc *s, const uint8_t *p, size_t n)
{
	int	i;

	for (i = 0; i < MAX_CONN; i++)
		if (s->conns[i].fd >= 0)
			conn_write(s, i, p, n);
}

int
smsc_fault(struct smsc *s, const char *spec, char *err, size_t len)
{
	char	 name[32] = "", arg[32] = "";
	double	 v = 0;
	int	 i, k;
	uint8_t	 b[64];

	if (sscanf(spec, " %31s %31s", name, arg) < 1)
		goto usage;
	if (arg[0] != '\0')
		v = strtod(arg, NULL);
	if (strcmp(name, "none") == 0) {
		memset(&s->f, 0, sizeof(s->f));
		s->f.drop_after = -1;
	} else if (strcmp(name, "drop") == 0) {
		for (i = 0; i < MAX_CONN; i++)
			conn_close(s, i, "fault-drop");
	} else if (strcmp(name, "drop-after") == 0 && arg[0] != '\0')
		s->f.drop_after = (int)v;
	else if (strcmp(name, "silent") == 0 && arg[0] != '\0')
		s->f.silent_until_ms = sim_now_ms() + (uint64_t)(v * 1000);
	else if (strcmp(name, "throttle") == 0 && arg[0] != '\0') {
		s->f.throttle = v;
		s->f.throttle_acc = 0;
	} else if (strcmp(name, "qfull") == 0 && arg[0] != '\0')
		s->f.qfull = (int)v;
	else if (strcmp(name, "delay") == 0 && arg[0] != '\0')
		s->f.delay_ms = (int)v;
	else if (strcmp(name, "refuse-bind") == 0 && arg[0] != '\0') {
		if (arg[strlen(arg) - 1] == 'x')
			s->f.refuse_count = (int)v;
		else
			s->f.refuse_until_ms = sim_now_ms() +
			    (uint64_t)(v * 1000);
	} else if (strcmp(name, "garbage") == 0) {
		for (i = 0; i < (int)sizeof(b); i++)
			b[i] = (uint8_t)(0xA5 ^ (i * 37));
		all_links(s, b, sizeof(b));
	} else if (strcmp(name, "huge-length") == 0) {
		put32(b, 0x80000000u);
		put32(b + 4, DELIVER_SM);
		put32(b + 8, 0);
		put32(b + 12, 1);
		all_links(s, b, 16);
	} else if (strcmp(name, "enquire-storm") == 0 && arg[0] != '\0') {
		for (k = 0; k < (int)v; k++) {
			put32(b, 16);
			put32(b + 4, ENQUIRE_LINK);
			put32(b + 8, 0);
			put32(b + 12, ENQ_SEQ_BASE + (s->enq_seq++ & 0xFFFFF));
			all_links(s, b, 16);
		}
	} else
		goto usage;
	return 0;
usage:
	snprintf(err, len, "unknown fault \"%s\"; faults: %s", spec,
	    smsc_fault_help());
	return -1;
}

/* ---- lifecycle ---- */

void
smsc_set_mt_cb(struct smsc *s, smsc_mt_fn *fn, void *arg)
{
	s->mt_fn = fn;
	s->mt_arg = arg;
}

const struct smsc_stats *
smsc_stats(const struct smsc *s)
{
	return &s->st;
}

void
smsc_set_window(struct smsc *s, int window)
{
	if (window > 0)
		s->window = window;
}

int
smsc_window(const struct smsc *s)
{
	return s->window;
}

size_t
smsc_backlog(const struct smsc *s)
{
	return s->pending.n + s->inflight.n;
}

struct smsc *
smsc_new(const struct sim_opts *o, char *err, size_t len)
{
	struct smsc		*s = xcalloc(1, sizeof(*s));
	struct sockaddr_in	 sin;
	socklen_t		 sl = sizeof(sin);
	int			 i, one = 1;

	s->o = o;
	s->window = o->window;
	s->free.head = s->free.tail = -1;
	s->pending.head = s->pending.tail = -1;
	s->inflight.head = s->inflight.tail = -1;
	s->f.drop_after = -1;
	s->delq = xcalloc(NDELAY, sizeof(*s->delq));
	for (i = 0; i < MAX_CONN; i++) {
		s->conns[i].fd = -1;
		s->conns[i].rbuf = xmalloc(RBUF_LEN);
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)o->port);
	if (inet_pton(AF_INET, o->addr, &sin.sin_addr) != 1) {
		snprintf(err, len, "bad listen address %s", o->addr);
		goto fail;
	}
	s->lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (s->lfd < 0) {
		snprintf(err, len, "socket: %s", strerror(errno));
		goto fail;
	}
	setsockopt(s->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(s->lfd, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    listen(s->lfd, 16) == -1 ||
	    getsockname(s->lfd, (struct sockaddr *)&sin, &sl) == -1) {
		snprintf(err, len, "%s:%d: %s", o->addr, o->port,
		    strerror(errno));
		goto fail;
	}
	fcntl(s->lfd, F_SETFL, fcntl(s->lfd, F_GETFL) | O_NONBLOCK);
	fprintf(stderr, "lapak-sim: listening on %s:%d\n", o->addr,
	    ntohs(sin.sin_port));
	fflush(stderr);
	return s;
fail:
	smsc_free(s);
	return NULL;
}

void
smsc_free(struct smsc *s)
{
	int	i;

	if (s == NULL)
		return;
	for (i = 0; i < MAX_CONN; i++) {
		if (s->conns[i].fd >= 0)
			close(s->conns[i].fd);
		free(s->conns[i].rbuf);
		free(s->conns[i].wbuf);
	}
	if (s->lfd > 0)
		close(s->lfd);
	free(s->slots);
	free(s->delq);
	free(s);
}
