/* SMS command parser: message text -> struct action (commands.md), with
 * named errors that say which field was wrong, and the closest keyword for
 * a mistyped one. Pure: no I/O. */
#ifndef LAPAK_CMD_H
#define LAPAK_CMD_H
#include <stdbool.h>
#include <stddef.h>

#include "common/action.h"
#include "conf/conf.h"
#include "conf/templates.h"
#include "menus/price.h"

enum cmd_rc {
	CMD_OK = 0,
	CMD_EMPTY,	/* nothing but spaces or '#' */
	CMD_UNKNOWN,	/* first word is no keyword; cmd_error.suggest may help */
	CMD_BADARG	/* keyword known, a field wrong: cmd_error.field */
};

/* Which part of the command was wrong (CMD_BADARG). */
enum cmd_field {
	CMD_F_NONE = 0,
	CMD_F_NAME,	/* shop or product name missing / too long */
	CMD_F_VILLAGE,	/* village too long */
	CMD_F_PIN,	/* not 4-6 digits */
	CMD_F_PRICE,	/* missing or rejected: cmd_error.price_rc says why */
	CMD_F_QTY,	/* quantity / stock not a whole number 0..1.000.000 */
	CMD_F_CODE,	/* product code missing or malformed */
	CMD_F_ORDER,	/* order code missing or malformed */
	CMD_F_WORDS,	/* CARI without words */
	CMD_F_CONFIRM,	/* YA code not 1000..9999 */
	CMD_F_LANG,	/* BAHASA without a 2-3 letter language code */
	CMD_F_COMMAND,	/* ULANG without a command after it */
	CMD_F_EXTRA,	/* unexpected words after a complete command */
	/* assistants */
	CMD_F_NUMBER,	/* a phone number missing or not one */
	/* issue 13, payment records */
	CMD_F_METHOD	/* LUNAS: a payment method not in the table */
};

/* What was wrong with a number (CMD_F_QTY) or after the stock (CMD_F_EXTRA),
 * when the parser can say: the reply names it instead of the format. */
enum cmd_reason {
	CMD_R_NONE = 0,
	CMD_R_NEGATIVE,		/* "-5" */
	CMD_R_ZERO,		/* BELI P2 0 */
	CMD_R_DECIMAL,		/* "1,5": not a whole number */
	CMD_R_TOO_LARGE,	/* above 1.000.000 */
	CMD_R_WORD,		/* BELI P2 2kg: a number with letters */
	CMD_R_AFTER_STOCK,	/* JUAL X 12rb/kg 10 kg: words after the stock */
	CMD_R__N
};

#define CMD_WORD_MAX	24
/* promotions: LANGGANAN's place text and keyword, bytes */
#define PROMO_PLACE_MAX	40
#define PROMO_WORD_MAX	20
#define CMD_QTY_MAX	1000000		/* quantities and stock: 0 .. this */
/* A BUY note (and a REJECT / CANCEL reason) longer than this is cut at a
 * word and ends in "...": the seller's notification carries the note as an
 * act_var value, which keeps ACT_VAL_MAX - 1 bytes. */
#define CMD_NOTE_MAX	(ACT_VAL_MAX - 1)

struct cmd_error {
	enum cmd_rc	rc;
	enum verb	verb;			/* BADARG: the command */
	bool		again;			/* the command came after ULANG */
	enum cmd_field	field;
	enum price_rc	price_rc;		/* field == CMD_F_PRICE */
	enum cmd_reason	reason;			/* CMD_F_QTY, CMD_F_EXTRA */
	char		word[CMD_WORD_MAX];	/* keyword as typed, upper case */
	char		suggest[CMD_WORD_MAX];	/* UNKNOWN: closest keyword or "" */
	char		value[CMD_WORD_MAX];	/* the offending token (never PIN
						 * digits), "" when missing */
};

struct cmd_table;

/* Builds the keyword table once: the Indonesian keywords and English aliases
 * of commands.md, ULANG/REPEAT, conf->aliases (word -> keyword of either
 * language; unknown targets are skipped, conf.c reports them) and the verbs
 * of conf->pin_commands. conf may be NULL (built-ins only). The table borrows
 * nothing from conf. Aborts on OOM; free with cmd_table_free (NULL ok). */
struct cmd_table *cmd_table_new(const struct conf *conf);
void		 cmd_table_free(struct cmd_table *t);

/* Verb of a keyword or alias (case-insensitive), VERB_NONE if unknown. */
enum verb	 cmd_lookup(const struct cmd_table *t, const char *word);

/* True when conf->pin_commands asks a trailing PIN for v over SMS. */
bool		 cmd_needs_pin(const struct cmd_table *t, enum verb v);

/* Parses one SMS (UTF-8). Always fills *out (zeroed, confirm_code -1) and
 * *err (zeroed, rc = the return value); on CMD_OK out holds the action, its
 * text fields cleaned (lex_clean: GSM 03.38 only). A keyword followed by
 * punctuation is still the keyword ("CARI: gula", "BELI,P2"). For a command
 * in pin_commands a trailing 4-6 digit token becomes out->pin. */
enum cmd_rc	 cmd_parse(const struct cmd_table *t, const char *text,
		    struct action *out, struct cmd_error *err);

/* Copies text into out[outsz] with PIN digits replaced by '*': every digit
 * after the PIN keyword (also after ULANG, or a typo whose closest keyword
 * is PIN), and the trailing 4-6 digit token of a pin_commands command. t may
 * be NULL (PIN command only). Returns false when out had to be truncated. */
bool		 cmd_mask_pin(const struct cmd_table *t, const char *text,
		    char *out, size_t outsz);

/* The parse error as a message to render like any result (tmpl + vars):
 * "cmd.empty"; "cmd.unknown" {word} or "cmd.suggest" {word} {suggest};
 * "badprice.<reason>" {value} {cmd} for a rejected price ("small" for a
 * bare JUAL price under Rp100); "badstock.<reason>" for a JUAL stock and
 * "badqty.<reason>" for a BELI quantity, reason one of negative, zero,
 * decimal, too_large, word, after; "badpaid.method" {value} for a LUNAS
 * method not in the table; "bad.<command>" {value} {cmd} otherwise
 * ("bad.sell"). */
void		 cmd_error_msg(const struct cmd_error *err, struct act_msg *out);

/* The help reply for a VERB_HELP action: "help.all", "help.<command>"
 * when a->text names a command ("help.sell"), or a topic's list of commands
 * when it names a topic (BANTUAN ASISTEN / HELP ASSISTANT:
 * "help.assistant"). */
void		 cmd_help_msg(const struct action *a, struct act_msg *out);

/* Every template name cmd_error_msg and cmd_help_msg can give, as tables
 * for templates_check (bad.<verb> and help.<verb> for every verb, each
 * badprice, badstock and badqty reason); *n gets the table count. Static. */
const struct tmpl_keys *cmd_tmpl_keys(size_t *n);

/* Template id of a verb: "sell" for VERB_SELL; "" for VERB_NONE. */
const char	*cmd_verb_name(enum verb v);

#endif
