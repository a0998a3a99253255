/* lapakctl privacy export|erase NUMBER and block|unblock NUMBER (issue 13,
 * programme.md section 6; docs/PRIVACY.md): a data subject's request
 * answered by an operator, and the operator block that outlives an
 * erasure. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commerce/repo.h"
#include "ctl/ctl.h"
#include "store/operator.h"
#include "store/privacy.h"
#include "store/repo_sqlite.h"
#include "store/store.h"

/* export NUMBER [-o FILE]: everything kept, in full, as JSON (FILE made
 * 0600: it is personal data). */
static int
privacy_export_cmd(const struct ctl *x, const char *e164, const char *path)
{
	struct store	*st;
	FILE		*f = stdout;
	int		 fd, rc = 0;

	if (path != NULL) {
		if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1 ||
		    fchmod(fd, 0600) == -1 || (f = fdopen(fd, "w")) == NULL) {
			fprintf(stderr, "lapakctl: privacy export: %s: %s\n",
			    path, strerror(errno));
			return 3;
		}
	}
	if (ctl_open_store(x, &st) == -1) {
		if (f != stdout)
			fclose(f);
		return 3;
	}
	if (privacy_export(st, e164, f) == -1) {
		fprintf(stderr, "lapakctl: privacy export: %s\n",
		    store_errmsg(st));
		rc = 3;
	}
	store_close(st);
	if (f != stdout && fclose(f) != 0) {
		fprintf(stderr, "lapakctl: privacy export: %s: %s\n", path,
		    strerror(errno));
		rc = 3;
	}
	return rc;
}

/* erase NUMBER: as HAPUS DATA does, open orders first. */
static int
privacy_erase_cmd(const struct ctl *x, const char *e164)
{
	struct order_line	 ol[8];
	struct seller		 s;
	struct repo		 r;
	struct store		*st;
	enum repo_rc		 rc;
	char			 ps[PRIVACY_PSEUDO_SZ];
	int			 n, i;

	if (ctl_open_store(x, &st) == -1)
		return 3;
	repo_sqlite_init(&r, st);
	if (store_begin(st) != STORE_OK)
		goto fail;
	rc = r.ops->seller_get(r.be, e164, 0, &s);
	if (rc != REPO_OK && rc != REPO_NOTFOUND)
		goto fail;
	if (r.ops->order_open(r.be, e164, rc == REPO_OK ? s.id : -1, 0, ol, 8,
	    &n) != REPO_OK)
		goto fail;
	if (n > 0) {
		fprintf(stderr, "lapakctl: privacy erase: %s has open orders, "
		    "close them first:", e164);
		for (i = 0; i < n; i++)
			fprintf(stderr, " O%" PRId64, ol[i].id);
		fprintf(stderr, "\n");
		store_rollback(st);
		store_close(st);
		return 1;
	}
	if (privacy_erase(st, e164, x->conf->country_code, (int64_t)time(NULL),
	    ps) != STORE_OK || ctl_audit(st, "privacy erase", e164, true, "ok",
	    ps) == -1 || store_commit(st) != STORE_OK)
		goto fail;
	printf("erased %s (now %s where rows stay)\n", e164, ps);
	store_close(st);
	return 0;
fail:
	fprintf(stderr, "lapakctl: privacy erase: %s\n", store_errmsg(st));
	store_rollback(st);
	store_close(st);
	return 3;
}

int
ctl_privacy(const struct ctl *x, int argc, char **argv)
{
	char		 e164[24];
	const char	*out = NULL;

	if (argc < 3)
		return 2;
	if (ctl_number(x, argv[2], e164, sizeof(e164)) == -1)
		return 1;
	if (strcmp(argv[1], "export") == 0) {
		if (argc == 5 && strcmp(argv[3], "-o") == 0)
			out = argv[4];
		else if (argc != 3)
			return 2;
		return privacy_export_cmd(x, e164, out);
	}
	if (strcmp(argv[1], "erase") == 0 && argc == 3)
		return privacy_erase_cmd(x, e164);
	return 2;
}

static bool
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f)
			return true;
	return false;
}

/* block NUMBER [--reason TEXT] | unblock NUMBER (issue 15, operators: the
 * reason kept beside the block, an audit row in the same transaction). A
 * blocked number's next SMS gets the one notice, later ones no reply. */
int
ctl_block(const struct ctl *x, int argc, char **argv)
{
	struct store	*st;
	char		 e164[24], detail[OP_DETAIL_MAX];
	const char	*reason = NULL;
	bool		 on = strcmp(argv[0], "block") == 0;
	int		 r;

	if (on && argc == 4 && strcmp(argv[2], "--reason") == 0)
		reason = argv[3];
	else if (argc != 2)
		return 2;
	if (reason != NULL && (reason[0] == '\0' || strlen(reason) >= 160 ||
	    has_control(reason))) {
		fprintf(stderr, "lapakctl: block: --reason: 1 to 159 bytes, "
		    "one line\n");
		return 1;
	}
	if (ctl_number(x, argv[1], e164, sizeof(e164)) == -1)
		return 1;
	if (ctl_open_store(x, &st) == -1)
		return 3;
	snprintf(detail, sizeof(detail), "%s", reason != NULL ? reason : "");
	if (store_begin(st) != STORE_OK || (r = privacy_block(st, e164, on,
	    (int64_t)time(NULL))) == -1 || (on && reason != NULL &&
	    op_block_reason(st, e164, reason) != STORE_OK) ||
	    ctl_audit(st, argv[0], e164, true, r == 1 ? "ok" : "already",
	    detail) == -1 || store_commit(st) != STORE_OK) {
		fprintf(stderr, "lapakctl: %s: %s\n", argv[0],
		    store_errmsg(st));
		store_rollback(st);
		store_close(st);
		return 3;
	}
	printf("%s %s%s%s%s\n", e164, on ? "blocked" : "unblocked",
	    r == 0 ? " (already)" : "", reason != NULL ? ": " : "",
	    reason != NULL ? reason : "");
	store_close(st);
	return 0;
}
