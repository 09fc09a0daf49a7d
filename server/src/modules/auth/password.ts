import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id (the library default algorithm) with OWASP's minimum parameters: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Checks a password against an argon2id hash; false on any malformed hash. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against for unknown users so timing does not differ. */
export const DUMMY_HASH_PROMISE: Promise<string> = hashPassword('dummy-Password-for-timing-1');

/**
 * 等保 level 3 password rule: at least 10 characters from at least three of the classes upper
 * case, lower case, digits and symbols. Returns the problems in Chinese, empty when it passes.
 */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if ([...password].length < 10) problems.push('长度至少10位');
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) problems.push('须包含大写字母、小写字母、数字、符号中的至少三类');
  return problems;
}

/** A random password that satisfies the policy, for first administrators and resets. */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#%*-_+='];
  const { randomInt } = crypto;
  const chars = sets.map((s) => s[randomInt(s.length)] as string);
  const all = sets.join('');
  while (chars.length < 16) chars.push(all[randomInt(all.length)] as string);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}
