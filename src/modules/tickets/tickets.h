/* tickets: the ticket engine — one state machine for every kind of request
 * on the seed page (企业点单 → 中心派单 → 部门接单 → 办结 → 企业评单; 项目代办;
 * 居民点单 → 支部派单 → 全员接单 → 组织晒单; 职工诉求, 金点子, 矛盾纠纷) with
 * the handling of 12345 / 接诉即办 platforms (签收, 退单, 延期, 催办, 督办, 重办,
 * 回访), working-day SLAs, the 三率 and Open311 GeoReport v2. */
#ifndef JICENG_MODULES_TICKETS_H
#define JICENG_MODULES_TICKETS_H

#include "http/request.h"
#include "schema/module.h"

/* The figures of the ticket statistics as list filters, shared by the
 * statistic's parts (ticket_stats.c) and the rollup's measures
 * (res_tickets.c), which must be written alike to answer for each other. */
#define TICKETS_WITHDRAWN "status=withdrawn"
#define TICKETS_NOT_WITHDRAWN "status__ne=withdrawn"
#define TICKETS_RESOLVED "status=resolved&status=closed"
#define TICKETS_ON_TIME TICKETS_RESOLVED "&resolved_on_time=true"
#define TICKETS_DISPATCHED "dispatched_at__null=0"
#define TICKETS_RESPONDED "responded_on_time=true"
#define TICKETS_RATED "rating__null=0"
#define TICKETS_SATISFIED "rating=satisfied&rating=basic"
#define TICKETS_REOPENED "reopen_count__gt=0"
#define TICKETS_PUBLISHED "published=true"
#define TICKETS_CLAIMED "claimed=true"

/* The kinds of ticket (enterprise_service 企业服务 … dispute 矛盾纠纷). */
extern const struct enum_value ticket_kinds[];
extern const struct resource res_tickets;
extern const struct resource res_ticket_categories;
extern const struct stats_def ticket_stats[];

/* The kinds residents raise (Open311 serves them; 晒单 publishes them). */
int tickets_resident_kind(const char *kind);

/* One category of a kind: its label, SLA in working days and default
 * organisation (0 = none). 1 when found and active, 0 when not, -1 with err. */
struct ticket_category {
	long long id;
	const char *label;
	int sla_days;
	long long default_org_id;
};

int tickets_category(struct request_ctx *ctx, const char *kind, const char *code,
		     struct ticket_category *out, struct buf *err);

/* The date `days` working days after `from` on the working calendar (the
 * holidays ledger), into `out`. 0, or -1 with err. */
int tickets_due(struct request_ctx *ctx, const char *from, int days, char out[11],
		struct buf *err);

/* Open311 GeoReport v2 (open311.c). */
void open311_services(struct request_ctx *ctx);     /* GET /open311/v2/services.{json,xml} */
void open311_service(struct request_ctx *ctx);      /* GET /open311/v2/services/{code}.{json,xml} */
void open311_requests(struct request_ctx *ctx);     /* GET /open311/v2/requests.{json,xml} */
void open311_post(struct request_ctx *ctx);         /* POST /open311/v2/requests.json */
void open311_request(struct request_ctx *ctx);      /* GET /open311/v2/requests/{id}.{json,xml} */

/* The public 晒单 board (public.c): GET /public/v1/wishes — published
 * tickets of the resident kinds, names masked. */
void tickets_public_board(struct request_ctx *ctx);

/* Demo data (demo_tickets.c). */
int tickets_demo(struct request_ctx *ctx, struct buf *summary, struct buf *err);

#endif
