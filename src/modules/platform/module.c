/* module: the platform's table (persons, organisations, enterprises,
 * divisions), the administration module (accounts), the dashboard's
 * counts per child division, and the platform's demo data for 下司镇. */
#include "schema/module.h"

#include <stdlib.h>
#include <string.h>

#include "api/demo.h"
#include "api/generic.h"
#include "domain/date.h"
#include "domain/demo_ids.h"
#include "modules/platform/platform.h"
#include "store/aggregate.h"
#include "store/stats_store.h"

/* ---- counts per child division (the dashboard) ---- */

static int count_children(struct request_ctx *ctx, const struct resource *res,
			  const struct stats_args *args, struct db_result *out, struct buf *err)
{
	struct aggregate_key key = { resource_field(res, "division_code"), args->level + 1, 0 };
	struct sqlw w;
	int ret;

	sqlw_init(&w, ctx->a);
	records_division_filter(&w, res, args->lo, args->hi);
	ret = aggregate_group(ctx->db, ctx->a, ctx->who, res, NULL, &w, &key, 1, NULL, out, err);
	sqlw_release(&w);
	return ret;
}

/* Persons, organisations and enterprises per child division of the area. */
static int counts_by_division(struct request_ctx *ctx, const struct stats_args *args,
			      json_t *values, struct buf *err)
{
	static const struct resource *const counted[] = { &res_persons, &res_orgs,
							  &res_enterprises };
	struct db_result kids, counts[3];
	json_t *rows = json_array();
	size_t i, j;
	int t;

	json_object_set_new(values, "rows", rows);
	if (!args->division[0] || args->level >= DIVISION_VILLAGE)
		return 0;
	if (stats_store_children(ctx->db, ctx->a, args->division, &kids, err))
		return -1;
	for (t = 0; t < 3; t++)
		if (count_children(ctx, counted[t], args, &counts[t], err))
			return -1;
	for (i = 0; i < kids.nrows; i++) {
		const char *code = db_cell(&kids, i, 0);
		json_t *row = json_pack("{s:s, s:s}", "code", code, "name", db_cell(&kids, i, 1));

		for (t = 0; t < 3; t++) {
			long long n = 0;

			for (j = 0; j < counts[t].nrows; j++)
				if (db_cell(&counts[t], j, 0) && !strcmp(db_cell(&counts[t], j, 0), code))
					n = strtoll(db_cell(&counts[t], j, 2), NULL, 10);
			json_object_set_new(row, counted[t]->name, json_integer(n));
		}
		json_array_append_new(rows, row);
	}
	return 0;
}

static const struct stats_def platform_stats[] = {
	{ "counts_by_division", "各地区人员、组织、企业数", NULL, NULL, counts_by_division },
	STATS_END,
};

/* ---- demo data: 下司镇's villages with their branches, residents, enterprises ---- */

static const char town[] = "522726111000";
static const char *const villages[] = {
	"522726111200", "522726111214", "522726111215", "522726111216", "522726111217",
	"522726111218", NULL,
};

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "吴", "罗", "蒙",
					"韦", "潘", "石", "莫", "岑", "陆" };
static const char *const given[] = { "明", "芳", "强", "丽", "军", "燕", "勇", "娟", "涛", "霞",
				     "波", "艳", "建华", "志强", "秀英", "海燕", "国庆", "春梅",
				     "文", "静" };

static int platform_demo(struct request_ctx *ctx, struct buf *summary, struct buf *err)
{
	long long town_org, n = 0;
	int v, i, k = 0;
	char today[DATE_SIZE];

	date_today(today);
	town_org = demo_create(ctx, &res_orgs, json_pack("{s:s, s:s, s:s, s:s}",
		"name", "中共独山县下司镇委员会", "kind", "party_committee", "division_code", town,
		"established_on", "1984-06-01"), err);
	if (!town_org)
		return -1;
	for (v = 0; villages[v]; v++) {
		const char *vname = records_division_name(ctx->db, ctx->a, villages[v]);
		long long branch = demo_create(ctx, &res_orgs, json_pack(
			"{s:s, s:s, s:I, s:s}", "name", arena_printf(ctx->a, "中共%s支部委员会", vname),
			"kind", "branch", "parent_id", (json_int_t)town_org, "division_code", villages[v]),
			err);

		if (!branch)
			return -1;
		for (i = 0; i < 8; i++, k++) {
			char id[19], birth[DATE_SIZE];
			int years = 22 + (k * 7) % 40;

			date_add_days(today, -(years * 365 + (k * 37) % 300), birth);
			demo_id_number("522726", birth, k + 1, k % 2 == 0, id);
			if (!demo_create(ctx, &res_persons, json_pack(
				"{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
				"name", arena_printf(ctx->a, "%s%s", surnames[k % 16], given[(k * 3) % 20]),
				"id_number", id, "phone", arena_printf(ctx->a, "139%08d", 10000000 + k * 7919),
				"ethnicity", k % 3 ? "布依族" : "汉族",
				"education", k % 4 == 0 ? "college" : k % 4 == 1 ? "bachelor" : k % 4 == 2 ? "senior" : "junior",
				"political_status", k % 5 == 0 ? "member" : "masses",
				"division_code", villages[v],
				"address", arena_printf(ctx->a, "独山县下司镇%s", vname)), err))
				return -1;
			n++;
		}
	}
	for (i = 0; i < 3; i++) {
		static const char *const names[] = { "独山县下司古镇文化旅游开发有限公司",
						     "独山县星朗农业专业合作社", "独山县华南茶业有限公司" };
		char code[19];

		demo_credit_code("91522726", i + 1, code);
		if (!demo_create(ctx, &res_enterprises, json_pack(
			"{s:s, s:s, s:s, s:s, s:s, s:i, s:b, s:b}", "name", names[i], "credit_code", code,
			"division_code", villages[i * 2], "ownership", "private", "industry",
			i == 1 ? "农业" : i == 2 ? "制造业" : "文化旅游", "employees", 20 + i * 35,
			"has_union", i != 1, "has_youth_league", i == 0), err))
			return -1;
	}
	buf_addf(summary, "下司镇 %d 个村的党组织、%lld 名人员和企业\n",
		 (int)(sizeof(villages) / sizeof(villages[0])) - 1, n);
	return 0;
}

/* ---- the tables ---- */

static const struct resource *const platform_resources[] = {
	&res_persons, &res_orgs, &res_enterprises, &res_divisions, &res_holidays, NULL,
};

const struct module module_platform = {
	.name = "platform", .label = "基础数据", .resources = platform_resources,
	.stats = platform_stats, .demo = platform_demo,
};

static const struct resource *const admin_resources[] = { &res_users, NULL };

const struct module module_admin = {
	.name = "admin", .label = "系统管理", .resources = admin_resources,
};
