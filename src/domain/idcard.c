/* idcard: GB 11643-1999 ID numbers — normalisation, validation (region, birth date, ISO 7064
 * MOD 11-2 check digit) and agreement of a record's birth date and gender with the number. */
#include "domain/idcard.h"

#include <string.h>

#include "domain/cell.h"
#include "domain/date.h"

#define NORM_MAX 64 /* longer input is reported as a wrong length without being kept */

static const char msg_length[] = "应为18位";
static const char msg_chars[] = "只能由数字组成，最后一位可以是X";
static const char msg_scientific[] =
	"被表格软件转成了数字（科学计数法），请把该列设置为文本格式后重新录入";
static const char msg_region[] = "前两位不是有效的省份代码";
static const char msg_birth[] = "第7–14位不是有效的出生日期";
static const char msg_future[] = "出生日期晚于今天";
static const char msg_check[] = "校验码不正确";
/* A spreadsheet keeps 15 significant digits, so an ID number stored as a number comes back
 * with its last three digits turned into 000. */
static const char msg_check_zeros[] =
	"校验码不正确，末尾的000可能是表格软件截断造成的，请把该列设置为文本格式后重新录入";
static const char msg_birth_differs[] = "出生日期与身份证号不一致";
static const char msg_gender_differs[] = "性别与身份证号不一致";

/* Province-level codes of GB/T 2260 that appear in ID numbers (71 Taiwan, 81 Hong Kong and
 * 82 Macao included: their residents' mainland numbers use them). */
static const unsigned char provinces[] = {
	11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
	43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}


/* True for a float as a spreadsheet prints it: 5.22726199001011E+17. */
static int looks_scientific(const char *s)
{
	const char *p = s;
	int ret = 0;

	if (!is_digit(*p++))
		goto out;
	if (*p == '.') {
		p++;
		if (!is_digit(*p))
			goto out;
		while (is_digit(*p))
			p++;
	}
	if (*p != 'E' && *p != 'e')
		goto out;
	p++;
	if (*p == '+')
		p++;
	if (!is_digit(*p))
		goto out;
	while (is_digit(*p))
		p++;
	ret = *p == '\0';
out:
	return ret;
}

static int is_province(const char *s)
{
	int code = (s[0] - '0') * 10 + (s[1] - '0');
	size_t i;
	int found = 0;

	for (i = 0; i < sizeof(provinces) && !found; i++)
		found = provinces[i] == code;
	return found;
}

/* The ISO 7064 MOD 11-2 check character of the first 17 digits. */
static char check_char(const char *s)
{
	static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char chars[] = "10X98765432";
	int i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (s[i] - '0') * weights[i];
	return chars[sum % 11];
}

int idcard_normalize(const char *in, char out[IDCARD_SIZE])
{
	int ret = -1;

	if (cell_code(in, out, IDCARD_SIZE) == IDCARD_SIZE - 1)
		ret = 0;
	else
		out[0] = '\0';
	return ret;
}

int idcard_check_at(const char *s, const char *today, struct idcard_info *info, const char **why)
{
	char norm[NORM_MAX], birth[DATE_SIZE], now[DATE_SIZE];
	const char *msg = msg_chars;
	size_t n;
	int ret = -1;

	if (info)
		memset(info, 0, sizeof(*info));
	n = cell_code(s, norm, sizeof(norm));
	if (looks_scientific(norm)) {
		msg = msg_scientific;
		goto out;
	}
	/* A stray letter or symbol says more than the length it happens to cause. */
	if (n < sizeof(norm) && strspn(norm, "0123456789X") != n)
		goto out;
	if (n != 18) {
		msg = msg_length;
		goto out;
	}
	if (strspn(norm, "0123456789") < 17)
		goto out;
	if (!is_province(norm)) {
		msg = msg_region;
		goto out;
	}
	memcpy(birth, norm + 6, 4);
	birth[4] = '-';
	memcpy(birth + 5, norm + 10, 2);
	birth[7] = '-';
	memcpy(birth + 8, norm + 12, 2);
	birth[10] = '\0';
	if (date_valid(birth) || strncmp(birth, "1800", 4) < 0) {
		msg = msg_birth;
		goto out;
	}
	if (!today || date_valid(today)) {
		date_today(now);
		today = now;
	}
	if (strcmp(birth, today) > 0) { /* canonical dates compare as strings */
		msg = msg_future;
		goto out;
	}
	if (check_char(norm) != norm[17]) {
		msg = memcmp(norm + 15, "000", 3) ? msg_check : msg_check_zeros;
		goto out;
	}
	if (info) {
		const char *gender = (norm[16] - '0') % 2 ? "male" : "female";

		memcpy(info->number, norm, IDCARD_SIZE);
		memcpy(info->birth_date, birth, sizeof(info->birth_date));
		memcpy(info->gender, gender, strlen(gender) + 1);
		memcpy(info->region, norm, 6);
		info->region[6] = '\0';
	}
	msg = NULL;
	ret = 0;
out:
	if (why)
		*why = msg;
	return ret;
}

int idcard_check(const char *s, struct idcard_info *info, const char **why)
{
	return idcard_check_at(s, NULL, info, why);
}

int idcard_agrees(const struct idcard_info *info, const char *birth_date, const char *gender,
		  const char **why)
{
	char d[DATE_SIZE];
	const char *msg = NULL;

	if (birth_date && *birth_date &&
	    (date_parse(birth_date, d, NULL) || strcmp(d, info->birth_date)))
		msg = msg_birth_differs;
	else if (gender && *gender && strcmp(gender, info->gender))
		msg = msg_gender_differs;
	if (why)
		*why = msg;
	return msg ? -1 : 0;
}
