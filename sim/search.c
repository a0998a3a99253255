/* The search benchmark's two modes. "fill" lists a seeded catalogue over
 * SMPP as sellers would: DAFTAR, then one JUAL after another, each sent when
 * the previous reply is in. "search" sends buyers' CARI at a fixed rate (or
 * as fast as a window allows), optionally with other commerce MOs beside
 * them, and prints one JSON line of throughput and latency last. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "sim/catalog.h"
#include "sim/sim.h"

/* Number ranges, +62813R NNNNNNN: each kind of phone its own R, apart from
 * load mode's 9. */
#define RANGE_SELLER	8	/* the fill's sellers */
#define RANGE_BUYER	7	/* CARI buyers */
#define RANGE_OTHER	6	/* the other MOs' buyers and sellers */
#define PHONES_MAX	9999999
#define BACKLOG_MAX	100000	/* MOs queued in the SMSC before we hold back */

static void
number(int range, uint32_t i, char *buf, size_t len)
{
	snprintf(buf, len, "+62813%d%07u", range, i);
}

/* The range of a number of ours, with its index in *i; -1 otherwise. */
static int
number_parse(const char *num, uint32_t *i)
{
	const char	*p = num[0] == '+' ? num + 1 : num;
	char		*e;
	unsigned long	 v;

	if (strncmp(p, "62813", 5) != 0 || p[5] < '0' || p[5] > '9' ||
	    strlen(p) != 13)
		return -1;
	v = strtoul(p + 6, &e, 10);
	if (*e != '\0')
		return -1;
	*i = (uint32_t)v;
	return p[5] - '0';
}

static bool
opt_value(int argc, char **argv, int *i, const char **v)
{
	if (*i + 1 >= argc)
		return false;
	*v = argv[++*i];
	return true;
}

/* ---- fill ---- */

struct fseller {
	uint32_t	sent;		/* 0 none, 1 DAFTAR, 1 + k: k JUALs */
	bool		open;
};

struct fill {
	struct smsc	*s;
	struct catalog	 cat;
	uint64_t	 nprod;
	uint32_t	 per, nsell;
	struct fseller	*sel;
	uint32_t	*ready;		/* sellers whose reply came: send next */
	uint32_t	 nready;
	uint64_t	 mo, replies, listed, failed, strays, last_mt_us;
	long		 max_code;
	char		 first_fail[200];
};

static uint32_t
fill_products_of(const struct fill *f, uint32_t s)
{
	uint64_t	first = (uint64_t)s * f->per;

	return f->nprod - first < f->per ? (uint32_t)(f->nprod - first) :
	    f->per;
}

/* The text seller s sends at its step k (0: DAFTAR, k: its k-th JUAL). */
static void
fill_text(const struct fill *f, uint32_t s, uint32_t k, char *text,
    size_t len)
{
	char	shop[64], village[64], name[128];
	int	price, stock;

	if (k == 0) {
		catalog_shop(&f->cat, s, shop, sizeof(shop), village,
		    sizeof(village));
		snprintf(text, len, "DAFTAR %s, %s", shop, village);
		return;
	}
	catalog_product(&f->cat, (uint64_t)s * f->per + k - 1, name,
	    sizeof(name), &price, &stock);
	snprintf(text, len, "JUAL %s %drb %d", name, price, stock);
}

static int
fill_send(struct fill *f, uint32_t s)
{
	char	num[SIM_NUM_LEN], text[200], err[128];

	number(RANGE_SELLER, s, num, sizeof(num));
	fill_text(f, s, f->sel[s].sent, text, sizeof(text));
	if (smsc_mo(f->s, num, text, err, sizeof(err)) == -1) {
		fprintf(stderr, "lapak-sim: fill: %s\n", err);
		return -1;
	}
	f->sel[s].sent++;
	f->sel[s].open = true;
	f->mo++;
	return 0;
}

static void
fill_on_mt(void *arg, const struct sim_mt *mt)
{
	struct fill	*f = arg;
	uint32_t	 i;

	f->last_mt_us = sim_now_us();
	if (number_parse(mt->num, &i) != RANGE_SELLER || i >= f->nsell ||
	    !f->sel[i].open) {
		f->strays++;
		return;
	}
	f->replies++;
	f->sel[i].open = false;
	if (f->sel[i].sent >= 2) {
		/* sell.ok opens with the new code; anything else (a
		 * duplicate, a price problem, busy) is a product not listed */
		if (mt->text[0] == 'P' && mt->text[1] >= '0' &&
		    mt->text[1] <= '9') {
			long	c = strtol(mt->text + 1, NULL, 10);

			f->listed++;
			if (c > f->max_code)
				f->max_code = c;
		} else {
			if (f->failed++ == 0)
				snprintf(f->first_fail, sizeof(f->first_fail),
				    "%s", mt->text);
		}
	}
	f->ready[f->nready++] = i;
}

static void
usage_fill(void)
{
	fprintf(stderr, "usage: lapak-sim fill -N PRODUCTS [-P PER_SELLER] "
	    "[--seed N] [--at-once SELLERS] [--timeout S] [--bind-timeout S] "
	    "[--dry-run]\n");
}

int
sim_fill(struct smsc *s, int argc, char **argv)
{
	struct fill	 f;
	double		 idle = 60, bindwait = 30, el;
	uint64_t	 t0, t, last_note;
	uint32_t	 next = 0, active = 0, done = 0, at_once = 0, k;
	long long	 n = 0;
	int		 i, rc = 1;
	bool		 dry = false;
	const char	*v;

	memset(&f, 0, sizeof(f));
	f.per = 10;
	for (i = 1; i < argc; i++) {
		const char	*a = argv[i];

		if (strcmp(a, "--dry-run") == 0) {
			dry = true;
			continue;
		}
		if (!opt_value(argc, argv, &i, &v)) {
			usage_fill();
			return 2;
		}
		if (strcmp(a, "-N") == 0)
			n = atoll(v);
		else if (strcmp(a, "-P") == 0)
			f.per = (uint32_t)atoi(v);
		else if (strcmp(a, "--seed") == 0)
			f.cat.seed = strtoull(v, NULL, 10);
		else if (strcmp(a, "--at-once") == 0)
			at_once = (uint32_t)atoi(v);
		else if (strcmp(a, "--timeout") == 0)
			idle = atof(v);
		else if (strcmp(a, "--bind-timeout") == 0)
			bindwait = atof(v);
		else {
			usage_fill();
			return 2;
		}
	}
	if (n < 1 || (uint64_t)n > catalog_capacity() || f.per < 1 ||
	    f.per > 100000 || idle <= 0) {
		fprintf(stderr, "lapak-sim: fill: 1 to %llu products, 1 to "
		    "100000 per seller\n",
		    (unsigned long long)catalog_capacity());
		usage_fill();
		return 2;
	}
	f.nprod = (uint64_t)n;
	f.nsell = (uint32_t)((f.nprod + f.per - 1) / f.per);
	if (f.nsell > PHONES_MAX) {
		fprintf(stderr, "lapak-sim: fill: more than %d sellers\n",
		    PHONES_MAX);
		return 2;
	}
	catalog_init(&f.cat, f.cat.seed);
	if (dry) {	/* the MOs in order, "NUMBER TEXT" per line */
		char	num[SIM_NUM_LEN], text[200];
		uint32_t j;

		for (j = 0; j < f.nsell; j++) {
			number(RANGE_SELLER, j, num, sizeof(num));
			for (k = 0; k <= fill_products_of(&f, j); k++) {
				fill_text(&f, j, k, text, sizeof(text));
				printf("%s %s\n", num, text);
			}
		}
		return 0;
	}
	if (at_once == 0)
		at_once = 4 * (uint32_t)smsc_window(s);
	f.s = s;
	f.max_code = -1;
	f.sel = xcalloc(f.nsell, sizeof(*f.sel));
	f.ready = xmalloc(f.nsell * sizeof(*f.ready));
	smsc_set_mt_cb(s, fill_on_mt, &f);

	t = sim_now_ms();
	while (!smsc_bound(s) && !sim_stop &&
	    sim_now_ms() - t < (uint64_t)(bindwait * 1000))
		smsc_step(s, 50, -1);
	if (!smsc_bound(s)) {
		fprintf(stderr, "lapak-sim: fill: no ESME bound within %gs\n",
		    bindwait);
		goto out;
	}
	t0 = f.last_mt_us = sim_now_us();
	last_note = t0;
	while (!sim_stop && done < f.nsell) {
		while (f.nready > 0) {
			uint32_t	j = f.ready[--f.nready];

			if (f.sel[j].sent > fill_products_of(&f, j)) {
				done++;
				active--;
			} else if (fill_send(&f, j) == -1)
				goto out;
		}
		while (active < at_once && next < f.nsell) {
			if (fill_send(&f, next) == -1)
				goto out;
			next++;
			active++;
		}
		if (done == f.nsell)
			break;
		smsc_step(s, 5, -1);
		t = sim_now_us();
		if (t - f.last_mt_us > (uint64_t)(idle * 1e6)) {
			fprintf(stderr, "lapak-sim: fill: no reply for %gs, "
			    "%u sellers unfinished\n", idle, f.nsell - done);
			break;
		}
		if (t - last_note >= 10000000) {
			last_note = t;
			fprintf(stderr, "lapak-sim: fill: %llu/%llu products, "
			    "%.0f MO/s\n", (unsigned long long)f.listed,
			    (unsigned long long)f.nprod,
			    (double)f.replies / ((double)(t - t0) / 1e6));
		}
	}
	el = (double)(f.last_mt_us - t0) / 1e6;
	if (el <= 0)
		el = 1e-6;
	if (f.failed > 0)
		fprintf(stderr, "lapak-sim: fill: %llu JUAL not listed, the "
		    "first said: %s\n", (unsigned long long)f.failed,
		    f.first_fail);
	printf("{\"mode\":\"fill\",\"products\":%llu,\"products_asked\":%llu,"
	    "\"sellers\":%u,\"per_seller\":%u,\"seed\":%llu,\"mo_sent\":%llu,"
	    "\"replies\":%llu,\"not_listed\":%llu,\"unanswered\":%llu,"
	    "\"strays\":%llu,\"max_code\":%ld,\"seconds\":%.2f,"
	    "\"mo_per_s\":%.1f,\"products_per_s\":%.1f}\n",
	    (unsigned long long)f.listed, (unsigned long long)f.nprod,
	    f.nsell, f.per, (unsigned long long)f.cat.seed,
	    (unsigned long long)f.mo, (unsigned long long)f.replies,
	    (unsigned long long)f.failed,
	    (unsigned long long)(f.mo - f.replies),
	    (unsigned long long)f.strays, f.max_code, el,
	    (double)f.replies / el, (double)f.listed / el);
	rc = done == f.nsell && f.failed == 0 ? 0 : 1;
out:
	smsc_set_mt_cb(s, NULL, NULL);
	free(f.sel);
	free(f.ready);
	return rc;
}

/* ---- search ---- */

enum smo_kind { SMO_CARI, SMO_OTHER, SMO_SETUP };

struct smo {
	uint64_t	sent_us;
	int32_t		next;		/* CARI: the phone's next outstanding */
	uint16_t	query;
	uint8_t		kind;		/* enum smo_kind */
	uint8_t		answers;
	bool		measured;	/* false: sent during the warm-up */
};

struct lat {
	uint32_t	*v;		/* microseconds */
	size_t		 n, cap;
};

struct search {
	struct smsc	*s;
	struct catalog	 cat;
	uint64_t	 nprod, rng;
	uint32_t	 nbuy, noth;
	struct smo	*mo;
	size_t		 nmo, capmo;
	int32_t		*head, *tail;	/* buyers: outstanding CARI, in order */
	uint32_t	 next_buy, next_oth;
	int32_t		*oopen;		/* other phones: the one open MO */
	uint32_t	*ocount;	/* MOs each other phone sent */
	int32_t		*olearnt;	/* product code (sellers), YA code */
	uint64_t	 newlist;	/* names handed out past the catalogue */
	struct lat	 lcari, loth;
	uint64_t	 cari_sent, cari_ans, hits, nomatch, odd;
	uint64_t	*q_sent, *q_nomatch;
	uint64_t	 oth_sent, oth_ans, oth_skipped, setup_out;
	uint64_t	 warm_sent, warm_ans;
	uint64_t	 notif, unmatched;
	uint64_t	 last_cari_us, last_oth_us;
	char		 first_odd[200];
};

static uint64_t
rnd(struct search *x)
{
	x->rng = catalog_hash(x->rng);
	return x->rng;
}

static void
lat_add(struct lat *l, uint64_t us)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4096;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* p50, p99 and max in milliseconds (0 with no sample). */
static void
lat_pct(struct lat *l, double *p50, double *p99, double *max)
{
	size_t	i99;

	*p50 = *p99 = *max = 0;
	if (l->n == 0)
		return;
	qsort(l->v, l->n, sizeof(*l->v), cmp_u32);
	i99 = l->n * 99 / 100;
	if (i99 >= l->n)
		i99 = l->n - 1;
	/* NOLINTNEXTLINE(bugprone-integer-division): an index */
	*p50 = l->v[l->n / 2] / 1000.0;
	*p99 = l->v[i99] / 1000.0;
	*max = l->v[l->n - 1] / 1000.0;
}

static int32_t
smo_new(struct search *x, enum smo_kind kind, uint16_t query, bool measured)
{
	struct smo	*m;

	if (x->nmo == x->capmo) {
		x->capmo = x->capmo ? x->capmo * 2 : 65536;
		x->mo = xrealloc(x->mo, x->capmo * sizeof(*x->mo));
	}
	m = &x->mo[x->nmo];
	m->sent_us = sim_now_us();
	m->next = -1;
	m->query = query;
	m->kind = (uint8_t)kind;
	m->answers = 0;
	m->measured = measured;
	return (int32_t)x->nmo++;
}

/* One CARI from the next buyer; a buyer with nothing outstanding is
 * preferred, but under overload a buyer may wait for several. */
static int
send_cari(struct search *x, bool measured)
{
	static const char *const kw[] = { "CARI", "cari", "Cari" };
	char		 num[SIM_NUM_LEN], text[96], err[128];
	uint32_t	 b = x->next_buy, i;
	uint64_t	 r = rnd(x);
	uint16_t	 q = (uint16_t)(r % catalog_nqueries());
	int32_t		 id;

	if (x->nbuy == 0)
		return -1;
	for (i = 0; i < 64 && i < x->nbuy; i++)
		if (x->head[(x->next_buy + i) % x->nbuy] < 0) {
			b = (x->next_buy + i) % x->nbuy;
			break;
		}
	x->next_buy = (b + 1) % x->nbuy;
	number(RANGE_BUYER, b, num, sizeof(num));
	snprintf(text, sizeof(text), "%s %s", kw[(r >> 32) % 3],
	    catalog_query(q));
	if (smsc_mo(x->s, num, text, err, sizeof(err)) == -1)
		return -1;
	id = smo_new(x, SMO_CARI, q, measured);
	if (x->tail[b] >= 0)
		x->mo[x->tail[b]].next = id;
	else
		x->head[b] = id;
	x->tail[b] = id;
	if (measured) {
		x->cari_sent++;
		x->q_sent[q]++;
	} else
		x->warm_sent++;
	return 0;
}

/* A name for a new listing: past the fill's products, never repeated. */
static void
new_listing(struct search *x, char *text, size_t len)
{
	char		name[128];
	int		price, stock;
	uint64_t	i = x->nprod + x->newlist++;

	if (i >= catalog_capacity())
		i = x->nprod + x->newlist % (catalog_capacity() - x->nprod);
	catalog_product(&x->cat, i, name, sizeof(name), &price, &stock);
	snprintf(text, len, "JUAL %s %drb %d", name, price, stock + 20);
}

/* What other phone o says at its count c. One in ten is a seller of its
 * own (DAFTAR and one JUAL before the run): HARGA, STOK, PRODUK, a new JUAL.
 * The others buy from the filled catalogue: INFO, BELI, YA <code> (read
 * from the BELI reply), PESANAN, INFO. Every state-changing text differs
 * from the phone's last one, so the repeat window never answers it. */
static void
other_text(struct search *x, uint32_t o, char *text, size_t len)
{
	uint32_t	c = x->ocount[o];
	char		shop[64], village[64];
	long		prod = 1 + (long)(rnd(x) % x->nprod);

	if (o % 10 == 0) {
		if (c == 0) {
			catalog_shop(&x->cat, 5000000 + o, shop, sizeof(shop),
			    village, sizeof(village));
			snprintf(text, len, "DAFTAR %s, %s", shop, village);
			return;
		}
		if (c == 1 || x->olearnt[o] < 0) {
			new_listing(x, text, len);
			return;
		}
		switch ((c - 2) % 4) {
		case 0:
			snprintf(text, len, "HARGA P%d %u", x->olearnt[o],
			    10000 + 500 * (c % 50));
			break;
		case 1:
			snprintf(text, len, "STOK P%d %u", x->olearnt[o],
			    50 + c % 50);
			break;
		case 2:
			snprintf(text, len, "PRODUK");
			break;
		default:
			new_listing(x, text, len);
			break;
		}
		return;
	}
	switch (c % 5) {
	case 1:
		snprintf(text, len, "BELI P%ld 1 antar ke rumah no %u", prod, c);
		break;
	case 2:
		if (x->olearnt[o] >= 1000)
			snprintf(text, len, "YA %d", x->olearnt[o]);
		else
			snprintf(text, len, "INFO P%ld", prod);
		x->olearnt[o] = -1;
		break;
	case 3:
		snprintf(text, len, "PESANAN");
		break;
	default:
		snprintf(text, len, "INFO P%ld", prod);
		break;
	}
}

/* One MO from the next free other phone; 1 when every one is waiting.
 * Setup MOs (and the warm-up's) are not measured. */
static int
send_other(struct search *x, enum smo_kind kind, uint32_t o, bool measured)
{
	char		num[SIM_NUM_LEN], text[200], err[128];
	uint32_t	i;

	if (kind == SMO_OTHER) {
		for (i = 0; i < x->noth; i++)
			if (x->oopen[(x->next_oth + i) % x->noth] < 0)
				break;
		if (i == x->noth)
			return 1;
		o = (x->next_oth + i) % x->noth;
		x->next_oth = (o + 1) % x->noth;
	}
	number(RANGE_OTHER, o, num, sizeof(num));
	other_text(x, o, text, sizeof(text));
	if (smsc_mo(x->s, num, text, err, sizeof(err)) == -1)
		return -1;
	x->ocount[o]++;
	x->oopen[o] = smo_new(x, kind, 0, measured);
	if (kind == SMO_SETUP)
		x->setup_out++;
	else if (measured)
		x->oth_sent++;
	else
		x->warm_sent++;
	return 0;
}

static bool
has_code(const char *t)
{
	const char	*p;

	for (p = t; (p = strchr(p, 'P')) != NULL; p++)
		if ((p == t || p[-1] == '\n' || p[-1] == ' ') &&
		    p[1] >= '0' && p[1] <= '9')
			return true;
	return false;
}

/* lower-case ASCII copy */
static void
lower_copy(char *dst, const char *src, size_t len)
{
	size_t	i;

	for (i = 0; i + 1 < len && src[i] != '\0'; i++)
		dst[i] = src[i] >= 'A' && src[i] <= 'Z' ?
		    (char)(src[i] - 'A' + 'a') : src[i];
	dst[i] = '\0';
}

static void
cari_answer(struct search *x, uint32_t b, const struct sim_mt *mt)
{
	char		 low[SIM_TEXT_MAX];
	int32_t		 id, prev = -1, p;
	struct smo	*m;

	if (x->head[b] < 0) {
		x->unmatched++;
		return;
	}
	/* Replies name the query: the oldest outstanding CARI whose query
	 * the reply contains, else the oldest. */
	lower_copy(low, mt->text, sizeof(low));
	id = x->head[b];
	for (p = x->head[b]; p >= 0; prev = p, p = x->mo[p].next)
		if (strstr(low, catalog_query(x->mo[p].query)) != NULL) {
			id = p;
			break;
		}
	if (p < 0)
		prev = -1;
	if (prev >= 0)
		x->mo[prev].next = x->mo[id].next;
	else
		x->head[b] = x->mo[id].next;
	if (x->tail[b] == id)
		x->tail[b] = prev;
	m = &x->mo[id];
	m->answers++;
	if (!m->measured) {
		x->warm_ans++;
		return;
	}
	x->cari_ans++;
	x->last_cari_us = sim_now_us();
	lat_add(&x->lcari, x->last_cari_us - m->sent_us);
	if (has_code(mt->text))
		x->hits++;
	else if (strstr(low, "ditemukan") != NULL ||
	    strstr(low, "not found") != NULL ||
	    strstr(low, "no product") != NULL) {
		x->nomatch++;
		x->q_nomatch[m->query]++;
	} else if (x->odd++ == 0)
		snprintf(x->first_odd, sizeof(x->first_odd), "%s", mt->text);
}

static void
other_answer(struct search *x, uint32_t o, const struct sim_mt *mt)
{
	struct smo	*m;
	long		 c;

	if (x->oopen[o] < 0) {
		x->notif++;
		return;
	}
	m = &x->mo[x->oopen[o]];
	x->oopen[o] = -1;
	m->answers++;
	if (o % 10 == 0) {
		if (mt->text[0] == 'P' && (c = sim_code_after(mt->text, "P")) > 0)
			x->olearnt[o] = (int32_t)c;	/* a JUAL's new code */
	} else if ((c = sim_code_after(mt->text, "YA ")) >= 0)
		x->olearnt[o] = (int32_t)c;
	if (m->kind == SMO_SETUP) {
		x->setup_out--;
		return;
	}
	if (!m->measured) {
		x->warm_ans++;
		return;
	}
	x->oth_ans++;
	x->last_oth_us = sim_now_us();
	lat_add(&x->loth, x->last_oth_us - m->sent_us);
}

static void
search_on_mt(void *arg, const struct sim_mt *mt)
{
	struct search	*x = arg;
	uint32_t	 i;

	switch (number_parse(mt->num, &i)) {
	case RANGE_BUYER:
		if (i < x->nbuy) {
			cari_answer(x, i, mt);
			return;
		}
		break;
	case RANGE_OTHER:
		if (i < x->noth) {
			other_answer(x, i, mt);
			return;
		}
		break;
	case RANGE_SELLER:	/* a filled seller told of a new order */
		x->notif++;
		return;
	default:
		break;
	}
	x->unmatched++;
}

/* Registers the other phones' sellers and lists one product each, waiting
 * for every reply: they then have a code for HARGA and STOK. */
static int
search_setup(struct search *x, double wait_s)
{
	uint64_t	t;
	uint32_t	o;
	int		step;

	for (step = 0; step < 2; step++) {
		for (o = 0; o < x->noth; o += 10)
			if (send_other(x, SMO_SETUP, o, false) == -1)
				return -1;
		t = sim_now_ms();
		while (!sim_stop && x->setup_out > 0 &&
		    sim_now_ms() - t < (uint64_t)(wait_s * 1000))
			smsc_step(x->s, 5, -1);
		if (x->setup_out > 0)
			return -1;
	}
	return 0;
}

/* Sends CARI at rate (0: keeping inflight outstanding) and other MOs at
 * orate for dur seconds; returns the end time. */
static uint64_t
run_for(struct search *x, double rate, double orate, int inflight,
    double dur, bool measured)
{
	uint64_t	t0 = sim_now_us(), t_end = t0 + (uint64_t)(dur * 1e6), t;
	uint64_t	ncari = 0, noth = 0, out;

	while (!sim_stop && (t = sim_now_us()) < t_end) {
		if (rate > 0) {
			uint64_t due = (uint64_t)((double)(t - t0) * rate / 1e6);

			while (ncari < due && smsc_backlog(x->s) < BACKLOG_MAX) {
				if (send_cari(x, measured) == -1)
					break;
				ncari++;
			}
		} else {
			out = x->cari_sent - x->cari_ans + x->warm_sent -
			    x->warm_ans;
			while (smsc_backlog(x->s) < (size_t)smsc_window(x->s) &&
			    out < (uint64_t)inflight) {
				if (send_cari(x, measured) == -1)
					break;
				out++;
			}
		}
		if (orate > 0) {
			uint64_t due = (uint64_t)((double)(t - t0) * orate /
			    1e6);

			while (noth < due && smsc_backlog(x->s) < BACKLOG_MAX) {
				int r = send_other(x, SMO_OTHER, 0, measured);

				if (r == -1)
					break;
				if (r == 1)
					x->oth_skipped++;
				noth++;
			}
		}
		smsc_step(x->s, 1, -1);
	}
	return t_end;
}

static void
usage_search(void)
{
	fprintf(stderr, "usage: lapak-sim search --products N -r CARI_PER_S "
	    "-d SECONDS [-n BUYERS] [--seed N] [--other-rate MO_PER_S] "
	    "[--other-phones N] [--in-flight N] [--warmup S] [--drain S] "
	    "[--bind-timeout S]\n");
}

int
sim_search(struct smsc *s, int argc, char **argv)
{
	struct search	 x;
	const struct smsc_stats *st;
	double		 rate = 100, orate = 0, dur = 10, drain = 60, warm = 0;
	double		 bindwait = 30, el, c50, c99, cmax, o50, o99, omax;
	uint64_t	 t0, t_end, t, end;
	long long	 nprod = 0;
	int		 i, inflight = 0, rc = 1;
	size_t		 q;
	const char	*v;

	memset(&x, 0, sizeof(x));
	x.nbuy = 5000;
	x.noth = 2000;
	for (i = 1; i < argc; i++) {
		const char	*a = argv[i];

		if (!opt_value(argc, argv, &i, &v)) {
			usage_search();
			return 2;
		}
		if (strcmp(a, "--products") == 0)
			nprod = atoll(v);
		else if (strcmp(a, "-r") == 0)
			rate = atof(v);
		else if (strcmp(a, "-d") == 0)
			dur = atof(v);
		else if (strcmp(a, "-n") == 0)
			x.nbuy = (uint32_t)atoi(v);
		else if (strcmp(a, "--seed") == 0)
			x.cat.seed = strtoull(v, NULL, 10);
		else if (strcmp(a, "--other-rate") == 0)
			orate = atof(v);
		else if (strcmp(a, "--other-phones") == 0)
			x.noth = (uint32_t)atoi(v);
		else if (strcmp(a, "--in-flight") == 0)
			inflight = atoi(v);
		else if (strcmp(a, "--drain") == 0)
			drain = atof(v);
		else if (strcmp(a, "--warmup") == 0)
			warm = atof(v);
		else if (strcmp(a, "--bind-timeout") == 0)
			bindwait = atof(v);
		else {
			usage_search();
			return 2;
		}
	}
	if (nprod < 1 || (uint64_t)nprod >= catalog_capacity() || rate < 0 ||
	    orate < 0 || dur <= 0 || drain < 0 || warm < 0 || x.nbuy < 1 ||
	    x.nbuy > PHONES_MAX || x.noth < 10 || x.noth > PHONES_MAX ||
	    inflight < 0) {
		usage_search();
		return 2;
	}
	if (inflight == 0)
		inflight = 2 * smsc_window(s);
	catalog_init(&x.cat, x.cat.seed);
	x.s = s;
	x.nprod = (uint64_t)nprod;
	x.rng = x.cat.seed * 31 + 1;
	x.head = xmalloc(x.nbuy * sizeof(*x.head));
	x.tail = xmalloc(x.nbuy * sizeof(*x.tail));
	memset(x.head, 0xff, x.nbuy * sizeof(*x.head));
	memset(x.tail, 0xff, x.nbuy * sizeof(*x.tail));
	x.oopen = xmalloc(x.noth * sizeof(*x.oopen));
	x.olearnt = xmalloc(x.noth * sizeof(*x.olearnt));
	memset(x.oopen, 0xff, x.noth * sizeof(*x.oopen));
	memset(x.olearnt, 0xff, x.noth * sizeof(*x.olearnt));
	x.ocount = xcalloc(x.noth, sizeof(*x.ocount));
	x.q_sent = xcalloc(catalog_nqueries(), sizeof(*x.q_sent));
	x.q_nomatch = xcalloc(catalog_nqueries(), sizeof(*x.q_nomatch));
	smsc_set_mt_cb(s, search_on_mt, &x);

	t = sim_now_ms();
	while (!smsc_bound(s) && !sim_stop &&
	    sim_now_ms() - t < (uint64_t)(bindwait * 1000))
		smsc_step(s, 50, -1);
	if (!smsc_bound(s)) {
		fprintf(stderr, "lapak-sim: search: no ESME bound within %gs\n",
		    bindwait);
		goto out;
	}
	if (orate > 0 && search_setup(&x, drain > 30 ? drain : 30) == -1) {
		fprintf(stderr, "lapak-sim: search: the other sellers' setup "
		    "got no reply\n");
		goto out;
	}
	/* The warm-up runs at the same rates, unmeasured, straight into the
	 * measured run: lapakd's caches and the store's pages are in use. */
	if (warm > 0) {
		run_for(&x, rate, orate, inflight, warm, false);
		x.oth_skipped = 0;
	}
	t0 = sim_now_us();
	t_end = run_for(&x, rate, orate, inflight, dur, true);
	/* Drain: every MO answered, or the drain time is up. */
	t = sim_now_us();
	while (!sim_stop && sim_now_us() - t < (uint64_t)(drain * 1e6) &&
	    (x.cari_ans < x.cari_sent || x.oth_ans < x.oth_sent))
		smsc_step(s, 5, -1);
	t = sim_now_us();
	while (!sim_stop && sim_now_us() - t < 300000)
		smsc_step(s, 5, -1);

	lat_pct(&x.lcari, &c50, &c99, &cmax);
	lat_pct(&x.loth, &o50, &o99, &omax);
	end = x.last_cari_us > x.last_oth_us ? x.last_cari_us : x.last_oth_us;
	el = (double)((end > t_end ? end : t_end) - t0) / 1e6;
	if (x.odd > 0)
		fprintf(stderr, "lapak-sim: search: %llu CARI replies neither "
		    "list nor say no match; the first: %s\n",
		    (unsigned long long)x.odd, x.first_odd);
	st = smsc_stats(s);
	printf("{\"mode\":\"search\",\"products\":%llu,\"seconds\":%g,"
	    "\"cari_rate\":%g,\"cari_sent\":%llu,\"cari_answered\":%llu,"
	    "\"searches_per_s\":%.1f,\"cari_p50_ms\":%.2f,"
	    "\"cari_p99_ms\":%.2f,\"cari_max_ms\":%.2f,\"cari_hits\":%llu,"
	    "\"cari_nomatch\":%llu,\"cari_odd\":%llu,"
	    "\"cari_unanswered\":%llu,\"empty_queries\":\"",
	    (unsigned long long)x.nprod, dur, rate,
	    (unsigned long long)x.cari_sent, (unsigned long long)x.cari_ans,
	    (double)x.cari_ans / el, c50, c99, cmax,
	    (unsigned long long)x.hits, (unsigned long long)x.nomatch,
	    (unsigned long long)x.odd,
	    (unsigned long long)(x.cari_sent - x.cari_ans));
	for (q = 0, i = 0; q < catalog_nqueries(); q++)
		if (x.q_nomatch[q] > 0)
			printf("%s%s", i++ ? "," : "", catalog_query(q));
	printf("\",\"other_rate\":%g,\"other_sent\":%llu,"
	    "\"other_answered\":%llu,\"other_per_s\":%.1f,"
	    "\"other_p50_ms\":%.2f,\"other_p99_ms\":%.2f,"
	    "\"other_max_ms\":%.2f,\"other_unanswered\":%llu,"
	    "\"other_not_sent\":%llu,\"notifications\":%llu,"
	    "\"unmatched\":%llu,\"mo_acked\":%llu,"
	    "\"redelivered\":%llu,\"elapsed_s\":%.2f}\n",
	    orate, (unsigned long long)x.oth_sent,
	    (unsigned long long)x.oth_ans, (double)x.oth_ans / el, o50, o99,
	    omax, (unsigned long long)(x.oth_sent - x.oth_ans),
	    (unsigned long long)x.oth_skipped, (unsigned long long)x.notif,
	    (unsigned long long)x.unmatched,
	    (unsigned long long)st->mo_acked,
	    (unsigned long long)st->redelivered, el);
	rc = 0;
out:
	smsc_set_mt_cb(s, NULL, NULL);
	free(x.mo);
	free(x.head);
	free(x.tail);
	free(x.oopen);
	free(x.olearnt);
	free(x.ocount);
	free(x.q_sent);
	free(x.q_nomatch);
	free(x.lcari.v);
	free(x.loth.v);
	return rc;
}
