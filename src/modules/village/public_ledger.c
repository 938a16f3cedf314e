/* public_ledger: GET /public/v1/ledger/{division_code}?year= — 村务公开 for
 * anyone, without login: a village's or community's disclosed income and
 * expense entries with their totals by category and by year, and the
 * approved dividend runs of its cooperatives in aggregate. Only disclosed
 * rows, and nothing personal: no holders, no vouchers, no notes; long digit
 * runs in project names (a phone or ID number typed there) are blotted. */
#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "domain/division.h"
#include "modules/village/village.h"
#include "modules/village/village_common.h"
#include "modules/village/village_store.h"
#include "store/records.h"

#define PUBLIC_MAX_ENTRIES 5000

/* Text for the public: every run of 7 or more digits (a phone, ID or account
 * number typed into a project name) becomes as many '*'. */
static const char *blotted(struct request_ctx *ctx, const char *s)
{
	char *out = s ? arena_strdup(ctx->a, s) : NULL;

	village_digit_run(s, out, 7);
	return out;
}

/* An integer cell (fen, counts, years) as JSON; 0 for NULL. */
static json_t *number(const char *cell)
{
	return json_integer(cell ? strtoll(cell, NULL, 10) : 0);
}

void village_public_ledger(struct request_ctx *ctx)
{
	const char *yarg = request_arg(ctx, "year");
	struct db_result rows, totals, years, divs;
	struct buf err = BUF_INIT;
	char code[DIVISION_SIZE];
	const char *name, *from = NULL, *to = NULL;
	json_t *entries, *sums, *per_year, *dividends;
	int year = 0;
	size_t i;

	if (division_normalize(ctx->params[0], code)) {
		reply_error(ctx, 404, "not_found", "没有这个村（社区）", NULL);
		goto out;
	}
	if (yarg && *yarg) {
		if ((year = village_year_of(yarg)) < 2000 || strlen(yarg) != 4) {
			reply_error(ctx, 400, "bad_request", "year 应为四位年份，如 2025",
				    json_pack("{s:s}", "year", "应为四位年份"));
			goto out;
		}
		from = arena_printf(ctx->a, "%d-01-01", year);
		to = arena_printf(ctx->a, "%d-12-31", year);
	}
	if (!(name = records_division_name(ctx->db, ctx->a, code))) {
		reply_error(ctx, 404, "not_found", "没有这个村（社区）", NULL);
		goto out;
	}
	if (village_store_disclosed(ctx->db, ctx->a, code, from, to, PUBLIC_MAX_ENTRIES, &rows, &err) ||
	    village_store_disclosed_totals(ctx->db, ctx->a, code, from, to, &totals, &err) ||
	    village_store_disclosed_years(ctx->db, ctx->a, code, &years, &err) ||
	    village_store_disclosed_dividends(ctx->db, ctx->a, code, year, &divs, &err)) {
		generic_internal_error(ctx, &err);
		goto out;
	}
	entries = json_array();
	for (i = 0; i < rows.nrows; i++)
		json_array_append_new(entries, json_pack("{s:s, s:s, s:s, s:s, s:o, s:s?}",
			"entry_on", db_cell(&rows, i, 0), "direction", db_cell(&rows, i, 1),
			"category", db_cell(&rows, i, 2), "category_label",
			resource_enum_label(&res_collective_ledger, "category", db_cell(&rows, i, 2)),
			"amount_fen", number(db_cell(&rows, i, 3)),
			"project", blotted(ctx, db_cell(&rows, i, 4))));
	sums = json_array();
	for (i = 0; i < totals.nrows; i++)
		json_array_append_new(sums, json_pack("{s:s, s:s, s:s, s:o}", "direction",
			db_cell(&totals, i, 0), "category", db_cell(&totals, i, 1), "category_label",
			resource_enum_label(&res_collective_ledger, "category", db_cell(&totals, i, 1)),
			"amount_fen", number(db_cell(&totals, i, 2))));
	per_year = json_array();
	for (i = 0; i < years.nrows; i++) {
		const char *y = db_cell(&years, i, 0);
		json_t *last = json_array_get(per_year, json_array_size(per_year) - 1);

		if (!last || json_integer_value(json_object_get(last, "year")) != strtoll(y, NULL, 10)) {
			last = json_pack("{s:o, s:I, s:I}", "year", number(y), "income_fen", (json_int_t)0,
					 "expense_fen", (json_int_t)0);
			json_array_append_new(per_year, last);
		}
		json_object_set_new(last, strcmp(db_cell(&years, i, 1), "income") ? "expense_fen"
										   : "income_fen",
				    number(db_cell(&years, i, 2)));
	}
	dividends = json_array();
	for (i = 0; i < divs.nrows; i++)
		json_array_append_new(dividends, json_pack(
			"{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s}", "coop", db_cell(&divs, i, 0),
			"year", number(db_cell(&divs, i, 1)), "distributable_fen", number(db_cell(&divs, i, 2)),
			"guaranteed_fen_per_share", number(db_cell(&divs, i, 3)),
			"holdings", number(db_cell(&divs, i, 4)), "shares", number(db_cell(&divs, i, 5)),
			"guaranteed_fen", number(db_cell(&divs, i, 6)),
			"performance_fen", number(db_cell(&divs, i, 7)), "status", db_cell(&divs, i, 8)));
	reply_json(ctx, 200, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "division_code", code,
				       "name", name, "year", year ? json_integer(year) : json_null(),
				       "entries", entries, "totals", sums, "years", per_year,
				       "dividends", dividends));
out:
	buf_release(&err);
}
