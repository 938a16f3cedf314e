/* query: splitting and decoding the query string, with limits. */
#include "http/query.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <microhttpd.h>

#include <string.h>

#include "core/utf8.h"

static int is_utf8(const char *s, size_t len)
{
	size_t i = 0, n;
	unsigned long cp;

	while (i < len) {
		n = utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

/* Decodes one key or value in place; its length after decoding. */
static size_t decode(char *s)
{
	char *p;

	for (p = s; *p; p++)
		if (*p == '+')
			*p = ' ';
	return MHD_http_unescape(s);
}

enum query_status query_parse(struct arena *a, const char *raw, size_t len, size_t max_args,
			      struct query_arg **args, size_t *nargs, const char **bad)
{
	struct query_arg *out;
	size_t n = 1, i, count = 0;
	char *copy, *p, *next;

	*args = NULL;
	*nargs = 0;
	*bad = NULL;
	for (i = 0; i < len; i++)
		if (raw[i] == '&')
			n++;
	out = arena_alloc(a, sizeof(*out) * (n < max_args ? n : max_args));
	copy = arena_strndup(a, raw, len);
	for (p = copy; p; p = next) {
		char *eq;
		size_t klen, vlen;

		next = strchr(p, '&');
		if (next)
			*next++ = '\0';
		eq = strchr(p, '=');
		if (eq)
			*eq++ = '\0';
		if (!*p)
			continue;
		klen = decode(p);
		vlen = eq ? decode(eq) : 0;
		/* a NUL would cut the text short where C code reads it */
		if (!is_utf8(p, klen) || (eq && !is_utf8(eq, vlen)) || memchr(p, 0, klen) ||
		    (eq && memchr(eq, 0, vlen))) {
			*bad = is_utf8(p, klen) && !memchr(p, 0, klen) ? arena_strndup(a, p, klen) : NULL;
			return QUERY_BAD_UTF8;
		}
		if (count >= max_args)
			return QUERY_TOO_MANY;
		out[count].key = arena_strndup(a, p, klen);
		out[count].value = eq ? arena_strndup(a, eq, vlen) : "";
		count++;
	}
	*args = out;
	*nargs = count;
	return QUERY_OK;
}
