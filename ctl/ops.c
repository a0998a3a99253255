/* lapakctl's operator verbs (issue 15, operators): takedown, outbox (list,
 * retry, purge), inbox, sessions and backup. Each opens its own connection
 * and writes in one short transaction (busy timeout of the store), so it
 * is safe while lapakd runs: lapakd's outbound pump rescans the outbox
 * every second and sends what is queued and due, so a requeued row or a
 * seller's notice leaves without a signal. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "commerce/commerce.h"
#include "commerce/repo.h"
#include "common/action.h"
#include "common/log.h"
#include "conf/templates.h"
#include "ctl/ctl.h"
#include "gateway/codec.h"
#include "menus/menu.h"
#include "menus/reply.h"
#include "store/commerce.h"
#include "store/msg.h"
#include "store/operator.h"
#include "store/repo_sqlite.h"
#include "store/store.h"
#include "store/ussd.h"

static int
open_reader(const struct ctl *x, struct store **st)
{
	char	err[1024];

	if (store_open_reader(st, x->conf->store_path, err, sizeof(err)) ==
	    -1) {
		fprintf(stderr, "lapakctl: %s\n", err);
		return -1;
	}
	return 0;
}

/* N in lo..hi from text, or -1 (told). */
static long
count_arg(const char *what, const char *text, long lo, long hi)
{
	char	*end;
	long	 v = strtol(text, &end, 10);

	if (text[0] == '\0' || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "lapakctl: %s: %ld-%ld\n", what, lo, hi);
		return -1;
	}
	return v;
}

static const char *
ms_time(int64_t ms, char *buf, size_t len)
{
	time_t		t = (time_t)(ms / 1000);
	struct tm	tm;

	if (ms <= 0)
		snprintf(buf, len, "-");
	else if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(buf, len, "%lld", (long long)ms);
	return buf;
}

/* The first n characters of UTF-8 text, newlines as spaces and other
 * control characters as '?' (a body is the sender's: no escape sequence
 * reaches the operator's terminal). */
static const char *
cut_chars(const char *text, int n, char *buf, size_t len)
{
	size_t	i, o = 0;
	int	chars = 0;

	for (i = 0; text[i] != '\0' && o + 5 < len; i++) {
		unsigned char	c = (unsigned char)text[i];

		if ((c & 0xc0) != 0x80 && chars++ == n)
			break;
		buf[o++] = c == '\n' || c == '\r' || c == '\t' ? ' ' :
		    c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	if (text[i] != '\0' && o + 4 < len) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

/* Digit runs of 7 or more (a phone number in a body) as their first 4
 * digits and stars. */
static void
mask_digits(char *s)
{
	size_t	i, j;

	for (i = 0; s[i] != '\0'; i = j) {
		for (j = i; s[j] >= '0' && s[j] <= '9'; j++)
			;
		if (j - i >= 7) {
			size_t	k;

			for (k = i + 4; k < j; k++)
				s[k] = '*';
		}
		if (j == i)
			j++;
	}
}

/* The link lapakd would pick for an MT to to: the number's, routes', the
 * default. */
static void
pick_link(const struct conf *c, struct store *st, const char *to, char *link,
    size_t len)
{
	const char	*l;
	size_t		 i;

	if (msg_route_get(st, to, link, len))
		return;
	l = conf_route_link(c, to);
	for (i = 0; l == NULL && i < c->nsmsc; i++)
		if (c->smsc[i].default_route)
			l = c->smsc[i].name;
	snprintf(link, len, "%s", l != NULL ? l : c->smsc[0].name);
}

static enum store_rc
queue_sms(const struct conf *c, struct store *st, const char *to,
    const char *text)
{
	struct msg_out	o;

	memset(&o, 0, sizeof(o));
	pick_link(c, st, to, o.link, sizeof(o.link));
	snprintf(o.dst, sizeof(o.dst), "%s", to);
	snprintf(o.text, sizeof(o.text), "%s", text);
	o.kind = MSG_SMS;
	o.ussd_op = -1;
	o.ussd_sid = -1;
	return msg_outbox_add(st, 0, &o, (int64_t)time(NULL) * 1000,
	    c->validity_s);
}

/*
 * takedown CODE --reason TEXT
 */

/* The seller's notice in one GSM-7 segment: the reason cut at a word with
 * "..." when the whole does not fit. */
/* Cuts r at the last space at or before r[keep] (spaces before it too)
 * and ends it with "..."; with no space there, keeps keep bytes. */
static void
cut_at_word(char *r, size_t keep)
{
	size_t	n = keep;

	while (n > 0 && r[n] != ' ')
		n--;
	while (n > 0 && r[n - 1] == ' ')
		n--;
	if (n == 0)
		n = keep;
	memcpy(r + n, "...", 4);
}

static void
takedown_text(const struct templates *t, const char *lang,
    const struct product *p, const char *reason, char *out, size_t len)
{
	struct act_msg	m;
	char		r[256];
	size_t		n;

	snprintf(r, sizeof(r), "%s", reason);
	/* a template value holds ACT_VAL_MAX - 1 bytes: cut there first */
	if (strlen(r) >= ACT_VAL_MAX)
		cut_at_word(r, ACT_VAL_MAX - 4);
	for (;;) {
		memset(&m, 0, sizeof(m));
		snprintf(m.tmpl, sizeof(m.tmpl), "%s",
		    commerce_tmpl_name(TMPL_TAKEDOWN_SELLER));
		act_set(&m, "name", "%s", p->name);
		act_set(&m, "code", "P%" PRId64, p->id);
		act_set(&m, "reason", "%s", r);
		reply_render(t, &m, lang, out, len);
		n = strlen(r);
		if (codec_segments(out) <= 1 || n <= 4)
			return;
		/* drop the last word (or character) and its "..." */
		if (strcmp(r + n - 3, "...") == 0)
			n -= 3;
		cut_at_word(r, n - 1);
	}
}

int
ctl_takedown(const struct ctl *x, int argc, char **argv)
{
	struct templates	*t = NULL;
	struct store		*st;
	struct repo		 r;
	struct product		 p;
	struct seller		 s;
	enum repo_rc		 rc;
	const char		*reason, *code, *q;
	char			 err[1024], text[640];
	char			 detail[OP_DETAIL_MAX], m[LOG_MSISDN_LEN], *end;
	int64_t			 id;
	bool			 told = false, was = false;

	if (argc != 4 || strcmp(argv[2], "--reason") != 0)
		return 2;
	code = argv[1];
	reason = argv[3];
	id = strtoll(code + (code[0] == 'P' || code[0] == 'p'), &end, 10);
	if (*end != '\0' || id <= 0 || !(code[0] == 'P' || code[0] == 'p')) {
		fprintf(stderr, "lapakctl: takedown: %s: a product code like "
		    "P17\n", code);
		return 1;
	}
	for (q = reason; *q != '\0' && (unsigned char)*q >= 0x20 &&
	    (unsigned char)*q != 0x7f; q++)
		;
	if (reason[0] == '\0' || strlen(reason) > 150 ||
	    !codec_fits_gsm(reason) || *q != '\0') {
		fprintf(stderr, "lapakctl: takedown: --reason: 1 to 150 "
		    "characters, one line, GSM-7 (it is sent by SMS)\n");
		return 1;
	}
	if (templates_load_conf(x->conf, &t, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 3;
	}
	if (ctl_open_store(x, &st) == -1) {
		templates_free(t);
		return 3;
	}
	repo_sqlite_init(&r, st);
	if (store_begin(st) != STORE_OK)
		goto fail;
	rc = r.ops->product_get(r.be, id, &p, &s);
	if (rc == REPO_NOTFOUND) {
		store_rollback(st);
		fprintf(stderr, "lapakctl: takedown: P%" PRId64 ": no such "
		    "product\n", id);
		snprintf(detail, sizeof(detail), "no such product");
		(void)ctl_audit_own(st, "takedown", code, false, "refused",
		    detail);
		store_close(st);
		templates_free(t);
		return 1;
	}
	if (rc != REPO_OK)
		goto fail;
	was = p.active;
	if (p.active && r.ops->product_delist(r.be, id, "operator",
	    (int64_t)time(NULL)) != REPO_OK)
		goto fail;
	if (op_takedown_note(st, id, reason) != STORE_OK)
		goto fail;
	/* An erased seller's row keeps a pseudonym, no number: none told. */
	if (was && s.msisdn[0] == '+') {
		takedown_text(t, commerce_lang(st, s.msisdn,
		    x->conf->default_lang), &p, reason, text, sizeof(text));
		if (queue_sms(x->conf, st, s.msisdn, text) != STORE_OK)
			goto fail;
		told = true;
	}
	snprintf(detail, sizeof(detail), "seller %s; %s",
	    log_msisdn(s.msisdn, m, sizeof(m)), reason);
	if (ctl_audit(st, "takedown", code, false, was ? "ok" : "already",
	    detail) == -1 || store_commit(st) != STORE_OK)
		goto fail;
	printf("P%" PRId64 " %s %s%s\n", id, p.name, was ? "taken down" :
	    "was not listed (reason kept)", told ? "; the seller is told by "
	    "SMS" : "");
	if (told)
		printf("  %s\n", text);
	store_close(st);
	templates_free(t);
	return 0;
fail:
	fprintf(stderr, "lapakctl: takedown: %s\n", store_errmsg(st));
	store_rollback(st);
	store_close(st);
	templates_free(t);
	return 3;
}

/*
 * outbox [--state queued|failed|expired] [--number N] [--limit N]
 * outbox retry ID|--failed
 * outbox purge --before DAYS
 */

static const char *const state_names[] = {
	[MSG_QUEUED] = "queued", [MSG_SUBMITTED] = "submitted",
	[MSG_DELIVERED] = "delivered", [MSG_FAILED] = "failed",
	[MSG_EXPIRED] = "expired"
};

static const char *
state_name(int s)
{
	return s >= 0 && s <= MSG_EXPIRED ? state_names[s] : "?";
}

struct listing {
	bool	reveal;
	bool	inbox;
	int	n;
};

static void
print_msg(void *arg, const struct op_msg *mm)
{
	struct listing	*l = arg;
	char		 num[LOG_MSISDN_LEN], t[32], body[640], cut[200];

	snprintf(body, sizeof(body), "%s", mm->text);
	if (!l->reveal)
		mask_digits(body);
	cut_chars(body, 40, cut, sizeof(cut));
	if (l->inbox)
		printf("%8" PRId64 "  %-5s  %-16s  %-19s  %s\n", mm->id,
		    mm->state == 0 ? "new" : "done", l->reveal ? mm->number :
		    log_msisdn(mm->number, num, sizeof(num)),
		    ms_time(mm->created_ms, t, sizeof(t)), cut);
	else
		printf("%8" PRId64 "  %-9s  %-16s  %-19s  %8d  %s\n", mm->id,
		    state_name(mm->state), log_msisdn(mm->number, num,
		    sizeof(num)), ms_time(mm->created_ms, t, sizeof(t)),
		    mm->tries, cut);
	l->n++;
}

static int
outbox_list(const struct ctl *x, int argc, char **argv)
{
	struct listing	 l = { false, false, 0 };
	struct store	*st;
	char		 e164[24] = "";
	long		 limit = 50;
	int		 i, state = -1;

	for (i = 1; i < argc; i += 2) {
		if (i + 1 >= argc)
			return 2;
		if (strcmp(argv[i], "--state") == 0) {
			if (strcmp(argv[i + 1], "queued") == 0)
				state = MSG_QUEUED;
			else if (strcmp(argv[i + 1], "failed") == 0)
				state = MSG_FAILED;
			else if (strcmp(argv[i + 1], "expired") == 0)
				state = MSG_EXPIRED;
			else {
				fprintf(stderr, "lapakctl: outbox: --state "
				    "queued|failed|expired\n");
				return 1;
			}
		} else if (strcmp(argv[i], "--number") == 0) {
			if (ctl_number(x, argv[i + 1], e164, sizeof(e164)) ==
			    -1)
				return 1;
		} else if (strcmp(argv[i], "--limit") == 0) {
			if ((limit = count_arg("outbox: --limit", argv[i + 1],
			    1, 100000)) == -1)
				return 1;
		} else
			return 2;
	}
	if (open_reader(x, &st) == -1)
		return 3;
	printf("%8s  %-9s  %-16s  %-19s  %8s  %s\n", "id", "state", "number",
	    "created", "attempts", "text");
	if (op_outbox_list(st, state, e164, (int)limit, print_msg, &l) !=
	    STORE_OK) {
		fprintf(stderr, "lapakctl: outbox: %s\n", store_errmsg(st));
		store_close(st);
		return 3;
	}
	store_close(st);
	return 0;
}

static int
outbox_retry(const struct ctl *x, int argc, char **argv)
{
	struct store	*st;
	enum store_rc	 rc;
	char		 target[32], detail[64];
	int64_t		 id = 0, n = 0;
	char		*end;

	if (argc != 3)
		return 2;
	if (strcmp(argv[2], "--failed") != 0) {
		id = strtoll(argv[2], &end, 10);
		if (*end != '\0' || id <= 0) {
			fprintf(stderr, "lapakctl: outbox retry: ID (a number "
			    "from lapakctl outbox) or --failed\n");
			return 1;
		}
	}
	snprintf(target, sizeof(target), "%s", id > 0 ? argv[2] : "failed");
	if (ctl_open_store(x, &st) == -1)
		return 3;
	if (store_begin(st) != STORE_OK)
		goto fail;
	rc = op_outbox_retry(st, id, (int64_t)time(NULL) * 1000,
	    x->conf->validity_s, &n);
	if (rc == STORE_NOTFOUND || rc == STORE_CONFLICT) {
		store_rollback(st);
		fprintf(stderr, "lapakctl: outbox retry: %s: %s\n", argv[2],
		    rc == STORE_NOTFOUND ? "no such message" :
		    "neither failed nor expired");
		(void)ctl_audit_own(st, "outbox retry", target, false,
		    "refused", rc == STORE_NOTFOUND ? "no such message" :
		    "not failed or expired");
		store_close(st);
		return 1;
	}
	snprintf(detail, sizeof(detail), "%" PRId64 " requeued", n);
	if (rc != STORE_OK || ctl_audit(st, "outbox retry", target, false,
	    "ok", detail) == -1 || store_commit(st) != STORE_OK)
		goto fail;
	printf("%" PRId64 " message%s queued again (lapakd sends %s within a "
	    "second)\n", n, n == 1 ? "" : "s", n == 1 ? "it" : "them");
	store_close(st);
	return 0;
fail:
	fprintf(stderr, "lapakctl: outbox retry: %s\n", store_errmsg(st));
	store_rollback(st);
	store_close(st);
	return 3;
}

static int
outbox_purge(const struct ctl *x, int argc, char **argv)
{
	struct store	*st;
	char		 target[32], detail[64];
	int64_t		 n = 0, before;
	long		 days;

	if (argc != 4 || strcmp(argv[2], "--before") != 0)
		return 2;
	if ((days = count_arg("outbox purge: --before DAYS", argv[3], 0,
	    36500)) == -1)
		return 1;
	before = ((int64_t)time(NULL) - (int64_t)days * 86400) * 1000;
	snprintf(target, sizeof(target), "before %ld days", days);
	if (ctl_open_store(x, &st) == -1)
		return 3;
	if (store_begin(st) != STORE_OK ||
	    op_outbox_purge(st, before, &n) != STORE_OK)
		goto fail;
	snprintf(detail, sizeof(detail), "%" PRId64 " deleted", n);
	if (ctl_audit(st, "outbox purge", target, false, "ok", detail) == -1 ||
	    store_commit(st) != STORE_OK)
		goto fail;
	printf("%" PRId64 " finished message%s older than %ld day%s deleted "
	    "(queued ones are kept)\n", n, n == 1 ? "" : "s", days,
	    days == 1 ? "" : "s");
	store_close(st);
	return 0;
fail:
	fprintf(stderr, "lapakctl: outbox purge: %s\n", store_errmsg(st));
	store_rollback(st);
	store_close(st);
	return 3;
}

int
ctl_outbox(const struct ctl *x, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "retry") == 0)
		return outbox_retry(x, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "purge") == 0)
		return outbox_purge(x, argc, argv);
	return outbox_list(x, argc, argv);
}

/*
 * inbox --number N [--limit N] [--reveal]
 */
int
ctl_inbox(const struct ctl *x, int argc, char **argv)
{
	struct listing	 l = { false, true, 0 };
	struct store	*st;
	char		 e164[24] = "", detail[64];
	long		 limit = 20;
	int		 i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--reveal") == 0)
			l.reveal = true;
		else if (i + 1 >= argc)
			return 2;
		else if (strcmp(argv[i], "--number") == 0) {
			if (ctl_number(x, argv[++i], e164, sizeof(e164)) == -1)
				return 1;
		} else if (strcmp(argv[i], "--limit") == 0) {
			if ((limit = count_arg("inbox: --limit", argv[++i], 1,
			    100000)) == -1)
				return 1;
		} else
			return 2;
	}
	if (e164[0] == '\0')
		return 2;
	/* A reveal is written down first: no audit row, no reveal. */
	if (l.reveal) {
		if (ctl_open_store(x, &st) == -1)
			return 3;
		snprintf(detail, sizeof(detail), "up to %ld messages", limit);
		if (ctl_audit_own(st, "inbox --reveal", e164, true, "ok",
		    detail) == -1) {
			store_close(st);
			return 3;
		}
	} else if (open_reader(x, &st) == -1)
		return 3;
	printf("%8s  %-5s  %-16s  %-19s  %s\n", "id", "state", "number",
	    "received", "text");
	if (op_inbox_list(st, e164, (int)limit, print_msg, &l) != STORE_OK) {
		fprintf(stderr, "lapakctl: inbox: %s\n", store_errmsg(st));
		store_close(st);
		return 3;
	}
	store_close(st);
	return 0;
}

/*
 * sessions [--limit N]
 */
static void
print_session(void *arg, const struct op_session *o)
{
	const int		*timeout_s = arg;
	struct menu_state	 ms;
	char			 num[LOG_MSISDN_LEN], a[32], b[32], c[32];
	const char		*screen = "?";
	static const char *const status[] = { "open", "dropped", "offer" };

	if (o->state_len == sizeof(ms)) {
		memcpy(&ms, o->state, sizeof(ms));
		ms.screen[sizeof(ms.screen) - 1] = '\0';
		screen = ms.screen[0] != '\0' ? ms.screen : "-";
	}
	printf("%-16s  %-7s  %-20s  %-19s  %-19s  %-19s  %s\n",
	    log_msisdn(o->number, num, sizeof(num)), o->status >= 0 &&
	    o->status <= 2 ? status[o->status] : "?", screen,
	    ms_time(o->started_ms, a, sizeof(a)),
	    ms_time(o->updated_ms, b, sizeof(b)),
	    ms_time(o->updated_ms + (int64_t)*timeout_s * 1000, c, sizeof(c)),
	    strncmp(o->key, "http/", 5) == 0 ? "http" : "smpp");
}

int
ctl_sessions(const struct ctl *x, int argc, char **argv)
{
	struct store	*st;
	long		 limit = 100;
	int		 timeout_s = x->conf->ussd_session_timeout_s;

	if (argc == 3 && strcmp(argv[1], "--limit") == 0) {
		if ((limit = count_arg("sessions: --limit", argv[2], 1,
		    100000)) == -1)
			return 1;
	} else if (argc != 1)
		return 2;
	if (open_reader(x, &st) == -1)
		return 3;
	printf("%-16s  %-7s  %-20s  %-19s  %-19s  %-19s  %s\n", "number",
	    "status", "menu", "started", "last seen", "expires", "via");
	if (op_sessions(st, ((int64_t)time(NULL) -
	    timeout_s) * 1000, (int)limit, print_session, &timeout_s) !=
	    STORE_OK) {
		fprintf(stderr, "lapakctl: sessions: %s\n", store_errmsg(st));
		store_close(st);
		return 3;
	}
	store_close(st);
	return 0;
}

/*
 * backup FILE [--force]
 */
int
ctl_backup(const struct ctl *x, int argc, char **argv)
{
	struct store	*st;
	struct timespec	 t0, t1;
	char		 err[1024], detail[96];
	bool		 force = false, refused;
	int		 pages = 0, rc;
	long		 ms;

	if (argc == 3 && strcmp(argv[2], "--force") == 0)
		force = true;
	else if (argc != 2)
		return 2;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* 64 pages (256 KiB) a step, 2 ms between: lapakd's writes and
	 * checkpoints are never held up for long. */
	rc = op_backup(x->conf->store_path, argv[1], force, 64, 2, &pages,
	    err, sizeof(err));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (long)((t1.tv_sec - t0.tv_sec) * 1000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000000);
	if (ctl_open_store(x, &st) == -1)
		return 3;
	if (rc == 0)
		snprintf(detail, sizeof(detail), "%d pages, %ld ms", pages, ms);
	else
		snprintf(detail, sizeof(detail), "%.90s", err);
	refused = rc != 0 && strstr(err, "--force") != NULL;
	(void)ctl_audit_own(st, "backup", argv[1], false, rc == 0 ? "ok" :
	    refused ? "refused" : "failed", detail);
	store_close(st);
	if (rc != 0) {
		fprintf(stderr, "lapakctl: backup: %s\n", err);
		return refused ? 1 : 3;
	}
	printf("backup %s: %d pages, consistent as of its start, %ld ms, "
	    "mode 0600\n", argv[1], pages, ms);
	return 0;
}
