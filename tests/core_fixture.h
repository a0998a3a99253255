/* The commerce core's unit-test fixture shared by the issue-13 tests
 * (test_courier, test_payment, test_privacy, test_promo): an empty action,
 * the config every one of them starts from, and the core's words loaded
 * from the shipped templates. Include after tests/t.h. */
#ifndef LAPAK_TESTS_CORE_FIXTURE_H
#define LAPAK_TESTS_CORE_FIXTURE_H
#include <stdio.h>
#include <string.h>

#include "commerce/lang.h"
#include "common/action.h"
#include "conf/conf.h"
#include "conf/templates.h"

/* An action of verb v with nothing typed (no confirmation code). */
static inline struct action
fx_act(enum verb v)
{
	struct action	a;

	memset(&a, 0, sizeof(a));
	a.verb = v;
	a.confirm_code = -1;
	return a;
}

/* cf zeroed, then the documented order and PIN timings, max_pending
 * pending orders a buyer may hold, and Indonesian replies. */
static inline void
fx_conf(struct conf *cf, int max_pending)
{
	memset(cf, 0, sizeof(*cf));
	cf->confirm_timeout_s = 1800;
	cf->accept_timeout_s = 86400;
	cf->max_pending = max_pending;
	cf->confirm_attempts = 3;
	cf->pin_max_fail = 5;
	cf->pin_lock_s = 1800;
	snprintf(cf->default_lang, sizeof(cf->default_lang), "id");
}

/* The core's words from the shipped templates: 0, or -1 (said on
 * stderr). */
static inline int
fx_words(void)
{
	struct templates	*words = NULL;
	char			 err[1024];

	if (templates_load(LAPAK_DATADIR "/menus/templates", "id", &words,
	    err, sizeof(err)) != 0) {
		fprintf(stderr, "templates: %s\n", err);
		return -1;
	}
	commerce_langs_set(words);
	templates_free(words);
	return 0;
}

#endif
