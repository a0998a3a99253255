/* common/listen.c: http.listen / web.listen to a socket address. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "common/listen.h"
#include "tests/t.h"

static int
port_of(const struct sockaddr_storage *ss)
{
	return ntohs(ss->ss_family == AF_INET6 ?
	    ((const struct sockaddr_in6 *)(const void *)ss)->sin6_port :
	    ((const struct sockaddr_in *)(const void *)ss)->sin_port);
}

int
main(void)
{
	struct sockaddr_storage	ss;
	char			err[128];
	int			v6;

	CHECK_INT(listen_addr("web.listen", "127.0.0.1:8081", &ss, &v6, err,
	    sizeof(err)), 0);
	CHECK(ss.ss_family == AF_INET && !v6 && port_of(&ss) == 8081);
	CHECK_INT(listen_addr("web.listen", "[::1]:80", &ss, &v6, err,
	    sizeof(err)), 0);
	CHECK(ss.ss_family == AF_INET6 && v6 && port_of(&ss) == 80);
	CHECK_INT(listen_addr("web.listen", "localhost:9", &ss, &v6, err,
	    sizeof(err)), 0);
	CHECK(ss.ss_family == AF_INET && ((struct sockaddr_in *)(void *)&ss)->
	    sin_addr.s_addr == htonl(INADDR_LOOPBACK));
	CHECK_INT(listen_addr("http.listen", ":8080", &ss, &v6, err,
	    sizeof(err)), 0);
	CHECK(ss.ss_family == AF_INET && ((struct sockaddr_in *)(void *)&ss)->
	    sin_addr.s_addr == htonl(INADDR_ANY));
	CHECK_INT(listen_addr("http.listen", "8080", &ss, &v6, err,
	    sizeof(err)), -1);
	CHECK_STR(err, "http.listen: expected host:port");
	CHECK_INT(listen_addr("web.listen", "127.0.0.1:80x", &ss, &v6, err,
	    sizeof(err)), -1);
	CHECK_STR(err, "web.listen: 80x is not a port");
	CHECK_INT(listen_addr("web.listen", "127.0.0.1:70000", &ss, &v6, err,
	    sizeof(err)), -1);
	CHECK_INT(listen_addr("web.listen", "example.org:80", &ss, &v6, err,
	    sizeof(err)), -1);
	CHECK_STR(err, "web.listen: example.org is not an IP address");
	return T_DONE();
}
