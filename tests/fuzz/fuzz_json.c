/* fuzz_json: JSON bodies as every resource validates them, field type by
 * field type (text lengths, ints, money, dates, enums, refs, divisions, ID
 * numbers, phones, credit codes, JSON lists). The first byte picks the
 * resource and whether it is a create; the rest is parsed by jansson. What
 * validation accepts must be its own normal form: validating the normalized
 * record again accepts it unchanged. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "api/record.h"
#include "harness.h"
#include "schema/resource.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct resource *const *all;
	const struct resource *res;
	struct request_ctx *ctx;
	json_error_t jerr;
	json_t *in, *rec, *errors, *again, *errors2;
	size_t n = 0;

	if (size < 1 || size > 8192)
		return 0;
	fuzz_env_init();
	for (all = resources_all(); all[n]; n++)
		;
	res = all[data[0] % n];
	in = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(in)) {
		json_decref(in);
		return 0;
	}
	ctx = fuzz_request("POST", "/", data[0] & 0x80 ? 0 : 1);
	rec = json_object();
	errors = json_object();
	record_validate(ctx, res, in, rec, data[0] & 0x40, data[0] & 0x20 ? VALUE_IMPORT : 0,
			errors);
	if (!json_object_size(errors)) {
		again = json_object();
		errors2 = json_object();
		record_validate(ctx, res, rec, again, 0, 0, errors2);
		/* hooks may add or drop members; each normalized value must stand */
		if (json_object_size(errors2)) {
			char *e = json_dumps(errors2, 0), *r = json_dumps(rec, 0);

			fprintf(stderr, "fuzz_json: %s: normal form refused: %s\nrecord: %s\n",
				res->name, e, r);
			abort();
		}
		json_decref(again);
		json_decref(errors2);
	}
	json_decref(in);
	json_decref(rec);
	json_decref(errors);
	fuzz_request_free(ctx);
	return 0;
}
