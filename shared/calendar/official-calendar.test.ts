import { describe, expect, it } from 'vitest';
import { builtInCalendar, CalendarError, OfficialCalendar, withYear } from './index.ts';
import { SCHEDULE_2027 } from './test-fixtures.ts';

describe('official calendar', () => {
  const cal = builtInCalendar;

  it('knows the Spring Festival 2026 with its Saturday make-up workdays', () => {
    expect(cal.dayInfo('2026-02-14')).toEqual({
      date: '2026-02-14',
      weekday: 6,
      restDay: false,
      reason: 'makeup_workday',
      scheduled: true,
    });
    expect(cal.dayInfo('2026-02-15')).toMatchObject({
      restDay: true,
      reason: 'holiday',
      holiday: '春节',
      weekday: 0,
    });
    expect(cal.isRestDay('2026-02-23')).toBe(true);
    expect(cal.isWorkday('2026-02-24')).toBe(true);
    expect(cal.isWorkday('2026-02-28')).toBe(true);
    expect(cal.isRestDay('2026-03-01')).toBe(true);
  });

  it('knows Mid-Autumn and National Day 2026 with the Sunday 2026-09-20 and Saturday 2026-10-10 make-up workdays', () => {
    expect(cal.dayInfo('2026-09-20')).toMatchObject({ weekday: 0, restDay: false, reason: 'makeup_workday' });
    expect(cal.dayInfo('2026-09-25')).toMatchObject({ weekday: 5, restDay: true, holiday: '中秋' });
    expect(cal.dayInfo('2026-09-27')).toMatchObject({ weekday: 0, restDay: true, holiday: '中秋' });
    expect(cal.isWorkday('2026-09-28')).toBe(true);
    expect(cal.isWorkday('2026-09-30')).toBe(true);
    expect(cal.dayInfo('2026-10-07')).toMatchObject({ restDay: true, holiday: '国庆节' });
    expect(cal.dayInfo('2026-10-10')).toMatchObject({ weekday: 6, restDay: false, reason: 'makeup_workday' });
    expect(cal.dayInfo('2026-10-11')).toMatchObject({ weekday: 0, restDay: true, reason: 'weekend' });
  });

  it('finds the next working day past a holiday run', () => {
    expect(cal.nextWorkdayOnOrAfter('2026-10-01')).toBe('2026-10-08');
    expect(cal.nextWorkdayOnOrAfter('2026-02-15')).toBe('2026-02-24');
    expect(cal.nextWorkdayOnOrAfter('2026-09-25')).toBe('2026-09-28');
    expect(cal.nextWorkdayOnOrAfter('2026-02-14')).toBe('2026-02-14');
    expect(cal.nextWorkdayOnOrAfter('2026-01-01')).toBe('2026-01-04');
  });

  it('adds working days, counting make-up Saturdays and Sundays and skipping holidays', () => {
    expect(cal.addWorkdays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkdays('2026-02-13', 2)).toBe('2026-02-24');
    expect(cal.addWorkdays('2026-09-18', 1)).toBe('2026-09-20');
    expect(cal.addWorkdays('2026-09-24', 1)).toBe('2026-09-28');
    expect(cal.addWorkdays('2026-09-30', 1)).toBe('2026-10-08');
    expect(cal.addWorkdays('2026-10-09', 1)).toBe('2026-10-10');
    expect(cal.addWorkdays('2026-10-09', 2)).toBe('2026-10-12');
    expect(cal.addWorkdays('2026-10-09', 0)).toBe('2026-10-09');
    expect(() => cal.addWorkdays('2026-10-09', -1)).toThrow(RangeError);
  });

  it('falls back to weekends in a year without a schedule and says so', () => {
    expect(cal.dayInfo('2027-01-01')).toEqual({
      date: '2027-01-01',
      weekday: 5,
      restDay: false,
      reason: 'weekday',
      scheduled: false,
    });
    expect(cal.isRestDay('2027-01-02')).toBe(true);
    expect(cal.nextWorkdayOnOrAfter('2027-02-06')).toBe('2027-02-08');
  });

  it('adds a year with withYear and leaves the original untouched', () => {
    const with2027 = withYear(cal, SCHEDULE_2027);
    expect(with2027).not.toBe(cal);
    expect(with2027.hasSchedule(2027)).toBe(true);
    expect(cal.hasSchedule(2027)).toBe(false);
    expect(with2027.dayInfo('2027-01-01')).toMatchObject({ restDay: true, holiday: '元旦', scheduled: true });
    expect(with2027.isWorkday('2027-02-13')).toBe(true);
    expect(with2027.nextWorkdayOnOrAfter('2027-02-06')).toBe('2027-02-13');
    expect(with2027.isRestDay('2026-10-01')).toBe(true);
    expect(with2027.years()).toEqual([...cal.years(), 2027]);
  });

  it('replaces a year’s schedule with withYear (a corrected notice)', () => {
    const corrected = cal.withYear({
      year: 2026,
      holidays: [{ name: '国庆节', dates: ['2026-10-01'] }],
      makeupWorkdays: [],
    });
    expect(corrected.isRestDay('2026-10-01')).toBe(true);
    expect(corrected.isRestDay('2026-10-02')).toBe(false);
    expect(corrected.isRestDay('2026-02-16')).toBe(false);
    expect(corrected.isWorkday('2026-02-14')).toBe(false);
    expect(cal.isRestDay('2026-02-16')).toBe(true);
  });

  it('refuses an invalid schedule in withYear with the problems in Chinese', () => {
    const bad = {
      year: 2027,
      holidays: [{ name: '元旦', dates: ['2027-01-01'] }],
      makeupWorkdays: ['2027-01-04'],
    };
    expect(() => cal.withYear(bad)).toThrow(CalendarError);
    try {
      cal.withYear(bad);
    } catch (e) {
      expect((e as CalendarError).problems).toEqual([
        '第 1 个调休上班日：2027-01-04 是星期一，本来就是工作日；调休上班日只能是因调休而上班的周六或周日',
      ]);
    }
  });

  it('is weekends only when empty', () => {
    const empty = OfficialCalendar.weekendsOnly();
    expect(empty.years()).toEqual([]);
    expect(empty.isWorkday('2026-10-01')).toBe(true);
    expect(empty.isRestDay('2026-10-03')).toBe(true);
    expect(empty.isRestDay('2026-09-20')).toBe(true);
  });

  it('refuses impossible dates', () => {
    expect(() => cal.isRestDay('2026-02-29')).toThrow('不是有效日期');
    expect(() => cal.dayInfo('2026-10-1')).toThrow('不是有效日期');
  });
});
