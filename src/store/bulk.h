/* bulk: many rows into one table with multi-row INSERTs — one statement (prepared
 * once) for each full batch — for generated data and large loads. The caller
 * holds the transaction. Values are bound, never formatted into SQL. */
#ifndef JICENG_BULK_H
#define JICENG_BULK_H

#include "store/db.h"

#define BULK_ROWS 100 /* rows per statement */
#define BULK_DEPS 4   /* loaders whose rows this one's rows refer to */

struct bulk {
	struct db *db;
	const char *table;
	const char *const *columns;
	int ncols;
	int nrows;                /* rows waiting */
	long long total;          /* rows written */
	struct db_param *params;  /* BULK_ROWS * ncols */
	struct arena *a;          /* copies of the waiting rows' text */
	char *full_sql;           /* the statement of a full batch */
	struct bulk *deps[BULK_DEPS]; /* written before this one's rows (foreign keys) */
};

/* Starts a loader for `columns` (ncols of them, borrowed) of `table`. */
void bulk_init(struct bulk *b, struct db *db, const char *table, const char *const *columns,
	       int ncols);
/* Rows of `b` refer to rows of `dep`: `dep`'s waiting rows are written
 * first whenever `b` writes (immediate foreign keys hold). At most BULK_DEPS. */
void bulk_depends(struct bulk *b, struct bulk *dep);
/* Adds one row (ncols values; text is copied). Writes a batch when it is full.
 * 0, or -1 with err. */
int bulk_row(struct bulk *b, const struct db_param *values, struct buf *err);
/* Writes the waiting rows. 0, or -1 with err. */
int bulk_flush(struct bulk *b, struct buf *err);
/* Frees the loader (waiting rows are dropped: flush first). */
void bulk_release(struct bulk *b);

#endif
