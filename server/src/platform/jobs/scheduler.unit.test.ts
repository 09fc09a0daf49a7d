import { describe, expect, it } from 'vitest';
import { addDays, chinaDate, chinaInstant, chinaTime } from './china-time.ts';
import { MAX_RETRY_DELAY_MS, retryDelayMs } from './queue.ts';
import { defineSchedule, type ScheduleDefinition } from './registry.ts';
import { dueRun } from './scheduler.ts';

const anchor: ScheduleDefinition = {
  name: 'nightly',
  jobName: 'x',
  every: 'daily',
  at: '00:05',
  payload: {},
};

describe('China Standard Time', () => {
  it('is UTC+8 on both sides of midnight', () => {
    expect(chinaDate(new Date('2026-11-01T15:59:59.999Z'))).toBe('2026-11-01');
    expect(chinaDate(new Date('2026-11-01T16:00:00.000Z'))).toBe('2026-11-02');
    expect(chinaTime(new Date('2026-11-01T16:05:00.000Z'))).toBe('00:05');
    expect(chinaInstant('2026-11-02', '00:05').toISOString()).toBe('2026-11-01T16:05:00.000Z');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('daily schedules', () => {
  it('give every instance the same id for the same due run', () => {
    expect(dueRun(anchor, new Date('2026-11-01T16:04:59.000Z'))).toEqual({
      id: 'nightly:2026-11-01T00:05',
      runAt: new Date('2026-10-31T16:05:00.000Z'),
    });
    expect(dueRun(anchor, new Date('2026-11-01T16:05:00.000Z'))).toEqual({
      id: 'nightly:2026-11-02T00:05',
      runAt: new Date('2026-11-01T16:05:00.000Z'),
    });
    expect(dueRun(anchor, new Date('2026-11-02T15:59:00.000Z')).id).toBe('nightly:2026-11-02T00:05');
  });

  it('reject a malformed time or a name that would make ids ambiguous', () => {
    expect(() => defineSchedule({ ...anchor, name: 'bad-time', at: '24:00' })).toThrow(/HH:MM/);
    expect(() => defineSchedule({ ...anchor, name: 'bad-time2', at: '7:30' })).toThrow(/HH:MM/);
    expect(() => defineSchedule({ ...anchor, name: 'a:b' })).toThrow(/':'/);
  });
});

describe('retry backoff', () => {
  it('doubles with each attempt and is capped', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(1000, a))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(30_000, 40)).toBe(MAX_RETRY_DELAY_MS);
  });
});
