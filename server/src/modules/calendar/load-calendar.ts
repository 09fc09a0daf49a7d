import {
  builtInCalendar,
  type OfficialCalendar,
  type YearSchedule,
} from '../../../../shared/calendar/index.ts';
import type { Db } from '../../platform/db/schema.ts';
import { chinaDate } from '../../platform/jobs/china-time.ts';
import { type CalendarYearRow, listCalendarRevisions, listCalendarYears } from './calendar.repository.ts';

// The official calendar of a database: the built-in schedules (chinese-days, 2004–2026) with every
// stored year laid over them. An import stores a year with a fresh `revision`, so the list of
// (year, revision) pairs is a fingerprint of the calendar that no other database shares: every
// call reads that tiny list (one indexed scan of a table of a few rows) and reuses the calendar
// built for the same fingerprint. An import made by another app instance on the same PostgreSQL
// database is therefore seen by the very next call, with no time window.

/** How many distinct calendars (fingerprints) the process keeps; more only happens in tests. */
const MAX_CACHED = 16;
const cache = new Map<string, OfficialCalendar>();

/** The schedule stored in a `calendar_years` row. */
export function scheduleOfRow(row: Pick<CalendarYearRow, 'schedule_json'>): YearSchedule {
  return JSON.parse(row.schedule_json) as YearSchedule;
}

/** The built-in calendar with the stored years laid over it (a stored year replaces a built-in one). */
export function calendarFromRows(rows: readonly Pick<CalendarYearRow, 'schedule_json'>[]): OfficialCalendar {
  let calendar = builtInCalendar;
  for (const row of rows) calendar = calendar.withYear(scheduleOfRow(row));
  return calendar;
}

/**
 * The official calendar of this database: `builtInCalendar` plus every imported year (an imported
 * year replaces a built-in one; the import API only allows that with `replace: true`, ADR 0005).
 * Always current: cached by the fingerprint of the stored years, which is re-read on every call.
 */
export async function loadCalendar(db: Db): Promise<OfficialCalendar> {
  const revisions = await listCalendarRevisions(db);
  if (revisions.length === 0) return builtInCalendar;
  const key = revisions.map((r) => `${r.year}:${r.revision}`).join(',');
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const calendar = calendarFromRows(await listCalendarYears(db));
  cache.set(key, calendar);
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return calendar;
}

/** The China Standard Time year of an instant or of a `YYYY-MM-DD…` text (an ISO instant is read in China time). */
function chinaYear(from: Date | string): number {
  if (from instanceof Date) return Number(chinaDate(from).slice(0, 4));
  if (/^\d{4}-\d{2}-\d{2}$/.test(from)) return Number(from.slice(0, 4));
  const at = new Date(from);
  if (Number.isNaN(at.getTime())) throw new RangeError(`不是有效的日期或时间：${from}`);
  return Number(chinaDate(at).slice(0, 4));
}

/**
 * The years among the year of `from` (China time) and the following `years − 1` that have no
 * holiday schedule, ascending — deadlines in them rest on weekends alone and are flagged (ADR 0005).
 */
export function missingCalendarYears(calendar: OfficialCalendar, from: Date | string, years = 2): number[] {
  const first = chinaYear(from);
  const missing: number[] = [];
  for (let y = first; y < first + years; y++) if (!calendar.hasSchedule(y)) missing.push(y);
  return missing;
}

/** The Chinese warning for years without a schedule, for administrators and case pages (ADR 0005). */
export function missingYearsWarning(years: readonly number[]): string | undefined {
  if (years.length === 0) return undefined;
  return `${years.join('、')}年度节假日安排尚未录入，该年度的期限暂按周六、周日休息推算并已标注。国务院办公厅发布当年节假日安排通知后，请系统管理员在“节假日安排”中录入或导入。`;
}
