/* dividend_rules: how a cooperative's year of profit set aside for its members
 * is split over the share holdings (保底分红 + 效益分红), exact to the fen. Pure
 * rules, no database; the `compute` action of coop_dividends applies them. */
#ifndef JICENG_MODULES_VILLAGE_DIVIDEND_RULES_H
#define JICENG_MODULES_VILLAGE_DIVIDEND_RULES_H

#include <stddef.h>

/* Bounds that keep every product below 2^63: a run distributes at most
 * 100 亿元 and a holding has at most a million shares. */
#define DIVIDEND_MAX_FEN 1000000000000LL
#define DIVIDEND_MAX_SHARES 1000000LL

struct dividend_holding {
	long long id;              /* the coop_share id: ties of the remainder go to the lower */
	long long shares;          /* whole shares, 1..DIVIDEND_MAX_SHARES */
	/* written by dividend_allocate */
	long long guaranteed_fen;  /* shares × guaranteed per share */
	long long performance_fen; /* its part of what is left, by largest remainder */
	long long total_fen;       /* guaranteed + performance */
};

/*
 * Splits `distributable_fen` over the n holdings `h`: each first gets
 * shares × `guaranteed_fen_per_share` (保底); what is left (效益) is split in
 * proportion to shares, each part rounded down to the fen, and the leftover
 * fen (fewer than n) go one each to the holdings with the largest remainders,
 * ties to the lower id (the largest remainder method, also called Hamilton's).
 * Then the totals add up to distributable_fen exactly, no part is negative and
 * every performance part is within one fen of its exact proportional share.
 *
 * Returns 0 with the parts written, or -1 with *why (a static Chinese message)
 * when n is 0, an amount is negative or beyond DIVIDEND_MAX_FEN, a holding's
 * shares are outside 1..DIVIDEND_MAX_SHARES, or the guaranteed parts together
 * exceed distributable_fen (then `*needed_fen`, when not NULL, is their sum,
 * or DIVIDEND_MAX_FEN + 1 when even that is beyond the bound). Nothing is
 * written on failure.
 */
int dividend_allocate(long long distributable_fen, long long guaranteed_fen_per_share,
		      struct dividend_holding *h, size_t n, long long *needed_fen,
		      const char **why);

#endif
