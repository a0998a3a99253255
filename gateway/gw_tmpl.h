/* Template names: the ones the gateway asks for itself, and the load-time
 * check that a template folder holds every name lapakd can ask for. */
#ifndef LAPAK_GW_TMPL_H
#define LAPAK_GW_TMPL_H
#include <stddef.h>

#include "conf/conf.h"
#include "conf/templates.h"

enum gw_tmpl {
	GW_TMPL_REPEAT,		/* a repeated command: the earlier answer */
	GW_TMPL_RATE_LIMIT,	/* too many messages from one number */
	GW_TMPL_ERROR,		/* an internal error: sorry, try later */
	GW_TMPL_REPORT_SMS,	/* USSD LAPORAN: the figures follow by SMS */
	/* promotions (gateway/promo.c) */
	GW_TMPL_PROMO_STOP,	/* the BERHENTI line every promotion ends in */
	GW_TMPL_PROMO_DIGEST,	/* the daily digest: {what} {items} */
	GW_TMPL__N
};

/* The template name of t ("common.repeat"). */
const char	*gw_tmpl_name(enum gw_tmpl t);

/* Checks t against every name lapakd can ask for: the SMS parser's
 * (menus/cmd.c), reply rendering's (menus/reply.c), the gateway's and the
 * commerce actions'. Returns the number of names missing from a language,
 * each one line in err[errlen] (see templates_check). */
size_t		 gw_templates_check(const struct templates *t, char *err,
		    size_t errlen);

/* templates_load_conf, then gw_templates_check: 0 and *out, or -1 with
 * *out NULL and every problem in err[errlen]. The one way lapakd loads
 * templates, so a folder missing a name is refused at startup, at reload
 * and by lapakd -n like any invalid config. A regional language missing
 * keys of "id" is only logged (templates_check_ref: those keys are read
 * from "id"). On success the commerce core takes t's languages and words
 * (commerce_langs_set). */
int		 gw_templates_load(const struct conf *c, struct templates **out,
		    char *err, size_t errlen);

#endif
