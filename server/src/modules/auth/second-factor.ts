import { decryptField, encryptField, type KeyRing } from '../../platform/crypto/sm4.ts';

// The TOTP secret at rest: SM4 with HMAC-SM3 under the key file, bound to its user so that a
// secret copied onto another account's row does not decrypt.

/** Encrypts a user's TOTP secret for users.totp_secret. */
export function sealTotpSecret(keys: KeyRing, userId: string, secret: string): string {
  return encryptField(keys, secret, `totp:${userId}`);
}

/** Decrypts users.totp_secret; throws when it was altered or belongs to another user. */
export function openTotpSecret(keys: KeyRing, userId: string, sealed: string): string {
  return decryptField(keys, sealed, `totp:${userId}`);
}

/** The session a second-factor endpoint works on: full (owes nothing) or still owing a step. */
export interface SecondFactorSession {
  id: string;
  userId: string;
  owes: 'enroll' | 'verify' | null;
}
