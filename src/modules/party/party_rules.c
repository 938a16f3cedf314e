/* party_rules: see party_rules.h. */
#include "modules/party/party_rules.h"

#include <string.h>

int party_rules_serving(const char *start, const char *end, const char *on)
{
	if (!on)
		return 0;
	if (start && strcmp(start, on) > 0)
		return 0;
	return !end || strcmp(end, on) >= 0;
}

int party_rules_staff_dates(const char *start, const char *end, const char **why)
{
	if (start && end && strcmp(end, start) < 0) {
		*why = "离任日期不能早于任职日期";
		return -1;
	}
	return 0;
}

int party_rules_member_dates(const char *joined, const char *full, const char *left,
			     const char *today, const char **field, const char **why)
{
	char year[DATE_SIZE];

	if (joined && today && strcmp(joined, today) > 0)
		return *field = "joined_on", *why = "入党时间不能晚于今天", -1;
	if (full && today && strcmp(full, today) > 0)
		return *field = "full_on", *why = "转正日期不能晚于今天", -1;
	if (full && joined) {
		if (date_add_months(joined, 12, year))
			return *field = "joined_on", *why = "入党时间不是有效日期", -1;
		if (strcmp(full, year) < 0)
			return *field = "full_on", *why = "预备期为一年，转正日期应在入党一年以后", -1;
	}
	if (left && joined && strcmp(left, joined) < 0)
		return *field = "left_on", *why = "转出（去世）日期不能早于入党时间", -1;
	if (left && today && strcmp(left, today) > 0)
		return *field = "left_on", *why = "日期不能晚于今天", -1;
	return 0;
}

const char *party_rules_political_status(const char *joined, const char *full, const char *today)
{
	char year[DATE_SIZE];

	if (full || !joined || !today || date_add_months(joined, 12, year))
		return "member";
	return strcmp(today, year) < 0 ? "probationary" : "member";
}

int party_rules_is_management(const char *level)
{
	return level && (!strcmp(level, "manager") || !strcmp(level, "middle") ||
			 !strcmp(level, "key_staff"));
}

int party_rules_fund_entry(const char *direction, long long amount, const char *purpose,
			   const char *entry_on, const char *today, const char **field,
			   const char **why)
{
	if (amount <= 0)
		return *field = "amount_fen", *why = "金额应大于零", -1;
	if (amount > PARTY_RULES_MAX_FEN)
		return *field = "amount_fen", *why = "金额超过10亿元，请核对", -1;
	if (direction && !strcmp(direction, "expense") && (!purpose || !*purpose))
		return *field = "purpose", *why = "支出应写明用途", -1;
	if (entry_on && today && strcmp(entry_on, today) > 0)
		return *field = "entry_on", *why = "日期不能晚于今天", -1;
	return 0;
}

int party_rules_fund_decided(const char *status)
{
	return status && (!strcmp(status, "approved") || !strcmp(status, "reimbursed") ||
			  !strcmp(status, "rejected"));
}

int party_rules_reimbursed(long long amount, long long requested, long long *out,
			   const char **why)
{
	long long v = requested < 0 ? amount : requested;

	if (v <= 0) {
		*why = "报销金额应大于零";
		return -1;
	}
	if (v > amount) {
		*why = "实报实销：报销金额不能超过批准的金额";
		return -1;
	}
	*out = v;
	return 0;
}
