/* Phone console (and serve mode): lines typed on stdin become MO SMS or USSD
 * from a phone number; MT arriving are printed on stdout. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/sim.h"

struct console {
	struct smsc	*s;
	bool		 serve;
	char		 from[SIM_NUM_LEN];
	char		 buf[8192];
	size_t		 len;
	uint64_t	 last_mt_ms;
};

static void
print_text(const char *t, bool flat)
{
	for (; *t != '\0'; t++) {
		if (*t == '\r')
			continue;
		if (*t == '\n')
			fputs(flat ? "\\n" : "\n   ", stdout);
		else
			fputc(*t, stdout);
	}
}

static void
on_mt(void *arg, const struct sim_mt *mt)
{
	struct console	*c = arg;

	c->last_mt_ms = mt->at_ms;
	if (c->serve) {
		printf("mt to=%s dcs=%d segments=%d", mt->num, mt->dcs,
		    mt->segments);
		if (mt->ussd_op >= 0)
			printf(" ussd_op=%d end=%d", mt->ussd_op,
			    mt->ussd_end ? 1 : 0);
		printf(" text=\"");
		print_text(mt->text, true);
		printf("\"\n");
		return;
	}
	printf("<< %s%s: ", mt->ussd_op >= 0 ? "[USSD] " : "", mt->num);
	print_text(mt->text, false);
	if (mt->ussd_op >= 0)
		printf(mt->ussd_end ? "  [session ended]" : "  [type your answer]");
	if (mt->segments > 1)
		printf("  (%d parts)", mt->segments);
	printf("\n");
	fflush(stdout);
}

static void
help(void)
{
	printf(
"Type as a phone. Each line is one SMS to the short code:\n"
"  +6281200000001 JUAL Keripik 15rb 20   send from that number (remembered)\n"
"  CARI keripik                          send from the last number\n"
"  /from +6281200000002                  switch to another phone\n"
"  /ussd *123*45#                        dial USSD; then type answers (1, 2...)\n"
"  /abort                                hang up the USSD session\n"
"  /sms TEXT                             send an SMS even during USSD\n"
"  /fault SPEC                           misbehave: %s\n"
"  /stats                                counters\n"
"  /help, /quit\n"
"Replies show as '<< +62...: text'; USSD screens as '<< [USSD] ...'.\n",
	    smsc_fault_help());
}

static void
say(struct console *c, const char *fmt, const char *arg)
{
	if (c->serve)
		fprintf(stderr, "lapak-sim: ");
	fprintf(c->serve ? stderr : stdout, fmt, arg);
	fflush(c->serve ? stderr : stdout);
}

static void
line(struct console *c, char *p)
{
	char	err[256], *sp;
	const struct smsc_stats *st;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '\0')
		return;
	if (*p == '/') {
		sp = p + strcspn(p, " \t");
		if (*sp != '\0')
			*sp++ = '\0';
		while (isspace((unsigned char)*sp))
			sp++;
		if (strcmp(p, "/help") == 0 || strcmp(p, "/?") == 0)
			help();
		else if (strcmp(p, "/quit") == 0 || strcmp(p, "/exit") == 0)
			sim_stop = 1;
		else if (strcmp(p, "/from") == 0 && *sp != '\0') {
			snprintf(c->from, sizeof(c->from), "%s", sp);
			say(c, "-- now typing as %s\n", c->from);
		} else if (strcmp(p, "/ussd") == 0 && *sp != '\0') {
			if (*sp == '+') {
				char *t = sp + strcspn(sp, " \t");

				if (*t != '\0')
					*t++ = '\0';
				snprintf(c->from, sizeof(c->from), "%s", sp);
				sp = t;
			}
			if (smsc_ussd(c->s, c->from, sp, false, err,
			    sizeof(err)) == -1)
				say(c, "!! %s\n", err);
		} else if (strcmp(p, "/abort") == 0) {
			if (smsc_ussd(c->s, c->from, "", true, err,
			    sizeof(err)) == -1)
				say(c, "!! %s\n", err);
		} else if (strcmp(p, "/sms") == 0 && *sp != '\0') {
			if (smsc_mo(c->s, c->from, sp, err, sizeof(err)) == -1)
				say(c, "!! %s\n", err);
		} else if (strcmp(p, "/fault") == 0) {
			if (smsc_fault(c->s, sp, err, sizeof(err)) == -1)
				say(c, "!! %s\n", err);
			else
				say(c, "-- fault %s\n", sp);
		} else if (strcmp(p, "/stats") == 0) {
			st = smsc_stats(c->s);
			printf("-- bound=%s mo_sent=%llu mo_acked=%llu "
			    "redelivered=%llu mt=%llu backlog=%zu\n",
			    smsc_bound(c->s) ? "yes" : "no",
			    (unsigned long long)st->mo_sent,
			    (unsigned long long)st->mo_acked,
			    (unsigned long long)st->redelivered,
			    (unsigned long long)st->mt_full,
			    smsc_backlog(c->s));
		} else
			say(c, "!! unknown command %s; try /help\n", p);
		return;
	}
	if (*p == '+' || (isdigit((unsigned char)*p) &&
	    strcspn(p, " \t") >= 8)) {
		sp = p + strcspn(p, " \t");
		if (*sp != '\0') {
			*sp++ = '\0';
			snprintf(c->from, sizeof(c->from), "%s", p);
			p = sp;
			while (isspace((unsigned char)*p))
				p++;
		} else if (*p == '+') {
			snprintf(c->from, sizeof(c->from), "%s", p);
			say(c, "-- now typing as %s\n", c->from);
			return;
		}
	}
	if (smsc_ussd_open(c->s, c->from))
		(void)smsc_ussd(c->s, c->from, p, false, err, sizeof(err));
	else if (smsc_mo(c->s, c->from, p, err, sizeof(err)) == -1)
		say(c, "!! %s\n", err);
}

int
sim_console(struct smsc *s, bool serve)
{
	struct console	 c;
	bool		 eof = false, was_bound = false;
	uint64_t	 eof_ms = 0;
	ssize_t		 n;
	char		*nl;
	int		 in = STDIN_FILENO;

	memset(&c, 0, sizeof(c));
	c.s = s;
	c.serve = serve;
	snprintf(c.from, sizeof(c.from), "+6281200000001");
	smsc_set_mt_cb(s, on_mt, &c);
	if (serve && isatty(in))
		eof = true;
	if (!serve)
		printf("lapak-sim console: waiting for lapakd to bind; "
		    "type /help for commands. You are %s.\n", c.from);
	while (!sim_stop) {
		if (smsc_step(s, 50, eof ? -1 : in) == 1) {
			n = read(in, c.buf + c.len, sizeof(c.buf) - 1 - c.len);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				eof = true;
				eof_ms = sim_now_ms();
				if (c.len > 0) {
					c.buf[c.len] = '\0';
					line(&c, c.buf);
					c.len = 0;
				}
			} else {
				c.len += (size_t)n;
				c.buf[c.len] = '\0';
				while ((nl = strchr(c.buf, '\n')) != NULL) {
					*nl = '\0';
					line(&c, c.buf);
					memmove(c.buf, nl + 1,
					    c.len - (size_t)(nl + 1 - c.buf) + 1);
					c.len = strlen(c.buf);
				}
				if (c.len == sizeof(c.buf) - 1)
					c.len = 0;	/* overlong line */
			}
		}
		if (!serve && smsc_bound(s) != was_bound) {
			was_bound = !was_bound;
			printf("-- lapakd %s\n", was_bound ? "bound" :
			    "disconnected");
		}
		/* Piped console: leave once the replies have stopped coming. */
		if (!serve && eof && eof_ms > 0 && smsc_backlog(s) == 0 &&
		    sim_now_ms() - (c.last_mt_ms > eof_ms ? c.last_mt_ms :
		    eof_ms) > 2000)
			break;
	}
	smsc_set_mt_cb(s, NULL, NULL);
	return 0;
}
