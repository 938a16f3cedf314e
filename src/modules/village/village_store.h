/* village_store: the SQL of the village module that the generic records
 * code does not write — the holdings a dividend run splits, replacing a run's
 * lines, and the public disclosure's reads (disclosed rows only, unscoped:
 * they are public). Every value is bound; results live in the arena. */
#ifndef JICENG_MODULES_VILLAGE_STORE_H
#define JICENG_MODULES_VILLAGE_STORE_H

#include "store/db.h"

/* The live holdings of a coop held by `until` (since NULL or <= until), by id:
 * columns id, person_id, holder_name, shares, kind. 0 or -1 with err. */
int village_store_holdings(struct db *db, struct arena *a, long long coop_id, const char *until,
			   struct db_result *out, struct buf *err);

/* Retires (soft-deletes) the lines of a dividend run. 0 or -1 with err. */
int village_store_drop_lines(struct db *db, struct arena *a, long long dividend_id,
			     struct buf *err);

/* The disclosed ledger entries of one division (12 digits), in [from, to]
 * when both are given (else all), oldest first, at most `limit`: columns
 * entry_on, direction, category, amount_fen, project. */
int village_store_disclosed(struct db *db, struct arena *a, const char *division,
			    const char *from, const char *to, int limit, struct db_result *out,
			    struct buf *err);

/* Their sums, in [from, to] when given: columns direction, category, amount_fen. */
int village_store_disclosed_totals(struct db *db, struct arena *a, const char *division,
				   const char *from, const char *to, struct db_result *out,
				   struct buf *err);

/* Every year's disclosed sums: columns year, direction, amount_fen, newest first. */
int village_store_disclosed_years(struct db *db, struct arena *a, const char *division,
				  struct db_result *out, struct buf *err);

/* The approved or paid dividend runs of the division's coops (of `year`, or
 * all when 0), newest first: columns coop name, year, distributable_fen,
 * guaranteed_fen_per_share, holdings, shares_total, guaranteed_total_fen,
 * performance_total_fen, status. */
int village_store_disclosed_dividends(struct db *db, struct arena *a, const char *division,
				      int year, struct db_result *out, struct buf *err);

/* The villages of the area [lo, hi] (12-digit division codes), by code: rows of
 * code, short name. Villages are the 村民委员会, codes 200–399 of GB/T 10114's
 * last three digits (001–199 are 居民委员会, communities). 0 or -1 with err. */
int village_store_villages(struct db *db, struct arena *a, const char *lo, const char *hi,
			   struct db_result *out, struct buf *err);

#endif
