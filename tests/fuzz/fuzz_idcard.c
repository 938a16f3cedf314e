/* fuzz_idcard: the domain validators (ID number, credit code, phone, date, date-time), the
 * maskers and the second factor's code reader on arbitrary input, with the invariants that what
 * they accept is already normal. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/totp.h"
#include "domain/creditcode.h"
#include "domain/date.h"
#include "domain/idcard.h"
#include "domain/mask.h"
#include "domain/phone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Fails loudly so the fuzzer records the input. */
static void require(int cond)
{
	if (!cond)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct idcard_info info, again;
	char *s = malloc(size + 1);
	char norm[IDCARD_SIZE], cc[CREDITCODE_SIZE], ph[PHONE_SIZE], ph2[PHONE_SIZE];
	char d[DATE_SIZE], d2[DATE_SIZE], dt[DATE_TIME_SIZE], dt2[DATE_TIME_SIZE];
	char mid[MASK_ID_SIZE], mph[MASK_PHONE_SIZE];
	const char *why;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	/* Accepted values are fixed points: checking the stored form gives the same result. */
	if (idcard_check_at(s, "2024-03-05", &info, &why) == 0) {
		require(why == NULL && strlen(info.number) == 18);
		require(idcard_check_at(info.number, "2024-03-05", &again, NULL) == 0);
		require(!memcmp(&info, &again, sizeof(info)));
		require(idcard_agrees(&info, info.birth_date, info.gender, NULL) == 0);
		require(idcard_normalize(s, norm) == 0 && !strcmp(norm, info.number));
	} else {
		require(why != NULL && info.number[0] == '\0');
	}
	idcard_normalize(s, norm);

	if (creditcode_check(s, &why) == 0) {
		require(creditcode_normalize(s, cc) == 0);
		require(creditcode_check(cc, NULL) == 0);
	} else {
		require(why != NULL);
	}

	if (phone_check(s, ph, sizeof(ph), &why) == 0) {
		require(phone_check(ph, ph2, sizeof(ph2), NULL) == 0 && !strcmp(ph, ph2));
	} else {
		require(why != NULL && ph[0] == '\0');
	}

	if (date_parse(s, d, &why) == 0) {
		require(date_valid(d) == 0);
		require(date_parse(d, d2, NULL) == 0 && !strcmp(d, d2));
		require(date_age(d, d) == 0);
		if (date_add_days(d, 1, d2) == 0)
			require(strcmp(d, d2) < 0);
	} else {
		require(why != NULL && d[0] == '\0');
	}

	if (date_parse_datetime(s, dt, &why) == 0) {
		require(strlen(dt) == 20);
		require(date_parse_datetime(dt, dt2, NULL) == 0 && !strcmp(dt, dt2));
	} else {
		require(why != NULL);
	}

	mask_id_number(s, mid);
	require(strlen(mid) <= 18);
	mask_phone(s, mph);
	require(strlen(mph) < MASK_PHONE_SIZE);

	/* a login's code, and the input as a secret: a match is the code of its own step */
	{
		static const char secret[] = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
		char code[TOTP_DIGITS + 1];
		long long step = -1;
		int r = totp_check(secret, s, 1234567890, &step);

		require(r == 0 || r == 1);
		if (r == 1) {
			require(step >= 41152262 && step <= 41152264);
			require(totp_code(secret, (time_t)step * TOTP_STEP_S, code) == 0);
		}
		r = totp_check(s, "123456", 1234567890, &step);
		require(r >= -1 && r <= 1);
	}

	free(s);
	return 0;
}
