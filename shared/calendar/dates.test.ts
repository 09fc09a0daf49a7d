import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  compareDates,
  daysBetween,
  fromDayNumber,
  InvalidDateError,
  isIsoDate,
  isLeapYear,
  toDayNumber,
  weekdayOf,
  yearOf,
} from './dates.ts';

describe('dates', () => {
  it('accept only days that exist, in YYYY-MM-DD', () => {
    for (const ok of ['2026-10-08', '2024-02-29', '2000-02-29', '2028-02-29', '2026-12-31', '2027-01-01']) {
      expect(isIsoDate(ok), ok).toBe(true);
    }
    for (const bad of [
      '2026-02-29',
      '1900-02-29',
      '2100-02-29',
      '2026-2-1',
      '2026-13-01',
      '2026-04-31',
      '2026-00-10',
      '20261008',
      ' 2026-10-08',
      '2026-10-08T00:00:00Z',
      20261008,
      null,
    ]) {
      expect(isIsoDate(bad), String(bad)).toBe(false);
    }
  });

  it('know the Gregorian leap years', () => {
    expect([2024, 2028, 2000].map(isLeapYear)).toEqual([true, true, true]);
    expect([2026, 2027, 1900, 2100].map(isLeapYear)).toEqual([false, false, false, false]);
  });

  it('add days across month ends, leap days and year ends', () => {
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2028-02-28', 2)).toBe('2028-03-01');
    expect(addCalendarDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addCalendarDays('2024-02-29', 365)).toBe('2025-02-28');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addCalendarDays('2026-09-20', 15)).toBe('2026-10-05');
    expect(daysBetween('2026-09-25', '2026-11-24')).toBe(60);
  });

  it('give the weekday of a date', () => {
    expect(weekdayOf('2026-10-01')).toBe(4);
    expect(weekdayOf('2026-09-20')).toBe(0);
    expect(weekdayOf('2026-02-14')).toBe(6);
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1969-12-28')).toBe(0);
  });

  it('refuse impossible dates with a Chinese message', () => {
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(InvalidDateError);
    expect(() => yearOf('2026/10/01')).toThrow('不是有效日期');
    expect(() => compareDates('2026-10-01', 'tomorrow')).toThrow(InvalidDateError);
    expect(() => addCalendarDays('2026-10-01', 1.5)).toThrow(RangeError);
  });

  it('round-trip day numbers and match UTC arithmetic whatever the local time zone (TZ is Asia/Shanghai here)', () => {
    const day = fc.integer({ min: toDayNumber('1990-01-01'), max: toDayNumber('2100-12-31') });
    fc.assert(
      fc.property(day, fc.integer({ min: -800, max: 800 }), (n, delta) => {
        const date = fromDayNumber(n);
        expect(isIsoDate(date)).toBe(true);
        expect(toDayNumber(date)).toBe(n);
        const expected = new Date(Date.UTC(1970, 0, 1 + n + delta)).toISOString().slice(0, 10);
        expect(addCalendarDays(date, delta)).toBe(expected);
        expect(weekdayOf(date)).toBe(new Date(`${date}T00:00:00Z`).getUTCDay());
      }),
    );
  });
});
