import type { Response } from 'light-my-request';
import { expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../../test/harness.ts';
import { actOk, getCase, petitionWorld } from '../petitions/petitions.test-helper.ts';
import {
  answerCase,
  caseIdOf,
  citizen,
  expectNoPersonalData,
  submission,
  submitOk,
} from './portal.test-helper.ts';

// The citizen's whole way through the portal on both databases (issue 5 "Done means", server
// side): submit → track → staff answer through the API → evaluate → request review; then the
// review opinion is evaluated in turn. Also the refusals before the answer and after the window.

describeEachDialect('portal: submit, track, evaluate, request review', (env) => {
  it('takes a petitioner from submission through the answer to evaluation and a review request', async () => {
    const w = await petitionWorld(env());
    const staff = await w.people(w.t.townA.id, ['clerk', 'handler']);
    const countyLeader = await w.people(w.t.county.id, ['leader', 'clerk']);
    const c = citizen(env());
    const seen: Response[] = [];
    const keep = async (p: Promise<Response>) => {
      const res = await p;
      seen.push(res);
      return res;
    };

    const units = await keep(c.get('/api/public/units'));
    expect(units.json().items.map((u: { id: string }) => u.id)).toContain(w.t.townA.id);
    const submitted = await keep(c.post('/api/public/petitions', submission(w.t.townA.id)));
    expect(submitted.statusCode).toBe(201);
    const { queryCode } = submitted.json();
    const base = `/api/public/petitions/${queryCode}`;
    expect((await keep(c.get(base))).json()).toMatchObject({ status: 'registered', canEvaluate: false });

    // Before the answer: nothing to evaluate or to have reviewed.
    const early = await keep(c.post(`${base}/evaluation`, { rating: 'satisfied' }));
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'not_answered',
      message: expect.stringMatching(/尚未作出书面答复/),
    });
    const earlyReview = await keep(c.post(`${base}/review-request`, { reason: '不服' }));
    expect(earlyReview.statusCode).toBe(409);
    expect(earlyReview.json().error.code).toBe('not_answered');

    // Staff answer through the API.
    const id = await caseIdOf(env(), queryCode);
    await answerCase(staff.session, id, staff.id, '经核实，路灯线路老化，已列入本月维修计划。');
    const answered = (await keep(c.get(base))).json();
    expect(answered).toMatchObject({
      status: 'answered',
      statusLabel: '已答复',
      answer: { decision: 'support', decisionLabel: '支持', documentUrl: expect.any(String) },
      canEvaluate: true,
      canRequestReview: true,
      reviewRequestKind: 'review',
      reviewRequestDue: '2026-12-02',
      reviewUnitName: '测试县',
    });

    // Evaluate once.
    const evaluated = await keep(
      c.post(`${base}/evaluation`, { rating: 'dissatisfied', comment: '维修太慢，希望本周内修好。' }),
    );
    expect(evaluated.statusCode, evaluated.body).toBe(201);
    expect(evaluated.json()).toEqual({
      rating: 'dissatisfied',
      ratingLabel: '不满意',
      stage: 'answer',
      createdAt: TEST_NOW,
      returnVisitOpened: true,
    });
    const twice = await keep(c.post(`${base}/evaluation`, { rating: 'satisfied' }));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('already_evaluated');
    expect(twice.json().error.message).toMatch(
      /已于2026-11-02对本次处理意见作出“不满意”的评价，每次答复只能评价一次/,
    );
    expect((await keep(c.get(base))).json()).toMatchObject({
      evaluation: { rating: 'dissatisfied', ratingLabel: '不满意', createdAt: TEST_NOW },
      canEvaluate: false,
    });

    // Request review within the window.
    const review = await keep(c.post(`${base}/review-request`, { reason: '对处理意见不服，路灯至今未修。' }));
    expect(review.statusCode, review.body).toBe(201);
    expect(review.json()).toEqual({
      kind: 'review',
      requestedOn: '2026-11-02',
      unitName: '测试县',
      opinionDue: '2026-12-02',
    });
    const again = await keep(c.post(`${base}/review-request`, { reason: '再次请求' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('正在复查中');
    const requested = (await keep(c.get(base))).json();
    expect(requested).toMatchObject({
      status: 'review_requested',
      statusLabel: '已请求复查，正在复查',
      review: { requestedOn: '2026-11-02', unitName: '测试县' },
      canRequestReview: false,
    });
    expect(requested.review).not.toHaveProperty('opinion');

    // Staff see both steps on the case; the audit trail has them, without the citizen's address.
    const staffView = (await getCase(staff.session, id)).json();
    const actions = staffView.events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['register', 'accept', 'assign', 'answer', 'evaluate', 'request_review']);
    expect(staffView.events[4]).toMatchObject({
      label: '信访人评价',
      actorName: '信访人（网上评价）',
      note: '维修太慢，希望本周内修好。',
      data: { stage: 'answer', rating: 'dissatisfied' },
    });
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select(['action', 'ip', 'actor_id', 'after_json'])
      .where((eb) =>
        eb.or([
          eb('subject_id', '=', id),
          eb('action', '=', 'return_visit.open').and('after_json', 'like', `%${id}%`),
        ]),
      )
      .orderBy('seq')
      .execute();
    const portalEntries = audit.filter((a) =>
      ['petition.register', 'petition.evaluate', 'return_visit.open', 'petition.request_review'].includes(
        a.action,
      ),
    );
    expect(portalEntries.map((a) => a.action)).toEqual([
      'petition.register',
      'petition.evaluate',
      'return_visit.open',
      'petition.request_review',
    ]);
    for (const a of portalEntries) expect(a).toMatchObject({ ip: null, actor_id: null });
    expect(audit.map((a) => a.after_json).join()).not.toContain('维修太慢');

    // The review opinion is a new answer: it may be evaluated in its turn, and re-review asked.
    await actOk(countyLeader.session, id, { action: 'review', decision: 'upheld', text: '维持原处理意见。' });
    const reviewed = (await keep(c.get(base))).json();
    expect(reviewed).toMatchObject({
      status: 'reviewed',
      statusLabel: '已作出复查意见',
      review: {
        unitName: '测试县',
        opinion: { decision: 'upheld', decisionLabel: '维持原处理意见', text: '维持原处理意见。' },
      },
      canEvaluate: true,
      canRequestReview: false,
      reviewRequestKind: 'rereview',
    });
    expect(reviewed).not.toHaveProperty('evaluation');
    const second = await keep(c.post(`${base}/evaluation`, { rating: 'basically_satisfied' }));
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ stage: 'review', returnVisitOpened: false });

    for (const res of seen) expectNoPersonalData(res, { smsSentTo: res === submitted });
  });

  it('refuses evaluation and review after the window, naming the last day', async () => {
    const w = await petitionWorld(env());
    const staff = await w.people(w.t.townB.id, ['clerk', 'handler']);
    const c = citizen(env());
    const { queryCode } = await submitOk(c, submission(w.t.townB.id));
    await answerCase(staff.session, await caseIdOf(env(), queryCode), staff.id);
    const base = `/api/public/petitions/${queryCode}`;
    try {
      env().clock.set('2026-12-02T15:00:00.000Z'); // 2026-12-02 23:00 in China: the last day
      expect((await c.get(base)).json()).toMatchObject({ canRequestReview: true, canEvaluate: true });
      env().clock.set('2026-12-03T01:00:00.000Z');
      const view = (await c.get(base)).json();
      expect(view).toMatchObject({
        canRequestReview: false,
        canEvaluate: false,
        reviewRequestKind: 'review',
        reviewRequestDue: '2026-12-02',
      });
      const late = await c.post(`${base}/review-request`, { reason: '不服' });
      expect(late.statusCode).toBe(409);
      expect(late.json().error).toMatchObject({
        code: 'time_limit_passed',
        details: { lastDay: '2026-12-02' },
      });
      expect(late.json().error.message).toMatch(/最后一天是2026-12-02/);
      const lateRating = await c.post(`${base}/evaluation`, { rating: 'satisfied' });
      expect(lateRating.statusCode).toBe(409);
      expect(lateRating.json().error).toMatchObject({ code: 'time_limit_passed' });
      expect(lateRating.json().error.message).toContain('2026-12-02');
    } finally {
      env().clock.set(TEST_NOW);
    }
  });

  it('answers 400 for a bad rating or an empty reason, 404 for a wrong code, and honours Idempotency-Key', async () => {
    const w = await petitionWorld(env());
    const staff = await w.people(w.t.townA.id, ['clerk', 'handler']);
    const c = citizen(env());
    const { queryCode } = await submitOk(c, submission(w.t.townA.id));
    await answerCase(staff.session, await caseIdOf(env(), queryCode), staff.id);
    const base = `/api/public/petitions/${queryCode}`;

    const bad = await c.post(`${base}/evaluation`, { rating: 'great' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toBe('body.rating');
    const long = await c.post(`${base}/evaluation`, { rating: 'satisfied', comment: '评'.repeat(1001) });
    expect(long.json().error.details.issues[0].field).toBe('body.comment');
    const empty = await c.post(`${base}/review-request`, { reason: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.issues[0].field).toBe('body.reason');
    const wrong = `/api/public/petitions/${queryCode.slice(0, -1)}${queryCode.endsWith('2') ? '3' : '2'}`;
    expect((await c.post(`${wrong}/evaluation`, { rating: 'satisfied' })).statusCode).toBe(404);
    expect((await c.post(`${wrong}/review-request`, { reason: '不服' })).statusCode).toBe(404);

    const headers = { 'idempotency-key': `rate-${queryCode}` };
    const first = await c.post(`${base}/evaluation`, { rating: 'satisfied' }, headers);
    const retry = await c.post(`${base}/evaluation`, { rating: 'satisfied' }, headers);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    const rows = await env()
      .handle.db.selectFrom('petition_evaluations')
      .select('id')
      .where('petition_id', '=', await caseIdOf(env(), queryCode))
      .execute();
    expect(rows).toHaveLength(1);
  });
});
