/* password: hashing and verifying user passwords (argon2id via libsodium) and the password
 * policy applied when a password is set. */
#ifndef JICENG_PASSWORD_H
#define JICENG_PASSWORD_H

#include <sodium.h>

#define PASSWORD_HASH_SIZE crypto_pwhash_STRBYTES /* 128, NUL included */

/*
 * Writes the argon2id hash of `pw` in libsodium's string form ("$argon2id$v=19$m=...") to
 * `out`, with a fresh salt, at OPSLIMIT/MEMLIMIT_INTERACTIVE (64 MiB, ≈ 0.1–0.5 s; the cost is
 * kept in the string, so raising it later does not break old hashes). Returns 0, or -1 if the
 * memory could not be had.
 *
 * Tests only: with the environment variable JICENG_FAST_PWHASH=1 the cost drops to
 * OPSLIMIT_MIN/MEMLIMIT_MIN (8 KiB), so that suites creating many users stay fast. Such hashes
 * are weak; password_needs_rehash() reports them once the variable is unset.
 */
int password_hash(const char *pw, char out[PASSWORD_HASH_SIZE]);

/* 0 if `pw` matches `hash` (a password_hash() result), -1 if not or if `hash` is malformed.
 * Takes as long as the hash's cost, whatever the outcome. */
int password_verify(const char *hash, const char *pw);

/* 1 if `hash` was made with other parameters than password_hash() uses now (so it should be
 * replaced after the next successful login), 0 if not, -1 if it is not an argon2id hash. */
int password_needs_rehash(const char *hash);

/*
 * The policy for new passwords: at least 10 characters (UTF-8 characters, so 10 汉字 count as
 * 10), at most 128 bytes (argon2 would take more, but a longer password is a paste accident),
 * and not one character repeated. Returns 0, or -1 with `*why` (if not NULL) set to a static
 * Chinese message.
 */
int password_policy(const char *pw, const char **why);

#endif
