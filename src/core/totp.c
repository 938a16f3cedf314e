/* totp: RFC 6238 codes through liboath; see totp.h. */
#include "core/totp.h"

#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int ready;

static void init(void)
{
	ready = sodium_init() >= 0 && oath_init() == OATH_OK;
}

static int started(void)
{
	pthread_once(&once, init);
	return ready ? 0 : -1;
}

int totp_new_secret(char out[TOTP_BASE32_SIZE])
{
	unsigned char key[TOTP_SECRET_BYTES];
	char *b32 = NULL;
	size_t len = 0;
	int ret = -1;

	if (started())
		return -1;
	randombytes_buf(key, sizeof(key));
	if (oath_base32_encode((const char *)key, sizeof(key), &b32, &len) == OATH_OK &&
	    len < TOTP_BASE32_SIZE) {
		memcpy(out, b32, len);
		out[len] = '\0';
		ret = 0;
	}
	sodium_memzero(key, sizeof(key));
	if (b32) {
		sodium_memzero(b32, len);
		free(b32);
	}
	return ret;
}

/* The secret's bytes (malloc'd by liboath, wiped and freed by key_free). */
static int key_of(const char *secret, char **key, size_t *len)
{
	*key = NULL;
	*len = 0;
	if (started() || !secret || !*secret)
		return -1;
	if (oath_base32_decode(secret, strlen(secret), key, len) != OATH_OK || !*len) {
		free(*key);
		*key = NULL;
		return -1;
	}
	return 0;
}

static void key_free(char *key, size_t len)
{
	if (key) {
		sodium_memzero(key, len);
		free(key);
	}
}

/* liboath compares each candidate through this: 0 when equal, in constant time. */
static int same_code(void *handle, const char *candidate)
{
	const char *code = handle;

	if (strlen(candidate) != TOTP_DIGITS)
		return 1;
	return sodium_memcmp(code, candidate, TOTP_DIGITS) ? 1 : 0;
}

int totp_check(const char *secret, const char *code, time_t now, long long *step)
{
	char digits[TOTP_DIGITS + 1];
	char *key;
	size_t len, n = 0;
	uint64_t counter = 0;
	int pos = 0, rc;
	const char *c;

	for (c = code; c && *c; c++) {
		if (*c == ' ')
			continue;
		if (*c < '0' || *c > '9' || n == TOTP_DIGITS)
			return 0;
		digits[n++] = *c;
	}
	if (n != TOTP_DIGITS)
		return 0;
	digits[n] = '\0';
	if (key_of(secret, &key, &len))
		return -1;
	rc = oath_totp_validate3_callback(key, len, now, TOTP_STEP_S, 0, TOTP_DIGITS, TOTP_WINDOW,
					  &pos, &counter, same_code, digits);
	key_free(key, len);
	if (rc < 0)
		return 0;
	*step = (long long)counter;
	return 1;
}

int totp_code(const char *secret, time_t now, char out[TOTP_DIGITS + 1])
{
	char *key;
	size_t len;
	int rc;

	if (key_of(secret, &key, &len))
		return -1;
	rc = oath_totp_generate(key, len, now, TOTP_STEP_S, 0, TOTP_DIGITS, out);
	key_free(key, len);
	return rc == OATH_OK ? 0 : -1;
}

/* RFC 3986 unreserved characters stay; every other byte is %XX. */
static void add_escaped(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~')
			buf_addc(b, (char)c);
		else
			buf_addf(b, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
}

const char *totp_uri(struct arena *a, const char *issuer, const char *account,
		     const char *secret)
{
	struct buf b = BUF_INIT;
	const char *out;

	buf_adds(&b, "otpauth://totp/");
	add_escaped(&b, issuer);
	buf_adds(&b, ":");
	add_escaped(&b, account);
	buf_addf(&b, "?secret=%s&issuer=", secret);
	add_escaped(&b, issuer);
	buf_addf(&b, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS, TOTP_STEP_S);
	out = arena_strdup(a, b.ptr);
	buf_release(&b);
	return out;
}
