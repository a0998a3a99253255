/* lapakctl pin-unlock: an operator lifts a seller's PIN lockout. */
#include <stdio.h>

#include "ctl/ctl.h"
#include "store/commerce.h"
#include "store/store.h"

/* An operator lifts a seller's PIN lockout (five wrong PINs). */
static int
pin_unlock(const struct ctl *x, const char *number)
{
	struct store	*st;
	char		 err[1024], e164[24];
	int		 rc = 0;

	if (ctl_number(x, number, e164, sizeof(e164)) == -1)
		return 1;
	if (store_open(&st, x->conf->store_path, x->conf->store_durable, err, sizeof(err)) == -1) {
		fprintf(stderr, "lapakctl: %s\n", err);
		return 3;
	}
	if (store_begin(st) != STORE_OK || commerce_pin_unlock(st, e164) == -1) {
		fprintf(stderr, "lapakctl: %s is not a registered seller\n", e164);
		store_rollback(st);
		rc = 1;
	} else if (ctl_audit(st, "pin-unlock", e164, true, "ok", NULL) == -1 ||
	    store_commit(st) != STORE_OK) {
		fprintf(stderr, "lapakctl: %s\n", store_errmsg(st));
		rc = 3;
	} else
		printf("PIN unlocked for %s\n", e164);
	store_close(st);
	return rc;
}

int
ctl_pin_unlock(const struct ctl *x, int argc, char **argv)
{
	if (argc != 2)
		return 2;
	return pin_unlock(x, argv[1]);
}
