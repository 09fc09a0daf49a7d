import { sql } from 'kysely';
import type { Db } from '../../platform/db/schema.ts';
import type { Actor } from '../../platform/http/context.ts';
import { TERMINAL_STATUSES } from '../petitions/petition.ts';
import { visiblePetitionIds } from '../petitions/petitions.repository.ts';
import type { SupervisionNoticesTable, SupervisionSettingsTable } from './supervision.tables.ts';
import './supervision.tables.ts';
import '../petitions/petitions.tables.ts';

// All SQL of supervision. The sweeps read open cases by the indexed petitions.next_due (never the
// history) and open notices by (status, reply_due). Reads of notices apply the petitions'
// visibility in SQL (visiblePetitionIds), so an accusation never reaches the accused line.

/** A case the sweeps look at: its duty deadline, units and accusation facts. */
export interface DueCase {
  id: string;
  number: string;
  unit_id: string;
  handling_unit_id: string | null;
  handler_id: string | null;
  next_due: string;
  next_due_kind: string;
  accused_unit_id: string | null;
  accused_user_id: string | null;
  classification: string;
  deadline_label: string | null;
}

function dueCases(db: Db) {
  return db
    .selectFrom('petitions as p')
    .leftJoin('petition_deadlines as d', (j) =>
      j.onRef('d.petition_id', '=', 'p.id').onRef('d.kind', '=', 'p.next_due_kind'),
    )
    .select([
      'p.id',
      'p.number',
      'p.unit_id',
      'p.handling_unit_id',
      'p.handler_id',
      'p.next_due',
      'p.next_due_kind',
      'p.accused_unit_id',
      'p.accused_user_id',
      'p.classification',
      'd.label as deadline_label',
    ])
    .where('p.next_due', 'is not', null)
    .where('p.next_due_kind', 'is not', null)
    .where('p.status', 'not in', [...TERMINAL_STATUSES]);
}

/** Open cases whose next duty deadline falls in [from, to] (index on next_due). */
export async function listCasesDueBetween(db: Db, from: string, to: string): Promise<DueCase[]> {
  return (await dueCases(db)
    .where('p.next_due', '>=', from)
    .where('p.next_due', '<=', to)
    .orderBy('p.next_due')
    .orderBy('p.id')
    .execute()) as DueCase[];
}

/** Open cases whose next duty deadline is before `today` (index on next_due). */
export async function listOverdueCases(db: Db, today: string): Promise<DueCase[]> {
  return (await dueCases(db)
    .where('p.next_due', '<', today)
    .orderBy('p.next_due')
    .orderBy('p.id')
    .execute()) as DueCase[];
}

/** The unit rows by id: path and name. */
export async function unitsById(db: Db, ids: readonly string[]) {
  const rows = ids.length
    ? await db
        .selectFrom('units')
        .select(['id', 'path', 'name', 'parent_id'])
        .where('id', 'in', [...new Set(ids)])
        .execute()
    : [];
  return new Map(rows.map((r) => [r.id, r]));
}

/** The settings rows that may apply to a unit: its own, its ancestors' and the global '*'. */
export async function settingsForPath(db: Db, path: string): Promise<SupervisionSettingsTable[]> {
  const ids = [...path.split('/').filter(Boolean), '*'];
  return db.selectFrom('supervision_settings').selectAll().where('unit_id', 'in', ids).execute();
}

/** Inserts or replaces the settings of a unit (or '*'). */
export async function upsertSettings(db: Db, row: SupervisionSettingsTable): Promise<void> {
  await db
    .insertInto('supervision_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('unit_id').doUpdateSet({
        remind_days: row.remind_days,
        reply_working_days: row.reply_working_days,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** Active users of a unit with a role, in a stable order (oldest account first). */
export async function usersWithRole(
  db: Db,
  unitId: string,
  role: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.name'])
    .where('users.unit_id', '=', unitId)
    .where('user_roles.role', '=', role)
    .where('users.disabled', '=', 0)
    .orderBy('users.created_at')
    .orderBy('users.id')
    .execute();
}

/** The next notice number of an issuing unit in a year: an atomic increment (never reused). */
export async function nextNoticeNumber(db: Db, unitId: string, year: number): Promise<number> {
  const row = await db
    .insertInto('supervision_counters')
    .values({ unit_id: unitId, year, last: 1 })
    .onConflict((oc) =>
      oc.columns(['unit_id', 'year']).doUpdateSet({ last: sql<number>`supervision_counters.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

/** Inserts a notice unless its dedup key exists; returns whether it was inserted. */
export async function insertNotice(db: Db, row: SupervisionNoticesTable): Promise<boolean> {
  const r = await db
    .insertInto('supervision_notices')
    .values(row)
    .onConflict((oc) => oc.column('dedup_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Whether a notice with this dedup key exists. */
export async function noticeKeyExists(db: Db, dedupKey: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('supervision_notices')
      .select('id')
      .where('dedup_key', '=', dedupKey)
      .executeTakeFirst()) !== undefined
  );
}

/** Open notices whose reply is overdue (index on status, reply_due). */
export function listOverdueOpenNotices(db: Db, today: string) {
  return db
    .selectFrom('supervision_notices')
    .selectAll()
    .where('status', '=', 'open')
    .where('reply_due', '<', today)
    .orderBy('reply_due')
    .orderBy('id')
    .execute();
}

/** Moves a notice from one status to another if it is still in it; false when another transaction moved it first. */
export async function moveNotice(
  db: Db,
  id: string,
  from: readonly string[],
  patch: Partial<SupervisionNoticesTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('supervision_notices')
    .set(patch)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A notice with the names a reader needs. */
export type NoticeView = SupervisionNoticesTable & {
  petition_number: string;
  petition_title: string;
  responsible_unit_name: string;
  responsible_unit_path: string;
  issuing_unit_name: string;
  issuing_unit_path: string;
  issued_to_name: string | null;
};

type Actorish = Pick<Actor, 'userId' | 'unitPath' | 'roles'>;

function noticeViews(db: Db) {
  return db
    .selectFrom('supervision_notices as n')
    .innerJoin('petitions as p', 'p.id', 'n.petition_id')
    .innerJoin('units as ru', 'ru.id', 'n.responsible_unit_id')
    .innerJoin('units as iu', 'iu.id', 'n.issuing_unit_id')
    .leftJoin('users as l', 'l.id', 'n.issued_to')
    .selectAll('n')
    .select([
      'p.number as petition_number',
      'p.title as petition_title',
      'ru.name as responsible_unit_name',
      'ru.path as responsible_unit_path',
      'iu.name as issuing_unit_name',
      'iu.path as issuing_unit_path',
      'l.name as issued_to_name',
    ]);
}

/** Notices the actor may read: the case is visible to them (scope and confidentiality in SQL) and the notice is theirs or in their scope. */
function visibleNotices(db: Db, actor: Actorish) {
  const mine = `${actor.unitPath}%`;
  return noticeViews(db)
    .where('n.petition_id', 'in', visiblePetitionIds(db, actor))
    .where((eb) =>
      eb.or([eb('n.issued_to', '=', actor.userId), eb('ru.path', 'like', mine), eb('iu.path', 'like', mine)]),
    );
}

/** Filters of the notice list. */
export interface NoticeFilter {
  status?: string;
  level?: string;
  mine?: boolean;
  petitionId?: string;
  page: number;
  pageSize: number;
}

/** The notices the actor may read, open and overdue first, then newest. */
export async function listVisibleNotices(db: Db, actor: Actorish, f: NoticeFilter) {
  let q = visibleNotices(db, actor);
  if (f.status) q = q.where('n.status', '=', f.status);
  if (f.level) q = q.where('n.level', '=', f.level);
  if (f.mine) q = q.where('n.issued_to', '=', actor.userId);
  if (f.petitionId) q = q.where('n.petition_id', '=', f.petitionId);
  const rows = (await q
    .orderBy(sql`CASE WHEN n.status = 'open' THEN 0 WHEN n.status = 'replied' THEN 1 ELSE 2 END`)
    .orderBy('n.reply_due')
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute()) as NoticeView[];
  const total = Number(
    (
      await q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  return { rows, total };
}

/** One notice if the actor may read it, else undefined (404). */
export async function findVisibleNotice(
  db: Db,
  actor: Actorish,
  id: string,
): Promise<NoticeView | undefined> {
  return (await visibleNotices(db, actor).where('n.id', '=', id).executeTakeFirst()) as
    | NoticeView
    | undefined;
}

/** The steps of one matter's ladder in order. */
export async function listSteps(db: Db, rootId: string): Promise<NoticeView[]> {
  return (await noticeViews(db)
    .where('n.root_id', '=', rootId)
    .orderBy('n.step')
    .orderBy('n.created_at')
    .execute()) as NoticeView[];
}

/** A notice by id with its names, ignoring scope (sweeps and use cases after the read check). */
export async function findNoticeView(db: Db, id: string): Promise<NoticeView | undefined> {
  return (await noticeViews(db).where('n.id', '=', id).executeTakeFirst()) as NoticeView | undefined;
}
