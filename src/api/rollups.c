/* rollups: keeping the rollup tables (schema/rollup.h) and reading them for
 * the statistics. A record's key is its division cut to the rollup's level,
 * the local month of its period, its exact values and whether its present
 * fields hold a value — made here from the record and, for a recount, by
 * store/rollup_store.c from the rows of one local month at a time, so that
 * both agree with the list filters' local days. */
#include "api/rollups.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/tallies.h"
#include "domain/date.h"
#include "domain/division.h"
#include "store/rollup_store.h"

#define MAX_KEYS 64
#define MAX_SUMS 16

/* A value as the rollup keeps it: text, decimal, "1"/"0"; NULL for none. */
static const char *value_text(struct arena *a, json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return arena_printf(a, "%lld", (long long)json_integer_value(v));
	if (json_is_boolean(v))
		return json_is_true(v) ? "1" : "0";
	return NULL;
}

/* The local month "YYYY-MM" of a period value (a date, or a UTC instant). */
static const char *month_of(struct arena *a, const struct field *f, const char *v)
{
	char day[DATE_SIZE];

	if (!v)
		return NULL;
	if (f && f->type == FT_DATETIME && !date_local_day(v, day))
		v = day;
	return arena_printf(a, "%.7s", v);
}

/* The record's key and sums; 0 when it has no period or division (kept nowhere). */
static int key_of(struct arena *a, const struct resource *res, json_t *rec, const char **key,
		  long long *sums)
{
	const struct rollup *ru = res->rollup;
	const char *column = tallies_column(res), *div = value_text(a, json_object_get(rec, column));
	const char *const *c;
	int width = division_width(ru->level), n = 0;

	key[n++] = div && strlen(div) >= (size_t)width
			   ? arena_printf(a, "%.*s%.*s", width, div, 12 - width, "000000000000")
			   : NULL;
	key[n++] = month_of(a, resource_field(res, ru->period),
			    value_text(a, json_object_get(rec, ru->period)));
	if (!key[0] || !key[1])
		return 0;
	for (c = ru->exact; c && *c; c++)
		key[n++] = value_text(a, json_object_get(rec, *c));
	for (c = ru->present; c && *c; c++) {
		json_t *v = json_object_get(rec, *c);

		key[n++] = v && !json_is_null(v) ? "1" : NULL;
	}
	for (n = 0, c = ru->sums; c && *c; c++)
		sums[n++] = json_integer_value(json_object_get(rec, *c));
	return 1;
}

int rollups_change(struct request_ctx *ctx, const struct resource *res, json_t *before,
		   json_t *after, struct buf *err)
{
	const struct rollup *ru = res->rollup;
	const char *kb[MAX_KEYS], *ka[MAX_KEYS];
	long long sb[MAX_SUMS] = { 0 }, sa[MAX_SUMS] = { 0 }, d[MAX_SUMS];
	int nk, ns, hb, ha, same, i;

	if (!ru || !tallies_column(res))
		return 0;
	nk = rollup_key_count(ru);
	ns = rollup_sum_count(ru);
	if (nk > MAX_KEYS || ns > MAX_SUMS) {
		buf_setf(err, "rollup %s: too many columns", ru->table);
		return -1;
	}
	hb = before && key_of(ctx->a, res, before, kb, sb);
	ha = after && key_of(ctx->a, res, after, ka, sa);
	same = hb && ha;
	for (i = 0; same && i < nk; i++)
		same = (!kb[i] && !ka[i]) || (kb[i] && ka[i] && !strcmp(kb[i], ka[i]));
	if (same) {
		int moved = 0;

		for (i = 0; i < ns; i++)
			moved |= (d[i] = sa[i] - sb[i]) != 0;
		return moved ? rollup_add(ctx->db, ctx->a, ru, tallies_column(res), ka, 0, d, err) : 0;
	}
	for (i = 0; i < ns; i++)
		d[i] = -sb[i];
	if (hb && rollup_add(ctx->db, ctx->a, ru, tallies_column(res), kb, -1, d, err))
		return -1;
	return ha ? rollup_add(ctx->db, ctx->a, ru, tallies_column(res), ka, 1, sa, err) : 0;
}

/* The bound of local month `month` ("YYYY-MM") as the period column holds it. */
static void month_start(const struct field *f, const char *month, char *out, size_t size)
{
	char day[DATE_SIZE], instant[DATE_TIME_SIZE];

	snprintf(day, sizeof(day), "%.7s-01", month);
	if (f && f->type == FT_DATETIME && !date_local_start(day, instant))
		snprintf(out, size, "%s", instant);
	else
		snprintf(out, size, "%s", day);
}

static int rebuild_one(struct db *db, const struct resource *res, struct buf *err)
{
	const struct rollup *ru = res->rollup;
	const struct field *f = resource_field(res, ru->period);
	struct arena *a = arena_new();
	struct db_result r;
	char month[8], last[8], first[DATE_SIZE], next[DATE_SIZE];
	char lo[DATE_TIME_SIZE], hi[DATE_TIME_SIZE];
	const char *sql;
	int ret = -1;

	if (db_begin(db, 1, err))
		goto out;
	if (rollup_clear(db, a, ru, err))
		goto fail;
	/* the months from the earliest period to the latest, local */
	sql = arena_printf(a, "SELECT MIN(%s), MAX(%s) FROM %s WHERE deleted_at IS NULL",
			   ru->period, ru->period, res->table);
	if (db_query(db, a, sql, NULL, 0, &r, err))
		goto fail;
	if (!db_cell(&r, 0, 0)) {
		ret = db_commit(db, err);
		goto out;
	}
	snprintf(month, sizeof(month), "%s", month_of(a, f, db_cell(&r, 0, 0)));
	snprintf(last, sizeof(last), "%s", month_of(a, f, db_cell(&r, 0, 1)));
	while (strcmp(month, last) <= 0) {
		month_start(f, month, lo, sizeof(lo));
		snprintf(first, sizeof(first), "%.7s-01", month);
		if (date_add_months(first, 1, next))
			goto fail;
		month_start(f, next, hi, sizeof(hi));
		if (rollup_recount_month(db, a, ru, res->table, tallies_column(res), month, lo, hi,
					 err))
			goto fail;
		snprintf(month, sizeof(month), "%.7s", next);
	}
	ret = db_commit(db, err);
	goto out;
fail:
	db_rollback(db);
out:
	arena_free(a);
	return ret;
}

/* 1 when the ledger has live rows and its rollup none, 0 when not, -1 on error */
static int kept_empty(struct db *db, const struct resource *res, struct buf *err)
{
	struct arena *a = arena_new();
	struct db_result rows;
	int empty = rollup_empty(db, a, res->rollup, err);

	if (empty > 0)
		empty = db_query(db, a, arena_printf(a, "SELECT 1 FROM %s WHERE deleted_at IS NULL"
							" LIMIT 1", res->table),
				 NULL, 0, &rows, err) ? -1 : rows.nrows > 0;
	arena_free(a);
	return empty;
}

int rollups_rebuild(struct db *db, int missing_only, struct buf *err)
{
	const struct resource *const *r;

	for (r = resources_all(); *r; r++) {
		if (!(*r)->rollup || !tallies_column(*r))
			continue;
		if (missing_only) {
			int empty = kept_empty(db, *r, err);

			if (empty < 0)
				return -1;
			if (!empty)
				continue;
		}
		if (rebuild_one(db, *r, err))
			return -1;
	}
	return 0;
}

static int listed(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (!strcmp(*list, name))
			return 1;
	return 0;
}

int rollups_filter(const struct resource *res, const char *key)
{
	const struct rollup *ru = res->rollup;
	const char *sep = strstr(key, "__");
	size_t len = sep ? (size_t)(sep - key) : strlen(key);
	char name[64];

	if (!ru || len >= sizeof(name))
		return 0;
	memcpy(name, key, len);
	name[len] = '\0';
	if (listed(ru->exact, name) || listed(ru->derived, name))
		return 1;
	return listed(ru->present, name) && sep && !strcmp(sep + 2, "null");
}

int rollups_months(const struct stats_args *args, char lo[8], char hi[8])
{
	char today[DATE_SIZE], next[DATE_SIZE];

	if (strcmp(args->from + 7, "-01"))
		return 0;
	date_today(today);
	if (strcmp(args->to, today) < 0 &&
	    (date_add_days(args->to, 1, next) || strcmp(next + 7, "-01")))
		return 0;
	snprintf(lo, 8, "%.7s", args->from);
	snprintf(hi, 8, "%.7s", args->to);
	return 1;
}
