/* record: rows as the API shows them (masking personal data), and input values
 * validated and normalized field by field before they reach storage. */
#ifndef JICENG_RECORD_H
#define JICENG_RECORD_H

#include <jansson.h>

#include "domain/mask.h"
#include "schema/resource.h"
#include "http/request.h"
#include "store/records.h"

enum record_flags {
	RECORD_REVEAL = 1 << 0, /* full ID numbers and phones (caller has PII access) */
};

/* Row `row` of a records_* result as a JSON object (new reference). */
json_t *record_from_row(struct request_ctx *ctx, const struct resource *res,
			const struct db_result *r, size_t row, unsigned flags);

#define RECORD_MONTH_SUFFIX ".month"

enum value_flags {
	VALUE_IMPORT = 1 << 0, /* from a spreadsheet: labels for refs and divisions, money in 元,
				* the text guard ' dropped, date serials read as dates */
	VALUE_DATE1904 = 1 << 1, /* with VALUE_IMPORT: the workbook counts dates from 1904 */
};

/* Validates and normalizes the value of `f`; *out is a new reference (JSON null
 * for empty). Text is cleaned first (domain/cell.h): Unicode spaces trimmed and
 * collapsed, full-width forms folded where the type is digits and signs (ID
 * numbers, phones, dates, numbers, money, codes), names' middle dots made one
 * (F_NAME). On error returns -1 and sets *why to a Chinese reason that does not
 * start with the field's label (the caller adds it). */
int record_value(struct request_ctx *ctx, const struct resource *res, const struct field *f,
		 json_t *in, unsigned flags, json_t **out, const char **why);

/* Validates an input object against the resource: every known, writable field
 * present in `in` is normalized into `rec`; unknown fields and bad values go into
 * `errors` (field → reason). `creating` also checks required fields. An F_MONTH
 * date given as a month alone is the 1st of the month, and `rec` then also holds
 * "<field>" RECORD_MONTH_SUFFIX: true for the hooks (which may complete the day:
 * a person's birth month from the ID number); it is no field, so never stored. */
void record_validate(struct request_ctx *ctx, const struct resource *res, json_t *in,
		     json_t *rec, int creating, unsigned flags, json_t *errors);

/* Adds to `errors` the fields that the value of the resource's requires_field
 * makes required (schema/resource.h struct requirement) and that `rec` (the
 * record as it will be) leaves empty: "<value label>须填写<field label>", and
 * for an any_of group one error on its first field. Nothing for a resource
 * without requirements or a value without a rule. */
void record_check_requires(struct request_ctx *ctx, const struct resource *res, json_t *rec,
			   json_t *errors);

/* The storage columns and bound values of the fields present in `rec`. */
void record_values(struct request_ctx *ctx, const struct resource *res, json_t *rec,
		   struct records_values *vals);

/* The string member `key` of a record, or NULL when it is absent or not a string. */
const char *record_str(json_t *rec, const char *key);
/* The integer member `key` of a record (an id, a count), or 0 when absent or not an integer. */
long long record_int(json_t *rec, const char *key);

/* Room for the masked form of any secret field, and its NUL. */
#define RECORD_MASK_SIZE MASK_PHONE_SIZE

/* The masked form of the plain value of secret field f (field_secret()): the
 * phone mask for a phone, the ID number mask otherwise (domain/mask.h). */
void record_mask_value(const struct field *f, const char *plain, char out[RECORD_MASK_SIZE]);

/* Masks the personal-data fields of a record in place (for audit rows). */
void record_mask(const struct resource *res, json_t *rec);

#endif
