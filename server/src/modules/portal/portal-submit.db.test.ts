import { expect, it } from 'vitest';
import { makeUnit } from '../../../test/factories.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { getCase, petitionWorld } from '../petitions/petitions.test-helper.ts';
import { SUBMISSION_LIMITS } from './portal.policy.ts';
import {
  caseIdOf,
  citizen,
  expectNoPersonalData,
  freshAddress,
  PERSON,
  submission,
  submitOk,
} from './portal.test-helper.ts';

// POST /api/public/petitions and GET /api/public/units on both databases: registration through
// the petitions module, validation naming the field, Idempotency-Key, and the abuse controls
// (challenge after 2 an hour, 429 after 5 an hour or 20 a day) counted in the database.

const HOUR = 60 * 60 * 1000;

/** The arithmetic answer of a challenge question such as "3 加 4 等于几？". */
function solve(question: string): number {
  const m = /^(\d+) (加|减) (\d+) 等于几？$/.exec(question);
  if (!m) throw new Error(`unexpected question ${question}`);
  return m[2] === '加' ? Number(m[1]) + Number(m[3]) : Number(m[1]) - Number(m[3]);
}

describeEachDialect('portal: submission', (env) => {
  it('documents every portal route in the OpenAPI document under the portal tag', async () => {
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const routes: Array<[string, string]> = [
      ['/api/public/units', 'get'],
      ['/api/public/petitions', 'post'],
      ['/api/public/uploads', 'post'],
      ['/api/public/petitions/{queryCode}', 'get'],
      ['/api/public/petitions/{queryCode}/documents/{documentId}', 'get'],
      ['/api/public/petitions/{queryCode}/evaluation', 'post'],
      ['/api/public/petitions/{queryCode}/review-request', 'post'],
      ['/api/v1/return-visits', 'get'],
      ['/api/v1/return-visits/{id}/complete', 'post'],
    ];
    for (const [path, method] of routes) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.tags).toContain('portal');
      expect(op.summary).toMatch(/[\u4e00-\u9fff]/);
    }
    const submit = doc.paths['/api/public/petitions'].post;
    expect(Object.keys(submit.responses)).toEqual(
      expect.arrayContaining(['201', '400', '404', '422', '428', '429']),
    );
    expect(submit.security).toEqual([]);
    expect(doc.paths['/api/v1/return-visits'].get.security).toEqual([{ session: [] }]);
  });

  it('lists only the units that accept online petitions, without a session', async () => {
    const open = await makeUnit(env(), { name: '网上受理镇', kind: 'township', acceptsOnline: true });
    const closed = await makeUnit(env(), { name: '不受理村', kind: 'village', acceptsOnline: false });
    const res = await env().app.inject({ method: 'GET', url: '/api/public/units' });
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((u: { id: string }) => u.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(closed.id);
    expect(res.json().items.find((u: { id: string }) => u.id === open.id)).toEqual({
      id: open.id,
      name: '网上受理镇',
      kind: 'township',
      parentId: null,
    });
  });

  it('registers an online petition: number and query code, channel online, received today, audited as 网上信访', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const c = citizen(env());
    const res = await c.post('/api/public/petitions', submission(w.t.townA.id, { demands: undefined }));
    expect(res.statusCode, res.body).toBe(201);
    expectNoPersonalData(res, { smsSentTo: true });
    const out = res.json();
    expect(out).toMatchObject({
      number: expect.stringMatching(/^东城镇信〔2026〕\d+号$/),
      queryCode: expect.stringMatching(/^[2-9A-HJKMNP-Z]{12}$/),
      unitName: '东城镇',
      receivedOn: '2026-11-02',
      acceptanceDue: '2026-11-17',
    });

    const id = await caseIdOf(env(), out.queryCode);
    const staff = (await getCase(clerk.session, id)).json();
    expect(staff).toMatchObject({
      channel: 'online',
      status: 'registered',
      receivedOn: '2026-11-02',
      peopleCount: 1,
      category: '其他',
      demands: '',
      queryCode: out.queryCode,
      petitioners: [
        { name: PERSON.name, phone: '139****5678', idNumber: `3301**********${PERSON.idNumber.slice(-4)}` },
      ],
    });
    expect(staff.events[0]).toMatchObject({ action: 'register', actorName: '网上信访' });
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select(['actor_id', 'actor_name', 'ip', 'after_json'])
      .where('subject_id', '=', id)
      .where('action', '=', 'petition.register')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: null, actor_name: '网上信访', ip: null });
    expect(audit.after_json).not.toContain(PERSON.phone);
    // No plaintext address of the citizen is kept by the portal's own tables.
    const events = await env().handle.db.selectFrom('portal_rate_events').select('ip_hash').execute();
    expect(events.some((e) => e.ip_hash.includes(c.ip))).toBe(false);
    expect(events.every((e) => /^[0-9a-f]{64}$/.test(e.ip_hash))).toBe(true);
  });

  it('takes an accusation without accused fields and flags it for the clerk to complete', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.county.id, ['clerk']);
    const out = await submitOk(
      citizen(env()),
      submission(w.t.county.id, {
        classification: 'accusation',
        accused: { unitId: w.t.townA.id, name: '某某' },
      }),
    );
    const staff = (await getCase(clerk.session, await caseIdOf(env(), out.queryCode))).json();
    expect(staff.classification).toBe('accusation');
    expect(staff.accused).toMatchObject({ unitId: null, userId: null, name: null });
    expect(staff.events[0].note).toContain('被检举控告的单位或人员未在网上填写');
  });

  it('answers 400 naming the field for a bad phone, ID number or an over-long text, 404 for an unknown unit, 422 for a unit without online petitions', async () => {
    const w = await petitionWorld(env());
    const c = citizen(env());
    const field = async (body: object) => {
      const res = await c.post('/api/public/petitions', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      return res.json().error.details.issues[0].field as string;
    };
    const base = submission(w.t.townA.id);
    expect(await field({ ...base, petitioner: { ...PERSON, phone: '12345678901' } })).toBe(
      'body.petitioner.phone',
    );
    expect(await field({ ...base, petitioner: { ...PERSON, phone: '0571-88886666' } })).toBe(
      'body.petitioner.phone',
    );
    const wrongCheck = PERSON.idNumber.slice(0, 17) + (PERSON.idNumber.endsWith('1') ? '2' : '1');
    expect(await field({ ...base, petitioner: { ...PERSON, idNumber: wrongCheck } })).toBe(
      'body.petitioner.idNumber',
    );
    expect(await field({ ...base, petitioner: { ...PERSON, idNumber: '330102850312123' } })).toBe(
      'body.petitioner.idNumber',
    );
    expect(await field({ ...base, title: '题'.repeat(101) })).toBe('body.title');
    expect(await field({ ...base, content: '字'.repeat(5001) })).toBe('body.content');
    expect(await field({ ...base, demands: '求'.repeat(2001) })).toBe('body.demands');
    expect(await field({ ...base, classification: 'complaint' })).toBe('body.classification');
    expect(await field({ ...base, content: '路灯\u0000不亮' })).toBe('body.content');
    expect(await field({ ...base, unitId: 'a\u0000b' })).toBe('body.unitId');
    expect(await field({ ...base, challengeId: "x' OR 1=1" })).toBe('body.challengeId');
    expect(await field({ ...base, petitioner: { name: '  ', phone: PERSON.phone } })).toBe(
      'body.petitioner.name',
    );

    // Limits are inclusive; the ID number is optional.
    await submitOk(c, {
      ...base,
      title: '题'.repeat(100),
      content: '字'.repeat(5000),
      demands: '求'.repeat(2000),
      petitioner: { name: PERSON.name, phone: '139 1234 5678' },
    });

    const unknown = await c.post('/api/public/petitions', submission('00000000-0000-4000-8000-000000000000'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toMatch(/找不到所选的受理单位/);
    const closed = await c.post('/api/public/petitions', submission(w.t.villageA1.id));
    expect(closed.statusCode).toBe(422);
    expect(closed.json().error).toMatchObject({ code: 'online_not_accepted' });
    expect(closed.json().error.message).toContain('东城一村');
  });

  it('honours Idempotency-Key: a retry returns the first number and registers nothing new', async () => {
    const w = await petitionWorld(env());
    const c = citizen(env());
    const body = submission(w.t.townB.id);
    const headers = { 'idempotency-key': `portal-${Date.now()}` };
    const first = await c.post('/api/public/petitions', body, headers);
    const again = await c.post('/api/public/petitions', body, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const rows = await env()
      .handle.db.selectFrom('petitions')
      .select('id')
      .where('title', '=', body.title)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('asks a challenge from the 3rd submission within an hour, single use, and answers 429 after 5', async () => {
    const w = await petitionWorld(env());
    const c = citizen(env());
    const other = citizen(env());
    const post = (over: Record<string, unknown> = {}) =>
      c.post('/api/public/petitions', submission(w.t.townA.id, over));

    await submitOk(c, submission(w.t.townA.id));
    await submitOk(c, submission(w.t.townA.id));

    const third = await post();
    expect(third.statusCode).toBe(428);
    expect(third.json().error).toMatchObject({
      code: 'challenge_required',
      details: { challenge: { id: expect.any(String), question: expect.stringMatching(/等于几？$/) } },
    });
    expect(third.json().error.message).toMatch(/验证问题/);
    const first = third.json().error.details.challenge;

    // A wrong answer spends the question and brings a new one.
    const wrong = await post({ challengeId: first.id, challengeAnswer: solve(first.question) + 1 });
    expect(wrong.statusCode).toBe(428);
    expect(wrong.json().error.code).toBe('challenge_failed');
    const second = wrong.json().error.details.challenge;
    expect(second.id).not.toBe(first.id);
    const reused = await post({ challengeId: first.id, challengeAnswer: solve(first.question) });
    expect(reused.statusCode).toBe(428);
    expect(reused.json().error.code).toBe('challenge_required');
    const third2 = reused.json().error.details.challenge;

    // Another address is not affected.
    await submitOk(other, submission(w.t.townA.id));

    // The right answer (full-width digits accepted) lets the submission through, once.
    const ok = await post({
      challengeId: second.id,
      challengeAnswer: String(solve(second.question)).replace(/\d/g, (d) =>
        String.fromCharCode(d.charCodeAt(0) + 0xfee0),
      ),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const replayed = await post({ challengeId: second.id, challengeAnswer: solve(second.question) });
    expect(replayed.statusCode).toBe(428);
    const fourth = replayed.json().error.details.challenge;
    await submitOk(
      c,
      submission(w.t.townA.id, { challengeId: fourth.id, challengeAnswer: solve(fourth.question) }),
    );
    await submitOk(
      c,
      submission(w.t.townA.id, { challengeId: third2.id, challengeAnswer: solve(third2.question) }),
    );

    // Five within the hour: the sixth is refused whatever it carries.
    const sixth = await post();
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('rate_limited');
    expect(sixth.json().error.message).toContain(`每小时最多提交${SUBMISSION_LIMITS.perHour}件`);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(3600);
  });

  it('lets a challenge expire after 10 minutes', async () => {
    const w = await petitionWorld(env());
    const c = citizen(env());
    await submitOk(c, submission(w.t.townA.id));
    await submitOk(c, submission(w.t.townA.id));
    const res = await c.post('/api/public/petitions', submission(w.t.townA.id));
    const challenge = res.json().error.details.challenge;
    env().clock.advance(11 * 60 * 1000);
    try {
      const late = await c.post(
        '/api/public/petitions',
        submission(w.t.townA.id, { challengeId: challenge.id, challengeAnswer: solve(challenge.question) }),
      );
      expect(late.statusCode).toBe(428);
      expect(late.json().error.message).toMatch(/已过期或已经使用/);
    } finally {
      env().clock.set(TEST_NOW);
    }
  });

  it('counts in the database: two app instances share one address’s limits, and 20 a day is the most', async () => {
    const w = await petitionWorld(env());
    const ip = freshAddress();
    const a = citizen(env(), ip);
    const second = await buildApp({ config: env().config, handle: env().handle, clock: env().clock });
    await second.ready();
    const b = citizen({ ...env(), app: second }, ip);
    try {
      await submitOk(a, submission(w.t.townA.id));
      await submitOk(a, submission(w.t.townA.id));
      // The third, at the other instance, owes a challenge too.
      expect((await b.post('/api/public/petitions', submission(w.t.townA.id))).statusCode).toBe(428);

      // Two an hour never needs a challenge; the 21st of the day is refused.
      let done = 2;
      while (done < SUBMISSION_LIMITS.perDay) {
        env().clock.advance(HOUR);
        await submitOk(done % 4 < 2 ? a : b, submission(w.t.townA.id));
        await submitOk(done % 4 < 2 ? b : a, submission(w.t.townA.id));
        done += 2;
      }
      env().clock.advance(HOUR);
      const refused = await b.post('/api/public/petitions', submission(w.t.townA.id));
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.message).toContain(`每天最多提交${SUBMISSION_LIMITS.perDay}件`);
      const wait = Number(refused.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      // A day after the first, the address may submit again.
      env().clock.advance(wait * 1000);
      await submitOk(a, submission(w.t.townA.id));
    } finally {
      env().clock.set(TEST_NOW);
      await second.close();
    }
  });
});
