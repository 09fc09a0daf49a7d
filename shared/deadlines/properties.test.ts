import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, fromDayNumber, toDayNumber } from '../calendar/dates.ts';
import { builtInCalendar } from '../calendar/index.ts';
import { SCHEDULE_2027 } from '../calendar/test-fixtures.ts';
import { computeDeadline, type DeadlineRule, type Pause } from './index.ts';

const calendars = [builtInCalendar, builtInCalendar.withYear(SCHEDULE_2027)];

const dateIn = (from: string, to: string) =>
  fc.integer({ min: toDayNumber(from), max: toDayNumber(to) }).map(fromDayNumber);

const ruleArb = fc.record({
  id: fc.constant('generated'),
  kind: fc.constantFrom('acceptance', 'handling', 'objection', 'review', 'rereview'),
  startEvent: fc.constant('received'),
  count: fc.integer({ min: 1, max: 120 }),
  unit: fc.constantFrom('calendar_days', 'working_days'),
  rollPastRestDays: fc.boolean(),
  article: fc.constant('测试条款'),
  label: fc.constant('测试期限'),
  track: fc.constant('standard'),
}) as fc.Arbitrary<DeadlineRule>;

const startArb = dateIn('2003-06-01', '2029-12-31');
const calendarArb = fc.constantFrom(...calendars);
const pauseArb: fc.Arbitrary<Pause> = fc
  .tuple(dateIn('2003-06-01', '2030-12-31'), fc.integer({ min: 0, max: 40 }))
  .map(([from, len]) => ({ from, to: addCalendarDays(from, len) }));

function workdaysBetween(cal: (typeof calendars)[number], after: string, through: string): number {
  let n = 0;
  for (let d = addCalendarDays(after, 1); d <= through; d = addCalendarDays(d, 1)) if (cal.isWorkday(d)) n++;
  return n;
}

describe('deadline properties', () => {
  it('a rolling rule never ends on a rest day, and never before start + count calendar days', () => {
    fc.assert(
      fc.property(ruleArb, startArb, calendarArb, (rule, start, cal) => {
        const { due } = computeDeadline(rule, start, cal);
        expect(due >= addCalendarDays(start, rule.count)).toBe(true);
        if (rule.rollPastRestDays || rule.unit === 'working_days') expect(cal.isWorkday(due)).toBe(true);
      }),
    );
  });

  it('a calendar-day rule ends on start + count, or on the first working day after it when it rolls', () => {
    fc.assert(
      fc.property(ruleArb, startArb, calendarArb, (rule, start, cal) => {
        const calendarRule = { ...rule, unit: 'calendar_days' as const };
        const plain = addCalendarDays(start, rule.count);
        const expected = rule.rollPastRestDays ? cal.nextWorkdayOnOrAfter(plain) : plain;
        expect(computeDeadline(calendarRule, start, cal).due).toBe(expected);
      }),
    );
  });

  it('a working-day rule ends on the count-th working day after the start', () => {
    fc.assert(
      fc.property(ruleArb, startArb, calendarArb, (rule, start, cal) => {
        const workingRule = { ...rule, unit: 'working_days' as const, count: Math.min(rule.count, 40) };
        const { due } = computeDeadline(workingRule, start, cal);
        expect(workdaysBetween(cal, start, due)).toBe(workingRule.count);
        expect(due).toBe(cal.addWorkdays(start, workingRule.count));
      }),
    );
  });

  it('adding a pause never makes a deadline earlier, and a pause after the due date changes nothing', () => {
    fc.assert(
      fc.property(
        ruleArb,
        startArb,
        calendarArb,
        fc.array(pauseArb, { maxLength: 2 }),
        pauseArb,
        (rule, start, cal, pauses, extra) => {
          const before = computeDeadline(rule, start, cal, { pauses }).due;
          const after = computeDeadline(rule, start, cal, { pauses: [...pauses, extra] }).due;
          expect(after >= before).toBe(true);
          const later = { from: addCalendarDays(before, 1), to: addCalendarDays(before, 10) };
          expect(computeDeadline(rule, start, cal, { pauses: [...pauses, later] }).due).toBe(before);
        },
      ),
    );
  });

  it('a longer extension or a later start never gives an earlier deadline', () => {
    fc.assert(
      fc.property(
        ruleArb,
        startArb,
        calendarArb,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 20 }),
        (rule, start, cal, a, b, shift) => {
          const [short, long] = a <= b ? [a, b] : [b, a];
          expect(
            computeDeadline(rule, start, cal, { extensionDays: long }).due >=
              computeDeadline(rule, start, cal, { extensionDays: short }).due,
          ).toBe(true);
          const laterStart = addCalendarDays(start, shift);
          expect(computeDeadline(rule, laterStart, cal).due >= computeDeadline(rule, start, cal).due).toBe(
            true,
          );
        },
      ),
    );
  });

  it('flags exactly when a day it had to look at lies in a year without a schedule', () => {
    fc.assert(
      fc.property(ruleArb, startArb, calendarArb, (rule, start, cal) => {
        const { due, flags } = computeDeadline(rule, start, cal);
        const consults = rule.unit === 'working_days' || rule.rollPastRestDays;
        if (!consults) {
          expect(flags).toEqual([]);
          return;
        }
        const dueYear = Number(due.slice(0, 4));
        if (!cal.hasSchedule(dueYear)) expect(flags).toContain(`calendar_missing:${dueYear}`);
        const firstLooked =
          rule.unit === 'working_days' ? addCalendarDays(start, 1) : addCalendarDays(start, rule.count);
        const years = new Set<number>();
        for (let y = Number(firstLooked.slice(0, 4)); y <= dueYear; y++)
          if (!cal.hasSchedule(y)) years.add(y);
        expect(flags).toEqual([...years].map((y) => `calendar_missing:${y}`));
      }),
    );
  });
});
