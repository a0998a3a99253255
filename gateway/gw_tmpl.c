/* The registry of template names: each module's table, gathered for the
 * load-time check (conf/templates_check.c). */
#include <assert.h>
#include <stddef.h>

#include "gateway/gw_tmpl.h"
#include "menus/cmd.h"
#include "menus/reply.h"
#include "commerce/commerce.h"
#include "commerce/lang.h"
#include "common/log.h"

#define GW_TMPL_SETS	16

static const char *const gw_keys[GW_TMPL__N] = {
	[GW_TMPL_REPEAT] = "common.repeat",
	[GW_TMPL_RATE_LIMIT] = "common.rate_limit",
	[GW_TMPL_ERROR] = "com.error",
	[GW_TMPL_REPORT_SMS] = "report.by_sms",
	/* promotions */
	[GW_TMPL_PROMO_STOP] = "promo.stop",
	[GW_TMPL_PROMO_DIGEST] = "promo.digest",
};

const char *
gw_tmpl_name(enum gw_tmpl t)
{
	assert((size_t)t < GW_TMPL__N);
	return gw_keys[t];
}

/* Appends the n tables of v to out (room for GW_TMPL_SETS). */
static void
add_sets(struct tmpl_keys *out, size_t *nout, const struct tmpl_keys *v,
    size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		assert(*nout < GW_TMPL_SETS);
		out[(*nout)++] = v[i];
	}
}

size_t
gw_templates_check(const struct templates *t, char *err, size_t errlen)
{
	struct tmpl_keys	 sets[GW_TMPL_SETS];
	const struct tmpl_keys	*v;
	struct tmpl_keys	 one;
	size_t			 nsets = 0, n;

	v = cmd_tmpl_keys(&n);
	add_sets(sets, &nsets, v, n);
	v = reply_tmpl_keys(&n);
	add_sets(sets, &nsets, v, n);
	one.module = "gateway";
	one.keys = gw_keys;
	one.n = GW_TMPL__N;
	add_sets(sets, &nsets, &one, 1);
	one.module = "commerce";
	one.keys = commerce_tmpl_keys(&one.n);
	add_sets(sets, &nsets, &one, 1);
	one.module = "commerce/lang.c";		/* regional languages */
	one.keys = commerce_word_keys(&one.n);
	add_sets(sets, &nsets, &one, 1);
	return templates_check(t, sets, nsets, err, errlen);
}

int
gw_templates_load(const struct conf *c, struct templates **out, char *err,
    size_t errlen)
{
	struct templates	*t = NULL;
	size_t			 n;

	*out = NULL;
	if (templates_load_conf(c, &t, err, errlen) == -1)
		return -1;
	if (gw_templates_check(t, err, errlen) > 0) {
		templates_free(t);
		return -1;
	}
	/* Regional languages: a partial one still runs, each missing key
	 * answered from "id"; lapakctl check lists them as problems. */
	if ((n = templates_check_ref(t, err, errlen)) > 0)
		log_warnx("templates: %zu key%s missing in a regional language "
		    "(answered in %s instead; lapakctl check lists them)", n,
		    n == 1 ? "" : "s", TMPL_LANG_REF);
	if (errlen > 0)
		err[0] = '\0';
	commerce_langs_set(t);	/* the core's languages and words */
	*out = t;
	return 0;
}
