/* The marketplace export (programme.md section 3) that lapakctl export and
 * lapak-web's download share: the layouts (Tokopedia, Shopee, Bukalapak
 * as XLSX, CSV), the operator's category file, the products as written,
 * and the CSV and XLSX writers. export/export_xlsx.c is the one file that
 * knows libxlsxwriter. */
#ifndef LAPAK_EXPORT_EXPORT_H
#define LAPAK_EXPORT_EXPORT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "store/export.h"
#include "store/store.h"

enum xcell_kind { XC_EMPTY = 0, XC_TEXT, XC_NUM };

struct xcell {
	enum xcell_kind	 kind;
	const char	*text;		/* XC_TEXT; borrowed */
	int64_t		 num;		/* XC_NUM */
};

/* One sheet: lines of text in column A before the header (a title and
 * instructions), the header row, then nrows rows of ncols cells. */
struct xtable {
	const char		 *sheet;
	const char *const	 *pre;
	int			  npre;
	const char *const	 *head;
	int			  ncols;
	const struct xcell	 *cells;	/* nrows * ncols, row by row */
	int			  nrows;
};

/* Writes t as an XLSX workbook to path (which must exist: the caller
 * created it 0600; it is overwritten). Text cells are string cells in
 * the Text number format, never formulas; numbers are numbers. 0, or -1
 * with err set. */
int	export_xlsx_write(const char *path, const struct xtable *t, char *err,
	    size_t errlen);

/* A layout: "tokopedia", "shopee", "bukalapak" (XLSX) or "csv". */
struct export_layout;

/* The layout named name, NULL when none. */
const struct export_layout *export_layout_find(const char *name);
const char	*export_layout_name(const struct export_layout *lay);
bool		 export_layout_xlsx(const struct export_layout *lay);
/* What the layout always leaves blank ("couriers and photos"), or NULL. */
const char	*export_layout_blank(const struct export_layout *lay);

/* A place code as the Ministry of Home Affairs writes it: "33", "33.20",
 * "33.20.05", "33.20.05.2004". */
bool	export_place_code_ok(const char *s);

/* The operator's keyword -> category file (docs/OPERATORS.md). */
struct export_cats {
	struct export_cat_entry	*e;
	int			 n, cap;
};

/* Reads path into c (zeroed by the caller). Every bad line is printed on
 * stderr as FILE:LINE: what; an unreadable file as "who: PATH: why". -1
 * when there was any. */
int	export_cats_load(const char *path, struct export_cats *c,
	    const char *who);
void	export_cats_free(struct export_cats *c);

/* The products as a layout writes them. */
struct export_items {
	struct export_item	*v;
	int			 n, cap;
};

/* Reads the active products of f from st (one snapshot) into it (zeroed
 * by the caller) with their SKU, description, category (cats may be NULL)
 * and weight for lay. 0, or -1 on a store error (store_errmsg). */
int	export_collect(struct store *st, const struct export_filter *f,
	    const struct export_layout *lay, const struct export_cats *cats,
	    struct export_items *it);
void	export_items_free(struct export_items *it);
/* Calls fn on every text a product's own words fill (its name, its shop's
 * name and the description made of them), each a NUL-terminated buffer of
 * size bytes that fn may rewrite in place (lapak-web masks phone-like
 * digit runs with it). */
void	export_items_rewrite(struct export_items *it,
	    void (*fn)(char *text, size_t size, void *arg), void *arg);

/* Lists on f each product lacking what the layout requires: "P17
 * Keripik singkong: no category, no weight". Returns how many. */
int	export_missing(FILE *f, const struct export_layout *lay,
	    const struct export_items *it);

/* The CSV layout of RFC 4180 with CRLF line ends, text cells starting
 * like a formula behind an apostrophe (export/export.c). 0, -1 on a write
 * error (ferror). */
int	export_write_csv(FILE *f, const struct export_layout *lay,
	    const struct export_items *it);
/* The XLSX layouts: the workbook at path (see export_xlsx_write). 0, or
 * -1 with err set. */
int	export_write_xlsx(const char *path, const struct export_layout *lay,
	    const struct export_items *it, char *err, size_t errlen);

#endif
