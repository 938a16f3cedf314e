/* roles: the role rules of DESIGN.md "Roles and data scope" (in the manner of
 * RuoYi's 数据权限) — each role's level for workflow permissions, whether it
 * may write, what its account must name to have a scope, and which
 * administrative powers it holds. The one place that knows the roles; auth,
 * users, the route table and the CLI ask here.
 *
 * Administration is split into powers (enum role_caps) so that a deployment
 * assessed under GB/T 22239-2019 level 3 can separate the system, security
 * and audit administrators (三权分立, 8.1.5.1–8.1.5.3 安全管理中心): `admin`
 * holds every power (small deployments); `sysadmin`, `secadmin` and
 * `auditor` hold one each and see no business records. docs/security.md
 * says how a deployment switches to the three. */
#ifndef JICENG_DOMAIN_ROLES_H
#define JICENG_DOMAIN_ROLES_H

enum role_level {
	LEVEL_NONE = 0,     /* viewer, department, enterprise, org, the three administrators */
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
	ROLE_SCOPE_NONE,        /* the three administrators: no business records */
};

/* Administrative powers. Business work (records, workflows) is a matter of
 * level and scope, not of these. */
enum role_caps {
	CAP_ACCOUNTS = 1 << 0, /* 系统管理: create accounts, lock and unlock them, reset passwords
				* and second factors, lift login limits, API tokens of others */
	CAP_GRANT = 1 << 1,    /* 安全管理: a user's rights (role, scope, PII permission, second
				* factor required), approve accounts waiting for them, the
				* security policy */
	CAP_AUDIT = 1 << 2,    /* 审计管理: the whole audit trail */
	CAP_REFDATA = 1 << 3,  /* 系统资源: the reference data every user reads (divisions,
				* holidays, ticket categories: RES_READONLY resources) */
};

#define CAP_ALL (CAP_ACCOUNTS | CAP_GRANT | CAP_AUDIT | CAP_REFDATA)

/* The level of a role name; LEVEL_NONE for roles without one or unknown names. */
enum role_level role_level(const char *role);
/* 1 for roles that may only read (viewer). */
int role_readonly(const char *role);
/* What the role's account must name; ROLE_SCOPE_DIVISION for unknown names
 * (which then see nothing without a division). */
enum role_scope role_scope(const char *role);
/* The role's powers (enum role_caps); 0 for business roles and unknown names. */
unsigned role_caps(const char *role);
/* 1 for the administrator roles (admin, sysadmin, secadmin, auditor): their
 * accounts are changed through the API only by a caller holding every power
 * of CAP_ACCOUNTS and CAP_GRANT, else only on the server (jiceng user), so
 * that no one administrator can take over another's account. */
int role_is_administrator(const char *role);
/* Who holds the powers of `caps`, in words for a message ("系统管理员",
 * "系统管理员或安全管理员"); a static string. */
const char *role_caps_holders(unsigned caps);
/* 1 when `role` is one of the known role names. */
int role_known(const char *role);
/* The names of the powers in `caps`, for the API ("accounts", "grant",
 * "audit", "refdata"), in that order; `out` gets at most 4, returns how many. */
int role_caps_names(unsigned caps, const char *out[4]);

#endif
