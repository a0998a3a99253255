/* USSD menu files (libconfig) -> plain structs with the file:line of every
 * piece, so menus/menu.c can resolve, lint and walk them without libconfig.
 * Only conf/menu.c sees libconfig. The format is documented in the shipped
 * menus/default.cfg and docs/OPERATORS.md. */
#ifndef LAPAK_CONF_MENU_H
#define LAPAK_CONF_MENU_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MENU_MAX_LANGS	8

/* One text in one language. */
struct menu_tr {
	char	 lang[8];
	char	*text;
	int	 line;
};

/* A text with its translations: { id = "..."; en = "..."; } (or one plain
 * string, taken as the first language). n == 0: absent. */
struct menu_text {
	struct menu_tr	*v;
	int		 n;
	int		 line;
};

struct menu_kv {
	char	*key;
	char	*val;
	int	 line;
};

struct menu_opt {
	char		*key;		/* "1" */
	char		*to;		/* screen id */
	struct menu_text text;		/* label */
	int		 line;
	int		 to_line;
};

/* One screen as written; every string may be NULL (absent). */
struct menu_screen_def {
	char		*id;
	int		 line;
	char		*type;		/* menu input list confirm action end */
	int		 type_line;
	struct menu_text text;		/* what the screen says */
	struct menu_text error;		/* input: bad input */
	struct menu_text empty;		/* list: nothing to show */
	struct menu_opt	*opts;		/* menu */
	int		 nopts;
	char		*input;		/* input: validator name */
	int		 input_line;
	char		*save;		/* input, list: answer name */
	int		 save_line;
	char		*action;	/* list, action: action name */
	int		 action_line;
	char		*next;		/* input, list, action: next screen */
	int		 next_line;
	char		*yes, *no;	/* confirm */
	int		 yes_line, no_line;
	bool		 receipt;	/* action: receipt SMS after success */
	bool		 seller;	/* registered sellers only; PIN here */
	int		 seller_line;
	bool		 optional;	/* text input: may be skipped */
	int		 optional_line;
	bool		 show;		/* action with next: reply shown there */
	int		 show_line;
	struct menu_kv	*set;		/* answers fixed on entry */
	int		 nset;
};

/* A named message shared by all screens (messages = { back = {...}; }). */
struct menu_msg {
	char		*name;
	struct menu_text text;
	int		 line;
};

struct menu_def {
	char			*file;
	uint64_t		 digest;	/* of the file's bytes (FNV-1a) */
	char			 langs[MENU_MAX_LANGS][8];
	int			 nlangs;
	int			 langs_line;
	char			*start;
	int			 start_line;
	struct menu_msg		*msgs;
	int			 nmsgs;
	struct menu_screen_def	*screens;
	int			 nscreens;
};

/* Reads path into *out (free with menu_def_free). Structural problems only
 * (syntax, a setting of the wrong type, an unknown key, a screen id given
 * twice, no languages or screens), all collected, one "file:line: what" per
 * line in err[errlen] (no trailing newline). Names (screens, actions,
 * validators) are checked by menu_lint() in menus/menu.h. Returns 0, or -1
 * with *out = NULL. Aborts on OOM. */
int	menu_def_load(const char *path, struct menu_def **out, char *err,
	    size_t errlen);
void	menu_def_free(struct menu_def *d);	/* NULL ok */
/* True when a and b were read from the same path with the same bytes: a
 * reload that changed nothing keeps the running menus (no new generation). */
bool	menu_def_same(const struct menu_def *a, const struct menu_def *b);

/* The translation of t in lang, else in the first language listed, else the
 * first one given; NULL when t is absent. Owned by the def. */
const char *menu_text_get(const struct menu_def *d, const struct menu_text *t,
	    const char *lang);

/* The menu file conf names: conf->menus_path, default LAPAK_DATADIR
 * "/menus/default.cfg". */
struct conf;
const char *menu_def_path(const struct conf *c);

#endif
