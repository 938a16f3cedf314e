/* demo_village: what the village module's two demo loaders share — the day
 * they run, dates relative to it, and a person of a village with a valid ID
 * number. */
#ifndef JICENG_MODULES_VILLAGE_DEMO_H
#define JICENG_MODULES_VILLAGE_DEMO_H

#include <time.h>

#include "api/demo.h"
#include "domain/date.h"

#define XINZHUANG "522725002006" /* 瓮安县瓮水街道新庄社区 */
#define XINPING "522727108203"   /* 平塘县掌布镇新坪村 */
#define ZHANGBU "522727108000"   /* 平塘县掌布镇 */

struct vdemo {
	struct request_ctx *ctx;
	struct buf *err;
	char today[DATE_SIZE], jan1[DATE_SIZE];
	int year;                 /* this year */
	time_t now;               /* the real time: tickets cannot be dated ahead of it */
	int seq;                  /* persons made so far */
	int vouchers;             /* ledger vouchers numbered so far */
};

void vdemo_init(struct vdemo *d, struct request_ctx *ctx, struct buf *err);
/* today − days (arena text) */
const char *vdemo_ago(struct vdemo *d, int days);
/* today − days, but not before 1 January: an event of this year */
const char *vdemo_this_year(struct vdemo *d, int days);
/* a + days, but not after today */
const char *vdemo_later(struct vdemo *d, const char *a, int days);
/* A person of `division` (12 digits) named `name`, aged about `age`: its id, or 0. */
long long vdemo_person(struct vdemo *d, const char *name, int age, int male,
		       const char *division, const char *political_status);
/* Creates a record (values as an import takes them: money in 元): its id, or 0. */
long long vdemo_create(struct vdemo *d, const struct resource *res, json_t *in);
/* Runs a workflow action: 0, or -1. */
int vdemo_act(struct vdemo *d, const struct resource *res, long long id, const char *name,
	      json_t *body);

#endif
