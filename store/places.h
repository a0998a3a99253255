/* lapakctl places load: the Ministry of Home Affairs' places from a CSV
 * file into the store (places.c). */
#ifndef LAPAK_STORE_PLACES_H
#define LAPAK_STORE_PLACES_H
#include <stddef.h>

#include "store/store.h"

struct places_sum {
	int	added;		/* codes new to the store */
	int	updated;	/* known codes whose name, parent or
				 * replaced_by changed */
	int	unchanged;
	int	moved;		/* sellers moved off a replaced place */
};

/* Reports one bad line ("FILE:LINE: what"). */
typedef void	(*places_bad_fn)(void *arg, const char *msg);

/*
 * Loads the CSV file at path (a header row "code,name,level,parent" with an
 * optional fifth column "replaced_by"; blank lines and lines starting with
 * '#' skipped) into st in one transaction of its own: codes added, names
 * and parents updated, nothing deleted; the sellers of a place that is
 * replaced_by another (and their active products) move to it. Every line
 * is checked first (code shape for its level, parent = the code's prefix
 * and known, replaced_by known and of the same level, no code twice); each
 * bad one goes to bad(arg, "FILE:LINE: what") and then nothing is written.
 * 0 with *sum filled; -1 with err set ("N bad lines", or the store's
 * error).
 */
int	store_places_load(struct store *st, const char *path,
	    places_bad_fn bad, void *arg, struct places_sum *sum, char *err,
	    size_t errlen);

#endif
