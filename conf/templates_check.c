/* Template completeness at load: every name the code can ask for exists in
 * every language loaded, so no reply is ever rendered without its text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "conf/errbuf.h"
#include "conf/templates.h"

struct asked {
	const char	*key;
	size_t		 set;		/* index of the table that asks */
};

static int
asked_cmp(const void *a, const void *b)
{
	const struct asked	*x = a, *y = b;
	int			 c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->set < y->set ? -1 : x->set > y->set;
}

/* The group of lang where key's innermost existing group opens: "sell" for
 * "sell.ok", "ussd.receipt.confirm" for "ussd.receipt.confirm.ok". */
static const struct tmpl *
group_of(const struct tmpl_lang *tl, const char *key)
{
	size_t	len = strlen(key), k;

	for (;;) {
		while (len > 0 && key[len - 1] != '.')
			len--;
		if (len == 0)
			return NULL;
		len--;			/* the prefix before that '.' */
		for (k = 0; k < tl->ngroups; k++)
			if (strlen(tl->groups[k].name) == len &&
			    strncmp(tl->groups[k].name, key, len) == 0)
				return &tl->groups[k];
	}
}

/* "menus/cmd.c, gateway" for the run of v[i..] that names v[i].key. */
static size_t
askers(const struct asked *v, size_t n, size_t i, const struct tmpl_keys *sets,
    char *out, size_t outsz)
{
	size_t	j, used = 0;

	out[0] = '\0';
	for (j = i; j < n && strcmp(v[j].key, v[i].key) == 0; j++) {
		if (j > i && strcmp(sets[v[j].set].module,
		    sets[v[j - 1].set].module) == 0)
			continue;
		if (used < outsz)
			used += (size_t)snprintf(out + used, outsz - used,
			    "%s%s", j > i ? ", " : "", sets[v[j].set].module);
	}
	return j;
}

size_t
templates_check(const struct templates *t, const struct tmpl_keys *sets,
    size_t nsets, char *err, size_t errlen)
{
	struct errbuf		 e = { err, errlen, 0, 0 };
	struct asked		*v;
	const struct tmpl	*g;
	char			 who[256];
	size_t			 n = 0, s, k, i, next, l;

	if (errlen > 0)
		err[0] = '\0';
	for (s = 0; s < nsets; s++)
		n += sets[s].n;
	v = xcalloc(n + 1, sizeof(*v));
	n = 0;
	for (s = 0; s < nsets; s++)
		for (k = 0; k < sets[s].n; k++)
			if (sets[s].keys[k] != NULL) {
				v[n].key = sets[s].keys[k];
				v[n++].set = s;
			}
	qsort(v, n, sizeof(*v), asked_cmp);
	for (l = 0; l < t->nlangs; l++) {
		const struct tmpl_lang	*tl = &t->langs[l];

		if (!templates_lang_shipped(tl->lang))
			continue;	/* templates_check_ref's */
		for (i = 0; i < n; i = next) {
			next = askers(v, n, i, sets, who, sizeof(who));
			if (templates_find(t, tl->lang, v[i].key) != NULL)
				continue;
			if ((g = group_of(tl, v[i].key)) != NULL)
				errf(&e, "%s:%d: missing template %s (asked for "
				    "by %s)", g->file, g->line, v[i].key, who);
			else
				errf(&e, "%s/%s: missing template %s (asked for "
				    "by %s)", t->dir != NULL ? t->dir : ".",
				    tl->lang, v[i].key, who);
		}
	}
	free(v);
	return (size_t)e.n;
}

/* Regional languages: what another language lacks of the reference. */
size_t
templates_check_ref(const struct templates *t, char *err, size_t errlen)
{
	struct errbuf		 e = { err, errlen, 0, 0 };
	const struct tmpl_lang	*ref = NULL;
	const struct tmpl	*g;
	const char		*base;
	size_t			 l, k;

	if (errlen > 0)
		err[0] = '\0';
	for (l = 0; l < t->nlangs; l++)
		if (strcmp(t->langs[l].lang, TMPL_LANG_REF) == 0)
			ref = &t->langs[l];
	if (ref == NULL)
		return 0;	/* templates_load refuses that already */
	for (l = 0; l < t->nlangs; l++) {
		const struct tmpl_lang	*tl = &t->langs[l];

		if (templates_lang_shipped(tl->lang))
			continue;	/* templates_check's */
		for (k = 0; k < ref->n; k++) {
			if (templates_find(t, tl->lang, ref->v[k].name) != NULL)
				continue;
			base = strrchr(ref->v[k].file, '/');
			base = base != NULL ? base + 1 : ref->v[k].file;
			if ((g = group_of(tl, ref->v[k].name)) != NULL)
				errf(&e, "%s:%d: key %s missing (present in %s)",
				    g->file, g->line, ref->v[k].name,
				    TMPL_LANG_REF);
			else
				errf(&e, "%s/%s/%s: key %s missing (present in "
				    "%s)", t->dir != NULL ? t->dir : ".",
				    tl->lang, base, ref->v[k].name,
				    TMPL_LANG_REF);
		}
	}
	return (size_t)e.n;
}
