/* lapakctl's audit log (issue 15, operators): every verb that changes
 * something writes one op_audit row with the operator's Unix user, in the
 * change's own transaction, and one log line; `lapakctl audit` lists it. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "ctl/ctl.h"
#include "store/operator.h"
#include "store/store.h"

const char *
ctl_operator(char *buf, size_t len)
{
	struct passwd	*pw = getpwuid(getuid());
	const char	*sudo = getenv("SUDO_USER");
	char		 uid[32];

	snprintf(uid, sizeof(uid), "uid %ld", (long)getuid());
	if (sudo != NULL && sudo[0] != '\0')
		snprintf(buf, len, "%s (sudo: %s)", pw != NULL ? pw->pw_name :
		    uid, sudo);
	else
		snprintf(buf, len, "%s", pw != NULL ? pw->pw_name : uid);
	return buf;
}

int
ctl_audit(struct store *st, const char *verb, const char *target,
    bool number, const char *outcome, const char *detail)
{
	struct op_audit	a;
	char		m[LOG_MSISDN_LEN];

	memset(&a, 0, sizeof(a));
	a.at_s = (int64_t)time(NULL);
	ctl_operator(a.user, sizeof(a.user));
	snprintf(a.verb, sizeof(a.verb), "%s", verb);
	snprintf(a.target, sizeof(a.target), "%s", target == NULL ? "" :
	    number ? log_msisdn(target, m, sizeof(m)) : target);
	snprintf(a.outcome, sizeof(a.outcome), "%s", outcome);
	snprintf(a.detail, sizeof(a.detail), "%s", detail != NULL ? detail :
	    "");
	if (op_audit_add(st, &a) != STORE_OK) {
		fprintf(stderr, "lapakctl: audit: %s\n", store_errmsg(st));
		return -1;
	}
	log_info("audit user=\"%s\" verb=\"%s\" target=%s outcome=%s",
	    a.user, a.verb, a.target[0] != '\0' ? a.target : "-", a.outcome);
	return 0;
}

int
ctl_audit_own(struct store *st, const char *verb, const char *target,
    bool number, const char *outcome, const char *detail)
{
	if (store_begin(st) != STORE_OK) {
		fprintf(stderr, "lapakctl: audit: %s\n", store_errmsg(st));
		return -1;
	}
	if (ctl_audit(st, verb, target, number, outcome, detail) == -1 ||
	    store_commit(st) != STORE_OK) {
		fprintf(stderr, "lapakctl: audit: %s\n", store_errmsg(st));
		store_rollback(st);
		return -1;
	}
	return 0;
}

/* Control characters as '?': what is printed never drives the terminal. */
static char *
plain(char *s)
{
	char	*p;

	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p == 0x7f)
			*p = '?';
	return s;
}

static void
print_audit(void *arg, const struct op_audit *ca)
{
	struct op_audit	 a0 = *ca, *a = &a0;
	char		 t[64];

	(void)arg;
	plain(a->user);
	plain(a->target);
	plain(a->detail);
	printf("%6lld  %-22s  %-18s  %-14s  %-16s  %-8s  %s\n",
	    (long long)a->id, ctl_time(a->at_s, t, sizeof(t)), a->user,
	    a->verb, a->target, a->outcome, a->detail);
}

/* audit [--limit N] */
int
ctl_audit_list(const struct ctl *x, int argc, char **argv)
{
	struct store	*st;
	char		 err[1024];
	long		 limit = 50;
	char		*end;

	if (argc == 3 && strcmp(argv[1], "--limit") == 0) {
		limit = strtol(argv[2], &end, 10);
		if (*end != '\0' || limit < 1 || limit > 100000) {
			fprintf(stderr, "lapakctl: audit: --limit 1-100000\n");
			return 1;
		}
	} else if (argc != 1)
		return 2;
	if (store_open_reader(&st, x->conf->store_path, err, sizeof(err)) ==
	    -1) {
		fprintf(stderr, "lapakctl: %s\n", err);
		return 3;
	}
	printf("%6s  %-22s  %-18s  %-14s  %-16s  %-8s  %s\n", "id", "time",
	    "user", "verb", "target", "outcome", "detail");
	if (op_audit_list(st, (int)limit, print_audit, NULL) != STORE_OK) {
		fprintf(stderr, "lapakctl: audit: %s\n", store_errmsg(st));
		store_close(st);
		return 3;
	}
	store_close(st);
	return 0;
}
