/* party_common: see party_common.h. */
#include "modules/party/party_common.h"

long long party_int(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (long long)json_integer_value(v) : 0;
}

const char *party_str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}
