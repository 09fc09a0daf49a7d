import { sql } from 'kysely';
import type { Db } from '../../platform/db/schema.ts';

// All SQL of the calendar module: imported holiday schedules and per-unit deadline settings.

/** Where a stored year schedule came from. */
export type CalendarYearSource = 'import_json' | 'import_ics' | 'manual';

export interface CalendarYearsTable {
  year: number;
  /** The normalised `YearSchedule` as JSON. */
  schedule_json: string;
  source: CalendarYearSource;
  /** A fresh random id on every write, so that every app instance notices a change (cache key). */
  revision: string;
  imported_at: string;
  imported_by: string | null;
}

export interface UnitDeadlineSettingsTable {
  unit_id: string;
  simple_track: number;
  /** The unit's `RuleOverride[]` as JSON. */
  overrides_json: string;
  updated_at: string;
  updated_by: string | null;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    calendar_years: CalendarYearsTable;
    unit_deadline_settings: UnitDeadlineSettingsTable;
  }
}

export type CalendarYearRow = CalendarYearsTable;
export type UnitDeadlineSettingsRow = UnitDeadlineSettingsTable;

/** The year and revision of every stored schedule: a cheap fingerprint of the imported calendar. */
export function listCalendarRevisions(db: Db) {
  return db.selectFrom('calendar_years').select(['year', 'revision']).orderBy('year').execute();
}

/** Every stored year schedule, ascending by year. */
export function listCalendarYears(db: Db) {
  return db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
}

/** Every stored year schedule with the name of the administrator who stored it, ascending by year. */
export function listCalendarYearsWithImporter(db: Db) {
  return db
    .selectFrom('calendar_years')
    .leftJoin('users', 'users.id', 'calendar_years.imported_by')
    .selectAll('calendar_years')
    .select('users.name as imported_by_name')
    .orderBy('calendar_years.year')
    .execute();
}

/** One stored year schedule with the name of the administrator who stored it. */
export function findCalendarYearWithImporter(db: Db, year: number) {
  return db
    .selectFrom('calendar_years')
    .leftJoin('users', 'users.id', 'calendar_years.imported_by')
    .selectAll('calendar_years')
    .select('users.name as imported_by_name')
    .where('calendar_years.year', '=', year)
    .executeTakeFirst();
}

/** The stored schedule of one year, if any. */
export function findCalendarYear(db: Db, year: number) {
  return db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
}

/** Inserts or replaces the stored schedule of a year. */
export async function upsertCalendarYear(db: Db, row: CalendarYearRow): Promise<void> {
  await db
    .insertInto('calendar_years')
    .values(row)
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({
        schedule_json: row.schedule_json,
        source: row.source,
        revision: row.revision,
        imported_at: row.imported_at,
        imported_by: row.imported_by,
      }),
    )
    .execute();
}

/**
 * The deadline settings that apply to a unit: its own, else those of its nearest ancestor that has
 * some (one query over the materialised path), with the id of the unit they belong to.
 */
export function findEffectiveUnitSettings(db: Db, unitId: string) {
  return db
    .selectFrom('units as target')
    .innerJoin('units as owner', (j) => j.on(sql<boolean>`target.path like owner.path || '%'`))
    .innerJoin('unit_deadline_settings as s', 's.unit_id', 'owner.id')
    .select(['s.unit_id', 's.simple_track', 's.overrides_json', 's.updated_at', 's.updated_by'])
    .where('target.id', '=', unitId)
    .orderBy('owner.depth', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A unit's own deadline settings, if it has any. */
export function findUnitSettings(db: Db, unitId: string) {
  return db.selectFrom('unit_deadline_settings').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
}

/** Removes a unit's own deadline settings, so that it inherits again; whether there were any. */
export async function deleteUnitSettings(db: Db, unitId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('unit_deadline_settings')
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A unit's name by id (ancestors named in inherited settings may lie above the caller's scope). */
export async function unitName(db: Db, unitId: string): Promise<string | undefined> {
  const row = await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst();
  return row?.name;
}

/** Whether an audit entry of `action` about a subject was recorded at or after `since` (ISO). */
export async function hasAuditSince(
  db: Db,
  action: string,
  subject: { type: string; id: string },
  since: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('seq')
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('action', '=', action)
    .where('at', '>=', since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts or replaces a unit's own deadline settings. */
export async function upsertUnitSettings(db: Db, row: UnitDeadlineSettingsRow): Promise<void> {
  await db
    .insertInto('unit_deadline_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('unit_id').doUpdateSet({
        simple_track: row.simple_track,
        overrides_json: row.overrides_json,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}
