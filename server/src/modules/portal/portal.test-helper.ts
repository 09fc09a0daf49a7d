import type { Response } from 'light-my-request';
import { expect } from 'vitest';
import type { Session, TestEnv } from '../../../test/harness.ts';
import { loadKeyRing } from '../../platform/crypto/sm4.ts';
import { queryCodeIndex } from '../petitions/personal-data.ts';
import { actOk } from '../petitions/petitions.test-helper.ts';

// Shared set-up of the portal tests: a citizen at an address of its own (every test uses fresh
// addresses so the per-address limits of one test never touch another), a valid submission body,
// and the staff steps that answer a case.

let n = 0;
let address = 0;

/** A mainland ID number with the right check character, from 17 digits. */
export function idNumberWith(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (w[i] as number), 0);
  return first17 + ('10X98765432'[sum % 11] as string);
}

/** The petitioner's personal data used by the tests (to search responses for). */
export const PERSON = {
  name: '李四海',
  phone: '13912345678',
  idNumber: idNumberWith('33010219850312123'),
};

/** A fresh client address (IPv4) for one test. */
export function freshAddress(): string {
  address += 1;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
}

/** A citizen without an account at one address: GET and POST with that remote address. */
export function citizen(env: TestEnv, ip = freshAddress()) {
  return {
    ip,
    get: (url: string) => env.app.inject({ method: 'GET', url, remoteAddress: ip }),
    post: (url: string, payload: object, headers: Record<string, string> = {}) =>
      env.app.inject({ method: 'POST', url, payload, remoteAddress: ip, headers }),
  };
}
export type Citizen = ReturnType<typeof citizen>;

/** A public submission body to a unit; override any field. */
export function submission(unitId: string, over: Record<string, unknown> = {}) {
  n += 1;
  return {
    unitId,
    classification: 'appeal',
    title: `小区路灯长期不亮${n}`,
    content: '我们小区东门的路灯已经坏了三个月，晚上出行很不方便。',
    demands: '请尽快修复路灯。',
    petitioner: { ...PERSON },
    ...over,
  };
}

/** Submits through the portal and returns the 201 body (fails the test otherwise). */
export async function submitOk(c: Citizen, body: object) {
  const res = await c.post('/api/public/petitions', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    number: string;
    queryCode: string;
    unitName: string;
    receivedOn: string;
    acceptanceDue: string | null;
    attachments: number;
    smsSentTo: string | null;
  };
}

/** The id of a case by its query code (numbers repeat across the tests' same-named units). */
export async function caseIdOf(env: TestEnv, queryCode: string): Promise<string> {
  const row = await env.handle.db
    .selectFrom('petitions')
    .select('id')
    .where('query_code_index', '=', queryCodeIndex(loadKeyRing(env.config), queryCode))
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Staff accept, assign to `handlerId` and answer a case (the handler's session answers). */
export async function answerCase(s: Session, id: string, handlerId: string, text = '经核实，已安排维修。') {
  await actOk(s, id, { action: 'accept' });
  await actOk(s, id, { action: 'assign', handlerId, opinion: '请核实处理' });
  return actOk(s, id, { action: 'answer', decision: 'support', text });
}

/**
 * Fails when a response body contains any of the petitioner's personal data (plain or masked);
 * `smsSentTo` allows the masked phone where the submission says where the SMS went.
 */
export function expectNoPersonalData(res: Response, opts: { smsSentTo?: boolean } = {}): void {
  const body = res.body;
  const masked = `${PERSON.phone.slice(0, 3)}****${PERSON.phone.slice(-4)}`;
  if (opts.smsSentTo) expect(res.json().smsSentTo).toBe(masked);
  for (const secret of [
    PERSON.phone,
    PERSON.idNumber,
    PERSON.name,
    ...(opts.smsSentTo ? [] : [masked]),
    PERSON.idNumber.slice(-6),
  ]) {
    expect(body.includes(secret), `response of ${res.raw.req.url} contains ${secret}`).toBe(false);
  }
}
