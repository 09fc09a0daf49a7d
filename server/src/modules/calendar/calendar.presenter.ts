import type { DayInfo, YearSchedule } from '../../../../shared/calendar/index.ts';
import type {
  CalendarDay,
  CalendarSource,
  CalendarYear,
  CalendarYearSummary,
  DeadlineSettings,
} from '../../../../shared/contracts/calendar.ts';
import { activeRules, describeRule } from '../../../../shared/deadlines/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { canEditDeadlineSettings } from './calendar.policy.ts';
import type { CalendarYearRow } from './calendar.repository.ts';
import type { EffectiveUnitSettings } from './load-unit-rules.ts';

type StoredYear = CalendarYearRow & { imported_by_name: string | null };

/** Counts that describe a schedule in a list and in the audit trail. */
export function scheduleCounts(schedule: YearSchedule) {
  return {
    holidays: schedule.holidays.length,
    restDays: schedule.holidays.reduce((n, h) => n + h.dates.length, 0),
    makeupWorkdays: schedule.makeupWorkdays.length,
  };
}

function provenance(stored: StoredYear | undefined, builtIn: boolean) {
  const source: CalendarSource = stored ? stored.source : 'built_in';
  return {
    source,
    replacesBuiltIn: stored !== undefined && builtIn,
    ...(stored
      ? {
          importedAt: stored.imported_at,
          ...(stored.imported_by ? { importedBy: stored.imported_by } : {}),
          ...(stored.imported_by_name ? { importedByName: stored.imported_by_name } : {}),
        }
      : {}),
  };
}

/** One year of the list: counts and where the schedule came from. */
export function presentYearSummary(
  schedule: YearSchedule,
  stored: StoredYear | undefined,
  builtIn: boolean,
): CalendarYearSummary {
  return { year: schedule.year, ...scheduleCounts(schedule), ...provenance(stored, builtIn) };
}

/** A year's schedule with where it came from. */
export function presentYear(
  schedule: YearSchedule,
  stored: StoredYear | undefined,
  builtIn: boolean,
): CalendarYear {
  return {
    year: schedule.year,
    holidays: schedule.holidays.map((h) => ({ name: h.name, dates: [...h.dates] })),
    makeupWorkdays: [...schedule.makeupWorkdays],
    ...provenance(stored, builtIn),
  };
}

/** One day of the calendar view. */
export function presentDay(info: DayInfo): CalendarDay {
  return {
    date: info.date,
    weekday: info.weekday,
    restDay: info.restDay,
    reason: info.reason,
    ...(info.holiday ? { holiday: info.holiday } : {}),
    scheduled: info.scheduled,
  };
}

/** A unit's deadline settings in force: every rule with whether it applies and its Chinese text. */
export function presentDeadlineSettings(
  actor: Actor,
  unitId: string,
  settings: EffectiveUnitSettings,
  extra: { inheritedFromName?: string } = {},
): DeadlineSettings {
  const { rules } = settings;
  const active = new Set(activeRules(rules, { simpleTrack: settings.simpleTrack }).map((r) => r.id));
  const overridden = new Set(settings.overrides.map((o) => o.id));
  return {
    unitId,
    ...(settings.inheritedFrom ? { inheritedFrom: settings.inheritedFrom } : {}),
    ...(settings.inheritedFrom && extra.inheritedFromName
      ? { inheritedFromName: extra.inheritedFromName }
      : {}),
    own: settings.settingsUnitId === unitId,
    simpleTrack: settings.simpleTrack,
    overrides: settings.overrides.map((o) => ({ ...o })),
    rules: rules.map((r) => ({
      ...r,
      active: active.has(r.id),
      overridden: overridden.has(r.id),
      text: describeRule(r),
    })),
    ...(settings.updatedAt ? { updatedAt: settings.updatedAt } : {}),
    abilities: { edit: canEditDeadlineSettings(actor) },
  };
}
