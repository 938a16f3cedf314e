/* Fuzz target for csv_read(): any input must parse or fail cleanly, and a
 * sheet that parsed must survive csv_write_sheet() -> csv_read() unchanged. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "io/csv.h"
#include "io/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A read drops one leading ' from each cell, so a cell that still starts
 * with one (the input had two) cannot come back as is. */
static int has_quote_prefix(const struct sheet *s)
{
	size_t r, c;

	for (r = 0; r < s->nrows; r++)
		for (c = 0; c < s->rows[r].ncells; c++)
			if (s->rows[r].cells[c][0] == '\'')
				return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet first, second;
	struct buf err = BUF_INIT, out = BUF_INIT;
	size_t r, c;

	sheet_init(&first);
	sheet_init(&second);
	if (csv_read((const char *)data, size, &first, &err))
		goto out;
	if (has_quote_prefix(&first))
		goto out;
	if (csv_write_sheet(&first, &out))
		abort();
	if (csv_read(out.ptr, out.len, &second, &err))
		abort();
	if (second.nrows != first.nrows)
		abort();
	for (r = 0; r < first.nrows; r++) {
		if (first.rows[r].ncells != second.rows[r].ncells)
			abort();
		for (c = 0; c < first.rows[r].ncells; c++)
			if (strcmp(first.rows[r].cells[c], second.rows[r].cells[c]))
				abort();
	}
out:
	sheet_release(&first);
	sheet_release(&second);
	buf_release(&err);
	buf_release(&out);
	return 0;
}
