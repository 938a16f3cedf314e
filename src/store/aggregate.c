/* aggregate: COUNT, SUM, COUNT(DISTINCT) and GROUP BY over records_from. */
#include "store/aggregate.h"

#include <stdlib.h>
#include <string.h>

#include "domain/division.h"
#include "store/rollup_store.h"

static long long cell_ll(const struct db_result *r, size_t row, int col)
{
	const char *v = db_cell(r, row, col);

	return v ? strtoll(v, NULL, 10) : 0;
}

int aggregate_count(struct db *db, struct arena *a, const struct principal *who,
		    const struct resource *res, const struct sqlw *where, const struct field *sum,
		    long long *count, long long *total, struct buf *err)
{
	struct sqlw w;
	struct db_result r;
	int ret = -1;

	sqlw_init(&w, a);
	sqlw_add(&w, "SELECT COUNT(*)");
	if (sum) {
		sqlw_add(&w, ", SUM(");
		records_field_expr(&w, sum);
		sqlw_add(&w, ")");
	}
	records_from(&w, res, who, where);
	if (!sqlw_run(&w, db, &r, err)) {
		*count = cell_ll(&r, 0, 0);
		if (total)
			*total = sum ? cell_ll(&r, 0, 1) : 0;
		ret = 0;
	}
	sqlw_release(&w);
	return ret;
}

static void from(struct sqlw *w, const struct resource *res, const struct rollup *ru,
		 const struct principal *who, const struct sqlw *where)
{
	if (ru)
		rollup_from(w, ru, where);
	else
		records_from(w, res, who, where);
}

/* ", SUM(CASE WHEN 1 = 1 <cond> THEN <sum, or 1 (a rollup: n)> ELSE 0 END) AS mI"
 * for each measure */
static void measures(struct sqlw *w, const struct sqlw *conds, const struct field *const *sums,
		     int n, int named, int rollup)
{
	int i;

	for (i = 0; i < n; i++) {
		sqlw_add(w, i ? ", SUM(CASE WHEN 1 = 1" : "SUM(CASE WHEN 1 = 1");
		sqlw_append(w, &conds[i]);
		sqlw_add(w, " THEN ");
		if (sums[i])
			records_field_expr(w, sums[i]);
		else
			sqlw_add(w, rollup ? "t.n" : "1");
		sqlw_add(w, " ELSE 0 END)");
		if (named)
			sqlw_addf(w, " AS m%d", i);
	}
}

int aggregate_scan(struct db *db, struct arena *a, const struct principal *who,
		   const struct resource *res, const struct rollup *ru, const struct sqlw *where,
		   const struct sqlw *conds, const struct field *const *sums, int n, long long *out,
		   struct buf *err)
{
	struct sqlw w, one;
	struct db_result r;
	int i, ret = -1;

	sqlw_init(&w, a);
	sqlw_init(&one, a);
	sqlw_add(&w, "SELECT ");
	if (n == 1) {
		/* one figure: its condition narrows the rows, where an index can serve it */
		struct sqlw all;

		sqlw_init(&all, a);
		if (where)
			sqlw_append(&one, where);
		sqlw_append(&one, &conds[0]);
		measures(&w, &all, sums, 1, 0, ru != NULL);
		sqlw_release(&all);
		where = &one;
	} else {
		measures(&w, conds, sums, n, 0, ru != NULL);
	}
	from(&w, res, ru, who, where);
	if (!sqlw_run(&w, db, &r, err)) {
		for (i = 0; i < n; i++)
			out[i] = cell_ll(&r, 0, i);
		ret = 0;
	}
	sqlw_release(&one);
	sqlw_release(&w);
	return ret;
}

int aggregate_distinct(struct db *db, struct arena *a, const struct principal *who,
		       const struct resource *res, const struct sqlw *where,
		       const struct field *field, long long *n, struct buf *err)
{
	struct sqlw w;
	struct db_result r;
	int ret = -1;

	sqlw_init(&w, a);
	sqlw_add(&w, "SELECT COUNT(DISTINCT ");
	records_field_expr(&w, field);
	sqlw_add(&w, ")");
	records_from(&w, res, who, where);
	if (!sqlw_run(&w, db, &r, err)) {
		*n = cell_ll(&r, 0, 0);
		ret = 0;
	}
	sqlw_release(&w);
	return ret;
}

static void key_expr(struct sqlw *w, const struct aggregate_key *k)
{
	int width = division_width(k->level);

	if (k->field->type == FT_DIVISION && width && width < 12) {
		sqlw_addf(w, "substr(");
		records_field_expr(w, k->field);
		sqlw_addf(w, ", 1, %d) || '%.*s'", width, 12 - width, "000000000000");
	} else if (k->chars) {
		sqlw_add(w, "substr(");
		records_field_expr(w, k->field);
		sqlw_addf(w, ", 1, %d)", k->chars);
	} else {
		records_field_expr(w, k->field);
	}
}

static void label_of(struct sqlw *w, const struct aggregate_key *k, int i,
		     const struct principal *who)
{
	const struct resource *ref;
	char col[16];

	if (k->field->type == FT_DIVISION) {
		sqlw_addf(w, "(SELECT d.short_name FROM divisions d WHERE d.code = g.k%d)", i);
	} else if (k->field->type == FT_REF && (ref = resource_find(k->field->ref))) {
		snprintf(col, sizeof(col), "g.k%d", i);
		records_ref_label(w, ref, col, (k->field->flags & F_REF_ANY) || !who ||
					       who->scope.all ? NULL : &who->scope);
	} else {
		sqlw_add(w, "NULL");
	}
}

int aggregate_group(struct db *db, struct arena *a, const struct principal *who,
		    const struct resource *res, const struct rollup *ru, const struct sqlw *where,
		    const struct aggregate_key *keys, int nkeys, const struct field *sum,
		    struct db_result *out, struct buf *err)
{
	struct sqlw w;
	int i, ret;

	sqlw_init(&w, a);
	sqlw_add(&w, "SELECT ");
	for (i = 0; i < nkeys; i++)
		sqlw_addf(&w, "g.k%d, ", i);
	for (i = 0; i < nkeys; i++) {
		label_of(&w, &keys[i], i, who);
		sqlw_add(&w, ", ");
	}
	sqlw_add(&w, "g.n, g.s FROM (SELECT ");
	for (i = 0; i < nkeys; i++) {
		key_expr(&w, &keys[i]);
		sqlw_addf(&w, " AS k%d, ", i);
	}
	sqlw_add(&w, ru ? "SUM(t.n) AS n, " : "COUNT(*) AS n, ");
	if (sum) {
		sqlw_add(&w, "SUM(");
		records_field_expr(&w, sum);
		sqlw_add(&w, ")");
	} else {
		sqlw_add(&w, "NULL");
	}
	sqlw_add(&w, " AS s");
	from(&w, res, ru, who, where);
	sqlw_add(&w, " GROUP BY ");
	for (i = 0; i < nkeys; i++)
		sqlw_addf(&w, "%s%d", i ? ", " : "", i + 1);
	/* the same order on both backends: empty keys after the others */
	sqlw_add(&w, ") g ORDER BY g.n DESC");
	for (i = 0; i < nkeys; i++)
		sqlw_addf(&w, ", g.k%d IS NULL, g.k%d", i, i);
	ret = sqlw_run(&w, db, out, err);
	sqlw_release(&w);
	return ret;
}

int aggregate_group_scan(struct db *db, struct arena *a, const struct principal *who,
			 const struct resource *res, const struct rollup *ru,
			 const struct sqlw *where, const struct aggregate_key *key,
			 const struct sqlw *conds,
			 const struct field *const *sums, int n, struct db_result *out,
			 struct buf *err)
{
	struct sqlw w;
	int i, ret;

	sqlw_init(&w, a);
	sqlw_add(&w, "SELECT g.k0, ");
	label_of(&w, key, 0, who);
	for (i = 0; i < n; i++)
		sqlw_addf(&w, ", g.m%d", i);
	sqlw_add(&w, " FROM (SELECT ");
	key_expr(&w, key);
	sqlw_add(&w, " AS k0, ");
	measures(&w, conds, sums, n, 1, ru != NULL);
	from(&w, res, ru, who, where);
	sqlw_add(&w, " GROUP BY 1) g ORDER BY g.m0 DESC, g.k0 IS NULL, g.k0");
	ret = sqlw_run(&w, db, out, err);
	sqlw_release(&w);
	return ret;
}
