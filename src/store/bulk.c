/* bulk: batched multi-row INSERTs. */
#include "store/bulk.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

static char *insert_sql(const struct bulk *b, int rows)
{
	struct buf s = BUF_INIT;
	int r, c;

	buf_addf(&s, "INSERT INTO %s (", b->table);
	for (c = 0; c < b->ncols; c++)
		buf_addf(&s, "%s%s", c ? ", " : "", b->columns[c]);
	buf_adds(&s, ") VALUES ");
	for (r = 0; r < rows; r++) {
		buf_adds(&s, r ? ", (" : "(");
		for (c = 0; c < b->ncols; c++)
			buf_adds(&s, c ? ", ?" : "?");
		buf_addc(&s, ')');
	}
	return buf_detach(&s, NULL);
}

void bulk_init(struct bulk *b, struct db *db, const char *table, const char *const *columns,
	       int ncols)
{
	memset(b, 0, sizeof(*b));
	b->db = db;
	b->table = table;
	b->columns = columns;
	b->ncols = ncols;
	b->params = xcalloc((size_t)(BULK_ROWS * ncols), sizeof(*b->params));
	b->a = arena_new();
	b->full_sql = insert_sql(b, BULK_ROWS);
}

void bulk_depends(struct bulk *b, struct bulk *dep)
{
	int i;

	for (i = 0; i < BULK_DEPS; i++)
		if (!b->deps[i]) {
			b->deps[i] = dep;
			return;
		}
}

int bulk_flush(struct bulk *b, struct buf *err)
{
	char *sql;
	int ret, i;

	if (!b->nrows)
		return 0;
	for (i = 0; i < BULK_DEPS && b->deps[i]; i++)
		if (bulk_flush(b->deps[i], err))
			return -1;
	sql = b->nrows == BULK_ROWS ? b->full_sql : insert_sql(b, b->nrows);
	ret = db_query(b->db, b->a, sql, b->params, b->nrows * b->ncols, NULL, err);
	if (ret) {
		char *why = buf_detach(err, NULL);

		buf_setf(err, "%s: %s", b->table, why);
		free(why);
	}
	if (sql != b->full_sql)
		free(sql);
	b->total += b->nrows;
	b->nrows = 0;
	arena_free(b->a);
	b->a = arena_new();
	return ret;
}

int bulk_row(struct bulk *b, const struct db_param *values, struct buf *err)
{
	struct db_param *p = b->params + b->nrows * b->ncols;
	int c;

	for (c = 0; c < b->ncols; c++) {
		p[c] = values[c];
		if (p[c].type == DB_PTEXT)
			p[c].s = arena_strndup(b->a, values[c].s, values[c].len);
	}
	if (++b->nrows == BULK_ROWS)
		return bulk_flush(b, err);
	return 0;
}

void bulk_release(struct bulk *b)
{
	free(b->params);
	free(b->full_sql);
	arena_free(b->a);
	memset(b, 0, sizeof(*b));
}
