/* CARI's matching rules and its page search, shared with the repository
 * backends that keep the word index: query words, the word class (whole
 * word > word start > substring > small edit distance), the scorer (every
 * query word must match; the sum of their classes) and the result order
 * (score down, shorter name, lower id).
 *
 * The index a backend keeps: a vocabulary (every word of a listed
 * product's name, by commerce_search_words(), each with an id) and one
 * posting per (word, product), read in (name length, product id) order,
 * optionally of one place only. Listed = active, stock left after
 * reservations, seller exists. commerce_search_page() finds the best page
 * from those without reading every match (search.c). */
#ifndef LAPAK_COMMERCE_SEARCH_H
#define LAPAK_COMMERCE_SEARCH_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "commerce/repo.h"
#include "common/action.h"

#define SEARCH_WORDS	6	/* query words looked at */
#define SEARCH_WORD_MAX	32
#define SEARCH_NAME_WORDS 16	/* words of a name that are indexed/scored */
#define SEARCH_MATCH_MAX 32	/* vocabulary words kept per query word */
#define SEARCH_PLACE_MAX 64
#define SEARCH_OFFSET_MAX 300	/* LAGI goes no deeper */
/* Village codes one search reads: a whole district. The largest district
 * of the national list has 108 villages (95.06.03 in idn-area-data 3.1.2,
 * 2023); four have more than 64. */
#define SEARCH_PLACES_MAX 160

struct qword {
	char	w[SEARCH_WORD_MAX];
	size_t	n;
};

/* Word classes (commerce_search_class). */
#define SEARCH_EXACT	100
#define SEARCH_PREFIX	90
#define SEARCH_INSIDE	70
#define SEARCH_FUZZY1	45	/* one edit */
#define SEARCH_FUZZY2	30	/* two edits, words of 6 letters or more */

/* A vocabulary word that matches one query word. */
struct search_match {
	int64_t		wid;
	int		cls;	/* commerce_search_class() of the word */
	int64_t		count;	/* listed products with the word */
	uint64_t	sig;	/* commerce_search_sig() of the word */
};

/* Every query word's matches, best class first. */
struct search_vocab_hits {
	struct search_match	m[SEARCH_WORDS][SEARCH_MATCH_MAX];
	int			n[SEARCH_WORDS];
	bool			cut;	/* a word had more matches than kept */
};

/* One posting: a listed product with the word. */
struct search_post {
	int64_t		pid;
	int32_t		nlen;	/* strlen of the product name */
	uint64_t	sig;	/* the name's words: commerce_search_sig() */
};

/* A row of a result page. */
struct search_hit {
	int64_t	id;
	int64_t	price_rp;
	char	name[ACT_TEXT_MAX];
	char	unit[16];
	char	village[64];
};

/* What a search asks: words, an optional place key (lower-case, trimmed:
 * search_place_key), and the page. */
struct search_req {
	struct qword	q[SEARCH_WORDS];
	int		nq;
	char		place[SEARCH_PLACE_MAX];	/* "" = anywhere */
	int64_t		offset;
	bool		quick;		/* REPO_BUSY rather than a vocabulary
					 * scan (search_vocab's quick) */
	/* places: when "di <tempat>" named a loaded district or village, the
	 * places searched instead of place (its villages' codes, and the
	 * typed text's key for unplaced sellers), one posting stream each,
	 * merged in (name length, id) order. */
	char		places[SEARCH_PLACES_MAX + 1][SEARCH_PLACE_MAX];
	int		nplaces;
};

struct search_page {
	struct search_hit	hit[4];		/* >= COMMERCE_PAGE */
	int			n;
	bool			more;		/* a further row exists */
	bool			partial;	/* the scan was cut: best effort */
	int			examined;	/* postings looked at */
};

/* Splits text into lower-case words (letters and digits; bytes >= 0x80 are
 * letters); returns how many, at most max. */
int	commerce_search_words(const char *text, struct qword *out, int max);
/* How well one word w (lower-case, n bytes) matches query word q: one of
 * the classes above, 0 = not at all. A name's score for q is the best class
 * over its first SEARCH_NAME_WORDS words. */
int	commerce_search_class(const struct qword *q, const char *w, size_t n);
/* Two bits of 64 for word w (n bytes): a name's signature is the OR of
 * its indexed words', kept with each posting, so that a posting whose
 * product lacks another query word is passed over without reading it. */
uint64_t commerce_search_sig(const char *w, size_t n);
/* The signature of a whole name. */
uint64_t commerce_search_name_sig(const char *name);
/* How well the words q[0..nq-1] match a product name: 0 = not a result. */
int	commerce_search_score(const struct qword *q, int nq, const char *name);
/* The name as JUAL compares it: ASCII letters lower-cased, any run of
 * spaces and punctuation one space, none at either end ("Kopi  'Toraja'"
 * and "kopi toraja" are one name). */
void	commerce_name_key(const char *name, char *out, size_t len);
/* The key a place (a village today) is filtered by: lower-case, outer
 * spaces trimmed, as the backends store it with each product. */
void	commerce_place_key(const char *place, char *out, size_t len);

/* The rows rq->offset.. of the result list (at most COMMERCE_PAGE), best
 * first, through r's search operations. */
enum repo_rc commerce_search_page(const struct repo *r, const struct search_req *rq,
	    struct search_page *out);

#endif
