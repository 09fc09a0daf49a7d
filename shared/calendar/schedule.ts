import { z } from 'zod';
import { isIsoDate, WEEKDAY_NAMES_ZH, weekdayOf } from './dates.ts';

/** One public holiday of a year's schedule: its name and every rest day it gives (weekends included). */
export interface Holiday {
  name: string;
  dates: string[];
}

/**
 * The State Council's holiday schedule for one year (国务院办公厅关于某年部分节假日安排的通知):
 * the rest days of each holiday and the weekend days that are working days because of 调休.
 * A notice may name days of the previous December (元旦 调休), so dates may lie there too.
 */
export interface YearSchedule {
  year: number;
  holidays: Holiday[];
  makeupWorkdays: string[];
}

/** The outcome of importing schedules: the schedules, or every problem found, in Chinese. */
export type ScheduleImport =
  | { ok: true; schedules: YearSchedule[]; warnings: string[] }
  | { ok: false; errors: string[] };

/** Earliest and latest year a schedule may be entered for. */
export const SCHEDULE_YEAR_RANGE = { min: 1990, max: 2100 } as const;

const FIELD_NAMES = 'year、holidays、makeupWorkdays';

const HolidaySchema = z.strictObject(
  {
    name: z
      .string({ error: '假期名称应为文字' })
      .trim()
      .min(1, { error: '假期名称不能为空' })
      .max(50, { error: '假期名称不能超过 50 个字' }),
    dates: z
      .array(z.string({ error: '日期应为 YYYY-MM-DD 格式的文字' }), { error: '日期应为列表' })
      .min(1, { error: '至少要有一个放假日期' })
      .max(60, { error: '一个假期最多 60 天' }),
  },
  {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `有不认识的字段 ${iss.keys.join('、')}（假期只能有 name、dates）`
        : '每个假期应为 { "name": …, "dates": [...] }',
  },
);

/**
 * A year schedule as entered by an administrator or imported from JSON: structure, real dates,
 * dates within the year (or the previous December), no day listed twice, no day both a rest day
 * and a make-up workday, make-up workdays only on weekends. Every message is Chinese.
 */
export const YearScheduleSchema = z
  .strictObject(
    {
      year: z
        .number({ error: '年份应为数字，例如 2027' })
        .int({ error: '年份应为整数，例如 2027' })
        .min(SCHEDULE_YEAR_RANGE.min, { error: `年份不能早于 ${SCHEDULE_YEAR_RANGE.min}` })
        .max(SCHEDULE_YEAR_RANGE.max, { error: `年份不能晚于 ${SCHEDULE_YEAR_RANGE.max}` }),
      holidays: z.array(HolidaySchema, { error: '假期应为列表' }).max(30, { error: '假期最多 30 个' }),
      makeupWorkdays: z
        .array(z.string({ error: '日期应为 YYYY-MM-DD 格式的文字' }), { error: '调休上班日应为日期列表' })
        .max(30, { error: '调休上班日最多 30 天' }),
    },
    {
      error: (iss) =>
        iss.code === 'unrecognized_keys'
          ? `有不认识的字段 ${iss.keys.join('、')}（年度安排只能有 ${FIELD_NAMES}）`
          : `年度安排应为 JSON 对象，包含 ${FIELD_NAMES}`,
    },
  )
  .superRefine((schedule, ctx) => {
    for (const problem of scheduleProblems(schedule)) ctx.addIssue({ code: 'custom', ...problem });
  });

interface Problem {
  path: (string | number)[];
  message: string;
}

/** The year a dated entry of a notice belongs to: a December day of 元旦 belongs to the next year's notice. */
export function noticeYear(date: string, holidayName: string): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5, 7) === '12' && /元旦|新年|new year/i.test(holidayName) ? year + 1 : year;
}

function scheduleProblems(schedule: YearSchedule): Problem[] {
  const problems: Problem[] = [];
  const first = `${schedule.year - 1}-12-01`;
  const last = `${schedule.year}-12-31`;
  const seen = new Map<string, string>();
  const restDays = new Map<string, string>();
  const names = new Set<string>();
  const checkDate = (date: string, path: (string | number)[], owner: string): boolean => {
    if (!isIsoDate(date)) {
      problems.push({
        path,
        message: `“${date}”不是有效日期，应为 YYYY-MM-DD（例如 ${schedule.year}-10-01）`,
      });
      return false;
    }
    if (date < first || date > last) {
      problems.push({
        path,
        message: `${date} 不属于 ${schedule.year} 年度安排（只能是 ${schedule.year} 年内的日期，或上一年 12 月的元旦调休日）`,
      });
      return false;
    }
    const earlier = seen.get(date);
    if (earlier !== undefined) {
      problems.push({ path, message: `${date} 重复出现（已列在${earlier}中）` });
      return false;
    }
    seen.set(date, owner);
    return true;
  };
  schedule.holidays.forEach((holiday, i) => {
    if (names.has(holiday.name)) {
      problems.push({
        path: ['holidays', i, 'name'],
        message: `假期名称“${holiday.name}”重复，请把它的日期合并到同一项`,
      });
    }
    names.add(holiday.name);
    holiday.dates.forEach((date, j) => {
      if (checkDate(date, ['holidays', i, 'dates', j], `“${holiday.name}”的放假日期`)) {
        restDays.set(date, holiday.name);
      }
    });
  });
  schedule.makeupWorkdays.forEach((date, k) => {
    const path = ['makeupWorkdays', k];
    const rest = restDays.get(date);
    if (rest !== undefined) {
      problems.push({ path, message: `${date} 既列为“${rest}”的放假日又列为调休上班日，只能是其中一种` });
      return;
    }
    if (!checkDate(date, path, '调休上班日')) return;
    const w = weekdayOf(date);
    if (w !== 0 && w !== 6) {
      problems.push({
        path,
        message: `${date} 是${WEEKDAY_NAMES_ZH[w]}，本来就是工作日；调休上班日只能是因调休而上班的周六或周日`,
      });
    }
  });
  return problems;
}

/** A copy with names trimmed, dates sorted, holidays ordered by their first day. */
export function normalizeSchedule(schedule: YearSchedule): YearSchedule {
  return {
    year: schedule.year,
    holidays: schedule.holidays
      .map((h) => ({ name: h.name.trim(), dates: [...h.dates].sort() }))
      .sort((a, b) => (a.dates[0] ?? '').localeCompare(b.dates[0] ?? '')),
    makeupWorkdays: [...schedule.makeupWorkdays].sort(),
  };
}

function describePath(path: readonly PropertyKey[], input: unknown): string {
  const parts: string[] = [];
  const holidays = (input as { holidays?: unknown } | null)?.holidays;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (key === 'year') parts.push('年份');
    else if (key === 'makeupWorkdays') {
      parts.push(typeof next === 'number' ? `第 ${next + 1} 个调休上班日` : '调休上班日');
      if (typeof next === 'number') i++;
    } else if (key === 'holidays') {
      if (typeof next === 'number') {
        const name = Array.isArray(holidays)
          ? (holidays[next] as { name?: unknown } | undefined)?.name
          : undefined;
        parts.push(
          `第 ${next + 1} 个假期${typeof name === 'string' && name.trim() ? `（${name.trim()}）` : ''}`,
        );
        i++;
      } else parts.push('假期');
    } else if (key === 'name') parts.push('名称');
    else if (key === 'dates') {
      parts.push(typeof next === 'number' ? `第 ${next + 1} 个日期` : '日期');
      if (typeof next === 'number') i++;
    } else parts.push(String(key));
  }
  return parts.join('的');
}

/** Chinese messages, each naming where the problem is, for a failed `YearScheduleSchema` parse. */
export function describeScheduleIssues(error: z.ZodError, input: unknown): string[] {
  return error.issues.map((issue) => {
    const where = describePath(issue.path, input);
    return where ? `${where}：${issue.message}` : issue.message;
  });
}

/** Validates one year schedule (already parsed JSON) and returns it normalised, or the problems found. */
export function validateSchedule(input: unknown): ScheduleImport {
  const parsed = YearScheduleSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: describeScheduleIssues(parsed.error, input) };
  return { ok: true, schedules: [normalizeSchedule(parsed.data)], warnings: [] };
}

/**
 * Imports schedules from JSON text (or an already parsed value): one year schedule
 * `{ year, holidays: [{ name, dates }], makeupWorkdays }` or a list of them, each for a different year.
 */
export function parseScheduleJson(json: unknown): ScheduleImport {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json.replace(/^\uFEFF/, ''));
    } catch (e) {
      return {
        ok: false,
        errors: [`文件不是有效的 JSON（${(e as Error).message}），请检查括号、引号和逗号。`],
      };
    }
  }
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) return { ok: false, errors: ['没有任何年度安排：列表是空的。'] };
  const errors: string[] = [];
  const schedules: YearSchedule[] = [];
  const years = new Set<number>();
  items.forEach((item, index) => {
    const result = validateSchedule(item);
    const year = (item as { year?: unknown } | null)?.year;
    const prefix = Array.isArray(value)
      ? `第 ${index + 1} 个年度安排${typeof year === 'number' ? `（${year} 年）` : ''}：`
      : '';
    if (!result.ok) {
      errors.push(...result.errors.map((m) => prefix + m));
      return;
    }
    const schedule = result.schedules[0]!;
    if (years.has(schedule.year))
      errors.push(`${prefix}${schedule.year} 年出现了不止一次，每年只能有一份安排`);
    years.add(schedule.year);
    schedules.push(schedule);
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, schedules: schedules.sort((a, b) => a.year - b.year), warnings: [] };
}
