/* roles: the role rules of DESIGN.md "Roles and data scope" (in the manner of
 * RuoYi's 数据权限) — each role's level for workflow permissions, whether it
 * may write, and what its account must name to have a scope. The one place
 * that knows the roles; auth, users and the CLI ask here. */
#ifndef JICENG_DOMAIN_ROLES_H
#define JICENG_DOMAIN_ROLES_H

enum role_level {
	LEVEL_NONE = 0,     /* viewer, department, enterprise, org */
	LEVEL_VILLAGE = 1,
	LEVEL_TOWN = 2,
	LEVEL_COUNTY = 3,
	LEVEL_ADMIN = 4,
};

/* What an account of a role must name for its scope. */
enum role_scope {
	ROLE_SCOPE_ALL,         /* admin: everything */
	ROLE_SCOPE_DIVISION,    /* county, town, village, viewer: a division subtree */
	ROLE_SCOPE_ORG,         /* org, department: an organisation subtree */
	ROLE_SCOPE_ENTERPRISE,  /* enterprise: one enterprise */
};

/* The level of a role name; LEVEL_NONE for roles without one or unknown names. */
enum role_level role_level(const char *role);
/* 1 for roles that may only read (viewer). */
int role_readonly(const char *role);
/* What the role's account must name; ROLE_SCOPE_DIVISION for unknown names
 * (which then see nothing without a division). */
enum role_scope role_scope(const char *role);
/* 1 when `role` is one of the known role names. */
int role_known(const char *role);

#endif
