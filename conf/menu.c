/* USSD menu file loader: libconfig -> struct menu_def, keeping the line of
 * every screen, option, text and reference for file:line messages. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "common/xalloc.h"
#include "conf/errbuf.h"
#include "conf/conf.h"
#include "conf/menu.h"

#ifndef LAPAK_DATADIR
#define LAPAK_DATADIR "."
#endif


static int
line_of(const config_setting_t *s)
{
	return (int)config_setting_source_line(s);
}

/* A string setting, or NULL with an error when it is of another type. */
static char *
get_str(const char *file, const config_setting_t *s, struct errbuf *e)
{
	const char	*v;
	char		 num[32];

	if (config_setting_type(s) == CONFIG_TYPE_INT) {
		snprintf(num, sizeof(num), "%d", config_setting_get_int(s));
		return xstrdup(num);
	}
	if ((v = config_setting_get_string(s)) == NULL) {
		errf(e, "%s:%d: %s: must be a string in quotes", file, line_of(s),
		    config_setting_name(s) != NULL ? config_setting_name(s) :
		    "value");
		return NULL;
	}
	return xstrdup(v);
}

/* text = "..." or text = { id = "..."; en = "..."; } */
static void
get_text(const struct menu_def *d, const config_setting_t *s,
    struct menu_text *t, struct errbuf *e)
{
	const config_setting_t	*c;
	int			 i, n;

	t->line = line_of(s);
	if (config_setting_type(s) == CONFIG_TYPE_STRING) {
		t->v = xcalloc(1, sizeof(*t->v));
		snprintf(t->v[0].lang, sizeof(t->v[0].lang), "%s",
		    d->nlangs > 0 ? d->langs[0] : "");
		t->v[0].text = xstrdup(config_setting_get_string(s));
		t->v[0].line = t->line;
		t->n = 1;
		return;
	}
	if (!config_setting_is_group(s)) {
		errf(e, "%s:%d: %s: must be a string or a group "
		    "{ id = \"...\"; en = \"...\"; }", d->file, t->line,
		    config_setting_name(s));
		return;
	}
	n = config_setting_length(s);
	t->v = xcalloc((size_t)n + 1, sizeof(*t->v));
	for (i = 0; i < n; i++) {
		c = config_setting_get_elem(s, (unsigned int)i);
		if (config_setting_get_string(c) == NULL) {
			errf(e, "%s:%d: %s.%s: must be a string in quotes",
			    d->file, line_of(c), config_setting_name(s),
			    config_setting_name(c));
			continue;
		}
		snprintf(t->v[t->n].lang, sizeof(t->v[t->n].lang), "%s",
		    config_setting_name(c));
		t->v[t->n].text = xstrdup(config_setting_get_string(c));
		t->v[t->n].line = line_of(c);
		t->n++;
	}
}

/* A true/false setting into *out (its line into *line, may be NULL). */
static void
get_bool(const char *file, const config_setting_t *s, bool *out, int *line,
    struct errbuf *e)
{
	if (line != NULL)
		*line = line_of(s);
	if (config_setting_type(s) != CONFIG_TYPE_BOOL)
		errf(e, "%s:%d: %s: must be true or false", file, line_of(s),
		    config_setting_name(s));
	else
		*out = config_setting_get_bool(s);
}

static void
get_kvs(const char *file, const config_setting_t *s, struct menu_kv **out,
    int *nout, struct errbuf *e)
{
	const config_setting_t	*c;
	int			 i, n;

	if (!config_setting_is_group(s)) {
		errf(e, "%s:%d: set: must be a group { name = \"value\"; }",
		    file, line_of(s));
		return;
	}
	n = config_setting_length(s);
	*out = xcalloc((size_t)n + 1, sizeof(**out));
	for (i = 0; i < n; i++) {
		c = config_setting_get_elem(s, (unsigned int)i);
		(*out)[*nout].key = xstrdup(config_setting_name(c));
		(*out)[*nout].line = line_of(c);
		if (((*out)[*nout].val = get_str(file, c, e)) == NULL) {
			free((*out)[*nout].key);
			continue;
		}
		(*nout)++;
	}
}

static void
get_options(const struct menu_def *d, const config_setting_t *s,
    struct menu_screen_def *sc, struct errbuf *e)
{
	const config_setting_t	*o, *c;
	int			 i, k, n;

	if (!config_setting_is_list(s) && !config_setting_is_array(s)) {
		errf(e, "%s:%d: options: must be a list ( { key = \"1\"; "
		    "to = \"screen\"; text = ...; }, ... )", d->file, line_of(s));
		return;
	}
	n = config_setting_length(s);
	sc->opts = xcalloc((size_t)n + 1, sizeof(*sc->opts));
	for (i = 0; i < n; i++) {
		struct menu_opt	*op = &sc->opts[sc->nopts];

		o = config_setting_get_elem(s, (unsigned int)i);
		if (!config_setting_is_group(o)) {
			errf(e, "%s:%d: option %d: must be a group { key = ...; "
			    "to = ...; text = ...; }", d->file, line_of(o), i + 1);
			continue;
		}
		op->line = line_of(o);
		for (k = 0; k < config_setting_length(o); k++) {
			const char *name;

			c = config_setting_get_elem(o, (unsigned int)k);
			name = config_setting_name(c);
			if (strcmp(name, "key") == 0)
				op->key = get_str(d->file, c, e);
			else if (strcmp(name, "to") == 0) {
				op->to = get_str(d->file, c, e);
				op->to_line = line_of(c);
			} else if (strcmp(name, "text") == 0)
				get_text(d, c, &op->text, e);
			else
				errf(e, "%s:%d: option: unknown setting \"%s\" "
				    "(key, to, text)", d->file, line_of(c), name);
		}
		if (op->key == NULL)
			errf(e, "%s:%d: option: no key", d->file, op->line);
		if (op->to == NULL)
			errf(e, "%s:%d: option: no \"to\" screen", d->file,
			    op->line);
		sc->nopts++;
	}
}

static void
get_screen(struct menu_def *d, const config_setting_t *s, struct errbuf *e)
{
	struct menu_screen_def	*sc = &d->screens[d->nscreens];
	const config_setting_t	*c;
	const char		*name;
	int			 i, ln;

	memset(sc, 0, sizeof(*sc));
	sc->id = xstrdup(config_setting_name(s));
	sc->line = line_of(s);
	for (i = 0; i < d->nscreens; i++)
		if (strcmp(d->screens[i].id, sc->id) == 0)
			errf(e, "%s:%d: screen \"%s\" already defined at line %d",
			    d->file, sc->line, sc->id, d->screens[i].line);
	d->nscreens++;
	if (!config_setting_is_group(s)) {
		errf(e, "%s:%d: screen \"%s\": must be a group { type = ...; }",
		    d->file, sc->line, sc->id);
		return;
	}
	for (i = 0; i < config_setting_length(s); i++) {
		c = config_setting_get_elem(s, (unsigned int)i);
		name = config_setting_name(c);
		ln = line_of(c);
		if (strcmp(name, "type") == 0) {
			sc->type = get_str(d->file, c, e);
			sc->type_line = ln;
		} else if (strcmp(name, "text") == 0)
			get_text(d, c, &sc->text, e);
		else if (strcmp(name, "error") == 0)
			get_text(d, c, &sc->error, e);
		else if (strcmp(name, "empty") == 0)
			get_text(d, c, &sc->empty, e);
		else if (strcmp(name, "options") == 0)
			get_options(d, c, sc, e);
		else if (strcmp(name, "input") == 0) {
			sc->input = get_str(d->file, c, e);
			sc->input_line = ln;
		} else if (strcmp(name, "save") == 0) {
			sc->save = get_str(d->file, c, e);
			sc->save_line = ln;
		} else if (strcmp(name, "action") == 0) {
			sc->action = get_str(d->file, c, e);
			sc->action_line = ln;
		} else if (strcmp(name, "next") == 0) {
			sc->next = get_str(d->file, c, e);
			sc->next_line = ln;
		} else if (strcmp(name, "yes") == 0) {
			sc->yes = get_str(d->file, c, e);
			sc->yes_line = ln;
		} else if (strcmp(name, "no") == 0) {
			sc->no = get_str(d->file, c, e);
			sc->no_line = ln;
		} else if (strcmp(name, "receipt") == 0)
			get_bool(d->file, c, &sc->receipt, NULL, e);
		else if (strcmp(name, "seller") == 0)
			get_bool(d->file, c, &sc->seller, &sc->seller_line, e);
		else if (strcmp(name, "optional") == 0)
			get_bool(d->file, c, &sc->optional, &sc->optional_line,
			    e);
		else if (strcmp(name, "show") == 0)
			get_bool(d->file, c, &sc->show, &sc->show_line, e);
		else if (strcmp(name, "set") == 0)
			get_kvs(d->file, c, &sc->set, &sc->nset, e);
		else
			errf(e, "%s:%d: screen \"%s\": unknown setting \"%s\" "
			    "(type, text, options, input, save, error, action, "
			    "next, yes, no, empty, receipt, seller, optional, "
			    "show, set)", d->file, ln, sc->id, name);
	}
	if (sc->type == NULL)
		errf(e, "%s:%d: screen \"%s\": no type (menu, input, list, "
		    "confirm, action, end)", d->file, sc->line, sc->id);
}

static void
get_messages(struct menu_def *d, const config_setting_t *s, struct errbuf *e)
{
	const config_setting_t	*c;
	int			 i, n;

	if (!config_setting_is_group(s)) {
		errf(e, "%s:%d: messages: must be a group", d->file, line_of(s));
		return;
	}
	n = config_setting_length(s);
	d->msgs = xcalloc((size_t)n + 1, sizeof(*d->msgs));
	for (i = 0; i < n; i++) {
		c = config_setting_get_elem(s, (unsigned int)i);
		d->msgs[d->nmsgs].name = xstrdup(config_setting_name(c));
		d->msgs[d->nmsgs].line = line_of(c);
		get_text(d, c, &d->msgs[d->nmsgs].text, e);
		d->nmsgs++;
	}
}

/* FNV-1a over the file's bytes; 0 when it cannot be read. */
static uint64_t
file_digest(const char *path)
{
	unsigned char	 buf[4096];
	uint64_t	 h = 14695981039346656037ULL;
	size_t		 n, i;
	FILE		*f = fopen(path, "rb");

	if (f == NULL)
		return 0;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		for (i = 0; i < n; i++)
			h = (h ^ buf[i]) * 1099511628211ULL;
	fclose(f);
	return h;
}

bool
menu_def_same(const struct menu_def *a, const struct menu_def *b)
{
	return a->digest != 0 && a->digest == b->digest &&
	    strcmp(a->file, b->file) == 0;
}

int
menu_def_load(const char *path, struct menu_def **out, char *err,
    size_t errlen)
{
	struct menu_def		*d = xcalloc(1, sizeof(*d));
	struct errbuf		 e = { err, errlen, 0, 0 };
	config_t		 cfg;
	const config_setting_t	*root, *s, *c;
	const char		*name;
	int			 i, n, rc = -1;

	*out = NULL;
	if (errlen > 0)
		err[0] = '\0';
	d->file = xstrdup(path);
	d->digest = file_digest(path);
	config_init(&cfg);
	if (config_read_file(&cfg, path) != CONFIG_TRUE) {
		errf(&e, "%s:%d: %s", config_error_file(&cfg) != NULL ?
		    config_error_file(&cfg) : path, config_error_line(&cfg),
		    config_error_text(&cfg) != NULL ? config_error_text(&cfg) :
		    strerror(errno));
		goto out;
	}
	root = config_root_setting(&cfg);
	/* languages first: plain-string texts take the first language. */
	if ((s = config_setting_get_member(root, "languages")) != NULL) {
		d->langs_line = line_of(s);
		if (!config_setting_is_array(s) && !config_setting_is_list(s))
			errf(&e, "%s:%d: languages: must be a list [ \"id\", "
			    "\"en\" ]", path, d->langs_line);
		else
			for (i = 0; i < config_setting_length(s); i++) {
				c = config_setting_get_elem(s, (unsigned int)i);
				name = config_setting_get_string(c);
				if (name == NULL || strlen(name) < 2 ||
				    strlen(name) > 3)
					errf(&e, "%s:%d: languages: \"%s\" is not "
					    "a language code like \"id\"", path,
					    d->langs_line, name ? name : "?");
				else if (d->nlangs == MENU_MAX_LANGS)
					errf(&e, "%s:%d: languages: at most %d",
					    path, d->langs_line, MENU_MAX_LANGS);
				else
					snprintf(d->langs[d->nlangs++], 8, "%s",
					    name);
			}
	}
	if (d->nlangs == 0)
		errf(&e, "%s:%d: languages: missing (e.g. languages = "
		    "[ \"id\", \"en\" ];)", path, d->langs_line);
	for (i = 0; i < config_setting_length(root); i++) {
		s = config_setting_get_elem(root, (unsigned int)i);
		name = config_setting_name(s);
		if (strcmp(name, "languages") == 0)
			continue;
		if (strcmp(name, "start") == 0) {
			d->start = get_str(path, s, &e);
			d->start_line = line_of(s);
		} else if (strcmp(name, "messages") == 0)
			get_messages(d, s, &e);
		else if (strcmp(name, "screens") == 0) {
			if (!config_setting_is_group(s)) {
				errf(&e, "%s:%d: screens: must be a group "
				    "{ name = { ... }; ... }", path, line_of(s));
				continue;
			}
			n = config_setting_length(s);
			d->screens = xcalloc((size_t)n + 1, sizeof(*d->screens));
			for (int k = 0; k < n; k++)
				get_screen(d, config_setting_get_elem(s,
				    (unsigned int)k), &e);
		} else
			errf(&e, "%s:%d: unknown setting \"%s\" (languages, start, "
			    "messages, screens)", path, line_of(s), name);
	}
	if (d->nscreens == 0)
		errf(&e, "%s:1: no screens = { ... } group", path);
	if (d->start == NULL && d->nscreens > 0)
		d->start = xstrdup(d->screens[0].id);
	if (e.n > 0)
		goto out;
	*out = d;
	d = NULL;
	rc = 0;
out:
	config_destroy(&cfg);
	menu_def_free(d);
	return rc;
}

static void
text_free(struct menu_text *t)
{
	int	i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
}

void
menu_def_free(struct menu_def *d)
{
	int	i, k;

	if (d == NULL)
		return;
	for (i = 0; i < d->nscreens; i++) {
		struct menu_screen_def *sc = &d->screens[i];

		free(sc->id);
		free(sc->type);
		text_free(&sc->text);
		text_free(&sc->error);
		text_free(&sc->empty);
		for (k = 0; k < sc->nopts; k++) {
			free(sc->opts[k].key);
			free(sc->opts[k].to);
			text_free(&sc->opts[k].text);
		}
		free(sc->opts);
		free(sc->input);
		free(sc->save);
		free(sc->action);
		free(sc->next);
		free(sc->yes);
		free(sc->no);
		for (k = 0; k < sc->nset; k++) {
			free(sc->set[k].key);
			free(sc->set[k].val);
		}
		free(sc->set);
	}
	free(d->screens);
	for (i = 0; i < d->nmsgs; i++) {
		free(d->msgs[i].name);
		text_free(&d->msgs[i].text);
	}
	free(d->msgs);
	free(d->start);
	free(d->file);
	free(d);
}

const char *
menu_text_get(const struct menu_def *d, const struct menu_text *t,
    const char *lang)
{
	int	i;

	if (t == NULL || t->n == 0)
		return NULL;
	if (lang != NULL)
		for (i = 0; i < t->n; i++)
			if (strcmp(t->v[i].lang, lang) == 0)
				return t->v[i].text;
	if (d != NULL && d->nlangs > 0)
		for (i = 0; i < t->n; i++)
			if (strcmp(t->v[i].lang, d->langs[0]) == 0)
				return t->v[i].text;
	return t->v[0].text;
}

const char *
menu_def_path(const struct conf *c)
{
	if (c == NULL || c->menus_path[0] == '\0')
		return LAPAK_DATADIR "/menus/default.cfg";
	return c->menus_path;
}
