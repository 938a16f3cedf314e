/* cmd_demo: a demo dataset for 下司镇 (独山县) — its real villages with party
 * organisations, residents and enterprises — written through the same
 * validation and audit as any user's input, so it is valid by construction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/generic.h"
#include "api/record.h"
#include "api/resources.h"
#include "cli/cli.h"
#include "cli/demo.h"
#include "cli/demo_talent.h"
#include "domain/date.h"
#include "domain/demo_ids.h"

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

long long demo_create(struct request_ctx *ctx, const struct resource *res, json_t *in)
{
	json_t *rec = json_object(), *errors = json_object(), *after = NULL;
	long long id = 0;
	struct buf err = BUF_INIT;

	record_validate(ctx, res, in, rec, 1, VALUE_IMPORT, errors);
	if (!json_object_size(errors) &&
	    !generic_write(ctx, res, rec, NULL, -1, "create", errors, &after, &err))
		id = json_integer_value(json_object_get(after, "id"));
	if (!id) {
		char *e = json_dumps(errors, JSON_COMPACT);

		fprintf(stderr, "jiceng: 演示数据 %s 写入失败: %s %s\n", res->name, e, err.ptr);
		free(e);
	}
	json_decref(rec);
	json_decref(errors);
	json_decref(after);
	json_decref(in);
	buf_release(&err);
	return id;
}

static long long demo_platform(struct request_ctx *ctx)
{
	long long town_org, n = 0;
	int v, i, k = 0;
	char today[DATE_SIZE];

	date_today(today);
	town_org = demo_create(ctx, &res_orgs, json_pack("{s:s, s:s, s:s, s:s}", "name", "中共独山县下司镇委员会",
						    "kind", "party_committee", "division_code", town,
						    "established_on", "1984-06-01"));
	if (!town_org)
		return -1;
	for (v = 0; villages[v]; v++) {
		const char *vname = records_division_name(ctx, villages[v]);
		long long branch = demo_create(ctx, &res_orgs, json_pack(
			"{s:s, s:s, s:I, s:s}", "name", arena_printf(ctx->a, "中共%s支部委员会", vname),
			"kind", "branch", "parent_id", (json_int_t)town_org, "division_code", villages[v]));

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
				"address", arena_printf(ctx->a, "独山县下司镇%s", vname))))
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
			"has_union", i != 1, "has_youth_league", i == 0)))
			return -1;
	}
	return n;
}

int cmd_demo(struct cli *c)
{
	struct request_ctx ctx;
	struct db *db;
	struct buf err = BUF_INIT;
	long long n, talents = 0;
	int ret = 1;

	if (!(db = cli_open(c, 1)))
		return 1;
	cli_ctx_init(&ctx, db);
	if (db_begin(db, 1, &err))
		goto out;
	n = demo_platform(&ctx);
	if (n >= 0 && (talents = demo_talent_load(&ctx)) < 0)
		n = -1;
	if (n < 0 || db_commit(db, &err)) {
		db_rollback(db);
		goto out;
	}
	db_analyze(db);
	fprintf(stderr, "jiceng: 已载入演示数据：下司镇 %d 个村的党组织、%lld 名人员和企业\n",
		(int)(sizeof(villages) / sizeof(villages[0])) - 1, n);
	fprintf(stderr, "jiceng: 已载入演示数据：下司镇村级后备力量 %lld 人（含入库流程中、出库人员）\n", talents);
	ret = 0;
out:
	if (ret && err.len)
		fprintf(stderr, "jiceng: %s\n", err.ptr);
	buf_release(&err);
	cli_ctx_release(&ctx);
	db_close(db);
	return ret;
}
