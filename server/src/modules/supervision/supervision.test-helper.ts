import type { TestEnv } from '../../../test/harness.ts';
import { letter, petitionWorld, register } from '../petitions/petitions.test-helper.ts';
import { sweepSupervision } from './use-cases/sweep.ts';

// Shared set-up of the supervision tests: a county tree with a clerk, a leader and a supervisor,
// and cases whose next duty deadline is due soon or overdue at the test clock (2026-11-02).

/** A county tree with staff, and helpers to register a case at a unit with a chosen receipt date. */
export async function supervisionWorld(env: TestEnv) {
  const w = await petitionWorld(env);
  const clerk = await w.people(w.t.townA.id, ['clerk']);
  const leader = await w.people(w.t.townA.id, ['leader']);
  const supervisor = await w.people(w.t.county.id, ['supervisor']);
  const countyLeader = await w.people(w.t.county.id, ['leader']);
  const registerAt = async (receivedOn: string, over: Record<string, unknown> = {}) =>
    register(clerk.session, letter(w.t.townA.id, { receivedOn, ...over }));
  return { ...w, clerk, leader, supervisor, countyLeader, registerAt };
}

/** Runs one sweep in its own transaction, as the job does. */
export function sweep(env: TestEnv) {
  return env.handle.db.transaction().execute((db) => sweepSupervision({ ...env.ctx(), db }));
}
