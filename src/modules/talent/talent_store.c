/* talent_store: queries of the reserve talent pool, written once in the SQL
 * that SQLite and PostgreSQL share; `?` placeholders, every value bound. */
#include "modules/talent/talent_store.h"

#include <stdlib.h>

#include "domain/date.h"

int talent_store_division_level(struct db *db, struct arena *a, const char *code,
				struct buf *err)
{
	struct db_param p = db_text(code);

	return (int)db_query_number(db, a, "SELECT level FROM divisions WHERE code = ?"
				    " AND deleted_at IS NULL", &p, 1, err);
}

long long talent_store_open_talent(struct db *db, struct arena *a, long long person_id,
				   long long exclude_id, struct buf *err)
{
	struct db_param p[2] = { db_int(person_id), db_int(exclude_id) };

	return db_query_number(db, a, "SELECT id FROM talents WHERE person_id = ? AND id <> ?"
			       " AND deleted_at IS NULL AND status NOT IN ('rejected', 'exited')"
			       " ORDER BY id LIMIT 1", p, 2, err);
}

long long talent_store_admitted_talent(struct db *db, struct arena *a, long long person_id,
				       struct buf *err)
{
	struct db_param p = db_int(person_id);

	return db_query_number(db, a, "SELECT id FROM talents WHERE person_id = ?"
			       " AND deleted_at IS NULL AND status = 'admitted' ORDER BY id LIMIT 1",
			       &p, 1, err);
}

long long talent_store_find_evaluation(struct db *db, struct arena *a, long long talent_id,
				       const char *kind, const char *period, long long exclude_id,
				       struct buf *err)
{
	struct db_param p[4] = { db_int(talent_id), db_text(kind), db_text(period),
				 db_int(exclude_id) };

	return db_query_number(db, a, "SELECT id FROM talent_evaluations WHERE talent_id = ? AND kind = ?"
			       " AND period = ? AND id <> ? AND deleted_at IS NULL LIMIT 1", p, 4, err);
}

long long talent_store_find_attendance(struct db *db, struct arena *a, long long training_id,
				       long long person_id, long long exclude_id, struct buf *err)
{
	struct db_param p[3] = { db_int(training_id), db_int(person_id), db_int(exclude_id) };

	return db_query_number(db, a, "SELECT id FROM training_attendance WHERE training_id = ?"
			       " AND person_id = ? AND id <> ? AND deleted_at IS NULL LIMIT 1",
			       p, 3, err);
}

long long talent_store_find_party(struct db *db, struct arena *a, long long person_id,
				  long long exclude_id, struct buf *err)
{
	struct db_param p[2] = { db_int(person_id), db_int(exclude_id) };

	return db_query_number(db, a, "SELECT id FROM party_development WHERE person_id = ? AND id <> ?"
			       " AND deleted_at IS NULL LIMIT 1", p, 2, err);
}

int talent_store_admitted_evaluations(struct db *db, struct arena *a, const char *lo,
				      const char *hi, struct db_result *out, struct buf *err)
{
	struct db_param p[2] = { db_text(lo), db_text(hi) };

	return db_query(db, a,
		"SELECT e.talent_id, e.kind, e.period, e.grade, e.long_absent"
		" FROM talent_evaluations e JOIN talents t ON t.id = e.talent_id"
		" WHERE e.deleted_at IS NULL AND t.deleted_at IS NULL AND t.status = 'admitted'"
		" AND t.village_code BETWEEN ? AND ? ORDER BY e.talent_id, e.id", p, 2, out, err);
}

/* ---- growth file ---- */

/* One query per kind of event, each taking the person's id. */
static const char *const file_queries[TALENT_FILE_KINDS] = {
	[TALENT_FILE_STEPS] =
		"SELECT e.on_date, e.action, e.to_state, e.comment, e.fields, e.username,"
		" (SELECT d.short_name FROM divisions d WHERE d.code = t.village_code)"
		" FROM events e JOIN talents t ON t.id = e.entity_id AND e.entity = 'talents'"
		" WHERE t.person_id = ? AND t.deleted_at IS NULL"
		" ORDER BY e.on_date, e.id",
	[TALENT_FILE_EVALUATIONS] =
		"SELECT e.evaluated_on, e.kind, e.period, e.grade, e.long_absent, e.comment"
		" FROM talent_evaluations e JOIN talents t ON t.id = e.talent_id"
		" WHERE t.person_id = ? AND t.deleted_at IS NULL AND e.deleted_at IS NULL"
		" ORDER BY e.period, e.id",
	[TALENT_FILE_TRAININGS] =
		"SELECT tr.start_on, tr.end_on, tr.title, tr.kind, tr.hours, tr.location, tr.id"
		" FROM training_attendance x JOIN trainings tr ON tr.id = x.training_id"
		" WHERE x.person_id = ? AND x.deleted_at IS NULL AND tr.deleted_at IS NULL"
		" ORDER BY tr.start_on, tr.id",
	[TALENT_FILE_PLACEMENTS] =
		"SELECT pl.start_on, pl.end_on, pl.kind, pl.post,"
		" (SELECT o.name FROM orgs o WHERE o.id = pl.host_org_id), pl.tasks, pl.evaluation"
		" FROM placements pl JOIN talents t ON t.id = pl.talent_id"
		" WHERE t.person_id = ? AND t.deleted_at IS NULL AND pl.deleted_at IS NULL"
		" ORDER BY pl.start_on, pl.id",
	[TALENT_FILE_COMMITTEE] =
		"SELECT c.term_start, c.term_end, c.body, c.position,"
		" (SELECT d.short_name FROM divisions d WHERE d.code = c.village_code),"
		" c.is_new, c.status, c.override_reason"
		" FROM committee_members c WHERE c.person_id = ? AND c.deleted_at IS NULL"
		" ORDER BY c.term_start, c.id",
	[TALENT_FILE_PARTY] =
		"SELECT stage, applied_on, activist_on, candidate_on, probationary_on, full_on"
		" FROM party_development WHERE person_id = ? AND deleted_at IS NULL",
};

int talent_store_file(struct db *db, struct arena *a, enum talent_file_kind kind,
		      long long person_id, struct db_result *out, struct buf *err)
{
	struct db_param p = db_int(person_id);

	return db_query(db, a, file_queries[kind], &p, 1, out, err);
}

/* ---- statistics ---- */

#define IN_POOL_ON \
	" WHERE t.deleted_at IS NULL AND t.status IN ('admitted', 'exited')" \
	" AND t.admitted_on <= ? AND (t.exited_on IS NULL OR t.exited_on > ?)" \
	" AND t.village_code BETWEEN ? AND ?"

int talent_store_stats_villages_admitted(struct db *db, struct arena *a, const char *lo,
					 const char *hi, const char *as_of, struct db_result *out,
					 struct buf *err)
{
	struct db_param p[4] = { db_text(as_of), db_text(as_of), db_text(lo), db_text(hi) };

	return db_query(db, a, "SELECT t.village_code, COUNT(*) FROM talents t" IN_POOL_ON
			       " GROUP BY t.village_code ORDER BY t.village_code", p, 4, out, err);
}

int talent_store_stats_sources(struct db *db, struct arena *a, const char *lo, const char *hi,
			       const char *as_of, const char *born_after, struct db_result *out,
			       struct buf *err)
{
	struct db_param p[6] = { db_text(born_after), db_text(as_of), db_text(as_of),
				 db_text(as_of), db_text(lo), db_text(hi) };

	return db_query(db, a,
		"SELECT t.source, COUNT(*),"
		" SUM(CASE WHEN p.birth_date > ? AND p.birth_date <= ? THEN 1 ELSE 0 END)"
		" FROM talents t JOIN persons p ON p.id = t.person_id" IN_POOL_ON
		" GROUP BY t.source", p, 6, out, err);
}

int talent_store_stats_villages(struct db *db, struct arena *a, const char *lo, const char *hi,
				struct db_result *out, struct buf *err)
{
	struct db_param p[2] = { db_text(lo), db_text(hi) };

	return db_query(db, a, "SELECT code, short_name FROM divisions WHERE level = 5"
			       " AND code BETWEEN ? AND ? AND deleted_at IS NULL ORDER BY code",
			p, 2, out, err);
}


/* "is or was an admitted talent of a village in [lo, hi]" for a person column */
#define WAS_TALENT(col) \
	" AND EXISTS (SELECT 1 FROM talents t WHERE t.person_id = " col \
	" AND t.deleted_at IS NULL AND t.status IN ('admitted', 'exited')" \
	" AND t.village_code BETWEEN ? AND ?)"

/* Period counts, each over villages in [lo, hi]; every query binds from, to, lo, hi. */
static const char *const count_queries[TALENT_COUNTS] = {
	[TALENT_COUNT_TRAINING_TIMES] =
		"SELECT COUNT(*) FROM training_attendance x"
		" JOIN trainings tr ON tr.id = x.training_id"
		" WHERE x.deleted_at IS NULL AND tr.deleted_at IS NULL"
		" AND tr.start_on BETWEEN ? AND ?" WAS_TALENT("x.person_id"),
	[TALENT_COUNT_ACTIVISTS] =
		"SELECT COUNT(*) FROM party_development d"
		" WHERE d.deleted_at IS NULL AND d.activist_on BETWEEN ? AND ?"
		WAS_TALENT("d.person_id"),
};

long long talent_store_count(struct db *db, struct arena *a, enum talent_count kind,
			     const char *lo, const char *hi, const char *from, const char *to,
			     struct buf *err)
{
	struct db_param p[4] = { db_text(from), db_text(to), db_text(lo), db_text(hi) };

	return db_query_number(db, a, count_queries[kind], p, 4, err);
}
