import { type ExpressionBuilder, sql } from 'kysely';
import { hasRole } from '../../platform/authz/authorize.ts';
import type { Database, Db } from '../../platform/db/schema.ts';
import type { Actor } from '../../platform/http/context.ts';
import {
  countWithIndexes,
  matchingPetitionIds,
  type PreparedSearch,
  prepareSearch,
  searchCondition,
  walksCases,
} from '../../platform/search/search-index.ts';
import type { PetitionStatus } from './petition.ts';
import { canReadPetitions } from './petitions.policy.ts';
import type {
  PetitionCategoriesTable,
  PetitionDeadlinesTable,
  PetitionEventsTable,
  PetitionersTable,
  PetitionsTable,
} from './petitions.tables.ts';

// All SQL of the petitions module. Scope and confidentiality are applied IN the query, the same
// way for reading one case, the list, its total, search and every candidate list (petitions.md):
// a case is visible when its unit (or its handling unit, or its sender during a transfer or an
// objection) lies in the actor's subtree, or the actor handles it — and never, for an
// accusation, to a user inside the accused unit's subtree or to the accused person.

export type PetitionRow = PetitionsTable;

/** A case with the paths of the units that decide who sees it and the name of its category. */
export type PetitionView = PetitionsTable & {
  unit_path: string;
  unit_name: string;
  sender_unit_path: string | null;
  handling_unit_path: string | null;
  accused_unit_path: string | null;
  category_name: string;
};

type Actorish = Pick<Actor, 'userId' | 'unitPath' | 'roles'>;
type Eb = ExpressionBuilder<
  Database & { u: Database['units']; hu: Database['units']; su: Database['units']; au: Database['units'] },
  'petitions' | 'u' | 'hu' | 'su' | 'au'
>;

/** The visibility rule of a case for an actor, as one SQL condition over petitions p and units u, hu, su, au. */
function visibleTo(actor: Actorish) {
  const mine = `${actor.unitPath}%`;
  return (eb: Eb) =>
    eb.and([
      eb.or([
        eb('u.path', 'like', mine),
        eb('hu.path', 'like', mine),
        eb.and([eb('petitions.status', 'in', ['transferred', 'objected']), eb('su.path', 'like', mine)]),
        eb('petitions.handler_id', '=', actor.userId),
        eb.exists(
          eb
            .selectFrom('petition_co_handlers as ch')
            .select('ch.user_id')
            .whereRef('ch.petition_id', '=', 'petitions.id')
            .where('ch.user_id', '=', actor.userId),
        ),
      ]),
      eb.or([
        eb('petitions.classification', '!=', 'accusation'),
        eb.and([
          eb.or([
            eb('petitions.accused_unit_id', 'is', null),
            sql<boolean>`NOT (${actor.unitPath} LIKE (${eb.ref('au.path')} || '%'))`,
          ]),
          eb.or([
            eb('petitions.accused_user_id', 'is', null),
            eb('petitions.accused_user_id', '!=', actor.userId),
          ]),
        ]),
      ]),
    ]);
}

/** petitions with the units that visibility looks at, before any condition. */
function petitionsWithUnits(db: Db) {
  return db
    .selectFrom('petitions')
    .innerJoin('units as u', 'u.id', 'petitions.unit_id')
    .leftJoin('units as hu', 'hu.id', 'petitions.handling_unit_id')
    .leftJoin('units as su', 'su.id', 'petitions.sender_unit_id')
    .leftJoin('units as au', 'au.id', 'petitions.accused_unit_id');
}

/** petitions with their unit paths and category name, as `PetitionView`. */
function petitionViews(db: Db) {
  return petitionsWithUnits(db)
    .innerJoin('petition_categories as c', 'c.id', 'petitions.category_id')
    .selectAll('petitions')
    .select([
      'u.path as unit_path',
      'u.name as unit_name',
      'su.path as sender_unit_path',
      'hu.path as handling_unit_path',
      'au.path as accused_unit_path',
      'c.name as category_name',
    ]);
}

/** A case if the actor may see it (role, scope and confidentiality, all in SQL), else undefined (404). */
export async function findVisiblePetition(
  db: Db,
  actor: Actorish,
  id: string,
): Promise<PetitionView | undefined> {
  if (!canReadPetitions(actor)) return undefined;
  return petitionViews(db).where('petitions.id', '=', id).where(visibleTo(actor)).executeTakeFirst();
}

/**
 * The ids of the cases the actor may see (role, scope and confidentiality as for one case), as a
 * subquery for other modules' lists keyed by case (e.g. the portal's return visits).
 */
export function visiblePetitionIds(db: Db, actor: Actorish) {
  const q = petitionsWithUnits(db).select('petitions.id').where(visibleTo(actor));
  return canReadPetitions(actor) ? q : q.where(sql<boolean>`1 = 0`);
}

/** A case by id ignoring scope: only for the petitioner's own requests through the portal (by query code). */
export function findPetitionViewById(db: Db, id: string): Promise<PetitionView | undefined> {
  return petitionViews(db).where('petitions.id', '=', id).executeTakeFirst();
}

/** Conditions of the case list and the ledger export; `unitPath` narrows to a unit's subtree (already checked to be in scope). */
export interface PetitionFilter {
  q?: string;
  status?: PetitionStatus;
  unitPath?: string;
  classification?: string;
  /** Only cases the actor handles (lead or co-handler). */
  mine: boolean;
  overdue: boolean;
  /** Today in China (YYYY-MM-DD), the reference of `overdue` and `dueSoon`. */
  today: string;
  /** Only cases that still need the office (`work_open`, migration 2026-11-29T16-00-00-worklist). */
  open?: boolean;
  /** Only cases whose next duty deadline lies from today to this day (inclusive). */
  dueBy?: string;
  /** Only cases nobody handles yet. */
  unassigned?: boolean;
}

/** Where a keyset page starts: after the row with this sort key and id (see worklist/cursor.ts). */
export interface ListPosition {
  key: string;
  id: string;
}

/**
 * Order and page of the case list: `after` (keyset) wins over `page` (offset); `count: false`
 * skips the total, which costs O(matching cases) where a keyset page costs O(page).
 */
export interface PetitionListOptions extends PetitionFilter {
  sort: 'receivedOn' | 'nextDue';
  page: number;
  pageSize: number;
  after?: ListPosition;
  count?: boolean;
}

/** The key nextDue sorts on: the earliest duty deadline, cases without one last (same expression as the index). */
const DUE_KEY = sql<string>`coalesce(petitions.next_due, '9999-12-31')`;

export type PetitionListRow = Pick<
  PetitionsTable,
  | 'id'
  | 'number'
  | 'title'
  | 'unit_id'
  | 'channel'
  | 'classification'
  | 'status'
  | 'received_on'
  | 'next_due'
  | 'next_due_kind'
  | 'calendar_warning'
> & { unit_name: string; category_name: string; handler_name: string | null };

/** A prepared search (`prepareSearch`) and whether the list order walks the cases (`walksCases`). */
export interface SearchPlan {
  search: PreparedSearch;
  walk: boolean;
}

/**
 * The cases the actor may see (role, scope and confidentiality, as for one case) that match the
 * filter, as a query over `petitions` joined with units u (its unit), hu, su and au, with nothing
 * selected yet: the list, its total, counters and the ledger export add columns, order and limit.
 * `plan` shapes the search condition for the list (same cases either way); without it the matches drive.
 */
export function visiblePetitionQuery(db: Db, actor: Actorish, f: PetitionFilter, plan?: SearchPlan) {
  let q = petitionsWithUnits(db).where(visibleTo(actor));
  if (!canReadPetitions(actor)) q = q.where(sql<boolean>`1 = 0`);
  if (f.status) q = q.where('petitions.status', '=', f.status);
  if (f.classification) q = q.where('petitions.classification', '=', f.classification);
  if (f.unitPath) q = q.where('u.path', 'like', `${f.unitPath}%`);
  if (f.overdue) q = q.where('petitions.next_due', '<', f.today);
  if (f.open) q = q.where(sql.ref('petitions.work_open'), '=', 1);
  if (f.dueBy) q = q.where('petitions.next_due', '>=', f.today).where('petitions.next_due', '<=', f.dueBy);
  if (f.unassigned) q = q.where('petitions.handler_id', 'is', null);
  if (f.mine)
    q = q.where((eb) =>
      eb.or([
        eb('petitions.handler_id', '=', actor.userId),
        eb.exists(
          eb
            .selectFrom('petition_co_handlers as mc')
            .select('mc.user_id')
            .whereRef('mc.petition_id', '=', 'petitions.id')
            .where('mc.user_id', '=', actor.userId),
        ),
      ]),
    );
  if (f.q)
    q = q.where(
      plan
        ? searchCondition(db, plan.search, plan.walk)
        : sql<boolean>`petitions.id IN (${matchingPetitionIds(db, f.q)})`,
    );
  return q;
}

/** The list columns of a case (`PetitionListRow`) on a `visiblePetitionQuery`: category and handler name joined. */
export function withListColumns(q: ReturnType<typeof visiblePetitionQuery>) {
  return q
    .innerJoin('petition_categories as c', 'c.id', 'petitions.category_id')
    .leftJoin('users as h', 'h.id', 'petitions.handler_id')
    .select([
      'petitions.id',
      'petitions.number',
      'petitions.title',
      'petitions.unit_id',
      'petitions.channel',
      'petitions.classification',
      'petitions.status',
      'petitions.received_on',
      'petitions.next_due',
      'petitions.next_due_kind',
      'petitions.calendar_warning',
      'u.name as unit_name',
      'c.name as category_name',
      'h.name as handler_name',
    ]);
}

/**
 * One page of the cases the actor may see that match the filter, in a unique order (receivedOn:
 * newest first; nextDue: earliest duty deadline first; ties by id), each row with its sort key;
 * `more` tells whether a further page exists; `total` unless `count` is false, all in SQL.
 * A search counts from its matches, and takes its page from them too when they are few, but walks
 * the list order when they are many (docs/search.md: a word in 20 % of 100,000 cases).
 */
export async function listVisiblePetitions(
  db: Db,
  actor: Actorish,
  f: PetitionListOptions,
): Promise<{ rows: (PetitionListRow & { sort_key: string })[]; total?: number; more: boolean }> {
  if (!canReadPetitions(actor)) return { rows: [], total: f.count === false ? undefined : 0, more: false };
  const search = f.q ? await prepareSearch(db, f.q) : undefined;
  const filtered = (walk: boolean) => visiblePetitionQuery(db, actor, f, search && { search, walk });
  const countOn = async (on: Db) =>
    Number(
      (
        await visiblePetitionQuery(on, actor, f, search && { search, walk: false })
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const total =
    f.count === false ? undefined : search ? await countWithIndexes(db, countOn) : await countOn(db);
  const wanted = (f.after ? 0 : (f.page - 1) * f.pageSize) + f.pageSize + 1;
  const q = filtered(search !== undefined && walksCases(search, wanted, total));
  const byDue = f.sort === 'nextDue';
  let rows = withListColumns(q).select(
    byDue ? DUE_KEY.as('sort_key') : sql<string>`petitions.received_on`.as('sort_key'),
  );
  if (f.after)
    rows = byDue
      ? rows.where(sql<boolean>`(${DUE_KEY}, petitions.id) > (${f.after.key}, ${f.after.id})`)
      : rows.where(sql<boolean>`(petitions.received_on, petitions.id) < (${f.after.key}, ${f.after.id})`);
  rows = byDue
    ? rows.orderBy(DUE_KEY).orderBy('petitions.id')
    : rows.orderBy('petitions.received_on', 'desc').orderBy('petitions.id', 'desc');
  const page = await rows
    .limit(f.pageSize + 1)
    .offset(f.after ? 0 : (f.page - 1) * f.pageSize)
    .execute();
  const more = page.length > f.pageSize;
  return { rows: more ? page.slice(0, f.pageSize) : page, total, more };
}

/** The menu counters of one actor (see `countWorklist`). */
export interface WorklistCounts {
  myPending: number;
  dueSoon: number;
  overdue: number;
  unassigned?: number;
}

/**
 * The actor's menu counters over the OPEN cases only (`work_open = 1`: index ranges, O(open
 * cases), never the history), under the list's visibility rule: one pass over the open cases for
 * the deadline counters and the unassigned ones (clerks and leaders), and two indexed counts for
 * the cases the actor handles (as lead: by handler; as co-handler: from the actor's co-handler
 * rows). Each counter equals the total of the list with the same filter and `open=true`.
 */
export async function countWorklist(
  db: Db,
  actor: Actorish,
  today: string,
  soon: string,
): Promise<WorklistCounts> {
  if (!canReadPetitions(actor)) return { myPending: 0, dueSoon: 0, overdue: 0 };
  const open = () =>
    visiblePetitionQuery(db, actor, { mine: false, overdue: false, today }).where(
      sql.ref('petitions.work_open'),
      '=',
      1,
    );
  const sum = (condition: ReturnType<typeof sql<boolean>>) =>
    sql<number>`coalesce(sum(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`;
  const total = (q: ReturnType<typeof open>) =>
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const [all, lead, assisting] = await Promise.all([
    open()
      .select([
        sum(sql<boolean>`petitions.next_due >= ${today} AND petitions.next_due <= ${soon}`).as('due_soon'),
        sum(sql<boolean>`petitions.next_due < ${today}`).as('overdue'),
        sum(sql<boolean>`petitions.handler_id IS NULL`).as('unassigned'),
      ])
      .executeTakeFirstOrThrow(),
    total(open().where('petitions.handler_id', '=', actor.userId)),
    total(
      open()
        .where('petitions.id', 'in', (eb) =>
          eb
            .selectFrom('petition_co_handlers as wc')
            .select('wc.petition_id')
            .where('wc.user_id', '=', actor.userId),
        )
        .where((eb) =>
          eb.or([eb('petitions.handler_id', 'is', null), eb('petitions.handler_id', '!=', actor.userId)]),
        ),
    ),
  ]);
  return {
    myPending: Number(lead.n) + Number(assisting.n),
    dueSoon: Number(all.due_soon),
    overdue: Number(all.overdue),
    ...(hasRole(actor, 'clerk', 'leader') ? { unassigned: Number(all.unassigned) } : {}),
  };
}

/**
 * Cases the actor may see that name a petitioner with one of these blind indexes (ID number or
 * phone), newest first, at most 20: same-petitioner candidates and the registration lookup.
 */
export async function visiblePetitionsOfPetitioners(
  db: Db,
  actor: Actorish,
  indexes: { idNumber?: readonly string[]; phone?: readonly string[] },
  exceptId?: string,
) {
  const ids = indexes.idNumber ?? [];
  const phones = indexes.phone ?? [];
  if (!canReadPetitions(actor) || (ids.length === 0 && phones.length === 0)) return [];
  let q = petitionsWithUnits(db)
    .select([
      'petitions.id',
      'petitions.number',
      'petitions.status',
      'petitions.title',
      'petitions.received_on',
      'u.name as unit_name',
    ])
    .where(visibleTo(actor))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('petitioners as pp')
          .select('pp.id')
          .whereRef('pp.petition_id', '=', 'petitions.id')
          .where((w) =>
            w.or([
              ...(ids.length ? [w('pp.id_number_index', 'in', ids)] : []),
              ...(phones.length ? [w('pp.phone_index', 'in', phones)] : []),
            ]),
          ),
      ),
    );
  if (exceptId) q = q.where('petitions.id', '!=', exceptId);
  return q.orderBy('petitions.received_on', 'desc').orderBy('petitions.number', 'desc').limit(20).execute();
}

/** The next case number of a unit in a year: an atomic increment of its counter (never reused). */
export async function nextNumber(db: Db, unitId: string, year: number): Promise<number> {
  const row = await db
    .insertInto('petition_counters')
    .values({ unit_id: unitId, year, last: 1 })
    .onConflict((oc) =>
      oc.columns(['unit_id', 'year']).doUpdateSet({ last: sql<number>`petition_counters.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

/** Cases not in one of the given (final) statuses, for recomputing their deadlines. */
export function listUnfinishedPetitions(db: Db, finalStatuses: readonly string[]) {
  return db
    .selectFrom('petitions')
    .select(['id', 'unit_id'])
    .where('status', 'not in', [...finalStatuses])
    .orderBy('id')
    .execute();
}

/** Whether a query code's blind index is already taken. */
export async function queryCodeTaken(db: Db, index: string): Promise<boolean> {
  const row = await db
    .selectFrom('petitions')
    .select('id')
    .where('query_code_index', '=', index)
    .executeTakeFirst();
  return row !== undefined;
}

/** The case of a query code's blind index, ignoring scope: the public portal's lookup (issue 5). */
export function findPetitionByQueryCodeIndex(db: Db, index: string): Promise<PetitionRow | undefined> {
  return db.selectFrom('petitions').selectAll().where('query_code_index', '=', index).executeTakeFirst();
}

/** Inserts a new case. */
export async function insertPetition(db: Db, row: PetitionRow): Promise<void> {
  await db.insertInto('petitions').values(row).execute();
}

/** Inserts the petitioners of a case (personal fields already encrypted and masked). */
export async function insertPetitioners(db: Db, rows: readonly PetitionersTable[]): Promise<void> {
  if (rows.length)
    await db
      .insertInto('petitioners')
      .values([...rows])
      .execute();
}

/**
 * Applies a change to a case if it is still at the version that was read, bumping the version;
 * false when another transaction changed it first (the caller answers 409).
 */
export async function updatePetition(
  db: Db,
  id: string,
  version: number,
  patch: Partial<Omit<PetitionRow, 'id' | 'version'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('petitions')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Marks a case changed without a transition (an attachment, a declared interest); on PostgreSQL
 * this also locks its row, so timeline entries of concurrent requests never take the same number.
 */
export async function touchPetition(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('petitions').set({ updated_at: at }).where('id', '=', id).execute();
}

/** Sets the derived deadline columns of a case (not a transition: no version change). */
export async function setDeadlineSummary(
  db: Db,
  id: string,
  summary: Pick<PetitionRow, 'next_due' | 'next_due_kind' | 'calendar_warning' | 'simple_track'>,
): Promise<void> {
  await db.updateTable('petitions').set(summary).where('id', '=', id).execute();
}

/** The petitioners of a case in their order. */
export function listPetitioners(db: Db, petitionId: string) {
  return db
    .selectFrom('petitioners')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .orderBy('sort_order')
    .execute();
}

/** One petitioner of a case. */
export function findPetitioner(db: Db, petitionId: string, petitionerId: string) {
  return db
    .selectFrom('petitioners')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .where('id', '=', petitionerId)
    .executeTakeFirst();
}

/** Appends an entry to a case's timeline with the next sequence number. */
export async function insertEvent(
  db: Db,
  row: Omit<PetitionEventsTable, 'seq'>,
): Promise<PetitionEventsTable> {
  const last = await db
    .selectFrom('petition_events')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('petition_id', '=', row.petition_id)
    .executeTakeFirst();
  const full = { ...row, seq: Number(last?.m ?? 0) + 1 };
  await db.insertInto('petition_events').values(full).execute();
  return full;
}

/** Links the document a step produced to its timeline entry. */
export async function setEventDocument(db: Db, eventId: string, documentId: string): Promise<void> {
  await db
    .updateTable('petition_events')
    .set({ document_id: documentId })
    .where('id', '=', eventId)
    .execute();
}

/** The timeline of a case, oldest first. */
export function listEvents(db: Db, petitionId: string) {
  return db
    .selectFrom('petition_events')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .orderBy('seq')
    .execute();
}

/** Replaces the stored deadlines of a case with a fresh computation. */
export async function replaceDeadlines(
  db: Db,
  petitionId: string,
  rows: readonly PetitionDeadlinesTable[],
): Promise<void> {
  await db.deleteFrom('petition_deadlines').where('petition_id', '=', petitionId).execute();
  if (rows.length)
    await db
      .insertInto('petition_deadlines')
      .values([...rows])
      .execute();
}

/** The stored deadlines of a case, earliest first. */
export function listDeadlines(db: Db, petitionId: string) {
  return db
    .selectFrom('petition_deadlines')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .orderBy('due')
    .orderBy('kind')
    .execute();
}

/** Replaces the co-handlers (协办) of a case. */
export async function replaceCoHandlers(
  db: Db,
  petitionId: string,
  userIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('petition_co_handlers').where('petition_id', '=', petitionId).execute();
  if (userIds.length)
    await db
      .insertInto('petition_co_handlers')
      .values(userIds.map((user_id) => ({ petition_id: petitionId, user_id })))
      .execute();
}

/** The co-handlers of a case with their names. */
export function listCoHandlers(db: Db, petitionId: string) {
  return db
    .selectFrom('petition_co_handlers as ch')
    .innerJoin('users', 'users.id', 'ch.user_id')
    .select(['ch.user_id', 'users.name'])
    .where('ch.petition_id', '=', petitionId)
    .orderBy('users.name')
    .execute();
}

/** Records a declared interest (回避). */
export async function insertInterest(
  db: Db,
  row: { id: string; petition_id: string; user_id: string; reason: string; created_at: string },
): Promise<void> {
  await db.insertInto('petition_interests').values(row).execute();
}

/** The staff who declared an interest in a case, with their names (not their reasons). */
export function listInterests(db: Db, petitionId: string) {
  return db
    .selectFrom('petition_interests as pi')
    .innerJoin('users', 'users.id', 'pi.user_id')
    .select(['pi.user_id', 'users.name', 'pi.created_at'])
    .where('pi.petition_id', '=', petitionId)
    .orderBy('pi.created_at')
    .execute();
}

/** Names of units by id (for presenting a case). */
export async function unitNames(
  db: Db,
  ids: readonly (string | null | undefined)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((v): v is string => !!v))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names of users by id (for presenting a case). */
export async function userNames(
  db: Db,
  ids: readonly (string | null | undefined)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((v): v is string => !!v))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A unit by id, ignoring scope (references inside a case: accused, parents, transfer targets). */
export function findUnit(db: Db, id: string) {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A user with their unit's path and roles, ignoring scope (checks of handlers and accused). */
export async function findUserForCase(db: Db, id: string) {
  const user = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.name', 'users.unit_id', 'users.disabled', 'units.path as unit_path'])
    .where('users.id', '=', id)
    .executeTakeFirst();
  if (!user) return undefined;
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', id).execute();
  return { ...user, roles: roles.map((r) => r.role) };
}

/** Whether the user declared an interest in the case. */
export async function hasInterest(db: Db, petitionId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('petition_interests')
    .select('id')
    .where('petition_id', '=', petitionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Units a case may be transferred to: the whole tree under the actor's top-level unit (the
 * county), except the case's own unit and, for accusations, the accused unit's subtree.
 */
export function listTransferTargets(
  db: Db,
  rootPath: string,
  exceptUnitId: string,
  accusedPath: string | null,
) {
  let q = db
    .selectFrom('units')
    .select(['id', 'parent_id', 'name', 'kind'])
    .where('path', 'like', `${rootPath}%`)
    .where('id', '!=', exceptUnitId);
  if (accusedPath) q = q.where('path', 'not like', `${accusedPath}%`);
  return q.orderBy('depth').orderBy('name').execute();
}

/**
 * Active handlers and leaders in the actor's subtree who may be given the case: not declared
 * interested and, for accusations, neither the accused person nor inside the accused unit.
 */
export function listHandlerCandidates(
  db: Db,
  actor: Pick<Actor, 'unitPath'>,
  petitionId: string,
  accused: { path: string | null; userId: string | null },
) {
  let q = db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.name', 'users.unit_id', 'units.name as unit_name'])
    .where('units.path', 'like', `${actor.unitPath}%`)
    .where('users.disabled', '=', 0)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles')
          .select('user_roles.user_id')
          .whereRef('user_roles.user_id', '=', 'users.id')
          .where('user_roles.role', 'in', ['handler', 'leader']),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('petition_interests as pi')
            .select('pi.id')
            .whereRef('pi.user_id', '=', 'users.id')
            .where('pi.petition_id', '=', petitionId),
        ),
      ),
    );
  if (accused.path) q = q.where('units.path', 'not like', `${accused.path}%`);
  if (accused.userId) q = q.where('users.id', '!=', accused.userId);
  return q.orderBy('units.depth').orderBy('units.name').orderBy('users.name').limit(500).execute();
}

// ---- Category dictionary ----

export type CategoryRow = PetitionCategoriesTable;

/** The categories, in their order; inactive ones only when asked. */
export function listCategories(db: Db, includeInactive: boolean) {
  let q = db.selectFrom('petition_categories').selectAll();
  if (!includeInactive) q = q.where('active', '=', 1);
  return q.orderBy('sort_order').orderBy('name').execute();
}

/** A category by name. */
export function findCategoryByName(db: Db, name: string) {
  return db.selectFrom('petition_categories').selectAll().where('name', '=', name).executeTakeFirst();
}

/** A category by id. */
export function findCategory(db: Db, id: string) {
  return db.selectFrom('petition_categories').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The largest sort order used so far (new categories go last). */
export async function maxCategorySortOrder(db: Db): Promise<number> {
  const row = await db
    .selectFrom('petition_categories')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

/** Inserts a category. */
export async function insertCategory(db: Db, row: CategoryRow): Promise<void> {
  await db.insertInto('petition_categories').values(row).execute();
}

/** Changes a category's name, order or active flag. */
export async function updateCategory(
  db: Db,
  id: string,
  patch: Partial<Pick<CategoryRow, 'name' | 'sort_order' | 'active' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('petition_categories').set(patch).where('id', '=', id).execute();
}
