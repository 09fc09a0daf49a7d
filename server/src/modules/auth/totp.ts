import crypto from 'node:crypto';

// Time-based one-time passwords, RFC 6238 on HOTP (RFC 4226), with node:crypto only. Huiyin uses
// the authenticator-app defaults: SHA-1, 30-second steps, 6 digits, base32 secrets (RFC 4648).

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as authenticator apps expect in otpauth URIs. */
export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes RFC 4648 base32 (case-insensitive, padding and spaces ignored); throws on other characters. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const v = BASE32.indexOf(ch);
    if (v < 0) throw new Error('Invalid base32 character');
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new random TOTP secret of 20 bytes (160 bits, the RFC 4226 recommendation), base32. */
export function newTotpSecret(): string {
  return base32Encode(crypto.randomBytes(20));
}

/** HOTP (RFC 4226 §5.3): HMAC of the 8-byte counter, dynamic truncation, modulo 10^digits. */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS, algorithm = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac(algorithm, key).update(msg).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The RFC 6238 time step of an instant: whole 30-second periods since the Unix epoch. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/** The TOTP code of a base32 secret at an instant (RFC 6238 with SHA-1, 30 s, 6 digits by default). */
export function totpAt(secret: string, at: Date, digits = TOTP_DIGITS, algorithm = 'sha1'): string {
  return hotp(base32Decode(secret), totpStep(at), digits, algorithm);
}

/**
 * Checks a 6-digit code against the steps before, at and after now (±1 step of clock drift, RFC
 * 6238 §5.2). Returns the matched step, or null when none matches or the step is not later than
 * `lastStep` — a code, once accepted, cannot be used again (RFC 6238 §5.2).
 */
export function verifyTotp(secret: string, code: string, at: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const key = base32Decode(secret);
  const now = totpStep(at);
  let matched: number | null = null;
  for (const step of [now - 1, now, now + 1]) {
    const expected = Buffer.from(hotp(key, step));
    // Compare every candidate in constant time so the matching step is not revealed by timing.
    if (crypto.timingSafeEqual(expected, Buffer.from(code)) && matched === null) matched = step;
  }
  if (matched === null || (lastStep !== null && matched <= lastStep)) return null;
  return matched;
}

/** The otpauth URI an authenticator app scans (Key Uri Format): issuer Huiyin, account the username. */
export function otpauthUri(username: string, secret: string): string {
  return `otpauth://totp/Huiyin:${encodeURIComponent(username)}?secret=${secret}&issuer=Huiyin`;
}
