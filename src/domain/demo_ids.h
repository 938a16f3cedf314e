/* demo_ids: valid identifiers for generated demo and benchmark data. */
#ifndef JICENG_DEMO_IDS_H
#define JICENG_DEMO_IDS_H

/* An 18-character ID number (GB 11643) with a correct check digit. */
void demo_id_number(const char *region6, const char *birth_date, int seq, int male,
		    char out[19]);
/* An 18-character 统一社会信用代码 (GB 32100) with a correct check character. */
void demo_credit_code(const char *prefix8, int seq, char out[19]);

#endif
