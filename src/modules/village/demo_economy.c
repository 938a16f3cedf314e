/* demo_economy: 新庄社区's service chain as the newspaper tells it — the
 * repurposed rooms (80 m² 托管中心, 老年活动室, 180 m² leased to a yoga studio),
 * its collective enterprises (家政 80 jobs, 劳务 200, 毛绒玩具 400, 垃圾清运
 * for 13 estates at 20万+ a year), and its collective ledger: 24.58万 of income
 * disclosed since the redistricting of November 2023 and the spending listed
 * (road 2万, 98 parking spaces, 25 solar lamps, children's space 2.5万,
 * evening class 1.2万, cameras 0.4万, drains 0.4万); and 新坪村's cave-mushroom
 * cooperative with its members' shares, last year's dividend run (computed,
 * approved, paid) and this year's draft, its mushroom base (230 jobs at 1,500
 * a month) and 15.9万 more collective income than last year. Dated relative to
 * the day it runs; written through the same validation and actions as users'. */
#include <stdlib.h>
#include <string.h>

#include "modules/village/demo_village.h"
#include "modules/village/village.h"

#define REDISTRICTED "2023-11-20" /* the first entry after the redistricting */

/* One ledger entry, taken to `until` (draft, approved or disclosed). */
static long long entry(struct vdemo *d, const char *division, const char *on, const char *dir,
		       const char *cat, const char *yuan, const char *project, const char *until)
{
	long long id = vdemo_create(d, &res_collective_ledger, json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "division_code", division,
		"entry_on", on, "direction", dir, "category", cat, "amount_fen", yuan, "project", project,
		"voucher_no", arena_printf(d->ctx->a, "记-%04d", ++d->vouchers),
		"decided_by", strcmp(dir, "income") ? "社区“两委”会议、居民代表会议" : "社区“两委”会议"));

	if (!id || !strcmp(until, "draft"))
		return id;
	if (vdemo_act(d, &res_collective_ledger, id, "approve", json_pack("{s:s, s:s}", "date",
		      vdemo_later(d, on, 2), "opinion", "同意")))
		return 0;
	if (!strcmp(until, "disclosed") &&
	    vdemo_act(d, &res_collective_ledger, id, "disclose", json_pack("{s:s}", "date",
		      vdemo_later(d, on, 10))))
		return 0;
	return id;
}

/* The day a fraction f of the way from `from` to `to`. */
static const char *between(struct vdemo *d, const char *from, const char *to, double f)
{
	char out[DATE_SIZE];
	int days = 0;

	date_diff_days(from, to, &days);
	date_add_days(from, (int)(days * f), out);
	return arena_strdup(d->ctx->a, out);
}

static const struct {
	const char *cat, *yuan, *project;
	int times;
} incomes[] = {
	{ "rent", "9000", "闲置办公房（180平方米）出租瑜伽馆季度租金", 8 },
	{ "operations", "25000", "垃圾清运公司（13个小区）经营收益", 4 },
	{ "operations", "18000", "康洁家政服务公司上缴收益", 2 },
	{ "operations", "8900", "开有劳务公司茶园劳务服务费", 2 },
	{ "subsidy", "20000", "村级集体经济发展扶持补助", 1 },
};

static const struct {
	double at;
	const char *cat, *yuan, *project;
} spendings[] = {
	{ 0.30, "infrastructure", "20000", "新庄组硬化路面修复" },
	{ 0.42, "infrastructure", "58000", "惠民小区增设98个停车位" },
	{ 0.50, "infrastructure", "37500", "新庄组主要道路及公共区域安装25盏太阳能路灯" },
	{ 0.62, "minors", "25000", "盘活边角场地打造未成年人益智活动空间" },
	{ 0.70, "minors", "12000", "完善社区晚托班设施设备" },
	{ 0.80, "security", "4000", "新庄山塘周边及公路沿线安装监控设备" },
	{ 0.90, "sanitation", "4000", "集中整治污水沟等卫生死角" },
};

static int xinzhuang_ledger(struct vdemo *d)
{
	const char *end = vdemo_ago(d, 30);
	int n = (int)(sizeof(incomes) / sizeof(incomes[0])), i, k;

	/* each kind of income spread over the whole time since the redistricting */
	for (i = 0; i < n; i++)
		for (k = 0; k < incomes[i].times; k++)
			if (!entry(d, XINZHUANG, between(d, REDISTRICTED, end,
					(k + (double)i / n) / incomes[i].times), "income", incomes[i].cat,
				   incomes[i].yuan, incomes[i].project, "disclosed"))
				return -1;
	for (i = 0; i < (int)(sizeof(spendings) / sizeof(spendings[0])); i++)
		if (!entry(d, XINZHUANG, between(d, REDISTRICTED, end, spendings[i].at), "expense",
			   spendings[i].cat, spendings[i].yuan, spendings[i].project, "disclosed"))
			return -1;
	/* approved but not yet disclosed, and one still to approve: not on the public page */
	if (!entry(d, XINZHUANG, vdemo_ago(d, 12), "expense", "elderly", "2600",
		   "老年人文娱活动室添置棋牌桌椅", "approved") ||
	    !entry(d, XINZHUANG, vdemo_ago(d, 3), "expense", "minors", "3000", "社区书屋添置图书",
		   "draft"))
		return -1;
	return 0;
}

static int xinzhuang_assets(struct vdemo *d)
{
	if (!vdemo_create(d, &res_assets, json_pack("{s:s, s:s, s:s, s:i, s:s, s:s, s:s}",
		"division_code", XINZHUANG, "name", "党员活动室（一屋两用）", "kind", "room",
		"area_m2", 80, "status", "self_service", "use", "托管中心（聘请2名专职教师）",
		"since", vdemo_ago(d, 600))) ||
	    !vdemo_create(d, &res_assets, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
		"division_code", XINZHUANG, "name", "闲置用房（联合物业改造）", "kind", "room",
		"status", "self_service", "use", "老年人文娱活动室", "since", vdemo_ago(d, 500))) ||
	    !vdemo_create(d, &res_assets, json_pack(
		"{s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "division_code", XINZHUANG,
		"name", "闲置办公房", "kind", "room", "area_m2", 180, "status", "leased", "use", "瑜伽馆",
		"tenant", "瓮安县悦心瑜伽馆", "rent_fen_per_year", "36000",
		"lease_start", vdemo_ago(d, 710), "lease_end", vdemo_ago(d, -20),
		"since", vdemo_ago(d, 710))) ||
	    !vdemo_create(d, &res_assets, json_pack("{s:s, s:s, s:s, s:i, s:s, s:s}",
		"division_code", XINZHUANG, "name", "原居委会旧仓库", "kind", "room", "area_m2", 45,
		"status", "idle", "since", vdemo_ago(d, 900))))
		return -1;
	return 0;
}

static const struct {
	const char *division, *name, *kind, *model, *groups;
	int jobs[2];              /* last year, this year */
	const char *revenue[2], *pay;
} enterprises[] = {
	{ XINZHUANG, "瓮安县康洁家政服务有限公司", "housekeeping", "党支部+合作社+家政服务",
	  "社区妇女", { 62, 80 }, { "1020000", "1380000" }, "2600" },
	{ XINZHUANG, "瓮安县开有劳务有限公司", "labour", "党支部+劳务公司+茶企",
	  "社区富余劳动力", { 150, 200 }, { "860000", "1150000" }, "2300" },
	{ XINZHUANG, "瓮安县长盈毛绒玩具厂", "manufacturing", "引进企业+来料加工",
	  "留守妇女、残疾人", { 320, 400 }, { "5200000", "6800000" }, "2100" },
	{ XINZHUANG, "新庄社区垃圾清运公司", "sanitation", "社区+清运公司（13个小区）",
	  "社区困难群众", { 10, 12 }, { "198000", "216000" }, "2400" },
	{ XINPING, "新坪村洞穴食用菌基地", "agriculture", "村级股份经济合作社+户头入股+劳务合作",
	  "脱贫户和监测对象", { 40, 230 }, { "120000", "680000" }, "1500" },
};

static int collective_enterprises(struct vdemo *d)
{
	size_t i;
	int y;

	for (i = 0; i < sizeof(enterprises) / sizeof(enterprises[0]); i++) {
		long long id = vdemo_create(d, &res_collective_enterprises, json_pack(
			"{s:s, s:s, s:s, s:s, s:s}", "division_code", enterprises[i].division,
			"name", enterprises[i].name, "kind", enterprises[i].kind,
			"model", enterprises[i].model, "founded_on", vdemo_ago(d, 800 + 90 * (int)i)));

		if (!id)
			return -1;
		for (y = 0; y < 2; y++)
			if (!vdemo_create(d, &res_enterprise_years, json_pack(
				"{s:I, s:i, s:s, s:i, s:s, s:s}", "collective_enterprise_id", (json_int_t)id,
				"year", d->year - 1 + y, "revenue_fen", enterprises[i].revenue[y],
				"jobs", enterprises[i].jobs[y], "jobs_priority_groups",
				enterprises[i].groups, "avg_monthly_income_fen", enterprises[i].pay)))
				return -1;
	}
	return 0;
}

/* 新坪村: 15.9万 more collective income this year than last. */
static int xinping_ledger(struct vdemo *d)
{
	const char *last_june = arena_printf(d->ctx->a, "%d-06-30", d->year - 1);
	const char *last_nov = arena_printf(d->ctx->a, "%d-11-15", d->year - 1);

	if (!entry(d, XINPING, last_june, "income", "operations", "18000", "村集体林地承包收益",
		   "disclosed") ||
	    !entry(d, XINPING, last_nov, "income", "subsidy", "14000", "村级集体经济扶持补助",
		   "disclosed") ||
	    !entry(d, XINPING, vdemo_this_year(d, 60), "income", "operations", "151000",
		   "洞穴食用菌（平菇）销售收益", "disclosed") ||
	    !entry(d, XINPING, vdemo_this_year(d, 120), "income", "subsidy", "40000",
		   "省级集体经济扶持项目补助", "disclosed"))
		return -1;
	return 0;
}

static const struct {
	const char *holder, *kind;
	int shares;
} holdings[] = {
	{ "韦光明户", "cash", 20 }, { "蒙学军户", "cash", 15 }, { "罗正华户", "cash", 12 },
	{ "杨德芬户", "cash", 10 }, { "岑远平户", "cash", 9 }, { "陆金花户", "cash", 8 },
	{ "王开友户", "cash", 6 }, { "吴成才户", "cash", 5 },
	{ "韦国强户", "land", 10 }, { "罗春兰户", "land", 8 }, { "蒙正福户", "land", 6 },
	{ "杨秀英户", "land", 5 },
	{ "岑小平户", "labour", 4 }, { "陆家旺户", "labour", 3 },
	{ "韦老三户", "poverty_household", 2 }, { "罗明珍户", "poverty_household", 2 },
	{ "蒙德贵户", "poverty_household", 2 }, { "杨正林户", "poverty_household", 2 },
	{ "王秀珍户", "poverty_household", 2 }, { "吴国富户", "poverty_household", 2 },
	{ "岑开明户", "poverty_household", 2 }, { "陆玉梅户", "poverty_household", 2 },
	{ "韦文才户", "poverty_household", 2 }, { "罗老四户", "poverty_household", 2 },
};

/* The cave-mushroom cooperative: shares, last year's run paid, this year's drafted. */
static int xinping_coop(struct vdemo *d, long long *shares_out)
{
	long long coop, run;
	size_t i;

	coop = vdemo_create(d, &res_coops, json_pack("{s:s, s:s, s:s, s:s}", "division_code", XINPING,
		"name", "平塘县掌布镇新坪村股份经济合作社", "business", "洞穴食用菌（平菇）种植",
		"founded_on", vdemo_ago(d, 700)));
	if (!coop)
		return -1;
	*shares_out = 0;
	for (i = 0; i < sizeof(holdings) / sizeof(holdings[0]); i++) {
		if (!vdemo_create(d, &res_coop_shares, json_pack("{s:I, s:s, s:i, s:s, s:s}",
			"coop_id", (json_int_t)coop, "holder_name", holdings[i].holder,
			"shares", holdings[i].shares, "kind", holdings[i].kind,
			"since", vdemo_ago(d, 420 + (int)i))))
			return -1;
		*shares_out += holdings[i].shares;
	}
	run = vdemo_create(d, &res_coop_dividends, json_pack("{s:I, s:i, s:s, s:s, s:s}",
		"coop_id", (json_int_t)coop, "year", d->year - 1, "distributable_fen", "86400.37",
		"guaranteed_fen_per_share", "100", "notes", "保底分红每股100元，其余按股效益分红"));
	if (!run || vdemo_act(d, &res_coop_dividends, run, "compute", json_object()) ||
	    vdemo_act(d, &res_coop_dividends, run, "approve", json_pack("{s:s, s:s}", "date",
		      vdemo_later(d, d->jan1, 14), "opinion", "经成员代表大会审议通过")) ||
	    vdemo_act(d, &res_coop_dividends, run, "pay", json_pack("{s:s}", "date",
		      vdemo_later(d, d->jan1, 20))))
		return -1;
	if (!vdemo_create(d, &res_coop_dividends, json_pack("{s:I, s:i, s:s, s:s}", "coop_id",
		(json_int_t)coop, "year", d->year, "distributable_fen", "158000",
		"guaranteed_fen_per_share", "100")))
		return -1;
	return 0;
}

int village_economy_demo(struct request_ctx *ctx, struct buf *summary, struct buf *err)
{
	struct vdemo d;
	long long shares = 0;

	vdemo_init(&d, ctx, err);
	if (xinzhuang_assets(&d) || xinzhuang_ledger(&d) || collective_enterprises(&d) ||
	    xinping_ledger(&d) || xinping_coop(&d, &shares))
		return -1;
	buf_addf(summary, "新庄社区集体资产、经济实体和收支台账（2023年11月以来公开收入 24.58 万元）；"
			  "新坪村合作社 %d 户 %lld 股及分红\n",
		 (int)(sizeof(holdings) / sizeof(holdings[0])), shares);
	return 0;
}
