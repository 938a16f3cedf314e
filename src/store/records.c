/* records: generic SQL for declared resources. Identifiers come only from the
 * static declarations; every value is bound through sqlw_param(). */
#include "store/records.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "domain/date.h"
#include "store/tally_store.h"

int records_field_width(const struct field *f)
{
	if (field_secret(f) || f->type == FT_REF || f->type == FT_DIVISION)
		return 2;
	return 1;
}

void records_secret_expr(struct sqlw *w, const struct field *f, const char *part)
{
	const char *mark = f->flags & F_VIRTUAL ? strstr(f->expr, "%s") : NULL;

	if (!(f->flags & F_VIRTUAL))
		sqlw_addf(w, "t.%s%s", f->name, part);
	else if (mark)
		sqlw_addf(w, "(%.*s%s%s)", (int)(mark - f->expr), f->expr, part, mark + 2);
	else
		sqlw_add(w, "NULL"); /* a declaration without its stem: nothing to show */
}

void records_field_expr(struct sqlw *w, const struct field *f)
{
	if (field_secret(f))
		records_secret_expr(w, f, "_mask");
	else if (f->flags & F_VIRTUAL)
		sqlw_addf(w, "(%s)", f->expr);
	else
		sqlw_addf(w, "t.%s", f->name);
}

void records_ref_label(struct sqlw *w, const struct resource *ref, const char *col,
		       const struct scope *s)
{
	if (ref->label_expr)
		sqlw_addf(w, "(SELECT %s FROM %s r WHERE r.id = %s", ref->label_expr, ref->table, col);
	else
		sqlw_addf(w, "(SELECT r.%s FROM %s r WHERE r.id = %s", ref->label_field,
			  ref->table, col);
	if (s)
		records_scope(w, ref, s, "r", 1);
	sqlw_add(w, ")");
}

/* The select list: unscoped labels when s is NULL (callers who see everything). */
static void build_select_list(struct sqlw *w, const struct resource *res, const struct scope *s)
{
	const struct field *f;

	sqlw_add(w, "t.id, t.version, t.created_at, t.updated_at");
	for (f = res->fields; f->name; f++) {
		sqlw_add(w, ", ");
		if (f->flags & F_HIDDEN) {
			sqlw_add(w, "NULL");
			continue;
		}
		switch (f->type) {
		case FT_ID_NUMBER:
		case FT_PHONE:
			records_secret_expr(w, f, "_enc");
			sqlw_add(w, ", ");
			records_secret_expr(w, f, "_mask");
			break;
		case FT_REF: {
			const struct resource *ref = resource_find(f->ref);
			char col[96];

			records_field_expr(w, f);
			sqlw_add(w, ", ");
			if (f->flags & F_VIRTUAL) {
				sqlw_add(w, "NULL");
				break;
			}
			snprintf(col, sizeof(col), "t.%s", f->name);
			/* A reference declared to reach anywhere (派单 to another level's
			 * department) names a public body; any other is scoped. */
			records_ref_label(w, ref, col, (f->flags & F_REF_ANY) ? NULL : s);
			break;
		}
		case FT_DIVISION:
			records_field_expr(w, f);
			sqlw_add(w, ", (SELECT d.short_name FROM divisions d WHERE d.code = ");
			records_field_expr(w, f);
			sqlw_add(w, ")");
			break;
		default:
			records_field_expr(w, f);
		}
	}
}

/* For callers who see everything the select list depends only on the
 * declaration: built once per resource. */
struct select_cache {
	const struct resource *_Atomic res;
	char *_Atomic sql;
};

static struct select_cache select_cache[128];

static void select_list(struct sqlw *w, const struct resource *res, const struct principal *who)
{
	size_t i, slot = ((size_t)res >> 4) % 128;
	struct sqlw tmp;
	char *sql, *expected = NULL;

	if (who && !who->scope.all) {
		build_select_list(w, res, &who->scope);
		return;
	}
	for (i = 0; i < 128; i++, slot = (slot + 1) % 128) {
		const struct resource *owner = atomic_load(&select_cache[slot].res);

		if (owner == res && (sql = atomic_load(&select_cache[slot].sql))) {
			sqlw_add(w, sql);
			return;
		}
		if (!owner) {
			const struct resource *none = NULL;

			if (atomic_compare_exchange_strong(&select_cache[slot].res, &none, res) ||
			    none == res)
				break;
		}
	}
	sqlw_init(&tmp, w->a);
	build_select_list(&tmp, res, NULL);
	sqlw_add(w, tmp.sql.ptr);
	if (i < 128) {
		sql = buf_detach(&tmp.sql, NULL);
		if (!atomic_compare_exchange_strong(&select_cache[slot].sql, &expected, sql))
			free(sql);
	}
	sqlw_release(&tmp);
}

static const char *alias_for(int depth)
{
	static const char *const aliases[] = { "t", "s1", "s2", "s3", "s4", "s5" };

	return aliases[depth < 5 ? depth : 5];
}

#define SCOPE_MAX_DEPTH 4

/* Whether a way of `res` can match `s` (following ref ways). */
static int way_applies(const struct scope_way *way, const struct resource *res,
		       const struct scope *s, int depth);

/* A WAY_CHILD reaches the child's rows without the child's way back to the row it
 * decides about (attendance → its training): that way is `skip`. */
static int skipped(const struct scope_way *way, const char *skip)
{
	return skip && way->kind == WAY_REF && !strcmp(way->column, skip);
}

static int any_way_applies_but(const struct resource *res, const struct scope *s, int depth,
			       const char *skip)
{
	const struct scope_way *way;

	if (res->flags & RES_ADMIN_ONLY)
		return s->all || s->accounts;
	if (!res->scope)
		return 1;
	for (way = res->scope; way->kind; way++)
		if (!skipped(way, skip) && way_applies(way, res, s, depth))
			return 1;
	return 0;
}

static int any_way_applies(const struct resource *res, const struct scope *s, int depth)
{
	return any_way_applies_but(res, s, depth, NULL);
}

static const struct resource *way_target(const struct scope_way *way, const struct resource *res)
{
	const struct field *f = resource_field(res, way->column);

	return f && f->ref ? resource_find(f->ref) : NULL;
}

static int way_applies(const struct scope_way *way, const struct resource *res,
		       const struct scope *s, int depth)
{
	const struct resource *ref;

	switch (way->kind) {
	case WAY_DIVISION:
		return s->lo[0] != '\0';
	case WAY_ORG:
		return s->org_path != NULL;
	case WAY_ENTERPRISE:
		return s->enterprise_id != 0;
	case WAY_REF:
		ref = way_target(way, res);
		return ref && depth < SCOPE_MAX_DEPTH && any_way_applies(ref, s, depth + 1);
	case WAY_CHILD:
		ref = way->child ? resource_find(way->child) : NULL;
		return !s->own && ref && ref->scope && depth < SCOPE_MAX_DEPTH &&
		       any_way_applies_but(ref, s, depth + 1, way->column);
	}
	return 0;
}

/* Appends "(way OR way …)" for the ways that apply but `skip` (see skipped); the
 * caller checked that one does. */
static void ways_sql(struct sqlw *w, const struct resource *res, const struct scope *s,
		     const char *alias, int depth, const char *skip)
{
	const struct scope_way *way;
	int n = 0;

	sqlw_add(w, "(");
	for (way = res->scope; way->kind; way++) {
		const struct resource *ref;
		const char *inner;

		if (skipped(way, skip) || !way_applies(way, res, s, depth))
			continue;
		if (n++)
			sqlw_add(w, " OR ");
		switch (way->kind) {
		case WAY_DIVISION:
			sqlw_addf(w, "%s.%s BETWEEN ", alias, way->column);
			sqlw_param(w, db_text(s->lo));
			sqlw_add(w, " AND ");
			sqlw_param(w, db_text(s->hi));
			break;
		case WAY_ORG:
			sqlw_addf(w, "EXISTS (SELECT 1 FROM orgs so WHERE so.id = %s.%s AND so.path LIKE ",
				  alias, way->column);
			sqlw_param(w, db_text(arena_printf(w->a, "%s%%", s->org_path)));
			sqlw_add(w, ")");
			break;
		case WAY_ENTERPRISE:
			sqlw_addf(w, "%s.%s = ", alias, way->column);
			sqlw_param(w, db_int(s->enterprise_id));
			break;
		case WAY_REF:
			ref = way_target(way, res);
			inner = alias_for(depth + 1);
			sqlw_addf(w, "EXISTS (SELECT 1 FROM %s %s WHERE %s.id = %s.%s AND %s.deleted_at IS NULL",
				  ref->table, inner, inner, alias, way->column, inner);
			if (ref->scope) {
				sqlw_add(w, " AND ");
				ways_sql(w, ref, s, inner, depth + 1, NULL);
			}
			sqlw_add(w, ")");
			break;
		case WAY_CHILD:
			ref = resource_find(way->child);
			inner = alias_for(depth + 1);
			sqlw_addf(w, "EXISTS (SELECT 1 FROM %s %s WHERE %s.%s = %s.id AND %s.deleted_at IS NULL AND ",
				  ref->table, inner, inner, way->column, alias, inner);
			ways_sql(w, ref, s, inner, depth + 1, way->column);
			sqlw_add(w, ")");
			break;
		}
	}
	sqlw_add(w, ")");
}

void records_scope(struct sqlw *w, const struct resource *res, const struct scope *s,
		   const char *alias, int depth)
{
	if (!s || s->all)
		return;
	if (!any_way_applies(res, s, depth)) {
		sqlw_add(w, " AND 1 = 0");
		return;
	}
	if (!res->scope)
		return;
	sqlw_add(w, " AND ");
	ways_sql(w, res, s, alias, depth, NULL);
}

void records_division_filter(struct sqlw *w, const struct resource *res, const char *lo,
			     const char *hi)
{
	struct scope s;

	memset(&s, 0, sizeof(s));
	memcpy(s.lo, lo, DIVISION_SIZE);
	memcpy(s.hi, hi, DIVISION_SIZE);
	if (res->scope && !(res->flags & RES_ADMIN_ONLY) && any_way_applies(res, &s, 0)) {
		sqlw_add(w, " AND ");
		ways_sql(w, res, &s, "t", 0, NULL);
	}
}

void records_org_filter(struct sqlw *w, const struct resource *res, const char *org_path)
{
	struct scope s;

	memset(&s, 0, sizeof(s));
	s.org_path = org_path;
	if (org_path && res->scope && !(res->flags & RES_ADMIN_ONLY) && any_way_applies(res, &s, 0)) {
		sqlw_add(w, " AND ");
		ways_sql(w, res, &s, "t", 0, NULL);
		return;
	}
	sqlw_add(w, " AND 1 = 0");
}

static void sort_key(struct sqlw *w, const struct field *f)
{
	if (!f) {
		sqlw_add(w, "t.id");
		return;
	}
	/* a column that is never NULL sorts as itself, so its index serves the order */
	if ((f->flags & F_REQUIRED) && !(f->flags & F_VIRTUAL)) {
		records_field_expr(w, f);
		return;
	}
	switch (f->type) {
	case FT_INT: case FT_MONEY: case FT_BOOL: case FT_REF:
		sqlw_add(w, "COALESCE(");
		records_field_expr(w, f);
		sqlw_add(w, ", -999999999999999999)");
		break;
	default:
		sqlw_add(w, "COALESCE(");
		records_field_expr(w, f);
		sqlw_add(w, ", '')");
	}
}

static struct db_param sort_param(const struct field *f, const char *v)
{
	if (f && (f->type == FT_INT || f->type == FT_MONEY || f->type == FT_BOOL ||
		  f->type == FT_REF))
		return db_int(strtoll(v, NULL, 10));
	return db_text(v);
}

void records_from(struct sqlw *w, const struct resource *res, const struct principal *who,
		  const struct sqlw *where)
{
	sqlw_addf(w, " FROM %s t WHERE t.deleted_at IS NULL", res->table);
	records_scope(w, res, who ? &who->scope : NULL, "t", 0);
	/* the caller's filters were written with their own parameters: splice them */
	if (where && where->sql.len)
		sqlw_append(w, where);
}

static void order_by(struct sqlw *w, const struct records_query *q)
{
	const char *dir = q->desc ? "DESC" : "ASC";

	sqlw_add(w, " ORDER BY ");
	sort_key(w, q->sort);
	sqlw_addf(w, " %s", dir);
	if (q->sort)
		sqlw_addf(w, ", t.id %s", dir);
}

int records_tally_range(const struct resource *res, const struct principal *who,
			const char **lo, const char **hi)
{
	const struct scope_way *way;
	int divisions = 0;

	if (res->flags & RES_ADMIN_ONLY)
		return 0;
	for (way = res->scope; way && way->kind; way++) {
		if (way->kind == WAY_REF || way->kind == WAY_CHILD)
			return 0;
		divisions += way->kind == WAY_DIVISION;
	}
	if (divisions != 1)
		return 0;
	if (!who || who->scope.all) {
		*lo = *hi = "";
		return 1;
	}
	/* a division-scoped caller matches the division way alone */
	if (!who->scope.lo[0] || who->scope.org_path || who->scope.enterprise_id)
		return 0;
	*lo = who->scope.lo;
	*hi = who->scope.hi;
	return 1;
}

/* The total of an unfiltered list from the tallies: 1 with *total set, 0 when
 * they cannot say, -1 on error. */
static int tally_total(struct db *db, struct arena *a, const struct principal *who,
		       const struct resource *res, long long *total, struct buf *err)
{
	const char *lo, *hi;
	struct db_result r;
	size_t i;

	if (!records_tally_range(res, who, &lo, &hi))
		return 0;
	if (tally_read(db, a, res->name, "*", *lo ? lo : NULL, hi, &r, err))
		return -1;
	*total = 0;
	for (i = 0; i < r.nrows; i++)
		*total += strtoll(db_cell(&r, i, 1), NULL, 10);
	return 1;
}

int records_list(struct db *db, struct arena *a, const struct principal *who,
		 const struct resource *res, struct records_query *q, struct db_result *rows,
		 long long *total, struct buf *err)
{
	struct sqlw w;
	int ret = REC_ERR, count = q->want_total;

	if (count && !q->where.sql.len) {
		int t = tally_total(db, a, who, res, total, err);

		if (t < 0)
			return REC_ERR;
		count = !t;
	}
	if (count) {
		struct db_result r;

		sqlw_init(&w, a);
		sqlw_add(&w, "SELECT COUNT(*)");
		records_from(&w, res, who, &q->where);
		if (sqlw_run(&w, db, &r, err)) {
			sqlw_release(&w);
			return REC_ERR;
		}
		*total = strtoll(db_cell(&r, 0, 0), NULL, 10);
		sqlw_release(&w);
	}
	sqlw_init(&w, a);
	/* The page is chosen on ids alone; only its rows then get their display
	 * columns (label subqueries), not every row the filter matched. */
	sqlw_add(&w, "SELECT ");
	select_list(&w, res, who);
	sqlw_add(&w, ", ");
	sort_key(&w, q->sort);
	sqlw_addf(&w, " FROM %s t WHERE t.id IN (SELECT t.id", res->table);
	records_from(&w, res, who, &q->where);
	if (q->has_cursor) {
		const char *cmp = q->desc ? "<" : ">";

		sqlw_add(&w, " AND (");
		sort_key(&w, q->sort);
		sqlw_addf(&w, " %s ", cmp);
		sqlw_param(&w, sort_param(q->sort, q->cursor_value));
		sqlw_add(&w, " OR (");
		sort_key(&w, q->sort);
		sqlw_add(&w, " = ");
		sqlw_param(&w, sort_param(q->sort, q->cursor_value));
		sqlw_addf(&w, " AND t.id %s ", cmp);
		sqlw_param(&w, db_int(q->cursor_id));
		sqlw_add(&w, "))");
	}
	order_by(&w, q);
	if (q->limit > 0) {
		sqlw_add(&w, " LIMIT ");
		sqlw_param(&w, db_int(q->limit));
	}
	sqlw_add(&w, ")");
	order_by(&w, q);
	if (!sqlw_run(&w, db, rows, err))
		ret = REC_OK;
	sqlw_release(&w);
	return ret;
}

int records_get(struct db *db, struct arena *a, const struct principal *who,
		const struct resource *res, long long id, struct db_result *row, struct buf *err)
{
	struct sqlw w;
	int ret = REC_ERR;

	sqlw_init(&w, a);
	sqlw_add(&w, "SELECT ");
	select_list(&w, res, who);
	sqlw_addf(&w, " FROM %s t WHERE t.deleted_at IS NULL AND t.id = ", res->table);
	sqlw_param(&w, db_int(id));
	records_scope(&w, res, who ? &who->scope : NULL, "t", 0);
	if (!sqlw_run(&w, db, row, err))
		ret = row->nrows ? REC_OK : REC_NOTFOUND;
	sqlw_release(&w);
	return ret;
}

void records_values_add(struct arena *a, struct records_values *vals, const char *column,
			struct db_param p)
{
	int i;

	for (i = 0; i < vals->n; i++) {
		if (!strcmp(vals->v[i].column, column)) {
			vals->v[i].value = p;
			return;
		}
	}
	if (vals->n == vals->alloc) {
		int na = vals->alloc ? vals->alloc * 2 : 16;
		struct records_value *nv = arena_alloc(a, sizeof(*nv) * (size_t)na);

		if (vals->n)
			memcpy(nv, vals->v, sizeof(*nv) * (size_t)vals->n);
		vals->v = nv;
		vals->alloc = na;
	}
	vals->v[vals->n].column = column;
	vals->v[vals->n].value = p;
	vals->n++;
}

static int status_of(int db_ret)
{
	return db_ret == DB_CONSTRAINT ? REC_CONSTRAINT : REC_ERR;
}

int records_insert(struct db *db, struct arena *a, const struct resource *res,
		   const struct records_values *vals, long long *id, struct buf *err)
{
	struct sqlw w;
	struct db_result r;
	char now[21];
	int i, rc, ret = REC_ERR;

	date_now_rfc3339(now);
	sqlw_init(&w, a);
	sqlw_addf(&w, "INSERT INTO %s (created_at, updated_at", res->table);
	for (i = 0; i < vals->n; i++)
		sqlw_addf(&w, ", %s", vals->v[i].column);
	sqlw_add(&w, ") VALUES (");
	sqlw_param(&w, db_text(now));
	sqlw_add(&w, ", ");
	sqlw_param(&w, db_text(now));
	for (i = 0; i < vals->n; i++) {
		sqlw_add(&w, ", ");
		sqlw_param(&w, vals->v[i].value);
	}
	sqlw_add(&w, ") RETURNING id");
	rc = sqlw_run(&w, db, &r, err);
	if (rc) {
		ret = status_of(rc);
		goto out;
	}
	*id = strtoll(db_cell(&r, 0, 0), NULL, 10);
	ret = REC_OK;
out:
	sqlw_release(&w);
	return ret;
}

int records_update(struct db *db, struct arena *a, const struct resource *res, long long id,
		   long long version, const struct records_values *vals, struct buf *err)
{
	struct sqlw w;
	struct db_result r;
	char now[21];
	int i, rc, ret = REC_ERR;

	date_now_rfc3339(now);
	sqlw_init(&w, a);
	sqlw_addf(&w, "UPDATE %s SET version = version + 1, updated_at = ", res->table);
	sqlw_param(&w, db_text(now));
	for (i = 0; i < vals->n; i++) {
		sqlw_addf(&w, ", %s = ", vals->v[i].column);
		sqlw_param(&w, vals->v[i].value);
	}
	sqlw_add(&w, " WHERE id = ");
	sqlw_param(&w, db_int(id));
	if (version >= 0) {
		sqlw_add(&w, " AND version = ");
		sqlw_param(&w, db_int(version));
	}
	sqlw_add(&w, " AND deleted_at IS NULL RETURNING id");
	rc = sqlw_run(&w, db, &r, err);
	if (rc)
		ret = status_of(rc);
	else
		ret = r.nrows ? REC_OK : REC_CONFLICT;
	sqlw_release(&w);
	return ret;
}

int records_delete(struct db *db, struct arena *a, const struct resource *res, long long id,
		   long long version, struct buf *err)
{
	struct records_values vals = { 0 };
	char now[21];

	date_now_rfc3339(now);
	records_values_add(a, &vals, "deleted_at", db_text(arena_strdup(a, now)));
	return records_update(db, a, res, id, version, &vals, err);
}

long long records_find_other(struct db *db, struct arena *a, const struct resource *res,
			     const char *column, const char *value, long long exclude_id,
			     struct buf *err)
{
	struct sqlw w;
	struct db_result r;
	long long id = 0;

	sqlw_init(&w, a);
	sqlw_addf(&w, "SELECT id FROM %s WHERE deleted_at IS NULL AND %s = ", res->table, column);
	sqlw_param(&w, db_text(value));
	sqlw_add(&w, " AND id <> ");
	sqlw_param(&w, db_int(exclude_id));
	sqlw_add(&w, " LIMIT 1");
	if (!sqlw_run(&w, db, &r, err) && r.nrows)
		id = strtoll(db_cell(&r, 0, 0), NULL, 10);
	sqlw_release(&w);
	return id;
}

int records_find_by_label(struct db *db, struct arena *a, const struct principal *who,
			  const struct resource *res, const char *label, long long ids[2],
			  struct buf *err)
{
	struct sqlw w;
	struct db_result r;
	size_t i;
	int n = 0;

	sqlw_init(&w, a);
	sqlw_addf(&w, "SELECT t.id FROM %s t WHERE t.deleted_at IS NULL AND ", res->table);
	if (res->label_expr) {
		/* label_expr is written over alias r */
		sqlw_addf(&w, "(SELECT %s FROM %s r WHERE r.id = t.id) = ", res->label_expr,
			  res->table);
	} else {
		sqlw_addf(&w, "t.%s = ", res->label_field);
	}
	sqlw_param(&w, db_text(label));
	records_scope(&w, res, who ? &who->scope : NULL, "t", 0);
	sqlw_add(&w, " ORDER BY t.id LIMIT 2");
	if (sqlw_run(&w, db, &r, err)) {
		n = -1;
		goto out;
	}
	for (i = 0; i < r.nrows; i++)
		ids[n++] = strtoll(db_cell(&r, i, 0), NULL, 10);
out:
	sqlw_release(&w);
	return n;
}

const char *records_division_name(struct db *db, struct arena *a, const char *code12)
{
	struct db_param p = db_text(code12);
	struct db_result r;
	struct buf err = BUF_INIT;
	const char *name = NULL;

	if (!db_query(db, a,
		      "SELECT short_name FROM divisions WHERE code = ? AND deleted_at IS NULL",
		      &p, 1, &r, &err) && r.nrows)
		name = db_cell(&r, 0, 0);
	buf_release(&err);
	return name;
}

int records_division_by_name(struct db *db, struct arena *a, const char *name, const char *lo,
			     const char *hi, const char *out[2])
{
	struct db_param p[4] = { db_text(name), db_text(name), db_text(lo), db_text(hi) };
	struct db_result r;
	struct buf err = BUF_INIT;
	size_t i;
	int n = 0;

	if (!db_query(db, a,
		      "SELECT code FROM divisions WHERE (short_name = ? OR name = ?)"
		      " AND code BETWEEN ? AND ? AND deleted_at IS NULL ORDER BY code LIMIT 2",
		      p, 4, &r, &err))
		for (i = 0; i < r.nrows; i++)
			out[n++] = db_cell(&r, i, 0);
	buf_release(&err);
	return n;
}

int records_division_with_ancestors(struct db *db, struct arena *a, const char *name,
				    const char *lo, const char *hi, struct db_result *rows,
				    struct buf *err)
{
	static const char sql[] =
		"SELECT d.code, p1.name, p1.short_name, p2.name, p2.short_name, p3.name, p3.short_name,"
		" p4.name, p4.short_name FROM divisions d"
		" LEFT JOIN divisions p1 ON p1.code = d.parent_code"
		" LEFT JOIN divisions p2 ON p2.code = p1.parent_code"
		" LEFT JOIN divisions p3 ON p3.code = p2.parent_code"
		" LEFT JOIN divisions p4 ON p4.code = p3.parent_code"
		" WHERE (d.short_name = ? OR d.name = ?) AND d.code BETWEEN ? AND ?"
		" AND d.deleted_at IS NULL ORDER BY d.code LIMIT 50";
	struct db_param p[4] = { db_text(name), db_text(name), db_text(lo), db_text(hi) };

	return db_query(db, a, sql, p, 4, rows, err) ? -1 : 0;
}
