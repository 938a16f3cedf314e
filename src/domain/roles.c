/* roles: one table of the roles and their rules. */
#include "domain/roles.h"

#include <string.h>

static const struct {
	const char *name;
	enum role_level level;
	enum role_scope scope;
	int readonly;
	unsigned caps;     /* enum role_caps */
} roles[] = {
	{ "admin", LEVEL_ADMIN, ROLE_SCOPE_ALL, 0, CAP_ALL },
	{ "county", LEVEL_COUNTY, ROLE_SCOPE_DIVISION, 0, 0 },
	{ "town", LEVEL_TOWN, ROLE_SCOPE_DIVISION, 0, 0 },
	{ "village", LEVEL_VILLAGE, ROLE_SCOPE_DIVISION, 0, 0 },
	{ "org", LEVEL_NONE, ROLE_SCOPE_ORG, 0, 0 },
	{ "department", LEVEL_NONE, ROLE_SCOPE_ORG, 0, 0 },
	{ "enterprise", LEVEL_NONE, ROLE_SCOPE_ENTERPRISE, 0, 0 },
	{ "viewer", LEVEL_NONE, ROLE_SCOPE_DIVISION, 1, 0 },
	{ "sysadmin", LEVEL_NONE, ROLE_SCOPE_NONE, 0, CAP_ACCOUNTS | CAP_REFDATA },
	{ "secadmin", LEVEL_NONE, ROLE_SCOPE_NONE, 0, CAP_GRANT },
	{ "auditor", LEVEL_NONE, ROLE_SCOPE_NONE, 0, CAP_AUDIT },
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

unsigned role_caps(const char *role)
{
	int i = find(role);

	return i < 0 ? 0 : roles[i].caps;
}

int role_is_administrator(const char *role)
{
	return role_caps(role) != 0;
}

int role_known(const char *role)
{
	return find(role) >= 0;
}

int role_caps_names(unsigned caps, const char *out[4])
{
	static const struct {
		unsigned cap;
		const char *name;
	} names[] = {
		{ CAP_ACCOUNTS, "accounts" },
		{ CAP_GRANT, "grant" },
		{ CAP_AUDIT, "audit" },
		{ CAP_REFDATA, "refdata" },
	};
	int i, n = 0;

	for (i = 0; i < 4; i++)
		if (caps & names[i].cap)
			out[n++] = names[i].name;
	return n;
}

const char *role_caps_holders(unsigned caps)
{
	if ((caps & (CAP_ACCOUNTS | CAP_REFDATA)) && (caps & CAP_GRANT))
		return "系统管理员或安全管理员";
	if (caps & (CAP_ACCOUNTS | CAP_REFDATA))
		return "系统管理员";
	if (caps & CAP_GRANT)
		return "安全管理员";
	if (caps & CAP_AUDIT)
		return "审计管理员";
	return "管理员";
}
