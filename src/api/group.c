/* group: GET /api/v1/{res}/stats?group=F[,F2]&sum=F3&<list filters> — the
 * grouped counts (and sums) of exactly the rows the list with those filters
 * shows the caller; divisions roll up (F:town) and dates to years or months
 * (F:year, F:month). With format=xlsx the same table is a report for people:
 * a title, Chinese headers, labels, a 合计 row. */
#include "api/generic.h"

#include <stdlib.h>
#include <string.h>

#include "api/stats_parts.h"
#include "api/tallies.h"
#include "domain/date.h"
#include "io/sheet.h"
#include "io/xlsx_write.h"
#include "store/aggregate.h"
#include "store/tally_store.h"

static void bad_param(struct request_ctx *ctx, const char *key, const char *why)
{
	reply_error(ctx, 400, "bad_request", arena_printf(ctx->a, "%s：%s", key, why),
		    json_pack("{s:s}", key, why));
}

/* The member of a group's `keys` holding key k: the field's name, or the
 * whole group parameter when a field is grouped twice (at two levels). */
static const char *key_name(struct request_ctx *ctx, const struct aggregate_key *keys, int k)
{
	return k && keys[k].field == keys[0].field ? request_arg(ctx, "group") : keys[k].field->name;
}

/* "所在村（乡镇）", "入库时间（月）": a key's column header. */
static const char *key_header(struct request_ctx *ctx, const struct aggregate_key *k)
{
	static const char *const levels[] = { NULL, "省", "市州", "县", "乡镇", "村" };

	if (k->field->type == FT_DIVISION && k->level >= 1 && k->level <= 5)
		return arena_printf(ctx->a, "%s（%s）", k->field->label, levels[k->level]);
	if (k->chars)
		return arena_printf(ctx->a, "%s（%s）", k->field->label, k->chars == 4 ? "年" : "月");
	return k->field->label;
}

/* A number of the sum's field as a spreadsheet reads it: fen as 元. */
static const char *amount(struct request_ctx *ctx, const struct field *f, long long v)
{
	if (f->type != FT_MONEY)
		return arena_printf(ctx->a, "%lld", v);
	return arena_printf(ctx->a, "%s%lld.%02lld", v < 0 ? "-" : "", llabs(v) / 100,
			    llabs(v) % 100);
}

static void add_text(struct sheet_row *row, const char *text)
{
	sheet_add_cell(row, text, strlen(text));
}

/* The answer as a workbook: title, header, one row per group, 合计. */
static void send_xlsx(struct request_ctx *ctx, const struct resource *res,
		      const struct aggregate_key *keys, int nkeys, const struct field *sumf,
		      json_t *groups, long long total, long long total_sum)
{
	const char *formats[4] = { NULL, NULL, NULL, NULL };
	struct xlsx_layout layout = { NULL, formats, 4 };
	struct buf title = BUF_INIT;
	struct sheet s;
	struct sheet_row *row;
	char today[DATE_SIZE];
	json_t *g, *detail;
	size_t i;
	int k;

	sheet_init(&s);
	row = sheet_add_row(&s, 1);
	buf_addf(&title, "%s按", res->label);
	for (k = 0; k < nkeys; k++) {
		buf_addf(&title, "%s%s", k ? "、" : "", key_header(ctx, &keys[k]));
		add_text(row, key_header(ctx, &keys[k]));
	}
	date_today(today);
	buf_addf(&title, "统计（截至%.4s年%d月%d日）", today, atoi(today + 5), atoi(today + 8));
	add_text(row, "数量");
	formats[nkeys] = "0";
	if (sumf) {
		add_text(row, arena_printf(ctx->a, "%s合计%s", sumf->label,
					   sumf->type == FT_MONEY ? "（元）" : ""));
		formats[nkeys + 1] = sumf->type == FT_MONEY ? "#,##0.00" : "0";
	}
	json_array_foreach(groups, i, g) {
		json_t *kv = json_object_get(g, "keys");

		row = sheet_add_row(&s, (unsigned)i + 2);
		for (k = 0; k < nkeys; k++) {
			const char *l = json_string_value(json_object_get(kv,
				arena_printf(ctx->a, "%s_label", key_name(ctx, keys, k))));

			add_text(row, l ? l : "");
		}
		add_text(row, arena_printf(ctx->a, "%lld",
					   (long long)json_integer_value(json_object_get(g, "count"))));
		if (sumf)
			add_text(row, amount(ctx, sumf, json_integer_value(json_object_get(g, "sum"))));
	}
	row = sheet_add_row(&s, (unsigned)json_array_size(groups) + 2);
	add_text(row, "合计");
	sheet_row_pad(row, (size_t)nkeys);
	add_text(row, arena_printf(ctx->a, "%lld", total));
	if (sumf)
		add_text(row, amount(ctx, sumf, total_sum));
	layout.title = title.ptr;

	detail = json_pack("{s:s, s:s, s:s?, s:I}", "format", "xlsx", "group",
			   request_arg(ctx, "group"), "sum", sumf ? sumf->name : NULL, "rows",
			   (json_int_t)json_array_size(groups));
	if (!generic_audit_export_or_reply(ctx, res, detail))
		generic_send_sheet(ctx, res, &s, 1, &layout, "统计");
	json_decref(detail);
	sheet_release(&s);
	buf_release(&title);
}

/* Rows of a result by count, largest first, then by key. */
static int by_count(const void *x, const void *y)
{
	const char *const *a = x, *const *b = y;
	long long na = strtoll(a[2], NULL, 10), nb = strtoll(b[2], NULL, 10);

	if (na != nb)
		return na < nb ? 1 : -1;
	if (!a[0] || !b[0])
		return !a[0] - !b[0]; /* empty keys after the others, as aggregate_group */
	return strcmp(a[0], b[0]);
}

/* An unfiltered grouping by one tallied field: the tallies answer it without
 * reading the rows (a province's tickets by state), in the shape
 * aggregate_group answers (key, label, count, sum). 1 when answered, 0 when the
 * tallies cannot say, -1 on error. */
static int tallied(struct request_ctx *ctx, const struct resource *res,
		   const struct aggregate_key *key, struct db_result *out, struct buf *err)
{
	const char *lo, *hi;
	struct db_result t;
	size_t i, n = 0;

	if (key->level || key->chars || !tallies_field(res, key->field) ||
	    !records_tally_range(res, ctx->who, &lo, &hi))
		return 0;
	if (tally_read(ctx->db, ctx->a, res->name, key->field->name, *lo ? lo : NULL, hi, &t, err))
		return -1;
	memset(out, 0, sizeof(*out));
	out->ncols = 4;
	out->cells = arena_alloc(ctx->a, sizeof(char *) * 4 * (t.nrows + 1));
	for (i = 0; i < t.nrows; i++) {
		const char *v = db_cell(&t, i, 0);
		char **row = out->cells + 4 * n;

		if (!strtoll(db_cell(&t, i, 1), NULL, 10))
			continue; /* a value no live row has any more */
		row[0] = *v ? (char *)v : NULL;
		row[1] = NULL;
		row[2] = (char *)db_cell(&t, i, 1);
		row[3] = NULL;
		n++;
	}
	out->nrows = n;
	qsort(out->cells, n, sizeof(char *) * 4, by_count);
	return 1;
}

void generic_group(struct request_ctx *ctx)
{
	const struct resource *res = generic_resource_or_reply(ctx);
	const char *group = request_arg(ctx, "group"), *sum = request_arg(ctx, "sum");
	const char *format = request_arg(ctx, "format");
	struct aggregate_key keys[2];
	const struct field *sumf = NULL;
	struct records_query q;
	struct db_result rows;
	struct buf err = BUF_INIT;
	const char *why = NULL;
	json_t *groups = NULL;
	long long total = 0, total_sum = 0;
	int nkeys = 0, i, t;
	size_t r;

	memset(&q, 0, sizeof(q));
	sqlw_init(&q.where, ctx->a);
	if (!res)
		goto out;
	if (format && strcmp(format, "json") && strcmp(format, "xlsx")) {
		bad_param(ctx, "format", "应为 json 或 xlsx");
		goto out;
	}
	if (!group || !*group) {
		bad_param(ctx, "group", "请指定分组字段");
		goto out;
	}
	nkeys = stats_parse_keys(ctx, res, group, keys, 2, &why);
	if (nkeys < 0) {
		bad_param(ctx, "group", why);
		goto out;
	}
	if (sum && *sum) {
		sumf = resource_field(res, sum);
		if (!sumf || (sumf->type != FT_INT && sumf->type != FT_MONEY) ||
		    (sumf->flags & F_HIDDEN)) {
			bad_param(ctx, "sum", "只能对整数或金额字段求和");
			goto out;
		}
	}
	if (generic_filters_or_reply(ctx, res, &q))
		goto out;
	t = nkeys == 1 && !sumf && !q.where.sql.len ? tallied(ctx, res, &keys[0], &rows, &err) : 0;
	if (t < 0 || (!t && aggregate_group(ctx->db, ctx->a, ctx->who, res, NULL, &q.where, keys, nkeys,
					    sumf, &rows, &err))) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	groups = json_array();
	for (r = 0; r < rows.nrows; r++) {
		json_t *k = json_object(), *g;
		long long n = strtoll(db_cell(&rows, r, 2 * nkeys), NULL, 10);
		const char *s = db_cell(&rows, r, 2 * nkeys + 1);
		long long sv = s ? strtoll(s, NULL, 10) : 0;

		for (i = 0; i < nkeys; i++)
			stats_key_json(ctx, &keys[i], db_cell(&rows, r, i), db_cell(&rows, r, nkeys + i),
				       k, key_name(ctx, keys, i));
		g = json_pack("{s:o, s:I}", "keys", k, "count", (json_int_t)n);
		if (sumf)
			json_object_set_new(g, "sum", json_integer(sv));
		json_array_append_new(groups, g);
		total += n;
		total_sum += sv;
	}
	if (format && !strcmp(format, "xlsx"))
		send_xlsx(ctx, res, keys, nkeys, sumf, groups, total, total_sum);
	else
		reply_json(ctx, 200, json_pack("{s:I, s:O}", "total", (json_int_t)total,
					       "groups", groups));
out:
	json_decref(groups);
	sqlw_release(&q.where);
	buf_release(&err);
}
