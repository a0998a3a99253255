/* The USSD menu walker: a loaded menu file (conf/menu.h) resolved against
 * the known actions and validators, linted, and walked one user input at a
 * time. Pure: no I/O, no clock, no SQLite. The caller runs the actions the
 * walker asks for (commerce_do) and feeds the results back. */
#ifndef LAPAK_MENU_H
#define LAPAK_MENU_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/action.h"
#include "conf/menu.h"
#include "conf/templates.h"

#define MENU_GSM_MAX	182	/* characters of a GSM 03.38 screen */
#define MENU_UCS2_MAX	80	/* characters of a UCS-2 screen */
#define MENU_ID_MAX	32
#define MENU_DEPTH	12	/* screens remembered for "0" (back) */
#define MENU_ANS_MAX	24
#define MENU_ANS_KEY	16
#define MENU_ANS_VAL	64
#define MENU_ROWS	5	/* pickable rows of one list page */
#define MENU_VAR_SHOW	24	/* an answer shown on a screen is cut here */
#define MENU_NOTE_MAX	184	/* an action's reply shown on the next screen */
#define MENU_STATE_VERSION 0x4d4e5502u

struct menu;

struct menu_ans {
	char	key[MENU_ANS_KEY];
	char	val[MENU_ANS_VAL];
};

/* A session's position and answers: plain data, stored as a blob between
 * hops (no pointers). Zero it and call menu_begin() to start. */
struct menu_state {
	uint32_t	 version;
	char		 screen[MENU_ID_MAX];
	char		 stack[MENU_DEPTH][MENU_ID_MAX];
	int		 depth;
	char		 lang[4];
	bool		 pin_ok;	/* the seller's PIN was checked */
	bool		 pin_sent;	/* the running action carries a PIN */
	bool		 pin_ask;	/* the PIN prompt is showing */
	bool		 seller_ok;	/* a seller = true screen let us in */
	bool		 gate;		/* that check is running or asks a PIN */
	bool		 failed;	/* an action's refusal is showing */
	bool		 started;	/* the user moved past the first screen */
	int		 page;
	bool		 more;
	int		 nrows;
	struct act_row	 rows[MENU_ROWS];
	int		 nans;
	struct menu_ans	 ans[MENU_ANS_MAX];
	char		 note[MENU_NOTE_MAX];	/* shown atop the next screen */
};

enum menu_out_kind {
	MENU_CON,	/* show text, wait for an answer */
	MENU_END,	/* show text, the session is over */
	MENU_ACT	/* run act, then call menu_result() */
};

struct menu_out {
	enum menu_out_kind kind;
	char		 text[1024];	/* CON/END: the screen (fits a screen) */
	struct action	 act;		/* ACT */
	char		 as[16];	/* ACT: the seller an assistant acts
					 * for (E.164; "" = the user): run act
					 * as UNTUK <as> <act> */
	bool		 receipt;	/* END after a purchase: send receipt */
	char		 receipt_text[512];
};

/* Reports one lint finding. */
typedef void menu_lint_fn(void *arg, const char *file, int line,
	    const char *what);

/* Checks d (and the templates t, may be NULL) against every rule: unknown
 * screen, unreachable screen, missing translation, unknown screen type,
 * action or validator, a missing required setting, a screen that can exceed
 * 182 GSM-7 / 80 UCS-2 characters, a template that forces UCS-2. Calls fn
 * (may be NULL) once per finding, in file order. Returns the count. */
int	menu_lint(const struct menu_def *d, const struct templates *t,
	    menu_lint_fn *fn, void *arg);

/* Resolves d for walking; d and t are borrowed and must outlive the menu.
 * Fails (NULL, findings "file:line: what" one per line in err) when
 * menu_lint() finds anything. */
struct menu *menu_new(const struct menu_def *d, const struct templates *t,
	    char *err, size_t errlen);
void	menu_free(struct menu *m);	/* NULL ok */

/* The country code (digits, "62") phone numbers typed on screens are read
 * with (input = "phone"), as the SMS parser reads them; "62" until set. */
void	menu_set_country(struct menu *m, const char *cc);

/* A fresh session in lang at the start screen; out gets its first screen
 * (or an action to run). */
void	menu_begin(const struct menu *m, struct menu_state *s, const char *lang,
	    struct menu_out *out);
/* The user's answer on the current screen. */
void	menu_input(const struct menu *m, struct menu_state *s, const char *in,
	    struct menu_out *out);
/* The outcome of the action out->act asked for: the next screen (or another
 * action). */
void	menu_result(const struct menu *m, struct menu_state *s,
	    const struct act_result *r, struct menu_out *out);
/* The current screen again (a resumed session); lists are fetched again. */
void	menu_show(const struct menu *m, struct menu_state *s,
	    struct menu_out *out);
/* True when s belongs to m's screens (same screen ids): else start anew. */
bool	menu_state_fits(const struct menu *m, const struct menu_state *s);

/* True when the next answer on s is a secret (a PIN): logs and the inbox
 * keep it masked. */
bool	menu_wants_secret(const struct menu *m, const struct menu_state *s);

/* A shared message of the menu file in lang (resume, expired, ...), with
 * the built-in text when the file has none. Never NULL. */
const char *menu_message(const struct menu *m, const char *name,
	    const char *lang);

/* Characters a screen takes: GSM 03.38 counts extension characters twice;
 * *gsm (may be NULL) tells whether s fits GSM 03.38 at all. */
size_t	menu_screen_len(const char *s, bool *gsm);
/* Cuts s so it fits one USSD screen (182 GSM-7 or 80 UCS-2), ending ".."
 * when cut. */
void	menu_fit(char *s);

#endif
