/* issue 14, web: lapakctl web-user add|remove|list, the programme
 * officers who log in to lapak-web's dashboard (docs/WEB.md).
 * The password comes from a file, a terminal (asked twice, not echoed) or
 * standard input; it is never printed, logged or kept in clear. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "ctl/ctl.h"
#include "store/store.h"
#include "store/webuser.h"

/* Room for the longest allowed password, its newline and one byte more
 * (to tell a longer one). */
#define PW_BUF	(WEBUSER_PW_MAX + 3)

/* One line of f into buf[PW_BUF] without its line end: 0, or -1 (nothing
 * read, or longer than allowed: then buf says nothing of it). */
static int
read_line(FILE *f, char *buf)
{
	size_t	n;

	if (fgets(buf, PW_BUF, f) == NULL)
		return -1;
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	else if (n == PW_BUF - 1)
		return -2;			/* no line end: too long */
	if (n > 0 && buf[n - 1] == '\r')
		buf[--n] = '\0';
	return 0;
}

/* Asks on the terminal at fd with echo off: 0, or -1. */
static int
ask(int fd, FILE *in, const char *prompt, char *buf)
{
	struct termios	old, quiet;
	int		rc;

	/* Echo off first, then the prompt: what is typed after the prompt
	 * is never shown (what was typed before is dropped). */
	if (tcgetattr(fd, &old) == -1)
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	if (tcsetattr(fd, TCSAFLUSH, &quiet) == -1)
		return -1;
	fputs(prompt, stderr);
	fflush(stderr);
	rc = read_line(in, buf);
	(void)tcsetattr(fd, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return rc;
}

/* The new password into pw[PW_BUF]: from file (first line), else asked
 * twice on a terminal, else standard input's first line. 0, or 1 with
 * the reason printed. */
static int
get_password(const char *file, char *pw)
{
	char	again[PW_BUF];
	FILE	*f;
	int	 rc = 1, r;

	if (file != NULL) {
		if ((f = fopen(file, "r")) == NULL) {
			fprintf(stderr, "lapakctl: %s: %s\n", file,
			    strerror(errno));
			return 1;
		}
		r = read_line(f, pw);
		fclose(f);
	} else if (isatty(STDIN_FILENO)) {
		r = ask(STDIN_FILENO, stdin, "Password (10 characters or "
		    "more): ", pw);
		if (r == 0 && (r = ask(STDIN_FILENO, stdin, "Password again: ",
		    again)) == 0 && strcmp(pw, again) != 0) {
			fprintf(stderr, "lapakctl: the two passwords differ; "
			    "nothing changed\n");
			goto out;
		}
	} else
		r = read_line(stdin, pw);
	if (r == -2) {
		fprintf(stderr, "lapakctl: %s\n",
		    webuser_bad_text(WEBUSER_PW_LONG));
		goto out;
	}
	if (r == -1) {
		fprintf(stderr, "lapakctl: no password given (one line on "
		    "standard input, or --password-file FILE)\n");
		goto out;
	}
	rc = 0;
out:
	webauth_wipe(again, sizeof(again));
	return rc;
}

static int
webuser_add(const struct ctl *x, int argc, char **argv)
{
	struct store		*st = NULL;
	const char		*place = NULL, *file = NULL, *name;
	char			 pw[PW_BUF];
	enum webuser_bad	 bad;
	enum store_rc		 src;
	bool			 replace = false;
	int			 i, rc;

	if (argc < 2)
		return 2;
	name = argv[1];
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--place") == 0 && i + 1 < argc)
			place = argv[++i];
		else if (strcmp(argv[i], "--password-file") == 0 &&
		    i + 1 < argc)
			file = argv[++i];
		else if (strcmp(argv[i], "--replace") == 0)
			replace = true;
		else
			return 2;
	}
	if (place == NULL)
		return 2;
	if ((bad = webuser_name_check(name)) != WEBUSER_GOOD) {
		fprintf(stderr, "lapakctl: %s\n", webuser_bad_text(bad));
		return 1;
	}
	if (place[0] == '\0' || strlen(place) >= WEBUSER_PLACE_MAX) {
		fprintf(stderr, "lapakctl: --place: a places code such as "
		    "33.18 or 33.18.04\n");
		return 1;
	}
	memset(pw, 0, sizeof(pw));
	if ((rc = get_password(file, pw)) != 0)
		goto out;
	if ((bad = webuser_password_check(pw)) != WEBUSER_GOOD) {
		fprintf(stderr, "lapakctl: %s; nothing changed\n",
		    webuser_bad_text(bad));
		rc = 1;
		goto out;
	}
	if (ctl_open_store(x, &st) == -1) {
		rc = 3;
		goto out;
	}
	src = store_webuser_add(st, name, place, pw, replace,
	    (int64_t)time(NULL));
	switch (src) {
	case STORE_OK:
		printf("web user %s %s: place %s\n", name, replace ?
		    "added or replaced" : "added", place);
		rc = 0;
		break;
	case STORE_CONFLICT:
		fprintf(stderr, "lapakctl: web user %s exists (--replace sets "
		    "a new password and place)\n", name);
		rc = 1;
		break;
	case STORE_NOTFOUND:
		fprintf(stderr, "lapakctl: place %s is not a loaded place "
		    "(lapakctl places load)\n", place);
		rc = 1;
		break;
	default:
		fprintf(stderr, "lapakctl: %s\n", store_errmsg(st));
		rc = 3;
		break;
	}
	/* issue 15, operators: the audit row (its own short transaction:
	 * the account's write commits inside store_webuser_add) */
	(void)ctl_audit_own(st, replace ? "web-user add --replace" :
	    "web-user add", name, false, rc == 0 ? "ok" : rc == 1 ?
	    "refused" : "failed", place);
out:
	webauth_wipe(pw, sizeof(pw));
	store_close(st);
	return rc;
}

static int
webuser_remove(const struct ctl *x, int argc, char **argv)
{
	struct store	*st;
	enum store_rc	 src;
	int		 rc;

	if (argc != 2)
		return 2;
	if (webuser_name_check(argv[1]) != WEBUSER_GOOD) {
		fprintf(stderr, "lapakctl: web user %s does not exist\n",
		    argv[1]);
		return 1;
	}
	if (ctl_open_store(x, &st) == -1)
		return 3;
	src = store_webuser_remove(st, argv[1]);
	if (src == STORE_OK) {
		printf("web user %s removed (a session open in lapak-web "
		    "ends at its next request)\n", argv[1]);
		rc = 0;
	} else if (src == STORE_NOTFOUND) {
		fprintf(stderr, "lapakctl: web user %s does not exist\n",
		    argv[1]);
		rc = 1;
	} else {
		fprintf(stderr, "lapakctl: %s\n", store_errmsg(st));
		rc = 3;
	}
	(void)ctl_audit_own(st, "web-user remove", argv[1], false, rc == 0 ?
	    "ok" : rc == 1 ? "refused" : "failed", "");
	store_close(st);
	return rc;
}

static void
print_row(void *arg, const struct webuser *u)
{
	char	t[48];

	(void)arg;
	printf("%-32s %-20s %s\n", u->name, u->place,
	    ctl_time(u->created_s, t, sizeof(t)));
}

static int
webuser_list(const struct ctl *x, int argc, char **argv)
{
	struct store	*st;
	int		 rc = 0;

	(void)argv;
	if (argc != 1)
		return 2;
	if (ctl_open_store(x, &st) == -1)
		return 3;
	printf("%-32s %-20s %s\n", "name", "place", "created");
	if (store_webuser_list(st, print_row, NULL) != STORE_OK) {
		fprintf(stderr, "lapakctl: %s\n", store_errmsg(st));
		rc = 3;
	}
	store_close(st);
	return rc;
}

int
ctl_webuser(const struct ctl *x, int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (strcmp(argv[1], "add") == 0)
		return webuser_add(x, argc - 1, argv + 1);
	if (strcmp(argv[1], "remove") == 0)
		return webuser_remove(x, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return webuser_list(x, argc - 1, argv + 1);
	return 2;
}
