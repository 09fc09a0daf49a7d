import type { Db } from '../../platform/db/schema.ts';
import type { Actor, Role } from '../../platform/http/context.ts';
import { visiblePetitionIds } from '../petitions/petitions.repository.ts';
import type {
  OwnershipHandoversTable,
  OwnershipMeasuresTable,
  OwnershipProgressTable,
  OwnershipsTable,
} from './ownership.tables.ts';

// All SQL of the ownership module (领导包案). Reads of a case's ownership happen only after the
// case itself was found visible (findVisiblePetition); the board joins the visibility subquery of
// the petitions module, so an accusation never reaches the accused unit's line there either.

type Actorish = Pick<Actor, 'userId' | 'unitPath' | 'roles'>;

/**
 * The leader who owns a case (包案领导; still that leader after the outcome is recorded), or undefined:
 * used by the receptions group-visit rule ("a case with an owning leader → that leader", domain.md).
 */
export async function findOwningLeader(
  db: Db,
  petitionId: string,
): Promise<{ userId: string; name: string } | undefined> {
  const row = await db
    .selectFrom('ownerships as o')
    .innerJoin('users as l', 'l.id', 'o.leader_id')
    .select(['l.id as userId', 'l.name as name'])
    .where('o.petition_id', '=', petitionId)
    .executeTakeFirst();
  return row ? { userId: row.userId, name: row.name } : undefined;
}

/** An ownership with the names and unit of its leader and of whoever recorded the outcome. */
export type OwnershipView = OwnershipsTable & {
  leader_name: string;
  leader_unit_name: string;
  leader_unit_path: string;
  outcome_by_name: string | null;
};

/** The ownership of a case, or undefined when nobody has taken it. */
export function findOwnership(db: Db, petitionId: string): Promise<OwnershipView | undefined> {
  return db
    .selectFrom('ownerships as o')
    .innerJoin('users as l', 'l.id', 'o.leader_id')
    .innerJoin('units as lu', 'lu.id', 'l.unit_id')
    .leftJoin('users as ob', 'ob.id', 'o.outcome_by')
    .selectAll('o')
    .select([
      'l.name as leader_name',
      'lu.name as leader_unit_name',
      'lu.path as leader_unit_path',
      'ob.name as outcome_by_name',
    ])
    .where('o.petition_id', '=', petitionId)
    .executeTakeFirst();
}

/** The measures of a case plan in their order, with the assignee's name. */
export function listMeasures(db: Db, petitionId: string) {
  return db
    .selectFrom('ownership_measures as m')
    .innerJoin('users as a', 'a.id', 'm.assignee_id')
    .selectAll('m')
    .select('a.name as assignee_name')
    .where('m.petition_id', '=', petitionId)
    .orderBy('m.sort_order')
    .execute();
}

/** The progress entries of a case, newest first, with the author's name. */
export function listProgress(db: Db, petitionId: string) {
  return db
    .selectFrom('ownership_progress as p')
    .innerJoin('users as a', 'a.id', 'p.author_id')
    .selectAll('p')
    .select('a.name as author_name')
    .where('p.petition_id', '=', petitionId)
    .orderBy('p.on_date', 'desc')
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id')
    .execute();
}

/** The handovers of a case, oldest first, with the names of both leaders and of who made it. */
export function listHandovers(db: Db, petitionId: string) {
  return db
    .selectFrom('ownership_handovers as h')
    .innerJoin('users as f', 'f.id', 'h.from_leader_id')
    .innerJoin('users as t', 't.id', 'h.to_leader_id')
    .innerJoin('users as b', 'b.id', 'h.by_user_id')
    .selectAll('h')
    .select(['f.name as from_name', 't.name as to_name', 'b.name as by_name'])
    .where('h.petition_id', '=', petitionId)
    .orderBy('h.at')
    .orderBy('h.id')
    .execute();
}

/** Inserts a new ownership (the primary key on the case keeps one owner per case). */
export async function insertOwnership(db: Db, row: OwnershipsTable): Promise<void> {
  await db.insertInto('ownerships').values(row).execute();
}

/**
 * Applies a change to an ownership if it is still at the version that was read, bumping the
 * version; false when another transaction changed it first (the caller answers 409).
 */
export async function updateOwnership(
  db: Db,
  petitionId: string,
  version: number,
  patch: Partial<Omit<OwnershipsTable, 'petition_id' | 'version'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('ownerships')
    .set({ ...patch, version: version + 1 })
    .where('petition_id', '=', petitionId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Replaces the measures of a plan with the given list. */
export async function replaceMeasures(
  db: Db,
  petitionId: string,
  rows: readonly OwnershipMeasuresTable[],
): Promise<void> {
  await db.deleteFrom('ownership_measures').where('petition_id', '=', petitionId).execute();
  if (rows.length)
    await db
      .insertInto('ownership_measures')
      .values([...rows])
      .execute();
}

/** Appends a progress entry and moves the case's latest progress date forward (never back). */
export async function insertProgress(db: Db, row: OwnershipProgressTable): Promise<void> {
  await db.insertInto('ownership_progress').values(row).execute();
  await db
    .updateTable('ownerships')
    .set({ last_progress_on: row.on_date, updated_at: row.created_at })
    .where('petition_id', '=', row.petition_id)
    .where((eb) => eb.or([eb('last_progress_on', 'is', null), eb('last_progress_on', '<', row.on_date)]))
    .execute();
}

/** Records a handover. */
export async function insertHandover(db: Db, row: OwnershipHandoversTable): Promise<void> {
  await db.insertInto('ownership_handovers').values(row).execute();
}

/** A user with their unit and roles, ignoring scope (the caller checks scope), or undefined. */
export async function findPerson(db: Db, id: string) {
  const user = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select([
      'users.id',
      'users.name',
      'users.disabled',
      'units.path as unit_path',
      'units.name as unit_name',
    ])
    .where('users.id', '=', id)
    .executeTakeFirst();
  if (!user) return undefined;
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', id).execute();
  return { ...user, roles: roles.map((r) => r.role as Role) };
}

/** Active users of the actor's subtree holding one of the roles, by unit depth and name (at most 300). */
export function listPeopleInScope(db: Db, actor: Pick<Actor, 'unitPath'>, roles: readonly Role[]) {
  return db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.name', 'units.name as unit_name', 'units.path as unit_path'])
    .where('units.path', 'like', `${actor.unitPath}%`)
    .where('users.disabled', '=', 0)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles')
          .select('user_roles.user_id')
          .whereRef('user_roles.user_id', '=', 'users.id')
          .where('user_roles.role', 'in', [...roles]),
      ),
    )
    .orderBy('units.depth')
    .orderBy('units.name')
    .orderBy('users.name')
    .limit(300)
    .execute();
}

/** One row of a leader's board before the stale rule. */
export interface BoardRow {
  petition_id: string;
  number: string;
  title: string;
  status: string;
  taken_on: string;
  next_contact_on: string | null;
  last_progress_on: string | null;
  open_measures: number;
  overdue_measures: number;
}

/**
 * The open ownerships of a leader among the cases the actor may see, with counts of open and
 * overdue measures: reads (leader_id, open = 1) by its index, checks visibility per owned case
 * (a correlated lookup by primary key) and counts the measures of those cases only, so its cost
 * follows the leader's open cases, never the history.
 */
export async function listBoard(
  db: Db,
  actor: Actorish,
  leaderId: string,
  today: string,
): Promise<BoardRow[]> {
  const rows = await db
    .selectFrom('ownerships as o')
    .innerJoin('petitions as p', 'p.id', 'o.petition_id')
    .select([
      'o.petition_id',
      'p.number',
      'p.title',
      'p.status',
      'o.taken_on',
      'o.next_contact_on',
      'o.last_progress_on',
    ])
    .where('o.leader_id', '=', leaderId)
    .where('o.open', '=', 1)
    .where((eb) =>
      eb.exists(visiblePetitionIds(db, actor).where('petitions.id', '=', eb.ref('o.petition_id'))),
    )
    .orderBy('o.taken_on')
    .orderBy('p.number')
    .execute();
  if (!rows.length) return [];
  const counts = await db
    .selectFrom('ownership_measures as m')
    .select((eb) => [
      'm.petition_id',
      eb.fn.countAll<number>().as('open_measures'),
      eb.fn.sum<number>(eb.case().when('m.due_on', '<', today).then(1).else(0).end()).as('overdue_measures'),
    ])
    .where(
      'm.petition_id',
      'in',
      rows.map((r) => r.petition_id),
    )
    .where('m.done', '=', 0)
    .groupBy('m.petition_id')
    .execute();
  const byId = new Map(counts.map((c) => [c.petition_id, c]));
  return rows.map((r) => {
    const c = byId.get(r.petition_id);
    return {
      ...r,
      open_measures: Number(c?.open_measures ?? 0),
      overdue_measures: Number(c?.overdue_measures ?? 0),
    };
  });
}
