/* lapakctl: the operator's tool. check validates config (and, later, every
 * menu and template file); stats reads the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <getopt.h>

#include "common/xalloc.h"
#include "conf/conf.h"
#include "store/msg.h"
#include "store/store.h"

static void
usage(void)
{
	fprintf(stderr, "usage: lapakctl -c FILE check | stats\n");
	exit(2);
}

static int
cmd_stats(const struct conf *c)
{
	struct store	*st;
	char		 err[1024];

	if (store_open(&st, c->store_path, c->store_durable, err, sizeof(err)) == -1) {
		fprintf(stderr, "lapakctl: %s\n", err);
		return 3;
	}
	printf("inbox %lld\n", (long long)msg_inbox_count(st));
	printf("outbox_queued %lld\n", (long long)msg_outbox_count(st, MSG_QUEUED));
	printf("outbox_submitted %lld\n", (long long)msg_outbox_count(st, MSG_SUBMITTED));
	printf("outbox_delivered %lld\n", (long long)msg_outbox_count(st, MSG_DELIVERED));
	printf("outbox_failed %lld\n", (long long)msg_outbox_count(st, MSG_FAILED));
	printf("outbox_expired %lld\n", (long long)msg_outbox_count(st, MSG_EXPIRED));
	store_close(st);
	return 0;
}

int
main(int argc, char **argv)
{
	struct conf	*c;
	const char	*path = NULL;
	char		 err[8192];
	int		 ch, rc;

	while ((ch = getopt(argc, argv, "c:h")) != -1) {
		switch (ch) {
		case 'c': path = optarg; break;
		default: usage();
		}
	}
	if (path == NULL || optind + 1 != argc)
		usage();
	c = xcalloc(1, sizeof(*c));
	if (conf_load(path, c, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\nlapakctl: %s: configuration invalid\n", err, path);
		free(c);
		return 1;
	}
	if (strcmp(argv[optind], "check") == 0) {
		printf("%s: ok\n", path);
		rc = 0;
	} else if (strcmp(argv[optind], "stats") == 0)
		rc = cmd_stats(c);
	else {
		free(c);
		usage();
	}
	free(c);
	return rc;
}
