/* Promotions' text and timing rules (programme.md section 6), pure: the
 * one-segment fit with the BERHENTI line, quiet hours, one a day, and when
 * the digest is due. lapakd's sender (gateway/promo.c) and lapakctl
 * broadcast both judge by these. */
#ifndef LAPAK_MENUS_PROMO_H
#define LAPAK_MENUS_PROMO_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PROMO_SEGMENT	160	/* GSM-7 septets of one segment */
#define PROMO_QUIET_FROM 21	/* none from 21:00 ... */
#define PROMO_QUIET_TO	7	/* ... to 07:00 local */

/* body, a newline and the stop line into out[outsz]. Returns 0 when that
 * fits one GSM-7 segment, the septets over it (> 0) when not, -1 when it
 * is not GSM 03.38 text at all (or does not fit out). */
int	promo_fit(const char *body, const char *stop, char *out,
	    size_t outsz);
/* True from 21:00 to 06:59 (hour 0..23, local). */
bool	promo_quiet(int hour);
/* The one-a-day rule: a number whose last promotion was on local day
 * last_day (-1 none) may have one on day. */
bool	promo_may_send(int64_t last_day, int64_t day);
/* "HH:MM" as minutes after midnight; -1 when malformed. */
int	promo_minutes(const char *hhmm);
/* The digest of local day is due at minute (of the day) now_min when it is
 * at or after digest_min and outside quiet hours. */
bool	promo_digest_due(int now_min, int digest_min);
/* The local day (days since 1970-01-01 of the local calendar), hour and
 * minute of the day at unix time t in the process's zone (TZ). */
int64_t	promo_local_day(int64_t t, int *hour, int *minute);

#endif
