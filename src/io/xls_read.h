/* xls_read: the worksheets of an old Excel 97–2003 workbook (.xls, BIFF8, as
 * offices and WPS still save them) as sheets of text cells, read with
 * Debian's freexl. */
#ifndef JICENG_IO_XLS_READ_H
#define JICENG_IO_XLS_READ_H

#include <stddef.h>

#include "core/buf.h"
#include "io/sheet.h"

/* Largest file xls_read_book() accepts at all (callers enforce their own,
 * smaller upload limit first). */
#define XLS_MAX_FILE ((size_t)100 << 20)

/* 1 when data[0..len) starts like an OLE2 compound document (.xls, and also
 * password-protected .xlsx files), else 0. */
int xls_looks_like(const void *data, size_t len);

/*
 * Reads every worksheet of data[0..len) into `out`, one sheet each, in tab
 * order, named by their tabs. Cells become text as xlsx_read_book() makes
 * them: strings trimmed of ASCII spaces; numbers through sheet_number_text();
 * date cells as "YYYY-MM-DD" (a date-time keeps its date, as in .xlsx), time
 * cells as "HH:MM:SS"; the sheet's date1904 from the workbook. Rows with no
 * text are left out and trailing empty cells dropped; row->line is the
 * spreadsheet row number.
 * Not read, because freexl does not expose them: merged ranges (a merged
 * value stands in its top-left cell only) and the hidden flag of sheets.
 * freexl reads from a file name: the bytes go to an anonymous in-memory file
 * (memfd), never to disk.
 * Returns 0, or -1 with a Chinese message for the user in `err` (a
 * password-protected workbook, a file that is not .xls, a damaged one);
 * book_release() `out` either way.
 */
int xls_read_book(const void *data, size_t len, struct book *out, struct buf *err);

/* The hidden command of the jiceng binary that runs xls_child_main(). */
#define XLS_CHILD_COMMAND "xls-cells"

/*
 * xls_read_book() in a child process (io/xls_sandbox.c), which is how the
 * server reads uploads: freexl is not safe against crafted files. The child
 * is /proc/self/exe XLS_CHILD_COMMAND, limited to 30 s of CPU (and 2 GB of
 * memory) and killed after 60 s. Returns as xls_read_book(); a child that
 * crashes or overruns gives a message that the file could not be read.
 */
int xls_read_book_isolated(const void *data, size_t len, struct book *out, struct buf *err);

/* The child's side: reads a file on stdin, writes its book (or the error)
 * as JSON on stdout; returns the exit status (0). */
int xls_child_main(void);

#endif
