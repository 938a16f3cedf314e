/* creditcode: GB 32100-2015 统一社会信用代码 — character set, region digits, check character. */
#include "domain/creditcode.h"

#include <string.h>

#include "domain/cell.h"

#define NORM_MAX 64

/* The 31 characters in order of value; I O Z S V are left out as easily misread. */
static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static const char msg_length[] = "应为18位";
static const char msg_chars[] = "只能由数字和大写字母组成（不使用I、O、Z、S、V）";
static const char msg_region[] = "第3–8位应为数字（登记管理机关行政区划码）";
static const char msg_check[] = "校验码不正确";


int creditcode_normalize(const char *in, char out[CREDITCODE_SIZE])
{
	int ret = -1;

	if (cell_code(in, out, CREDITCODE_SIZE) == CREDITCODE_SIZE - 1)
		ret = 0;
	else
		out[0] = '\0';
	return ret;
}

int creditcode_check(const char *s, const char **why)
{
	static const int weights[17] = { 1,  3,  9,  27, 19, 26, 16, 17, 20,
					 29, 25, 13, 8,  24, 10, 30, 28 };
	char norm[NORM_MAX];
	const char *msg = msg_chars;
	size_t n;
	int i, sum = 0, ret = -1;

	n = cell_code(s, norm, sizeof(norm));
	/* strchr() would also find the terminating NUL, so test the span instead. */
	if (n < sizeof(norm) && strspn(norm, alphabet) != n)
		goto out;
	if (n != 18) {
		msg = msg_length;
		goto out;
	}
	if (strspn(norm + 2, "0123456789") < 6) {
		msg = msg_region;
		goto out;
	}
	for (i = 0; i < 17; i++)
		sum += (int)(strchr(alphabet, norm[i]) - alphabet) * weights[i];
	if (alphabet[(31 - sum % 31) % 31] != norm[17]) {
		msg = msg_check;
		goto out;
	}
	msg = NULL;
	ret = 0;
out:
	if (why)
		*why = msg;
	return ret;
}
