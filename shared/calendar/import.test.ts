import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInCalendar, parseIcs, parseScheduleJson, type YearSchedule } from './index.ts';
import { GENERATED_SCHEDULES } from './schedules.generated.ts';
import { SCHEDULE_2027 } from './test-fixtures.ts';

const dist = new URL('../../node_modules/chinese-days/dist/', import.meta.url);
const readDist = (file: string) => readFileSync(new URL(file, dist), 'utf8');
const generated = (year: number) => GENERATED_SCHEDULES.find((s) => s.year === year)!;
const restDays = (s: YearSchedule) => s.holidays.flatMap((h) => h.dates).sort();

function ok(result: ReturnType<typeof parseIcs>) {
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result;
}

function errors(result: ReturnType<typeof parseIcs>) {
  if (result.ok) throw new Error('expected the import to fail');
  return result.errors;
}

describe('JSON import', () => {
  it('accepts a year schedule and returns it normalised', () => {
    const shuffled = {
      ...SCHEDULE_2027,
      holidays: [...SCHEDULE_2027.holidays]
        .reverse()
        .map((h) => ({ name: ` ${h.name} `, dates: [...h.dates].reverse() })),
      makeupWorkdays: [...SCHEDULE_2027.makeupWorkdays].reverse(),
    };
    expect(parseScheduleJson(JSON.stringify(shuffled))).toEqual({
      ok: true,
      schedules: [SCHEDULE_2027],
      warnings: [],
    });
  });

  it('accepts a list of years, an already parsed value and a byte-order mark', () => {
    const list = parseScheduleJson(`\uFEFF${JSON.stringify([SCHEDULE_2027, generated(2026)])}`);
    expect(list.ok && list.schedules.map((s) => s.year)).toEqual([2026, 2027]);
    expect(parseScheduleJson(SCHEDULE_2027)).toEqual({ ok: true, schedules: [SCHEDULE_2027], warnings: [] });
  });

  it('allows a December 元旦 make-up day of the previous year, as notices do', () => {
    const y2012 = generated(2012);
    expect(y2012.makeupWorkdays[0]).toBe('2011-12-31');
    expect(parseScheduleJson(y2012).ok).toBe(true);
  });

  it('says in Chinese when the text is not JSON', () => {
    const [message] = errors(parseScheduleJson('{ "year": 2027, '));
    expect(message).toMatch(/^文件不是有效的 JSON（.*），请检查括号、引号和逗号。$/);
  });

  it('names each problem and where it is', () => {
    const bad = {
      year: 2027,
      holidays: [
        { name: '元旦', dates: ['2027-01-01', '2027-1-2'] },
        { name: '春节', dates: ['2027-02-06', '2027-02-07', '2027-02-30', '2027-01-01'] },
        { name: '元旦', dates: ['2026-11-30'] },
      ],
      makeupWorkdays: ['2027-02-06', '2027-02-10', '2027-10-09', '2027-10-09'],
    };
    expect(errors(parseScheduleJson(bad))).toEqual([
      '第 1 个假期（元旦）的第 2 个日期：“2027-1-2”不是有效日期，应为 YYYY-MM-DD（例如 2027-10-01）',
      '第 2 个假期（春节）的第 3 个日期：“2027-02-30”不是有效日期，应为 YYYY-MM-DD（例如 2027-10-01）',
      '第 2 个假期（春节）的第 4 个日期：2027-01-01 重复出现（已列在“元旦”的放假日期中）',
      '第 3 个假期（元旦）的名称：假期名称“元旦”重复，请把它的日期合并到同一项',
      '第 3 个假期（元旦）的第 1 个日期：2026-11-30 不属于 2027 年度安排（只能是 2027 年内的日期，或上一年 12 月的元旦调休日）',
      '第 1 个调休上班日：2027-02-06 既列为“春节”的放假日又列为调休上班日，只能是其中一种',
      '第 2 个调休上班日：2027-02-10 是星期三，本来就是工作日；调休上班日只能是因调休而上班的周六或周日',
      '第 4 个调休上班日：2027-10-09 重复出现（已列在调休上班日中）',
    ]);
    bad.holidays.push({ name: ' ', dates: [] });
    expect(errors(parseScheduleJson(bad)).slice(0, 2)).toEqual([
      '第 4 个假期的名称：假期名称不能为空',
      '第 4 个假期的日期：至少要有一个放假日期',
    ]);
  });

  it('names missing, mistyped and unknown fields', () => {
    expect(errors(parseScheduleJson({ year: '2027', holidays: [], makeupWorkDays: [] }))).toEqual([
      '年份：年份应为数字，例如 2027',
      '调休上班日：调休上班日应为日期列表',
      '有不认识的字段 makeupWorkDays（年度安排只能有 year、holidays、makeupWorkdays）',
    ]);
    expect(
      errors(
        parseScheduleJson({
          year: 2027.5,
          holidays: [{ name: '元旦', dates: ['2027-01-01'], days: 3 }],
          makeupWorkdays: [],
        }),
      ),
    ).toEqual([
      '年份：年份应为整数，例如 2027',
      '第 1 个假期（元旦）：有不认识的字段 days（假期只能有 name、dates）',
    ]);
    expect(errors(parseScheduleJson('"2027"'))).toEqual([
      '年度安排应为 JSON 对象，包含 year、holidays、makeupWorkdays',
    ]);
    expect(errors(parseScheduleJson({ year: 1800, holidays: [], makeupWorkdays: [] }))).toEqual([
      '年份：年份不能早于 1990',
    ]);
  });

  it('refuses an empty list and a year given twice', () => {
    expect(errors(parseScheduleJson([]))).toEqual(['没有任何年度安排：列表是空的。']);
    expect(errors(parseScheduleJson([SCHEDULE_2027, { ...SCHEDULE_2027, makeupWorkdays: [] }]))).toEqual([
      '第 2 个年度安排（2027 年）：2027 年出现了不止一次，每年只能有一份安排',
    ]);
    expect(
      errors(parseScheduleJson([SCHEDULE_2027, { year: 2028, holidays: 'none', makeupWorkdays: [] }])),
    ).toEqual(['第 2 个年度安排（2028 年）：假期：假期应为列表']);
  });
});

describe('.ics import', () => {
  it('reads chinese-days’ holidays.ics (2024–2026) into exactly the built-in schedules', () => {
    const result = ok(parseIcs(readDist('holidays.ics')));
    expect(result.schedules).toEqual([generated(2024), generated(2025), generated(2026)]);
    expect(result.warnings).toEqual([]);
  });

  it('reads all 23 yearly files 2004–2026 into exactly the built-in schedules, December 元旦 days included', () => {
    const all = Array.from({ length: 23 }, (_, i) => readDist(`years/${2004 + i}.ics`)).join('\r\n');
    expect(ok(parseIcs(all)).schedules).toEqual(GENERATED_SCHEDULES);
  });

  it('reads the English calendar (Holiday / Workday) into the same days', () => {
    const result = ok(parseIcs(readDist('holidays.en.ics')));
    for (const schedule of result.schedules) {
      expect(restDays(schedule)).toEqual(restDays(generated(schedule.year)));
      expect(schedule.makeupWorkdays).toEqual(generated(schedule.year).makeupWorkdays);
    }
    expect(result.schedules.find((s) => s.year === 2026)?.holidays.map((h) => h.name)).toContain(
      'Spring Festival',
    );
  });

  const ics2027 = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//2027//CN',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20270101',
    'DTEND;VALUE=DATE:20270104',
    'SUMMARY:元旦(休)',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20270206',
    'DURATION:P7D',
    'SUMMARY:春节放',
    ' 假',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART;TZID=Asia/Shanghai:20270213T000000',
    'DTEND;TZID=Asia/Shanghai:20270214T000000',
    'SUMMARY:春节调休上班',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART:20270930T160000Z',
    'DTEND:20271007T160000Z',
    'SUMMARY:国庆节',
    'DESCRIPTION:休',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20270926',
    'SUMMARY:国庆节(班)',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20271009',
    'DTEND;VALUE=DATE:20271010',
    'SUMMARY:国庆节(班)',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART;VALUE=DATE:20270314',
    'DTEND;VALUE=DATE:20270315',
    'SUMMARY:植树节',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');

  it('reads a hand-made 2027 file: folded lines, DURATION, local and UTC times, DESCRIPTION markers', () => {
    const result = ok(parseIcs(ics2027));
    expect(result.schedules).toEqual([SCHEDULE_2027]);
    expect(result.warnings).toEqual([
      '已忽略日程“植树节”（2027-03-14）：标题中没有“休”“假”或“班”，无法判断是放假还是上班。',
    ]);
  });

  it('refuses what is not an iCalendar file, or one without any rest or work day', () => {
    expect(errors(parseIcs('{"year":2027}'))).toEqual([
      '这不是 iCalendar（.ics）文件：没有找到 BEGIN:VCALENDAR。',
    ]);
    expect(
      errors(
        parseIcs(
          'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270314\nSUMMARY:植树节\nEND:VEVENT\nEND:VCALENDAR',
        ),
      ),
    ).toEqual([
      '文件中没有放假或调休上班的日程（日程标题应含“休”“假”或“班”，例如“国庆节(休)”“国庆节(班)”）。',
    ]);
  });

  it('names the event with an unreadable date and the year with a wrong make-up day', () => {
    const broken =
      'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270230\nSUMMARY:春节(休)\nEND:VEVENT\nEND:VCALENDAR';
    expect(errors(parseIcs(broken))).toEqual(['日程“春节(休)”：开始日期（DTSTART）“20270230”无法识别']);
    const weekday =
      'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270203\nSUMMARY:春节(班)\nEND:VEVENT\nEND:VCALENDAR';
    expect(errors(parseIcs(weekday))).toEqual([
      '2027 年：第 1 个调休上班日：2027-02-03 是星期三，本来就是工作日；调休上班日只能是因调休而上班的周六或周日',
    ]);
    const long =
      'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nDTEND;VALUE=DATE:20270501\nSUMMARY:寒假(休)\nEND:VEVENT\nEND:VCALENDAR';
    expect(errors(parseIcs(long))).toEqual(['日程“寒假(休)”：跨度 120 天，超过 60 天，不像节假日安排']);
  });

  it('gives a calendar that knows 2027 once imported', () => {
    const imported = ok(parseIcs(ics2027)).schedules.reduce((cal, s) => cal.withYear(s), builtInCalendar);
    expect(imported.hasSchedule(2027)).toBe(true);
    expect(imported.dayInfo('2027-10-04')).toMatchObject({
      restDay: true,
      holiday: '国庆节',
      scheduled: true,
    });
    expect(imported.isWorkday('2027-09-26')).toBe(true);
  });
});
