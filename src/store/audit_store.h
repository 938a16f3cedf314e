/* audit_store: writing and reading the audit trail. */
#ifndef JICENG_AUDIT_STORE_H
#define JICENG_AUDIT_STORE_H

#include <jansson.h>

#include "store/db.h"

struct audit_entry {
	long long user_id;     /* 0 = none (failed login of an unknown user, CLI) */
	const char *username;
	const char *action;    /* create update delete action:<name> import export login login_failed reveal ... */
	const char *entity;    /* resource name as in the URL */
	long long entity_id;   /* 0 = none */
	json_t *before;        /* borrowed; may be NULL */
	json_t *after;         /* borrowed; may be NULL */
	const char *ip;
};

int audit_write(struct db *db, struct arena *a, const struct audit_entry *e, struct buf *err);

struct audit_query {
	const char *entity;
	long long entity_id, user_id; /* 0 = any */
	const char *from, *to;        /* RFC 3339 or date prefixes; NULL = open */
	long long before_id;          /* keyset: ids below this; 0 = from the newest */
	int limit;
};

/* Newest first. Columns: id at user_id username action entity entity_id before after ip
 * user_name (the user's display name, NULL when none or the user is gone). */
int audit_list(struct db *db, struct arena *a, const struct audit_query *q,
	       struct db_result *out, struct buf *err);

#endif
