/* Journal levels (common/log.c, issue 15): with $JOURNAL_STREAM naming
 * stderr (or the prefix forced), every line starts with its syslog
 * priority, each line of a multi-line message too; otherwise lines are
 * as before. The notify datagram (common/notify.c) reaches a socket. */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "common/notify.h"
#include "tests/t.h"

static char	 path[] = "/tmp/lapak-test-log.XXXXXX";
static int	 saved_err = -1;

/* stderr into a fresh temp file; returns its "dev:ino". */
static void
capture(char *devino, size_t len)
{
	struct stat	st;
	int		fd;

	fflush(stderr);
	if (saved_err == -1)
		saved_err = dup(STDERR_FILENO);
	strcpy(path, "/tmp/lapak-test-log.XXXXXX");
	if ((fd = mkstemp(path)) == -1) {
		perror("mkstemp");
		exit(1);
	}
	dup2(fd, STDERR_FILENO);
	close(fd);
	fstat(STDERR_FILENO, &st);
	snprintf(devino, len, "%llu:%llu", (unsigned long long)st.st_dev,
	    (unsigned long long)st.st_ino);
}

/* stderr back; the captured text into out. */
static void
release(char *out, size_t len)
{
	FILE	*f;
	size_t	 n;

	fflush(stderr);
	dup2(saved_err, STDERR_FILENO);
	f = fopen(path, "r");
	n = f ? fread(out, 1, len - 1, f) : 0;
	out[n] = '\0';
	if (f)
		fclose(f);
	unlink(path);
}

static void
log_all(void)
{
	log_errx("an error");
	log_warnx("a warning");
	log_info("some info");
	log_debug("a debug line");
	log_info("two\nlines");
}

/* The line of out that holds what, prefix included ("" when none). */
static const char *
line_with(const char *out, const char *what, char *buf, size_t len)
{
	const char	*p = strstr(out, what), *s;
	size_t		 n;

	buf[0] = '\0';
	if (p == NULL)
		return buf;
	for (s = p; s > out && s[-1] != '\n'; s--)
		;
	n = (size_t)(strchr(p, '\n') - s);
	if (n >= len)
		n = len - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

static void
test_journal_stream(void)
{
	char	di[64], other[80], out[4096], l[256];

	/* JOURNAL_STREAM is stderr: prefixed. */
	capture(di, sizeof(di));
	setenv("JOURNAL_STREAM", di, 1);
	log_init(LOG_LVL_DEBUG, "test_log");
	CHECK(log_prio_prefix());
	log_all();
	release(out, sizeof(out));
	CHECK(strncmp(line_with(out, "an error", l, sizeof(l)), "<3>", 3) == 0);
	CHECK(strstr(l, " test_log err an error") != NULL);
	CHECK(strncmp(line_with(out, "a warning", l, sizeof(l)), "<4>", 3) == 0);
	CHECK(strncmp(line_with(out, "some info", l, sizeof(l)), "<6>", 3) == 0);
	CHECK(strncmp(line_with(out, "a debug line", l, sizeof(l)), "<7>", 3)
	    == 0);
	/* A second line of one message carries the priority too. */
	CHECK_STR(line_with(out, "lines", l, sizeof(l)), "<6>lines");
	CHECK(strncmp(line_with(out, "two", l, sizeof(l)), "<6>", 3) == 0);

	/* JOURNAL_STREAM names another file (a child's inherited variable
	 * with stderr redirected): no prefix. */
	capture(di, sizeof(di));
	snprintf(other, sizeof(other), "%s1", di);
	setenv("JOURNAL_STREAM", other, 1);
	log_init(LOG_LVL_DEBUG, "test_log");
	CHECK(!log_prio_prefix());
	log_all();
	release(out, sizeof(out));
	CHECK(line_with(out, "an error", l, sizeof(l))[0] != '<');
	CHECK(strstr(out, "<") == NULL);
	CHECK_STR(line_with(out, "lines", l, sizeof(l)), "lines");

	/* Garbage and trailing text: no prefix. */
	capture(di, sizeof(di));
	snprintf(other, sizeof(other), "%s:9", di);
	setenv("JOURNAL_STREAM", other, 1);
	log_init(LOG_LVL_DEBUG, "test_log");
	CHECK(!log_prio_prefix());
	setenv("JOURNAL_STREAM", "nonsense", 1);
	log_init(LOG_LVL_DEBUG, "test_log");
	CHECK(!log_prio_prefix());
	release(out, sizeof(out));

	/* Unset, then forced by the option (lapakd -j). */
	capture(di, sizeof(di));
	unsetenv("JOURNAL_STREAM");
	log_init(LOG_LVL_INFO, "test_log");
	CHECK(!log_prio_prefix());
	log_info("plain");
	log_set_prio_prefix(true);
	log_warnx("forced");
	log_debug("below the level");
	log_set_prio_prefix(false);
	release(out, sizeof(out));
	CHECK(line_with(out, "plain", l, sizeof(l))[0] != '<');
	CHECK(strncmp(line_with(out, "forced", l, sizeof(l)), "<4>", 3) == 0);
	CHECK(strstr(out, "below the level") == NULL);
}

/* A datagram socket at a path and at an abstract name; notify_send
 * delivers exactly the message; nothing goes out when unset. */
static void
test_notify(void)
{
	struct sockaddr_un	 sa;
	char			 buf[256], name[108];
	ssize_t			 n;
	int			 fd, abs;

	unsetenv("NOTIFY_SOCKET");
	CHECK(!notify_enabled());
	CHECK_INT(notify_send("READY=1"), 0);	/* off: a no-op */
	setenv("NOTIFY_SOCKET", "relative/path", 1);
	CHECK(!notify_enabled());

	for (abs = 0; abs <= 1; abs++) {
		fd = socket(AF_UNIX, SOCK_DGRAM, 0);
		memset(&sa, 0, sizeof(sa));
		sa.sun_family = AF_UNIX;
		snprintf(name, sizeof(name), "%s/lapak-notify-%d-%d",
		    abs ? "@" : "/tmp", (int)getpid(), abs);
		snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", name);
		if (abs)
			sa.sun_path[0] = '\0';
		else
			unlink(name);
		CHECK(bind(fd, (struct sockaddr *)&sa, abs ?
		    (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
		    strlen(name)) : (socklen_t)sizeof(sa)) == 0);
		setenv("NOTIFY_SOCKET", name, 1);
		CHECK(notify_enabled());
		CHECK_INT(notify_send("READY=1\nSTATUS=up"), 0);
		n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
		CHECK_INT(n, 17);
		buf[n > 0 ? n : 0] = '\0';
		CHECK_STR(buf, "READY=1\nSTATUS=up");
		CHECK_INT(notify_reloading(), 0);
		n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
		buf[n > 0 ? n : 0] = '\0';
		CHECK(strncmp(buf, "RELOADING=1\nMONOTONIC_USEC=", 27) == 0 &&
		    strtoull(buf + 27, NULL, 10) > 0);
		close(fd);
		if (!abs)
			unlink(name);
	}
	/* Nobody listening: the send fails and says so. */
	setenv("NOTIFY_SOCKET", "/tmp/lapak-notify-nobody", 1);
	unlink("/tmp/lapak-notify-nobody");
	CHECK_INT(notify_send("READY=1"), -1);
	unsetenv("NOTIFY_SOCKET");
}

int
main(void)
{
	test_journal_stream();
	test_notify();
	return T_DONE();
}
