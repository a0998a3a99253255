/* A listener's "host:port" (http.listen, web.listen) as a socket address:
 * the one parser lapakd's HTTP and lapak-web share. */
#ifndef LAPAK_LISTEN_H
#define LAPAK_LISTEN_H
#include <stddef.h>
#include <sys/socket.h>

/*
 * Parses listen ("127.0.0.1:8080", "[::1]:8080", "localhost:8080",
 * ":8080" = every IPv4 address) into *out with its port; *ipv6 set for an
 * IPv6 address. key names the setting in err ("web.listen: ..."). 0, or -1
 * with err set.
 */
int	listen_addr(const char *key, const char *listen,
	    struct sockaddr_storage *out, int *ipv6, char *err, size_t errlen);

#endif
