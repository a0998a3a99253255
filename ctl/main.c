/* lapakctl: the operator's tool. Global options, the config, then one
 * subcommand from the table below (each in its own file, ctl/ctl.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "common/xalloc.h"
#include "conf/conf.h"
#include "ctl/ctl.h"

struct ctl_cmd {
	const char	*name;
	ctl_fn		 fn;
	const char	*args;		/* usage after the name */
	const char	*what;		/* one line */
};

static const struct ctl_cmd cmds[] = {
	{ "check", ctl_check, "[MENU.cfg ...]",
	    "config, templates and menus (or the given menu files)" },
	{ "reload", ctl_reload, "",
	    "check, then SIGHUP lapakd (pid from -p, default the store path "
	    "+ \".pid\")" },
	{ "stats", ctl_stats, "[-k] [DAYS]",
	    "sellers, products, orders by stage, messages, in words; DAYS "
	    "(1-36500) adds that period; -k: \"key value\" lines" },
	{ "pin-unlock", ctl_pin_unlock, "NUMBER",
	    "lift a seller's PIN lockout" },
	/* places (programme.md section 1) */
	{ "places", ctl_places, "load FILE.csv",
	    "load places (code,name,level,parent[,replaced_by]); never drops "
	    "one" },
	{ "seller", ctl_seller, "place NUMBER CODE",
	    "place a seller in a loaded village; its active products move "
	    "too" },
	/* issue 12, marketplace export */
	{ "export", ctl_export, "--format tokopedia|shopee|bukalapak|csv "
	    "[--place CODE] [--seller NUMBER] [--categories FILE] -o FILE",
	    "active products in a marketplace's bulk-upload layout (XLSX) "
	    "or CSV; what a marketplace needs and a product lacks on stderr" },
	/* issue 12, reports */
	{ "report", ctl_report, "[--by village|district|regency|agent|courier|day|"
	    "month] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--place CODE] "
	    "[--format table|csv|json]",
	    "programme figures per group, unplaced and total (default: by "
	    "village, this month)" },
	/* assistants */
	{ "agent", ctl_agent, "add NUMBER \"Name\" [--place CODE] | remove "
	    "NUMBER | list", "enrol, remove (links end, sellers told) or list "
	    "digital assistants" },
	/* promotions */
	{ "broadcast", ctl_broadcast, "--to subscribers|sellers|agents "
	    "[--place CODE] [--keyword WORD] --text-file F",
	    "a programme announcement, one SMS segment with its stop line, "
	    "to numbers not paused (recipients fixed now)" },
	/* couriers */
	{ "courier", ctl_courier, "add NUMBER \"Name\" --place CODE [--fee RP] "
	    "| remove NUMBER | list", "enrol (on duty), remove (jobs not "
	    "picked up go back, sellers told) or list couriers" },
	/* issue 13, privacy (docs/PRIVACY.md) */
	{ "privacy", ctl_privacy, "export NUMBER [-o FILE] | erase NUMBER",
	    "everything kept about a number as JSON, or erase it as HAPUS "
	    "DATA does (open orders first)" },
	{ "block", ctl_block, "NUMBER [--reason TEXT]",
	    "operator block: one notice, then no reply (DATAKU and HAPUS DATA "
	    "still work); no consent requests or courier jobs reach it; "
	    "survives an erasure" },
	{ "unblock", ctl_block, "NUMBER", "lift an operator block" },
	/* issue 14, web: officer accounts (docs/WEB.md) */
	{ "web-user", ctl_webuser, "add NAME --place CODE [--password-file F] "
	    "[--replace] | remove NAME | list", "lapak-web's officers: the "
	    "password from F, asked twice on a terminal, or one line on "
	    "standard input (10 characters or more)" },
	/* issue 15, operators (docs/OPERATORS.md "Operator verbs") */
	{ "takedown", ctl_takedown, "CODE --reason TEXT",
	    "delist a product (gone from CARI and the web), the seller told "
	    "why by SMS" },
	{ "outbox", ctl_outbox, "[--state queued|failed|expired] [--number N] "
	    "[--limit N] | retry ID|--failed | purge --before DAYS",
	    "list messages out, requeue failed ones for lapakd's next pump, "
	    "or delete finished ones (never queued)" },
	{ "inbox", ctl_inbox, "--number N [--limit N] [--reveal]",
	    "a number's messages in, masked unless --reveal (audited)" },
	{ "sessions", ctl_sessions, "[--limit N]",
	    "live USSD sessions: number, menu, started, last seen, expires" },
	{ "backup", ctl_backup, "FILE [--force]",
	    "online, consistent copy of the store (SQLite backup API), 0600" },
	{ "audit", ctl_audit_list, "[--limit N]",
	    "the operators' audit log, newest first" },
	/* issue 15, man pages: the key table (needs no -c) */
	{ "keys", ctl_keys, "[--list|--man]",
	    "every config key with type, range, default and what it does, "
	    "as tab-separated rows or as the page lapak.cfg(5)" },
};

#define NCMDS	(sizeof(cmds) / sizeof(cmds[0]))

static void
usage(void)
{
	size_t	i;

	fprintf(stderr, "usage: lapakctl -c FILE [-p PIDFILE] COMMAND "
	    "[ARGS]\n");
	for (i = 0; i < NCMDS; i++)
		fprintf(stderr, "  %s %s\n      %s\n", cmds[i].name,
		    cmds[i].args, cmds[i].what);
}

static const struct ctl_cmd *
cmd_find(const char *name)
{
	size_t	i;

	for (i = 0; i < NCMDS; i++)
		if (strcmp(cmds[i].name, name) == 0)
			return &cmds[i];
	return NULL;
}

int
main(int argc, char **argv)
{
	const struct ctl_cmd	*cmd;
	struct ctl		 x = { 0 };
	struct conf		*c;
	char			 err[8192];
	int			 ch, rc;

	/* '+': options after the subcommand are its own. */
	while ((ch = getopt(argc, argv, "+c:kp:h")) != -1) {
		switch (ch) {
		case 'c': x.conf_path = optarg; break;
		case 'k': x.keys = true; break;
		case 'p': x.pidfile = optarg; break;
		default: usage(); return 2;
		}
	}
	/* issue 15: the key table needs no config */
	if (optind < argc && (cmd = cmd_find(argv[optind])) != NULL &&
	    cmd->fn == ctl_keys) {
		rc = cmd->fn(&x, argc - optind, argv + optind);
		if (rc == 2)
			fprintf(stderr, "usage: lapakctl %s %s\n", cmd->name,
			    cmd->args);
		return rc;
	}
	if (x.conf_path == NULL || optind >= argc ||
	    (cmd = cmd_find(argv[optind])) == NULL) {
		usage();
		return 2;
	}
	c = xcalloc(1, sizeof(*c));
	if (conf_load(x.conf_path, c, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\nlapakctl: %s: configuration invalid\n", err,
		    x.conf_path);
		free(c);
		return 1;
	}
	x.conf = c;
	conf_apply_zone(c);
	log_init(LOG_LVL_INFO, "lapakctl");	/* the audit's log lines */
	rc = cmd->fn(&x, argc - optind, argv + optind);
	if (rc == 2) {
		fprintf(stderr, "usage: lapakctl -c FILE %s %s\n", cmd->name,
		    cmd->args);
		usage();
	}
	free(c);
	return rc;
}
