/* password: argon2id password hashes (libsodium crypto_pwhash_str) and the password policy. */
#include "core/password.h"

#include <stdlib.h>
#include <string.h>

#define POLICY_MIN_CHARS 10
#define POLICY_MAX_BYTES 128

static const char msg_short[] = "密码至少10个字符";
static const char msg_long[] = "密码过长，最多128个字节（约42个汉字）";
static const char msg_same[] = "密码不能由同一个字符重复组成";

/* The cost for new hashes; see JICENG_FAST_PWHASH in the header. Read on every call, so a test
 * can switch it, and cheap next to the hash itself. */
static void cost(unsigned long long *ops, size_t *mem)
{
	const char *fast = getenv("JICENG_FAST_PWHASH");

	if (fast && !strcmp(fast, "1")) {
		*ops = crypto_pwhash_OPSLIMIT_MIN;
		*mem = crypto_pwhash_MEMLIMIT_MIN;
	} else {
		*ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
		*mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	}
}

int password_hash(const char *pw, char out[PASSWORD_HASH_SIZE])
{
	unsigned long long ops;
	size_t mem;
	int ret = -1;

	out[0] = '\0';
	if (sodium_init() < 0)
		goto out;
	cost(&ops, &mem);
	if (crypto_pwhash_str_alg(out, pw, strlen(pw), ops, mem, crypto_pwhash_ALG_ARGON2ID13))
		goto out;
	ret = 0;
out:
	return ret;
}

int password_verify(const char *hash, const char *pw)
{
	int ret = -1;

	if (sodium_init() < 0)
		goto out;
	/* Only argon2id hashes are ours; anything else in the column is refused, not guessed at. */
	if (strncmp(hash, crypto_pwhash_argon2id_STRPREFIX,
		    strlen(crypto_pwhash_argon2id_STRPREFIX)))
		goto out;
	if (crypto_pwhash_str_verify(hash, pw, strlen(pw)))
		goto out;
	ret = 0;
out:
	return ret;
}

int password_needs_rehash(const char *hash)
{
	unsigned long long ops;
	size_t mem;
	int ret = -1;

	if (sodium_init() >= 0) {
		cost(&ops, &mem);
		ret = crypto_pwhash_str_needs_rehash(hash, ops, mem);
	}
	return ret;
}

/* Length in bytes of the UTF-8 character starting at `s` (1 for a stray byte). */
static size_t char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	size_t i;

	/* Stop at the first byte that does not continue the sequence, so that malformed input
	 * never makes us step over the NUL. */
	for (i = 1; i < n && ((unsigned char)s[i] & 0xc0) == 0x80; i++)
		;
	return i;
}

int password_policy(const char *pw, const char **why)
{
	const char *msg = msg_short;
	const char *p;
	size_t chars = 0, first_len, len;
	int all_same = 1, ret = -1;

	if (strlen(pw) > POLICY_MAX_BYTES) {
		msg = msg_long;
		goto out;
	}
	first_len = *pw ? char_len(pw) : 0;
	for (p = pw; *p; p += len) {
		len = char_len(p);
		if (len != first_len || memcmp(p, pw, len))
			all_same = 0;
		chars++;
	}
	if (chars < POLICY_MIN_CHARS)
		goto out;
	if (all_same) {
		msg = msg_same;
		goto out;
	}
	msg = NULL;
	ret = 0;
out:
	if (why)
		*why = msg;
	return ret;
}
