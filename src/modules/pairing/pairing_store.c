/* pairing_store: cadence and visit counts in SQL that SQLite and PostgreSQL
 * share; dates are "YYYY-MM-DD" text, so they compare as text. */
#include "modules/pairing/pairing_store.h"

#include <stdlib.h>

#include "modules/pairing/pairing_rules.h"

/* The latest live visit of pairing t on or before the bound date. */
#define LAST_VISIT "(SELECT MAX(v.visited_on) FROM visits v WHERE v.pairing_id = t.id" \
		   " AND v.deleted_at IS NULL AND v.visited_on <= "

void pairing_store_active(struct sqlw *w, const char *as_of, int active)
{
	sqlw_add(w, active ? " AND t.start_on <= " : " AND NOT (t.start_on <= ");
	sqlw_param(w, db_text(as_of));
	sqlw_add(w, " AND (t.end_on IS NULL OR t.end_on >= ");
	sqlw_param(w, db_text(as_of));
	sqlw_add(w, active ? ")" : "))");
}

void pairing_store_due(struct sqlw *w, const char *as_of, const char *on, int before)
{
	char bound[DATE_SIZE];
	int k;

	sqlw_add(w, " AND t.visit_every_months IS NOT NULL AND COALESCE(" LAST_VISIT);
	sqlw_param(w, db_text(as_of));
	sqlw_add(w, before ? "), t.start_on) < CASE t.visit_every_months"
			   : "), t.start_on) >= CASE t.visit_every_months");
	for (k = 1; k <= PAIRING_RULES_MAX_MONTHS; k++) {
		pairing_rules_due_threshold(on, k, bound);
		sqlw_addf(w, " WHEN %d THEN ", k);
		sqlw_param(w, db_text(arena_strdup(w->a, bound)));
	}
	sqlw_add(w, " END");
}

void pairing_store_last_visit(struct sqlw *w, const char *as_of, const char *cmp,
			      const char *value)
{
	sqlw_add(w, " AND " LAST_VISIT);
	sqlw_param(w, db_text(as_of));
	sqlw_add(w, ")");
	if (!cmp || !*cmp) {
		sqlw_add(w, cmp ? " IS NOT NULL" : " IS NULL");
		return;
	}
	sqlw_add(w, cmp);
	sqlw_param(w, db_text(value));
}

void pairing_store_visits(struct sqlw *w, const char *from, const char *to, const char *cmp,
			  const long long *value)
{
	if (!value)
		sqlw_add(w, " AND t.min_visits_per_year IS NOT NULL");
	sqlw_add(w, " AND (SELECT COUNT(*) FROM visits v WHERE v.pairing_id = t.id"
		    " AND v.deleted_at IS NULL AND v.visited_on >= ");
	sqlw_param(w, db_text(from));
	sqlw_add(w, " AND v.visited_on <= ");
	sqlw_param(w, db_text(to));
	sqlw_add(w, ")");
	sqlw_add(w, cmp);
	if (value)
		sqlw_param(w, db_int(*value));
	else
		sqlw_add(w, "t.min_visits_per_year");
}

int pairing_store_facts(struct db *db, struct arena *a, long long id, const char *as_of,
			const char *first, const char *last_day, const char **last,
			long long *count, struct buf *err)
{
	struct db_param p[5] = { db_int(id), db_text(as_of), db_int(id), db_text(first),
				 db_text(last_day) };
	struct db_result r;

	if (db_query(db, a,
		     "SELECT (SELECT MAX(visited_on) FROM visits WHERE pairing_id = ?"
		     " AND deleted_at IS NULL AND visited_on <= ?),"
		     " (SELECT COUNT(*) FROM visits WHERE pairing_id = ? AND deleted_at IS NULL"
		     " AND visited_on >= ? AND visited_on <= ?)", p, 5, &r, err))
		return -1;
	*last = r.nrows ? db_cell(&r, 0, 0) : NULL;
	*count = r.nrows && db_cell(&r, 0, 1) ? strtoll(db_cell(&r, 0, 1), NULL, 10) : 0;
	return 0;
}
