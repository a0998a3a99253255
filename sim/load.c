/* Load mode: sends MOs from many numbers at a set rate, matches each MT to
 * its MO (by a "m<N>" token the echo handler sends back, else by number),
 * and prints one JSON line of throughput, latency and loss last. --log FILE
 * writes each answer's latency and every MT to a number outside the load
 * (promotions, say) with wall-clock times, for a test to cut into phases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/xalloc.h"
#include "sim/sim.h"

enum load_mix { MIX_SMS, MIX_COMMERCE, MIX_USSD };

struct lmo {
	uint64_t	sent_us;
	uint32_t	phone;
	uint16_t	answers;
};

struct load {
	struct smsc	*s;
	enum load_mix	 mix;
	int		 phones;
	struct lmo	*mo;
	size_t		 nmo, capmo;
	int32_t		*open;		/* per phone: outstanding token, -1 none */
	uint32_t	*lat;		/* latency samples, microseconds */
	size_t		 nlat, caplat;
	uint64_t	 mt, dup, unmatched, last_mt_us;
	/* commerce mix: setup sellers (numbers after the measured phones),
	 * and what each measured phone learnt from its replies */
	int		 nsetup;
	uint64_t	 setup_mt;
	uint32_t	*count;		/* MOs sent per phone */
	int32_t		*learnt;	/* product code (sellers) or YA code (buyers) */
	/* --log: "r SENT_MS LATENCY_US" per first answer, "o AT_MS NUMBER
	 * SEGMENTS TEXT" per MT to a number outside the load; wall-clock ms */
	FILE		*log;
	int64_t		 wall_off_ms;	/* wall clock minus monotonic, ms */
};

static uint64_t
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/* Wall-clock milliseconds minus monotonic ones: a log's time base. */
static int64_t
wall_offset_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 -
	    (int64_t)(now_us() / 1000);
}

/* An MT to a number outside the load, on one log line. */
static void
log_other(struct load *l, const struct sim_mt *mt)
{
	const char	*t;

	fprintf(l->log, "o %lld %s %d ", (long long)l->wall_off_ms +
	    (long long)(l->last_mt_us / 1000), mt->num, mt->segments);
	for (t = mt->text; *t != '\0'; t++) {
		if (*t == '\n')
			fputs("\\n", l->log);
		else if (*t != '\r')
			fputc(*t, l->log);
	}
	fputc('\n', l->log);
}

static void
phone_number(int i, char *buf, size_t len)
{
	snprintf(buf, len, "+628139%07d", i);
}

/* Finds "m<digits>" as a word in text; -1 when absent. */
static long
token_of(const char *t)
{
	const char	*p;
	char		*e;
	long		 v;

	for (p = t; (p = strchr(p, 'm')) != NULL; p++) {
		if (p > t && ((p[-1] >= '0' && p[-1] <= '9') ||
		    (p[-1] >= 'A' && p[-1] <= 'z')))
			continue;
		if (p[1] < '0' || p[1] > '9')
			continue;
		v = strtol(p + 1, &e, 10);
		if (*e == '\0' || !((*e >= '0' && *e <= '9') ||
		    (*e >= 'A' && *e <= 'z')))
			return v;
	}
	return -1;
}

static int
phone_index(const char *num)
{
	const char	*p = num[0] == '+' ? num + 1 : num;

	if (strncmp(p, "628139", 6) != 0)
		return -1;
	return atoi(p + 6);
}

long
sim_code_after(const char *t, const char *prefix)
{
	const char	*p;
	size_t		 n = strlen(prefix);

	for (p = t; (p = strstr(p, prefix)) != NULL; p += n)
		if (p[n] >= '0' && p[n] <= '9' && (p == t || p[-1] == ' ' ||
		    p[-1] == ':' || p[-1] == '\n'))
			return strtol(p + n, NULL, 10);
	return -1;
}

static void
on_mt(void *arg, const struct sim_mt *mt)
{
	struct load	*l = arg;
	long		 tok = token_of(mt->text);
	int		 ph = phone_index(mt->num);
	struct lmo	*m;

	l->mt++;
	l->last_mt_us = now_us();
	if (l->log != NULL && ph < 0)
		log_other(l, mt);
	if (l->mix == MIX_COMMERCE) {
		if (ph >= l->phones) {		/* setup sellers, notifications */
			l->setup_mt++;
			return;
		}
		if (ph >= 0) {
			long	c = sim_code_after(mt->text, ph % 10 == 0 ? "P" : "YA ");

			if (c >= 0)
				l->learnt[ph] = (int32_t)c;
		}
		tok = -1;	/* matched by number: one open MO per phone */
	}
	if ((tok < 0 || (size_t)tok >= l->nmo) && ph >= 0 && ph < l->phones)
		tok = l->open[ph];
	if (tok < 0 || (size_t)tok >= l->nmo) {
		l->unmatched++;
		return;
	}
	m = &l->mo[tok];
	if (m->answers++ > 0) {
		l->dup++;
		return;
	}
	if (ph >= 0 && ph < l->phones && l->open[ph] == tok)
		l->open[ph] = -1;
	if (l->nlat == l->caplat) {
		l->caplat = l->caplat ? l->caplat * 2 : 4096;
		l->lat = xrealloc(l->lat, l->caplat * sizeof(*l->lat));
	}
	l->lat[l->nlat++] = (uint32_t)(l->last_mt_us - m->sent_us);
	if (l->log != NULL)
		fprintf(l->log, "r %lld %u\n", (long long)l->wall_off_ms +
		    (long long)(m->sent_us / 1000), l->lat[l->nlat - 1]);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The commerce mix. One phone in ten is a seller: it registers, then lists
 * products and changes the price of the one it listed (JUAL, HARGA). The
 * others buy from the setup sellers' products: CARI, BELI, YA <code> (the
 * code read from the BELI reply), INFO. Every state-changing text is unique,
 * so the repeat window never answers for the handler. */
static void
commerce_text(struct load *l, int ph, char *text, size_t len)
{
	uint32_t	c = l->count[ph];
	int		prod = 1 + (int)((c / 4 + (uint32_t)ph) % (uint32_t)l->nsetup);

	if (ph % 10 == 0) {
		if (c == 0)
			snprintf(text, len, "DAFTAR Toko M%d, Desa Maju", ph);
		else if (c % 2 == 1 || l->learnt[ph] < 0)
			snprintf(text, len, "JUAL Kopi bubuk %u %urb 50", c,
			    10 + c % 40);
		else
			snprintf(text, len, "HARGA P%d %u", l->learnt[ph],
			    10000 + c);
		return;
	}
	switch (c % 4) {
	case 0:
		snprintf(text, len, "CARI %s", c % 8 ? "keripik" : "kripik");
		break;
	case 1:
		snprintf(text, len, "BELI P%d 1 rumah %u", prod, c);
		break;
	case 2:
		if (l->learnt[ph] >= 1000)
			snprintf(text, len, "YA %d", l->learnt[ph]);
		else
			snprintf(text, len, "INFO P%d", prod);
		l->learnt[ph] = -1;
		break;
	default:
		snprintf(text, len, "INFO P%d", prod);
		break;
	}
}

/* Registers the setup sellers and lists one product each (P1..Pn), and waits
 * for their replies before the measured run. */
static int
commerce_setup(struct load *l)
{
	char		num[SIM_NUM_LEN], text[96], err[128];
	uint64_t	t;
	int		i;

	l->nsetup = l->phones / 20 > 0 ? l->phones / 20 : 1;
	l->count = xcalloc((size_t)l->phones, sizeof(*l->count));
	l->learnt = xmalloc((size_t)l->phones * sizeof(*l->learnt));
	for (i = 0; i < l->phones; i++)
		l->learnt[i] = -1;
	for (i = 0; i < l->nsetup; i++) {
		phone_number(l->phones + i, num, sizeof(num));
		snprintf(text, sizeof(text), "DAFTAR Toko S%d, Desa %d", i, i % 13);
		if (smsc_mo(l->s, num, text, err, sizeof(err)) == -1)
			return -1;
	}
	for (i = 0; i < l->nsetup; i++) {
		phone_number(l->phones + i, num, sizeof(num));
		snprintf(text, sizeof(text), "JUAL Keripik rasa %d %drb 1000000",
		    i, 10 + i % 40);
		if (smsc_mo(l->s, num, text, err, sizeof(err)) == -1)
			return -1;
	}
	t = sim_now_ms();
	while (!sim_stop && l->setup_mt < 2 * (uint64_t)l->nsetup &&
	    sim_now_ms() - t < 30000)
		smsc_step(l->s, 5, -1);
	if (sim_stop || l->setup_mt < 2 * (uint64_t)l->nsetup)
		return -1;
	l->setup_mt = 0;
	l->mt = 0;
	return 0;
}

/* Sends one MO from the next phone; false when every phone is busy. */
static bool
send_one(struct load *l, int *next)
{
	char		 num[SIM_NUM_LEN], text[96], err[128];
	struct lmo	*m;
	int		 i, ph = -1, rc;

	for (i = 0; i < l->phones; i++) {
		int	c = (*next + i) % l->phones;

		if (l->mix == MIX_SMS || l->open[c] < 0) {
			ph = c;
			break;
		}
	}
	if (ph < 0)
		return false;
	*next = (ph + 1) % l->phones;
	if (l->nmo == l->capmo) {
		l->capmo = l->capmo ? l->capmo * 2 : 65536;
		l->mo = xrealloc(l->mo, l->capmo * sizeof(*l->mo));
	}
	phone_number(ph, num, sizeof(num));
	switch (l->mix) {
	case MIX_SMS:
		snprintf(text, sizeof(text), "ECHO m%zu", l->nmo);
		rc = smsc_mo(l->s, num, text, err, sizeof(err));
		break;
	case MIX_COMMERCE:
		commerce_text(l, ph, text, sizeof(text));
		l->count[ph]++;
		rc = smsc_mo(l->s, num, text, err, sizeof(err));
		break;
	default:
		if (smsc_ussd_open(l->s, num))
			(void)smsc_ussd(l->s, num, "", true, err, sizeof(err));
		rc = smsc_ussd(l->s, num, "*123*45#", false, err, sizeof(err));
		break;
	}
	if (rc == -1)
		return false;
	m = &l->mo[l->nmo];
	m->sent_us = now_us();
	m->phone = (uint32_t)ph;
	m->answers = 0;
	l->open[ph] = (int32_t)l->nmo;
	l->nmo++;
	return true;
}

static void
usage_load(void)
{
	fprintf(stderr, "usage: lapak-sim load -n PHONES -r RATE_PER_S "
	    "-d SECONDS [-W window] [--mix sms|commerce|ussd] [--drain S] "
	    "[--bind-timeout S] [--log FILE]\n");
}

int
sim_load(struct smsc *s, int argc, char **argv)
{
	struct load	 l;
	const struct smsc_stats *st;
	double		 rate = 100, dur = 10, drain = 10, bindwait = 30;
	double		 el, p50 = 0, p99 = 0;
	uint64_t	 t0, t_end, t, lost = 0;
	size_t		 i;
	int		 window = 64, next = 0;
	const char	*logpath = NULL;

	memset(&l, 0, sizeof(l));
	l.phones = 100;
	for (i = 1; i < (size_t)argc; i++) {
		const char	*a = argv[i], *v = i + 1 < (size_t)argc ?
		    argv[i + 1] : NULL;

		if (v == NULL) {
			usage_load();
			return 2;
		}
		if (strcmp(a, "-n") == 0)
			l.phones = atoi(v);
		else if (strcmp(a, "-r") == 0)
			rate = atof(v);
		else if (strcmp(a, "-d") == 0)
			dur = atof(v);
		else if (strcmp(a, "-W") == 0)
			window = atoi(v);
		else if (strcmp(a, "--drain") == 0)
			drain = atof(v);
		else if (strcmp(a, "--bind-timeout") == 0)
			bindwait = atof(v);
		else if (strcmp(a, "--log") == 0)
			logpath = v;
		else if (strcmp(a, "--mix") == 0) {
			if (strcmp(v, "sms") == 0 || strcmp(v, "echo") == 0)
				l.mix = MIX_SMS;
			else if (strcmp(v, "commerce") == 0)
				l.mix = MIX_COMMERCE;
			else if (strcmp(v, "ussd") == 0)
				l.mix = MIX_USSD;
			else {
				usage_load();
				return 2;
			}
		} else {
			usage_load();
			return 2;
		}
		i++;
	}
	if (l.phones < 1 || l.phones > 9999999 || rate < 0 || dur <= 0 ||
	    window < 1) {
		usage_load();
		return 2;
	}
	if (logpath != NULL) {
		if ((l.log = fopen(logpath, "w")) == NULL) {
			fprintf(stderr, "lapak-sim: load: %s: cannot open\n",
			    logpath);
			return 1;
		}
		l.wall_off_ms = wall_offset_ms();
	}
	smsc_set_window(s, window);
	l.s = s;
	l.open = xmalloc((size_t)l.phones * sizeof(*l.open));
	for (i = 0; i < (size_t)l.phones; i++)
		l.open[i] = -1;
	smsc_set_mt_cb(s, on_mt, &l);

	t = sim_now_ms();
	while (!smsc_bound(s) && !sim_stop &&
	    sim_now_ms() - t < (uint64_t)(bindwait * 1000))
		smsc_step(s, 50, -1);
	if (!smsc_bound(s)) {
		fprintf(stderr, "lapak-sim: load: no ESME bound within %gs\n",
		    bindwait);
		if (l.log != NULL)
			fclose(l.log);
		free(l.open);
		return 1;
	}
	if (l.mix == MIX_COMMERCE && commerce_setup(&l) == -1) {
		fprintf(stderr, "lapak-sim: load: commerce setup failed\n");
		if (l.log != NULL)
			fclose(l.log);
		free(l.open);
		return 1;
	}
	t0 = now_us();
	t_end = t0 + (uint64_t)(dur * 1e6);
	while (!sim_stop && (t = now_us()) < t_end) {
		if (rate > 0) {
			uint64_t due = (uint64_t)((double)(t - t0) * rate / 1e6);

			while (l.nmo < due && smsc_backlog(s) < 100000 &&
			    send_one(&l, &next))
				;
		} else {
			while (smsc_backlog(s) < (size_t)window &&
			    send_one(&l, &next))
				;
		}
		smsc_step(s, 1, -1);
	}
	t = now_us();
	while (!sim_stop && now_us() - t < (uint64_t)(drain * 1e6) &&
	    (l.nlat < l.nmo || smsc_backlog(s) > 0))
		smsc_step(s, 5, -1);
	/* Late duplicates show up shortly after the last answer. */
	t = now_us();
	while (!sim_stop && now_us() - t < 300000)
		smsc_step(s, 5, -1);

	for (i = 0; i < l.nmo; i++)
		if (l.mo[i].answers == 0)
			lost++;
	if (l.nlat > 0) {
		qsort(l.lat, l.nlat, sizeof(*l.lat), cmp_u32);
		/* NOLINTNEXTLINE(bugprone-integer-division): an index */
		p50 = l.lat[l.nlat / 2] / 1000.0;
		p99 = l.lat[(l.nlat * 99) / 100 < l.nlat ? (l.nlat * 99) / 100 :
		    l.nlat - 1] / 1000.0;
	}
	st = smsc_stats(s);
	el = (double)((l.last_mt_us > t_end ? l.last_mt_us : t_end) - t0) / 1e6;
	if (el <= 0)
		el = 1;
	printf("{\"mo_sent\":%zu,\"mo_acked\":%llu,\"mt_received\":%llu,"
	    "\"mo_per_s\":%.1f,\"mt_per_s\":%.1f,\"p50_ms\":%.2f,"
	    "\"p99_ms\":%.2f,\"lost\":%llu,\"duplicated\":%llu,"
	    "\"redelivered\":%llu,\"unmatched\":%llu,\"mix\":\"%s\"}\n",
	    l.nmo, (unsigned long long)st->mo_acked,
	    (unsigned long long)l.mt, (double)st->mo_acked / el,
	    (double)l.mt / el, p50, p99, (unsigned long long)lost,
	    (unsigned long long)l.dup, (unsigned long long)st->redelivered,
	    (unsigned long long)l.unmatched + l.setup_mt,
	    l.mix == MIX_SMS ? "sms" : l.mix == MIX_COMMERCE ? "commerce" :
	    "ussd");
	smsc_set_mt_cb(s, NULL, NULL);
	if (l.log != NULL)
		fclose(l.log);
	free(l.open);
	free(l.mo);
	free(l.lat);
	free(l.count);
	free(l.learnt);
	return 0;
}
