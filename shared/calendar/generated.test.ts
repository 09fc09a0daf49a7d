import { isWorkday as chineseDaysIsWorkday, getDayDetail } from 'chinese-days';
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { addCalendarDays } from './dates.ts';
import { schedulesFromChineseDays } from './generate.ts';
import { builtInCalendar } from './index.ts';
import { validateSchedule } from './schedule.ts';
import { GENERATED_SCHEDULES } from './schedules.generated.ts';

describe('generated schedules', () => {
  it('are exactly what the generator makes from the installed chinese-days data', () => {
    expect(GENERATED_SCHEDULES).toEqual(schedulesFromChineseDays(chineseDaysData));
  });

  it('cover every year from 2004 to 2026 and nothing later', () => {
    expect(GENERATED_SCHEDULES.map((s) => s.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(builtInCalendar.hasSchedule(2026)).toBe(true);
    expect(builtInCalendar.hasSchedule(2027)).toBe(false);
    expect(builtInCalendar.hasSchedule(2003)).toBe(false);
  });

  it('each pass the validation an imported schedule must pass', () => {
    for (const schedule of GENERATED_SCHEDULES) {
      const result = validateSchedule(schedule);
      expect(result, `year ${schedule.year}`).toEqual({ ok: true, schedules: [schedule], warnings: [] });
    }
  });

  it('agree with chinese-days on every single day from 2004-01-01 to 2026-12-31', () => {
    const disagreements: string[] = [];
    for (let day = '2004-01-01'; day <= '2026-12-31'; day = addCalendarDays(day, 1)) {
      if (builtInCalendar.isWorkday(day) !== chineseDaysIsWorkday(day)) disagreements.push(day);
    }
    expect(disagreements).toEqual([]);
  });

  it('name the holiday chinese-days names on a sample of rest days', () => {
    for (const day of ['2026-02-17', '2026-10-03', '2025-10-06', '2020-01-31', '2015-09-03', '2019-01-01']) {
      const info = builtInCalendar.dayInfo(day);
      expect(info.reason, day).toBe('holiday');
      expect(getDayDetail(day).name, day).toContain(info.holiday);
    }
  });

  it('put a December 元旦 day into the next year’s notice, as the State Council publishes it', () => {
    const y2012 = GENERATED_SCHEDULES.find((s) => s.year === 2012)!;
    expect(y2012.makeupWorkdays).toContain('2011-12-31');
    const y2019 = GENERATED_SCHEDULES.find((s) => s.year === 2019)!;
    expect(y2019.holidays.find((h) => h.name === '元旦')?.dates).toEqual([
      '2018-12-30',
      '2018-12-31',
      '2019-01-01',
    ]);
    expect(y2019.makeupWorkdays).toContain('2018-12-29');
  });

  it('show that chinese-days itself silently treats 2027 as ordinary weeks (why years are flagged)', () => {
    expect(chineseDaysIsWorkday('2027-01-01')).toBe(true);
    expect(builtInCalendar.dayInfo('2027-01-01')).toMatchObject({ restDay: false, scheduled: false });
  });
});

describe('the 2026 schedule (国办发明电〔2025〕7号, as in chinese-days 1.5.7)', () => {
  const y2026 = GENERATED_SCHEDULES.find((s) => s.year === 2026)!;
  const range = (from: string, days: number) =>
    Array.from({ length: days }, (_, i) => addCalendarDays(from, i));

  it('has every holiday with its rest days', () => {
    expect(y2026.holidays).toEqual([
      { name: '元旦', dates: range('2026-01-01', 3) },
      { name: '春节', dates: range('2026-02-15', 9) },
      { name: '清明', dates: range('2026-04-04', 3) },
      { name: '劳动节', dates: range('2026-05-01', 5) },
      { name: '端午', dates: range('2026-06-19', 3) },
      { name: '中秋', dates: range('2026-09-25', 3) },
      { name: '国庆节', dates: range('2026-10-01', 7) },
    ]);
  });

  it('has six make-up workdays, two of them Sundays', () => {
    expect(y2026.makeupWorkdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(y2026.makeupWorkdays.map((d) => builtInCalendar.dayInfo(d).weekday)).toEqual([0, 6, 6, 6, 0, 6]);
  });
});
