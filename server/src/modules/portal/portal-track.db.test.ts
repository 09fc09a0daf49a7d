import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { createTestEnv, describeEachDialect, destroyTestEnv, TEST_NOW } from '../../../test/harness.ts';
import { QUERY_CODE_ALPHABET } from '../petitions/personal-data.ts';
import { getCase, petitionWorld } from '../petitions/petitions.test-helper.ts';
import { LOOKUPS_PER_MINUTE } from './portal.policy.ts';
import {
  answerCase,
  caseIdOf,
  citizen,
  expectNoPersonalData,
  submission,
  submitOk,
} from './portal.test-helper.ts';

// GET /api/public/petitions/{queryCode} and its documents on both databases: the plain-words
// view without personal data, the one 404 for every code that opens nothing (same body, similar
// time, with or without any petition in the database), the lookup limit, accusations kept to
// status and deadlines, and downloads limited to the opinions addressed to the petitioner.

/** A code of the right shape that differs from `code` in its last symbol. */
function wrongCode(code: string): string {
  const last = code.at(-1) as string;
  const other = QUERY_CODE_ALPHABET[(QUERY_CODE_ALPHABET.indexOf(last) + 1) % QUERY_CODE_ALPHABET.length];
  return code.slice(0, -1) + other;
}

/**
 * The median durations (ms) of several lookups measured interleaved — one of each per round,
 * after a warm-up round — so that noise of the machine falls on all of them alike.
 */
async function interleavedMedians(
  fns: ReadonlyArray<() => Promise<unknown>>,
  rounds = 25,
): Promise<number[]> {
  for (const fn of fns) await fn();
  const times = fns.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    for (const [i, fn] of fns.entries()) {
      const start = performance.now();
      await fn();
      times[i]?.push(performance.now() - start);
    }
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)] as number);
}

describeEachDialect('portal: tracking by query code', (env) => {
  it('shows a new case in plain words with its deadlines, and nothing personal', async () => {
    const w = await petitionWorld(env());
    const c = citizen(env());
    const out = await submitOk(c, submission(w.t.townA.id));
    const res = await c.get(`/api/public/petitions/${out.queryCode}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expectNoPersonalData(res);
    const view = res.json();
    expect(view).toEqual({
      number: out.number,
      status: 'registered',
      statusLabel: '已登记，待受理',
      receivedOn: '2026-11-02',
      unitName: '东城镇',
      confidential: false,
      deadlines: [{ kind: 'acceptance', label: expect.any(String), due: '2026-11-17', status: 'open' }],
      canEvaluate: false,
      canRequestReview: false,
    });
    // Codes are typed by people: lower case, spaces and dashes are forgiven.
    const typed = `${out.queryCode.slice(0, 4)}-${out.queryCode.slice(4, 8)} ${out.queryCode.slice(8)}`;
    const loose = await c.get(`/api/public/petitions/${encodeURIComponent(typed.toLowerCase())}`);
    expect(loose.statusCode).toBe(200);
    expect(loose.json().number).toBe(out.number);
  });

  it('answers an unknown, a wrong and a malformed code with the same 404 body and similar time, with or without petitions in the database', async () => {
    const w = await petitionWorld(env());
    const c = citizen(env());
    const { queryCode } = await submitOk(c, submission(w.t.townA.id));
    const get = (app: typeof c, code: string) => app.get(`/api/public/petitions/${encodeURIComponent(code)}`);

    const empty = await createTestEnv(env().dialect);
    try {
      const nobody = citizen(empty);
      const unknownInEmpty = await get(nobody, 'ABCDEFGHJKMN');
      const answers = [
        unknownInEmpty,
        await get(citizen(env()), 'ABCDEFGHJKMN'),
        await get(citizen(env()), wrongCode(queryCode)),
        await get(citizen(env()), 'hello'),
        await get(citizen(env()), '中文查询码'),
      ];
      for (const a of answers) {
        expect(a.statusCode).toBe(404);
        expect(a.body).toBe(unknownInEmpty.body);
      }
      expect(unknownInEmpty.json().error).toEqual({
        code: 'not_found',
        message: expect.stringContaining('查询码不正确'),
      });

      // Timing: medians of fresh addresses' lookups within a generous factor of each other.
      const all = await interleavedMedians([
        () => get(citizen(empty), 'ABCDEFGHJKMN'),
        () => get(citizen(env()), wrongCode(queryCode)),
        () => get(citizen(env()), 'PQRSTUVWXYZ2'),
      ]);
      expect(Math.max(...all) / Math.min(...all), JSON.stringify(all)).toBeLessThan(3);
    } finally {
      await destroyTestEnv(empty);
    }
  });

  it(`limits code lookups to ${LOOKUPS_PER_MINUTE} a minute per address, across the code routes`, async () => {
    const w = await petitionWorld(env());
    const c = citizen(env());
    const { queryCode } = await submitOk(c, submission(w.t.townA.id));
    try {
      for (let i = 0; i < LOOKUPS_PER_MINUTE - 1; i++) {
        const code = i % 2 ? queryCode : wrongCode(queryCode);
        expect((await c.get(`/api/public/petitions/${code}`)).statusCode).toBe(i % 2 ? 200 : 404);
      }
      expect(
        (await c.post(`/api/public/petitions/${queryCode}/evaluation`, { rating: 'satisfied' })).statusCode,
      ).toBe(409);
      const limited = await c.get(`/api/public/petitions/${queryCode}`);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error).toMatchObject({ code: 'rate_limited' });
      expect(limited.json().error.message).toContain(`每分钟最多${LOOKUPS_PER_MINUTE}次`);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      const review = await c.post(`/api/public/petitions/${queryCode}/review-request`, { reason: '不服' });
      expect(review.statusCode).toBe(429);
      // Another address is not affected; a minute later this one may look again.
      expect((await citizen(env()).get(`/api/public/petitions/${queryCode}`)).statusCode).toBe(200);
      env().clock.advance(61_000);
      expect((await c.get(`/api/public/petitions/${queryCode}`)).statusCode).toBe(200);
    } finally {
      env().clock.set(TEST_NOW);
    }
  });

  it('shows the answer with its document; only the opinions addressed to the petitioner download', async () => {
    const w = await petitionWorld(env());
    const staff = await w.people(w.t.townA.id, ['clerk', 'handler']);
    const c = citizen(env());
    const mine = await submitOk(c, submission(w.t.townA.id));
    const theirs = await submitOk(citizen(env()), submission(w.t.townA.id));
    const id = await caseIdOf(env(), mine.queryCode);
    const otherId = await caseIdOf(env(), theirs.queryCode);
    await answerCase(staff.session, id, staff.id, '经核实，路灯已于本周修复。');
    await answerCase(staff.session, otherId, staff.id);

    const res = await c.get(`/api/public/petitions/${mine.queryCode}`);
    expect(res.statusCode).toBe(200);
    expectNoPersonalData(res);
    const view = res.json();
    expect(view).toMatchObject({
      status: 'answered',
      statusLabel: '已答复',
      unitName: '东城镇',
      answer: {
        on: '2026-11-02',
        decision: 'support',
        decisionLabel: '支持',
        text: '经核实，路灯已于本周修复。',
        unitName: '东城镇',
        documentUrl: expect.stringMatching(new RegExp(`^/api/public/petitions/${mine.queryCode}/documents/`)),
      },
      canEvaluate: true,
      canRequestReview: true,
      reviewRequestKind: 'review',
      reviewRequestDue: '2026-12-02',
      reviewUnitName: '测试县',
    });
    expect(view.deadlines.map((d: { kind: string }) => d.kind)).toEqual(
      expect.arrayContaining(['acceptance', 'handling', 'review_request']),
    );
    expect(view.deadlines.find((d: { kind: string }) => d.kind === 'acceptance')).toMatchObject({
      status: 'met',
      metOn: '2026-11-02',
    });
    // No staff names, opinions (拟办意见) or internal deadlines.
    expect(res.body).not.toContain(staff.username);
    expect(res.body).not.toContain('请核实处理');
    expect(res.body).not.toContain('objection');

    const doc = await c.get(view.answer.documentUrl);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(doc.headers['content-disposition']).toMatch(/^attachment/);
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const docs = (await getCase(staff.session, id)).json().documents as Array<{ id: string; kind: string }>;
    const notice = docs.find((d) => d.kind === 'acceptance_notice');
    expect(notice).toBeDefined();
    const notFound = async (url: string) => {
      const r = await c.get(url);
      expect(r.statusCode, url).toBe(404);
    };
    await notFound(`/api/public/petitions/${mine.queryCode}/documents/${notice?.id}`);
    const otherDocs = (await getCase(staff.session, otherId)).json().documents as Array<{
      id: string;
      kind: string;
    }>;
    const otherAnswer = otherDocs.find((d) => d.kind === 'answer_opinion');
    await notFound(`/api/public/petitions/${mine.queryCode}/documents/${otherAnswer?.id}`);
    await notFound(
      `/api/public/petitions/${wrongCode(mine.queryCode)}/documents/${view.answer.documentUrl.split('/').at(-1)}`,
    );
    await notFound(`/api/public/petitions/${mine.queryCode}/documents/no-such-document`);
  });

  it('keeps an accusation to its status and deadlines, without the answer or its document', async () => {
    const w = await petitionWorld(env());
    const staff = await w.people(w.t.county.id, ['clerk', 'handler']);
    const c = citizen(env());
    const out = await submitOk(c, submission(w.t.county.id, { classification: 'accusation' }));
    const id = await caseIdOf(env(), out.queryCode);
    await answerCase(staff.session, id, staff.id, '经查，反映的问题属实，已移交纪检监察机关。');

    const res = await c.get(`/api/public/petitions/${out.queryCode}`);
    expect(res.statusCode).toBe(200);
    expectNoPersonalData(res);
    const view = res.json();
    expect(view).toMatchObject({ status: 'answered', statusLabel: '已答复', confidential: true });
    expect(view.deadlines.length).toBeGreaterThan(0);
    for (const hidden of ['answer', 'unitName', 'review', 'rereview', 'reviewUnitName'])
      expect(view).not.toHaveProperty(hidden);
    expect(res.body).not.toContain('纪检监察');

    const docs = (await getCase(staff.session, id)).json().documents as Array<{ id: string; kind: string }>;
    const answer = docs.find((d) => d.kind === 'answer_opinion');
    expect(answer).toBeDefined();
    expect((await c.get(`/api/public/petitions/${out.queryCode}/documents/${answer?.id}`)).statusCode).toBe(
      404,
    );
  });
});
