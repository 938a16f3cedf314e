/* demo_party: 黔南州's park party building as the newspaper reports it — a
 * 园区党工委 over twelve parks' 非公企业综合党委, each with its 党群服务中心
 * and two 党建工作指导站 (12 centres, 24 stations); 672 enterprises, 234 of
 * them with their own party organisation (34.82%) and all reached by one of
 * 394 instructors (100%); 243 工会, 169 共青团, 71 妇联; 12 专职副书记 and 81
 * 党务干部; 153 branches standardised, 82 investors as secretaries, 15 育新
 * branches; a roll of 1,209 members of whom 549 (45.41%) are managers, middle
 * managers or key staff — the newspaper's 1,212 cannot give 45.41% with whole
 * people — 184 of them new in the last two years, 91 in degree programmes;
 * 153 secretaries trained this year; 64.6万元 of funds from the four sources,
 * reimbursed at cost; 554 金点子. Worker appeals are a tenth of the
 * newspaper's — 220 resolved of 223 instead of 2,200 — for each takes four
 * writes (点单, 派单, 签收, 办结) and all of them would make the demo load for
 * minutes on PostgreSQL; the summary says so. Every date is relative to the
 * day it runs; everything goes through the same validation, workflows and
 * audit as a user's input. */
#include "modules/party/party.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/demo.h"
#include "api/generic.h"
#include "domain/date.h"
#include "domain/demo_ids.h"
#include "modules/party/party_common.h"
#include "modules/party/party_rules.h"
#include "modules/platform/platform.h"
#include "modules/talent/talent.h"
#include "modules/tickets/tickets.h"

#define PARKS 12
#define PER_PARK 56            /* 12 × 56 = 672 enterprises */
#define PARTY_ORGS 234
#define OTHER_MEMBERS 960      /* + 249 secretaries = 1,209 on the roll */
#define MANAGEMENT_OTHERS 300  /* + 249 secretaries = 549 = 45.41% of 1,209 */
#define NEW_MEMBERS 184
#define DEGREE 91
#define TRANSFERRED 6          /* left this year: on no count */
#define TRAINED 153
#define SUGGESTIONS 554        /* dispatched to the enterprises' party organisations */
#define SUGGESTIONS_ADOPTED 55 /* of them adopted (办结) */
#define APPEALS 223            /* a tenth of the newspaper's: 220 resolved, 3 in hand */
#define APPEALS_RESOLVED 220

static const struct park {
	const char *county, *town, *short_name, *name;
} parks[PARKS] = {
	{ "522701", "522701001000", "都匀", "都匀经济开发区" },
	{ "522702", "522702001000", "福泉", "福泉经济开发区" },
	{ "522722", "522722001000", "荔波", "荔波县工业园区" },
	{ "522723", "522723001000", "贵定", "贵定县昌明经济开发区" },
	{ "522725", "522725001000", "瓮安", "瓮安经济开发区" },
	{ "522726", "522726001000", "独山", "独山经济开发区" },
	{ "522727", "522727001000", "平塘", "平塘县工业园区" },
	{ "522728", "522728001000", "罗甸", "罗甸县工业园区" },
	{ "522729", "522729001000", "长顺", "长顺县工业园区" },
	{ "522730", "522730001000", "龙里", "龙里经济开发区" },
	{ "522731", "522731001000", "惠水", "惠水经济开发区" },
	{ "522732", "522732001000", "三都", "三都县工业园区" },
};

static const char *const brands[] = { "恒达", "鑫源", "宏泰", "华盛", "金桥", "永兴", "瑞丰", "博远",
				      "天成", "嘉禾", "正阳", "中诚", "众鑫", "兴黔", "黔通", "南方",
				      "山水", "绿源", "开磷" };
static const char *const industries[] = { "新材料", "磷化工", "电子信息", "食品加工", "建材",
					  "生物医药", "装备制造", "纺织服装", "现代物流", "新能源",
					  "茶产业", "农产品加工" };
static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "吴", "罗", "蒙",
					"韦", "潘", "石", "莫", "岑", "陆", "龙", "何", "覃", "杜" };
static const char *const given[] = { "明", "芳", "强", "丽", "军", "燕", "勇", "娟", "涛", "霞",
				     "建华", "志强", "秀英", "海燕", "国庆", "春梅", "文", "静",
				     "德胜", "红梅", "永福", "俊杰", "晓东", "思源", "家乐" };
static const char *const educations[] = { "bachelor", "college", "senior", "bachelor", "college",
					   "master", "junior", "college" };
static const char *const sources[] = { "budget", "pre_tax", "dues_return", "self_funded" };
static const char *const suggestion_kinds[] = { "technology", "management", "culture", "safety" };
static const char *const suggestion_titles[] = { "改进生产线工艺降低能耗", "优化仓储管理减少损耗",
						 "开展“三亮一创”岗位建功", "加强车间安全隐患排查" };
static const char *const appeal_kinds[] = { "wages", "safety", "welfare", "skills", "other" };
static const char *const appeal_titles[] = { "加班工资核算有误", "车间通风设备需要维修",
					     "职工子女入学咨询", "申请参加技能提升培训",
					     "宿舍热水供应不足" };

struct demo {
	struct request_ctx *ctx;
	struct buf *err;
	char today[DATE_SIZE], jan1[DATE_SIZE];
	time_t now;
	int persons;                /* made so far: each gets its own birth day */
	long long park_org;
	long long trained[TRAINED]; /* the secretaries of the first 153 party organisations */
	int ntrained;
	int rank;                   /* party organisations made so far (their order) */
	int member;                 /* members beside the secretaries made so far */
	int branch;                 /* branches made so far (party organisations and 育新) */
	int suggestion, appeal;     /* tickets made so far */
};

/* One park as it is being built. */
struct built {
	int k;
	long long committee, center, station[2];
	long long enterprise[PER_PARK], instructor[PER_PARK], party_org[PER_PARK];
	int parties;                /* enterprises with a party organisation: the first ones */
	long long branches[PER_PARK];
	int nbranches;
};

static long long create(struct demo *d, const struct resource *res, json_t *in)
{
	return demo_create(d->ctx, res, in, d->err);
}

/* today − days (arena text) */
static const char *ago(struct demo *d, int days)
{
	char out[DATE_SIZE];

	date_add_days(d->today, -days, out);
	return arena_strdup(d->ctx->a, out);
}

/* now − days, an instant (arena text) */
static const char *instant(struct demo *d, double days)
{
	return demo_instant(d->ctx, d->now, days);
}

/* The share `i` of `n` things spread evenly over `total` slots: 1 when slot i
 * (0..total-1) is one of them. Exactly n of the total slots are. */
static int spread(int i, int n, int total)
{
	return (long long)(i + 1) * n / total > (long long)i * n / total;
}

/* A person of the park with political status `status`. Each is born on a day
 * of its own (so that the ID numbers differ), from 1962 on; `joined` (may be
 * NULL), the day of joining the party, moves on to the person's twentieth
 * birthday when it was earlier — to another day years ago, so that an old
 * member stays one. Returns the id, or 0 with d->err. */
static long long person(struct demo *d, const struct park *p, char joined[DATE_SIZE],
			const char *status, const char *employer)
{
	char birth[DATE_SIZE], adult[DATE_SIZE], id[19];
	int k = d->persons++;
	/* IDs of the regions other demos use would risk their numbers */
	const char *region = strcmp(p->county, "522725") && strcmp(p->county, "522726")
			     ? p->county : "522701";

	date_add_days("1962-01-01", k * 6, birth);
	date_add_months(birth, 12 * 20, adult);
	if (joined && strcmp(joined, adult) < 0)
		memcpy(joined, adult, DATE_SIZE);
	demo_id_number(region, birth, k, k % 3 != 0, id);
	return create(d, &res_persons, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s?}",
		"name", arena_printf(d->ctx->a, "%s%s", surnames[k % 20], given[(k * 7) % 25]),
		"id_number", id, "phone", arena_printf(d->ctx->a, "139%08d", 30000000 + k * 13),
		"education", educations[k % 8], "political_status", status,
		"division_code", p->town, "employer", employer));
}

/* A post: the row that makes a person staff of an organisation. */
static int post(struct demo *d, long long org, long long person_id, const char *role,
		long long enterprise, const char *start)
{
	json_t *in = json_pack("{s:I, s:I, s:s, s:s}", "org_id", (json_int_t)org, "person_id",
			       (json_int_t)person_id, "role", role, "start_on", start);

	if (enterprise)
		json_object_set_new(in, "enterprise_id", json_integer(enterprise));
	return create(d, &res_org_staff, in) ? 0 : -1;
}

static long long org(struct demo *d, const char *name, const char *kind, long long parent,
		     const char *division, const char *established)
{
	return create(d, &res_orgs, json_pack("{s:s, s:s, s:I, s:s, s:s}", "name", name, "kind", kind,
					      "parent_id", (json_int_t)parent, "division_code",
					      division, "established_on", established));
}

/* The committee, its centre and stations, the 专职副书记 and 党务干部. */
static int build_levels(struct demo *d, const struct park *p, struct built *b)
{
	const char *est = ago(d, 2200 + b->k * 30);
	long long pid;
	int i;

	b->committee = org(d, arena_printf(d->ctx->a, "中共%s非公有制企业综合委员会", p->name),
			   "composite_committee", d->park_org, p->town, est);
	b->center = b->committee ? org(d, arena_printf(d->ctx->a, "%s党群服务中心", p->name),
				       "service_center", b->committee, p->town, est) : 0;
	for (i = 0; i < 2 && b->center; i++)
		b->station[i] = org(d, arena_printf(d->ctx->a, "%s第%s党建工作指导站", p->name,
						    i ? "二" : "一"),
				    "guidance_station", b->center, p->town, ago(d, 1800 + i * 90));
	if (!b->station[0] || !b->station[1])
		return -1;
	pid = person(d, p, NULL, "member", p->name);
	if (pid <= 0 || post(d, b->committee, pid, "deputy_secretary", 0, ago(d, 1500 + b->k * 20)))
		return -1;
	/* 81 党务干部: three at each centre, two at each first station, two or one at each second */
	for (i = 0; i < (b->k < 9 ? 7 : 6); i++) {
		long long where = i < 3 ? b->center : b->station[i < 5 ? 0 : 1];

		pid = person(d, p, NULL, "member", p->name);
		if (pid <= 0 || post(d, where, pid, "party_worker", 0, ago(d, 300 + i * 111)))
			return -1;
	}
	return 0;
}

/* The enterprises, each with the instructor stationed with it (394 serve 672:
 * most serve two), and the party organisations of the first of them. */
static int build_enterprises(struct demo *d, const struct park *p, struct built *b)
{
	int instructors = b->k < 10 ? 33 : 32, doubles = PER_PARK - instructors;
	long long person_of[PER_PARK];
	int j;

	b->parties = b->k < 6 ? 20 : 19;
	for (j = 0; j < instructors; j++) {
		long long pid = person(d, p, NULL, "member", arena_printf(d->ctx->a, "%s党建工作指导站",
									   p->name));

		if (pid <= 0)
			return -1;
		person_of[j] = pid;
	}
	for (j = 0; j < PER_PARK; j++) {
		int inst = j < 2 * doubles ? j / 2 : j - doubles;
		/* the enterprises in order, those with a party organisation first */
		int rank = j < b->parties ? d->rank + j
			   : PARTY_ORGS + (b->k * PER_PARK - d->rank) + (j - b->parties);
		const char *name = arena_printf(d->ctx->a, "黔南%s%s%s有限公司", p->short_name,
						brands[j % 19], industries[j % 12]);
		char code[19];

		demo_credit_code(arena_printf(d->ctx->a, "91%s", p->county), 1000 + b->k * PER_PARK + j,
				 code);
		b->instructor[j] = person_of[inst];
		b->enterprise[j] = create(d, &res_enterprises, json_pack(
			"{s:s, s:s, s:s, s:I, s:s, s:s, s:i, s:b, s:b, s:b, s:I}", "name", name,
			"credit_code", code, "division_code", p->town, "park_org_id",
			(json_int_t)b->committee, "ownership", j % 9 ? "private" : "joint", "industry",
			industries[j % 12], "employees", 30 + (j * 37) % 600, "has_union", rank < 243,
			"has_youth_league", rank < 169, "has_womens_federation", rank % 3 == 0 && rank < 213,
			"instructor_person_id", (json_int_t)b->instructor[j]));
		if (!b->enterprise[j])
			return -1;
	}
	/* each instructor holds one post at a station (驻点 is the enterprises' instructor) */
	for (j = 0; j < instructors; j++)
		if (post(d, b->station[j % 2], person_of[j], "instructor", 0, ago(d, 400 + j * 3)))
			return -1;
	for (j = 0; j < b->parties; j++) {
		int rank = d->rank++;
		const char *kind = rank % 20 == 0 ? "party_committee" : rank % 7 == 0 ? "general_branch"
										     : "branch";
		const char *what = !strcmp(kind, "party_committee") ? "委员会"
				   : !strcmp(kind, "general_branch") ? "总支部委员会" : "支部委员会";
		json_t *in = json_pack("{s:s, s:s, s:I, s:s, s:I, s:s, s:b}", "name",
			arena_printf(d->ctx->a, "中共黔南%s%s%s有限公司%s", p->short_name, brands[j % 19],
				     industries[j % 12], what),
			"kind", kind, "parent_id", (json_int_t)b->station[j % 2], "division_code", p->town,
			"enterprise_id", (json_int_t)b->enterprise[j], "established_on",
			ago(d, 800 + (rank * 37) % 3000), "secretary_is_investor", rank >= PARTY_ORGS - 82);

		if (rank < 153) {
			json_object_set_new(in, "standardized", json_true());
			json_object_set_new(in, "standardized_on", json_string(ago(d, 20 + rank * 4)));
		}
		b->party_org[j] = create(d, &res_orgs, in);
		if (!b->party_org[j] ||
		    generic_update(d->ctx, &res_enterprises, b->enterprise[j],
				   json_pack("{s:I}", "party_org_id", (json_int_t)b->party_org[j]), d->err))
			return -1;
		b->branches[b->nbranches++] = b->party_org[j];
	}
	/* 15 育新 branches: two in each of the first three parks, one in the others */
	for (j = 0; j < (b->k < 3 ? 2 : 1); j++) {
		json_t *in = json_pack("{s:s, s:s, s:I, s:s, s:s, s:b}", "name",
			arena_printf(d->ctx->a, "中共%s“育新”第%s支部委员会", p->name, j ? "二" : "一"),
			"kind", "branch", "parent_id", (json_int_t)b->station[j], "division_code", p->town,
			"established_on", ago(d, 600 + j * 60), "incubator", 1);
		long long id = create(d, &res_orgs, in);

		if (!id)
			return -1;
		b->branches[b->nbranches++] = id;
	}
	return 0;
}

/* A member joined on `joined`: 转正 a year later when that day has come. */
static long long member(struct demo *d, const struct park *p, long long branch,
			const char *joined_on, const char *level, int degree, long long *person_id)
{
	char joined[DATE_SIZE], full[DATE_SIZE];
	int probation;
	long long pid;
	json_t *in;

	memcpy(joined, joined_on, DATE_SIZE);
	pid = person(d, p, joined, "member", p->name); /* the status follows the roll */
	if (!pid)
		return 0;
	date_add_months(joined, 12, full);
	probation = strcmp(full, d->today) > 0;
	in = json_pack("{s:I, s:I, s:s, s:s, s:b}", "person_id", (json_int_t)pid, "branch_org_id",
		       (json_int_t)branch, "joined_on", joined, "position_level", level,
		       "in_degree_program", degree);
	if (!probation)
		json_object_set_new(in, "full_on", json_string(full));
	if (person_id)
		*person_id = pid;
	return create(d, &res_party_members, in);
}

/* Each branch's secretary (a member himself) and the other members of the roll. */
static int build_members(struct demo *d, const struct park *p, struct built *b)
{
	static const char *const levels[] = { "key_staff", "key_staff", "key_staff", "middle",
					      "manager" };
	long long id;
	int i, n;

	for (i = 0; i < b->nbranches; i++, d->branch++) {
		long long branch = b->branches[i], sec = 0;
		int rank = i < b->parties ? d->rank - b->parties + i : -1;
		int count = (int)((long long)(d->branch + 1) * OTHER_MEMBERS / 249 -
				  (long long)d->branch * OTHER_MEMBERS / 249);

		if (!member(d, p, branch, ago(d, 1500 + (d->branch * 11) % 3000),
			    rank >= PARTY_ORGS - 82 ? "manager" : "middle", 0, &sec) ||
		    post(d, branch, sec, "secretary", 0, ago(d, 700 + i * 5)))
			return -1;
		if (rank >= 0 && rank < TRAINED)
			d->trained[d->ntrained++] = sec;
		for (n = 0; n < count; n++) {
			int m = d->member++;
			int q = m * MANAGEMENT_OTHERS / OTHER_MEMBERS;
			const char *level = spread(m, MANAGEMENT_OTHERS, OTHER_MEMBERS) ? levels[q % 5]
					    : m % 11 ? "staff" : "other";
			/* the 184 of the last two years, the others at least three years ago */
			const char *joined = spread(m, NEW_MEMBERS, OTHER_MEMBERS)
				? ago(d, 20 + (m * NEW_MEMBERS / OTHER_MEMBERS) * 3)
				: ago(d, 1100 + (m * 13) % 7000);

			if (!member(d, p, branch, joined, level, spread(m, DEGREE, OTHER_MEMBERS), NULL))
				return -1;
		}
	}
	/* six transferred out this year: in the roll's history, on no count */
	if (b->k < TRANSFERRED) {
		id = member(d, p, b->branches[0], ago(d, 4000 + b->k * 100), "staff", 0, NULL);
		if (!id || demo_act(d->ctx, &res_party_members, id, "transfer_out",
				    json_pack("{s:s, s:s}", "date", d->today, "left_to",
					      "省外务工所在地党组织"), d->err))
			return -1;
	}
	return 0;
}

/* 阵地: the centre in offices the park cleared, the stations in space enterprises gave. */
static int build_facilities(struct demo *d, const struct park *p, struct built *b)
{
	int i;

	if (!create(d, &res_facilities, json_pack("{s:s, s:s, s:I, s:s, s:s, s:i, s:s}", "name",
		arena_printf(d->ctx->a, "%s党群服务中心", p->name), "kind", "service_center", "org_id",
		(json_int_t)b->center, "division_code", p->town, "host", "park_cleared", "area_m2",
		300 + b->k * 20, "opened_on", ago(d, 900 + b->k * 15))))
		return -1;
	for (i = 0; i < 2; i++)
		if (!create(d, &res_facilities, json_pack("{s:s, s:s, s:I, s:s, s:s, s:I, s:i, s:s}",
			"name", arena_printf(d->ctx->a, "%s第%s党建工作指导站", p->name, i ? "二" : "一"),
			"kind", "guidance_station", "org_id", (json_int_t)b->station[i], "division_code",
			p->town, "host", "enterprise_space", "enterprise_id", (json_int_t)b->enterprise[i],
			"area_m2", 80 + i * 20 + b->k, "opened_on", ago(d, 700 + i * 30))))
			return -1;
	return 0;
}

/* 四位一体: 30万 budget at the committees, 18.6万 pre-tax at the stations, 8万 of
 * returned dues and 8万 of the enterprises' own; five claims reimbursed at cost,
 * waiting, or sent back. Amounts in 元, as a 台账 has them (demo_create takes
 * values as an import does); the actions' in fen, as the API has them. */
static int build_funds(struct demo *d, const struct park *p, struct built *b)
{
	struct income { long long org; const char *source; long long yuan; } in[8];
	int n = 0, i, extra = b->k < 4;

	in[n++] = (struct income){ b->committee, "budget", 25000 };
	in[n++] = (struct income){ b->station[0], "pre_tax", 7750 };
	in[n++] = (struct income){ b->station[1], "pre_tax", 7750 };
	for (i = 0; i <= extra; i++) {
		in[n++] = (struct income){ b->station[i], "dues_return", 5000 };
		in[n++] = (struct income){ b->party_org[i], "self_funded", 5000 };
	}
	for (i = 0; i < n; i++)
		if (!create(d, &res_party_funds, json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s}",
			"org_id", (json_int_t)in[i].org, "entry_on", ago(d, 200 + b->k * 20 + i * 15),
			"direction", "income", "source", in[i].source, "amount_fen", (json_int_t)in[i].yuan,
			"purpose", "党建工作经费", "voucher_no",
			arena_printf(d->ctx->a, "收-%s-%02d", p->county, i + 1))))
			return -1;
	for (i = 0; i < 5; i++) {
		static const char *const purposes[] = { "开展主题党日活动", "购置党员活动室设施",
							"党建指导员驻点服务交通补助", "“三亮一创”评选表彰",
							"党员学历提升学费补助" };
		int days = 30 + i * 40 + b->k * 3;
		const char *until = i < 3 ? "reimbursed" : i == 3 ? (b->k % 2 ? "reimbursed" : "approved")
				    : b->k % 3 == 0 ? "submitted" : b->k == 5 ? "rejected" : "reimbursed";
		long long yuan = 1200 + ((b->k * 5 + i) * 17 % 18) * 100;
		long long id = create(d, &res_party_funds, json_pack("{s:I, s:s, s:s, s:s, s:I, s:s}",
			"org_id", (json_int_t)b->party_org[i % b->parties], "entry_on", ago(d, days),
			"direction", "expense", "source", sources[(i + b->k) % 4], "amount_fen",
			(json_int_t)yuan, "purpose", purposes[i]));

		if (!id)
			return -1;
		if (!strcmp(until, "submitted"))
			continue;
		if (!strcmp(until, "rejected")) {
			if (demo_act(d->ctx, &res_party_funds, id, "reject", json_pack("{s:s, s:s}",
				"date", ago(d, days - 3), "reason", "票据不全，请补充后重新申请"), d->err))
				return -1;
			continue;
		}
		if (demo_act(d->ctx, &res_party_funds, id, "approve", json_pack("{s:s, s:s}", "date",
			ago(d, days - 3), "opinion", "同意，按实报销"), d->err))
			return -1;
		if (!strcmp(until, "reimbursed") &&
		    demo_act(d->ctx, &res_party_funds, id, "reimburse", json_pack("{s:s, s:I, s:s}",
			"date", ago(d, days - 10), "reimbursed_fen", (json_int_t)(yuan * 100 - (i % 2) * 3500),
			"voucher_no", arena_printf(d->ctx->a, "付-%s-%02d", p->county, i + 1)), d->err))
			return -1;
	}
	return 0;
}

/* One 金点子 or 职工诉求 of an enterprise, dispatched to its party organisation
 * (or its station) and, when `resolved`, taken in hand and resolved — in a
 * memory of its own. */
static int ticket(struct demo *d, struct built *b, int j, const char *kind, const char *category,
		  const char *title, double days, int resolved)
{
	struct arena *keep = d->ctx->a;
	long long id, assignee = b->party_org[j] ? b->party_org[j] : b->station[j % 2];
	int ret = -1;

	d->ctx->a = arena_new();
	id = create(d, &res_tickets, json_pack("{s:s, s:s, s:s, s:I, s:s, s:s}", "kind", kind,
		"category", category, "title", title, "requester_enterprise_id",
		(json_int_t)b->enterprise[j], "source", "online", "submitted_at", instant(d, days)));
	if (!id ||
	    demo_act(d->ctx, &res_tickets, id, "dispatch", json_pack("{s:I, s:s}", "assignee_org_id",
		(json_int_t)assignee, "at", instant(d, days - 0.1)), d->err))
		goto out;
	if (resolved &&
	    (demo_act(d->ctx, &res_tickets, id, "accept", json_pack("{s:s}", "at",
		instant(d, days - 0.3)), d->err) ||
	     demo_act(d->ctx, &res_tickets, id, "resolve", json_pack("{s:s, s:s}", "resolution",
		!strcmp(kind, "suggestion") ? "已采纳，纳入企业改进计划" : "已协调企业解决",
		"at", instant(d, days - 2)), d->err)))
		goto out;
	ret = 0;
out:
	arena_free(d->ctx->a);
	d->ctx->a = keep;
	return ret;
}

/* The park's share of the tickets: the counts spread evenly over the parks. */
static int share(int total, int k)
{
	return total / PARKS + (k < total % PARKS);
}

static int build_tickets(struct demo *d, struct built *b)
{
	int n = share(SUGGESTIONS, b->k), adopted = share(SUGGESTIONS_ADOPTED, b->k);
	int appeals = share(APPEALS, b->k), resolved = share(APPEALS_RESOLVED, b->k);
	int i;

	for (i = 0; i < n; i++, d->suggestion++)
		if (ticket(d, b, (i * 7) % PER_PARK, "suggestion", suggestion_kinds[i % 4],
			   suggestion_titles[i % 4], 6 + (d->suggestion * 17) % 690, i < adopted))
			return -1;
	for (i = 0; i < appeals; i++, d->appeal++)
		if (ticket(d, b, (i * 5) % PER_PARK, "worker_appeal", appeal_kinds[i % 5],
			   appeal_titles[i % 5], i < resolved ? 6 + (d->appeal * 37) % 700 : 3 + i % 2,
			   i < resolved))
			return -1;
	return 0;
}

/* 153 secretaries at the 州委党校's training this year. */
static int build_training(struct demo *d)
{
	const char *start = ago(d, 45);
	long long tr;
	int i;

	if (strcmp(start, d->jan1) < 0)
		start = d->jan1;
	tr = create(d, &res_trainings, json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:s}", "title",
		"全州非公企业党组织书记示范培训班", "kind", "party_school", "division_code",
		"522700000000", "start_on", start, "end_on", start, "hours", 32, "location",
		"州委党校"));
	if (!tr)
		return -1;
	for (i = 0; i < d->ntrained; i++)
		if (!create(d, &res_training_attendance, json_pack("{s:I, s:I}", "training_id",
			(json_int_t)tr, "person_id", (json_int_t)d->trained[i])))
			return -1;
	return 0;
}

int party_demo(struct request_ctx *ctx, struct buf *summary, struct buf *err)
{
	struct demo *d = calloc(1, sizeof(*d));
	struct built *b = calloc(1, sizeof(*b));
	int k, ret = -1;

	d->ctx = ctx;
	d->err = err;
	date_today(d->today);
	/* tickets are dated back from now, or from today's noon when today is set back */
	{
		struct tm noon;

		memset(&noon, 0, sizeof(noon));
		if (strptime(d->today, "%Y-%m-%d", &noon)) {
			noon.tm_hour = 12;
			d->now = timegm(&noon);
		}
		if (!d->now || d->now > time(NULL))
			d->now = time(NULL);
	}
	memcpy(d->jan1, d->today, 4);
	memcpy(d->jan1 + 4, "-01-01", 7);
	d->park_org = create(d, &res_orgs, json_pack("{s:s, s:s, s:s, s:s}", "name",
		"中共黔南州园区工作委员会", "kind", "park_committee", "division_code", "522700000000",
		"established_on", ago(d, 2400)));
	if (!d->park_org)
		goto out;
	for (k = 0; k < PARKS; k++) {
		memset(b, 0, sizeof(*b));
		b->k = k;
		if (build_levels(d, &parks[k], b) || build_enterprises(d, &parks[k], b) ||
		    build_members(d, &parks[k], b) || build_facilities(d, &parks[k], b) ||
		    build_funds(d, &parks[k], b) || build_tickets(d, b))
			goto out;
		/* PostgreSQL would plan the rest of this long transaction with the
		 * statistics of empty tables: scans that grow with every row */
		if (k == 0 && db_query(ctx->db, ctx->a, "ANALYZE", NULL, 0, NULL, err))
			goto out;
	}
	if (build_training(d))
		goto out;
	buf_addf(summary, "黔南州园区党建：%d 个园区、%d 家企业（%d 家建有党组织）、党员 %d 名、"
		 "经费 64.6 万元、金点子 %d 个；职工诉求按报道的十分之一（解决 %d 件，报道为 2200 余件）\n",
		 PARKS, PARKS * PER_PARK, PARTY_ORGS, 249 + OTHER_MEMBERS, SUGGESTIONS,
		 APPEALS_RESOLVED);
	ret = 0;
out:
	if (ret && !err->len)
		buf_setf(err, "演示数据 园区党建 写入失败");
	free(d);
	free(b);
	return ret;
}
