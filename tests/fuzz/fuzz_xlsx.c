/* Fuzz target for xlsx_read_book(): any input must be read or refused cleanly.
 * Seed it with the .xlsx files in tests/fixtures; the zip layer's CRC check comes only
 * after the XML has been fed to expat, so mutated entries still reach the
 * parsers. */
#include <stdint.h>
#include <stdlib.h>

#include "core/buf.h"
#include "io/sheet.h"
#include "io/xlsx_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct book b = BOOK_INIT;
	struct buf err = BUF_INIT;
	size_t r, i;

	if (!xlsx_read_book(data, size, &b, &err)) {
		/* what the readers promise: no empty rows, lines within Excel's
		 * grid, no trailing empty cells (merged values included) */
		for (i = 0; i < b.n; i++) {
			const struct sheet *s = &b.sheets[i];

			for (r = 0; r < s->nrows; r++)
				if (!s->rows[r].ncells || s->rows[r].line < 1 ||
				    s->rows[r].line > SHEET_MAX_LINE ||
				    !s->rows[r].cells[s->rows[r].ncells - 1][0])
					abort();
		}
	} else if (!err.len) {
		abort(); /* a refusal always says why */
	}
	book_release(&b);
	buf_release(&err);
	return 0;
}
