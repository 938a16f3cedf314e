/* records: the SQL behind every declared resource — select lists, the caller's
 * scope (always inside the SQL), filters, keyset pages, counts and the writes.
 * The column of a field is its name; a secret field `f` (an ID number or a
 * phone, field_secret()) is stored as f_enc, f_hash and f_mask. Every function takes the connection, the arena its
 * results live in and, where rows are read for a caller, that caller
 * (schema/principal.h; NULL reads unscoped, for the server's own look-ups). */
#ifndef JICENG_RECORDS_H
#define JICENG_RECORDS_H

#include "schema/principal.h"
#include "schema/resource.h"
#include "store/db.h"
#include "store/sqlw.h"

enum records_status {
	REC_OK = 0,
	REC_ERR = -1,
	REC_NOTFOUND = -2,
	REC_CONFLICT = -3,   /* stale version */
	REC_CONSTRAINT = -4, /* the database refused it (unique, foreign key) */
};

/* Column order of a row: id, version, created_at, updated_at, then per field:
 * 1 column (secret fields: f_enc, f_mask; refs and divisions: value, label). */
int records_field_width(const struct field *f);

struct records_query {
	struct sqlw where;          /* extra conditions ("AND ..."), filled by the caller */
	const struct field *sort;   /* NULL: by id */
	int desc;
	int has_cursor;
	const char *cursor_value;   /* the sort key of the last row seen */
	long long cursor_id;
	int limit;                  /* rows to fetch; 0 = no limit */
	int want_total;
};

/* Appends the SQL expression of a field over alias t (column or virtual expr);
 * for a secret field (field_secret()) its masked form, never the plain value. */
void records_field_expr(struct sqlw *w, const struct field *f);

/* Appends the SQL expression of one stored part of a secret field over alias t:
 * `part` is "_enc", "_hash" or "_mask" — t.<name><part>, or for a virtual field
 * its expr with the part put where its "%s" is (schema/resource.h). */
void records_secret_expr(struct sqlw *w, const struct field *f, const char *part);

/* Appends "(SELECT <label> FROM <ref table> r WHERE r.id = <col> ...)": the
 * label of the record of `ref` whose id is the SQL expression `col`. With a
 * scope s the label is NULL unless that record is in s, so that a name never
 * leaks through a reference (GB/T 22239-2019 8.1.4.2 access control);
 * s NULL labels every record (public bodies, callers who see everything). */
void records_ref_label(struct sqlw *w, const struct resource *ref, const char *col,
		       const struct scope *s);

/*
 * Appends " AND (<way> OR <way>…)" for the ways of `res` that `s` can match,
 * over the row alias `alias` (usually "t"; depth 0). A caller whom no way can
 * match gets " AND 1 = 0"; s->all or a resource without ways adds nothing;
 * RES_ADMIN_ONLY resources are closed to everyone but s->all.
 */
void records_scope(struct sqlw *w, const struct resource *res, const struct scope *s,
		   const char *alias, int depth);

/*
 * Appends the condition that a row lies in the division subtree [lo, hi]
 * through the resource's division ways (following its ref ways); appends
 * nothing when no way of the resource leads to a division. The `division=`
 * list filter.
 */
void records_division_filter(struct sqlw *w, const struct resource *res, const char *lo,
			     const char *hi);

/*
 * Appends the condition that a row lies under the organisation whose path is
 * `org_path` ('/1/4/') through the resource's organisation ways (following
 * its ref ways) — what a user of that organisation would see of it; appends
 * " AND 1 = 0" when no way of the resource leads to an organisation, or when
 * org_path is NULL (no such organisation). The `org=` list filter.
 */
void records_org_filter(struct sqlw *w, const struct resource *res, const char *org_path);

/* Appends " FROM <table> t WHERE <live> <scope> <where>" — the rows a list
 * with these filters shows to `who`; counts and groupings use it too. */
void records_from(struct sqlw *w, const struct resource *res, const struct principal *who,
		  const struct sqlw *where);

/*
 * The division range whose tallies count exactly the live rows `who` sees of
 * `res` without filters: 1 with [lo, hi] (lo "" for every division), 0 when
 * the tallies cannot say (the caller sees rows by organisation or enterprise,
 * or the resource has ways the tallies do not follow).
 */
int records_tally_range(const struct resource *res, const struct principal *who,
			const char **lo, const char **hi);

/* A page of records (and, with want_total, their total). */
int records_list(struct db *db, struct arena *a, const struct principal *who,
		 const struct resource *res, struct records_query *q, struct db_result *rows,
		 long long *total, struct buf *err);
/* One live record in the caller's scope (who NULL = unscoped); REC_NOTFOUND. */
int records_get(struct db *db, struct arena *a, const struct principal *who,
		const struct resource *res, long long id, struct db_result *row, struct buf *err);

struct records_value {
	const char *column;
	struct db_param value;
};

struct records_values {
	struct records_value *v;
	int n, alloc;
};

void records_values_add(struct arena *a, struct records_values *vals, const char *column,
			struct db_param p);

int records_insert(struct db *db, struct arena *a, const struct resource *res,
		   const struct records_values *vals, long long *id, struct buf *err);
/* REC_CONFLICT when the version is not the current one (version < 0: any). */
int records_update(struct db *db, struct arena *a, const struct resource *res, long long id,
		   long long version, const struct records_values *vals, struct buf *err);
int records_delete(struct db *db, struct arena *a, const struct resource *res, long long id,
		   long long version, struct buf *err);
/* Another live row (not exclude_id) whose column equals value: its id, or 0. */
long long records_find_other(struct db *db, struct arena *a, const struct resource *res,
			     const char *column, const char *value, long long exclude_id,
			     struct buf *err);
/* The ids of live records in who's scope whose label is `label` (at most 2
 * looked at): how many, or -1 on error. */
int records_find_by_label(struct db *db, struct arena *a, const struct principal *who,
			  const struct resource *res, const char *label, long long ids[2],
			  struct buf *err);
/* A division's short name if it exists, else NULL. */
const char *records_division_name(struct db *db, struct arena *a, const char *code12);
/* Division codes whose short_name or name is `name` within [lo, hi] (at most 2). */
int records_division_by_name(struct db *db, struct arena *a, const char *name, const char *lo,
			     const char *hi, const char *out[2]);

/*
 * Divisions within [lo, hi] whose short_name or name is `name`, with the
 * names of their ancestors: rows of code, then DIVISION_PATH_UP pairs
 * (name, short_name) nearest first (NULL above the top). At most 50 rows.
 * Returns 0, or -1 with err set.
 */
int records_division_with_ancestors(struct db *db, struct arena *a, const char *name,
				    const char *lo, const char *hi, struct db_result *rows,
				    struct buf *err);

#endif
