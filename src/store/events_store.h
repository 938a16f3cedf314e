/* events_store: the one event log of every workflow (table events). Rows are
 * written by the transition in the transaction of the change they record;
 * nothing ever updates or deletes them. */
#ifndef JICENG_EVENTS_STORE_H
#define JICENG_EVENTS_STORE_H

#include "store/db.h"

struct event_entry {
	const char *entity;      /* resource name, e.g. "talents" */
	long long entity_id;
	const char *action;      /* the action's name */
	const char *from_state;  /* NULL for a creation */
	const char *to_state;
	const char *on;          /* the action's date, YYYY-MM-DD */
	const char *fields;      /* JSON object text of its fields, or NULL */
	const char *comment;     /* may be NULL */
	long long user_id;       /* 0 = the command line */
	const char *username;
};

/* Appends one event; the time it was recorded is now. 0 or -1 with err. */
int events_add(struct db *db, struct arena *a, const struct event_entry *e, struct buf *err);

/* The events of one record, oldest first: columns id, at, on_date, user_id,
 * username, action, from_state, to_state, fields, comment, user_name (the
 * user's display name, NULL when none). */
int events_of(struct db *db, struct arena *a, const char *entity, long long entity_id,
	      struct db_result *out, struct buf *err);

#endif
