/* secret: the keys that protect personal data (ID numbers, phones) at rest — encryption of
 * stored values, keyed hashes for uniqueness and exact-match search — and random tokens with
 * their lookup hashes. Built on libsodium. */
#ifndef JICENG_SECRET_H
#define JICENG_SECRET_H

#include "core/buf.h"

#define SECRET_HASH_HEX_SIZE 65 /* 32-byte hash as hex and the NUL */
#define SECRET_TOKEN_SIZE 44    /* 32 random bytes as unpadded URL-safe base64 and the NUL */

/*
 * Loads the 32-byte master key and derives from it (crypto_kdf, context "jicengv1") the
 * encryption key (subkey 1) and the hash key (subkey 2); the master key itself is wiped.
 * The key comes from the environment variable JICENG_KEY (64 hex digits) if it is set, else
 * from the file `key_path` (64 hex digits, optional trailing white space). The file must not
 * be readable or writable by group or others, as ssh insists for private keys: it unlocks
 * every citizen's ID number.
 * Returns 0, or -1 with a message in `err` (the previous keys, if any, stay in place).
 * Call it at start-up, before any thread uses the functions below; calling it again (tests)
 * is allowed but not concurrently with them.
 */
int secret_init(const char *key_path, struct buf *err);

/* Wipes the keys; secret_encrypt/decrypt/hash then refuse until secret_init() again. */
void secret_release(void);

/*
 * Creates `key_path` holding a new random master key (hex and a newline), mode 0600, created
 * with O_EXCL so that two starts cannot race. An existing file is left untouched (its content
 * is not checked here; secret_init() does). Returns 0 if the file exists afterwards, -1 with a
 * message in `err` otherwise.
 */
int secret_create_key_file(const char *key_path, struct buf *err);

/*
 * Appends to `out` the URL-safe, unpadded base64 of a random nonce followed by
 * crypto_secretbox_easy(plain). Each call gives a different text for the same `plain`, so use
 * secret_hash() for equality. Returns 0, or -1 if the keys are not loaded or `out` hit its cap.
 */
int secret_encrypt(const char *plain, struct buf *out);

/*
 * Appends to `out` the plain text of a secret_encrypt() result. Returns -1 (and appends
 * nothing) if the keys are not loaded, the text is not such a result, it was altered, or it
 * was made with another key.
 */
int secret_decrypt(const char *b64, struct buf *out);

/*
 * Keyed BLAKE2b-256 (crypto_generichash with the hash key) of `plain` as lowercase hex, for
 * UNIQUE indexes and exact-match search over encrypted columns: stable for a given key,
 * useless to anyone without it. Normalise the value first (idcard_normalize, phone_check) or
 * equal values typed differently hash differently. Aborts if the keys are not loaded, since a
 * hash under no key would silently match nothing later.
 */
void secret_hash(const char *plain, char out_hex[SECRET_HASH_HEX_SIZE]);

/* 32 bytes from the system CSPRNG as unpadded URL-safe base64 (43 characters), for session
 * and API tokens. Needs no keys. */
void secret_random_token(char out[SECRET_TOKEN_SIZE]);

/* SHA-256 of `token` as lowercase hex: tokens are stored and looked up by this, never in the
 * clear. Unkeyed on purpose, so it works before the keys are loaded (a 256-bit random token
 * cannot be guessed from its hash anyway). */
void secret_token_hash(const char *token, char out_hex[SECRET_HASH_HEX_SIZE]);

#endif
