import { z } from 'zod';
import { SCHEDULE_YEAR_RANGE } from '../calendar/schedule.ts';
import { DAY_UNITS, DEADLINE_KINDS, RuleOverrideSchema, START_EVENTS, TRACKS } from '../deadlines/rules.ts';
import { DateString } from './common.ts';

// Wire shapes of the calendar module: the official calendar (years with their holiday schedules,
// import of later years, the day-by-day view) and each unit's deadline settings (ADR 0005).

/** Where a year's schedule comes from: the built-in table, or what an administrator imported or entered. */
export const CALENDAR_SOURCES = ['built_in', 'import_json', 'import_ics', 'manual'] as const;
export const CalendarSourceSchema = z.enum(CALENDAR_SOURCES);
export type CalendarSource = z.infer<typeof CalendarSourceSchema>;

const Year = z.coerce
  .number({ error: '年份应为数字，例如 2027' })
  .int({ error: '年份应为整数，例如 2027' })
  .min(SCHEDULE_YEAR_RANGE.min, { error: `年份不能早于 ${SCHEDULE_YEAR_RANGE.min}` })
  .max(SCHEDULE_YEAR_RANGE.max, { error: `年份不能晚于 ${SCHEDULE_YEAR_RANGE.max}` });

/** `{year}` in the path. */
export const CalendarYearParams = z.object({ year: Year });

/** One year of the calendar list. */
export const CalendarYearSummary = z.object({
  year: z.number().int(),
  source: CalendarSourceSchema,
  /** Number of holidays (假期) in the schedule. */
  holidays: z.number().int(),
  /** Number of rest days the holidays give (weekends inside them included). */
  restDays: z.number().int(),
  /** Number of make-up workdays (调休上班日). */
  makeupWorkdays: z.number().int(),
  /** True when an administrator's schedule replaced the built-in one of this year. */
  replacesBuiltIn: z.boolean(),
  importedAt: z.string().optional(),
  importedBy: z.string().optional(),
  importedByName: z.string().optional(),
});
export type CalendarYearSummary = z.infer<typeof CalendarYearSummary>;

export const CalendarYearListResponse = z.object({
  items: z.array(CalendarYearSummary),
  total: z.number().int(),
  /** Years among this year and next (China time) without a schedule: deadlines in them are flagged. */
  missing: z.array(z.number().int()),
  /** A Chinese warning for administrators and case pages when `missing` is not empty. */
  warning: z.string().optional(),
  abilities: z.object({
    /** Enter or import a year's schedule (sysadmin). */
    import: z.boolean(),
  }),
});
export type CalendarYearList = z.infer<typeof CalendarYearListResponse>;

const HolidayWire = z.object({ name: z.string(), dates: z.array(z.string()) });

/** A year's schedule as stored and served. */
export const CalendarYearResponse = z.object({
  year: z.number().int(),
  holidays: z.array(HolidayWire),
  makeupWorkdays: z.array(z.string()),
  source: CalendarSourceSchema,
  replacesBuiltIn: z.boolean(),
  importedAt: z.string().optional(),
  importedBy: z.string().optional(),
  importedByName: z.string().optional(),
});
export type CalendarYear = z.infer<typeof CalendarYearResponse>;

/**
 * The body of PUT /calendar/years/{year}: the schedule's structure only (400 naming the field);
 * the dates themselves are checked by `validateSchedule` (422 `invalid_schedule`, every problem in Chinese).
 */
export const PutCalendarYearBody = z.object({
  /** Optional; when given it must equal the year in the path. */
  year: z.number({ error: '年份应为数字，例如 2027' }).int({ error: '年份应为整数' }).optional(),
  holidays: z
    .array(
      z.object({
        name: z.string({ error: '假期名称应为文字' }).max(50, { error: '假期名称不能超过 50 个字' }),
        dates: z
          .array(z.string({ error: '日期应为 YYYY-MM-DD 格式的文字' }).max(20), { error: '日期应为列表' })
          .max(60, { error: '一个假期最多 60 天' }),
      }),
      { error: '假期（holidays）应为列表' },
    )
    .max(30, { error: '假期最多 30 个' }),
  makeupWorkdays: z
    .array(z.string({ error: '日期应为 YYYY-MM-DD 格式的文字' }).max(20), {
      error: '调休上班日（makeupWorkdays）应为日期列表',
    })
    .max(30, { error: '调休上班日最多 30 天' }),
});
export type PutCalendarYearInput = z.infer<typeof PutCalendarYearBody>;

/** `?replace=true` to replace the built-in schedule of the year. */
export const PutCalendarYearQuery = z.object({
  replace: z
    .enum(['true', 'false'], { error: 'replace 只能是 true 或 false' })
    .optional()
    .transform((v) => v === 'true'),
});

/** The body of POST /calendar/import: a JSON or .ics file's text, one or several years. */
export const ImportCalendarBody = z.object({
  format: z.enum(['json', 'ics'], { error: '格式（format）只能是 json 或 ics' }),
  content: z
    .string({ error: '文件内容（content）应为文字' })
    .min(1, { error: '文件内容（content）不能为空' })
    .max(512 * 1024, { error: '文件内容不能超过 512 KB' }),
  /** Replace the schedule of years already known (built in or imported); otherwise 409. */
  replace: z.boolean({ error: 'replace 应为 true 或 false' }).optional(),
});
export type ImportCalendarInput = z.infer<typeof ImportCalendarBody>;

export const ImportCalendarResponse = z.object({
  /** The years stored, ascending. */
  imported: z.array(z.number().int()),
  /** Chinese notes, e.g. which years replaced an earlier schedule. */
  warnings: z.array(z.string()),
});
export type ImportCalendarResult = z.infer<typeof ImportCalendarResponse>;

/** The most days GET /calendar/days answers at once. */
export const MAX_CALENDAR_DAYS = 400;

export const CalendarDaysQuery = z
  .object({ from: DateString, to: DateString })
  .refine((q) => q.from <= q.to, { error: '开始日期（from）不能晚于结束日期（to）', path: ['to'] })
  .refine(
    (q) =>
      (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000 < MAX_CALENDAR_DAYS,
    { error: `一次最多查询 ${MAX_CALENDAR_DAYS} 天，请缩短日期范围`, path: ['to'] },
  );

export const CalendarDay = z.object({
  date: z.string(),
  /** 0 = Sunday … 6 = Saturday. */
  weekday: z.number().int(),
  restDay: z.boolean(),
  reason: z.enum(['holiday', 'makeup_workday', 'weekend', 'weekday']),
  holiday: z.string().optional(),
  /** False when the year has no schedule and the day rests on weekends alone. */
  scheduled: z.boolean(),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const CalendarDaysResponse = z.object({
  items: z.array(CalendarDay),
  /** Years of the range without a schedule. */
  missing: z.array(z.number().int()),
});

// ---- Unit deadline settings ----

/** One rule in force for a unit, with what it changes and whether it applies. */
export const EffectiveRule = z.object({
  id: z.string(),
  kind: z.enum(DEADLINE_KINDS),
  startEvent: z.enum(START_EVENTS),
  count: z.number().int(),
  unit: z.enum(DAY_UNITS),
  rollPastRestDays: z.boolean(),
  article: z.string(),
  label: z.string(),
  track: z.enum(TRACKS),
  /** Whether the rule applies given `simpleTrack` (a simple rule replaces the standard one of its kind). */
  active: z.boolean(),
  /** Whether the settings in force change this rule from the default. */
  overridden: z.boolean(),
  /** The rule in Chinese, e.g. "自收到信访事项次日起15个自然日，…（信访工作条例第22、23条）". */
  text: z.string(),
});
export type EffectiveRule = z.infer<typeof EffectiveRule>;

const RuleOverrideWire = z.object({
  id: z.string(),
  count: z.number().int().optional(),
  unit: z.enum(DAY_UNITS).optional(),
  rollPastRestDays: z.boolean().optional(),
  article: z.string().optional(),
  label: z.string().optional(),
});

export const DeadlineSettingsResponse = z.object({
  unitId: z.string(),
  /** The ancestor whose settings apply when the unit has none of its own. */
  inheritedFrom: z.string().optional(),
  inheritedFromName: z.string().optional(),
  /** Whether the unit has settings of its own. */
  own: z.boolean(),
  simpleTrack: z.boolean(),
  /** The overrides in force (the unit's own or the inherited ones). */
  overrides: z.array(RuleOverrideWire),
  rules: z.array(EffectiveRule),
  updatedAt: z.string().optional(),
  abilities: z.object({ edit: z.boolean() }),
});
export type DeadlineSettings = z.infer<typeof DeadlineSettingsResponse>;

/**
 * The body of PUT /units/{id}/deadline-settings: each override's fields are checked here (400
 * naming the field); unknown or repeated rule ids by `parseRuleOverrides` (422 `invalid_deadline_rules`).
 */
export const PutDeadlineSettingsBody = z.object({
  simpleTrack: z.boolean({ error: '是否简易办理（simpleTrack）应为 true 或 false' }),
  overrides: z.array(RuleOverrideSchema, { error: '时限规则的修改（overrides）应为列表' }).max(50, {
    error: '时限规则的修改最多 50 条',
  }),
});
export type PutDeadlineSettingsInput = z.infer<typeof PutDeadlineSettingsBody>;
