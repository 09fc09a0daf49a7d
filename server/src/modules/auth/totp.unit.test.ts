import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hotp,
  newTotpSecret,
  otpauthUri,
  totpAt,
  totpStep,
  verifyTotp,
} from './totp.ts';

const SEEDS: Record<string, string> = {
  sha1: '12345678901234567890',
  sha256: '12345678901234567890123456789012',
  sha512: '1234567890123456789012345678901234567890123456789012345678901234',
};

// RFC 6238 Appendix B: time in seconds, expected 8-digit TOTP per algorithm.
const RFC6238: Array<[number, string, string, string]> = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 4226 HOTP test values', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583'];
    const key = Buffer.from(SEEDS.sha1 as string);
    expected.forEach((code, counter) => {
      expect(hotp(key, counter)).toBe(code);
    });
  });

  it.each(RFC6238)('matches the RFC 6238 test vectors at T=%d', (seconds, sha1, sha256, sha512) => {
    const at = new Date(seconds * 1000);
    const secret = (alg: string) => base32Encode(Buffer.from(SEEDS[alg] as string));
    expect(totpAt(secret('sha1'), at, 8, 'sha1')).toBe(sha1);
    expect(totpAt(secret('sha256'), at, 8, 'sha256')).toBe(sha256);
    expect(totpAt(secret('sha512'), at, 8, 'sha512')).toBe(sha512);
    // The 6-digit code of authenticator apps is the same value modulo 10^6.
    expect(totpAt(secret('sha1'), at)).toBe(sha1.slice(2));
  });

  it('encodes base32 as RFC 4648 does', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow();
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
  });

  it('accepts the previous, current and next step and nothing further', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-11-02T02:00:10Z');
    const step = totpStep(now);
    const at = (deltaSteps: number) => new Date(now.getTime() + deltaSteps * 30_000);
    expect(verifyTotp(secret, totpAt(secret, at(-1)), now, null)).toBe(step - 1);
    expect(verifyTotp(secret, totpAt(secret, now), now, null)).toBe(step);
    expect(verifyTotp(secret, totpAt(secret, at(1)), now, null)).toBe(step + 1);
    for (const d of [-3, -2, 2, 3]) {
      const code = totpAt(secret, at(d));
      // A far step's code may coincide with a near one's by chance (1 in 10^6): skip that case.
      if ([-1, 0, 1].some((n) => totpAt(secret, at(n)) === code)) continue;
      expect(verifyTotp(secret, code, now, null)).toBeNull();
    }
  });

  it('refuses a code of a step already used, or an earlier one', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-11-02T02:00:10Z');
    const step = totpStep(now);
    const code = totpAt(secret, now);
    expect(verifyTotp(secret, code, now, step)).toBeNull();
    expect(verifyTotp(secret, totpAt(secret, new Date(now.getTime() - 30_000)), now, step)).toBeNull();
    expect(verifyTotp(secret, totpAt(secret, new Date(now.getTime() + 30_000)), now, step)).toBe(step + 1);
  });

  it('refuses malformed codes', () => {
    const secret = newTotpSecret();
    const now = new Date();
    for (const bad of ['', '12345', '1234567', 'abcdef', ' 123456', `${totpAt(secret, now)}\n`]) {
      expect(verifyTotp(secret, bad, now, null)).toBeNull();
    }
  });

  it('builds the otpauth URI authenticator apps scan', () => {
    expect(otpauthUri('zhang.san', 'MZXW6YTBOI')).toBe(
      'otpauth://totp/Huiyin:zhang.san?secret=MZXW6YTBOI&issuer=Huiyin',
    );
  });
});
