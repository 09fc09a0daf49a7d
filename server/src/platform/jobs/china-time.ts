// China Standard Time (Asia/Shanghai) is UTC+8 all year: China has observed no daylight saving
// time since 1991, so a fixed offset is exact for every date Huiyin handles.
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar day (`YYYY-MM-DD`) an instant falls on in China Standard Time. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The wall-clock time (`HH:MM`) of an instant in China Standard Time. */
export function chinaTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(11, 16);
}

/** The instant a China Standard Time wall-clock time (`YYYY-MM-DD`, `HH:MM`) names. */
export function chinaInstant(date: string, time = '00:00'): Date {
  return new Date(Date.parse(`${date}T${time}:00.000Z`) - OFFSET_MS);
}

/** The calendar day `days` after (or before, when negative) a `YYYY-MM-DD` day. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
