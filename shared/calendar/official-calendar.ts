import { addCalendarDays, assertIsoDate, isWeekend, weekdayOf, yearOf } from './dates.ts';
import { normalizeSchedule, validateSchedule, type YearSchedule } from './schedule.ts';

/** Why a day is a rest day or a working day. */
export type DayReason = 'holiday' | 'makeup_workday' | 'weekend' | 'weekday';

/** What the official calendar says about one day. */
export interface DayInfo {
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  restDay: boolean;
  reason: DayReason;
  /** The holiday's name when `reason` is `holiday`. */
  holiday?: string;
  /** False when the day's year has no schedule: the answer then rests on weekends alone. */
  scheduled: boolean;
}

type Special = { kind: 'holiday'; name: string } | { kind: 'makeup_workday' };

/** Longest run of rest days the calendar expects; a longer search means corrupt data. */
const MAX_REST_RUN = 60;

/** Raised when a schedule given to the calendar is invalid; `problems` are Chinese messages. */
export class CalendarError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}

/**
 * The official calendar: weekends plus the State Council's holiday schedules with 调休. A year
 * without a schedule falls back to Saturday/Sunday rest days, and `hasSchedule` says so, so that
 * callers can flag anything computed in it. Immutable: `withYear` returns a new calendar.
 */
export class OfficialCalendar {
  private constructor(
    private readonly byYear: ReadonlyMap<number, YearSchedule>,
    private readonly special: ReadonlyMap<string, Special>,
  ) {}

  /** A calendar from trusted, already validated schedules (one per year; a later year's notice wins on a shared day). */
  static fromSchedules(schedules: readonly YearSchedule[]): OfficialCalendar {
    const byYear = new Map<number, YearSchedule>();
    for (const s of schedules) byYear.set(s.year, s);
    const special = new Map<string, Special>();
    for (const year of [...byYear.keys()].sort((a, b) => a - b)) {
      const s = byYear.get(year)!;
      for (const h of s.holidays) for (const d of h.dates) special.set(d, { kind: 'holiday', name: h.name });
      for (const d of s.makeupWorkdays) special.set(d, { kind: 'makeup_workday' });
    }
    return new OfficialCalendar(byYear, special);
  }

  /** An empty calendar: every Saturday and Sunday is a rest day and every year is unscheduled. */
  static weekendsOnly(): OfficialCalendar {
    return OfficialCalendar.fromSchedules([]);
  }

  /** Whether the holiday schedule of `year` is known. */
  hasSchedule(year: number): boolean {
    return this.byYear.has(year);
  }

  /** The years with a schedule, ascending. */
  years(): number[] {
    return [...this.byYear.keys()].sort((a, b) => a - b);
  }

  /** The schedule of `year`, if known. */
  schedule(year: number): YearSchedule | undefined {
    return this.byYear.get(year);
  }

  /** Every schedule, by year. */
  schedules(): YearSchedule[] {
    return this.years().map((y) => this.byYear.get(y)!);
  }

  /** The day's status: a listed holiday rests, a listed make-up workday works, otherwise weekends rest. */
  dayInfo(date: string): DayInfo {
    assertIsoDate(date);
    const weekday = weekdayOf(date);
    const scheduled = this.hasSchedule(yearOf(date));
    const special = this.special.get(date);
    if (special?.kind === 'holiday') {
      return { date, weekday, restDay: true, reason: 'holiday', holiday: special.name, scheduled };
    }
    if (special?.kind === 'makeup_workday') {
      return { date, weekday, restDay: false, reason: 'makeup_workday', scheduled };
    }
    const weekend = isWeekend(date);
    return { date, weekday, restDay: weekend, reason: weekend ? 'weekend' : 'weekday', scheduled };
  }

  /** A rest day is a holiday of the schedule, or a Saturday/Sunday that is not a make-up workday. */
  isRestDay(date: string): boolean {
    assertIsoDate(date);
    const special = this.special.get(date);
    if (special) return special.kind === 'holiday';
    return isWeekend(date);
  }

  /** A working day is any day that is not a rest day. */
  isWorkday(date: string): boolean {
    return !this.isRestDay(date);
  }

  /** `date` itself when it is a working day, otherwise the first working day after it. */
  nextWorkdayOnOrAfter(date: string): string {
    let day = date;
    for (let i = 0; i <= MAX_REST_RUN; i++) {
      if (this.isWorkday(day)) return day;
      day = addCalendarDays(day, 1);
    }
    throw new CalendarError(`${date} 之后连续 ${MAX_REST_RUN} 天都是休息日，节假日安排有误。`);
  }

  /** The `count`-th working day after `date` (`date` itself is not counted; 0 returns `date`). */
  addWorkdays(date: string, count: number): string {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`工作日数必须是非负整数：${count}`);
    let day = date;
    assertIsoDate(day);
    for (let left = count; left > 0; ) {
      day = this.nextWorkdayOnOrAfter(addCalendarDays(day, 1));
      left--;
    }
    return day;
  }

  /** A new calendar with `schedule` (validated) as the schedule of its year, replacing any earlier one. */
  withYear(schedule: YearSchedule): OfficialCalendar {
    const result = validateSchedule(schedule);
    if (!result.ok) {
      throw new CalendarError(
        `${schedule.year} 年的节假日安排有误：${result.errors.join('；')}`,
        result.errors,
      );
    }
    const byYear = new Map(this.byYear);
    byYear.set(schedule.year, normalizeSchedule(result.schedules[0]!));
    return OfficialCalendar.fromSchedules([...byYear.values()]);
  }
}

/** A new calendar equal to `calendar` with `schedule` as the schedule of its year (see `OfficialCalendar.withYear`). */
export function withYear(calendar: OfficialCalendar, schedule: YearSchedule): OfficialCalendar {
  return calendar.withYear(schedule);
}
