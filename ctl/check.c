/* lapakctl check and reload: config, every template and the USSD menu
 * files, each finding as file:line: what; reload sends SIGHUP to a running
 * lapakd only when all of them pass. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "conf/menu.h"
#include "conf/templates.h"
#include "ctl/ctl.h"
#include "gateway/gw_tmpl.h"
#include "menus/menu.h"

static void
print_finding(void *arg, const char *file, int line, const char *what)
{
	(void)arg;
	printf("%s:%d: %s\n", file, line, what);
}

/* Prints every finding of templates and each menu file; returns the count. */
static int
check_menus(const struct conf *c, char **files, int nfiles)
{
	static char		 err[262144];	/* every finding of every language */
	struct templates	*t = NULL;
	struct menu_def		*d;
	const char		*one[1];
	size_t			 missing;
	int			 n = 0, i;

	if (templates_load_conf(c, &t, err, sizeof(err)) == -1) {
		printf("%s\n", err);
		n++;
	} else if ((missing = gw_templates_check(t, err, sizeof(err))) > 0) {
		/* Every missing name, then the other findings too. */
		printf("%s\n", err);
		n += (int)missing;
	}
	/* Regional languages: lapakd answers their missing keys in "id",
	 * but an operator adding one wants each listed. */
	if (t != NULL && (missing = templates_check_ref(t, err,
	    sizeof(err))) > 0) {
		printf("%s\n", err);
		n += (int)missing;
	}
	if (nfiles == 0) {
		one[0] = menu_def_path(c);
		files = (char **)(uintptr_t)one;
		nfiles = 1;
	}
	for (i = 0; i < nfiles; i++) {
		if (menu_def_load(files[i], &d, err, sizeof(err)) == -1) {
			printf("%s\n", err);
			n++;
			continue;
		}
		/* Template findings once, with the first menu file. */
		n += menu_lint(d, i == 0 ? t : NULL, print_finding, NULL);
		menu_def_free(d);
	}
	templates_free(t);
	return n;
}

static int
send_hup(const struct conf *c, const char *pidopt)
{
	char	 pidfile[PATH_MAX + 8];
	FILE	*f;
	long	 pid = 0;

	if (pidopt != NULL)
		snprintf(pidfile, sizeof(pidfile), "%s", pidopt);
	else
		snprintf(pidfile, sizeof(pidfile), "%s.pid", c->store_path);
	if ((f = fopen(pidfile, "r")) == NULL) {
		fprintf(stderr, "lapakctl: %s: %s (is lapakd running?)\n", pidfile,
		    strerror(errno));
		return 3;
	}
	if (fscanf(f, "%ld", &pid) != 1 || pid <= 1) {
		fclose(f);
		fprintf(stderr, "lapakctl: %s: no pid in it\n", pidfile);
		return 3;
	}
	fclose(f);
	if (kill((pid_t)pid, SIGHUP) == -1) {
		fprintf(stderr, "lapakctl: pid %ld: %s\n", pid, strerror(errno));
		return 3;
	}
	printf("reload sent to lapakd pid %ld (its log says whether it took)\n",
	    pid);
	return 0;
}

int
ctl_check(const struct ctl *x, int argc, char **argv)
{
	int	n = check_menus(x->conf, argv + 1, argc - 1);

	fflush(stdout);
	if (n > 0) {
		fprintf(stderr, "lapakctl: %d problem%s found\n", n,
		    n == 1 ? "" : "s");
		return 1;
	}
	printf("%s: ok\n", x->conf_path);
	return 0;
}

int
ctl_reload(const struct ctl *x, int argc, char **argv)
{
	int	n;

	(void)argv;
	if (argc != 1)
		return 2;
	if ((n = check_menus(x->conf, NULL, 0)) > 0) {
		fprintf(stderr, "lapakctl: %d problem%s found: not "
		    "reloading\n", n, n == 1 ? "" : "s");
		return 1;
	}
	return send_hup(x->conf, x->pidfile);
}
