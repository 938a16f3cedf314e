/* village_common: the declared checks of the village ledgers (bounds, date
 * order, uniqueness, frozen states, village-level divisions). */
#include "modules/village/village_common.h"

#include <stdlib.h>
#include <string.h>

#include "domain/division.h"

const struct scope_way village_division_ways[] = {
	{ WAY_DIVISION, "division_code" },
	WAY_END,
};

long long village_int(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (long long)json_integer_value(v) : 0;
}

const char *village_str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

void village_check_bounds(json_t *rec, const struct village_bound *bounds, json_t *errors)
{
	const struct village_bound *b;

	for (b = bounds; b && b->why; b++) {
		json_t *v = json_object_get(rec, b->field);

		if (json_is_integer(v) &&
		    (json_integer_value(v) < b->min || json_integer_value(v) > b->max))
			json_object_set_new(errors, b->field, json_string(b->why));
	}
}

void village_check_orders(json_t *rec, const struct village_order *orders, json_t *errors)
{
	const struct village_order *o;

	for (o = orders; o && o->why; o++) {
		const char *a = village_str(rec, o->first), *b = village_str(rec, o->then);

		if (a && b && strcmp(b, a) < 0)
			json_object_set_new(errors, o->then, json_string(o->why));
	}
}

int village_check_unique(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			 json_t *before, const char *const *columns, const char *field,
			 const char *why, json_t *errors, struct buf *err)
{
	const char *const *c;
	struct db_result r;
	struct sqlw w;
	int changed = !before, ret = -1;

	for (c = columns; *c; c++) {
		json_t *v = json_object_get(rec, *c);

		if (!json_is_integer(v) && !json_is_string(v))
			return 0;
		changed |= village_changed(rec, before, *c);
	}
	if (!changed || json_object_get(errors, field))
		return 0;
	sqlw_init(&w, ctx->a);
	/* table and column names come from declarations; values are bound */
	sqlw_addf(&w, "SELECT id FROM %s WHERE deleted_at IS NULL AND id <> ", res->table);
	sqlw_param(&w, db_int(before ? village_int(before, "id") : 0));
	for (c = columns; *c; c++) {
		json_t *v = json_object_get(rec, *c);

		sqlw_addf(&w, " AND %s = ", *c);
		sqlw_param(&w, json_is_integer(v) ? db_int(json_integer_value(v))
						  : db_text(json_string_value(v)));
	}
	sqlw_add(&w, " LIMIT 1");
	if (sqlw_run(&w, ctx->db, &r, err))
		goto out;
	if (r.nrows)
		json_object_set_new(errors, field, json_string(why));
	ret = 0;
out:
	sqlw_release(&w);
	return ret;
}

void village_check_frozen(const struct resource *res, json_t *rec, json_t *before,
			  const char *const *states, const char *why, json_t *errors)
{
	const char *was = before ? village_str(before, res->state_field) : NULL;
	const char *const *s;

	if (!was || village_changed(rec, before, res->state_field))
		return;
	for (s = states; *s; s++)
		if (!strcmp(*s, was)) {
			json_object_set_new(errors, res->state_field, json_string(why));
			return;
		}
}

void village_check_village(json_t *rec, const char *field, json_t *errors)
{
	const char *code = village_str(rec, field);

	if (code && division_level(code) != DIVISION_VILLAGE)
		json_object_set_new(errors, field, json_string("应为村（社区）一级的区划"));
}

int village_changed(json_t *rec, json_t *before, const char *field)
{
	return !before || !json_equal(json_object_get(rec, field), json_object_get(before, field));
}

int village_year_of(const char *value)
{
	char *end;
	long y;

	if (!value || strspn(value, "0123456789") != 4)
		return -1;
	y = strtol(value, &end, 10);
	if (*end && *end != '-')
		return -1;
	return y >= 1800 && y <= 9999 ? (int)y : -1;
}

int village_year_filter(struct request_ctx *ctx, const char *key, const char *value,
			struct sqlw *w, struct buf *err)
{
	int since = !strcmp(key, "year_since");
	int y;

	if (!since && strcmp(key, "year_until"))
		return 0;
	if ((y = village_year_of(value)) < 0) {
		buf_setf(err, "应为年份或日期（如 2026 或 2026-01-01）");
		return -1;
	}
	sqlw_add(w, since ? " AND t.year >= " : " AND t.year <= ");
	sqlw_param(w, db_int(y));
	return 1;
}

size_t village_digit_run(const char *s, char *blot, size_t min)
{
	size_t best = 0, n, i;

	for (i = 0; s && s[i]; i += n ? n : 1) {
		n = strspn(s + i, "0123456789");
		if (n && (s[i + n] == 'X' || s[i + n] == 'x'))
			n++;
		if (n > best)
			best = n;
		if (blot && n >= min)
			memset(blot + i, '*', n);
	}
	return best;
}
