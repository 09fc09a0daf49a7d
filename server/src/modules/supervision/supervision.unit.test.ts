import { describe, expect, it } from 'vitest';
import { builtInCalendar } from '../../../../shared/calendar/index.ts';
import { addWorkingDays, LADDER, unitAbove } from './supervision.ts';

describe('supervision rules', () => {
  it('climbs 督办 → 约谈 → 通报 → 挂牌督办, each with a reply time', () => {
    expect(LADDER.map((s) => s.label)).toEqual(['督办', '约谈', '通报', '挂牌督办']);
    expect(LADDER.slice(1).every((s) => (s.replyWorkingDays ?? 0) > 0)).toBe(true);
  });

  it('finds the issuing unit above the responsible one, clamped at the top', () => {
    expect(unitAbove('/county/town/village/', 1)).toBe('town');
    expect(unitAbove('/county/town/village/', 2)).toBe('county');
    expect(unitAbove('/county/town/', 5)).toBe('county');
  });

  it('counts reply days on the official calendar, skipping the National Day holiday', () => {
    // 2026-09-30 (Wed) + 3 working days: 1–7 October is the holiday, so the 8th, 9th and 10th (a make-up Saturday).
    const due = addWorkingDays(builtInCalendar, '2026-09-30', 3);
    expect(due > '2026-10-07').toBe(true);
    expect(addWorkingDays(builtInCalendar, '2026-11-02', 5)).toBe('2026-11-09');
  });

  it('falls back to weekends only for a year the calendar does not know', () => {
    expect(addWorkingDays(builtInCalendar, '2031-03-06', 1)).toBe('2031-03-07');
    expect(addWorkingDays(builtInCalendar, '2031-03-07', 1)).toBe('2031-03-10');
  });
});
