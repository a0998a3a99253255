/* Reply templates: libconfig files, one folder per language
 * (<dir>/<lang>/NAME.cfg, all merged) -> a plain, immutable struct. Template
 * "a.b" is key b of group a. Only conf/templates.c sees libconfig. */
#ifndef LAPAK_TEMPLATES_H
#define LAPAK_TEMPLATES_H
#include <stdbool.h>
#include <stddef.h>

#include "conf/conf.h"

struct tmpl {
	char	*name;		/* "sell.ok"; owns one block holding */
	char	*text;		/* with {placeholders} */
	char	*file;		/* where it was defined, for messages */
	int	 line;
};

struct tmpl_lang {
	char		 lang[8];	/* folder name: "id", "en" */
	struct tmpl	*v;		/* sorted by name */
	size_t		 n;
	struct tmpl	*groups;	/* each group where it opens ("sell",
					 * "ussd.receipt"; text ""), sorted */
	size_t		 ngroups;
};

struct templates {
	char		*dir;		/* the folder it was loaded from */
	char		 default_lang[8];
	struct tmpl_lang *langs;
	size_t		 nlangs;
};

/* Loads every <dir>/<lang>/NAME.cfg, where <lang> is a folder named with 2-3
 * lower-case letters. Top-level settings must be groups; each string inside
 * (groups may nest) is the template "group.key". Every problem is collected,
 * one "file:line: what" per line (no trailing newline) in err[errlen]: parse
 * errors, a non-string value, a name defined twice in one language, no
 * folder for default_lang. Returns 0 and *out (free with templates_free), or
 * -1 with *out = NULL. Aborts on OOM. */
int	templates_load(const char *dir, const char *default_lang,
	    struct templates **out, char *err, size_t errlen);

/* templates_load with conf->templates_dir (default when "":
 * LAPAK_DATADIR "/menus/templates") and conf->default_lang ("" = "id"). */
int	templates_load_conf(const struct conf *conf, struct templates **out,
	    char *err, size_t errlen);

void	templates_free(struct templates *t);	/* NULL ok */

/* The template names one module asks for, for templates_check. Tables
 * indexed by an enum may hold NULL entries: they are skipped. */
struct tmpl_keys {
	const char		*module;	/* who asks: "menus/cmd.c" */
	const char *const	*keys;
	size_t			 n;
};

/* Regional languages: "id" is the reference every other language is held
 * against; "id" and "en" ship with Lapak and must be complete. Any other
 * folder is a language too and may be partial: a name it lacks is read from
 * the default language, then from "id" (templates_get). */
#define TMPL_LANG_REF	"id"
bool	templates_lang_shipped(const char *lang);

/* Checks that every name of every table exists in each shipped language of
 * t (falling back on the default is not enough; templates_check_ref covers
 * the others). Each missing name
 * is one line in err[errlen] (no trailing newline), all collected:
 * "FILE:LINE: missing template KEY (asked for by MODULE)" where the key's
 * group opens in that language, else "DIR/LANG: missing template KEY
 * (asked for by MODULE)"; a name several modules ask for is reported once,
 * naming them all. Returns the number of missing names (0: t is complete).
 * Aborts on OOM. */
size_t	templates_check(const struct templates *t, const struct tmpl_keys *sets,
	    size_t nsets, char *err, size_t errlen);

/* Regional languages: every name of TMPL_LANG_REF that a language of t
 * other than the shipped ones (templates_check holds those) lacks, one line each in err[errlen] (no trailing newline), all
 * collected: "DIR/LANG/FILE.cfg:LINE: key KEY missing (present in id)",
 * FILE being the one of "id" that holds it and LINE where the key's group
 * opens in that language's file (no ":LINE" when it does not). Returns the
 * number of missing names. Aborts on OOM. */
size_t	templates_check_ref(const struct templates *t, char *err,
	    size_t errlen);

/* True when a and b hold the same languages, names and texts. */
bool	templates_same(const struct templates *a, const struct templates *b);

/* The template name in exactly language lang, or NULL. */
const struct tmpl *templates_find(const struct templates *t, const char *lang,
	    const char *name);

/* Text of name in lang, else in the default language, else in "id", else
 * NULL. lang may be
 * NULL or "" (default language). The text is owned by t. */
const char *templates_get(const struct templates *t, const char *lang,
	    const char *name);

#endif
