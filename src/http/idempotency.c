/* idempotency: answering a retried mutation from its stored answer. The
 * handler's commits are held (store/db.h) so that the answer it queued is
 * stored in the same transaction as its writes. */
#include "http/idempotency.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "core/secret.h"
#include "store/idempotency_store.h"

static const char *key_of(const struct request_ctx *ctx)
{
	return request_header(ctx, "Idempotency-Key");
}

int idempotency_check_or_reply(struct request_ctx *ctx)
{
	const char *k = key_of(ctx);
	size_t n;

	if (!k)
		return 0;
	for (n = 0; k[n]; n++)
		if (k[n] < 0x21 || k[n] > 0x7e)
			break;
	if (n && n <= IDEM_KEY_MAX && !k[n])
		return 0;
	reply_error(ctx, 400, "bad_request",
		    "请求头 Idempotency-Key 应为 1–128 个可打印的 ASCII 字符（不含空格）",
		    json_pack("{s:s}", "Idempotency-Key", "应为 1–128 个可打印的 ASCII 字符"));
	return -1;
}

/* BLAKE2b-256 of what makes two requests the same: method, path, query
 * arguments in order, body. */
static void request_hash(const struct request_ctx *ctx, char out[65])
{
	crypto_generichash_state st;
	unsigned char h[32];
	size_t i;

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)ctx->method,
				  strlen(ctx->method) + 1);
	crypto_generichash_update(&st, (const unsigned char *)ctx->path, strlen(ctx->path) + 1);
	for (i = 0; i < ctx->nargs; i++) {
		crypto_generichash_update(&st, (const unsigned char *)ctx->args[i].key,
					  strlen(ctx->args[i].key) + 1);
		crypto_generichash_update(&st, (const unsigned char *)ctx->args[i].value,
					  strlen(ctx->args[i].value) + 1);
	}
	crypto_generichash_update(&st, (const unsigned char *)"", 1);
	if (ctx->body_len)
		crypto_generichash_update(&st, (const unsigned char *)ctx->body, ctx->body_len);
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

static void reply_unavailable(struct request_ctx *ctx)
{
	reply_error(ctx, 503, "internal",
		    "数据库暂时不可用，本次请求没有保存；请稍后用同一个 Idempotency-Key 重试", NULL);
}

/* Answers from a stored row: its answer again for the same request, 422 for
 * another one under the same key. */
static void replay(struct request_ctx *ctx, const struct idem_answer *ans, const char *hash)
{
	if (strcmp(ans->request_hash, hash)) {
		reply_error(ctx, 422, "validation",
			    "这个 Idempotency-Key 已用于另一个请求；每个不同的请求请使用新的键",
			    json_pack("{s:s}", "Idempotency-Key", "已用于另一个请求"));
		return;
	}
	buf_reset(&ctx->out);
	if (secret_decrypt(ans->body_enc, &ctx->out)) {
		log_error("无法解密 Idempotency-Key 的已存答复");
		reply_error(ctx, 500, "internal", "无法读取这个请求先前的答复", NULL);
		return;
	}
	ctx->status = ans->status;
	ctx->content_type = ans->content_type ? arena_strdup(ctx->a, ans->content_type) : NULL;
	ctx->static_body = NULL;
	ctx->nheaders = 0;
	reply_header(ctx, "Idempotent-Replayed", "true");
}

/* The stored answer for this caller's key: 1 queued (replayed or 422), 0
 * none, -1 database error (503 queued). */
static int answer_from_store(struct request_ctx *ctx)
{
	struct idem_answer ans;
	struct buf err = BUF_INIT;
	int rc = idem_store_find(ctx->db, ctx->a, ctx->who->id, key_of(ctx),
				 (long long)time(NULL) - IDEM_TTL_S, &ans, &err);

	if (rc < 0) {
		log_error("Idempotency-Key 查询失败: %s", err.ptr);
		reply_unavailable(ctx);
	} else if (rc > 0)
		replay(ctx, &ans, ctx->idem_hash);
	buf_release(&err);
	return rc;
}

static int applies(const struct request_ctx *ctx)
{
	return ctx->who && ctx->db && key_of(ctx) && strcmp(ctx->method, "GET") &&
	       strcmp(ctx->method, "HEAD");
}

int idempotency_begin(struct request_ctx *ctx)
{
	ctx->idem_active = 0;
	if (!applies(ctx))
		return 0;
	ctx->idem_hash = arena_alloc(ctx->a, 65);
	request_hash(ctx, ctx->idem_hash);
	if (answer_from_store(ctx))
		return 1;
	db_hold_commits(ctx->db);
	ctx->idem_active = 1;
	return 0;
}

void idempotency_end(struct request_ctx *ctx)
{
	struct idem_answer ans;
	struct buf err = BUF_INIT, enc = BUF_INIT;
	int rc;

	if (!ctx->idem_active)
		return;
	ctx->idem_active = 0;
	if (!db_commit_is_held(ctx->db)) {
		/* nothing written: the answer stands, unless a twin sent at the
		 * same time committed meanwhile (this one then lost its race) */
		db_release_commits(ctx->db, &err);
		if (ctx->status >= 400)
			answer_from_store(ctx);
		goto out;
	}
	ans.request_hash = ctx->idem_hash;
	ans.status = ctx->status;
	ans.content_type = ctx->content_type;
	if (ctx->static_body || secret_encrypt(ctx->out.ptr, &enc)) {
		db_rollback(ctx->db);
		db_release_commits(ctx->db, &err);
		log_error("Idempotency-Key 的答复无法保存");
		reply_unavailable(ctx);
		goto out;
	}
	ans.body_enc = enc.ptr;
	rc = idem_store_put(ctx->db, ctx->a, ctx->who->id, key_of(ctx), &ans,
			    (long long)time(NULL), &err);
	if (rc == DB_CONSTRAINT) {
		/* a twin with the same key committed first: undo this one */
		db_rollback(ctx->db);
		db_release_commits(ctx->db, &err);
		if (answer_from_store(ctx) == 0)
			reply_error(ctx, 409, "conflict",
				    "同一个 Idempotency-Key 的请求正在处理，请稍后重试", NULL);
		goto out;
	}
	if (rc || db_release_commits(ctx->db, &err)) {
		db_rollback(ctx->db);
		db_release_commits(ctx->db, &err);
		log_error("保存失败: %s", err.ptr);
		reply_unavailable(ctx);
	}
out:
	buf_release(&enc);
	buf_release(&err);
}
