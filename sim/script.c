/* Scenario runner: reads a .scn file line by line, drives the SMSC, and
 * counts each expectation as a pass or a fail (with its line number). */
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "sim/sim.h"

struct rec {
	struct sim_mt	mt;
	bool		used;	/* matched by an expectation */
};

struct script {
	struct smsc	*s;
	const char	*file;
	struct rec	*recs;
	size_t		 n, cap;
	int		 pass, fail;
	int		 line;
};

static void
on_mt(void *arg, const struct sim_mt *mt)
{
	struct script	*sc = arg;

	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 64;
		sc->recs = xrealloc(sc->recs, sc->cap * sizeof(*sc->recs));
	}
	sc->recs[sc->n].mt = *mt;
	sc->recs[sc->n].used = false;
	sc->n++;
}

/* Prints text on one line, newlines shown as "\n". */
static void
print_flat(FILE *fp, const char *t)
{
	for (; *t != '\0'; t++) {
		if (*t == '\n')
			fputs("\\n", fp);
		else if (*t != '\r')
			fputc(*t, fp);
	}
}

static void
ok(struct script *sc, const char *what, const char *text)
{
	sc->pass++;
	printf("ok   %s:%d: %s", sc->file, sc->line, what);
	if (text != NULL) {
		printf(" -> \"");
		print_flat(stdout, text);
		printf("\"");
	}
	printf("\n");
}

static void
fail(struct script *sc, const char *what, const char *text)
{
	sc->fail++;
	printf("FAIL %s:%d: %s", sc->file, sc->line, what);
	if (text != NULL) {
		printf(" (got \"");
		print_flat(stdout, text);
		printf("\")");
	}
	printf("\n");
}

/* Runs the loop for up to ms, or until done(sc, arg) holds. */
static bool
run_until(struct script *sc, double ms, bool (*done)(struct script *, void *),
    void *arg)
{
	uint64_t	end = sim_now_ms() + (uint64_t)(ms > 0 ? ms : 0);
	uint64_t	now;

	for (;;) {
		if (done != NULL && done(sc, arg))
			return true;
		now = sim_now_ms();
		if (now >= end || sim_stop)
			return done != NULL && done(sc, arg);
		smsc_step(sc->s, (int)(end - now), -1);
	}
}

static bool
bound(struct script *sc, void *arg)
{
	(void)arg;
	return smsc_bound(sc->s);
}

struct want {
	const char	*num;
	regex_t		*re;
	bool		 ussd;
	struct rec	*hit;
	struct rec	*miss;	/* USSD: the next screen, if it did not match */
};

static bool
find(struct script *sc, void *arg)
{
	struct want	*w = arg;
	size_t		 i;

	for (i = 0; i < sc->n; i++) {
		struct rec	*r = &sc->recs[i];

		if (r->used || (r->mt.ussd_op >= 0) != w->ussd ||
		    !sim_same_number(r->mt.num, w->num))
			continue;
		if (regexec(w->re, r->mt.text, 0, NULL, 0) == 0) {
			w->hit = r;
			return true;
		}
		if (w->ussd) {
			w->miss = r;
			return true;
		}
	}
	return false;
}

/* Splits the rest of a line into words; "quoted strings" and /regexes/
 * (up to the last '/') are single words with the delimiters removed. */
static int
split(char *p, char **w, int max)
{
	int	n = 0;
	char	*q, *e;

	while (n < max) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		if (*p == '"') {
			w[n++] = q = ++p;
			for (; *p != '\0' && *p != '"'; p++) {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				else if (*p == '\\' && p[1] == 'n') {
					p++;
					*q++ = '\n';
					continue;
				}
				*q++ = *p;
			}
			if (*p == '"')
				p++;
			*q = '\0';
			if (*p != '\0')
				p++;
			continue;
		}
		if (*p == '/' && (e = strrchr(p + 1, '/')) != NULL) {
			w[n++] = p + 1;
			*e = '\0';
			p = e + 1;
			continue;
		}
		w[n++] = p;
		while (*p != '\0' && !isspace((unsigned char)*p))
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
	return n;
}

static struct rec *
last_sms(struct script *sc, const char *num)
{
	size_t	i;

	for (i = sc->n; i > 0; i--)
		if (sc->recs[i - 1].mt.ussd_op < 0 &&
		    sim_same_number(sc->recs[i - 1].mt.num, num))
			return &sc->recs[i - 1];
	return NULL;
}

static void
do_expect(struct script *sc, char **w, int nw, bool ussd)
{
	struct want	 want;
	regex_t		 re;
	char		 what[512];
	double		 secs = 5;
	int		 i, want_end = -1;
	struct rec	*last;

	if (nw < 3) {
		fail(sc, "expect: needs NUMBER /REGEX/", NULL);
		return;
	}
	for (i = 3; i < nw; i++) {
		if (strcmp(w[i], "end") == 0)
			want_end = 1;
		else if (strcmp(w[i], "continue") == 0)
			want_end = 0;
		else
			secs = atof(w[i]);
	}
	snprintf(what, sizeof(what), "%s %s /%s/", w[0], w[1], w[2]);
	if (regcomp(&re, w[2], REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0) {
		fail(sc, "bad regex", w[2]);
		return;
	}
	memset(&want, 0, sizeof(want));
	want.num = w[1];
	want.re = &re;
	want.ussd = ussd;
	run_until(sc, secs * 1000, find, &want);
	regfree(&re);
	if (want.hit != NULL) {
		want.hit->used = true;
		if (want_end >= 0 && want.hit->mt.ussd_end != (want_end == 1)) {
			snprintf(what + strlen(what), sizeof(what) - strlen(what),
			    ": screen %s, expected %s", want.hit->mt.ussd_end ?
			    "ends the session" : "continues",
			    want_end ? "end" : "continue");
			fail(sc, what, want.hit->mt.text);
			return;
		}
		ok(sc, what, want.hit->mt.text);
		return;
	}
	if (want.miss != NULL) {
		want.miss->used = true;
		snprintf(what + strlen(what), sizeof(what) - strlen(what),
		    ": next screen does not match");
		fail(sc, what, want.miss->mt.text);
		return;
	}
	snprintf(what + strlen(what), sizeof(what) - strlen(what),
	    ": no match within %gs", secs);
	last = ussd ? NULL : last_sms(sc, w[1]);
	fail(sc, what, last != NULL ? last->mt.text : NULL);
}

static void
do_expect_none(struct script *sc, char **w, int nw)
{
	char	what[256];
	size_t	i;
	int	bad = -1;

	if (nw < 3) {
		fail(sc, "expect-none: needs NUMBER SECONDS", NULL);
		return;
	}
	run_until(sc, atof(w[2]) * 1000, NULL, NULL);
	for (i = 0; i < sc->n; i++)
		if (!sc->recs[i].used && sc->recs[i].mt.ussd_op < 0 &&
		    sim_same_number(sc->recs[i].mt.num, w[1])) {
			sc->recs[i].used = true;
			bad = (int)i;
		}
	snprintf(what, sizeof(what), "expect-none %s %s", w[1], w[2]);
	if (bad >= 0)
		fail(sc, what, sc->recs[bad].mt.text);
	else
		ok(sc, what, NULL);
}

static void
do_count(struct script *sc, char **w, int nw)
{
	char	what[256];
	size_t	i;
	int	got = 0;

	if (nw < 3) {
		fail(sc, "expect-count: needs NUMBER N", NULL);
		return;
	}
	run_until(sc, 50, NULL, NULL);
	for (i = 0; i < sc->n; i++)
		if (sc->recs[i].mt.ussd_op < 0 &&
		    sim_same_number(sc->recs[i].mt.num, w[1]))
			got++;
	snprintf(what, sizeof(what), "expect-count %s %s: got %d", w[1], w[2],
	    got);
	if (got == atoi(w[2]))
		ok(sc, what, NULL);
	else
		fail(sc, what, NULL);
}

static void
do_last(struct script *sc, char **w, int nw, bool dcs)
{
	struct rec	*r;
	char		 what[256];
	int		 got;

	if (nw < 3) {
		fail(sc, "expect-segments/dcs: needs NUMBER N", NULL);
		return;
	}
	r = last_sms(sc, w[1]);
	got = r == NULL ? -1 : dcs ? r->mt.dcs : r->mt.segments;
	snprintf(what, sizeof(what), "%s %s %s: got %d", w[0], w[1], w[2], got);
	if (r != NULL && got == (int)strtol(w[2], NULL, 0))
		ok(sc, what, NULL);
	else
		fail(sc, what, r ? r->mt.text : NULL);
}

static void
run_line(struct script *sc, char *line)
{
	char	*w[16], err[256], what[256];
	int	 nw;

	nw = split(line, w, 16);
	if (nw == 0 || w[0][0] == '#')
		return;
	if (strcmp(w[0], "wait-bind") == 0) {
		double secs = nw > 1 ? atof(w[1]) : 10;

		snprintf(what, sizeof(what), "wait-bind %g", secs);
		if (run_until(sc, secs * 1000, bound, NULL))
			ok(sc, what, NULL);
		else
			fail(sc, "wait-bind: no ESME bound", NULL);
	} else if (strcmp(w[0], "send") == 0 && nw >= 3) {
		if (smsc_mo(sc->s, w[1], w[2], err, sizeof(err)) == -1)
			fail(sc, err, NULL);
		run_until(sc, 0, NULL, NULL);
	} else if (strcmp(w[0], "ussd") == 0 && nw >= 3) {
		if (smsc_ussd(sc->s, w[1], w[2], false, err, sizeof(err)) == -1)
			fail(sc, err, NULL);
	} else if (strcmp(w[0], "ussd-abort") == 0 && nw >= 2) {
		if (smsc_ussd(sc->s, w[1], "", true, err, sizeof(err)) == -1)
			fail(sc, err, NULL);
	} else if (strcmp(w[0], "expect") == 0)
		do_expect(sc, w, nw, false);
	else if (strcmp(w[0], "expect-ussd") == 0)
		do_expect(sc, w, nw, true);
	else if (strcmp(w[0], "expect-none") == 0)
		do_expect_none(sc, w, nw);
	else if (strcmp(w[0], "expect-count") == 0)
		do_count(sc, w, nw);
	else if (strcmp(w[0], "expect-segments") == 0)
		do_last(sc, w, nw, false);
	else if (strcmp(w[0], "expect-dcs") == 0)
		do_last(sc, w, nw, true);
	else if (strcmp(w[0], "sleep") == 0 && nw >= 2)
		run_until(sc, atof(w[1]) * 1000, NULL, NULL);
	else if (strcmp(w[0], "fault") == 0 && nw >= 2) {
		char	spec[128];

		snprintf(spec, sizeof(spec), "%s %s", w[1], nw > 2 ? w[2] : "");
		if (smsc_fault(sc->s, spec, err, sizeof(err)) == -1)
			fail(sc, err, NULL);
	} else {
		snprintf(what, sizeof(what), "unknown or incomplete line: %s",
		    w[0]);
		fail(sc, what, NULL);
	}
}

int
sim_script(struct smsc *s, const char *file)
{
	struct script	 sc;
	FILE		*fp;
	char		 line[4096];
	size_t		 l;

	fp = fopen(file, "r");
	if (fp == NULL) {
		fprintf(stderr, "lapak-sim: %s: cannot open\n", file);
		return 1;
	}
	memset(&sc, 0, sizeof(sc));
	sc.s = s;
	sc.file = file;
	smsc_set_mt_cb(s, on_mt, &sc);
	while (!sim_stop && fgets(line, sizeof(line), fp) != NULL) {
		sc.line++;
		l = strlen(line);
		while (l > 0 && (line[l - 1] == '\n' || line[l - 1] == '\r'))
			line[--l] = '\0';
		run_line(&sc, line);
	}
	fclose(fp);
	run_until(&sc, 100, NULL, NULL);	/* flush what is queued */
	smsc_set_mt_cb(s, NULL, NULL);
	free(sc.recs);
	printf("%s: %d passed, %d failed\n", file, sc.pass, sc.fail);
	return sc.fail == 0 && !sim_stop ? 0 : 1;
}
