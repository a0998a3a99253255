/* lapakctl broadcast: a programme announcement (programme.md section 6).
 * Its recipients are fixed now, in one transaction (broadcasts,
 * broadcast_to); lapakd queues them in batches into the outbox's
 * promotion lane, at most one promotion a number a local day, none
 * 21:00-07:00, paused numbers skipped. The text must fit one GSM-7
 * segment with the stop line of every language. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "conf/templates.h"
#include "ctl/ctl.h"
#include "menus/promo.h"
#include "store/repo_promo.h"
#include "store/store.h"

#define BCAST_TEXT_MAX	1024

/* The file's text, trailing newlines and spaces dropped; -1 (said why). */
static int
read_text(const char *path, char *out, size_t outsz)
{
	FILE	*f;
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "lapakctl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	n = fread(out, 1, outsz - 1, f);
	if (ferror(f) || (n == outsz - 1 && fgetc(f) != EOF)) {
		fprintf(stderr, "lapakctl: %s: unreadable or over %zu bytes\n",
		    path, outsz - 1);
		fclose(f);
		return -1;
	}
	fclose(f);
	out[n] = '\0';
	while (n > 0 && strchr(" \t\r\n", out[n - 1]) != NULL)
		out[--n] = '\0';
	if (n == 0) {
		fprintf(stderr, "lapakctl: %s: empty\n", path);
		return -1;
	}
	return 0;
}

/* The text with each language's stop line: 0 fits one segment, else 1
 * (said how many characters over, or that it is not GSM-7). */
static int
check_fit(const struct ctl *x, const char *text)
{
	struct templates	*t;
	char			 err[1024], out[2048];
	size_t			 i;
	int			 over, worst = 0, rc = 0;
	const char		*stop, *worst_lang = "";

	if (templates_load_conf(x->conf, &t, err, sizeof(err)) == -1) {
		fprintf(stderr, "lapakctl: %s\n", err);
		return 3;
	}
	for (i = 0; i < t->nlangs; i++) {
		stop = templates_get(t, t->langs[i].lang, "promo.stop");
		if ((over = promo_fit(text, stop, out, sizeof(out))) < 0) {
			fprintf(stderr, "lapakctl: the text is not GSM-7 "
			    "(use plain letters, digits and punctuation)\n");
			rc = 1;
			break;
		}
		if (over > worst) {
			worst = over;
			worst_lang = t->langs[i].lang;
		}
	}
	if (rc == 0 && worst > 0) {
		fprintf(stderr, "lapakctl: the text with its stop line is %d "
		    "character%s over one SMS (%d) in language %s: shorten "
		    "it by %d\n", worst, worst == 1 ? "" : "s", PROMO_SEGMENT,
		    worst_lang, worst);
		rc = 1;
	}
	templates_free(t);
	return rc;
}

int
ctl_broadcast(const struct ctl *x, int argc, char **argv)
{
	const char	*to = NULL, *place = "", *keyword = "", *file = NULL;
	char		 text[BCAST_TEXT_MAX], err[1024];
	struct store	*st;
	int64_t		 id, n;
	int		 i, rc;

	for (i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			return 2;
		if (strcmp(argv[i], "--to") == 0)
			to = argv[++i];
		else if (strcmp(argv[i], "--place") == 0)
			place = argv[++i];
		else if (strcmp(argv[i], "--keyword") == 0)
			keyword = argv[++i];
		else if (strcmp(argv[i], "--text-file") == 0)
			file = argv[++i];
		else
			return 2;
	}
	if (to == NULL || file == NULL)
		return 2;
	if (strcmp(to, "subscribers") != 0 && strcmp(to, "sellers") != 0 &&
	    strcmp(to, "agents") != 0) {
		fprintf(stderr, "lapakctl: --to subscribers, sellers or "
		    "agents\n");
		return 1;
	}
	if (keyword[0] != '\0' && strcmp(to, "subscribers") != 0) {
		fprintf(stderr, "lapakctl: --keyword is for --to subscribers "
		    "(their LANGGANAN words)\n");
		return 1;
	}
	if (strlen(place) >= 32 || strlen(keyword) > 20) {
		fprintf(stderr, "lapakctl: place code under 32 bytes, keyword "
		    "at most 20\n");
		return 1;
	}
	if (read_text(file, text, sizeof(text)) == -1)
		return 1;
	if ((rc = check_fit(x, text)) != 0)
		return rc;
	if (store_open(&st, x->conf->store_path, x->conf->store_durable, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "lapakctl: %s\n", err);
		return 3;
	}
	if (store_begin(st) != STORE_OK || store_broadcast_add(st, to, place,
	    keyword, text, (int64_t)time(NULL), &id, &n) != STORE_OK ||
	    ctl_audit(st, "broadcast", to, false, "ok", place) == -1 ||
	    store_commit(st) != STORE_OK) {
		fprintf(stderr, "lapakctl: %s\n", store_errmsg(st));
		store_rollback(st);
		store_close(st);
		return 3;
	}
	store_close(st);
	printf("broadcast %lld: %lld recipient%s; lapakd sends it within "
	    "promotions.share of each link, 07:00-21:00, one promotion a "
	    "number a day\n", (long long)id, (long long)n, n == 1 ? "" : "s");
	return 0;
}
