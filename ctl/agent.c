/* lapakctl agent add|remove|list: an operator enrols and removes digital
 * assistants (programme.md section 2). Removing one ends its links; each
 * linked seller is told by an SMS queued in the outbox, which lapakd sends
 * with its next commit. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "commerce/commerce.h"
#include "common/action.h"
#include "conf/templates.h"
#include "ctl/ctl.h"
#include "menus/reply.h"
#include "store/commerce.h"
#include "store/msg.h"
#include "store/repo_agent.h"
#include "store/store.h"

/* "0812..." for a number of the configured country. */
static const char *
local_form(const struct conf *c, const char *e164, char *buf, size_t len)
{
	size_t	n = strlen(c->country_code);

	if (e164[0] == '+' && strncmp(e164 + 1, c->country_code, n) == 0)
		snprintf(buf, len, "0%s", e164 + 1 + n);
	else
		snprintf(buf, len, "%s", e164);
	return buf;
}

static int
agent_add(const struct ctl *x, int argc, char **argv)
{
	struct store	*st;
	char		 e164[24];
	const char	*place = "", *name, *p;
	int		 rc = 0;

	if (argc == 5 && strcmp(argv[3], "--place") == 0)
		place = argv[4];
	else if (argc != 3)
		return 2;
	name = argv[2];
	if (ctl_number(x, argv[1], e164, sizeof(e164)) == -1)
		return 1;
	if (name[0] == '\0' || strlen(name) >= 64 || strlen(place) >= 32) {
		fprintf(stderr, "lapakctl: name: 1 to 63 bytes; place code: "
		    "under 32\n");
		return 1;
	}
	/* The name goes into sellers' SMS: plain letters keep them GSM-7. */
	for (p = name; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e) {
			fprintf(stderr, "lapakctl: name: letters, digits, spaces "
			    "and plain punctuation only (it is sent by SMS)\n");
			return 1;
		}
	if (ctl_open_store(x, &st) == -1)
		return 3;
	if (store_begin(st) != STORE_OK || store_agent_add(st, e164, name,
	    place, (int64_t)time(NULL)) != STORE_OK ||
	    ctl_audit(st, "agent add", e164, true, "ok", place) == -1 ||
	    store_commit(st) != STORE_OK) {
		fprintf(stderr, "lapakctl: %s\n", store_errmsg(st));
		store_rollback(st);
		rc = 3;
	} else
		printf("assistant %s enrolled: %s\n", e164, name);
	store_close(st);
	return rc;
}

/* What the removal tells each linked seller. */
struct removal {
	const struct ctl	*x;
	struct store		*st;
	struct templates	*tmpl;
	struct agent		 ag;
	int			 told;
	bool			 failed;
};

static void
tell_seller(void *arg, const char *seller)
{
	struct removal		*r = arg;
	const struct conf	*c = r->x->conf;
	struct act_msg		 m;
	struct msg_out		 o;
	const char		*link;
	char			 b[24];
	size_t			 i;

	memset(&m, 0, sizeof(m));
	snprintf(m.tmpl, sizeof(m.tmpl), "%s",
	    commerce_tmpl_name(TMPL_AGENT_REMOVED));
	act_set(&m, "name", "%s", r->ag.name);
	act_set(&m, "agent", "%s", local_form(c, r->ag.msisdn, b, sizeof(b)));
	memset(&o, 0, sizeof(o));
	reply_render(r->tmpl, &m, commerce_lang(r->st, seller,
	    c->default_lang), o.text, sizeof(o.text));
	/* The link lapakd would pick: the number's, routes', the default. */
	if (!msg_route_get(r->st, seller, o.link, sizeof(o.link))) {
		link = conf_route_link(c, seller);
		for (i = 0; link == NULL && i < c->nsmsc; i++)
			if (c->smsc[i].default_route)
				link = c->smsc[i].name;
		snprintf(o.link, sizeof(o.link), "%s", link != NULL ? link :
		    c->smsc[0].name);
	}
	snprintf(o.dst, sizeof(o.dst), "%s", seller);
	o.kind = MSG_SMS;
	o.ussd_op = -1;
	o.ussd_sid = -1;
	if (msg_outbox_add(r->st, 0, &o, (int64_t)time(NULL) * 1000,
	    c->validity_s) != STORE_OK)
		r->failed = true;
	else
		r->told++;
}

static int
agent_remove(const struct ctl *x, int argc, char **argv)
{
	struct removal	 r;
	char		 err[1024];
	enum store_rc	 src;
	int		 rc = 0;

	if (argc != 2)
		return 2;
	memset(&r, 0, sizeof(r));
	r.x = x;
	if (ctl_number(x, argv[1], r.ag.msisdn, sizeof(r.ag.msisdn)) == -1)
		return 1;
	if (templates_load_conf(x->conf, &r.tmpl, err, sizeof(err)) == -1) {
		fprintf(stderr, "lapakctl: %s\n", err);
		return 3;
	}
	if (ctl_open_store(x, &r.st) == -1) {
		templates_free(r.tmpl);
		return 3;
	}
	if (store_begin(r.st) != STORE_OK ||
	    sq_agent_get(r.st, r.ag.msisdn, &r.ag) == REPO_ERR) {
		fprintf(stderr, "lapakctl: %s\n", store_errmsg(r.st));
		rc = 3;
		goto out;
	}
	src = store_agent_remove(r.st, r.ag.msisdn, (int64_t)time(NULL),
	    tell_seller, &r);
	if (src == STORE_NOTFOUND) {
		fprintf(stderr, "lapakctl: %s is not an enrolled assistant\n",
		    r.ag.msisdn);
		rc = 1;
	} else if (src != STORE_OK || r.failed || ctl_audit(r.st,
	    "agent remove", r.ag.msisdn, true, "ok", NULL) == -1 ||
	    store_commit(r.st) != STORE_OK) {
		fprintf(stderr, "lapakctl: %s\n", store_errmsg(r.st));
		rc = 3;
	} else
		printf("assistant %s removed; %d linked seller%s told\n",
		    r.ag.msisdn, r.told, r.told == 1 ? "" : "s");
out:
	if (rc != 0)
		store_rollback(r.st);
	store_close(r.st);
	templates_free(r.tmpl);
	return rc;
}

static void
print_row(void *arg, const struct store_agent_row *row)
{
	char	t[48];

	(void)arg;
	printf("%-16s %-24s %-16s %7lld  %s\n", row->msisdn, row->name,
	    row->place[0] != '\0' ? row->place : "-", (long long)row->sellers,
	    ctl_time(row->created_s, t, sizeof(t)));
}

static int
agent_list(const struct ctl *x, int argc, char **argv)
{
	struct store	*st;
	int		 rc = 0;

	(void)argv;
	if (argc != 1)
		return 2;
	if (ctl_open_store(x, &st) == -1)
		return 3;
	printf("%-16s %-24s %-16s %7s  %s\n", "number", "name", "place",
	    "sellers", "enrolled");
	if (store_agent_list(st, print_row, NULL) != STORE_OK) {
		fprintf(stderr, "lapakctl: %s\n", store_errmsg(st));
		rc = 3;
	}
	store_close(st);
	return rc;
}

int
ctl_agent(const struct ctl *x, int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (strcmp(argv[1], "add") == 0)
		return agent_add(x, argc - 1, argv + 1);
	if (strcmp(argv[1], "remove") == 0)
		return agent_remove(x, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return agent_list(x, argc - 1, argv + 1);
	return 2;
}
