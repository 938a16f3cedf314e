/* division_store: loading the administrative division tree. */
#ifndef JICENG_DIVISION_STORE_H
#define JICENG_DIVISION_STORE_H

#include "io/divisions.h"
#include "store/db.h"

/* Inserts or refreshes every division (by code) in one transaction. */
int division_store_load(struct db *db, const struct division *d, size_t n, struct buf *err);

#endif
