/* The gateway's commerce entry points over the SQLite store: each binds the
 * commerce core (commerce/) to this store's repository and the libsodium
 * secrets, and calls it. No rules here. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "commerce/commerce.h"
#include "store/commerce.h"
#include "store/repo_sqlite.h"

enum act_rc
commerce_do(struct store *st, const struct conf *cf, const struct actor *who,
    const struct action *a, struct act_result *out)
{
	return commerce_do_found(st, cf, who, a, NULL, out);
}

enum act_rc
commerce_do_found(struct store *st, const struct conf *cf,
    const struct actor *who, const struct action *a,
    const struct commerce_find *f, struct act_result *out)
{
	struct repo	r;
	struct commerce	cm = { &r, store_secrets(), cf };

	repo_sqlite_init(&r, st);
	if (cm.sec == NULL) {
		memset(&out->reply, 0, offsetof(struct act_msg, vars));
		out->nnotes = 0;
		out->reply.nvars = out->reply.nrows = 0;
		out->reply.more = false;
		out->rc = ACT_ERR;
		snprintf(out->reply.tmpl, sizeof(out->reply.tmpl), "%s",
		    commerce_tmpl_name(TMPL_COM_ERROR));
		return ACT_ERR;
	}
	return commerce_act_found(&cm, who, a, f, out);
}

int
commerce_find_want(struct store *st, const struct conf *cf,
    const struct actor *who, const struct action *a, struct commerce_find *f)
{
	struct repo	r;
	struct commerce	cm = { &r, NULL, cf };

	repo_sqlite_init(&r, st);
	return commerce_find_plan(&cm, who, a, f);
}

int
commerce_find_quick(struct store *st, struct commerce_find *f)
{
	struct commerce_find	q;
	struct repo		r;

	if (f->rq.nq != 1 || f->offset != 0)
		return 0;
	q = *f;
	q.rq.quick = true;
	repo_sqlite_init(&r, st);
	commerce_find_run(&r, &q);
	if (q.rc != REPO_OK)
		return 0;
	*f = q;
	return 1;
}

void
commerce_find_on(struct store *reader, struct commerce_find *f)
{
	struct repo	r;

	repo_sqlite_init(&r, reader);
	if (store_snapshot(reader, true) != STORE_OK) {
		f->done = true;
		f->rc = REPO_BUSY;
		return;
	}
	commerce_find_run(&r, f);
	store_snapshot(reader, false);
}

int
commerce_expire(struct store *st, const struct conf *cf, int64_t now_s,
    struct act_result *out, int max)
{
	struct repo	r;
	struct commerce	cm = { &r, store_secrets(), cf };

	repo_sqlite_init(&r, st);
	if (cm.sec == NULL)
		return -1;
	return commerce_expire_due(&cm, now_s, out, max);
}

int64_t
commerce_next_expiry(struct store *st)
{
	struct repo	r;

	repo_sqlite_init(&r, st);
	return commerce_timer_next(&r);
}

const char *
commerce_lang(struct store *st, const char *msisdn, const char *dflt)
{
	struct repo	r;

	repo_sqlite_init(&r, st);
	return commerce_lang_of(&r, msisdn, dflt);
}

int
commerce_pin_unlock(struct store *st, const char *msisdn)
{
	struct repo	r;

	repo_sqlite_init(&r, st);
	return commerce_unlock(&r, msisdn);
}
