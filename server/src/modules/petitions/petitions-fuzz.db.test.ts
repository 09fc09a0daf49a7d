import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { getCase, letter, petitionWorld, register } from './petitions.test-helper.ts';

// Random lifecycles by staff of different units and roles. Most steps follow the abilities the
// server offers (so cases get deep into review and re-review), the rest are arbitrary. Never a
// 5xx; an offered ability is never refused as forbidden or as a wrong transition; after every
// accepted step the case, its timeline and its audit trail agree.

const ABILITY_ACTIONS: Record<string, string> = {
  accept: 'accept',
  redirect: 'redirect',
  transfer: 'transfer',
  object: 'object',
  decideObjection: 'decide_objection',
  reject: 'reject',
  assign: 'assign',
  start: 'start',
  extend: 'extend',
  answer: 'answer',
  close: 'close',
  requestReview: 'request_review',
  review: 'review',
  requestRereview: 'request_rereview',
  rereview: 'rereview',
  finalize: 'finalize',
};

describeEachDialect('petitions: random lifecycles', (env) => {
  it('answers every random step with a 2xx or a 4xx, honours offered abilities and keeps case, timeline and audit consistent', async () => {
    const w = await petitionWorld(env());
    const staff = {
      clerk: await w.people(w.t.townA.id, ['clerk']),
      leader: await w.people(w.t.townA.id, ['leader']),
      handler: await w.people(w.t.townA.id, ['handler']),
      sibling: await w.people(w.t.townB.id, ['clerk', 'leader']),
      county: await w.people(w.t.county.id, ['clerk', 'leader']),
      village: await w.people(w.t.villageA1.id, ['clerk', 'handler']),
    };
    const who = fc.constantFrom(...(Object.keys(staff) as Array<keyof typeof staff>));
    const on = fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 6 },
      { arbitrary: fc.constantFrom('2026-10-20', '2026-11-02', '2026-11-03', '2026-02-30'), weight: 1 },
    );
    const text = fc.oneof(
      { arbitrary: fc.constantFrom('理由', '说明', '意见'), weight: 8 },
      { arbitrary: fc.constantFrom('', 'x'.repeat(3000)), weight: 1 },
    );
    const bodies = fc.record({
      accept: fc.record({ action: fc.constant('accept'), on }),
      redirect: fc.record({
        action: fc.constant('redirect'),
        route: fc.constantFrom('litigation', 'other'),
        note: text,
        on,
      }),
      transfer: fc.record({
        action: fc.constant('transfer'),
        unitId: fc.constantFrom(w.t.townB.id, w.t.townA.id, w.t.villageA1.id, 'nope'),
        note: text,
        on,
      }),
      object: fc.record({ action: fc.constant('object'), reason: text, on }),
      decide_objection: fc.record({
        action: fc.constant('decide_objection'),
        uphold: fc.boolean(),
        note: text,
        on,
      }),
      reject: fc.record({ action: fc.constant('reject'), reason: text, on }),
      assign: fc.record({
        action: fc.constant('assign'),
        handlerId: fc.constantFrom(staff.handler.id, staff.village.id, staff.clerk.id, 'nobody'),
        coHandlerIds: fc.subarray([staff.leader.id, staff.village.id]),
        opinion: text,
        on,
      }),
      start: fc.record({ action: fc.constant('start'), on }),
      extend: fc.record({
        action: fc.constant('extend'),
        days: fc.integer({ min: 0, max: 40 }),
        reason: text,
        on,
      }),
      answer: fc.record({
        action: fc.constant('answer'),
        decision: fc.constantFrom('support', 'not_support'),
        text,
        on,
      }),
      close: fc.record({ action: fc.constant('close'), on }),
      request_review: fc.record({ action: fc.constant('request_review'), reason: text, on }),
      review: fc.record({
        action: fc.constant('review'),
        decision: fc.constantFrom('upheld', 'revised'),
        text,
        on,
      }),
      request_rereview: fc.record({ action: fc.constant('request_rereview'), reason: text, on }),
      rereview: fc.record({ action: fc.constant('rereview'), decision: fc.constant('upheld'), text, on }),
      finalize: fc.record({ action: fc.constant('finalize'), on }),
    });
    type Body = { action: string } & Record<string, unknown>;
    const step = fc.tuple(who, bodies, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }));
    const statuses = new Map<number, number>();
    const reached = new Set<string>();

    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 6, maxLength: 14 }), async (steps) => {
        const { id } = await register(
          staff.clerk.session,
          letter(w.t.townA.id, { receivedOn: '2026-10-20' }),
        );
        let events = 1;
        for (const [actor, all, pick, chance] of steps) {
          const session = staff[actor].session;
          const choices = Object.values(all) as Body[];
          let payload = choices[pick % choices.length] as Body;
          let offered = false;
          if (chance < 0.8) {
            const seen = await getCase(session, id);
            if (seen.statusCode === 200) {
              const allowed = Object.entries(seen.json().abilities as Record<string, boolean>)
                .filter(([k, v]) => v && ABILITY_ACTIONS[k])
                .map(([k]) => ABILITY_ACTIONS[k] as keyof typeof all);
              if (allowed.length) {
                payload = all[allowed[pick % allowed.length] as keyof typeof all] as Body;
                offered = true;
              }
            }
          }
          const res = await session.inject({
            method: 'POST',
            url: `/api/v1/petitions/${id}/actions`,
            payload,
          });
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          expect([200, 400, 403, 404, 409, 422], res.body).toContain(res.statusCode);
          if (offered) expect([403, 409], `${payload.action}: ${res.body}`).not.toContain(res.statusCode);
          if (res.statusCode !== 200) continue;
          events++;
          const after = res.json();
          reached.add(after.status);
          const seen = await getCase(staff.county.session, id);
          expect(seen.json().status).toBe(after.status);
          expect(seen.json().events).toHaveLength(events);
          expect(seen.json().events.at(-1).action).toBe(payload.action);
        }
        const audit = await env()
          .handle.db.selectFrom('audit_log')
          .select('action')
          .where('subject_id', '=', id)
          .where('action', 'like', 'petition.%')
          .execute();
        expect(audit).toHaveLength(events);
      }),
      { numRuns: 20, seed: 20261103 },
    );
    // The run exercised successes and refusals alike, and reached deep states.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(20);
    expect(statuses.get(409) ?? 0).toBeGreaterThan(0);
    expect([...reached]).toEqual(expect.arrayContaining(['accepted', 'assigned', 'answered', 'transferred']));
  }, 180_000);
});
