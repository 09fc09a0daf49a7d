import crypto from 'node:crypto';

/** A new random record id (UUID v4). */
export function newId(): string {
  return crypto.randomUUID();
}

/** SM3 (GB/T 32905) hex digest, the hash of the audit chain and of session tokens. */
export function sm3Hex(input: string | Buffer): string {
  return crypto.createHash('sm3').update(input).digest('hex');
}

/** A URL-safe random token with the given number of random bytes. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
