/* Template loader: reads the per-language folders with libconfig and keeps
 * plain sorted arrays, so rendering (menus/reply.c) needs no libconfig. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libconfig.h>

#include "common/xalloc.h"
#include "conf/errbuf.h"
#include "conf/templates.h"

#ifndef LAPAK_DATADIR
#define LAPAK_DATADIR "."
#endif


struct tvec {
	struct tmpl	*v;
	size_t		 n, cap;
};

static void
tvec_add(struct tvec *tv, const char *name, const char *text,
    const char *file, int line)
{
	if (tv->n == tv->cap) {
		tv->cap = tv->cap ? tv->cap * 2 : 32;
		tv->v = xrealloc(tv->v, tv->cap * sizeof(*tv->v));
	}
	/* One block per template (name, text, file): a reload allocates and
	 * frees a few hundred of them, not three times as many. */
	{
		size_t	ln = strlen(name) + 1, lt = strlen(text) + 1;
		size_t	lf = strlen(file) + 1;
		char	*b = xmalloc(ln + lt + lf);

		memcpy(b, name, ln);
		memcpy(b + ln, text, lt);
		memcpy(b + ln + lt, file, lf);
		tv->v[tv->n].name = b;
		tv->v[tv->n].text = b + ln;
		tv->v[tv->n].file = b + ln + lt;
	}
	tv->v[tv->n].line = line;
	tv->n++;
}

/* Adds the strings under group s (named prefix) to tv, and each group
 * where it opens to gv. */
static void
walk(const config_setting_t *s, const char *prefix, const char *file,
    struct tvec *tv, struct tvec *gv, struct errbuf *e)
{
	config_setting_t	*c;
	char			 name[128];
	const char		*str;
	int			 i, n = config_setting_length(s);

	for (i = 0; i < n; i++) {
		c = config_setting_get_elem(s, (unsigned int)i);
		snprintf(name, sizeof(name), "%s%s%s", prefix,
		    prefix[0] != '\0' ? "." : "", config_setting_name(c));
		if (config_setting_is_group(c)) {
			tvec_add(gv, name, "", file,
			    config_setting_source_line(c));
			walk(c, name, file, tv, gv, e);
			continue;
		}
		if (prefix[0] == '\0') {
			errf(e, "%s:%d: %s: a template must be inside a group "
			    "(group { key = \"...\"; })", file,
			    config_setting_source_line(c), name);
			continue;
		}
		if ((str = config_setting_get_string(c)) == NULL) {
			errf(e, "%s:%d: %s: not a string", file,
			    config_setting_source_line(c), name);
			continue;
		}
		tvec_add(tv, name, str, file, config_setting_source_line(c));
	}
}

static void
load_file(const char *path, struct tvec *tv, struct tvec *gv,
    struct errbuf *e)
{
	config_t	cfg;

	config_init(&cfg);
	if (config_read_file(&cfg, path) != CONFIG_TRUE) {
		errf(e, "%s:%d: %s", config_error_file(&cfg) != NULL ?
		    config_error_file(&cfg) : path, config_error_line(&cfg),
		    config_error_text(&cfg) != NULL ? config_error_text(&cfg) :
		    strerror(errno));
		goto out;
	}
	walk(config_root_setting(&cfg), "", path, tv, gv, e);
out:
	config_destroy(&cfg);
}

static int
tmpl_cmp(const void *a, const void *b)
{
	const struct tmpl	*x = a, *y = b;
	int			 c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	c = strcmp(x->file, y->file);
	return c != 0 ? c : x->line - y->line;
}

static int
cfg_filter(const struct dirent *d)
{
	size_t	n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 4 &&
	    strcmp(d->d_name + n - 4, ".cfg") == 0;
}

static bool
lang_name(const char *s)
{
	size_t	n = strlen(s), i;

	if (n < 2 || n > 3)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return false;
	return true;
}

static void
load_lang(const char *dir, const char *lang, struct tmpl_lang *tl,
    struct errbuf *e)
{
	struct dirent	**names = NULL;
	struct tvec	  tv = { NULL, 0, 0 }, gv = { NULL, 0, 0 };
	char		  path[PATH_MAX];
	int		  n, i;
	size_t		  k;

	strlcpy_ok(tl->lang, lang, sizeof(tl->lang));	/* lang_name(): <= 3 */
	snprintf(path, sizeof(path), "%s/%s", dir, lang);
	if ((n = scandir(path, &names, cfg_filter, alphasort)) < 0) {
		errf(e, "%s: %s", path, strerror(errno));
		return;
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s/%s", dir, lang,
		    names[i]->d_name);
		load_file(path, &tv, &gv, e);
		free(names[i]);
	}
	free(names);
	if (tv.n > 0)
		qsort(tv.v, tv.n, sizeof(*tv.v), tmpl_cmp);
	for (k = 1; k < tv.n; k++)
		if (strcmp(tv.v[k].name, tv.v[k - 1].name) == 0)
			errf(e, "%s:%d: %s: already defined at %s:%d",
			    tv.v[k].file, tv.v[k].line, tv.v[k].name,
			    tv.v[k - 1].file, tv.v[k - 1].line);
	if (gv.n > 0)
		qsort(gv.v, gv.n, sizeof(*gv.v), tmpl_cmp);
	tl->v = tv.v;
	tl->n = tv.n;
	tl->groups = gv.v;
	tl->ngroups = gv.n;
}

static void
tmpl_free(struct tmpl *v, size_t n)
{
	size_t	k;

	for (k = 0; k < n; k++)
		free(v[k].name);	/* the block of name, text and file */
	free(v);
}

void
templates_free(struct templates *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nlangs; i++) {
		tmpl_free(t->langs[i].v, t->langs[i].n);
		tmpl_free(t->langs[i].groups, t->langs[i].ngroups);
	}
	free(t->langs);
	free(t->dir);
	free(t);
}

int
templates_load(const char *dir, const char *default_lang,
    struct templates **out, char *err, size_t errlen)
{
	struct templates	*t = xcalloc(1, sizeof(*t));
	struct errbuf		 e = { err, errlen, 0, 0 };
	struct dirent		**names = NULL;
	struct stat		 st;
	char			 path[PATH_MAX];
	int			 n, i, rc = -1;
	bool			 have_default = false, have_ref = false;

	*out = NULL;
	if (errlen > 0)
		err[0] = '\0';
	t->dir = xstrdup(dir);
	snprintf(t->default_lang, sizeof(t->default_lang), "%s",
	    default_lang != NULL && default_lang[0] != '\0' ? default_lang :
	    "id");
	if ((n = scandir(dir, &names, NULL, alphasort)) < 0) {
		errf(&e, "%s: %s", dir, strerror(errno));
		goto out;
	}
	t->langs = xcalloc((size_t)n + 1, sizeof(*t->langs));
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (lang_name(names[i]->d_name) && stat(path, &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			load_lang(dir, names[i]->d_name,
			    &t->langs[t->nlangs++], &e);
			if (strcmp(names[i]->d_name, t->default_lang) == 0)
				have_default = true;
			if (strcmp(names[i]->d_name, TMPL_LANG_REF) == 0)
				have_ref = true;
		}
		free(names[i]);
	}
	free(names);
	if (!have_default)
		errf(&e, "%s: no folder for the default language \"%s\"",
		    dir, t->default_lang);
	else if (!have_ref)	/* regional languages fall back on it */
		errf(&e, "%s: no folder for the reference language \"%s\"",
		    dir, TMPL_LANG_REF);
	if (e.n > 0)
		goto out;
	*out = t;
	t = NULL;
	rc = 0;
out:
	templates_free(t);
	return rc;
}

bool
templates_same(const struct templates *a, const struct templates *b)
{
	size_t	i, k;

	if (strcmp(a->default_lang, b->default_lang) != 0 ||
	    a->nlangs != b->nlangs)
		return false;
	for (i = 0; i < a->nlangs; i++) {
		const struct tmpl_lang *x = &a->langs[i], *y = &b->langs[i];

		if (strcmp(x->lang, y->lang) != 0 || x->n != y->n)
			return false;
		for (k = 0; k < x->n; k++)
			if (strcmp(x->v[k].name, y->v[k].name) != 0 ||
			    strcmp(x->v[k].text, y->v[k].text) != 0)
				return false;
	}
	return true;
}

bool
templates_lang_shipped(const char *lang)
{
	return strcmp(lang, TMPL_LANG_REF) == 0 || strcmp(lang, "en") == 0;
}

int
templates_load_conf(const struct conf *conf, struct templates **out,
    char *err, size_t errlen)
{
	const char	*dir = conf->templates_dir;

	if (dir[0] == '\0')
		dir = LAPAK_DATADIR "/menus/templates";
	return templates_load(dir, conf->default_lang, out, err, errlen);
}

static int
name_cmp(const void *key, const void *elem)
{
	const struct tmpl	*t = elem;

	return strcmp(key, t->name);
}

const struct tmpl *
templates_find(const struct templates *t, const char *lang, const char *name)
{
	size_t	i;

	if (t == NULL || lang == NULL || name == NULL)
		return NULL;
	for (i = 0; i < t->nlangs; i++)
		if (strcmp(t->langs[i].lang, lang) == 0)
			return t->langs[i].n == 0 ? NULL :
			    bsearch(name, t->langs[i].v, t->langs[i].n,
			    sizeof(struct tmpl), name_cmp);
	return NULL;
}

const char *
templates_get(const struct templates *t, const char *lang, const char *name)
{
	const struct tmpl	*m = NULL;

	if (t == NULL)
		return NULL;
	if (lang != NULL && lang[0] != '\0')
		m = templates_find(t, lang, name);
	if (m == NULL)
		m = templates_find(t, t->default_lang, name);
	if (m == NULL)		/* a partial regional language */
		m = templates_find(t, TMPL_LANG_REF, name);
	return m != NULL ? m->text : NULL;
}
