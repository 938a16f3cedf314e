/* sqlw: assembling one SQL statement from fixed fragments and bound values.
 * Only text from declarations (table and column names) ever enters the SQL;
 * every value from a request goes through sqlw_param(). */
#ifndef JICENG_SQLW_H
#define JICENG_SQLW_H

#include "store/db.h"

struct sqlw {
	struct arena *a;
	struct buf sql;
	struct db_param *params;
	int n, alloc;
};

void sqlw_init(struct sqlw *w, struct arena *a);
void sqlw_release(struct sqlw *w);
void sqlw_add(struct sqlw *w, const char *fragment);
void sqlw_addf(struct sqlw *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends `?` and binds p (text is copied into the arena). */
void sqlw_param(struct sqlw *w, struct db_param p);
/* Appends another statement's text with its bound values (a filter built apart). */
void sqlw_append(struct sqlw *w, const struct sqlw *src);
int sqlw_run(struct sqlw *w, struct db *db, struct db_result *out, struct buf *err);

#endif
