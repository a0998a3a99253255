/* Promotions' text and timing rules (menus/promo.h): pure, no I/O; the
 * clock comes in as an argument. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "menus/promo.h"
#include "menus/reply.h"

int
promo_fit(const char *body, const char *stop, char *out, size_t outsz)
{
	size_t	len;
	bool	gsm;
	int	n;

	n = snprintf(out, outsz, "%s\n%s", body, stop);
	if (n < 0 || (size_t)n >= outsz)
		return -1;
	len = reply_seg_len(out, &gsm);
	if (!gsm)
		return -1;
	return len <= PROMO_SEGMENT ? 0 : (int)(len - PROMO_SEGMENT);
}

bool
promo_quiet(int hour)
{
	return hour >= PROMO_QUIET_FROM || hour < PROMO_QUIET_TO;
}

bool
promo_may_send(int64_t last_day, int64_t day)
{
	return last_day < day;
}

int
promo_minutes(const char *hhmm)
{
	int	h, m;
	char	end;

	if (hhmm == NULL || sscanf(hhmm, "%2d:%2d%c", &h, &m, &end) != 2 ||
	    h < 0 || h > 23 || m < 0 || m > 59)
		return -1;
	return h * 60 + m;
}

bool
promo_digest_due(int now_min, int digest_min)
{
	return digest_min >= 0 && now_min >= digest_min &&
	    !promo_quiet(now_min / 60);
}

int64_t
promo_local_day(int64_t t, int *hour, int *minute)
{
	time_t		tt = (time_t)t;
	struct tm	tm;
	int64_t		y, m, d, era, yoe, doy, doe;

	if (localtime_r(&tt, &tm) == NULL) {
		*hour = *minute = 0;
		return t / 86400;
	}
	*hour = tm.tm_hour;
	*minute = tm.tm_min;
	/* Days from civil (proleptic Gregorian), no timegm needed. */
	y = tm.tm_year + 1900;
	m = tm.tm_mon + 1;
	d = tm.tm_mday;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}
