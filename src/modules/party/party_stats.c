/* party_stats: GET /api/v1/stats/party_coverage — the figures of park party
 * building (两个覆盖, the mass organisations, branches, members, funds,
 * facilities, 金点子 and 职工诉求) — and GET /api/v1/stats/party_funds, the
 * balances per source and organisation. Every figure is a declared part over
 * a ledger under list filters; `org=ID` narrows each to what lies under that
 * organisation (the list filter org=). Counts are as of as_of; new members
 * and trained secretaries are those of the period [from, to]. The compute
 * functions only arrange parts into the shapes of the contract, and count
 * the secretaries with a training in the period. */
#include "modules/party/party.h"

#include <stdlib.h>
#include <string.h>

#include "api/stats_parts.h"
#include "modules/party/party_common.h"
#include "modules/party/party_store.h"
#include "modules/platform/platform.h"

#define ORG "&org=$org"
/* holding the post on as_of */
#define SERVING "&start_on__lte_or_null=$as_of&end_on__gte_or_null=$as_of" ORG
/* on the roll on as_of */
#define MEMBER "joined_on__lte_or_null=$as_of&left_on__gt_or_null=$as_of" ORG
#define MANAGEMENT "&position_level=manager&position_level=middle&position_level=key_staff"
/* 基层党组织: 党委, 党总支, 党支部 */
#define BRANCH "kind=party_committee&kind=general_branch&kind=branch" \
	       "&established_on__lte_or_null=$as_of" ORG
#define INCOME "direction=income&entry_on__lte=$as_of" ORG
#define REIMBURSED "direction=expense&status=reimbursed&reimbursed_on__lte=$as_of" ORG
#define PENDING "direction=expense&status=submitted&status=approved&entry_on__lte=$as_of" ORG
#define RESOLVED "&status=resolved&status=closed&resolved_at__lte=$as_of" ORG

static const struct stat_part coverage_parts[] = {
	{ "enterprises", STAT_COUNT, "enterprises", ORG },
	{ "with_party_org", STAT_COUNT, "enterprises", "party_org_id__null=0" ORG },
	{ "org_coverage", STAT_RATIO, "enterprises", "party_org_id__null=0" ORG, ORG },
	{ "work_coverage", STAT_RATIO, "enterprises", "work_covered=true" ORG, ORG },
	{ "instructors", STAT_DISTINCT, "org_staff", "role=instructor" SERVING, NULL, "person_id" },
	{ "deputy_secretaries", STAT_DISTINCT, "org_staff", "role=deputy_secretary" SERVING, NULL,
	  "person_id" },
	{ "party_workers", STAT_DISTINCT, "org_staff", "role=party_worker" SERVING, NULL,
	  "person_id" },
	{ "unions", STAT_COUNT, "enterprises", "has_union=true" ORG },
	{ "youth_leagues", STAT_COUNT, "enterprises", "has_youth_league=true" ORG },
	{ "womens_federations", STAT_COUNT, "enterprises", "has_womens_federation=true" ORG },
	{ "branches", STAT_COUNT, "orgs", BRANCH },
	{ "standardized_branches", STAT_COUNT, "orgs",
	  BRANCH "&standardized=true&standardized_on__lte_or_null=$as_of" },
	{ "incubator_branches", STAT_COUNT, "orgs", BRANCH "&incubator=true" },
	{ "investor_secretaries", STAT_COUNT, "orgs",
	  BRANCH "&secretary_is_investor=true&secretary_person_id__null=0" },
	{ "members", STAT_COUNT, "party_members", MEMBER },
	{ "new_members", STAT_COUNT, "party_members", "joined_on__gte=$from&joined_on__lte=$to" ORG },
	{ "management_share", STAT_RATIO, "party_members", MEMBER MANAGEMENT, MEMBER },
	{ "by_position_level", STAT_GROUP, "party_members", MEMBER, NULL, "position_level" },
	{ "in_degree_program", STAT_COUNT, "party_members", MEMBER "&in_degree_program=true" },
	{ "funds_income", STAT_GROUP, "party_funds", INCOME, NULL, "source", "amount_fen" },
	{ "funds_expense", STAT_GROUP, "party_funds", REIMBURSED, NULL, "source", "reimbursed_fen" },
	{ "reimbursed_fen", STAT_SUM, "party_funds", REIMBURSED, NULL, "reimbursed_fen" },
	{ "service_centers", STAT_COUNT, "facilities",
	  "kind=service_center&opened_on__lte_or_null=$as_of" ORG },
	{ "guidance_stations", STAT_COUNT, "facilities",
	  "kind=guidance_station&opened_on__lte_or_null=$as_of" ORG },
	{ "suggestions_submitted", STAT_COUNT, "tickets", "kind=suggestion&submitted_at__lte=$as_of" ORG },
	{ "suggestions_resolved", STAT_COUNT, "tickets", "kind=suggestion" RESOLVED },
	{ "worker_appeals_submitted", STAT_COUNT, "tickets",
	  "kind=worker_appeal&submitted_at__lte=$as_of" ORG },
	{ "worker_appeals_resolved", STAT_COUNT, "tickets", "kind=worker_appeal" RESOLVED },
	STAT_PART_END,
};

static const struct stat_part fund_parts[] = {
	{ "income", STAT_GROUP, "party_funds", INCOME, NULL, "source", "amount_fen" },
	{ "reimbursed", STAT_GROUP, "party_funds", REIMBURSED, NULL, "source", "reimbursed_fen" },
	{ "pending", STAT_GROUP, "party_funds", PENDING, NULL, "source", "amount_fen" },
	{ "income_by_org", STAT_ROWS, "party_funds", INCOME, NULL, "org_id", "amount_fen" },
	{ "reimbursed_by_org", STAT_ROWS, "party_funds", REIMBURSED, NULL, "org_id", "reimbursed_fen" },
	{ "pending_by_org", STAT_ROWS, "party_funds", PENDING, NULL, "org_id", "amount_fen" },
	{ "to_approve", STAT_COUNT, "party_funds", "status=submitted" ORG },
	{ "to_reimburse", STAT_COUNT, "party_funds", "status=approved" ORG },
	STAT_PART_END,
};

static const char *const party_args[] = { "org", NULL };

/* `org`, when given, is an organisation the caller sees: 0, or -2 with err. */
static int org_arg(struct request_ctx *ctx, struct buf *err)
{
	const char *v = request_arg(ctx, "org");
	struct db_result r;
	char *end;
	long long id;
	int rc;

	if (!v || !*v)
		return 0;
	id = strtoll(v, &end, 10);
	if (*end || id <= 0) {
		buf_setf(err, "org：应为组织编号");
		return -2;
	}
	rc = records_get(ctx->db, ctx->a, ctx->who, &res_orgs, id, &r, err);
	if (rc == REC_NOTFOUND) {
		buf_setf(err, "org：组织不存在或不在您的管辖范围内");
		return -2;
	}
	return rc ? -1 : 0;
}

/* Moves values[key] to obj[name] (the parts' flat keys into the contract's shape). */
static void move(json_t *values, const char *key, json_t *obj, const char *name)
{
	json_t *v = json_object_get(values, key);

	if (v)
		json_object_set(obj, name, v);
	json_object_del(values, key);
}

/* {source: fen…, total} from a STAT_GROUP of sums. */
static json_t *with_total(json_t *by_source)
{
	json_t *out = json_deep_copy(by_source), *v;
	const char *k;
	long long total = 0;

	json_object_foreach(by_source, k, v)
		total += json_integer_value(v);
	json_object_set_new(out, "total", json_integer(total));
	return out;
}

static int coverage_compute(struct request_ctx *ctx, const struct stats_args *args,
			    json_t *values, struct buf *err)
{
	json_t *funds, *o;
	struct sqlw w;
	long long n = 0;
	int rc = org_arg(ctx, err);

	if (rc)
		return rc;
	/* 参加培训的企业党组织书记: distinct secretaries in post with a training in the period */
	sqlw_init(&w, ctx->a);
	rc = stats_where(ctx, &party_stats[0], args, &res_org_staff, "role=secretary" SERVING, &w, err);
	if (!rc) {
		party_store_attended_between(&w, "t.person_id", args->from, args->to);
		rc = aggregate_distinct(ctx->db, ctx->a, ctx->who, &res_org_staff, &w,
					resource_field(&res_org_staff, "person_id"), &n, err);
	}
	sqlw_release(&w);
	if (rc)
		return rc;
	json_object_set_new(values, "secretaries_trained", json_integer(n));
	funds = json_object();
	json_object_set_new(funds, "income", with_total(json_object_get(values, "funds_income")));
	json_object_set_new(funds, "expense", with_total(json_object_get(values, "funds_expense")));
	json_object_del(values, "funds_income");
	json_object_del(values, "funds_expense");
	json_object_set_new(values, "funds_fen", funds);
	o = json_object();
	move(values, "suggestions_submitted", o, "submitted");
	move(values, "suggestions_resolved", o, "resolved");
	json_object_set_new(values, "suggestions", o);
	o = json_object();
	move(values, "worker_appeals_submitted", o, "submitted");
	move(values, "worker_appeals_resolved", o, "resolved");
	json_object_set_new(values, "worker_appeals", o);
	return 0;
}

/* The sum of `key`'s row in STAT_ROWS rows, 0 when absent. */
static long long row_sum(json_t *rows, json_t *key)
{
	size_t i;
	json_t *r;

	json_array_foreach(rows, i, r)
		if (json_equal(json_object_get(r, "key"), key))
			return json_integer_value(json_object_get(r, "sum"));
	return 0;
}

/* One balance: income, reimbursed, pending (submitted or approved, not yet
 * paid), balance = income − reimbursed, available = balance − pending. */
static json_t *balance(long long income, long long paid, long long pending)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I}", "income_fen", (json_int_t)income,
			 "reimbursed_fen", (json_int_t)paid, "pending_fen", (json_int_t)pending,
			 "balance_fen", (json_int_t)(income - paid),
			 "available_fen", (json_int_t)(income - paid - pending));
}

static int funds_compute(struct request_ctx *ctx, const struct stats_args *args,
			 json_t *values, struct buf *err)
{
	json_t *in = json_object_get(values, "income"), *paid = json_object_get(values, "reimbursed");
	json_t *pend = json_object_get(values, "pending");
	json_t *by_source = json_object(), *by_org = json_array(), *seen = json_object(), *v;
	json_t *rows[3] = { json_object_get(values, "income_by_org"),
			    json_object_get(values, "reimbursed_by_org"),
			    json_object_get(values, "pending_by_org") };
	long long t[3] = { 0, 0, 0 };
	const char *k;
	size_t i;
	int r, rc = org_arg(ctx, err);

	if (rc) {
		json_decref(by_source);
		json_decref(by_org);
		json_decref(seen);
		return rc;
	}
	json_object_foreach(in, k, v) {
		long long a = json_integer_value(v), b = json_integer_value(json_object_get(paid, k));
		long long c = json_integer_value(json_object_get(pend, k));

		json_object_set_new(by_source, k, balance(a, b, c));
		t[0] += a;
		t[1] += b;
		t[2] += c;
	}
	/* every organisation with income, payments or claims, in the order met */
	for (r = 0; r < 3; r++)
		json_array_foreach(rows[r], i, v) {
			json_t *key = json_object_get(v, "key"), *row;
			const char *id = arena_printf(ctx->a, "%lld", (long long)json_integer_value(key));

			if (json_object_get(seen, id))
				continue;
			json_object_set_new(seen, id, json_true());
			row = balance(row_sum(rows[0], key), row_sum(rows[1], key), row_sum(rows[2], key));
			json_object_set(row, "org_id", key);
			json_object_set(row, "name", json_object_get(v, "label"));
			json_array_append_new(by_org, row);
		}
	json_decref(seen);
	for (r = 0; r < 3; r++)
		json_object_del(values, r == 0 ? "income_by_org" : r == 1 ? "reimbursed_by_org"
									  : "pending_by_org");
	json_object_del(values, "income");
	json_object_del(values, "reimbursed");
	json_object_del(values, "pending");
	json_object_set_new(values, "by_source", by_source);
	json_object_set_new(values, "total", balance(t[0], t[1], t[2]));
	json_object_set_new(values, "by_org", by_org);
	return 0;
}

const struct stats_def party_stats[] = {
	{ "party_coverage", "园区党建", coverage_parts, party_args, coverage_compute },
	{ "party_funds", "党建经费收支", fund_parts, party_args, funds_compute },
	STATS_END,
};
