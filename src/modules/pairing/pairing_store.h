/* pairing_store: the SQL of pairings that the generic records code cannot
 * express — a pairing's cadence and visit counts on a reference date, as
 * conditions over the pairings row alias `t` (for the list filters, which the
 * statistics and to-dos share) and as one look-up per pairing (for its
 * computed fields). Both read the same visits the same way. Every value is
 * bound. */
#ifndef JICENG_MODULES_PAIRING_STORE_H
#define JICENG_MODULES_PAIRING_STORE_H

#include "store/sqlw.h"

/* " AND <active on as_of>" or, with active 0, " AND <not active on as_of>". */
void pairing_store_active(struct sqlw *w, const char *as_of, int active);

/* " AND <next visit due on or after `on`>" (or, with `before`, due before it)
 * as seen on as_of: the latest visit on or before as_of (else start_on) plus
 * visit_every_months, compared through pairing_rules_due_threshold(). Pairings
 * without a cadence match neither. */
void pairing_store_due(struct sqlw *w, const char *as_of, const char *on, int before);

/* " AND <the latest visit on or before as_of> <cmp> ?" (cmp " >= ", " < "…);
 * cmp NULL: " IS NULL", "" : " IS NOT NULL". */
void pairing_store_last_visit(struct sqlw *w, const char *as_of, const char *cmp,
			      const char *value);

/* " AND <visits from..to> <cmp> ?" with an integer; with `value` NULL the
 * comparison is with the pairing's min_visits_per_year (which must be set). */
void pairing_store_visits(struct sqlw *w, const char *from, const char *to, const char *cmp,
			  const long long *value);

/* One pairing's facts on as_of: its latest visit on or before as_of (*last,
 * in the arena, NULL when none) and its visits in [first, last_day] (*count).
 * 0, or -1 with err. */
int pairing_store_facts(struct db *db, struct arena *a, long long id, const char *as_of,
			const char *first, const char *last_day, const char **last,
			long long *count, struct buf *err);

#endif
