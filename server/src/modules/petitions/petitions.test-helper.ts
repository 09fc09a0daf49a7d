import { expect } from 'vitest';
import { makeTree, makeUnit, makeUser } from '../../../test/factories.ts';
import { login, type Session, type TestEnv } from '../../../test/harness.ts';
import type { Role } from '../../platform/http/context.ts';

// Shared set-up of the petitions tests: a fresh county tree per test with staff of each role,
// and a registration payload of the contract's shape.

let n = 0;

/** A county tree of its own (unique names) with a clerk, handler and leader in several units. */
export async function petitionWorld(env: TestEnv) {
  const t = await makeTree(env);
  const people = async (unitId: string, roles: Role[]) => {
    const u = await makeUser(env, { unitId, roles, name: `人员${++n}` });
    return { ...u, session: await login(env.app, u.username, u.password) };
  };
  return { t, people, makeUnit: (input: Parameters<typeof makeUnit>[1]) => makeUnit(env, input) };
}

/** A letter's registration body at a unit; override any field. */
export function letter(unitId: string, over: Record<string, unknown> = {}) {
  return {
    channel: 'letter',
    receivedOn: '2026-10-20',
    unitId,
    classification: 'appeal',
    category: '征地拆迁',
    title: `征地补偿款未发放${++n}`,
    content: '村里征地后补偿款一直没有发放到户。',
    demands: '请求尽快发放补偿款。',
    peopleCount: 1,
    petitioners: [
      { name: '张三', idNumber: '330102199001011234', phone: '13800135678', address: '东城一村3组' },
    ],
    ...over,
  };
}

/** Registers a petition through the API and returns its 201 body (fails the test otherwise). */
export async function register(s: Session, body: Record<string, unknown>) {
  const res = await s.inject({ method: 'POST', url: '/api/v1/petitions', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    id: string;
    number: string;
    queryCode: string;
    deadlines: any[];
    duplicateCandidates: any[];
  };
}

/** Posts an action and returns the response. */
export function act(s: Session, id: string, body: Record<string, unknown>) {
  return s.inject({ method: 'POST', url: `/api/v1/petitions/${id}/actions`, payload: body });
}

/** Posts an action that must succeed, returning the updated case. */
export async function actOk(s: Session, id: string, body: Record<string, unknown>) {
  const res = await act(s, id, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** GET of one case. */
export function getCase(s: Session, id: string) {
  return s.inject({ method: 'GET', url: `/api/v1/petitions/${id}` });
}
