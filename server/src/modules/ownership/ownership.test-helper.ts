import { expect } from 'vitest';
import type { Session, TestEnv } from '../../../test/harness.ts';
import { letter, petitionWorld, register } from '../petitions/petitions.test-helper.ts';

// Shared set-up of the ownership tests: a fresh county tree with a clerk and leaders at the
// county and the first township, and request helpers for the ownership routes.

/** A tree with staff: a township clerk, two township leaders, a county leader and a handler. */
export async function ownershipWorld(env: TestEnv) {
  const w = await petitionWorld(env);
  const clerk = await w.people(w.t.townA.id, ['clerk']);
  const leader = await w.people(w.t.townA.id, ['leader']);
  const deputy = await w.people(w.t.townA.id, ['leader']);
  const countyLeader = await w.people(w.t.county.id, ['leader']);
  const handler = await w.people(w.t.villageA1.id, ['handler']);
  /** Registers a letter at the first township and returns its id. */
  const newCase = async (over: Record<string, unknown> = {}) =>
    (await register(clerk.session, letter(w.t.townA.id, over))).id;
  return { ...w, clerk, leader, deputy, countyLeader, handler, newCase };
}

const url = (id: string, rest = '') => `/api/v1/petitions/${id}/ownership${rest}`;

/** POST of taking ownership (for oneself, or for `leaderId`). */
export function take(s: Session, id: string, leaderId?: string) {
  return s.inject({ method: 'POST', url: url(id), payload: leaderId ? { leaderId } : {} });
}

/** GET of a case's ownership. */
export function getOwnership(s: Session, id: string) {
  return s.inject({ method: 'GET', url: url(id) });
}

/** PATCH of the plan. */
export function patchPlan(s: Session, id: string, body: Record<string, unknown>) {
  return s.inject({ method: 'PATCH', url: url(id, '/plan'), payload: body });
}

/** POST of a progress entry. */
export function progress(s: Session, id: string, body: Record<string, unknown>) {
  return s.inject({ method: 'POST', url: url(id, '/progress'), payload: body });
}

/** POST of the outcome. */
export function outcome(s: Session, id: string, body: Record<string, unknown>) {
  return s.inject({ method: 'POST', url: url(id, '/outcome'), payload: body });
}

/** POST of a handover. */
export function handover(s: Session, id: string, body: Record<string, unknown>) {
  return s.inject({ method: 'POST', url: url(id, '/handover'), payload: body });
}

/** GET of a board (the caller's by default). */
export async function board(s: Session, leaderId?: string) {
  const res = await s.inject({
    method: 'GET',
    url: `/api/v1/ownership/board${leaderId ? `?leaderId=${leaderId}` : ''}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: Array<{
      petitionId: string;
      stale: boolean;
      staleReason: string | null;
      nextContactOn: string | null;
      lastProgressOn: string | null;
      overdueMeasures: number;
    }>;
  };
}

/** Expects a status and returns the JSON body. */
export function expectStatus(res: { statusCode: number; body: string; json(): any }, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}
