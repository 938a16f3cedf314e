/* rate_store: per-client request counters of the public pages, kept in the
 * database (table public_hits) so that every node of a deployment counts the
 * same requests, as the login-failure counters in accounts.c do. */
#ifndef JICENG_RATE_STORE_H
#define JICENG_RATE_STORE_H

#include "store/db.h"

/*
 * Records one request of `client` at `now` (RFC 3339 UTC) in its own write
 * transaction, after dropping every request at or before `since` (the start
 * of the window), and sets *hits to the client's requests in the window, this
 * one included, and *oldest to the first of them (arena text). 0, or -1 with
 * err (nothing recorded).
 */
int rate_store_hit(struct db *db, struct arena *a, const char *client, const char *now,
		   const char *since, long long *hits, const char **oldest, struct buf *err);

#endif
