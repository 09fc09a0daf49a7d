import type { Db, UnitsTable, UsersTable } from '../../platform/db/schema.ts';
import type { Actor, Role } from '../../platform/http/context.ts';

// All SQL of the organisation module. Scope is always applied in the query: a unit is in the
// actor's scope when its materialised path starts with the actor's unit path (ADR 0002).

export type UnitRow = UnitsTable;
export type UserRow = UsersTable;

/** Units in the actor's subtree, ordered by depth then name. */
export function listUnitsInScope(db: Db, actor: Pick<Actor, 'unitPath'>) {
  return db
    .selectFrom('units')
    .selectAll()
    .where('path', 'like', `${actor.unitPath}%`)
    .orderBy('depth')
    .orderBy('name')
    .execute();
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
