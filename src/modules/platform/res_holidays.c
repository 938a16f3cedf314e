/* res_holidays: the working calendar (工作日历) — the days off and the
 * weekend working days (调休) the State Council publishes each year, seeded
 * for 2025 and 2026 and kept by administrators. SLAs count working days on it. */
#include "api/generic.h"
#include "modules/platform/platform.h"

static const struct enum_value day_kinds[] = {
	{ "holiday", "放假" },
	{ "workday", "调休上班" },
	{ NULL, NULL },
};

static const struct field holiday_fields[] = {
	{ "day", "日期", FT_DATE, F_REQUIRED | F_LIST | F_SORT | F_FILTER | F_UNIQUE },
	{ "kind", "类型", FT_ENUM, F_REQUIRED | F_LIST | F_FILTER, day_kinds },
	{ "name", "节日", FT_STRING, F_LIST | F_SEARCH, NULL, NULL, 20 },
	FIELD_END,
};

const struct resource res_holidays = {
	.name = "holidays", .label = "节假日调休", .table = "holidays", .fields = holiday_fields,
	.label_field = "name", .flags = RES_READONLY, .default_sort = "-day",
};
