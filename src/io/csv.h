/* csv: reading CSV files as users save them from Excel/WPS (RFC 4180, UTF-8
 * or GB18030) into a sheet, and writing CSV that Excel opens safely. */
#ifndef JICENG_IO_CSV_H
#define JICENG_IO_CSV_H

#include <stddef.h>

#include "core/buf.h"
#include "io/sheet.h"

/* Parses data[0..len) into `out` (which must be empty or initialised; rows
 * are appended). Encoding: a UTF-8 BOM is dropped; valid UTF-8 is used as
 * is; anything else is decoded as GB18030 (what Excel on Chinese Windows
 * writes). Records end at CRLF, LF or CR; quoted fields may hold commas,
 * doubled quotes and line breaks (kept as LF). Each cell is trimmed of ASCII
 * whitespace and of one leading ' that users type to keep ID numbers as text.
 * Rows with no text are skipped and trailing empty cells dropped (read
 * cells with sheet_cell()); row->line is the record number as Excel shows
 * it, which differs from the text line when a cell holds a line break. Returns 0, or -1 with a Chinese message for the user in `err`
 * (out then holds the rows read so far; sheet_release() it either way). */
int csv_read(const char *data, size_t len, struct sheet *out, struct buf *err);

/* Appends the UTF-8 BOM, without which Excel reads UTF-8 CSV as ANSI. */
void csv_write_bom(struct buf *out);
/* Appends one record ending in CRLF. NULL cells are empty. Cells holding a
 * comma, quote, CR or LF are quoted; a cell starting with = + - @ (or a tab
 * or CR) that is not a plain number gets a leading ' so that Excel, WPS and
 * LibreOffice do not run it as a formula (OWASP "CSV injection"; csv_read()
 * drops that ' again). */
void csv_write_row(struct buf *out, const char *const *cells, size_t n);
/* BOM and every row of s. Returns 0, or -1 if `out` hit its size cap. */
int csv_write_sheet(const struct sheet *s, struct buf *out);

#endif
