/* The marketplace export's XLSX writer (lapakctl export, lapak-web). The
 * only file that includes libxlsxwriter (scripts/depcheck.sh). */
#include <stdio.h>
#include <xlsxwriter.h>

#include "export/export.h"

int
export_xlsx_write(const char *path, const struct xtable *t, char *err,
    size_t errlen)
{
	lxw_workbook	*wb;
	lxw_worksheet	*ws;
	lxw_format	*text, *head;
	lxw_error	 e = LXW_NO_ERROR;
	lxw_row_t	 row = 0;
	int		 i, c;

	if ((wb = workbook_new(path)) == NULL) {
		snprintf(err, errlen, "%s: cannot create the workbook", path);
		return -1;
	}
	if ((ws = workbook_add_worksheet(wb, t->sheet)) == NULL) {
		snprintf(err, errlen, "%s: bad sheet name %s", path, t->sheet);
		(void)workbook_close(wb);
		return -1;
	}
	/* "@": Text. A string cell is never a formula; the format keeps it
	 * text when someone edits it in a spreadsheet, too. */
	text = workbook_add_format(wb);
	format_set_num_format(text, "@");
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_num_format(head, "@");
	for (i = 0; i < t->npre && e == LXW_NO_ERROR; i++)
		e = worksheet_write_string(ws, row++, 0, t->pre[i], text);
	for (c = 0; c < t->ncols && e == LXW_NO_ERROR; c++) {
		e = worksheet_write_string(ws, row, (lxw_col_t)c, t->head[c],
		    head);
		if (e == LXW_NO_ERROR)
			e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
			    c == 0 ? 40 : 18, NULL);
	}
	row++;
	for (i = 0; i < t->nrows && e == LXW_NO_ERROR; i++, row++)
		for (c = 0; c < t->ncols && e == LXW_NO_ERROR; c++) {
			const struct xcell *x = &t->cells[i * t->ncols + c];

			if (x->kind == XC_TEXT && x->text[0] != '\0')
				e = worksheet_write_string(ws, row,
				    (lxw_col_t)c, x->text, text);
			else if (x->kind == XC_NUM)
				e = worksheet_write_number(ws, row,
				    (lxw_col_t)c, (double)x->num, NULL);
		}
	if (e != LXW_NO_ERROR) {
		snprintf(err, errlen, "%s: %s", path, lxw_strerror(e));
		(void)workbook_close(wb);
		return -1;
	}
	if ((e = workbook_close(wb)) != LXW_NO_ERROR) {
		snprintf(err, errlen, "%s: %s", path, lxw_strerror(e));
		return -1;
	}
	return 0;
}
