/* demo_governance: 新坪村's turnaround as the newspaper tells it — last of
 * 掌布镇's six villages in last year's 排队抓尾 and first this year (its
 * collective income 3.2 → 19.1 万元, 230 人次 of jobs), the 7 cadres talked to
 * and the 3 assessed excellent, 11 院坝协商 with 9 agreements (land, canals
 * and roads among their follow-ups), its grids and 十联户 with 10 disputes
 * mediated there (and one of 田坝村's taken up to the town), 6 cultural
 * events and 4 field classes, and 15 households commended. Dated relative to
 * the day it runs; disputes are tickets, dated by the real clock as tickets
 * must be; written through the same validation and actions as users'. */
#include <stdlib.h>
#include <string.h>

#include "modules/platform/platform.h"
#include "modules/tickets/tickets.h"
#include "modules/village/demo_village.h"
#include "modules/village/village.h"

#define TIANBA "522727108202"

static const char *const villages[] = {
	"522727108200", "522727108201", TIANBA, XINPING, "522727108204", "522727108205",
};

static const struct {
	const char *code, *label, *direction, *unit;
	int weight;
} indicators[] = {
	{ "collective_income", "村集体经济收入", "higher_better", "万元", 30 },
	{ "party_building", "基层党建考核得分", "higher_better", "分", 25 },
	{ "satisfaction", "群众满意度", "higher_better", "%", 20 },
	{ "industry_jobs", "产业带动就业", "higher_better", "人次", 15 },
	{ "petitions", "越级上访", "lower_better", "件", 10 },
};

#define NI (sizeof(indicators) / sizeof(indicators[0]))
#define NV (sizeof(villages) / sizeof(villages[0]))

/* [last year, this year][village][indicator]: 新坪村 (the fourth) last, then first */
static const char *const scores[2][NV][NI] = {
	{ { "8.6", "88", "92.5", "120", "1" }, { "6.2", "85", "90.1", "80", "2" },
	  { "5.1", "83", "89", "60", "2" }, { "3.2", "72", "78.4", "40", "5" },
	  { "4.8", "80", "87.5", "55", "3" }, { "7.3", "86", "91", "90", "1" } },
	{ { "9.4", "89", "93", "130", "1" }, { "6.8", "86", "90.5", "85", "1" },
	  { "5.6", "84", "89.6", "70", "2" }, { "19.1", "95", "97.2", "230", "0" },
	  { "5.2", "82", "88", "60", "2" }, { "7.9", "87", "91.8", "95", "1" } },
};

static int ranking(struct vdemo *d)
{
	size_t y, v, i;

	for (y = 0; y < 2; y++) {
		int year = d->year - 1 + (int)y;

		for (i = 0; i < NI; i++)
			if (!vdemo_create(d, &res_village_indicators, json_pack(
				"{s:i, s:s, s:s, s:i, s:s, s:s}", "year", year, "code", indicators[i].code,
				"label", indicators[i].label, "weight", indicators[i].weight,
				"direction", indicators[i].direction, "unit", indicators[i].unit)))
				return -1;
		for (v = 0; v < NV; v++)
			for (i = 0; i < NI; i++)
				if (!vdemo_create(d, &res_village_scores, json_pack(
					"{s:i, s:s, s:s, s:s}", "year", year, "division_code", villages[v],
					"indicator_code", indicators[i].code, "value", scores[y][v][i])))
					return -1;
	}
	return 0;
}

static const char *const cadres[] = { "韦志刚", "罗文军", "蒙春燕", "杨正明", "岑丽", "陆建华",
				       "王海", "吴涛" };

/* 7 cadres talked to; 1 stationed cadre (王海) and 2 village cadres excellent. */
static int cadre_reviews(struct vdemo *d, const long long *ids)
{
	int i;

	for (i = 0; i < 7; i++)
		if (!vdemo_create(d, &res_cadre_reviews, json_pack("{s:I, s:s, s:s, s:s, s:s}",
			"person_id", (json_int_t)ids[i], "division_code", XINPING,
			"kind", i < 4 ? "reminder_talk" : "heart_talk",
			"held_on", vdemo_this_year(d, 300 - i * 30),
			"notes", i < 4 ? "群众认可度不高，镇党委提醒谈话，指出问题、提出整改要求"
				       : "镇党委谈心谈话，了解思想动态，帮助厘清工作思路")))
			return -1;
	for (i = 0; i < 7; i++) {
		int excellent = i == 0 || i == 1 || i == 6;

		if (!vdemo_create(d, &res_cadre_reviews, json_pack("{s:I, s:s, s:s, s:s, s:s}",
			"person_id", (json_int_t)ids[i], "division_code", XINPING,
			"kind", "annual_assessment", "held_on", vdemo_this_year(d, 5),
			"grade", excellent ? "excellent" : "competent")))
			return -1;
	}
	return 0;
}

static const struct {
	const char *category, *topic, *follow_up;
	int agreed;
} consultations[] = {
	{ "两清两改两治理", "房前屋后清杂物、清垃圾", NULL, 1 },
	{ "两清两改两治理", "农户改厨改厕", NULL, 1 },
	{ "森林防火", "春季森林防火巡查值守排班", NULL, 1 },
	{ "垃圾转运", "垃圾集中转运点选址", NULL, 1 },
	{ "农业生产", "土地统一规划整治", "统一规划整治土地1900余亩", 1 },
	{ "农业生产", "灌溉沟渠修缮", "修缮灌溉沟渠5公里，解决3个自然村寨季节性缺水", 1 },
	{ "一事一议", "生产道路硬化，党员群众投工投劳", "硬化道路2.1公里", 1 },
	{ "产业发展", "洞穴食用菌项目户头入股与分红", "保底分红与效益分红双挂钩", 1 },
	{ "垃圾转运", "垃圾清运费用分摊", NULL, 0 },
	{ "两清两改两治理", "治理私搭乱建", NULL, 1 },
	{ "森林防火", "野外生产用火管控", NULL, 0 },
};

static int yard_consultations(struct vdemo *d)
{
	size_t i;

	for (i = 0; i < sizeof(consultations) / sizeof(consultations[0]); i++) {
		json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:b, s:s}",
			"division_code", XINPING, "held_on", vdemo_this_year(d, 320 - (int)i * 28),
			"place", i % 2 ? "田间地头" : "村民院坝", "topic", consultations[i].topic,
			"category", consultations[i].category, "participants", 18 + (int)i * 3,
			"agreed", consultations[i].agreed,
			"outcome", consultations[i].agreed ? "经协商达成共识" : "意见分歧较大，待再次协商");

		if (consultations[i].follow_up)
			json_object_set_new(in, "follow_up", json_string(consultations[i].follow_up));
		if (!vdemo_create(d, &res_consultations, in))
			return -1;
	}
	return 0;
}

/* Grids of a village with two 十联户 groups each: their ids into grid[] and group[]. */
static int grids(struct vdemo *d, const char *division, int n, const long long *workers,
		 const long long *leads, long long *grid, long long *group)
{
	static const char *const names[] = { "第一网格", "第二网格", "第三网格" };
	static const char *const places[] = { "上寨", "下寨", "新寨", "坪上", "坡脚", "河边" };
	int i, k;

	for (i = 0; i < n; i++) {
		json_t *g = json_pack("{s:s, s:s, s:i}", "division_code", division, "name", names[i],
				      "households", 48 + i * 6);

		if (workers)
			json_object_set_new(g, "grid_worker_person_id", json_integer(workers[i]));
		if (!(grid[i] = vdemo_create(d, &res_grids, g)))
			return -1;
		for (k = 0; k < 2; k++) {
			json_t *in = json_pack("{s:I, s:s, s:i}", "grid_id", (json_int_t)grid[i],
				"name", arena_printf(d->ctx->a, "%s十联户", places[(i * 2 + k) % 6]),
				"households", 10);

			if (leads)
				json_object_set_new(in, "lead_person_id", json_integer(leads[i * 2 + k]));
			if (!(group[i * 2 + k] = vdemo_create(d, &res_household_groups, in)))
				return -1;
		}
	}
	return 0;
}

/* The real local start of this year, or 330 days ago if later: disputes are
 * tickets, which cannot be dated ahead of the real clock. */
static time_t dispute_start(struct vdemo *d)
{
	struct tm tm;
	time_t jan1, floor = d->now - 330 * 86400;

	localtime_r(&d->now, &tm);
	tm.tm_mon = 0;
	tm.tm_mday = 1;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	jan1 = mktime(&tm);
	return jan1 > floor ? jan1 : floor;
}

static const char *instant(struct vdemo *d, time_t t)
{
	struct tm tm;
	char out[DATE_TIME_SIZE];

	gmtime_r(&t, &tm);
	strftime(out, sizeof(out), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return arena_strdup(d->ctx->a, out);
}

/* One dispute from a 十联户 group, mediated by `org` (its person `who`) and closed. */
static int dispute(struct vdemo *d, const char *division, long long grid, long long group,
		   const char *category, const char *title, long long org, long long who,
		   time_t at, time_t step)
{
	long long id = vdemo_create(d, &res_tickets, json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:s}", "kind", "dispute", "category", category,
		"title", title, "division_code", division, "source", "visit", "grid_id", (json_int_t)grid,
		"household_group_id", (json_int_t)group, "submitted_at", instant(d, at)));
	json_t *dispatch = json_pack("{s:I, s:s}", "assignee_org_id", (json_int_t)org, "at",
				     instant(d, at + step));

	if (who)
		json_object_set_new(dispatch, "assignee_person_id", json_integer(who));
	if (!id) {
		json_decref(dispatch);
		return -1;
	}
	return vdemo_act(d, &res_tickets, id, "dispatch", dispatch) ||
	       vdemo_act(d, &res_tickets, id, "accept", json_pack("{s:s}", "at",
			 instant(d, at + 2 * step))) ||
	       vdemo_act(d, &res_tickets, id, "resolve", json_pack("{s:s, s:s}", "resolution",
			 "网格员、联户长入户调解，双方达成和解", "at", instant(d, at + 3 * step))) ||
	       vdemo_act(d, &res_tickets, id, "rate", json_pack("{s:s, s:s}", "rating", "satisfied",
			 "at", instant(d, at + 4 * step))) ? -1 : 0;
}

static const struct {
	const char *category, *title;
} disputes[] = {
	{ "neighbour", "宅基地边界引发邻里争执" }, { "family", "赡养老人费用分担家庭矛盾" },
	{ "neighbour", "房前排水沟堵塞邻里纠纷" }, { "land", "承包地地界纠纷" },
	{ "family", "夫妻感情不和家庭矛盾" }, { "neighbour", "牲畜损坏庄稼邻里纠纷" },
	{ "neighbour", "生产便道通行邻里纠纷" }, { "family", "兄弟分家财产家庭矛盾" },
	{ "land", "山林界址纠纷" }, { "neighbour", "建房遮挡采光邻里纠纷" },
};

static int grids_and_disputes(struct vdemo *d, const long long *workers, const long long *leads)
{
	long long grid[3], group[6], tgrid[1], tgroup[2], committee, centre;
	time_t start = dispute_start(d), end = d->now - 600, step;
	int n = (int)(sizeof(disputes) / sizeof(disputes[0])), i;

	if (end < start)
		end = start;
	step = (end - start) / (n + 1) / 6;
	committee = vdemo_create(d, &res_orgs, json_pack("{s:s, s:s, s:s}", "name",
		"新坪村村民委员会", "kind", "village_committee", "division_code", XINPING));
	centre = vdemo_create(d, &res_orgs, json_pack("{s:s, s:s, s:s}", "name",
		"掌布镇综治中心", "kind", "department", "division_code", ZHANGBU));
	if (!committee || !centre || grids(d, XINPING, 3, workers, leads, grid, group) ||
	    grids(d, TIANBA, 1, NULL, NULL, tgrid, tgroup))
		return -1;
	for (i = 0; i < n; i++)
		if (dispute(d, XINPING, grid[i % 3], group[(i % 3) * 2 + i % 2], disputes[i].category,
			    disputes[i].title, committee, workers[i % 3],
			    start + (end - start) * i / (n + 1), step))
			return -1;
	/* 田坝村's, taken up to the town: not resolved in the grid */
	return dispute(d, TIANBA, tgrid[0], tgroup[0], "land", "跨村山林权属纠纷", centre, 0,
		       start + (end - start) * n / (n + 1), step);
}

static int activities_and_awards(struct vdemo *d)
{
	static const char *const families[] = { "韦光明", "蒙学军", "罗正华", "杨德芬", "岑远平",
						"陆金花", "王开友", "吴成才", "韦国强", "罗春兰",
						"蒙正福", "杨秀英", "岑小平", "陆家旺", "韦文才" };
	int i;

	for (i = 0; i < 6; i++)
		if (!vdemo_create(d, &res_activities, json_pack("{s:s, s:s, s:s, s:s, s:i}",
			"division_code", XINPING, "kind", "culture",
			"title", "布依“六月六”本土文化宣传", "held_on", vdemo_this_year(d, 200 - i * 25),
			"participants", 120 + i * 10)))
			return -1;
	for (i = 0; i < 4; i++)
		if (!vdemo_create(d, &res_activities, json_pack("{s:s, s:s, s:s, s:s, s:i}",
			"division_code", XINPING, "kind", "training",
			"title", "田间课堂：食用菌种植技术培训", "held_on", vdemo_this_year(d, 260 - i * 40),
			"participants", 52)))
			return -1;
	for (i = 0; i < 15; i++)
		if (!vdemo_create(d, &res_awards, json_pack("{s:s, s:i, s:s, s:s, s:s}",
			"division_code", XINPING, "year", d->year, "kind", i < 9 ? "model_family" : "filial",
			"household", arena_printf(d->ctx->a, "%s家庭", families[i]),
			"reason", i < 9 ? "家风良好、邻里和睦、热心公益" : "孝敬老人、照料长辈数十年如一日")))
			return -1;
	return 0;
}

int village_governance_demo(struct request_ctx *ctx, struct buf *summary, struct buf *err)
{
	static const char *const workers[] = { "潘永红", "韦小芳", "罗德兵" };
	static const char *const leads[] = { "蒙老五", "杨秀兰", "岑德明", "陆春花", "王正军", "吴桂英" };
	long long cadre_ids[8], worker_ids[3], lead_ids[6];
	struct vdemo d;
	int i;

	vdemo_init(&d, ctx, err);
	for (i = 0; i < 8; i++)
		if (!(cadre_ids[i] = vdemo_person(&d, cadres[i], 28 + i * 4, i != 2 && i != 4, XINPING,
						  "member")))
			return -1;
	for (i = 0; i < 3; i++)
		if (!(worker_ids[i] = vdemo_person(&d, workers[i], 35 + i * 3, i != 1, XINPING, "member")))
			return -1;
	for (i = 0; i < 6; i++)
		if (!(lead_ids[i] = vdemo_person(&d, leads[i], 45 + i * 2, i % 2 == 0, XINPING,
						 i % 3 ? "masses" : "member")))
			return -1;
	if (ranking(&d) || cadre_reviews(&d, cadre_ids) || yard_consultations(&d) ||
	    grids_and_disputes(&d, worker_ids, lead_ids) || activities_and_awards(&d))
		return -1;
	buf_addf(summary, "掌布镇 %d 个村两年的排队抓尾指标（新坪村由末位升至第一）；新坪村干部谈话考核、"
			  "院坝协商 11 次、网格与十联户、矛盾纠纷 10 起、文明实践活动和评选\n",
		 (int)NV);
	return 0;
}
