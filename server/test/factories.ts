import { hashPassword } from '../src/modules/auth/password.ts';
import { findUnitById, insertUnit, insertUser, type UnitRow } from '../src/modules/org/org.repository.ts';
import { newId } from '../src/platform/crypto/ids.ts';
import type { Role } from '../src/platform/http/context.ts';
import type { TestEnv } from './harness.ts';

export const TEST_PASSWORD = 'Huiyin-Test-2026';
let hashed: Promise<string> | undefined;
let n = 0;

/** Creates a unit directly in the database (no audit): test set-up only. */
export async function makeUnit(
  env: TestEnv,
  input: { name?: string; kind?: string; parentId?: string | null; acceptsOnline?: boolean } = {},
): Promise<UnitRow> {
  const parent = input.parentId ? ((await findUnitById(env.handle.db, input.parentId)) ?? null) : null;
  const kind = input.kind ?? (parent ? 'village' : 'county');
  return insertUnit(env.handle.db, {
    id: newId(),
    name: input.name ?? `测试单位${++n}`,
    kind,
    parent,
    acceptsOnline: input.acceptsOnline ?? ['county', 'township', 'department'].includes(kind),
    createdAt: env.clock.now().toISOString(),
  });
}

/** Creates a user directly in the database with the shared test password. */
export async function makeUser(
  env: TestEnv,
  input: { unitId: string; roles: Role[]; username?: string; name?: string },
) {
  hashed ??= hashPassword(TEST_PASSWORD);
  const id = newId();
  const username = input.username ?? `user${Date.now().toString(36)}${++n}`;
  const now = env.clock.now().toISOString();
  await insertUser(
    env.handle.db,
    {
      id,
      username,
      name: input.name ?? `测试用户${n}`,
      unit_id: input.unitId,
      password_hash: await hashed,
      password_changed_at: now,
      created_at: now,
    },
    input.roles,
    newId(),
  );
  return { id, username, password: TEST_PASSWORD };
}

/** A small tree: county → two townships → two villages each, plus a department. */
export async function makeTree(env: TestEnv) {
  const county = await makeUnit(env, { name: '测试县', kind: 'county' });
  const townA = await makeUnit(env, { name: '东城镇', kind: 'township', parentId: county.id });
  const townB = await makeUnit(env, { name: '西山乡', kind: 'township', parentId: county.id });
  const villageA1 = await makeUnit(env, { name: '东城一村', kind: 'village', parentId: townA.id });
  const villageA2 = await makeUnit(env, { name: '东城二村', kind: 'village', parentId: townA.id });
  const villageB1 = await makeUnit(env, { name: '西山一村', kind: 'village', parentId: townB.id });
  const dept = await makeUnit(env, { name: '县人社局', kind: 'department', parentId: county.id });
  return { county, townA, townB, villageA1, villageA2, villageB1, dept };
}
