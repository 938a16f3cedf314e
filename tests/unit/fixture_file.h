/* fixture_file: reading a file of tests/fixtures into a buf, for the unit
 * tests of the spreadsheet readers (run from the repository root). */
#ifndef JICENG_TESTS_FIXTURE_FILE_H
#define JICENG_TESTS_FIXTURE_FILE_H

#include <stdio.h>

#include "core/buf.h"

static void load(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char tmp[4096];
	size_t n;

	if (!f)
		print_error("cannot open %s (run from the repository root)\n", path);
	assert_non_null(f);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(out, tmp, n);
	fclose(f);
}

#endif
