/* demo_pairing: the pairings behind the seed page's figures at one twentieth
 * of their scale, and 新坪村's three-level assistance, dated relative to the
 * day it runs so that its figures hold whenever it is loaded:
 *   - 2 州级 and 8 县级 leaders linked to 54 enterprises (13, 168 and 1,086 in
 *     the article), every pairing visited at least twice in the last year, 18
 *     suggestions made and 74 problems solved (358 and 1,470); four pairings
 *     fall due within the week and four are overdue;
 *   - 16 企业特派员 stationed in enterprises (329), 两员合一 with 党建指导员;
 *   - 万企兴万村: 18 enterprises with 14 villages (355, 275), 21 projects since
 *     the year before last, 5,500万 of funds and 480 jobs (423, 11亿, 9,600);
 *   - 社区共驻共建: 12 enterprises and 44 of their members with 4 urban
 *     communities (234, 889, 77), 29 members serving where they live (572);
 *   - 新坪村 (平塘县掌布镇): the county leader paired with the village's
 *     secretary, the county organisation department's 部务会 members visiting
 *     every two months, the town's 督导, a 第一书记, and 320万 of assistance.
 * Written through the same validation, hooks, actions and audit as any
 * user's input (amounts in 元, as an import takes them); two visits raise
 * tickets of their enterprise. */
#include "modules/pairing/pairing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/demo.h"
#include "api/transition.h"
#include "domain/date.h"
#include "domain/demo_ids.h"
#include "modules/platform/platform.h"

#define LEADER_ENTERPRISES 54
#define COMMISSIONERS 16
#define VILLAGE_PAIRS 18
#define COMMUNITY_ENTERPRISES 12
#define COMMUNITY_MEMBERS 44
#define RESIDENT_ROLES 29

#define XINPING "522727108203"

/* A county leader's county: the community of its seat (where its people are
 * registered), two of its towns (its enterprises) and its name. */
static const struct {
	const char *seat, *town[2], *name;
} counties[] = {
	{ "522701001001", { "522701001", "522701002" }, "都匀" },
	{ "522702001001", { "522702001", "522702002" }, "福泉" },
	{ "522722001001", { "522722001", "522722101" }, "荔波" },
	{ "522723001001", { "522723001", "522723002" }, "贵定" },
	{ "522725001001", { "522725001", "522725002" }, "瓮安" },
	{ "522726001001", { "522726001", "522726108" }, "独山" },
	{ "522727001001", { "522727001", "522727100" }, "平塘" },
	{ "522728001001", { "522728001", "522728107" }, "罗甸" },
};

/* 万企兴万村's villages (村民委员会), never 新坪村. */
static const char *const villages[] = {
	"522701001200", "522701002200", "522702001201", "522702001202", "522722001200",
	"522722001201", "522723001200", "522725101201", "522726108204", "522727001200",
	"522728107200", "522729001200", "522730001201", "522731001200",
};

/* 社区共驻共建's urban communities (居民委员会): 广惠, 河滨, 新庄, 虹桥. */
static const char *const communities[] = {
	"522701001001", "522725001001", "522725002006", "522726001001",
};

static const char *const trades[] = { "茶业", "磷化", "新材料", "电子科技", "食品", "建材", "物流",
				      "酒业", "中药材", "纺织" };
static const char *const brands[] = { "鑫源", "恒达", "金泰", "华盛", "宏发", "联创", "裕丰", "永兴",
				      "瑞丰", "天成", "汇通", "富源", "荣昌", "嘉禾", "盛世", "兴旺",
				      "福瑞", "康达" };
static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "吴", "罗", "蒙",
					"韦", "潘", "石", "莫", "岑", "陆", "龙", "何" };
static const char *const given[] = { "建国", "志军", "晓梅", "德华", "红英", "明", "国强", "丽",
				     "永红", "文斌", "海燕", "光荣", "春花", "家富", "玉珍", "世杰",
				     "开明", "秀兰", "正平", "小勇", "树林" };

struct demo {
	struct request_ctx *ctx;
	struct buf *err;
	char today[DATE_SIZE];
	int people;
	long long visits;
};

/* today - days, as text in the arena */
static const char *ago(struct demo *d, int days)
{
	char out[DATE_SIZE];

	date_add_days(d->today, -days, out);
	return arena_strdup(d->ctx->a, out);
}

static long long person(struct demo *d, const char *name, const char *division,
			const char *status)
{
	char id[19], birth[DATE_SIZE];
	int k = d->people++;

	date_add_days("1962-03-01", k * 53, birth);
	demo_id_number("522727", birth, k, k % 3 != 1, id);
	if (!name)
		name = arena_printf(d->ctx->a, "%s%s", surnames[k % 18], given[(k * 5) % 21]);
	return demo_create(d->ctx, &res_persons, json_pack("{s:s, s:s, s:s, s:s}", "name", name,
		"id_number", id, "division_code", division, "political_status", status), d->err);
}

static long long pairing(struct demo *d, json_t *in)
{
	return demo_create(d->ctx, &res_pairings, in, d->err);
}

static long long visit(struct demo *d, long long pairing_id, int days, int suggestions,
		       int found, int solved, const char *visitors, const char *summary)
{
	json_t *in = json_pack("{s:I, s:s, s:s, s:i, s:i, s:i, s:s}", "pairing_id",
			       (json_int_t)pairing_id, "visited_on", ago(d, days), "kind",
			       days % 4 == 1 ? "call" : "on_site", "suggestions", suggestions,
			       "problems_found", found, "problems_solved", solved, "summary", summary);

	if (visitors)
		json_object_set_new(in, "visitors", json_string(visitors));
	d->visits++;
	return demo_create(d->ctx, &res_visits, in, d->err);
}

/* 转办工单 on a visit, as its user would. */
static int raise_ticket(struct demo *d, long long visit_id, const char *category,
			const char *title)
{
	json_t *errors = json_object();
	json_t *body = json_pack("{s:s, s:s}", "category", category, "title", title);
	int status = transition_run(d->ctx, &res_visits, visit_id,
				    resource_action(&res_visits, "raise_ticket"), body, -1, 0, errors,
				    NULL, d->err);

	if (status) {
		char *e = json_dumps(errors, JSON_COMPACT);

		buf_setf(d->err, "演示数据 走访 %lld 转办工单失败 (%d): %s", visit_id, status, e);
		free(e);
	}
	json_decref(errors);
	json_decref(body);
	return status ? -1 : 0;
}

/* 2 州级 and 8 县级 leaders, 54 enterprises; every pairing visited twice or
 * three times in the last year, each every six months at least. */
static int leaders(struct demo *d, const long long *ents)
{
	long long people[10], p, first;
	int i, l;

	for (l = 0; l < 10; l++) {
		const char *where = counties[l < 2 ? 0 : l - 2].seat;

		if (!(people[l] = person(d, NULL, where, "member")))
			return -1;
	}
	for (i = 0; i < LEADER_ENTERPRISES; i++) {
		/* the 州级 leaders take three enterprises each, the 县级 six each */
		l = i < 6 ? i / 3 : 2 + (i - 6) / 6;
		p = pairing(d, json_pack("{s:s, s:I, s:I, s:s, s:s, s:i, s:i}", "kind",
			"leader_enterprise", "person_id", (json_int_t)people[l], "enterprise_id",
			(json_int_t)ents[i], "level", l < 2 ? "prefecture" : "county", "start_on",
			ago(d, 400), "visit_every_months", 6, "min_visits_per_year", 2));
		if (!p)
			return -1;
		/* 18 suggestions on the first visits of 18 pairings; 54 + 20 problems solved */
		if (i % 13 == 12) {
			/* overdue: the last visit more than six months ago */
			first = visit(d, p, 330, i < 18, 2, 1, NULL, "调研企业生产经营情况");
			if (!first || !visit(d, p, 200, 0, 1, i < 20, NULL, "回访问题化解进展"))
				return -1;
		} else if (i % 13 == 6) {
			/* due within the week */
			first = visit(d, p, 340, i < 18, 2, 1, NULL, "调研企业生产经营情况");
			if (!first || !visit(d, p, 178, 0, 1, i < 20, NULL, "回访问题化解进展"))
				return -1;
		} else {
			first = visit(d, p, 300 - (i % 7) * 10, i < 18, 1 + (i % 3 == 0), 1, NULL,
				      "调研企业用地、用工、用能情况");
			if (!first || !visit(d, p, 120 - (i % 9) * 10, 0, i < 20, i < 20, NULL,
					     "协调解决企业困难问题"))
				return -1;
			if (i % 5 == 0 && !visit(d, p, 20, 0, 0, 0, NULL, "了解企业季度生产情况"))
				return -1;
		}
		if ((i == 7 && raise_ticket(d, first, "financing", "企业申请流动资金贷款协调")) ||
		    (i == 14 && raise_ticket(d, first, "labour", "企业扩产用工招聘对接")))
			return -1;
	}
	return 0;
}

/* 企业特派员 stationed in the first 16 enterprises, in touch every month. */
static int commissioners(struct demo *d, const long long *ents)
{
	long long who, p;
	int i;

	for (i = 0; i < COMMISSIONERS; i++) {
		if (!(who = person(d, NULL, counties[i % 8].seat, "member")) ||
		    !(p = pairing(d, json_pack("{s:s, s:I, s:I, s:s, s:i, s:s}", "kind", "commissioner",
			"person_id", (json_int_t)who, "enterprise_id", (json_int_t)ents[i], "start_on",
			ago(d, 300), "visit_every_months", 1, "notes",
			"两员合一：兼任党建指导员；需求征集、双向匹配、精准选派"))) ||
		    !visit(d, p, 5 + i, 0, 1, 1, NULL, "驻企收集项目代办需求"))
			return -1;
	}
	return 0;
}

/* 万企兴万村: 18 enterprises, 14 villages, 21 projects of 5,500万 and 480 jobs. */
static int village_pairs(struct demo *d, const long long *ents)
{
	static const char *const kinds[] = { "funds", "industry", "employment", "sales" };
	static const char *const titles[] = { "村集体经济入股分红", "特色种养产业基地", "务工人员稳岗就业",
					      "农特产品帮销" };
	long long p;
	int i, k, n = 0;

	for (i = 0; i < VILLAGE_PAIRS; i++) {
		if (!(p = pairing(d, json_pack("{s:s, s:I, s:s, s:s, s:i}", "kind", "enterprise_village",
			"enterprise_id", (json_int_t)ents[20 + i], "division_code", villages[i % 14],
			"start_on", ago(d, 700), "visit_every_months", 3))) ||
		    !visit(d, p, 20 + i * 3, 0, 1, 1, NULL, "对接帮扶项目实施"))
			return -1;
		for (k = 0; k < (i < 3 ? 2 : 1); k++, n++) {
			int days = 650 - n * 30;

			if (!demo_create(d->ctx, &res_assistance_projects, json_pack(
				"{s:I, s:s, s:s, s:I, s:i, s:s, s:s, s:i}", "pairing_id", (json_int_t)p,
				"kind", kinds[n % 4], "title", titles[n % 4], "funds_fen",
				(json_int_t)(n == 20 ? 3000000 : 2600000), "jobs", n == 20 ? 20 : 23,
				"start_on", ago(d, days), "status", days > 200 ? "done" : "in_progress",
				"progress", days > 200 ? 100 : 40 + n), d->err))
				return -1;
		}
	}
	return 0;
}

/* 社区共驻共建: 12 enterprises and 44 of their members with 4 communities;
 * 29 of the members serve where they live. */
static int community_pairs(struct demo *d, const long long *ents)
{
	static const char *const roles[] = { "household_lead", "grid_worker", "building_lead" };
	long long who, p;
	int i;

	for (i = 0; i < COMMUNITY_ENTERPRISES; i++)
		if (!(p = pairing(d, json_pack("{s:s, s:I, s:s, s:s, s:i}", "kind", "enterprise_community",
			"enterprise_id", (json_int_t)ents[38 + i], "division_code", communities[i % 4],
			"start_on", ago(d, 500), "visit_every_months", 3))) ||
		    !visit(d, p, 10 + i, 0, 2, 2, NULL, "认领居民微心愿、解决居民困难问题"))
			return -1;
	for (i = 0; i < COMMUNITY_MEMBERS; i++) {
		const char *community = communities[i % 4];

		if (!(who = person(d, NULL, community, "member")) ||
		    !pairing(d, json_pack("{s:s, s:I, s:I, s:s, s:s}", "kind", "enterprise_community",
			"person_id", (json_int_t)who, "enterprise_id", (json_int_t)ents[38 + i % 12],
			"division_code", community, "start_on", ago(d, 450))))
			return -1;
		if (i < RESIDENT_ROLES && !demo_create(d->ctx, &res_resident_roles, json_pack(
			"{s:I, s:s, s:s, s:I, s:s}", "person_id", (json_int_t)who, "role", roles[i % 3],
			"division_code", community, "enterprise_id", (json_int_t)ents[38 + i % 12],
			"start_on", ago(d, 200)), d->err))
			return -1;
	}
	return 0;
}

/* 新坪村: 县级统筹 + 镇级督导 + 村级落实, and 320万 of assistance. */
static int xinping(struct demo *d)
{
	static const char *const members[] = { "县委组织部副部长 罗正平", "县委组织部部务委员 潘德华",
					       "县委组织部副部长 吴光荣" };
	long long leader, secretary, first, town, dept, county, dpt, p;
	int i;

	if (!(leader = person(d, "杨开明", "522727001001", "member")) ||
	    !(secretary = person(d, "韦树林", XINPING, "member")) ||
	    !(first = person(d, "陈世杰", "522727001001", "member")) ||
	    !(town = person(d, "莫正国", "522727108001", "member")) ||
	    !(dept = demo_create(d->ctx, &res_orgs, json_pack("{s:s, s:s, s:s}", "name",
		"中共平塘县委组织部", "kind", "department", "division_code", "522727"), d->err)))
		return -1;
	/* the county leader paired with the village's secretary, every month */
	county = pairing(d, json_pack("{s:s, s:I, s:I, s:s, s:s, s:s, s:i, s:i, s:s}", "kind",
		"leader_village", "person_id", (json_int_t)leader, "partner_person_id",
		(json_int_t)secretary, "division_code", XINPING, "level", "county", "start_on",
		ago(d, 420), "visit_every_months", 1, "min_visits_per_year", 12, "notes",
		"包保县领导结对帮带村党支部书记，指导政策落实、厘清发展思路"));
	if (!county)
		return -1;
	for (i = 0; i < 12; i++)
		if (!visit(d, county, 335 - i * 30, i % 4 == 0, 1, 1, NULL,
			   i % 2 ? "指导村党支部书记理清洞穴经济发展思路" : "督促惠民政策落实"))
			return -1;
	/* the department's 部务会 members come every two months to judge the 班子 */
	dpt = pairing(d, json_pack("{s:s, s:I, s:s, s:s, s:i, s:i, s:s}", "kind",
		"department_village", "org_id", (json_int_t)dept, "division_code", XINPING,
		"start_on", ago(d, 420), "visit_every_months", 2, "min_visits_per_year", 6, "notes",
		"县委组织部部务会成员每2月到村研判班子运行情况"));
	if (!dpt)
		return -1;
	for (i = 0; i < 6; i++)
		if (!visit(d, dpt, 310 - i * 60, 1, 1, 1, members[i % 3], "研判村“两委”班子运行情况"))
			return -1;
	/* 镇级督导 */
	if (!(p = pairing(d, json_pack("{s:s, s:I, s:s, s:s, s:s, s:i}", "kind", "leader_village",
		"person_id", (json_int_t)town, "division_code", XINPING, "level", "town", "start_on",
		ago(d, 400), "visit_every_months", 1))) ||
	    !visit(d, p, 60, 0, 1, 1, NULL, "督导村级后备力量培养") ||
	    !visit(d, p, 32, 0, 0, 0, NULL, "督导“院坝协商”开展情况") ||
	    !visit(d, p, 3, 0, 1, 1, NULL, "督导洞穴食用菌产业生产"))
		return -1;
	/* 村级落实: the 第一书记 sent by the department, stationed in the village */
	if (!pairing(d, json_pack("{s:s, s:I, s:I, s:s, s:s, s:s}", "kind", "first_secretary",
		"person_id", (json_int_t)first, "org_id", (json_int_t)dept, "division_code", XINPING,
		"start_on", ago(d, 400), "notes", "驻村帮助抓班子建设")))
		return -1;
	/* 东西部协作资金 and 省级集体经济扶持项目: 320万 */
	if (!demo_create(d->ctx, &res_assistance_projects, json_pack(
		"{s:I, s:s, s:s, s:I, s:i, s:i, s:s, s:s, s:s, s:s, s:s}", "pairing_id",
		(json_int_t)county, "kind", "industry", "title", "东西部协作·清风洞洞穴食用菌基地",
		"funds_fen", (json_int_t)2000000, "jobs", 30, "persons_employed", 230, "status",
		"done", "start_on", ago(d, 300), "end_on", ago(d, 150), "output_quantity", "170000",
		"output_unit", "个平菇菌棒"), d->err) ||
	    !demo_create(d->ctx, &res_assistance_projects, json_pack(
		"{s:I, s:s, s:s, s:I, s:s, s:i, s:s, s:s, s:s}", "pairing_id", (json_int_t)dpt,
		"kind", "infrastructure", "title", "省级集体经济扶持·道路硬化和供电系统升级",
		"funds_fen", (json_int_t)1200000, "status", "in_progress", "progress", 80,
		"start_on", ago(d, 250), "output_quantity", "2.1", "output_unit", "公里道路"), d->err))
		return -1;
	return 0;
}

int pairing_demo(struct request_ctx *ctx, struct buf *summary, struct buf *err)
{
	struct demo d = { .ctx = ctx, .err = err };
	long long ents[LEADER_ENTERPRISES];
	char code[19];
	int i;

	date_today(d.today);
	/* the enterprises: 园区 and 非公企业 across eight counties */
	for (i = 0; i < LEADER_ENTERPRISES; i++) {
		int c = i < 6 ? i % 2 : (i - 6) / 6;

		demo_credit_code("91522727", 5000 + i, code);
		if (!(ents[i] = demo_create(ctx, &res_enterprises, json_pack(
			/* brand and trade pairs repeat only after 90 */
			"{s:s, s:s, s:s, s:s, s:s, s:i}", "name", arena_printf(ctx->a, "%s%s%s有限公司",
			counties[c].name, brands[i % 18], trades[i % 10]),
			"credit_code", code, "division_code", counties[c].town[i % 2], "ownership",
			"private", "industry", trades[i % 10], "employees", 30 + (i * 37) % 400), err)))
			return -1;
	}
	if (leaders(&d, ents) || commissioners(&d, ents) || village_pairs(&d, ents) ||
	    community_pairs(&d, ents) || xinping(&d))
		return -1;
	buf_addf(summary, "结对联系：领导联系企业 %d 对、企业特派员 %d 名、万企兴万村 %d 对、"
		 "社区共驻共建 %d 对，新坪村三级帮扶；走访 %lld 次\n", LEADER_ENTERPRISES, COMMISSIONERS,
		 VILLAGE_PAIRS, COMMUNITY_ENTERPRISES + COMMUNITY_MEMBERS, d.visits);
	return 0;
}
