/* lapakctl places load FILE.csv and lapakctl seller place NUMBER CODE:
 * the operator's side of programme.md section 1. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "commerce/place.h"
#include "ctl/ctl.h"
#include "store/places.h"
#include "store/repo_sqlite.h"
#include "store/store.h"

static void
print_bad(void *arg, const char *msg)
{
	(void)arg;
	fprintf(stderr, "%s\n", msg);
}

int
ctl_places(const struct ctl *x, int argc, char **argv)
{
	struct places_sum	 sum;
	struct store		*st;
	char			 err[1024];
	int			 rc = 0;

	if (argc != 3 || strcmp(argv[1], "load") != 0)
		return 2;
	if (store_open(&st, x->conf->store_path, x->conf->store_durable, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "lapakctl: %s\n", err);
		return 3;
	}
	if (store_places_load(st, argv[2], print_bad, NULL, &sum, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "lapakctl: %s\n", err);
		rc = strstr(err, "bad line") != NULL ? 1 : 3;
	} else {
		/* issue 15, operators: the loader commits in its own
		 * transactions; the audit row follows in one of its own */
		snprintf(err, sizeof(err), "%d added, %d updated, %d moved",
		    sum.added, sum.updated, sum.moved);
		if (ctl_audit_own(st, "places load", argv[2], false, "ok",
		    err) == -1)
			rc = 3;
		printf("places: %d added, %d updated, %d unchanged, %d "
		    "sellers moved\n", sum.added, sum.updated, sum.unchanged,
		    sum.moved);
	}
	store_close(st);
	return rc;
}

/* seller place NUMBER CODE */
static int
seller_place(const struct ctl *x, const char *number, const char *code)
{
	struct repo	 r;
	struct store	*st;
	struct seller	 s;
	struct place	 p;
	char		 err[1024], e164[24];
	enum repo_rc	 rrc;
	int		 rc = 1;

	if (ctl_number(x, number, e164, sizeof(e164)) == -1)
		return 1;
	if (!commerce_place_code_ok(code, PLACE_VILLAGE)) {
		fprintf(stderr, "lapakctl: %s is not a village code (like "
		    "33.18.04.2001)\n", code);
		return 1;
	}
	if (store_open(&st, x->conf->store_path, x->conf->store_durable, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "lapakctl: %s\n", err);
		return 3;
	}
	repo_sqlite_init(&r, st);
	if (store_begin(st) != STORE_OK) {
		fprintf(stderr, "lapakctl: %s\n", store_errmsg(st));
		rc = 3;
		goto out;
	}
	if ((rrc = r.ops->seller_get(r.be, e164, 0, &s)) == REPO_NOTFOUND) {
		fprintf(stderr, "lapakctl: %s is not a registered seller\n",
		    e164);
		goto rollback;
	}
	if (rrc != REPO_OK)
		goto failed;
	if ((rrc = r.ops->place_get(r.be, code, &p)) == REPO_NOTFOUND ||
	    (rrc == REPO_OK && p.level != PLACE_VILLAGE)) {
		fprintf(stderr, "lapakctl: %s is not a loaded village (lapakctl "
		    "places load)\n", code);
		goto rollback;
	}
	if (rrc != REPO_OK)
		goto failed;
	if (r.ops->seller_place(r.be, s.id, p.code, p.name, time(NULL)) !=
	    REPO_OK || r.ops->place_choice_set(r.be, e164, "", 0) != REPO_OK)
		goto failed;
	if (ctl_audit(st, "seller place", e164, true, "ok", p.code) == -1 ||
	    store_commit(st) != STORE_OK)
		goto failed;
	printf("%s placed in %s %s (%s); its active products moved there\n",
	    e164, p.code, p.name, p.parent_name);
	rc = 0;
	goto out;
failed:
	fprintf(stderr, "lapakctl: %s\n", store_errmsg(st));
	rc = 3;
rollback:
	store_rollback(st);
out:
	store_close(st);
	return rc;
}

int
ctl_seller(const struct ctl *x, int argc, char **argv)
{
	if (argc != 4 || strcmp(argv[1], "place") != 0)
		return 2;
	return seller_place(x, argv[2], argv[3]);
}
