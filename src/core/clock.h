/* clock: the monotonic clock, for deadlines and durations (never for dates). */
#ifndef JICENG_CLOCK_H
#define JICENG_CLOCK_H

/* Seconds on CLOCK_MONOTONIC (an arbitrary origin; only differences mean anything). */
double clock_monotonic_s(void);

#endif
