import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, passwordProblems, verifyPassword } from './password.ts';

describe('password policy (等保 level 3)', () => {
  it('accepts 10 characters from three classes', () => {
    expect(passwordProblems('Abcdefgh12')).toEqual([]);
    expect(passwordProblems('abcdefgh1!')).toEqual([]);
    expect(passwordProblems('中文密码Abcdef12')).toEqual([]);
  });

  it('refuses fewer than 10 characters', () => {
    expect(passwordProblems('Abcdefg1!')).toEqual(['长度至少10位']);
  });

  it('refuses fewer than three character classes', () => {
    expect(passwordProblems('abcdefghij12')).toEqual(['须包含大写字母、小写字母、数字、符号中的至少三类']);
    expect(passwordProblems('abc')).toHaveLength(2);
  });

  it('generates passwords that pass the policy and differ', () => {
    const made = Array.from({ length: 50 }, generatePassword);
    for (const p of made) expect(passwordProblems(p)).toEqual([]);
    expect(new Set(made).size).toBe(50);
  });

  it('hashes with argon2id and verifies only the same password', async () => {
    const hash = await hashPassword('Huiyin-Unit-2026');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'Huiyin-Unit-2026')).toBe(true);
    expect(await verifyPassword(hash, 'Huiyin-Unit-2027')).toBe(false);
    expect(await verifyPassword('not a hash', 'Huiyin-Unit-2026')).toBe(false);
  });
});
