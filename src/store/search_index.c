/* search_index: writes a record's distinct terms in batches of up to eight rows,
 * so that a handful of prepared statements serve every record. */
#include "store/search_index.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "domain/search_terms.h"
#include "store/sqlw.h"

#define BATCH 8

struct term_set {
	char (*terms)[SEARCH_TERM_SIZE];
	size_t n, alloc;
};

static void add_term(const char *term, void *arg)
{
	struct term_set *set = arg;
	size_t i;

	for (i = 0; i < set->n; i++)
		if (!strcmp(set->terms[i], term))
			return;
	ALLOC_GROW(set->terms, set->n + 1, set->alloc);
	memcpy(set->terms[set->n++], term, SEARCH_TERM_SIZE);
}

int search_index_put(struct db *db, struct arena *a, const char *entity, long long id,
		     const char *const *texts, int ntexts, int fresh, struct buf *err)
{
	struct term_set set = { NULL, 0, 0 };
	struct db_param del[2] = { db_text(entity), db_int(id) };
	size_t i;
	int t, ret = -1;

	for (t = 0; t < ntexts; t++)
		if (texts[t])
			search_terms_each(texts[t], add_term, &set);
	/* a new record has no terms: PostgreSQL, planning this DELETE once for a
	 * table still empty, scanned every term of a large import for each row */
	if (!fresh && db_query(db, a, "DELETE FROM search_terms WHERE entity = ? AND entity_id = ?",
			       del, 2, NULL, err))
		goto out;
	for (i = 0; i < set.n; i += BATCH) {
		size_t k, n = set.n - i < BATCH ? set.n - i : BATCH;
		struct sqlw w;
		int rc;

		sqlw_init(&w, a);
		sqlw_add(&w, "INSERT INTO search_terms (entity, term, entity_id) VALUES ");
		for (k = 0; k < n; k++) {
			sqlw_add(&w, k ? ", (" : "(");
			sqlw_param(&w, db_text(entity));
			sqlw_add(&w, ", ");
			sqlw_param(&w, db_text(set.terms[i + k]));
			sqlw_add(&w, ", ");
			sqlw_param(&w, db_int(id));
			sqlw_add(&w, ")");
		}
		rc = sqlw_run(&w, db, NULL, err);
		sqlw_release(&w);
		if (rc)
			goto out;
	}
	ret = 0;
out:
	free(set.terms);
	return ret;
}

long long search_index_count(struct db *db, struct arena *a, const char *entity,
			     struct buf *err)
{
	struct db_param p = db_text(entity);
	struct db_result r;

	if (db_query(db, a, "SELECT COUNT(*) FROM search_terms WHERE entity = ?", &p, 1, &r, err))
		return -1;
	return strtoll(db_cell(&r, 0, 0), NULL, 10);
}
