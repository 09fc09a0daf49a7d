import { describe, expect, it } from 'vitest';
import { InvalidDateError } from '../calendar/dates.ts';
import { builtInCalendar, OfficialCalendar } from '../calendar/index.ts';
import { SCHEDULE_2027 } from '../calendar/test-fixtures.ts';
import {
  type CaseEvent,
  computeCaseDeadlines,
  computeDeadline,
  DEFAULT_RULES,
  DeadlineError,
  type DeadlineRule,
  describeFlag,
  missingCalendarYear,
  unitRules,
} from './index.ts';

const cal = builtInCalendar;
const with2027 = cal.withYear(SCHEDULE_2027);
const rule = (id: string, rules: readonly DeadlineRule[] = DEFAULT_RULES) => rules.find((r) => r.id === id)!;
const due = (id: string, start: string, calendar = cal, rules: readonly DeadlineRule[] = DEFAULT_RULES) =>
  computeDeadline(rule(id, rules), start, calendar).due;

describe('the three examples of issue 3, with the default rules', () => {
  it('received 2026-09-20 (a make-up Sunday) → acceptance due 2026-10-08, past National Day', () => {
    expect(computeDeadline(rule('acceptance'), '2026-09-20', cal)).toEqual({
      kind: 'acceptance',
      due: '2026-10-08',
      rule: '自收到信访事项次日起15个自然日，期满日遇法定节假日或休息日顺延至其后第一个工作日（信访工作条例第22、23条）',
      ruleId: 'acceptance',
      label: '受理告知期限',
      start: '2026-09-20',
      flags: [],
    });
  });

  it('received 2026-02-01 → acceptance due 2026-02-24, past the Spring Festival', () => {
    expect(due('acceptance', '2026-02-01')).toBe('2026-02-24');
  });

  it('accepted 2026-09-25 → handling due 2026-11-24', () => {
    const d = computeDeadline(rule('handling'), '2026-09-25', cal);
    expect(d.due).toBe('2026-11-24');
    expect(d.rule).toBe(
      '自受理次日起60个自然日，期满日遇法定节假日或休息日顺延至其后第一个工作日（信访工作条例第34条）',
    );
  });
});

describe('Spring Festival 2026 (rest 02-15…02-23, make-up Saturdays 02-14 and 02-28)', () => {
  it('counts the make-up Saturday 02-14 as a working day in a 5-working-day objection', () => {
    const d = computeDeadline(rule('objection'), '2026-02-11', cal);
    expect(d.due).toBe('2026-02-25');
    expect(d.rule).toBe('自收到转送、交办的信访事项次日起5个工作日（信访工作条例第23条第3款）');
    expect(computeDeadline(rule('objection'), '2026-02-11', OfficialCalendar.weekendsOnly()).due).toBe(
      '2026-02-18',
    );
  });

  it('rolls a last day inside the holiday to the Tuesday after it', () => {
    expect(due('acceptance', '2026-02-08')).toBe('2026-02-24');
    expect(due('acceptance', '2026-02-05')).toBe('2026-02-24');
  });

  it('does not roll a last day that falls on a make-up Saturday', () => {
    expect(due('acceptance', '2026-01-30')).toBe('2026-02-14');
    expect(due('review_request', '2026-01-29')).toBe('2026-02-28');
    expect(due('handling', '2025-12-30')).toBe('2026-02-28');
  });

  it('rolls the Sunday after the last make-up Saturday to Monday', () => {
    expect(due('handling', '2025-12-31')).toBe('2026-03-02');
  });

  it('counts both make-up Saturdays in a 10-working-day simple-track answer', () => {
    expect(due('simple_handling', '2026-02-09')).toBe('2026-02-28');
    expect(due('simple_acceptance', '2026-02-12')).toBe('2026-02-24');
  });
});

describe('Mid-Autumn and National Day 2026 (rest 09-25…09-27 and 10-01…10-07, make-up Sunday 09-20 and Saturday 10-10)', () => {
  it('counts the make-up Sunday 09-20 in working-day periods', () => {
    expect(due('objection', '2026-09-17')).toBe('2026-09-23');
    expect(due('simple_acceptance', '2026-09-18')).toBe('2026-09-22');
  });

  it('skips both holiday runs in working-day periods', () => {
    expect(due('objection', '2026-09-23')).toBe('2026-10-08');
  });

  it('counts the make-up Saturday 10-10', () => {
    expect(due('objection', '2026-09-30')).toBe('2026-10-13');
    expect(due('acceptance', '2026-09-25')).toBe('2026-10-10');
  });

  it('rolls a last day on a Mid-Autumn Sunday, a National Day holiday or a plain Sunday', () => {
    expect(due('acceptance', '2026-09-12')).toBe('2026-09-28');
    expect(due('review_request', '2026-09-01')).toBe('2026-10-08');
    expect(due('acceptance', '2026-09-26')).toBe('2026-10-12');
  });
});

describe('year ends', () => {
  it('flags nothing for a period that stays in 2026', () => {
    expect(computeDeadline(rule('acceptance'), '2026-12-16', cal)).toMatchObject({
      due: '2026-12-31',
      flags: [],
    });
  });

  it('flags calendar_missing:2027 and counts 2027 on weekends alone', () => {
    expect(computeDeadline(rule('acceptance'), '2026-12-17', cal)).toMatchObject({
      due: '2027-01-01',
      flags: ['calendar_missing:2027'],
    });
    expect(computeDeadline(rule('acceptance'), '2026-12-18', cal)).toMatchObject({
      due: '2027-01-04',
      flags: ['calendar_missing:2027'],
    });
    expect(computeDeadline(rule('objection'), '2026-12-28', cal)).toMatchObject({
      due: '2027-01-04',
      flags: ['calendar_missing:2027'],
    });
    expect(computeDeadline(rule('handling'), '2026-11-15', cal)).toMatchObject({
      due: '2027-01-14',
      flags: ['calendar_missing:2027'],
    });
  });

  it('drops the flag and applies the holiday once the 2027 schedule is imported', () => {
    expect(computeDeadline(rule('acceptance'), '2026-12-17', with2027)).toMatchObject({
      due: '2027-01-04',
      flags: [],
    });
    expect(computeDeadline(rule('objection'), '2026-12-28', with2027)).toMatchObject({
      due: '2027-01-05',
      flags: [],
    });
  });

  it('does not flag a rule that never consults the calendar (calendar days, no rolling)', () => {
    const noRoll = unitRules([{ id: 'acceptance', rollPastRestDays: false }]);
    const d = computeDeadline(rule('acceptance', noRoll), '2026-12-18', cal);
    expect(d).toMatchObject({ due: '2027-01-02', flags: [] });
    expect(d.rule).toBe('自收到信访事项次日起15个自然日，期满日遇节假日不顺延（信访工作条例第22、23条）');
  });

  it('flags every unscheduled year a working-day count passes through', () => {
    expect(computeDeadline(rule('objection'), '2027-12-29', cal)).toMatchObject({
      due: '2028-01-05',
      flags: ['calendar_missing:2027', 'calendar_missing:2028'],
    });
    expect(computeDeadline(rule('objection'), '2027-12-29', with2027).flags).toEqual([
      'calendar_missing:2028',
    ]);
  });

  it('flags years before the built-in table too', () => {
    expect(computeDeadline(rule('acceptance'), '2003-12-10', cal)).toMatchObject({
      due: '2003-12-25',
      flags: ['calendar_missing:2003'],
    });
  });

  it('crosses 2025→2026 on known schedules, ending on the make-up Sunday 2026-01-04', () => {
    expect(computeDeadline(rule('acceptance'), '2025-12-20', cal)).toMatchObject({
      due: '2026-01-04',
      flags: [],
    });
  });

  it('explains the flag in Chinese', () => {
    expect(missingCalendarYear('calendar_missing:2027')).toBe(2027);
    expect(missingCalendarYear('other')).toBeUndefined();
    expect(describeFlag('calendar_missing:2027')).toBe(
      '2027年度节假日安排尚未录入，该期限暂按周六、周日休息推算，录入后会重新计算。',
    );
  });
});

describe('leap years', () => {
  it('ends on 2024-02-29 and counts it in a 60-day period', () => {
    expect(due('acceptance', '2024-02-14')).toBe('2024-02-29');
    expect(due('handling', '2024-01-01')).toBe('2024-03-01');
    expect(due('handling', '2023-01-01')).toBe('2023-03-02');
  });

  it('starts on 2024-02-29 and rolls past the weekend before 清明', () => {
    expect(due('review_request', '2024-02-29')).toBe('2024-04-01');
  });

  it('handles February 2028 (flagged: no schedule yet)', () => {
    expect(computeDeadline(rule('acceptance'), '2028-02-14', cal)).toMatchObject({
      due: '2028-02-29',
      flags: ['calendar_missing:2028'],
    });
    expect(due('acceptance', '2028-02-11')).toBe('2028-02-28');
    expect(computeDeadline(rule('handling'), '2027-12-31', cal)).toMatchObject({
      due: '2028-02-29',
      flags: ['calendar_missing:2028'],
    });
    expect(due('handling', '2026-12-31')).toBe('2027-03-01');
    expect(due('objection', '2028-02-25')).toBe('2028-03-03');
  });
});

describe('pauses (听证 time is not counted)', () => {
  it('moves a calendar-day re-review deadline by the paused days and says so', () => {
    expect(due('rereview', '2026-06-01')).toBe('2026-07-01');
    const d = computeDeadline(rule('rereview'), '2026-06-01', cal, {
      pauses: [{ from: '2026-06-10', to: '2026-06-14' }],
    });
    expect(d.due).toBe('2026-07-06');
    expect(d.rule).toBe(
      '自收到复核请求次日起30个自然日，听证期间5日不计入，期满日遇法定节假日或休息日顺延至其后第一个工作日（信访工作条例第36条）',
    );
  });

  it('ignores a pause outside the period', () => {
    const d = computeDeadline(rule('rereview'), '2026-06-01', cal, {
      pauses: [{ from: '2026-05-01', to: '2026-05-31' }],
    });
    expect(d.due).toBe('2026-07-01');
    expect(d.rule).not.toContain('不计入');
  });

  it('moves a working-day period by the paused working days only', () => {
    expect(due('objection', '2026-03-02')).toBe('2026-03-09');
    expect(
      computeDeadline(rule('objection'), '2026-03-02', cal, {
        pauses: [{ from: '2026-03-04', to: '2026-03-05' }],
      }).due,
    ).toBe('2026-03-11');
    const overWeekend = computeDeadline(rule('objection'), '2026-03-02', cal, {
      pauses: [{ from: '2026-03-06', to: '2026-03-09', reason: '鉴定' }],
    });
    expect(overWeekend.due).toBe('2026-03-11');
    expect(overWeekend.rule).toContain('鉴定期间4日不计入');
  });

  it('does not end a rolled period inside a pause', () => {
    expect(due('rereview', '2026-06-04')).toBe('2026-07-06');
    const d = computeDeadline(rule('rereview'), '2026-06-04', cal, {
      pauses: [{ from: '2026-07-06', to: '2026-07-07' }],
    });
    expect(d.due).toBe('2026-07-08');
  });

  it('adds up several pauses and names their reasons', () => {
    const d = computeDeadline(rule('rereview'), '2026-06-01', cal, {
      pauses: [
        { from: '2026-06-20', to: '2026-06-21', reason: '鉴定' },
        { from: '2026-06-10', to: '2026-06-12' },
      ],
    });
    expect(d.due).toBe('2026-07-06');
    expect(d.rule).toContain('鉴定、听证期间5日不计入');
  });

  it('refuses a pause that ends before it starts or has an impossible date', () => {
    expect(() =>
      computeDeadline(rule('rereview'), '2026-06-01', cal, {
        pauses: [{ from: '2026-06-14', to: '2026-06-10' }],
      }),
    ).toThrow(new DeadlineError('中止期间的开始日期 2026-06-14 晚于结束日期 2026-06-10'));
    expect(() =>
      computeDeadline(rule('rereview'), '2026-06-01', cal, {
        pauses: [{ from: '2026-06-31', to: '2026-07-01' }],
      }),
    ).toThrow(InvalidDateError);
  });
});

describe('extension', () => {
  it('adds the approved days to the handling period and names them', () => {
    const d = computeDeadline(rule('handling'), '2026-09-25', cal, { extensionDays: 30 });
    expect(d.due).toBe('2026-12-24');
    expect(d.rule).toBe(
      '自受理次日起60个自然日，经批准延长30个自然日，期满日遇法定节假日或休息日顺延至其后第一个工作日（信访工作条例第34条）',
    );
    expect(computeDeadline(rule('handling'), '2026-09-25', cal, { extensionDays: 10 }).due).toBe(
      '2026-12-04',
    );
  });

  it('may carry the handling period into an unscheduled year', () => {
    expect(computeDeadline(rule('handling'), '2026-11-01', cal)).toMatchObject({
      due: '2026-12-31',
      flags: [],
    });
    expect(computeDeadline(rule('handling'), '2026-11-01', cal, { extensionDays: 10 })).toMatchObject({
      due: '2027-01-11',
      flags: ['calendar_missing:2027'],
    });
  });

  it('refuses a negative or fractional extension', () => {
    expect(() => computeDeadline(rule('handling'), '2026-09-25', cal, { extensionDays: -1 })).toThrow(
      DeadlineError,
    );
    expect(() => computeDeadline(rule('handling'), '2026-09-25', cal, { extensionDays: 2.5 })).toThrow(
      DeadlineError,
    );
  });

  it('refuses an impossible start date', () => {
    expect(() => computeDeadline(rule('handling'), '2026-09-31', cal)).toThrow(InvalidDateError);
  });
});

describe('deadlines of a case', () => {
  const lifecycle: CaseEvent[] = [
    { type: 'received', on: '2026-09-20' },
    { type: 'accepted', on: '2026-09-25' },
    { type: 'answered', on: '2026-11-20' },
    { type: 'review_requested', on: '2026-12-01' },
    { type: 'review_opinion', on: '2026-12-20' },
    { type: 'rereview_requested', on: '2027-01-05' },
  ];

  it('gives every step whose start event happened, in the order of the procedure', () => {
    const list = computeCaseDeadlines(lifecycle, unitRules(), cal);
    expect(list.map((d) => [d.kind, d.ruleId, d.start, d.due, d.flags])).toEqual([
      ['acceptance', 'acceptance', '2026-09-20', '2026-10-08', []],
      ['handling', 'handling', '2026-09-25', '2026-11-24', []],
      ['review_request', 'review_request', '2026-11-20', '2026-12-21', []],
      ['review', 'review', '2026-12-01', '2026-12-31', []],
      ['rereview_request', 'rereview_request', '2026-12-20', '2027-01-19', ['calendar_missing:2027']],
      ['rereview', 'rereview', '2027-01-05', '2027-02-04', ['calendar_missing:2027']],
    ]);
    expect(list.every((d) => d.rule.includes('信访工作条例第'))).toBe(true);
  });

  it('gives only the acceptance deadline for a case just received', () => {
    expect(computeCaseDeadlines([{ type: 'received', on: '2026-02-01' }], unitRules(), cal)).toEqual([
      computeDeadline(rule('acceptance'), '2026-02-01', cal),
    ]);
    expect(computeCaseDeadlines([], unitRules(), cal)).toEqual([]);
  });

  it('gives a transferred matter its objection deadline', () => {
    const list = computeCaseDeadlines(
      [
        { type: 'received', on: '2026-09-30' },
        { type: 'transferred_in', on: '2026-09-30' },
      ],
      unitRules(),
      cal,
    );
    expect(list.map((d) => [d.kind, d.due])).toEqual([
      ['acceptance', '2026-10-15'],
      ['objection', '2026-10-13'],
    ]);
  });

  it('uses the latest occurrence of a start event', () => {
    const list = computeCaseDeadlines(
      [
        { type: 'received', on: '2026-02-01' },
        { type: 'received', on: '2026-09-20' },
      ],
      unitRules(),
      cal,
    );
    expect(list.map((d) => d.due)).toEqual(['2026-10-08']);
  });

  it('applies the one extension to the handling deadline only', () => {
    const list = computeCaseDeadlines(
      [...lifecycle.slice(0, 2), { type: 'extended', on: '2026-11-10', days: 30 }],
      unitRules(),
      cal,
    );
    expect(list.map((d) => [d.kind, d.due])).toEqual([
      ['acceptance', '2026-10-08'],
      ['handling', '2026-12-24'],
    ]);
    expect(list[1]!.rule).toContain('经批准延长30个自然日');
  });

  it('refuses a second extension or one beyond the rule’s maximum', () => {
    const base = lifecycle.slice(0, 2);
    expect(() =>
      computeCaseDeadlines(
        [
          ...base,
          { type: 'extended', on: '2026-11-10', days: 10 },
          { type: 'extended', on: '2026-11-20', days: 10 },
        ],
        unitRules(),
        cal,
      ),
    ).toThrow('办理期限只能延长一次（信访工作条例第34条）');
    expect(() =>
      computeCaseDeadlines([...base, { type: 'extended', on: '2026-11-10', days: 31 }], unitRules(), cal),
    ).toThrow('延长的天数应为 1 到 30 之间的整数（信访工作条例第34条），收到 31');
    const stricter = unitRules([{ id: 'extension', count: 15 }]);
    expect(() =>
      computeCaseDeadlines([...base, { type: 'extended', on: '2026-11-10', days: 20 }], stricter, cal),
    ).toThrow('延长的天数应为 1 到 15 之间的整数');
  });

  it('applies hearing pauses, optionally only to the steps they name', () => {
    const events: CaseEvent[] = [
      ...lifecycle,
      { type: 'paused', from: '2027-01-10', to: '2027-01-14', reason: '听证', kinds: ['rereview'] },
    ];
    const list = computeCaseDeadlines(events, unitRules(), cal);
    expect(list.find((d) => d.kind === 'rereview_request')?.due).toBe('2027-01-19');
    expect(list.find((d) => d.kind === 'rereview')?.due).toBe('2027-02-09');
    const everywhere = computeCaseDeadlines(
      [...lifecycle, { type: 'paused', from: '2027-01-10', to: '2027-01-14' }],
      unitRules(),
      cal,
    );
    expect(everywhere.find((d) => d.kind === 'rereview_request')?.due).toBe('2027-01-25');
  });

  it('refuses an impossible event date', () => {
    expect(() => computeCaseDeadlines([{ type: 'received', on: '2026-02-30' }], unitRules(), cal)).toThrow(
      InvalidDateError,
    );
  });
});

describe('the simple track (简易办理)', () => {
  const events: CaseEvent[] = [
    { type: 'received', on: '2026-09-18' },
    { type: 'accepted', on: '2026-09-22' },
    { type: 'transferred_in', on: '2026-09-18' },
  ];

  it('decides in 3 and answers in 10 working days, counting the make-up Sunday and Saturday', () => {
    const list = computeCaseDeadlines(events, unitRules(), cal, { simpleTrack: true });
    expect(list.map((d) => [d.kind, d.ruleId, d.due])).toEqual([
      ['acceptance', 'simple_acceptance', '2026-09-22'],
      ['objection', 'objection', '2026-09-24'],
      ['handling', 'simple_handling', '2026-10-13'],
    ]);
    expect(list[0]!.rule).toBe('自收到信访事项次日起3个工作日（信访事项简易办理办法（试行））');
    expect(list[0]!.label).toBe('简易办理受理期限');
  });

  it('is off unless switched on', () => {
    const list = computeCaseDeadlines(events, unitRules(), cal);
    expect(list.map((d) => [d.kind, d.ruleId, d.due])).toEqual([
      ['acceptance', 'acceptance', '2026-10-08'],
      ['objection', 'objection', '2026-09-24'],
      ['handling', 'handling', '2026-11-23'],
    ]);
  });

  it('refuses two rules for the same step on the same track', () => {
    const doubled = [...unitRules(), { ...rule('simple_acceptance'), id: 'simple_acceptance_2' }];
    expect(() => computeCaseDeadlines(events, doubled, cal, { simpleTrack: true })).toThrow(
      '时限“acceptance”在简易办理中有两条规则（simple_acceptance、simple_acceptance_2），只能有一条',
    );
  });
});
