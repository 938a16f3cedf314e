/* talent_store: the SQL of the reserve talent pool that the generic records
 * code cannot express — uniqueness look-ups for the rules, the growth file
 * and the structure figures that are not list filters. Every value is bound. */
#ifndef JICENG_MODULES_TALENT_STORE_H
#define JICENG_MODULES_TALENT_STORE_H

#include "store/db.h"

/* The level (1..5) of a live division, 0 when there is none, -1 on error. */
int talent_store_division_level(struct db *db, struct arena *a, const char *code,
				struct buf *err);

/* Another live talent (not exclude_id) of the person that is neither rejected
 * nor exited: its id, 0 when none, -1 on error. */
long long talent_store_open_talent(struct db *db, struct arena *a, long long person_id,
				   long long exclude_id, struct buf *err);
/* The person's admitted talent: its id, 0 when none, -1 on error. */
long long talent_store_admitted_talent(struct db *db, struct arena *a, long long person_id,
				       struct buf *err);

/* Another live row (not exclude_id) with the same key: its id, 0, or -1 on error. */
long long talent_store_find_evaluation(struct db *db, struct arena *a, long long talent_id,
				       const char *kind, const char *period, long long exclude_id,
				       struct buf *err);
long long talent_store_find_attendance(struct db *db, struct arena *a, long long training_id,
				       long long person_id, long long exclude_id, struct buf *err);
long long talent_store_find_party(struct db *db, struct arena *a, long long person_id,
				  long long exclude_id, struct buf *err);

/* Reviews of the admitted talents of villages in [lo, hi], by talent: columns
 * talent_id, kind, period, grade, long_absent. */
int talent_store_admitted_evaluations(struct db *db, struct arena *a, const char *lo,
				      const char *hi, struct db_result *out, struct buf *err);

/* ---- the growth file of one person (一人一档) ---- */

/* The kinds of events, each with its columns. */
enum talent_file_kind {
	TALENT_FILE_STEPS,		/* on_date, action, to_state, comment, fields, username, village short name (from events) */
	TALENT_FILE_EVALUATIONS,	/* evaluated_on, kind, period, grade, long_absent, comment */
	TALENT_FILE_TRAININGS,	/* start_on, end_on, title, kind, hours, location */
	TALENT_FILE_PLACEMENTS,	/* start_on, end_on, kind, post, host organisation name, tasks, evaluation */
	TALENT_FILE_COMMITTEE,	/* term_start, term_end, body, position, village short name, is_new, status, override_reason */
	TALENT_FILE_PARTY,		/* stage, applied_on, activist_on, candidate_on, probationary_on, full_on */
	TALENT_FILE_KINDS
};

int talent_store_file(struct db *db, struct arena *a, enum talent_file_kind kind,
		      long long person_id, struct db_result *out, struct buf *err);

/* ---- structure statistics; villages in [lo, hi], dates inclusive ---- */

/* The talents in the pool on as_of (admitted by then, not exited by then),
 * counted per village: rows village_code, n, in village order. */
int talent_store_stats_villages_admitted(struct db *db, struct arena *a, const char *lo,
					 const char *hi, const char *as_of, struct db_result *out,
					 struct buf *err);

/* The same talents counted per source: rows source (NULL when none), n, and
 * how many are 35 or younger on as_of in whole years — born after
 * `born_after` (as_of 36 years earlier, "YYYY-MM-DD", valid date or not) and
 * not after as_of (DESIGN.md: 35岁以下 is age <= 35). */
int talent_store_stats_sources(struct db *db, struct arena *a, const char *lo, const char *hi,
			       const char *as_of, const char *born_after, struct db_result *out,
			       struct buf *err);
/* Villages (level 5) in [lo, hi]: code, short_name. */
int talent_store_stats_villages(struct db *db, struct arena *a, const char *lo, const char *hi,
				struct db_result *out, struct buf *err);
/* Counts of a period [from, to] over villages in [lo, hi] (-1 on error):
 * training 人次 of persons who are or were talents; persons who became
 * activists and are or were talents. (The pool's other figures are declared
 * parts of talent_structure.) */
enum talent_count {
	TALENT_COUNT_TRAINING_TIMES,
	TALENT_COUNT_ACTIVISTS,
	TALENT_COUNTS
};

long long talent_store_count(struct db *db, struct arena *a, enum talent_count kind,
			     const char *lo, const char *hi, const char *from, const char *to,
			     struct buf *err);

#endif
