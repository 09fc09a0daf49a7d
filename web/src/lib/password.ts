import type { MessageKey } from '../i18n/zh-cn.ts';

const CLASSES = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];

/**
 * The 等保 level-3 password rule as the server applies it: at least 10 characters from at least
 * three of upper case, lower case, digits and symbols. Returns the broken rules (empty: passes);
 * "not one of the last 5" only the server can check.
 */
export function passwordIssues(password: string): MessageKey[] {
  const issues: MessageKey[] = [];
  if ([...password].length < 10) issues.push('password.tooShort');
  if (CLASSES.filter((r) => r.test(password)).length < 3) issues.push('password.classes');
  return issues;
}

const SETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#%*-_+='];

function randomIndex(n: number): number {
  const buf = new Uint32Array(1);
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  do crypto.getRandomValues(buf);
  while (buf[0]! >= limit);
  return buf[0]! % n;
}

/** A random 14-character initial password with all four classes and no look-alike characters. */
export function generatePassword(): string {
  const chars = SETS.map((s) => s[randomIndex(s.length)]!);
  const all = SETS.join('');
  while (chars.length < 14) chars.push(all[randomIndex(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
