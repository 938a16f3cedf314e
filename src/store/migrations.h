/* migrations: the numbered schema scripts of both dialects, embedded from sql/. */
#ifndef JICENG_MIGRATIONS_H
#define JICENG_MIGRATIONS_H

struct migration {
	int version;
	const char *name;
	const char *sqlite;
	const char *pg;
};

extern const struct migration migrations[];
extern const int migrations_count;

#endif
