/* cell_text: one field value as the text of a spreadsheet cell, for both of
 * the ledger's files — the re-importable data file (export.c) and the 报表
 * for people (report_export.c). They differ only where a value must come
 * back in on import: a reference keeps its id, a list stays JSON, a period
 * its code. */
#include <stdlib.h>
#include <string.h>

#include "api/transfer.h"
#include "core/buf.h"

static const char *const quarters[] = { "第一季度", "第二季度", "第三季度", "第四季度" };

/* A review period as people say it: 2026Q4 → 2026年第四季度, 2026 → 2026年度. */
static const char *period_text(struct arena *a, const char *v)
{
	if (strlen(v) == 6 && v[4] == 'Q' && v[5] >= '1' && v[5] <= '4')
		return arena_printf(a, "%.4s年%s", v, quarters[v[5] - '1']);
	if (strlen(v) == 4 && strspn(v, "0123456789") == 4)
		return arena_printf(a, "%s年度", v);
	return v;
}

/* A list of names (联审部门) as 组织部、民政局; "" for anything but an array. */
static const char *list_text(struct arena *a, json_t *v)
{
	struct buf b = BUF_INIT;
	const char *s;
	json_t *x;
	size_t i;

	if (!json_is_array(v))
		return "";
	json_array_foreach(v, i, x)
		if (json_is_string(x))
			buf_addf(&b, "%s%s", b.len ? "、" : "", json_string_value(x));
	s = arena_strdup(a, b.ptr);
	buf_release(&b);
	return s;
}

const char *transfer_cell_text(struct arena *a, const struct field *f, json_t *rec,
			       enum transfer_cell use)
{
	json_t *v = json_object_get(rec, f->name);
	const char *s;

	if (!v || json_is_null(v))
		return "";
	switch (f->type) {
	case FT_ENUM: {
		const struct enum_value *e = field_enum(f, json_string_value(v));

		return e ? e->label : json_string_value(v);
	}
	case FT_BOOL:
		return json_is_true(v) ? "是" : "否";
	case FT_MONEY: {
		long long fen = json_integer_value(v);

		return arena_printf(a, "%s%lld.%02lld", fen < 0 ? "-" : "", llabs(fen) / 100,
				    llabs(fen) % 100);
	}
	case FT_INT:
		return arena_printf(a, "%lld", (long long)json_integer_value(v));
	case FT_REF:
	case FT_DIVISION:
		s = json_string_value(json_object_get(rec, arena_printf(a, "%s_label", f->name)));
		if (use == CELL_REPORT)
			return s ? s : "";
		/* "name #id": readable, and unambiguous when imported again */
		if (f->type == FT_REF)
			return arena_printf(a, "%s #%lld", s ? s : "",
					    (long long)json_integer_value(v));
		return arena_printf(a, "%s #%s", s ? s : "", json_string_value(v));
	case FT_JSON: {
		char *d;

		if (use == CELL_REPORT)
			return list_text(a, v);
		d = json_dumps(v, JSON_COMPACT);
		s = arena_strdup(a, d);
		free(d);
		return s;
	}
	default:
		s = json_string_value(v) ? json_string_value(v) : "";
		return use == CELL_REPORT && (f->flags & F_PERIOD) ? period_text(a, s) : s;
	}
}
