/* demo_village: the village demo loaders' shared helpers (demo_village.h). */
#include "modules/village/demo_village.h"

#include <stdlib.h>
#include <string.h>

#include "domain/demo_ids.h"
#include "modules/platform/platform.h"

void vdemo_init(struct vdemo *d, struct request_ctx *ctx, struct buf *err)
{
	memset(d, 0, sizeof(*d));
	d->ctx = ctx;
	d->err = err;
	d->now = time(NULL);
	date_today(d->today);
	memcpy(d->jan1, d->today, 4);
	memcpy(d->jan1 + 4, "-01-01", 7);
	d->year = (int)strtol(d->today, NULL, 10);
}

const char *vdemo_ago(struct vdemo *d, int days)
{
	char out[DATE_SIZE];

	date_add_days(d->today, -days, out);
	return arena_strdup(d->ctx->a, out);
}

const char *vdemo_this_year(struct vdemo *d, int days)
{
	const char *s = vdemo_ago(d, days);

	return strcmp(s, d->jan1) < 0 ? arena_strdup(d->ctx->a, d->jan1) : s;
}

const char *vdemo_later(struct vdemo *d, const char *a, int days)
{
	char out[DATE_SIZE];

	date_add_days(a, days, out);
	return arena_strdup(d->ctx->a, strcmp(out, d->today) > 0 ? d->today : out);
}

long long vdemo_person(struct vdemo *d, const char *name, int age, int male,
		       const char *division, const char *political_status)
{
	char birth[DATE_SIZE], shifted[DATE_SIZE], id[19];
	int k = d->seq++;

	date_add_months(d->today, -12 * age, shifted);
	date_add_days(shifted, -(20 + (k * 41) % 300), birth);
	demo_id_number(strncmp(division, "522725", 6) ? "522727" : "522725", birth, 600 + k, male, id);
	return vdemo_create(d, &res_persons, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
		"name", name, "id_number", id, "phone",
		arena_printf(d->ctx->a, "137%08d", 30000000 + k * 7013), "ethnicity",
		k % 3 ? "布依族" : "汉族", "political_status", political_status,
		"division_code", division));
}

long long vdemo_create(struct vdemo *d, const struct resource *res, json_t *in)
{
	return demo_create(d->ctx, res, in, d->err);
}

int vdemo_act(struct vdemo *d, const struct resource *res, long long id, const char *name,
	      json_t *body)
{
	return demo_act(d->ctx, res, id, name, body, d->err);
}
