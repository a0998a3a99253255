/* sd_notify's datagram, written by hand: AF_UNIX, SOCK_DGRAM, to the path
 * or abstract name in $NOTIFY_SOCKET (common/notify.h). */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/notify.h"

/* Fills sa from $NOTIFY_SOCKET; returns its length, 0 when unset or unusable. */
static socklen_t
notify_addr(struct sockaddr_un *sa)
{
	const char	*e = getenv("NOTIFY_SOCKET");
	size_t		 n;

	if (e == NULL || (e[0] != '/' && e[0] != '@'))
		return 0;
	n = strlen(e);
	if (n < 2 || n >= sizeof(sa->sun_path))
		return 0;
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	memcpy(sa->sun_path, e, n);
	if (e[0] == '@')		/* abstract: a leading NUL, no trailing one */
		sa->sun_path[0] = '\0';
	else
		n++;			/* a path: the NUL counts */
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
}

bool
notify_enabled(void)
{
	struct sockaddr_un	sa;

	return notify_addr(&sa) > 0;
}

int
notify_send(const char *msg)
{
	struct sockaddr_un	sa;
	socklen_t		len;
	ssize_t			n;
	int			fd, saved;

	if ((len = notify_addr(&sa)) == 0)
		return 0;
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	n = sendto(fd, msg, strlen(msg), MSG_NOSIGNAL,
	    (const struct sockaddr *)&sa, len);
	saved = errno;
	close(fd);
	errno = saved;
	return n == (ssize_t)strlen(msg) ? 0 : -1;
}

int
notify_sendf(const char *fmt, ...)
{
	char	msg[1024];
	va_list	ap;

	if (!notify_enabled())
		return 0;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return notify_send(msg);
}

int
notify_reloading(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return notify_sendf("RELOADING=1\nMONOTONIC_USEC=%llu",
	    (unsigned long long)ts.tv_sec * 1000000ULL +
	    (unsigned long long)ts.tv_nsec / 1000ULL);
}
