/* rate_store: per-client request counters of the public pages, kept in the
 * database (table public_hits) so that every node of a deployment counts the
 * same requests, as the login-failure counters in accounts.c do. */
#ifndef JICENG_RATE_STORE_H
#define JICENG_RATE_STORE_H

#include "store/db.h"

/*
 * Counts one request of `client` in the window `minute` ("YYYY-MM-DDTHH:MM",
 * UTC) in its own write transaction and sets *hits to the window's count so
 * far, this one included. The first request of a window also drops windows
 * before `prune_before`. 0, or -1 with err (nothing counted).
 */
int rate_store_hit(struct db *db, struct arena *a, const char *client, const char *minute,
		   const char *prune_before, long long *hits, struct buf *err);

#endif
