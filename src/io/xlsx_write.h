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

#endif
