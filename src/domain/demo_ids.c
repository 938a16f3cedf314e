/* demo_ids: composes identifiers and completes them with the check character the
 * validators in idcard.c and creditcode.c expect. */
#include "domain/demo_ids.h"

#include <stdio.h>
#include <string.h>

void demo_id_number(const char *region6, const char *birth_date, int seq, int male,
		    char out[19])
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	int s = 0, i, order = (seq % 500) * 2 + (male ? 1 : 0);

	snprintf(out, 19, "%.6s%.4s%.2s%.2s%03d", region6, birth_date, birth_date + 5,
		 birth_date + 8, order % 1000);
	for (i = 0; i < 17; i++)
		s += (out[i] - '0') * w[i];
	out[17] = check[s % 11];
	out[18] = '\0';
}

void demo_credit_code(const char *prefix8, int seq, char out[19])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
	int s = 0, i;

	snprintf(out, 19, "%.8sMA%07d", prefix8, seq % 10000000);
	for (i = 0; i < 17; i++)
		s += (int)(strchr(alphabet, out[i]) - alphabet) * w[i];
	out[17] = alphabet[(31 - s % 31) % 31];
	out[18] = '\0';
}
