/* registry: the table of every resource, in menu order, and lookups over it. */
#include <string.h>

#include "api/resource.h"
#include "api/resources.h"

const struct resource *const resources[] = {
	&res_persons,
	&res_orgs,
	&res_enterprises,
	&res_talents,
	&res_talent_evaluations,
	&res_trainings,
	&res_training_attendance,
	&res_placements,
	&res_committee_members,
	&res_party_development,
	&res_talent_steps,
	&res_divisions,
	&res_users,
	NULL,
};

const struct resource *resource_find(const char *name)
{
	int i;

	for (i = 0; name && resources[i]; i++)
		if (!strcmp(resources[i]->name, name))
			return resources[i];
	return NULL;
}

const struct field *resource_field(const struct resource *res, const char *name)
{
	const struct field *f;

	for (f = res->fields; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

const struct action *resource_action(const struct resource *res, const char *name)
{
	const struct action *a;

	for (a = res->actions; a && a->name; a++)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

const struct enum_value *field_enum(const struct field *f, const char *value_or_label)
{
	const struct enum_value *e;

	for (e = f->enums; e && e->value; e++)
		if (!strcmp(e->value, value_or_label))
			return e;
	for (e = f->enums; e && e->value; e++)
		if (!strcmp(e->label, value_or_label))
			return e;
	return NULL;
}
