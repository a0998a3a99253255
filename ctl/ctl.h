/* lapakctl, the operator's tool: one file per group of subcommands, each
 * a row of the table in ctl/main.c. A subcommand gets the loaded config
 * and its own arguments (argv[0] is its name) and parses its own options;
 * it returns the exit status: 0 done, 1 refused (bad input, nothing
 * changed), 2 usage, 3 the store or system failed. */
#ifndef LAPAK_CTL_H
#define LAPAK_CTL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf/conf.h"

/* What every subcommand is given. */
struct ctl {
	const struct conf	*conf;
	const char		*conf_path;	/* -c as given */
	const char		*pidfile;	/* -p, NULL: store path + ".pid" */
	bool			 keys;		/* -k before the subcommand */
};

typedef int	(*ctl_fn)(const struct ctl *x, int argc, char **argv);

/* ctl/check.c */
int	ctl_check(const struct ctl *x, int argc, char **argv);
int	ctl_reload(const struct ctl *x, int argc, char **argv);
/* ctl/stats.c */
int	ctl_stats(const struct ctl *x, int argc, char **argv);
/* ctl/pin.c */
int	ctl_pin_unlock(const struct ctl *x, int argc, char **argv);
/* ctl/places.c (programme.md section 1) */
int	ctl_places(const struct ctl *x, int argc, char **argv);
int	ctl_seller(const struct ctl *x, int argc, char **argv);

/* ctl/export.c (issue 12, marketplace export) */
int	ctl_export(const struct ctl *x, int argc, char **argv);
/* ctl/report.c (issue 12, reports) */
int	ctl_report(const struct ctl *x, int argc, char **argv);

/* ctl/agent.c: agent add|remove|list (digital assistants) */
int	ctl_agent(const struct ctl *x, int argc, char **argv);
/* couriers (ctl/courier.c) */
int	ctl_courier(const struct ctl *x, int argc, char **argv);

/* ctl/broadcast.c: broadcast (promotions, programme.md section 6) */
int	ctl_broadcast(const struct ctl *x, int argc, char **argv);

/* ctl/privacy.c (issue 13, privacy): privacy export|erase NUMBER,
 * block|unblock NUMBER */
int	ctl_privacy(const struct ctl *x, int argc, char **argv);
int	ctl_block(const struct ctl *x, int argc, char **argv);

/* issue 14, web: ctl/webuser.c: web-user add|remove|list (lapak-web's
 * officers) */
int	ctl_webuser(const struct ctl *x, int argc, char **argv);
/* issue 15, operators. ctl/ops.c: takedown, outbox (list, retry, purge),
 * inbox, sessions, backup; ctl/audit.c: the audit log and its listing. */
int	ctl_takedown(const struct ctl *x, int argc, char **argv);
int	ctl_outbox(const struct ctl *x, int argc, char **argv);
int	ctl_inbox(const struct ctl *x, int argc, char **argv);
int	ctl_sessions(const struct ctl *x, int argc, char **argv);
int	ctl_backup(const struct ctl *x, int argc, char **argv);
int	ctl_audit_list(const struct ctl *x, int argc, char **argv);
struct store;
/* The operator: getpwuid(getuid())'s name, " (sudo: NAME)" added when
 * SUDO_USER is set. Returns buf. */
const char *ctl_operator(char *buf, size_t len);
/* One op_audit row in st's open transaction (the change's own) and one
 * log line: verb, target (a number when number: stored masked), outcome
 * ("ok", "already", "refused", "failed"), detail. 0, or -1 (told). */
int	ctl_audit(struct store *st, const char *verb, const char *target,
	    bool number, const char *outcome, const char *detail);
/* The same in a short transaction of its own (a refusal, a backup). */
int	ctl_audit_own(struct store *st, const char *verb, const char *target,
	    bool number, const char *outcome, const char *detail);
/* issue 15, man pages: ctl/keys.c, keys [--list|--man] (needs no config;
 * x->conf is NULL) */
int	ctl_keys(const struct ctl *x, int argc, char **argv);

/* ctl/util.c: shared by the subcommands. */
/* Opens (migrating) the config's store into *st as lapakd would; prints
 * why not and returns -1. */
int	ctl_open_store(const struct ctl *x, struct store **st);
/* msisdn as E.164 into out[len]; prints why not and returns -1. */
int	ctl_number(const struct ctl *x, const char *what, char *out,
	    size_t len);
/* "2025-06-01 14:03 +0700" in local time. */
const char *ctl_time(int64_t t_s, char *buf, size_t len);

#endif
