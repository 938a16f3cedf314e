// The RFC 6238 code of a TOTP secret, for the API and browser tests that log
// in with a second factor. Node built-ins only.
import { createHmac } from 'node:crypto';

/**
 * The RFC 6238 code (HMAC-SHA1, 6 digits, 30-second steps) of a base32 secret
 * at `seconds` since the epoch (default now), as an authenticator app shows
 * it. RFC 4648 base32 is decoded here: Node has no decoder for it.
 */
export function totpCode(secret, seconds = Date.now() / 1000) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/=+$/, '').toUpperCase()) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error(`totpCode: not base32: ${secret}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
