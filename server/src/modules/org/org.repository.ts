import { sql } from 'kysely';
import type { Db, LeadershipGroupsTable, UnitsTable, UsersTable } from '../../platform/db/schema.ts';
import type { Actor, Role } from '../../platform/http/context.ts';

// All SQL of the organisation module. Scope is always applied in the query: a unit is in the
// actor's scope when its materialised path starts with the actor's unit path (ADR 0002).

export type UnitRow = UnitsTable;
export type UserRow = UsersTable;

/** Units in the actor's subtree (optionally of one kind), ordered by depth then name. */
export function listUnitsInScope(db: Db, actor: Pick<Actor, 'unitPath'>, filter: { kind?: string } = {}) {
  let q = db.selectFrom('units').selectAll().where('path', 'like', `${actor.unitPath}%`);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  return q.orderBy('depth').orderBy('name').execute();
}

/** A unit if it is in the actor's subtree. */
export function findUnitInScope(db: Db, actor: Pick<Actor, 'unitPath'>, id: string) {
  return db
    .selectFrom('units')
    .selectAll()
    .where('id', '=', id)
    .where('path', 'like', `${actor.unitPath}%`)
    .executeTakeFirst();
}

/** A unit by id, ignoring scope (for authentication and bootstrap only). */
export function findUnitById(db: Db, id: string) {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a unit; its path is the parent's path plus its own id. */
export async function insertUnit(
  db: Db,
  unit: {
    id: string;
    name: string;
    kind: string;
    parent: Pick<UnitRow, 'path' | 'depth' | 'id'> | null;
    acceptsOnline: boolean;
    createdAt: string;
  },
): Promise<UnitRow> {
  const row: UnitRow = {
    id: unit.id,
    parent_id: unit.parent?.id ?? null,
    name: unit.name,
    kind: unit.kind,
    path: `${unit.parent?.path ?? '/'}${unit.id}/`,
    depth: unit.parent ? unit.parent.depth + 1 : 0,
    accepts_online: unit.acceptsOnline ? 1 : 0,
    created_at: unit.createdAt,
  };
  await db.insertInto('units').values(row).execute();
  return row;
}

/** Number of units (to know whether the database is empty). */
export async function countUnits(db: Db): Promise<number> {
  const r = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Inserts a user with roles and the first password-history entry. */
export async function insertUser(
  db: Db,
  user: Omit<
    UserRow,
    'locked_until' | 'totp_secret' | 'totp_enabled' | 'totp_last_step' | 'disabled' | 'must_change_password'
  > & {
    mustChangePassword?: boolean;
  },
  roles: readonly Role[],
  historyId: string,
): Promise<void> {
  const { mustChangePassword, ...rest } = user;
  await db
    .insertInto('users')
    .values({ ...rest, disabled: 0, totp_enabled: 0, must_change_password: mustChangePassword ? 1 : 0 })
    .execute();
  if (roles.length)
    await db
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: user.id, role })))
      .execute();
  await db
    .insertInto('password_history')
    .values({
      id: historyId,
      user_id: user.id,
      password_hash: user.password_hash,
      created_at: user.created_at,
    })
    .execute();
}

/** Roles of the given users, as a map from user id to roles. */
export async function rolesOf(db: Db, userIds: readonly string[]): Promise<Map<string, Role[]>> {
  const map = new Map<string, Role[]>();
  if (!userIds.length) return map;
  const rows = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role'])
    .where('user_id', 'in', userIds)
    .orderBy('role')
    .execute();
  for (const r of rows) {
    const list = map.get(r.user_id) ?? [];
    list.push(r.role as Role);
    map.set(r.user_id, list);
  }
  return map;
}

/** A user by username, ignoring scope (login). */
export function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

/** A user with the path of their unit, ignoring scope (session resolution). */
export function findUserWithUnit(db: Db, id: string) {
  return db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .selectAll('users')
    .select(['units.path as unit_path', 'units.name as unit_name'])
    .where('users.id', '=', id)
    .executeTakeFirst();
}

/** A user if their unit is in the actor's subtree. */
export function findUserInScope(db: Db, actor: Pick<Actor, 'unitPath'>, id: string) {
  return db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .selectAll('users')
    .where('users.id', '=', id)
    .where('units.path', 'like', `${actor.unitPath}%`)
    .executeTakeFirst();
}

/** A LIKE pattern matching the text anywhere, with the wildcards in it taken literally. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Another unit with this name under the same parent (sibling names are unique). */
export function findSiblingNamed(db: Db, parentId: string | null, name: string, exceptId?: string) {
  let q = db.selectFrom('units').select(['id']).where('name', '=', name);
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

/** Renames a unit or changes whether it accepts online petitions. */
export async function updateUnit(
  db: Db,
  id: string,
  patch: Partial<Pick<UnitRow, 'name' | 'accepts_online'>>,
): Promise<void> {
  await db.updateTable('units').set(patch).where('id', '=', id).execute();
}

/** A user with their unit's name, as lists and reads show them. */
export type UserView = UserRow & { unit_name: string };

/** A user with their unit's name if their unit is in the actor's subtree. */
export function findUserViewInScope(
  db: Db,
  actor: Pick<Actor, 'unitPath'>,
  id: string,
): Promise<UserView | undefined> {
  return db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .selectAll('users')
    .select('units.name as unit_name')
    .where('users.id', '=', id)
    .where('units.path', 'like', `${actor.unitPath}%`)
    .executeTakeFirst();
}

/** Filters of the user list: `subtreePath` (a unit and all below it) or `unitId` narrow the actor's scope. */
export interface UserFilter {
  unitId?: string;
  subtreePath?: string;
  q?: string;
  role?: Role;
  includeDisabled: boolean;
  page: number;
  pageSize: number;
}

/** One page of the users in the actor's subtree matching the filter, and their total, both in SQL. */
export async function listUsersInScope(
  db: Db,
  actor: Pick<Actor, 'unitPath'>,
  f: UserFilter,
): Promise<{ rows: UserView[]; total: number }> {
  let q = db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .where('units.path', 'like', `${actor.unitPath}%`);
  if (f.subtreePath) q = q.where('units.path', 'like', `${f.subtreePath}%`);
  else if (f.unitId) q = q.where('users.unit_id', '=', f.unitId);
  if (!f.includeDisabled) q = q.where('users.disabled', '=', 0);
  if (f.q) {
    const pattern = containsPattern(f.q);
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`lower(${eb.ref('users.username')}) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref('users.name')}) like ${pattern} escape '\\'`,
      ]),
    );
  }
  if (f.role) {
    const role = f.role;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles')
          .select('user_roles.user_id')
          .whereRef('user_roles.user_id', '=', 'users.id')
          .where('user_roles.role', '=', role),
      ),
    );
  }
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('users')
    .select('units.name as unit_name')
    .orderBy('units.depth')
    .orderBy('users.username')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(count.n) };
}

/** Changes a user's name, unit, disabled flag or lock. */
export async function updateUser(
  db: Db,
  id: string,
  patch: Partial<Pick<UserRow, 'name' | 'unit_id' | 'disabled' | 'locked_until'>>,
): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

/** Ends every open session of a user (the account was disabled). */
export async function endUserSessions(db: Db, userId: string, at: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ ended_at: at })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .execute();
}

/** Replaces the roles of a user. */
export async function replaceUserRoles(db: Db, userId: string, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length)
    await db
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute();
}

/** Those of the given users whose unit is in the actor's subtree. */
export async function findUsersInScope(
  db: Db,
  actor: Pick<Actor, 'unitPath'>,
  ids: readonly string[],
): Promise<Array<{ id: string; name: string }>> {
  if (!ids.length) return [];
  return db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.name'])
    .where('users.id', 'in', ids)
    .where('units.path', 'like', `${actor.unitPath}%`)
    .execute();
}

export type LeadershipGroupRow = LeadershipGroupsTable & { unit_name: string };

/** A leadership group with its unit's name if its unit is in the actor's subtree. */
export function findLeadershipGroupInScope(
  db: Db,
  actor: Pick<Actor, 'unitPath'>,
  id: string,
): Promise<LeadershipGroupRow | undefined> {
  return db
    .selectFrom('leadership_groups')
    .innerJoin('units', 'units.id', 'leadership_groups.unit_id')
    .selectAll('leadership_groups')
    .select('units.name as unit_name')
    .where('leadership_groups.id', '=', id)
    .where('units.path', 'like', `${actor.unitPath}%`)
    .executeTakeFirst();
}

/** One page of the leadership groups in the actor's subtree (optionally of one unit), and their total. */
export async function listLeadershipGroupsInScope(
  db: Db,
  actor: Pick<Actor, 'unitPath'>,
  f: { unitId?: string; page: number; pageSize: number },
): Promise<{ rows: LeadershipGroupRow[]; total: number }> {
  let q = db
    .selectFrom('leadership_groups')
    .innerJoin('units', 'units.id', 'leadership_groups.unit_id')
    .where('units.path', 'like', `${actor.unitPath}%`);
  if (f.unitId) q = q.where('leadership_groups.unit_id', '=', f.unitId);
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('leadership_groups')
    .select('units.name as unit_name')
    .orderBy('units.depth')
    .orderBy('leadership_groups.created_at', 'desc')
    .orderBy('leadership_groups.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(count.n) };
}

/** The members, work groups and work-group members of the given groups, with the people's names. */
export async function compositionsOf(db: Db, groupIds: readonly string[]) {
  if (!groupIds.length) return { members: [], workGroups: [], workGroupMembers: [] };
  const members = await db
    .selectFrom('leadership_group_members')
    .innerJoin('users', 'users.id', 'leadership_group_members.user_id')
    .select([
      'leadership_group_members.group_id',
      'leadership_group_members.user_id',
      'leadership_group_members.position',
      'users.name',
    ])
    .where('leadership_group_members.group_id', 'in', groupIds)
    .execute();
  const workGroups = await db
    .selectFrom('work_groups')
    .selectAll()
    .where('group_id', 'in', groupIds)
    .orderBy('sort_order')
    .execute();
  const workGroupMembers = workGroups.length
    ? await db
        .selectFrom('work_group_members')
        .innerJoin('users', 'users.id', 'work_group_members.user_id')
        .select(['work_group_members.work_group_id', 'work_group_members.user_id', 'users.name'])
        .where(
          'work_group_members.work_group_id',
          'in',
          workGroups.map((w) => w.id),
        )
        .execute()
    : [];
  return { members, workGroups, workGroupMembers };
}

/** Inserts the head row of a leadership group. */
export async function insertLeadershipGroup(db: Db, row: LeadershipGroupsTable): Promise<void> {
  await db.insertInto('leadership_groups').values(row).execute();
}

/** Changes the title and campaign of a leadership group. */
export async function updateLeadershipGroup(
  db: Db,
  id: string,
  patch: Pick<LeadershipGroupsTable, 'title' | 'campaign'>,
): Promise<void> {
  await db.updateTable('leadership_groups').set(patch).where('id', '=', id).execute();
}

/**
 * Replaces the members and work groups of a leadership group. A work group whose id is already
 * one of the group's keeps its row (so references to it survive); others are inserted, and the
 * group's work groups not listed are removed.
 */
export async function replaceComposition(
  db: Db,
  groupId: string,
  members: ReadonlyArray<{ userId: string; position: string }>,
  workGroups: ReadonlyArray<{ id: string; name: string; duties: string; memberIds: readonly string[] }>,
): Promise<void> {
  const existing = new Set(
    (await db.selectFrom('work_groups').select('id').where('group_id', '=', groupId).execute()).map(
      (w) => w.id,
    ),
  );
  if (existing.size)
    await db
      .deleteFrom('work_group_members')
      .where('work_group_id', 'in', [...existing])
      .execute();
  const kept = workGroups.filter((w) => existing.has(w.id)).map((w) => w.id);
  const gone = [...existing].filter((id) => !kept.includes(id));
  if (gone.length) await db.deleteFrom('work_groups').where('id', 'in', gone).execute();
  await db.deleteFrom('leadership_group_members').where('group_id', '=', groupId).execute();
  if (members.length)
    await db
      .insertInto('leadership_group_members')
      .values(members.map((m) => ({ group_id: groupId, user_id: m.userId, position: m.position })))
      .execute();
  for (const [i, w] of workGroups.entries()) {
    if (existing.has(w.id))
      await db
        .updateTable('work_groups')
        .set({ name: w.name, duties: w.duties, sort_order: i })
        .where('id', '=', w.id)
        .execute();
    else
      await db
        .insertInto('work_groups')
        .values({ id: w.id, group_id: groupId, name: w.name, duties: w.duties, sort_order: i })
        .execute();
    if (w.memberIds.length)
      await db
        .insertInto('work_group_members')
        .values(w.memberIds.map((userId) => ({ work_group_id: w.id, user_id: userId })))
        .execute();
  }
}
