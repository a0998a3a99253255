/* Logging: one key=value line per event on stderr, level-filtered, with
 * subsystem traces (-T smpp,store). Phone numbers go through log_msisdn(). */
#ifndef LAPAK_LOG_H
#define LAPAK_LOG_H
#include <stdbool.h>
#include <stddef.h>

enum log_level { LOG_LVL_ERR, LOG_LVL_WARN, LOG_LVL_INFO, LOG_LVL_DEBUG };

/* Also turns the priority prefix on when stderr is the journal. */
void	log_init(enum log_level level, const char *progname);
void	log_set_level(enum log_level level);
/* Enables trace output for a comma-separated list of subsystems ("smpp,store"). */
void	log_set_traces(const char *list);
bool	log_tracing(const char *subsystem);
bool	log_enabled(enum log_level level);

void	log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));	/* adds errno */
void	log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	log_errx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	log_trace(const char *subsystem, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Before the loop only: logs and exits with code. */
void	fatalx(int code, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3), noreturn));

/* issue 15, journal levels: each line starts with its syslog priority,
 * "<3>" err, "<4>" warn, "<6>" info, "<7>" debug and traces, "<2>" fatal,
 * so journald (SyslogLevelPrefix=yes) files it at that level. On by
 * log_init when $JOURNAL_STREAM is stderr's "dev:ino", or forced here. */
bool	log_stderr_is_journal(void);
void	log_set_prio_prefix(bool on);
bool	log_prio_prefix(void);

/* Masks a phone number for logs: "+6281234567821" -> "+62812****21".
 * Writes into buf[len] and returns buf. Never logs a full number. */
const char *log_msisdn(const char *msisdn, char *buf, size_t len);
#define LOG_MSISDN_LEN 32

#endif
