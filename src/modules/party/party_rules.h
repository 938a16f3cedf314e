/* party_rules: the pure rules of park party building — when a staff member
 * serves, a party member's dates (入党, 转正 after one year of probation), and
 * the entries of the party-building funds reimbursed at cost (实报实销). No I/O;
 * tests/unit/test_party_rules.c. */
#ifndef JICENG_MODULES_PARTY_RULES_H
#define JICENG_MODULES_PARTY_RULES_H

#include "domain/date.h"

/* 1 when a post held from `start` to `end` (YYYY-MM-DD; NULL = open on that
 * side) is held on day `on`: start <= on <= end. 0 otherwise. */
int party_rules_serving(const char *start, const char *end, const char *on);

/* 0 when a post's end (离任) is not before its start (任职); else -1 with *why. */
int party_rules_staff_dates(const char *start, const char *end, const char **why);

/*
 * A party member's dates (any may be NULL): 入党时间 `joined`, 转正 `full`, the
 * day `left` (转出, 去世), checked against `today`: none after today; full at
 * least one year after joined (预备期一年, 《中国共产党章程》第七条); left not
 * before joined. Returns 0, or -1 with *field the column at fault (joined_on,
 * full_on, left_on) and *why a static Chinese reason.
 */
int party_rules_member_dates(const char *joined, const char *full, const char *left,
			     const char *today, const char **field, const char **why);

/* The political status (persons.political_status) of a member on the roll:
 * member (中共党员) once 转正, probationary (中共预备党员) within a year of
 * joining without 转正, member when the dates are not known. */
const char *party_rules_political_status(const char *joined, const char *full, const char *today);

/* 管理人员和业务骨干: 高管, 中层, 业务骨干 (manager, middle, key_staff). */
int party_rules_is_management(const char *position_level);

#define PARTY_RULES_MAX_FEN 100000000000LL /* 10 亿元: more is a typing error */

/*
 * One entry of the funds: `direction` income or expense, `amount` in fen
 * above 0 and at most PARTY_RULES_MAX_FEN, an expense states its `purpose`,
 * `entry_on` is not after `today`. Returns 0, or -1 with *field (amount_fen,
 * purpose, entry_on) and *why.
 */
int party_rules_fund_entry(const char *direction, long long amount, const char *purpose,
			   const char *entry_on, const char *today, const char **field,
			   const char **why);

/* 1 when an expense in `status` has been decided (approved, reimbursed,
 * rejected): its organisation, source, amount and date no longer change. */
int party_rules_fund_decided(const char *status);

/* 实报实销: the amount reimbursed is the receipts' total, `requested` (< 0 when
 * not given: the amount approved), from 1 fen up to the approved `amount`.
 * Returns 0 with *out, or -1 with *why. */
int party_rules_reimbursed(long long amount, long long requested, long long *out,
			   const char **why);

#endif
