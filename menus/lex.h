/* Tokenizer for SMS commands: cleans what people type (GSM 03.38 only),
 * trims, collapses whitespace, accepts '#' as a field separator, and small
 * token tests (keywords, numbers). Pure: no I/O. */
#ifndef LAPAK_LEX_H
#define LAPAK_LEX_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LEX_MAX_TOKENS	64
#define LEX_BUF_MAX	1200	/* a long concatenated SMS */

struct lex_tok {
	const char	*s;	/* NUL-terminated, inside lex.buf, cleaned
				 * (lex_clean) */
	size_t		 off;	/* span in the original text: first byte */
	size_t		 len;	/* ... and length (inner spaces included) */
};

struct lex {
	char		buf[LEX_BUF_MAX];
	struct lex_tok	tok[LEX_MAX_TOKENS];
	size_t		ntok;
	bool		hashed;		/* '#' separated fields */
	bool		truncated;	/* text too long or too many tokens */
};

/* Cleans UTF-8 text in[0, inlen) for keeping and replying in GSM 03.38:
 * curly quotes and dashes become straight ones, "..." the ellipsis, accented
 * letters outside GSM lose the accent (GSM ones such as e-acute stay),
 * Unicode spaces and ASCII whitespace become one space (none leading), and
 * emoji, other symbols, control characters and invalid bytes are dropped.
 * Writes at most outsz-1 bytes plus a NUL into out and returns the length.
 * The result is never longer than the input, so outsz = inlen + 1 always
 * suffices. */
size_t	lex_clean(const char *in, size_t inlen, char *out, size_t outsz);

/* Splits text (UTF-8) into cleaned tokens (lex_clean; a word that cleans to
 * nothing, like an emoji, is no token). Whitespace (space, tab, CR, LF,
 * Unicode spaces) separates tokens and is trimmed and collapsed. When the
 * text contains '#', fields are separated by '#' only: each field keeps its
 * inner words as one token (inner whitespace collapsed to one space), except
 * the first field, whose first word (the keyword) is a token of its own.
 * Empty fields are skipped. Spans (off, len) are in the original text. */
void	lex_split(const char *text, struct lex *out);

/* Splits token i after its first n bytes, dropping the skip > 0 bytes after
 * them ("CARI:gula", 4, 1 -> "CARI" "gula"); what remains after those
 * becomes token i+1 with token i's span (a superset, which is what masking
 * needs). Returns false when nothing was cut (bad arguments) or the rest had
 * to be dropped because the token list is full. */
bool	lex_cut(struct lex *lx, size_t i, size_t n, size_t skip);

/* Case-insensitive equality of a token and a word. */
bool	lex_eq(const char *tok, const char *word);

/* True when tok is digits only (no sign, no separators), 1..18 of them, and
 * its value is <= max; the value goes to *out (may be NULL). */
bool	lex_uint(const char *tok, int64_t max, int64_t *out);

/* True when tok is minlen..maxlen ASCII digits and nothing else. */
bool	lex_digits(const char *tok, size_t minlen, size_t maxlen);

/* Upper-cases ASCII letters of in into out[outsz] (truncating). */
void	lex_upper(const char *in, char *out, size_t outsz);

/* Joins tokens [from, to) with single spaces into out[outsz]. Returns false
 * when it had to truncate (out still NUL-terminated). */
bool	lex_join(const struct lex *lx, size_t from, size_t to, char *out,
	    size_t outsz);

#endif
