import { makeTree, makeUser } from '../../../test/factories.ts';
import { login, type TestEnv } from '../../../test/harness.ts';
import type { Role } from '../../platform/http/context.ts';

// Shared set-up of the receptions tests: a county tree of its own with staff of each role.

let n = 0;
let address = 0;

/** A fresh citizen address (172.16/12) so that the per-address booking limit of one request never touches another. */
export function citizenAddress(): string {
  address += 1;
  return `172.${16 + ((address >> 16) & 15)}.${(address >> 8) & 255}.${address & 255}`;
}

/** A county tree with a leader and a clerk at 东城镇; `people` logs in more staff. */
export async function receptionWorld(env: TestEnv) {
  const t = await makeTree(env);
  const people = async (unitId: string, roles: Role[]) => {
    const u = await makeUser(env, { unitId, roles, name: `接访人员${++n}` });
    return { ...u, session: await login(env.app, u.username, u.password) };
  };
  const leader = await people(t.townA.id, ['leader']);
  const clerk = await people(t.townA.id, ['clerk']);
  return { t, people, leader, clerk };
}

/** A slot body at a unit on 2026-11-10 (the test clock's China date is 2026-11-02). */
export function slotBody(unitId: string, leaderId: string, over: Record<string, unknown> = {}) {
  return {
    unitId,
    leaderId,
    date: '2026-11-10',
    start: '09:00',
    end: '11:30',
    place: '东城镇信访接待室',
    capacity: 10,
    ...over,
  };
}
