/**
 * Plain `YYYY-MM-DD` dates with UTC-based day arithmetic. A date here is a day of the official
 * calendar, never an instant: nothing in this module reads the local time zone.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Weekday names in Chinese, indexed by `weekdayOf` (0 = Sunday). */
export const WEEKDAY_NAMES_ZH = [
  '星期日',
  '星期一',
  '星期二',
  '星期三',
  '星期四',
  '星期五',
  '星期六',
] as const;

/** A date or an argument that is not a real `YYYY-MM-DD` day. */
export class InvalidDateError extends RangeError {
  constructor(readonly value: unknown) {
    super(`“${String(value)}”不是有效日期，请使用 YYYY-MM-DD 格式（例如 2026-10-08）。`);
    this.name = 'InvalidDateError';
  }
}

/** True when `value` is a `YYYY-MM-DD` string naming a day that exists (2026-02-29 does not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** Throws `InvalidDateError` unless `value` is a real `YYYY-MM-DD` day. */
export function assertIsoDate(value: unknown): asserts value is string {
  if (!isIsoDate(value)) throw new InvalidDateError(value);
}

/** Days in a month of the proleptic Gregorian calendar (leap years: divisible by 4, not by 100 unless by 400). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Gregorian leap year rule. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days since 1970-01-01 (the UTC day number) of a valid `YYYY-MM-DD` date. */
export function toDayNumber(date: string): number {
  assertIsoDate(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(0).setUTCFullYear(y, m - 1, d) / MS_PER_DAY;
}

/** The `YYYY-MM-DD` date of a UTC day number (inverse of `toDayNumber`). */
export function fromDayNumber(day: number): string {
  if (!Number.isInteger(day)) throw new RangeError(`日序号必须是整数：${day}`);
  const t = new Date(day * MS_PER_DAY);
  const y = t.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError(`日期超出 0000–9999 年的范围：${day}`);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(y, 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

/** `date` plus `days` calendar days (negative goes back). */
export function addCalendarDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`天数必须是整数：${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** True on Saturdays and Sundays, the ordinary weekly rest days. */
export function isWeekend(date: string): boolean {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
}

/** The calendar year of a `YYYY-MM-DD` date. */
export function yearOf(date: string): number {
  assertIsoDate(date);
  return Number(date.slice(0, 4));
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Orders two valid dates: negative when `a` is earlier, 0 when equal, positive when later. */
export function compareDates(a: string, b: string): number {
  assertIsoDate(a);
  assertIsoDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}
