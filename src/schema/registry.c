/* registry: the table of modules — the one place that names them — and the
 * lookups over their resources. */
#include <pthread.h>
#include <string.h>

#include "domain/cell.h"
#include "schema/module.h"
#include "schema/principal.h"

extern const struct module module_platform;
extern const struct module module_talent;
extern const struct module module_tickets;
extern const struct module module_party;
extern const struct module module_village_economy;
extern const struct module module_village_governance;
extern const struct module module_pairing;
extern const struct module module_admin;

/* Menu order: the platform's ledgers, then each mechanism, then administration. */
const struct module *const modules[] = {
	&module_platform,
	&module_talent,
	&module_tickets,
	&module_party,
	&module_village_economy,
	&module_village_governance,
	&module_pairing,
	&module_admin,
	NULL,
};

#define MAX_RESOURCES 256

static const struct resource *all[MAX_RESOURCES + 1];
static const struct module *owner[MAX_RESOURCES];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build(void)
{
	int m, r, n = 0;

	for (m = 0; modules[m]; m++)
		for (r = 0; modules[m]->resources[r] && n < MAX_RESOURCES; r++) {
			owner[n] = modules[m];
			all[n++] = modules[m]->resources[r];
		}
	all[n] = NULL;
}

const struct resource *const *resources_all(void)
{
	pthread_once(&once, build);
	return all;
}

const struct resource *resource_find(const char *name)
{
	const struct resource *const *r;

	for (r = resources_all(); name && *r; r++)
		if (!strcmp((*r)->name, name))
			return *r;
	return NULL;
}

const struct module *resource_module(const struct resource *res)
{
	const struct resource *const *r = resources_all();
	int i;

	for (i = 0; r[i]; i++)
		if (r[i] == res)
			return owner[i];
	return NULL;
}

const struct field *resource_field(const struct resource *res, const char *name)
{
	const struct field *f;

	for (f = res->fields; name && f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

unsigned resource_write_caps(const struct resource *res)
{
	if (res->flags & RES_ADMIN_ONLY)
		return CAP_ACCOUNTS | CAP_GRANT;
	if (res->flags & RES_READONLY)
		return CAP_REFDATA;
	return 0;
}

const struct action *resource_action(const struct resource *res, const char *name)
{
	const struct action *a;

	for (a = res->actions; a && a->name; a++)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

const struct action *resource_import_action(const struct resource *res,
					    const struct principal *who)
{
	const struct action *a, *plain = NULL;

	for (a = res->actions; a && a->name; a++) {
		if (!(a->flags & ACT_CREATE))
			continue;
		if ((a->flags & ACT_IMPORT) && who->level >= a->min_level)
			return a;
		if (!(a->flags & ACT_IMPORT) && !plain)
			plain = a;
	}
	return plain;
}

/* 1 when `text` is one of the "|"-separated names, compared by `same`. */
static int among(const char *names, const char *text, int (*same)(const char *, const char *))
{
	char one[128];
	const char *p = names, *bar;
	size_t n;

	while (p && *p) {
		bar = strchr(p, '|');
		n = bar ? (size_t)(bar - p) : strlen(p);
		if (n < sizeof(one)) {
			memcpy(one, p, n);
			one[n] = '\0';
			if (same(one, text))
				return 1;
		}
		p = bar ? bar + 1 : NULL;
	}
	return 0;
}

static int same_text(const char *a, const char *b)
{
	return !strcmp(a, b);
}

const struct enum_value *field_enum(const struct field *f, const char *value_or_label)
{
	const struct enum_value *e;

	for (e = f->enums; e && e->value; e++)
		if (!strcmp(e->value, value_or_label))
			return e;
	for (e = f->enums; e && e->value; e++)
		if (!strcmp(e->label, value_or_label) || among(e->aliases, value_or_label, same_text))
			return e;
	for (e = f->enums; e && e->value; e++)
		if (cell_same_key(e->label, value_or_label) ||
		    among(e->aliases, value_or_label, cell_same_key))
			return e;
	return NULL;
}

const char *resource_enum_label(const struct resource *res, const char *field,
				const char *value)
{
	const struct field *f = resource_field(res, field);
	const struct enum_value *e = f && value ? field_enum(f, value) : NULL;

	return e ? e->label : value ? value : "";
}

const struct requirement *resource_requirement(const struct resource *res, const char *value)
{
	const struct requirement *r;

	for (r = res->requires; value && r && r->equals; r++)
		if (!strcmp(r->equals, value))
			return r;
	return NULL;
}

int field_secret(const struct field *f)
{
	return f->type == FT_ID_NUMBER || f->type == FT_PHONE;
}

int field_importable(const struct field *f)
{
	return !(f->flags & (F_HIDDEN | F_READONLY | F_VIRTUAL | F_NO_IMPORT));
}

const struct field *resource_import_column(const struct resource *res, const char *name)
{
	const struct field *f;

	for (f = res->import_columns; name && f && f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

const struct scope_way *resource_way(const struct resource *res, enum scope_way_kind kind)
{
	const struct scope_way *w;

	for (w = res->scope; w && w->kind; w++)
		if (w->kind == kind)
			return w;
	return NULL;
}
