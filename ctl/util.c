/* Helpers the lapakctl subcommands share. */
#include <stdio.h>
#include <time.h>

#include "common/phone.h"
#include "ctl/ctl.h"
#include "store/store.h"

int
ctl_open_store(const struct ctl *x, struct store **st)
{
	char	err[1024];

	if (store_open(st, x->conf->store_path, x->conf->store_durable, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "lapakctl: %s\n", err);
		return -1;
	}
	return 0;
}

int
ctl_number(const struct ctl *x, const char *what, char *out, size_t len)
{
	if (phone_e164(what, x->conf->country_code, false, out, len) != 0) {
		fprintf(stderr, "lapakctl: %s: not a phone number (0812..., "
		    "62812... or +62812...)\n", what);
		return -1;
	}
	return 0;
}

const char *
ctl_time(int64_t t_s, char *buf, size_t len)
{
	time_t		t = (time_t)t_s;
	struct tm	tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M %z", &tm) == 0)
		snprintf(buf, len, "%lld", (long long)t_s);
	return buf;
}
