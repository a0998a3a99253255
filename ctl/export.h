/* lapakctl export, shared between ctl/export.c (layouts, categories,
 * CSV) and ctl/export_xlsx.c (the one file that knows libxlsxwriter). */
#ifndef LAPAK_CTL_EXPORT_H
#define LAPAK_CTL_EXPORT_H
#include <stddef.h>
#include <stdint.h>

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

#endif
