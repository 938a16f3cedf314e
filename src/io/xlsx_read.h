/* xlsx_read: the worksheets of an .xlsx (Excel, WPS, LibreOffice) as sheets of
 * text cells, read from memory with libzip and expat. */
#ifndef JICENG_IO_XLSX_READ_H
#define JICENG_IO_XLSX_READ_H

#include <stddef.h>

#include "core/buf.h"
#include "io/sheet.h"

/* Largest file xlsx_read() accepts at all. Callers are expected to enforce
 * their own, usually much smaller, upload limit before reading the body. */
#define XLSX_MAX_FILE ((size_t)100 << 20)
/* Largest uncompressed part (worksheet, shared strings...) it will inflate. */
#define XLSX_MAX_ENTRY ((size_t)100 << 20)

/* Reads the worksheets of data[0..len) into `out`, one sheet each, in tab
 * order, named by their tabs: the visible ones (hidden worksheets are counted
 * in out->hidden and left out — a template's lists or a clerk's scratch —
 * unless none is visible). Chart and dialog sheets are not read. Every cell
 * becomes text:
 *   - shared and inline strings (phonetic <rPh> runs left out), formula
 *     string results, errors ("#N/A") as written, trimmed of ASCII spaces;
 *   - booleans as "TRUE" / "FALSE";
 *   - numbers whose cell style is a date format as "YYYY-MM-DD" (time-only
 *     formats as "HH:MM" or "HH:MM:SS"), 1900 and 1904 date systems (the
 *     sheet's date1904 says which, for serials in General cells);
 *   - other integers below 1e15 without ".0", other numbers with Excel's
 *     15 significant digits; numbers of 1e15 and more (an ID card number the
 *     spreadsheet turned into a number) in scientific notation such as
 *     "5.2272619900101101E+17", which sheet_looks_scientific() recognises.
 * Cells land in the column their reference (r="C5") names, missing cells in
 * between are empty; row->line is the spreadsheet row number. Rows with no
 * text are left out and trailing empty cells dropped. Merged cells give
 * their value to every cell of the merge (sheet_apply_merges()); the merges
 * stay listed in the sheet.
 * Returns 0, or -1 with a Chinese message for the user in `err`; `out` may
 * then hold some sheets: book_release() it either way. */
int xlsx_read_book(const void *data, size_t len, struct book *out, struct buf *err);

/* The first sheet xlsx_read_book() would read, its rows appended to `out`
 * (and its name and date system set there); an empty first sheet is an
 * error. Returns 0, or -1 with a Chinese message in `err`; sheet_release()
 * `out` either way. */
int xlsx_read(const void *data, size_t len, struct sheet *out, struct buf *err);

#endif
