/* auth: who is calling — session cookies, bearer tokens, CSRF, login with its
 * rate limit, and the session lifecycle. */
#ifndef JICENG_AUTH_H
#define JICENG_AUTH_H

#include "http/request.h"

/* Fills ctx->who from the session cookie or bearer token; 0 when authenticated,
 * -1 when not (no reply queued: the dispatcher decides). */
int auth_identify(struct request_ctx *ctx);
/* Fills ctx->who from an API token given some other way than the header
 * (Open311's api_key); 0 when it names an active user's token, else -1. */
int auth_identify_token(struct request_ctx *ctx, const char *token);
/* For cookie-authenticated mutations: 0 if X-CSRF-Token matches, else -1. */
int auth_check_csrf(struct request_ctx *ctx);
/* Loads a user's principal by id (also used by the CLI). NULL if not active. */
struct principal *auth_load_principal(struct request_ctx *ctx, long long user_id);
/* The JSON shape of the current user (API.md "user"). */
json_t *auth_user_json(struct request_ctx *ctx, const struct principal *p);

void auth_login(struct request_ctx *ctx);        /* POST /api/v1/session */
void auth_session_get(struct request_ctx *ctx);  /* GET */
void auth_logout(struct request_ctx *ctx);       /* DELETE */
void auth_change_password(struct request_ctx *ctx); /* POST /api/v1/session/password */

#endif
