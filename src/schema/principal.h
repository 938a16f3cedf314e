/* principal: who is calling and which rows they may see. Built once per
 * request from the account (http/auth.c) or by the CLI; the store applies
 * `scope` inside every query (store/records.c), so this is all it needs to
 * know about the caller. */
#ifndef JICENG_SCHEMA_PRINCIPAL_H
#define JICENG_SCHEMA_PRINCIPAL_H

#include "domain/division.h"
#include "domain/roles.h"

/*
 * The rows a caller may see, as the ways of a resource's declaration read
 * them (schema/resource.h, struct scope_way): a row is visible when any way
 * of its resource matches one of these. Everything unset matches nothing.
 */
struct scope {
	int all;                    /* admins: every row */
	char lo[DIVISION_SIZE];     /* division subtree range; "" = no division scope */
	char hi[DIVISION_SIZE];
	const char *org_path;       /* organisation subtree ('/1/4/'), or NULL */
	long long enterprise_id;    /* the caller's enterprise, or 0 */
	int accounts;               /* the accounts (RES_ADMIN_ONLY resources): callers holding
				     * CAP_ACCOUNTS or CAP_GRANT */
	int own;                    /* only the rows that are the caller's own — the ways but
				     * WAY_CHILD, which lets a row be seen, not changed */
};

struct principal {
	long long id;
	const char *username;
	const char *display_name;
	const char *role;           /* admin county town village org department enterprise viewer
				     * sysadmin secadmin auditor */
	enum role_level level;
	unsigned caps;              /* administrative powers (enum role_caps) */
	int readonly;               /* viewer */
	const char *scope_division; /* 12 digits, or NULL (admins, org/department/enterprise users) */
	long long scope_org_id;     /* org and department users' organisation, or 0 */
	long long enterprise_id;    /* enterprise users' enterprise, or 0 */
	struct scope scope;
	int pii;                    /* may read full ID numbers and phones (audited) */
	int via_token;
	int totp;                   /* the user has a second factor (RFC 6238) */
	int setup_only;             /* a session that must first set up its second factor: only
				     * ROUTE_SETUP routes answer it */
	long long session_id;
	const char *csrf;
};

#endif
