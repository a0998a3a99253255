/* lapakctl courier add|remove|list: an operator enrols and removes couriers
 * (programme.md section 4). Removing one hands its jobs not yet picked up
 * back to their sellers (order back to accepted, through the transition
 * table) and tells each seller by an SMS queued in the outbox; jobs picked
 * up stay with the courier, who may still ANTAR or GAGAL them. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commerce/commerce.h"
#include "common/action.h"
#include "conf/templates.h"
#include "ctl/ctl.h"
#include "menus/reply.h"
#include "store/commerce.h"
#include "store/msg.h"
#include "store/repo_courier.h"
#include "store/repo_sqlite.h"
#include "store/store.h"

#define REMOVE_BATCH	8

static int
courier_add(const struct ctl *x, int argc, char **argv)
{
	struct store	*st;
	char		 e164[24], *end;
	const char	*place = NULL, *name, *p;
	long long	 fee = 0;
	int		 i, rc = 0;

	if (argc < 4)
		return 2;
	name = argv[2];
	for (i = 3; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--place") == 0)
			place = argv[i + 1];
		else if (strcmp(argv[i], "--fee") == 0) {
			fee = strtoll(argv[i + 1], &end, 10);
			if (*end != '\0' || fee < 0 || fee > 10000000) {
				fprintf(stderr, "lapakctl: --fee: whole "
				    "rupiah, 0 to 10000000\n");
				return 1;
			}
		} else
			return 2;
	}
	if (i != argc || place == NULL)
		return 2;
	if (ctl_number(x, argv[1], e164, sizeof(e164)) == -1)
		return 1;
	if (name[0] == '\0' || strlen(name) >= 64 || place[0] == '\0' ||
	    strlen(place) >= 24) {
		fprintf(stderr, "lapakctl: name: 1 to 63 bytes; place code: 1 "
		    "to 23\n");
		return 1;
	}
	/* The name goes into SMS: plain letters keep them GSM-7. */
	for (p = name; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e) {
			fprintf(stderr, "lapakctl: name: letters, digits, spaces "
			    "and plain punctuation only (it is sent by SMS)\n");
			return 1;
		}
	if (ctl_open_store(x, &st) == -1)
		return 3;
	if (store_begin(st) != STORE_OK || store_courier_add(st, e164, name,
	    place, fee, (int64_t)time(NULL)) != STORE_OK ||
	    ctl_audit(st, "courier add", e164, true, "ok", place) == -1 ||
	    store_commit(st) != STORE_OK) {
		fprintf(stderr, "lapakctl: %s\n", store_errmsg(st));
		store_rollback(st);
		rc = 3;
	} else
		printf("courier %s enrolled: %s, %s, fee Rp%lld, on duty\n",
		    e164, name, place, fee);
	store_close(st);
	return rc;
}

/* Queues m (explicit to and lang) in the outbox: 0, or -1. */
static int
queue(const struct ctl *x, struct store *st, const struct templates *tmpl,
    const struct act_msg *m)
{
	const struct conf	*c = x->conf;
	struct msg_out		 o;
	const char		*link;
	size_t			 i;

	memset(&o, 0, sizeof(o));
	reply_render(tmpl, m, m->lang[0] != '\0' ? m->lang : c->default_lang,
	    o.text, sizeof(o.text));
	/* The link lapakd would pick: the number's, routes', the default. */
	if (!msg_route_get(st, m->to, o.link, sizeof(o.link))) {
		link = conf_route_link(c, m->to);
		for (i = 0; link == NULL && i < c->nsmsc; i++)
			if (c->smsc[i].default_route)
				link = c->smsc[i].name;
		snprintf(o.link, sizeof(o.link), "%s", link != NULL ? link :
		    c->smsc[0].name);
	}
	snprintf(o.dst, sizeof(o.dst), "%s", m->to);
	o.kind = MSG_SMS;
	o.ussd_op = -1;
	o.ussd_sid = -1;
	return msg_outbox_add(st, 0, &o, (int64_t)time(NULL) * 1000,
	    c->validity_s) == STORE_OK ? 0 : -1;
}

static int
courier_remove(const struct ctl *x, int argc, char **argv)
{
	struct templates	*tmpl;
	struct act_result	*res;
	struct store		*st;
	struct repo		 r;
	struct commerce		 cm;
	char			 e164[24], err[1024];
	enum store_rc		 src;
	int			 rc = 0, n, kept = 0, told = 0, i;
	int64_t			 now = (int64_t)time(NULL);

	if (argc != 2)
		return 2;
	if (ctl_number(x, argv[1], e164, sizeof(e164)) == -1)
		return 1;
	if (templates_load_conf(x->conf, &tmpl, err, sizeof(err)) == -1) {
		fprintf(stderr, "lapakctl: %s\n", err);
		return 3;
	}
	if (ctl_open_store(x, &st) == -1) {
		templates_free(tmpl);
		return 3;
	}
	res = calloc(REMOVE_BATCH, sizeof(*res));
	repo_sqlite_init(&r, st);
	cm.repo = &r;
	cm.sec = store_secrets();
	cm.cf = x->conf;
	if (res == NULL || cm.sec == NULL || store_begin(st) != STORE_OK) {
		fprintf(stderr, "lapakctl: %s\n", store_errmsg(st));
		rc = 3;
		goto out;
	}
	do {
		if (commerce_courier_remove(&cm, e164, now, res, REMOVE_BATCH,
		    &n, &kept) == -1) {
			fprintf(stderr, "lapakctl: %s\n", store_errmsg(st));
			rc = 3;
			goto out;
		}
		for (i = 0; i < n; i++, told++)
			if (queue(x, st, tmpl, &res[i].reply) == -1) {
				fprintf(stderr, "lapakctl: %s\n",
				    store_errmsg(st));
				rc = 3;
				goto out;
			}
	} while (n == REMOVE_BATCH);
	src = store_courier_remove(st, e164, now);
	if (src == STORE_NOTFOUND) {
		fprintf(stderr, "lapakctl: %s is not an enrolled courier\n",
		    e164);
		rc = 1;
	} else if (src != STORE_OK || ctl_audit(st, "courier remove", e164,
	    true, "ok", NULL) == -1 || store_commit(st) != STORE_OK) {
		fprintf(stderr, "lapakctl: %s\n", store_errmsg(st));
		rc = 3;
	} else
		printf("courier %s removed; %d job%s not picked up went back "
		    "(sellers told); %d picked up stay with the courier\n",
		    e164, told, told == 1 ? "" : "s", kept);
out:
	if (rc != 0)
		store_rollback(st);
	free(res);
	store_close(st);
	templates_free(tmpl);
	return rc;
}

static void
print_row(void *arg, const struct store_courier_row *row)
{
	char	t[48];

	(void)arg;
	printf("%-16s %-24s %-16s %9" PRId64 " %-4s %4" PRId64 "  %s\n",
	    row->msisdn, row->name, row->place, row->fee_rp,
	    row->on_duty ? "yes" : "no", row->jobs,
	    ctl_time(row->created_s, t, sizeof(t)));
}

static int
courier_list(const struct ctl *x, int argc, char **argv)
{
	struct store	*st;
	int		 rc = 0;

	(void)argv;
	if (argc != 1)
		return 2;
	if (ctl_open_store(x, &st) == -1)
		return 3;
	printf("%-16s %-24s %-16s %9s %-4s %4s  %s\n", "number", "name",
	    "place", "fee_rp", "duty", "jobs", "enrolled");
	if (store_courier_list(st, print_row, NULL) != STORE_OK) {
		fprintf(stderr, "lapakctl: %s\n", store_errmsg(st));
		rc = 3;
	}
	store_close(st);
	return rc;
}

int
ctl_courier(const struct ctl *x, int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (strcmp(argv[1], "add") == 0)
		return courier_add(x, argc - 1, argv + 1);
	if (strcmp(argv[1], "remove") == 0)
		return courier_remove(x, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return courier_list(x, argc - 1, argv + 1);
	return 2;
}
