import { describe, expect, it } from 'vitest';
import { generatePassword, passwordIssues } from './password.ts';

describe('password policy in the browser', () => {
  it('names what a weak password lacks, as the server will', () => {
    expect(passwordIssues('short1A')).toEqual(['password.tooShort']);
    expect(passwordIssues('alllowercaseletters')).toEqual(['password.classes']);
    expect(passwordIssues('abcdefgh12')).toEqual(['password.classes']);
    expect(passwordIssues('Abcdefgh12')).toEqual([]);
    expect(passwordIssues('abcdefgh1!')).toEqual([]);
  });

  it('generates initial passwords that always pass and differ', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(passwordIssues(p)).toEqual([]);
      expect(p).not.toMatch(/[O0Il1]/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});
