import { sql } from 'kysely';
import type { Db } from '../../platform/db/schema.ts';
import type { Actor } from '../../platform/http/context.ts';
import { visiblePetitionIds } from '../petitions/petitions.repository.ts';
import type {
  FieldVisitPromisesTable,
  FieldVisitsTable,
  PetitionJointUnitsTable,
  ReceptionAppointmentsTable,
  ReceptionRulesTable,
  ReceptionSlotsTable,
  ReceptionStaffTable,
  ReceptionsTable,
  ReceptionUnitsTable,
} from './receptions.tables.ts';
import './receptions.tables.ts';

// All SQL of receptions. Scope is applied in the query (unit path LIKE the actor's unit path), and
// a place in a slot is taken only by a guarded UPDATE so that a slot is never overbooked.

/** A slot with its unit and leader names, as the presenter takes it. */
export type SlotView = ReceptionSlotsTable & { unit_name: string; leader_name: string };

function slotViews(db: Db) {
  return db
    .selectFrom('reception_slots as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .innerJoin('users as l', 'l.id', 's.leader_id')
    .selectAll('s')
    .select(['u.name as unit_name', 'l.name as leader_name']);
}

/** An active (not disabled) user in the actor's subtree who holds the leader role, or undefined. */
export function findLeaderInScope(db: Db, actor: Pick<Actor, 'unitPath'>, id: string) {
  return db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.name'])
    .where('users.id', '=', id)
    .where('user_roles.role', '=', 'leader')
    .where('users.disabled', '=', 0)
    .where('units.path', 'like', `${actor.unitPath}%`)
    .executeTakeFirst();
}

/** Inserts a slot. */
export async function insertSlot(db: Db, row: ReceptionSlotsTable): Promise<void> {
  await db.insertInto('reception_slots').values(row).execute();
}

/** A slot by id if its unit is in the actor's subtree. */
export function findSlotInScope(
  db: Db,
  actor: Pick<Actor, 'unitPath'>,
  id: string,
): Promise<SlotView | undefined> {
  return slotViews(db)
    .where('s.id', '=', id)
    .where('u.path', 'like', `${actor.unitPath}%`)
    .executeTakeFirst();
}

/** A slot by id ignoring scope (public booking and the reminder job). */
export function findSlotById(db: Db, id: string): Promise<SlotView | undefined> {
  return slotViews(db).where('s.id', '=', id).executeTakeFirst();
}

/** A list filter of the staff lists with its page. */
export interface ListFilter {
  unitId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** One page of the slots in the actor's subtree (optionally one unit, between two dates) by date and start, with the total. */
export async function listSlotsInScope(
  db: Db,
  actor: Pick<Actor, 'unitPath'>,
  filter: ListFilter,
): Promise<{ rows: SlotView[]; total: number }> {
  let q = slotViews(db).where('u.path', 'like', `${actor.unitPath}%`);
  if (filter.unitId) q = q.where('s.unit_id', '=', filter.unitId);
  if (filter.from) q = q.where('s.date', '>=', filter.from);
  if (filter.to) q = q.where('s.date', '<=', filter.to);
  const count = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('s.date')
    .orderBy('s.start_time')
    .orderBy('s.id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { rows, total: Number(count.n) };
}

/** A unit's slots on or after a date (the portal's upcoming slots). */
export function listUpcomingSlots(db: Db, unitId: string, from: string): Promise<SlotView[]> {
  return slotViews(db)
    .where('s.unit_id', '=', unitId)
    .where('s.date', '>=', from)
    .orderBy('s.date')
    .orderBy('s.start_time')
    .orderBy('s.id')
    .execute();
}

/** Every slot on one date (the leaders' reminders). */
export function listSlotsOn(db: Db, date: string): Promise<SlotView[]> {
  return slotViews(db).where('s.date', '=', date).orderBy('s.start_time').orderBy('s.id').execute();
}

/**
 * Takes one place in a slot atomically: `booked = booked + 1` only while `booked < capacity`, in
 * one statement, so concurrent bookings can never exceed the capacity. True when a place was taken.
 */
export async function takePlace(db: Db, slotId: string): Promise<boolean> {
  const res = await db
    .updateTable('reception_slots')
    .set({ booked: sql`booked + 1` })
    .where('id', '=', slotId)
    .where(sql<boolean>`booked < capacity`)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Inserts an appointment. */
export async function insertAppointment(db: Db, row: ReceptionAppointmentsTable): Promise<void> {
  await db.insertInto('reception_appointments').values(row).execute();
}

/** A slot's appointments in booking order. */
export function listAppointments(db: Db, slotId: string) {
  return db
    .selectFrom('reception_appointments')
    .selectAll()
    .where('slot_id', '=', slotId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** A visit of the reception log with its unit and leader names. */
export type ReceptionView = ReceptionsTable & { unit_name: string; leader_name: string | null };

function receptionViews(db: Db) {
  return db
    .selectFrom('receptions as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .leftJoin('users as l', 'l.id', 'r.leader_id')
    .selectAll('r')
    .select(['u.name as unit_name', 'l.name as leader_name']);
}

/** Inserts a visit into the reception log. */
export async function insertReception(db: Db, row: ReceptionsTable): Promise<void> {
  await db.insertInto('receptions').values(row).execute();
}

/** A visit by id (after insert). */
export function findReceptionById(db: Db, id: string): Promise<ReceptionView | undefined> {
  return receptionViews(db).where('r.id', '=', id).executeTakeFirst();
}

/** The reception log's filter: unit, receiving leader, dates, page. */
export interface ReceptionFilter extends ListFilter {
  leaderId?: string;
}

/**
 * One page of the visits the actor may see, newest first, with the total: the visit's unit (or a
 * unit taking part in it) lies in the actor's subtree, and a visit tied to a case only when the
 * actor may see that case (so an accusation never reaches the accused's line through the log).
 */
export async function listReceptionsInScope(
  db: Db,
  actor: Pick<Actor, 'unitPath' | 'userId' | 'roles'>,
  filter: ReceptionFilter,
): Promise<{ rows: ReceptionView[]; total: number }> {
  const mine = `${actor.unitPath}%`;
  let q = receptionViews(db)
    .where((eb) =>
      eb.or([
        eb('u.path', 'like', mine),
        eb.exists(
          eb
            .selectFrom('reception_units as ru')
            .innerJoin('units as ju', 'ju.id', 'ru.unit_id')
            .select('ru.unit_id')
            .whereRef('ru.reception_id', '=', 'r.id')
            .where('ju.path', 'like', mine),
        ),
      ]),
    )
    .where((eb) =>
      eb.or([eb('r.petition_id', 'is', null), eb('r.petition_id', 'in', visiblePetitionIds(db, actor))]),
    );
  if (filter.unitId) q = q.where('r.unit_id', '=', filter.unitId);
  if (filter.leaderId) q = q.where('r.leader_id', '=', filter.leaderId);
  if (filter.from) q = q.where('r.on_date', '>=', filter.from);
  if (filter.to) q = q.where('r.on_date', '<=', filter.to);
  const count = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('r.on_date', 'desc')
    .orderBy('r.recorded_at', 'desc')
    .orderBy('r.id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { rows, total: Number(count.n) };
}

/** Inserts the units of a joint reception. */
export async function insertReceptionUnits(db: Db, rows: readonly ReceptionUnitsTable[]): Promise<void> {
  if (rows.length)
    await db
      .insertInto('reception_units')
      .values([...rows])
      .execute();
}

/** Inserts the staff present at a visit. */
export async function insertReceptionStaff(db: Db, rows: readonly ReceptionStaffTable[]): Promise<void> {
  if (rows.length)
    await db
      .insertInto('reception_staff')
      .values([...rows])
      .execute();
}

/** The staff present at some visits, with their names, in name order. */
export function listReceptionStaff(db: Db, receptionIds: readonly string[]) {
  if (!receptionIds.length) return Promise.resolve([]);
  return db
    .selectFrom('reception_staff as s')
    .innerJoin('users as p', 'p.id', 's.user_id')
    .select(['s.reception_id', 's.user_id', 's.unit_id', 'p.name'])
    .where('s.reception_id', 'in', receptionIds)
    .orderBy('p.name')
    .execute();
}

/** The units of some visits (joint receptions), lead first. */
export function listReceptionUnits(db: Db, receptionIds: readonly string[]) {
  if (!receptionIds.length) return Promise.resolve([]);
  return db
    .selectFrom('reception_units as ru')
    .innerJoin('units as u', 'u.id', 'ru.unit_id')
    .select(['ru.reception_id', 'ru.unit_id', 'ru.role', 'u.name as unit_name'])
    .where('ru.reception_id', 'in', receptionIds)
    .orderBy('ru.role', 'desc')
    .orderBy('u.name')
    .execute();
}

/** Names of some users by id. */
export async function userNamesById(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Active users by id with their unit's path (to check that staff belong where they are listed). */
export function findActiveUsers(db: Db, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.name', 'users.unit_id', 'units.path as unit_path'])
    .where('users.id', 'in', ids)
    .where('users.disabled', '=', 0)
    .execute();
}

/** The rules set on any of these units (the unit and its ancestors). */
export function listRulesOf(db: Db, unitIds: readonly string[]) {
  if (!unitIds.length) return Promise.resolve([]);
  return db
    .selectFrom('reception_rules as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .selectAll('r')
    .select('u.name as unit_name')
    .where('r.unit_id', 'in', unitIds)
    .execute();
}

/** Sets a unit's own rules (insert or replace). */
export async function saveRules(db: Db, row: ReceptionRulesTable): Promise<void> {
  const res = await db
    .updateTable('reception_rules')
    .set({
      principal_from: row.principal_from,
      deputy_from: row.deputy_from,
      updated_by: row.updated_by,
      updated_at: row.updated_at,
    })
    .where('unit_id', '=', row.unit_id)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) await db.insertInto('reception_rules').values(row).execute();
}

/**
 * The active members holding a position (head 组长 / deputy 副组长) in the leadership groups of these
 * units, standing groups (no campaign) before campaign groups, oldest group first.
 */
export function listGroupLeaders(db: Db, unitIds: readonly string[], position: string) {
  if (!unitIds.length) return Promise.resolve([]);
  return db
    .selectFrom('leadership_group_members as m')
    .innerJoin('leadership_groups as g', 'g.id', 'm.group_id')
    .innerJoin('users as p', 'p.id', 'm.user_id')
    .select(['g.unit_id', 'p.id as user_id', 'p.name', 'g.campaign', 'g.created_at'])
    .where('g.unit_id', 'in', unitIds)
    .where('m.position', '=', position)
    .where('p.disabled', '=', 0)
    .orderBy('g.created_at')
    .orderBy('g.id')
    .orderBy('p.name')
    .execute();
}

/** An appointment with its slot, if the slot's unit is in the actor's subtree. */
export function findAppointmentInScope(db: Db, actor: Pick<Actor, 'unitPath'>, id: string) {
  return db
    .selectFrom('reception_appointments as a')
    .innerJoin('reception_slots as s', 's.id', 'a.slot_id')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .selectAll('a')
    .select(['s.unit_id', 's.leader_id', 's.date as slot_date'])
    .where('a.id', '=', id)
    .where('u.path', 'like', `${actor.unitPath}%`)
    .executeTakeFirst();
}

/** Moves a booked appointment to attended or no_show; false when it was no longer booked. */
export async function closeAppointment(
  db: Db,
  id: string,
  change: { status: 'attended' | 'no_show'; at: string; receptionId: string | null },
): Promise<boolean> {
  const res = await db
    .updateTable('reception_appointments')
    .set({ status: change.status, status_at: change.at, reception_id: change.receptionId })
    .where('id', '=', id)
    .where('status', '=', 'booked')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** An appointment by id. */
export function findAppointmentById(db: Db, id: string) {
  return db.selectFrom('reception_appointments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Inserts a field visit with its visitors and promises. */
export async function insertFieldVisit(
  db: Db,
  visit: FieldVisitsTable,
  visitorIds: readonly string[],
  promises: readonly FieldVisitPromisesTable[],
): Promise<void> {
  await db.insertInto('field_visits').values(visit).execute();
  await db
    .insertInto('field_visit_visitors')
    .values(visitorIds.map((user_id) => ({ visit_id: visit.id, user_id })))
    .execute();
  if (promises.length)
    await db
      .insertInto('field_visit_promises')
      .values([...promises])
      .execute();
}

/** A case's field visits with the recorder's name, newest first. */
export function listFieldVisits(db: Db, petitionId: string) {
  return db
    .selectFrom('field_visits as v')
    .innerJoin('users as p', 'p.id', 'v.recorded_by')
    .selectAll('v')
    .select('p.name as recorded_by_name')
    .where('v.petition_id', '=', petitionId)
    .orderBy('v.on_date', 'desc')
    .orderBy('v.recorded_at', 'desc')
    .execute();
}

/** The visitors of some field visits with their names. */
export function listFieldVisitors(db: Db, visitIds: readonly string[]) {
  if (!visitIds.length) return Promise.resolve([]);
  return db
    .selectFrom('field_visit_visitors as fv')
    .innerJoin('users as p', 'p.id', 'fv.user_id')
    .select(['fv.visit_id', 'fv.user_id', 'p.name'])
    .where('fv.visit_id', 'in', visitIds)
    .orderBy('p.name')
    .execute();
}

/** A case's promises by due date (then the visit's order). */
export function listPromises(db: Db, petitionId: string): Promise<FieldVisitPromisesTable[]> {
  return db
    .selectFrom('field_visit_promises')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .orderBy('due_on')
    .orderBy('visit_id')
    .orderBy('sort_order')
    .execute();
}

/** A promise of a case. */
export function findPromise(db: Db, petitionId: string, id: string) {
  return db
    .selectFrom('field_visit_promises')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Marks a promise done unless it already is; false when it was. */
export async function markPromiseDone(db: Db, id: string, on: string, by: string): Promise<boolean> {
  const res = await db
    .updateTable('field_visit_promises')
    .set({ done_on: on, done_by: by })
    .where('id', '=', id)
    .where('done_on', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Adds units to a case's lead and co-units; a unit already there keeps its first role. */
export async function addJointUnits(db: Db, rows: readonly PetitionJointUnitsTable[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const existing = await db
    .selectFrom('petition_joint_units')
    .select(['unit_id', 'role'])
    .where('petition_id', '=', first.petition_id)
    .execute();
  const have = new Set(existing.map((e) => e.unit_id));
  const hasLead = existing.some((e) => e.role === 'lead');
  const fresh = rows
    .filter((r) => !have.has(r.unit_id))
    .map((r) => (r.role === 'lead' && hasLead ? { ...r, role: 'co' } : r));
  if (fresh.length) await db.insertInto('petition_joint_units').values(fresh).execute();
}

/** A case's lead and co-units with their names, lead first. */
export function listJointUnits(db: Db, petitionId: string) {
  return db
    .selectFrom('petition_joint_units as j')
    .innerJoin('units as u', 'u.id', 'j.unit_id')
    .select(['j.unit_id', 'j.role', 'j.reception_id', 'u.name as unit_name'])
    .where('j.petition_id', '=', petitionId)
    .orderBy('j.role', 'desc')
    .orderBy('j.created_at')
    .orderBy('u.name')
    .execute();
}

/** Whether an audit entry of an action already exists for a subject (the reminder's once-only guard). */
export async function hasAudit(
  db: Db,
  action: string,
  subjectType: string,
  subjectId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('seq')
    .where('action', '=', action)
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  return row !== undefined;
}
