/* Logging to stderr, OpenSMTPD-style API; formatting skipped below the level.
 * When stderr is the journal, each line starts with its syslog priority. */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"

static enum log_level	 log_level = LOG_LVL_INFO;
static const char	*log_prog = "lapak";
static char		 log_traces[256];
static bool		 log_prio;	/* "<N>" before each line */

/* Syslog priorities (RFC 5424) of the prefix. */
#define PRIO_CRIT	2
#define PRIO_ERR	3
#define PRIO_WARNING	4
#define PRIO_INFO	6
#define PRIO_DEBUG	7

bool
log_stderr_is_journal(void)
{
	const char		*e = getenv("JOURNAL_STREAM");
	unsigned long long	 dev, ino;
	char			 end;
	struct stat		 st;

	if (e == NULL || sscanf(e, "%llu:%llu%c", &dev, &ino, &end) != 2)
		return false;
	if (fstat(STDERR_FILENO, &st) == -1)
		return false;
	return (unsigned long long)st.st_dev == dev &&
	    (unsigned long long)st.st_ino == ino;
}

void
log_init(enum log_level level, const char *progname)
{
	log_level = level;
	if (progname != NULL)
		log_prog = progname;
	log_prio = log_stderr_is_journal();
}

void
log_set_prio_prefix(bool on)
{
	log_prio = on;
}

bool
log_prio_prefix(void)
{
	return log_prio;
}

void
log_set_level(enum log_level level)
{
	log_level = level;
}

void
log_set_traces(const char *list)
{
	snprintf(log_traces, sizeof(log_traces), ",%s,", list ? list : "");
}

bool
log_tracing(const char *subsystem)
{
	char	key[64];

	if (log_traces[0] == '\0')
		return false;
	if (strstr(log_traces, ",all,") != NULL)
		return true;
	snprintf(key, sizeof(key), ",%s,", subsystem);
	return strstr(log_traces, key) != NULL;
}

bool
log_enabled(enum log_level level)
{
	return level <= log_level;
}

static void
vlog(int prio, const char *lvl, const char *fmt, va_list ap, const char *suffix)
{
	struct timespec	ts;
	struct tm	tm;
	char		line[2048], *p, *nl;
	int		n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = snprintf(line, sizeof(line), "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ %s %s ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000, log_prog, lvl);
	if (n < 0 || (size_t)n >= sizeof(line))
		n = 0;
	vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	if (suffix != NULL) {
		size_t	l = strlen(line);

		snprintf(line + l, sizeof(line) - l, " error=\"%s\"", suffix);
	}
	if (!log_prio) {
		fprintf(stderr, "%s\n", line);
		return;
	}
	/* The journal reads one entry per line: each line its priority. */
	for (p = line; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		fprintf(stderr, "<%d>%.*s\n", prio, (int)(nl - p), p);
	fprintf(stderr, "<%d>%s\n", prio, p);
}

#define LOGFN(name, level, prio, tag)					\
void									\
name(const char *fmt, ...)						\
{									\
	va_list	ap;							\
									\
	if (!log_enabled(level))					\
		return;							\
	va_start(ap, fmt);						\
	vlog(prio, tag, fmt, ap, NULL);					\
	va_end(ap);							\
}
LOGFN(log_errx, LOG_LVL_ERR, PRIO_ERR, "err")
LOGFN(log_warnx, LOG_LVL_WARN, PRIO_WARNING, "warn")
LOGFN(log_info, LOG_LVL_INFO, PRIO_INFO, "info")
LOGFN(log_debug, LOG_LVL_DEBUG, PRIO_DEBUG, "debug")

void
log_warn(const char *fmt, ...)
{
	va_list	ap;
	char	err[128];

	if (!log_enabled(LOG_LVL_WARN))
		return;
	snprintf(err, sizeof(err), "%s", strerror(errno));
	va_start(ap, fmt);
	vlog(PRIO_WARNING, "warn", fmt, ap, err);
	va_end(ap);
}

void
log_trace(const char *subsystem, const char *fmt, ...)
{
	va_list	ap;
	char	tag[48];

	if (!log_tracing(subsystem))
		return;
	snprintf(tag, sizeof(tag), "trace %s", subsystem);
	va_start(ap, fmt);
	vlog(PRIO_DEBUG, tag, fmt, ap, NULL);
	va_end(ap);
}

void
fatalx(int code, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vlog(PRIO_CRIT, "fatal", fmt, ap, NULL);
	va_end(ap);
	exit(code);
}

const char *
log_msisdn(const char *msisdn, char *buf, size_t len)
{
	size_t	n = msisdn ? strlen(msisdn) : 0;
	size_t	i;

	if (len == 0)
		return buf;
	if (n < 7) {
		snprintf(buf, len, "****");
		return buf;
	}
	/* Keep a prefix of 6 and the last 2: enough to tell operators apart. */
	snprintf(buf, len, "%.6s", msisdn);
	for (i = 6; i < n - 2 && strlen(buf) + 1 < len; i++)
		strncat(buf, "*", len - strlen(buf) - 1);
	strncat(buf, msisdn + n - 2, len - strlen(buf) - 1);
	return buf;
}
