/* migrate_steps: the program steps of migrations (see migrate_steps.h). */
#include "store/migrate_steps.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/secret.h"
#include "domain/mask.h"
#include "domain/phone.h"

#define PAGE 1000

/*
 * seal_phones (0017): the phones stored in clear before — persons.phone and
 * tickets.requester_phone — go to <column>_enc, _hash and _mask as every phone
 * is written since (api/record.c record_values); the script then drops the
 * plaintext column. A value that no longer passes phone_check() (stored by an
 * older rule) is kept as it was, encrypted, hashed and masked all the same.
 */
static int seal_column(struct db *db, const char *table, const char *column, struct buf *err)
{
	char select_sql[256], update_sql[256];
	long long last = 0;
	int ret = -1;

	snprintf(select_sql, sizeof(select_sql),
		 "SELECT id, %s FROM %s WHERE %s IS NOT NULL AND id > ? ORDER BY id LIMIT %d",
		 column, table, column, PAGE);
	snprintf(update_sql, sizeof(update_sql),
		 "UPDATE %s SET %s_enc = ?, %s_hash = ?, %s_mask = ? WHERE id = ?", table, column,
		 column, column);
	for (;;) {
		struct arena *a = arena_new();
		struct db_param p = db_int(last);
		struct db_result r;
		size_t i;

		if (db_query(db, a, select_sql, &p, 1, &r, err)) {
			arena_free(a);
			goto out;
		}
		for (i = 0; i < r.nrows; i++) {
			const char *plain = db_cell(&r, i, 1);
			char norm[PHONE_SIZE], h[SECRET_HASH_HEX_SIZE], m[MASK_PHONE_SIZE];
			struct buf enc = BUF_INIT;
			struct db_param u[4];
			int rc;

			if (!phone_check(plain, norm, sizeof(norm), NULL))
				plain = norm;
			if (secret_encrypt(plain, &enc)) {
				buf_setf(err, "%s.%s：无法加密（密钥未加载）", table, column);
				arena_free(a);
				goto out;
			}
			secret_hash(plain, h);
			mask_phone(plain, m);
			last = strtoll(db_cell(&r, i, 0), NULL, 10);
			u[0] = db_text(enc.ptr);
			u[1] = db_text(h);
			u[2] = db_text(m);
			u[3] = db_int(last);
			rc = db_query(db, a, update_sql, u, 4, NULL, err);
			buf_release(&enc);
			if (rc) {
				arena_free(a);
				goto out;
			}
		}
		arena_free(a);
		if (r.nrows < PAGE)
			break;
	}
	ret = 0;
out:
	return ret;
}

static int seal_phones(struct db *db, struct buf *err)
{
	return seal_column(db, "persons", "phone", err) ||
	       seal_column(db, "tickets", "requester_phone", err) ? -1 : 0;
}

static const struct {
	const char *name;
	int (*run)(struct db *db, struct buf *err);
} steps[] = {
	{ "seal_phones", seal_phones },
};

int migrate_step_run(struct db *db, const char *name, size_t len, struct buf *err)
{
	size_t i;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (strlen(steps[i].name) == len && !memcmp(steps[i].name, name, len))
			return steps[i].run(db, err);
	buf_setf(err, "迁移脚本要求的程序步骤“%.*s”不存在", (int)(len > 64 ? 64 : len), name);
	return -1;
}
