/* Regional languages in the core: the languages it may answer in (one per
 * templates folder), each one's own name and the words the core puts into
 * replies (order states, roles, "Toko"), read from that language's
 * templates so a new folder covers everything. */
#ifndef LAPAK_COMMERCE_LANG_H
#define LAPAK_COMMERCE_LANG_H
#include <stddef.h>

#include "commerce/repo.h"	/* ORDER__N */
#include "common/action.h"
#include "conf/templates.h"

#define COMMERCE_MAX_LANGS	32

/* The words, each a template name (commerce_word_keys). */
enum commerce_word {
	WORD_LANG_NAME = 0,	/* "lang.name": "Bahasa Indonesia" */
	WORD_SHOP,		/* "word.shop": "Toko" */
	WORD_BUY,		/* "word.buy": a list row's role */
	WORD_SELL,
	WORD_STATE,		/* "word.state.<state>": one for each state
				 * from ORDER_PENDING on (WORD_STATE + s - 1) */
	/* issue 13, payment records: "paid.word", after a paid order's
	 * state in PESANAN ("diterima, lunas") */
	WORD_PAID = WORD_STATE + ORDER__N - 1,
	WORD__N
};

/* Takes the languages of t and their words (copied: t may be freed after).
 * Languages beyond COMMERCE_MAX_LANGS are left out (logged). NULL: back to
 * the built-in set, "id" and "en" without words. Not thread-safe: call it
 * where templates are loaded (startup, reload). */
void		 commerce_langs_set(const struct templates *t);

/* The loaded language whose code is code (any case), as the table's own
 * lower-case string (valid until the next commerce_langs_set), or NULL. */
const char	*commerce_lang_known(const char *code);

/* Word w in lang, else in "id", else "". */
const char	*commerce_word(const char *lang, enum commerce_word w);

/* lang's own name; its code in capitals when its folder has none. */
const char	*commerce_lang_name(const char *lang, char *buf, size_t len);

/* The loaded codes for a reply: "ID, EN, XX". */
const char	*commerce_lang_list(char *buf, size_t len);

/* The word template names, for the load-time check: a shipped language
 * must hold them all. */
const char *const *commerce_word_keys(size_t *n);

#endif
