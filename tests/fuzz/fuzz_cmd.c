/* Fuzz target: the SMS command parser, PIN masking, the price parser and the
 * tokenizer (menus/). Input: one SMS text (a NUL inside ends it, as in
 * msg_in.text). Properties: an accepted command has a known verb, PINs of
 * 4-6 digits, a price in range; masking leaves no PIN digits behind; the
 * price parser agrees with its contract. */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "common/action.h"
#include "common/phone.h"
#include "conf/conf.h"
#include "menus/cmd.h"
#include "menus/lex.h"
#include "menus/price.h"
#include "tests/fuzz/fuzz.h"

#define TEXT_MAX	2048	/* MSG_TEXT_MAX */

static struct cmd_table	*tab_builtin, *tab_conf;
static struct conf	 conf;
static char		 text[TEXT_MAX];
static char		 masked[TEXT_MAX + 16];
static struct lex	 lx;

static void
setup(void)
{
	conf_defaults(&conf);
	snprintf(conf.aliases[0].word, sizeof(conf.aliases[0].word), "TUKU");
	snprintf(conf.aliases[0].verb, sizeof(conf.aliases[0].verb), "BELI");
	snprintf(conf.aliases[1].word, sizeof(conf.aliases[1].word), "JL");
	snprintf(conf.aliases[1].verb, sizeof(conf.aliases[1].verb), "SELL");
	snprintf(conf.aliases[2].word, sizeof(conf.aliases[2].word), "X");
	snprintf(conf.aliases[2].verb, sizeof(conf.aliases[2].verb), "NOPE");
	conf.naliases = 3;
	snprintf(conf.pin_commands, sizeof(conf.pin_commands),
	    "JUAL,HAPUS,KIRIM,HARGA");
	tab_builtin = cmd_table_new(NULL);
	tab_conf = cmd_table_new(&conf);
}

static bool
pin_ok(const char *p)
{
	size_t	n = strlen(p);

	return n == 0 || (n >= 4 && n <= 6 && strspn(p, "0123456789") == n);
}

static bool
has_digit(const char *s)
{
	return strpbrk(s, "0123456789") != NULL;
}

static void
parse(const struct cmd_table *t)
{
	struct action		a;
	struct cmd_error	e;
	struct act_msg		m;
	enum cmd_rc		rc;

	rc = cmd_parse(t, text, &a, &e);
	FUZZ_ASSERT(e.rc == rc);
	FUZZ_ASSERT(memchr(e.word, '\0', sizeof(e.word)) != NULL);
	FUZZ_ASSERT(memchr(e.value, '\0', sizeof(e.value)) != NULL);
	FUZZ_ASSERT(memchr(e.suggest, '\0', sizeof(e.suggest)) != NULL);
	memset(&m, 0, sizeof(m));
	if (rc != CMD_OK) {
		cmd_error_msg(&e, &m);
		FUZZ_ASSERT(m.tmpl[0] != '\0');
		/* A rejected field is echoed back: never PIN digits. */
		if (e.field == CMD_F_PIN)
			FUZZ_ASSERT(!has_digit(e.value));
		return;
	}
	FUZZ_ASSERT(a.verb > VERB_NONE && a.verb < VERB__N);
	FUZZ_ASSERT(cmd_verb_name(a.verb)[0] != '\0');
	FUZZ_ASSERT(pin_ok(a.pin) && pin_ok(a.pin_old) && pin_ok(a.pin_new));
	FUZZ_ASSERT(memchr(a.text, '\0', sizeof(a.text)) != NULL);
	FUZZ_ASSERT(memchr(a.unit, '\0', sizeof(a.unit)) != NULL);
	if (a.verb == VERB_SELL || a.verb == VERB_PRICE)
		FUZZ_ASSERT(a.price_rp >= 1 && a.price_rp <= PRICE_MAX_RP);
	if (a.verb == VERB_CONFIRM && a.confirm_code != -1)
		FUZZ_ASSERT(a.confirm_code >= 0 && a.confirm_code <= 9999);
	if (a.verb == VERB_HELP) {
		cmd_help_msg(&a, &m);
		FUZZ_ASSERT(m.tmpl[0] != '\0');
	}
	/* Masking: no PIN the parser found survives in the log text. */
	if (cmd_mask_pin(t, text, masked, sizeof(masked))) {
		FUZZ_ASSERT(strlen(masked) == strlen(text));
		if (a.verb == VERB_PIN) {
			if (a.pin_old[0] != '\0')
				FUZZ_ASSERT(strstr(masked, a.pin_old) == NULL);
			if (a.pin_new[0] != '\0')
				FUZZ_ASSERT(strstr(masked, a.pin_new) == NULL);
		}
		if (a.pin[0] != '\0') {
			lex_split(masked, &lx);
			FUZZ_ASSERT(lx.ntok > 0);
			FUZZ_ASSERT(!has_digit(lx.tok[lx.ntok - 1].s));
		}
	}
}

static void
price(void)
{
	struct price	p;
	enum price_rc	rc;
	char		cur[32], *sp;

	rc = price_parse(text, &p);
	FUZZ_ASSERT(price_rc_name(rc) != NULL);
	if (rc == PRICE_OK) {
		FUZZ_ASSERT(p.rp >= 1 && p.rp <= PRICE_MAX_RP);
		FUZZ_ASSERT(memchr(p.unit, '\0', sizeof(p.unit)) != NULL);
	} else
		FUZZ_ASSERT(p.rp == 0 && p.unit[0] == '\0');
	/* The two-token form: first word as currency, the rest as number. */
	if ((sp = strchr(text, ' ')) != NULL &&
	    (size_t)(sp - text) < sizeof(cur)) {
		memcpy(cur, text, (size_t)(sp - text));
		cur[sp - text] = '\0';
		if (price_is_currency(cur)) {
			rc = price_parse2(cur, sp + 1, &p);
			if (rc == PRICE_OK)
				FUZZ_ASSERT(p.rp >= 1 &&
				    p.rp <= PRICE_MAX_RP);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	e164[16];
	size_t	n = size < TEXT_MAX - 1 ? size : TEXT_MAX - 1;
	size_t	i;

	if (tab_builtin == NULL)
		setup();
	memcpy(text, data, n);
	text[n] = '\0';

	parse(tab_builtin);
	parse(tab_conf);
	price();
	lex_split(text, &lx);
	FUZZ_ASSERT(lx.ntok <= LEX_MAX_TOKENS);
	for (i = 0; i < lx.ntok; i++)
		FUZZ_ASSERT(lx.tok[i].off + lx.tok[i].len <= n);
	if (phone_e164(text, "62", false, e164, sizeof(e164)) == 0) {
		FUZZ_ASSERT(e164[0] == '+');
		FUZZ_ASSERT(strlen(e164) >= 9 && strlen(e164) <= 16);
		FUZZ_ASSERT(strspn(e164 + 1, "0123456789") ==
		    strlen(e164) - 1);
	} else
		FUZZ_ASSERT(e164[0] == '\0');
	return 0;
}
