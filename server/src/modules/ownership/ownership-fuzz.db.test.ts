import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { expectStatus, ownershipWorld, take } from './ownership.test-helper.ts';

// Hostile input on the ownership routes from the owning leader of a real case: arbitrary bodies
// and near-valid ones (control characters, impossible dates, huge versions, repeated measure ids)
// must all be answered 4xx with a code, never 5xx.

const nasty = fc.constantFrom(
  '',
  '\u0000',
  '进展\u0000内容',
  "'; DROP TABLE ownerships; --",
  '9'.repeat(3000),
  '2026-02-30',
  '𠀀𠀁',
);
const text = fc.oneof(fc.string({ maxLength: 30 }), nasty);
const date = fc.oneof(fc.constantFrom('2026-11-02', '2026-11-01', '2026-02-30', '2099-01-01', 'x'), nasty);
const version = fc.oneof(fc.integer(), fc.constantFrom(1, 2, 1e20, -1, 0.5));

describeEachDialect('ownership: hostile input', (env) => {
  it('answers every malformed or hostile request with a 4xx code, never a 5xx', async () => {
    const w = await ownershipWorld(env());
    const id = await w.newCase();
    expectStatus(await take(w.leader.session, id), 201);
    const base = `/api/v1/petitions/${id}/ownership`;
    const measure = fc.record(
      {
        id: fc.oneof(fc.uuid(), fc.constant('m1')),
        text,
        assigneeId: fc.oneof(fc.constant(w.handler.id), fc.constant(w.leader.id), text),
        dueOn: date,
        done: fc.oneof(fc.boolean(), text),
      },
      { requiredKeys: [] },
    );
    const requests = fc.oneof(
      fc.record({
        method: fc.constant('PATCH' as const),
        url: fc.constant(`${base}/plan`),
        body: fc.oneof(
          fc.jsonValue(),
          fc.record(
            {
              version,
              demand: text,
              policyBasis: text,
              nextContactOn: fc.oneof(date, fc.constant(null)),
              measures: fc.array(measure, { maxLength: 3 }),
            },
            { requiredKeys: [] },
          ),
          fc.constant({
            version: 1,
            measures: [
              { id: 'same', text: 'a', assigneeId: w.leader.id, dueOn: '2026-11-09' },
              { id: 'same', text: 'b', assigneeId: w.leader.id, dueOn: '2026-11-09' },
            ],
          }),
        ),
      }),
      fc.record({
        method: fc.constant('POST' as const),
        url: fc.constant(`${base}/progress`),
        body: fc.oneof(fc.jsonValue(), fc.record({ on: date, text }, { requiredKeys: [] })),
      }),
      fc.record({
        method: fc.constant('POST' as const),
        url: fc.constant(`${base}/outcome`),
        body: fc.oneof(
          fc.jsonValue(),
          fc.record(
            {
              version,
              type: fc.oneof(fc.constantFrom('resolved', 'assisted', 'explained'), text),
              assistanceKind: fc.oneof(fc.constantFrom('referral', 'living_subsidy'), text),
              amount: fc.oneof(fc.constantFrom('12', '1.005', '-3', '999999999.99'), text),
              note: text,
              on: date,
            },
            { requiredKeys: [] },
          ),
        ),
      }),
      fc.record({
        method: fc.constant('POST' as const),
        url: fc.constant(`${base}/handover`),
        body: fc.oneof(
          fc.jsonValue(),
          fc.record(
            { version, leaderId: fc.oneof(fc.constant(w.deputy.id), text), reason: text },
            { requiredKeys: [] },
          ),
        ),
      }),
      fc.record({
        method: fc.constant('GET' as const),
        url: text.map((q) => `/api/v1/ownership/board?leaderId=${encodeURIComponent(q)}`),
        body: fc.constant(undefined),
      }),
    );
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(requests, async (r) => {
        const res = await w.leader.session.inject({
          method: r.method,
          url: r.url,
          ...(r.method === 'GET'
            ? {}
            : { payload: JSON.stringify(r.body ?? null), headers: { 'content-type': 'application/json' } }),
        });
        if (res.statusCode >= 500 || (!res.json().error?.code && res.statusCode >= 400))
          failures.push(
            `${r.method} ${r.url} ${JSON.stringify(r.body).slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 200)}`,
          );
        return true;
      }),
      { numRuns: 150, seed: 20261129 },
    );
    expect(failures).toEqual([]);
  }, 120_000);
});
