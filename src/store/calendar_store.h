/* calendar_store: the working calendar (the holidays ledger) as the working-day
 * rules of domain/workdays.h read it. */
#ifndef JICENG_CALENDAR_STORE_H
#define JICENG_CALENDAR_STORE_H

#include "domain/workdays.h"
#include "store/db.h"

/* Loads every live declared day into `out` (days sorted, strings in the
 * arena). A year holds a few dozen rows, so the whole calendar is read.
 * 0, or -1 with err. */
int calendar_load(struct db *db, struct arena *a, struct workday_calendar *out,
		  struct buf *err);

#endif
