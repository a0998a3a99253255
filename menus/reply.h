/* Reply rendering: a struct act_msg (template name + values, rows, more
 * flag) -> text, from the loaded templates, with language fallback. Also the
 * GSM 03.38 test that lapakctl check uses on templates. Pure. */
#ifndef LAPAK_REPLY_H
#define LAPAK_REPLY_H
#include <stdbool.h>
#include <stddef.h>

#include "common/action.h"
#include "conf/templates.h"

#define REPLY_SMS_SEPTETS	160	/* one GSM-7 segment */
#define REPLY_UCS2_CHARS	70	/* one UCS-2 segment */

/* Renders m into out[outsz] (always NUL-terminated when outsz > 0).
 * Language: lang, else m->lang, else the default language; a template
 * missing in that language comes from the default language. A message
 * whose template (or row or "common.more" template) is missing there too
 * is rendered as the "com.error" text ("sorry, something went wrong"),
 * never as its name and values; only without that (t NULL) the template
 * name alone. templates_check with reply_tmpl_keys and every module's
 * names makes this impossible for loaded templates.
 * {key} is replaced by the value of key (row values first, then the
 * message's, for rows); an unknown {key} stays visible as is. Each row is
 * rendered on its own line with "<group>.row" (tmpl "find.ok" -> "find.row");
 * m->more appends "common.more" on its own line. A list page (rows) is
 * fitted to one SMS segment
 * (REPLY_SMS_SEPTETS of GSM-7, extension characters counting 2, or
 * REPLY_UCS2_CHARS) without dropping a row: its free-text values (keys
 * name, item, query, shop, village) lose characters outside GSM 03.38 and
 * the longest are cut, ending in ".", as far as needed; other values are
 * never cut. Returns the length of the (fitted) rendering: >= outsz means
 * it was truncated (at a UTF-8 character boundary). */
size_t	reply_render(const struct templates *t, const struct act_msg *m,
	    const char *lang, char *out, size_t outsz);

/* The row template of a list result: "find.ok" -> "find.row" (the group of
 * tmpl, then ".row") into out[outsz]; returns its length like snprintf. */
size_t	reply_row_key(const char *tmpl, char *out, size_t outsz);

/* The names reply_render asks for by itself ("common.more", "com.error"),
 * as tables for templates_check; *n gets the table count. Static. */
const struct tmpl_keys *reply_tmpl_keys(size_t *n);

/* Length of s (UTF-8) in one segment's unit: GSM-7 septets (extension
 * characters count 2) when s is GSM 03.38, else UTF-16 code units; *gsm
 * (may be NULL) tells which. */
size_t	reply_seg_len(const char *s, bool *gsm);

/* True when s (UTF-8) uses only the GSM 03.38 default alphabet and its
 * extension table. Otherwise *bad_off (may be NULL) gets the byte offset of
 * the first character outside it (or of invalid UTF-8). */
bool	reply_is_gsm(const char *s, size_t *bad_off);

/* Called once per template whose text is not GSM 03.38. */
typedef void reply_gsm_fn(void *arg, const char *lang, const struct tmpl *tp,
	    size_t bad_off);

/* Runs reply_is_gsm over every template of every language, calling fn (may
 * be NULL) for each offender. Returns the number of offenders. */
size_t	reply_check_gsm(const struct templates *t, reply_gsm_fn *fn, void *arg);

#endif
