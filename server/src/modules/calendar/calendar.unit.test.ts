import { describe, expect, it } from 'vitest';
import { builtInCalendar } from '../../../../shared/calendar/index.ts';
import { SCHEDULE_2027 } from '../../../../shared/calendar/test-fixtures.ts';
import type { Actor, Role } from '../../platform/http/context.ts';
import { canEditDeadlineSettings, canImportCalendar } from './calendar.policy.ts';
import { yearsToReport } from './jobs/check-missing-year.job.ts';
import { calendarFromRows, missingCalendarYears, missingYearsWarning } from './load-calendar.ts';

const actor = (...roles: Role[]): Actor => ({
  userId: 'u',
  username: 'u',
  name: 'u',
  unitId: 'x',
  unitPath: '/x/',
  roles,
  sessionId: 's',
});

describe('missing calendar years', () => {
  it('looks at this year and the next in China time', () => {
    expect(missingCalendarYears(builtInCalendar, '2026-11-02')).toEqual([2027]);
    // 2026-12-31 17:00 UTC is already 1 January 2027 in China.
    expect(missingCalendarYears(builtInCalendar, new Date('2026-12-31T17:00:00Z'))).toEqual([2027, 2028]);
    expect(missingCalendarYears(builtInCalendar, '2026-12-31T15:59:59Z')).toEqual([2027]);
    expect(missingCalendarYears(builtInCalendar, '2025-06-01', 2)).toEqual([]);
    expect(missingCalendarYears(builtInCalendar, '2026-06-01', 3)).toEqual([2027, 2028]);
    expect(() => missingCalendarYears(builtInCalendar, 'soon')).toThrow(RangeError);
  });

  it('clears once the year is stored, and warns in Chinese while it is not', () => {
    const calendar = calendarFromRows([{ schedule_json: JSON.stringify(SCHEDULE_2027) }]);
    expect(missingCalendarYears(calendar, '2026-11-02')).toEqual([]);
    expect(missingYearsWarning([])).toBeUndefined();
    expect(missingYearsWarning([2027])).toMatch(
      /^2027年度节假日安排尚未录入，该年度的期限暂按周六、周日休息推算/,
    );
  });

  it('reports the current year when missing, and the next one from 1 December on', () => {
    const known = (y: number) => y <= 2026;
    expect(yearsToReport('2026-11-30', known)).toEqual([]);
    expect(yearsToReport('2026-12-01', known)).toEqual([2027]);
    expect(yearsToReport('2027-01-04', known)).toEqual([2027]);
    expect(yearsToReport('2027-12-31', known)).toEqual([2027, 2028]);
  });
});

describe('calendar policy', () => {
  it('lets only sysadmin import, and sysadmin or unit_admin edit deadline settings', () => {
    expect(canImportCalendar(actor('sysadmin'))).toBe(true);
    for (const r of ['clerk', 'unit_admin', 'secadmin', 'auditor', 'leader'] as Role[]) {
      expect(canImportCalendar(actor(r)), r).toBe(false);
    }
    expect(canEditDeadlineSettings(actor('sysadmin'))).toBe(true);
    expect(canEditDeadlineSettings(actor('unit_admin'))).toBe(true);
    for (const r of ['clerk', 'handler', 'leader', 'supervisor', 'secadmin', 'auditor'] as Role[]) {
      expect(canEditDeadlineSettings(actor(r)), r).toBe(false);
    }
  });
});
