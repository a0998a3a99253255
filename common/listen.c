/* listen_addr: "host:port" to a socket address (listen.h). */
#include "common/listen.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
listen_addr(const char *key, const char *listen, struct sockaddr_storage *out,
    int *ipv6, char *err, size_t errlen)
{
	struct sockaddr_in	*sin = (struct sockaddr_in *)(void *)out;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)(void *)out;
	char			 host[64], *colon, *end;
	long			 port;

	memset(out, 0, sizeof(*out));
	*ipv6 = 0;
	if (snprintf(host, sizeof(host), "%s", listen) >= (int)sizeof(host) ||
	    (colon = strrchr(host, ':')) == NULL) {
		snprintf(err, errlen, "%s: expected host:port", key);
		return -1;
	}
	*colon = '\0';
	port = strtol(colon + 1, &end, 10);
	if (end == colon + 1 || *end != '\0' || port < 0 || port > 65535) {
		snprintf(err, errlen, "%s: %s is not a port", key, colon + 1);
		return -1;
	}
	if (host[0] == '[' && colon > host + 1 && colon[-1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	if (strcmp(host, "localhost") == 0)
		snprintf(host, sizeof(host), "127.0.0.1");
	if (inet_pton(AF_INET, host[0] ? host : "0.0.0.0", &sin->sin_addr) ==
	    1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		return 0;
	}
	if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)port);
		*ipv6 = 1;
		return 0;
	}
	snprintf(err, errlen, "%s: %s is not an IP address", key, host);
	return -1;
}
