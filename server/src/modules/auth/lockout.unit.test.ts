import { describe, expect, it } from 'vitest';
import { lockedUntilFromAttempts } from './lockout.ts';

const T0 = Date.parse('2026-11-02T02:00:00Z');
const at = (minutes: number, success = 0) => ({ at: new Date(T0 + minutes * 60_000).toISOString(), success });
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

describe('lockout replay for usernames without an account', () => {
  it('locks at the fifth failure within 15 minutes, for 15 minutes from it', () => {
    expect(lockedUntilFromAttempts([at(0), at(1), at(2), at(3)])).toBeNull();
    expect(lockedUntilFromAttempts([at(0), at(1), at(2), at(3), at(4)])).toBe(iso(19));
  });

  it('does not lock when the failures are spread over more than 15 minutes', () => {
    expect(lockedUntilFromAttempts([at(0), at(4), at(8), at(12), at(16)])).toBeNull();
  });

  it('ignores attempts made while locked, and a success resets the count', () => {
    const locked = [at(0), at(0), at(0), at(0), at(0)];
    expect(lockedUntilFromAttempts([...locked, at(5), at(6), at(7), at(8), at(9)])).toBe(iso(15));
    expect(lockedUntilFromAttempts([...locked, at(16), at(17), at(18), at(19), at(20)])).toBe(iso(35));
    expect(lockedUntilFromAttempts([at(0), at(1), at(2), at(3), at(3.5, 1), at(4)])).toBeNull();
  });
});
