/* import_table: the sheet, header and data rows of an import, found from the
 * ledger's declarations (labels, names, header aliases) and what real 台账
 * look like: a title and 填报单位 line above the header, group labels merged
 * over two-row headers, 序号 columns, 合计 rows and 填表人 lines below. */
#include "api/import_table.h"

#include <string.h>

#include "domain/cell.h"

/* Other headers of a type's column, whatever the ledger (struct field aliases
 * add the ledger's own). */
static const char *type_aliases(enum field_type type)
{
	switch (type) {
	case FT_ID_NUMBER:
		return "身份证号码|公民身份号码|公民身份证号码|身份证|身份证件号码|证件号码";
	case FT_PHONE:
		return "手机|手机号|手机号码|电话|电话号码|联系方式|移动电话|联系手机";
	case FT_CREDIT_CODE:
		return "信用代码|社会信用代码|统一信用代码";
	default:
		return NULL;
	}
}

static const char seq_headers[] = "序号|序|no|no.|#";
static const char id_headers[] = "id";
static const char version_headers[] = "版本|version";
static const char created_headers[] = "创建时间|created_at";

/* Prefixes of a row below the table that is not data, as cell_clean() with
 * CELL_ASCII | CELL_NO_SPACE writes them (full-width colons folded). */
static const char *const note_prefixes[] = {
	"填表人", "填报人", "制表人", "审核人", "审核", "负责人", "单位负责人", "分管领导", "填报单位",
	"填报日期", "填报时间", "制表日期", "制表时间", "制表单位", "统计时间", "统计日期", "报送单位",
	"注:", "说明:", "备注:", "填表说明", "以下空白", "以下无", "(以下空白)", NULL,
};

static const char *const total_prefixes[] = { "合计", "小计", "总计", "共计", "总数", NULL };

/* One known header: its key and what it means. */
struct known {
	const char *key;
	enum import_role role;
	const struct field *f;
};

struct matcher {
	struct known *v;
	size_t n, alloc;
};

static const char *key_of(struct arena *a, const char *text)
{
	struct buf b = BUF_INIT;
	const char *k;

	cell_key(text, &b);
	k = arena_strndup(a, b.ptr, b.len);
	buf_release(&b);
	return k;
}

static void add_known(struct arena *a, struct matcher *m, const char *text, enum import_role role,
		      const struct field *f)
{
	const char *k = key_of(a, text);

	if (!*k)
		return;
	if (m->n == m->alloc) {
		size_t na = m->alloc ? m->alloc * 2 : 64;
		struct known *nv = arena_alloc(a, sizeof(*nv) * na);

		if (m->n)
			memcpy(nv, m->v, sizeof(*nv) * m->n);
		m->v = nv;
		m->alloc = na;
	}
	m->v[m->n].key = k;
	m->v[m->n].role = role;
	m->v[m->n++].f = f;
}

static void add_names(struct arena *a, struct matcher *m, const char *names, enum import_role role,
		      const struct field *f)
{
	const char *p = names, *bar;

	while (p && *p) {
		bar = strchr(p, '|');
		add_known(a, m, bar ? arena_strndup(a, p, (size_t)(bar - p)) : p, role, f);
		p = bar ? bar + 1 : NULL;
	}
}

static void add_field(struct arena *a, struct matcher *m, const struct field *f, enum import_role role)
{
	add_known(a, m, f->label, role, f);
	add_known(a, m, f->name, role, f);
	add_names(a, m, f->aliases, role, f);
	add_names(a, m, type_aliases(f->type), role, f);
}

/* The headers of res in the order they win: the ID and version of exports,
 * the fields an import writes, the import columns of a hook, then fields the
 * server sets (a talent's 姓名 is an import column, its 年龄 is read-only). */
static void build_matcher(struct arena *a, const struct resource *res, struct matcher *m)
{
	const struct field *f;

	memset(m, 0, sizeof(*m));
	add_names(a, m, id_headers, COL_ID, NULL);
	add_names(a, m, version_headers, COL_VERSION, NULL);
	add_names(a, m, created_headers, COL_CREATED, NULL);
	for (f = res->fields; f->name; f++)
		if (field_importable(f))
			add_field(a, m, f, COL_FIELD);
	for (f = res->import_columns; f && f->name; f++)
		add_field(a, m, f, COL_FIELD);
	for (f = res->fields; f->name; f++)
		if (!field_importable(f) && !(f->flags & F_HIDDEN))
			add_field(a, m, f, COL_READONLY);
	add_names(a, m, seq_headers, COL_SEQ, NULL);
}

static const struct known *lookup_key(const struct matcher *m, const char *key)
{
	size_t i;

	for (i = 0; *key && i < m->n; i++)
		if (!strcmp(m->v[i].key, key))
			return &m->v[i];
	return NULL;
}

/* The meaning of a header text: its key, else the key without a trailing
 * bracketed note — “（必填）”, “（元）”, “（格式：2024-01-01）”. */
static const struct known *lookup(struct arena *a, const struct matcher *m, const char *text)
{
	const char *k = key_of(a, text);
	const struct known *kn = lookup_key(m, k);
	size_t n = strlen(k);

	if (!kn && n > 2 && k[n - 1] == ')') {
		const char *open = strrchr(k, '(');

		if (open && open > k)
			kn = lookup_key(m, arena_strndup(a, k, (size_t)(open - k)));
	}
	return kn;
}

/* Number of distinct fields a row's cells name (ID, version and 序号 count
 * for nothing: they say a header is there but not which ledger). */
static int row_fields(struct arena *a, const struct matcher *m, const struct sheet_row *row)
{
	const struct field *seen[64];
	int n = 0, i, dup;
	size_t c;

	for (c = 0; c < row->ncells; c++) {
		const struct known *kn = row->cells[c][0] ? lookup(a, m, row->cells[c]) : NULL;

		if (!kn || !kn->f)
			continue;
		for (dup = 0, i = 0; i < n && i < 64; i++)
			dup |= seen[i] == kn->f;
		if (!dup && n < 64)
			seen[n++] = kn->f;
	}
	return n;
}

static const char *first_text(const struct sheet_row *row)
{
	size_t c;

	for (c = 0; c < row->ncells; c++)
		if (row->cells[c][0])
			return row->cells[c];
	return "";
}

/* At most about 40 characters of text, cut at a character boundary. */
static const char *excerpt(struct arena *a, const char *s)
{
	size_t n = strlen(s);

	if (n <= 120)
		return s;
	n = 120;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return arena_printf(a, "%.*s…", (int)n, s);
}

static int starts_with_any(const char *text, const char *const *prefixes)
{
	struct buf b = BUF_INIT;
	int i, hit = 0;

	cell_clean(text, CELL_ASCII | CELL_NO_SPACE, &b);
	for (i = 0; prefixes[i] && !hit; i++)
		hit = !strncmp(b.ptr, prefixes[i], strlen(prefixes[i]));
	buf_release(&b);
	return hit;
}

/* A row above the header that groups it: two or more distinct labels (a
 * title merged across the sheet has one), no “填报单位：” line. */
static int is_group_row(const struct sheet_row *row)
{
	const char *first = NULL;
	size_t c;
	int distinct = 0;

	for (c = 0; c < row->ncells; c++) {
		const char *t = row->cells[c];

		if (!t[0])
			continue;
		if (strchr(t, ':') || strstr(t, "\xef\xbc\x9a")) /* ： */
			return 0;
		if (!first)
			first = t, distinct = 1;
		else if (distinct == 1 && strcmp(first, t))
			distinct = 2;
	}
	return distinct >= 2;
}

static void skip(struct arena *a, struct import_table *t, const struct sheet_row *row,
		 const char *reason)
{
	struct import_skip *s;

	if (t->nskips == t->skips_alloc) { /* doubling: the arena keeps every old array */
		size_t na = t->skips_alloc ? t->skips_alloc * 2 : 16;
		struct import_skip *nv = arena_alloc(a, sizeof(*nv) * na);

		if (t->nskips)
			memcpy(nv, t->skips, sizeof(*nv) * t->nskips);
		t->skips = nv;
		t->skips_alloc = na;
	}
	s = &t->skips[t->nskips++];
	s->line = row->line;
	s->reason = reason;
	s->text = excerpt(a, first_text(row));
}

static void problem(struct arena *a, struct import_table *t, unsigned line, size_t col,
		    const struct field *f, const char *message)
{
	json_array_append_new(t->problems, json_pack("{s:i, s:s?, s:s?, s:s?, s:s}", "row", (int)line,
		"column", col == (size_t)-1 ? NULL : import_column_name(a, col), "field",
		f ? f->name : NULL, "label", f ? f->label : NULL, "message", message));
}

const char *import_meta_name(enum import_role role)
{
	switch (role) {
	case COL_ID:
		return "id";
	case COL_VERSION:
		return "version";
	case COL_CREATED:
		return "created_at";
	default:
		return NULL;
	}
}

const char *import_column_name(struct arena *a, size_t col)
{
	char s[8];
	int n = 0, i;

	col++;
	while (col && n < 7) {
		s[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n / 2; i++) {
		char x = s[i];

		s[i] = s[n - 1 - i];
		s[n - 1 - i] = x;
	}
	return arena_strndup(a, s, (size_t)n);
}

/* The header row of a sheet: the row among the first IMPORT_HEADER_SCAN that
 * names the most fields (the first of equals); -1 if none names any. */
static long header_row(struct arena *a, const struct matcher *m, const struct sheet *s, int *fields)
{
	size_t i;
	long best = -1;
	int n;

	*fields = 0;
	for (i = 0; i < s->nrows && i < IMPORT_HEADER_SCAN; i++) {
		n = row_fields(a, m, &s->rows[i]);
		if (n > *fields) {
			*fields = n;
			best = (long)i;
		}
	}
	return best;
}

/* Whether data row `row` repeats the header (printed on every page). */
static int repeats_header(const struct import_table *t, const struct sheet_row *hdr,
			  const struct sheet_row *row)
{
	size_t c, same = 0, labelled = 0;

	for (c = 0; c < t->ncols && c < hdr->ncells; c++) {
		if (t->cols[c].role != COL_FIELD)
			continue;
		labelled++;
		same += c < row->ncells && !strcmp(row->cells[c], hdr->cells[c]);
	}
	return labelled && same * 2 > labelled;
}

/* 1 when the row has text only in columns that hold no data (序号, ID alone is data). */
static int only_numbering(const struct import_table *t, const struct sheet_row *row)
{
	size_t c;

	for (c = 0; c < row->ncells; c++)
		if (row->cells[c][0] && (c >= t->ncols || t->cols[c].role != COL_SEQ))
			return 0;
	return 1;
}

static void map_columns(struct arena *a, const struct matcher *m, const struct sheet_row *upper,
			const struct sheet_row *hdr, struct import_table *t)
{
	size_t c, d;

	for (c = 0; c < t->ncols; c++) {
		struct import_column *col = &t->cols[c];
		const char *lo = c < hdr->ncells ? hdr->cells[c] : "";
		const char *up = upper && c < upper->ncells ? upper->cells[c] : "";
		const struct known *kn = *lo ? lookup(a, m, lo) : NULL;

		/* the upper row names the column when it was merged down over the
		 * lower one (or the lower cell is empty, as in .xls merges) */
		if (!kn && *up && (!*lo || !strcmp(up, lo)))
			kn = lookup(a, m, up);
		if (*up && *lo && strcmp(up, lo))
			col->header = arena_printf(a, "%s/%s", up, lo);
		else
			col->header = *lo ? lo : up;
		if (kn) {
			col->role = kn->role;
			col->f = kn->f;
		} else {
			col->role = *col->header ? COL_UNKNOWN : COL_NONE;
		}
	}
	for (c = 0; c < t->ncols; c++) {
		const struct import_column *col = &t->cols[c];

		if (col->role != COL_FIELD && col->role != COL_ID && col->role != COL_VERSION &&
		    col->role != COL_CREATED)
			continue;
		for (d = 0; d < c; d++)
			if (t->cols[d].role == col->role && t->cols[d].f == col->f) {
				problem(a, t, hdr->line, c, col->f, arena_printf(a,
					"列“%s”重复（第 %s 列和第 %s 列），请删去一列",
					col->header, import_column_name(a, d), import_column_name(a, c)));
				break;
			}
	}
}

/* Required columns a hook cannot derive must be there. */
static void check_required(struct arena *a, const struct resource *res, struct import_table *t,
			   unsigned line)
{
	const struct field *f;
	size_t c;

	if (res->hooks && res->hooks->import_row)
		return;
	for (f = res->fields; f->name; f++) {
		int found = 0;

		if (!(f->flags & F_REQUIRED) || !field_importable(f))
			continue;
		for (c = 0; c < t->ncols; c++)
			found |= t->cols[c].role == COL_FIELD && t->cols[c].f == f;
		if (!found)
			problem(a, t, line, (size_t)-1, f, arena_printf(a, "缺少必填列“%s”", f->label));
	}
}

/* Lays out the table of sheet s with its header at row index h. */
static void layout(struct arena *a, const struct resource *res, const struct matcher *m,
		   const struct sheet *s, long h, struct import_table *t)
{
	const struct sheet_row *hdr = &s->rows[h], *upper = NULL;
	size_t i, c, first_data;

	t->sheet = s;
	t->ncols = sheet_width(s);
	t->cols = arena_alloc(a, sizeof(*t->cols) * (t->ncols + 1));
	t->rows = arena_alloc(a, sizeof(*t->rows) * (s->nrows + 1));
	if (h > 0 && s->rows[h - 1].line + 1 == hdr->line && is_group_row(&s->rows[h - 1]))
		upper = &s->rows[h - 1];
	t->nheader = upper ? 2 : 1;
	t->header_lines[0] = upper ? upper->line : hdr->line;
	t->header_lines[1] = hdr->line;
	for (i = 0; i < (size_t)h - (upper ? 1 : 0); i++)
		skip(a, t, &s->rows[i], "表头上方的标题或说明");
	map_columns(a, m, upper, hdr, t);
	check_required(a, res, t, hdr->line);
	first_data = (size_t)h + 1;
	for (i = first_data; i < s->nrows; i++) {
		const struct sheet_row *row = &s->rows[i];
		const char *first = first_text(row);

		if (starts_with_any(first, total_prefixes))
			skip(a, t, row, "合计行");
		else if (starts_with_any(first, note_prefixes))
			skip(a, t, row, "表格下方的签字或说明");
		else if (only_numbering(t, row))
			skip(a, t, row, "只有序号的空行");
		else if (repeats_header(t, hdr, row))
			skip(a, t, row, "重复的表头");
		else
			t->rows[t->nrows++] = i;
	}
	for (i = 0; i < t->nrows; i++) {
		const struct sheet_row *row = &s->rows[t->rows[i]];

		for (c = 0; c < row->ncells && c < t->ncols; c++)
			if (row->cells[c][0]) {
				t->cols[c].data_rows++;
				if (t->cols[c].role == COL_NONE)
					t->cols[c].role = COL_UNKNOWN;
			}
	}
}

int import_table_find(struct arena *a, const struct resource *res, const struct book *book,
		      const char *want, struct import_table *t, struct buf *err)
{
	struct matcher m;
	size_t i, nalso = 0;
	long h = -1, hi;
	int best = 0, *score;

	memset(t, 0, sizeof(*t));
	t->problems = json_array();
	build_matcher(a, res, &m);
	t->also = arena_alloc(a, sizeof(*t->also) * (book->n + 1));
	score = arena_alloc(a, sizeof(*score) * (book->n + 1));
	for (i = 0; i < book->n; i++) {
		if (want && strcmp(want, book->sheets[i].name ? book->sheets[i].name : ""))
			continue;
		hi = header_row(a, &m, &book->sheets[i], &score[i]);
		if (score[i] > best) {
			best = score[i];
			h = hi;
			t->sheet_index = i;
		}
	}
	for (i = 0; i < book->n; i++)
		if (score[i] && i != t->sheet_index)
			t->also[nalso++] = book->sheets[i].name ? book->sheets[i].name : "";
	if (want && h < 0) {
		for (i = 0; i < book->n && strcmp(want, book->sheets[i].name ? book->sheets[i].name : ""); i++)
			;
		if (i == book->n) {
			buf_setf(err, "文件中没有名为“%s”的工作表", want);
			return -1;
		}
	}
	if (h < 0) {
		const struct field *f;
		struct buf labels = BUF_INIT;
		int k = 0;

		for (f = res->fields; f->name && k < 4; f++)
			if (field_importable(f) && (f->flags & F_REQUIRED))
				buf_addf(&labels, "%s“%s”", k++ ? "、" : "", f->label);
		for (f = res->import_columns; f && f->name && k < 4; f++)
			buf_addf(&labels, "%s“%s”", k++ ? "、" : "", f->label);
		buf_setf(err, "在文件中找不到%s的表头：表头应有%s等列（可下载导入模板对照）",
			 res->label, labels.len ? labels.ptr : "台账字段名称");
		buf_release(&labels);
		return -1;
	}
	t->fields = best;
	layout(a, res, &m, &book->sheets[t->sheet_index], h, t);
	return 0;
}

size_t import_table_report(struct arena *a, const struct import_table *t, const struct book *book,
			   int ignore_unknown, json_t *out)
{
	json_t *file = json_object(), *sheets = json_array(), *hdr = json_array(), *also = json_array();
	json_t *cols = json_array(), *ignored = json_array(), *skipped = json_array();
	size_t i, refused = 0;
	int k;

	for (i = 0; i < book->n; i++)
		if (book->sheets[i].name)
			json_array_append_new(sheets, json_string(book->sheets[i].name));
	for (k = 0; k < t->nheader; k++)
		json_array_append_new(hdr, json_integer(t->header_lines[k]));
	for (i = 0; t->also && t->also[i]; i++)
		json_array_append_new(also, json_string(t->also[i]));
	json_object_set_new(file, "sheet", t->sheet->name ? json_string(t->sheet->name) : json_null());
	json_object_set_new(file, "sheets", sheets);
	json_object_set_new(file, "hidden_sheets", json_integer((json_int_t)book->hidden));
	json_object_set_new(file, "header_rows", hdr);
	json_object_set_new(file, "rows", json_integer((json_int_t)t->nrows));
	json_object_set_new(file, "first_row", t->nrows ? json_integer(t->sheet->rows[t->rows[0]].line)
							: json_null());
	json_object_set_new(file, "last_row", t->nrows
		? json_integer(t->sheet->rows[t->rows[t->nrows - 1]].line) : json_null());
	json_object_set_new(file, "also", also);
	for (i = 0; i < t->ncols; i++) {
		const struct import_column *c = &t->cols[i];
		const char *reason = NULL;
		int refuse = 0;

		switch (c->role) {
		case COL_FIELD: case COL_ID: case COL_VERSION: case COL_CREATED:
			json_array_append_new(cols, json_pack("{s:s, s:s, s:s?, s:s?}", "column",
				import_column_name(a, i), "header", c->header, "field",
				c->f ? c->f->name : import_meta_name(c->role), "label",
				c->f ? c->f->label : c->header));
			continue;
		case COL_SEQ:
			reason = "序号列，不导入";
			break;
		case COL_READONLY:
			reason = "由系统生成的字段，导入时不使用";
			break;
		case COL_UNKNOWN:
			refuse = c->data_rows && !ignore_unknown;
			reason = !*c->header ? "该列没有表头" : "无法识别的列名（不是本台账的字段）";
			break;
		case COL_NONE:
			continue;
		}
		refused += refuse;
		json_array_append_new(ignored, json_pack("{s:s, s:s, s:s, s:I, s:b}", "column",
			import_column_name(a, i), "header", c->header, "reason", reason, "data_rows",
			(json_int_t)c->data_rows, "refused", refuse));
	}
	for (i = 0; i < t->nskips && i < IMPORT_MAX_SKIPS_SHOWN; i++)
		json_array_append_new(skipped, json_pack("{s:i, s:s, s:s}", "row", (int)t->skips[i].line,
			"reason", t->skips[i].reason, "text", t->skips[i].text));
	json_object_set_new(file, "skipped_rows", json_integer((json_int_t)t->nskips));
	json_object_set_new(out, "file", file);
	json_object_set_new(out, "columns", cols);
	json_object_set_new(out, "ignored_columns", ignored);
	json_object_set_new(out, "skipped", skipped);
	return refused;
}
