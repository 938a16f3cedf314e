/* totp: time-based one-time passwords for the second factor of logins —
 * RFC 6238 with its defaults (HMAC-SHA1, 6 digits, 30-second steps, the Unix
 * epoch as step 0), which every authenticator app speaks — computed by
 * Debian's liboath (OATH Toolkit). Secrets travel as base32 (RFC 4648). */
#ifndef JICENG_TOTP_H
#define JICENG_TOTP_H

#include <time.h>

#include "core/arena.h"

#define TOTP_SECRET_BYTES 20 /* 160 bits: the HMAC-SHA1 key length RFC 4226 §4 asks for */
#define TOTP_BASE32_SIZE 33  /* 32 base32 characters (20 bytes need no padding) and the NUL */
#define TOTP_DIGITS 6
#define TOTP_STEP_S 30
#define TOTP_WINDOW 1        /* steps accepted either side of now: a phone's clock may be
			      * 30 s off, as RFC 6238 §5.2 allows for */

/* A new random secret (libsodium's CSPRNG) as base32 in `out`. Returns 0, or
 * -1 when liboath cannot be initialised. */
int totp_new_secret(char out[TOTP_BASE32_SIZE]);

/*
 * Checks `code` (6 digits; spaces are ignored, as people type "123 456")
 * against the base32 `secret` at time `now`, TOTP_WINDOW steps either side.
 * Returns 1 when it matches, with *step set to the time step it belongs to
 * (the caller must refuse a step already used: RFC 6238 §5.2), 0 when it
 * does not or is not 6 digits, -1 when the secret is not valid base32. The
 * comparison takes the same time whatever digits match.
 */
int totp_check(const char *secret, const char *code, time_t now, long long *step);

/* The code of `secret` at time `now` into `out`: 0, or -1 on a bad secret. */
int totp_code(const char *secret, time_t now, char out[TOTP_DIGITS + 1]);

/* The otpauth:// URI that authenticator apps read (from a QR code or a
 * paste): issuer and account percent-encoded, the defaults spelled out.
 * Allocated in `a`. */
const char *totp_uri(struct arena *a, const char *issuer, const char *account,
		     const char *secret);

#endif
