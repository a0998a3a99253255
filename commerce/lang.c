/* Regional languages in the core: a copy of each loaded language's code,
 * name and reply words, taken when the templates are loaded. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commerce/lang.h"
#include "common/log.h"
#include "common/xalloc.h"

static const char *const word_keys[WORD__N] = {
	[WORD_LANG_NAME] = "lang.name",
	[WORD_SHOP] = "word.shop",
	[WORD_BUY] = "word.buy",
	[WORD_SELL] = "word.sell",
	[WORD_STATE + ORDER_PENDING - 1] = "word.state.pending",
	[WORD_STATE + ORDER_CONFIRMED - 1] = "word.state.confirmed",
	[WORD_STATE + ORDER_ACCEPTED - 1] = "word.state.accepted",
	[WORD_STATE + ORDER_SHIPPED - 1] = "word.state.shipped",
	[WORD_STATE + ORDER_DELIVERED - 1] = "word.state.delivered",
	[WORD_STATE + ORDER_CANCELLED - 1] = "word.state.cancelled",
	[WORD_STATE + ORDER_REJECTED - 1] = "word.state.rejected",
	[WORD_STATE + ORDER_EXPIRED - 1] = "word.state.expired",
	[WORD_STATE + ORDER_ASSIGNED - 1] = "word.state.assigned",
	[WORD_STATE + ORDER_RETURNED - 1] = "word.state.returned",
	/* issue 13, payment records */
	[WORD_PAID] = "paid.word",
};

struct lang_words {
	char	 code[LANG_SZ];
	char	*w[WORD__N];		/* NULL: not in its folder */
};

static struct lang_words	 builtin[] = { { "id", { NULL } },
				    { "en", { NULL } } };
static struct lang_words	*langs = builtin;
static size_t			 nlangs = 2;

static void
langs_clear(void)
{
	size_t	i, k;

	if (langs != builtin) {
		for (i = 0; i < nlangs; i++)
			for (k = 0; k < WORD__N; k++)
				free(langs[i].w[k]);
		free(langs);
	}
	langs = builtin;
	nlangs = sizeof(builtin) / sizeof(builtin[0]);
}

void
commerce_langs_set(const struct templates *t)
{
	const struct tmpl	*m;
	size_t			 i, k, n;

	langs_clear();
	if (t == NULL || t->nlangs == 0)
		return;
	n = t->nlangs;
	if (n > COMMERCE_MAX_LANGS) {
		log_warnx("templates: %zu languages, only the first %d are "
		    "used", n, COMMERCE_MAX_LANGS);
		n = COMMERCE_MAX_LANGS;
	}
	langs = xcalloc(n, sizeof(*langs));
	nlangs = n;
	for (i = 0; i < n; i++) {
		snprintf(langs[i].code, sizeof(langs[i].code), "%s",
		    t->langs[i].lang);
		for (k = 0; k < WORD__N; k++)
			if ((m = templates_find(t, t->langs[i].lang,
			    word_keys[k])) != NULL)
				langs[i].w[k] = xstrdup(m->text);
	}
}

static const struct lang_words *
lang_find(const char *code)
{
	size_t	i;

	if (code == NULL)
		return NULL;
	for (i = 0; i < nlangs; i++)
		if (strcasecmp(langs[i].code, code) == 0)
			return &langs[i];
	return NULL;
}

const char *
commerce_lang_known(const char *code)
{
	const struct lang_words	*l = lang_find(code);

	return l != NULL ? l->code : NULL;
}

const char *
commerce_word(const char *lang, enum commerce_word w)
{
	const struct lang_words	*l;

	if ((unsigned)w >= WORD__N)
		return "";
	if ((l = lang_find(lang)) != NULL && l->w[w] != NULL)
		return l->w[w];
	if ((l = lang_find(TMPL_LANG_REF)) != NULL && l->w[w] != NULL)
		return l->w[w];
	return "";
}

const char *
commerce_lang_name(const char *lang, char *buf, size_t len)
{
	const struct lang_words	*l = lang_find(lang);
	size_t			 i;

	if (l != NULL && l->w[WORD_LANG_NAME] != NULL) {
		snprintf(buf, len, "%s", l->w[WORD_LANG_NAME]);
		return buf;
	}
	snprintf(buf, len, "%s", lang != NULL ? lang : "");
	for (i = 0; buf[i] != '\0'; i++)
		buf[i] = (char)toupper((unsigned char)buf[i]);
	return buf;
}

const char *
commerce_lang_list(char *buf, size_t len)
{
	size_t	i, used = 0, k;
	int	w;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < nlangs; i++) {
		w = snprintf(buf + used, len - used, "%s", i > 0 ? ", " : "");
		if (w < 0 || (size_t)w >= len - used)
			break;
		used += (size_t)w;
		for (k = 0; langs[i].code[k] != '\0' && used + 1 < len; k++)
			buf[used++] = (char)toupper(
			    (unsigned char)langs[i].code[k]);
		buf[used] = '\0';
	}
	return buf;
}

const char *const *
commerce_word_keys(size_t *n)
{
	*n = WORD__N;
	return word_keys;
}
