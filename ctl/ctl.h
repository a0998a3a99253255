/* lapakctl, the operator's tool: one file per group of subcommands, each
 * a row of the table in ctl/main.c. A subcommand gets the loaded config
 * and its own arguments (argv[0] is its name) and parses its own options;
 * it returns the exit status: 0 done, 1 refused (bad input, nothing
 * changed), 2 usage, 3 the store or system failed. */
#ifndef LAPAK_CTL_H
#define LAPAK_CTL_H
#include <stdbool.h>
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

/* issue 15, man pages: ctl/keys.c, keys [--list|--man] (needs no config;
 * x->conf is NULL) */
int	ctl_keys(const struct ctl *x, int argc, char **argv);

/* ctl/util.c: shared by the subcommands. */
/* msisdn as E.164 into out[len]; prints why not and returns -1. */
int	ctl_number(const struct ctl *x, const char *what, char *out,
	    size_t len);
/* "2025-06-01 14:03 +0700" in local time. */
const char *ctl_time(int64_t t_s, char *buf, size_t len);

#endif
