import { sql } from 'kysely';
import type { Db } from '../../platform/db/schema.ts';
import type { Actor } from '../../platform/http/context.ts';
import type {
  ReceptionAppointmentsTable,
  ReceptionSlotsTable,
  ReceptionsTable,
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

/** One page of the visits in the actor's subtree (optionally one unit, between two dates), newest first, with the total. */
export async function listReceptionsInScope(
  db: Db,
  actor: Pick<Actor, 'unitPath'>,
  filter: ListFilter,
): Promise<{ rows: ReceptionView[]; total: number }> {
  let q = receptionViews(db).where('u.path', 'like', `${actor.unitPath}%`);
  if (filter.unitId) q = q.where('r.unit_id', '=', filter.unitId);
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
