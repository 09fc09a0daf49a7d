import crypto from 'node:crypto';
import { blindIndex, type KeyRing } from '../../platform/crypto/sm4.ts';

// Recovery codes: ten one-time codes `xxxx-xxxx` shown once when TOTP is switched on, for when
// the phone is lost. Stored only as keyed SM3 hashes (HMAC-SM3 under the key file's index key),
// bound to the user, so a copy of the database alone does not reveal or test them.

/** Lower-case letters and digits without the look-alikes i, l, o, 0 and 1. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

/** Ten new random recovery codes, `xxxx-xxxx` each (about 40 bits). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 8 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4)}`;
  });
}

/** A typed recovery code in canonical form (case, spaces and the hyphen are forgiven), or null. */
export function normalizeRecoveryCode(input: string): string | null {
  const chars = input.toLowerCase().replace(/[\s-]/g, '');
  if (chars.length !== 8 || [...chars].some((c) => !ALPHABET.includes(c))) return null;
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** The stored form of a user's recovery code: HMAC-SM3 under the blind-index key. */
export function recoveryCodeHash(keys: KeyRing, userId: string, code: string): string {
  return blindIndex(keys, `recovery-code:${userId}:${code}`);
}
