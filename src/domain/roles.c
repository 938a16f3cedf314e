/* roles: one table of the roles and their rules. */
#include "domain/roles.h"

#include <string.h>

static const struct {
	const char *name;
	enum role_level level;
	enum role_scope scope;
	int readonly;
} roles[] = {
	{ "admin", LEVEL_ADMIN, ROLE_SCOPE_ALL, 0 },
	{ "county", LEVEL_COUNTY, ROLE_SCOPE_DIVISION, 0 },
	{ "town", LEVEL_TOWN, ROLE_SCOPE_DIVISION, 0 },
	{ "village", LEVEL_VILLAGE, ROLE_SCOPE_DIVISION, 0 },
	{ "org", LEVEL_NONE, ROLE_SCOPE_ORG, 0 },
	{ "department", LEVEL_NONE, ROLE_SCOPE_ORG, 0 },
	{ "enterprise", LEVEL_NONE, ROLE_SCOPE_ENTERPRISE, 0 },
	{ "viewer", LEVEL_NONE, ROLE_SCOPE_DIVISION, 1 },
};

#define NROLES (sizeof(roles) / sizeof(roles[0]))

static int find(const char *role)
{
	size_t i;

	for (i = 0; role && i < NROLES; i++)
		if (!strcmp(roles[i].name, role))
			return (int)i;
	return -1;
}

enum role_level role_level(const char *role)
{
	int i = find(role);

	return i < 0 ? LEVEL_NONE : roles[i].level;
}

int role_readonly(const char *role)
{
	int i = find(role);

	return i < 0 ? 0 : roles[i].readonly;
}

enum role_scope role_scope(const char *role)
{
	int i = find(role);

	return i < 0 ? ROLE_SCOPE_DIVISION : roles[i].scope;
}

int role_known(const char *role)
{
	return find(role) >= 0;
}
