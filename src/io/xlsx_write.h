/* xlsx_write: a sheet exported as an .xlsx workbook of one worksheet, every
 * cell as text so ID card and phone numbers stay exactly as stored. */
#ifndef JICENG_IO_XLSX_WRITE_H
#define JICENG_IO_XLSX_WRITE_H

#include "core/buf.h"
#include "io/sheet.h"

/* Appends an .xlsx file holding `s` to `out`, its rows one after another
 * (row->line is not used). Row 0 is the header: bold,
 * frozen, with an autofilter. Every cell is a string in a text-formatted
 * ("@") cell, so values the user later types into the exported file stay
 * text as well. Columns are sized to their content (CJK characters count
 * double). `sheet_name` may be NULL ("Sheet1"); characters Excel forbids in
 * a sheet name are replaced and it is cut to 31 characters. Invalid UTF-8
 * in cells is replaced by U+FFFD rather than producing a broken file.
 * Returns 0, or -1 with a Chinese message in `err` (too many rows/columns,
 * a cell over Excel's 32,767 characters, `out` over its cap, I/O). */
int xlsx_write(const struct sheet *s, const char *sheet_name, struct buf *out,
	       struct buf *err);

/* How a report for people is laid out beyond xlsx_write's plain table. */
struct xlsx_layout {
	const char *title;           /* a bold row above the header, merged across the
				      * columns (e.g. "后备力量按状态统计"); NULL = none */
	const char *const *formats;  /* per column: an Excel number format ("0",
				      * "#,##0.00") that writes the column's cells below the
				      * header as numbers; NULL = text. May be NULL. */
	size_t nformats;             /* entries in formats */
};

/* xlsx_write with `layout` (may be NULL: the same as xlsx_write). With a
 * title, the header is row 1 and both rows stay frozen. A cell of a numeric
 * column that is not a whole decimal number ("", "合计") stays text. Same
 * returns and errors as xlsx_write. */
int xlsx_write_layout(const struct sheet *s, const char *sheet_name,
		      const struct xlsx_layout *layout, struct buf *out, struct buf *err);

#endif
