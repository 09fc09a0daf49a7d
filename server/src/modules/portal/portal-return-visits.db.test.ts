import { expect, it } from 'vitest';
import { makeUser } from '../../../test/factories.ts';
import { describeEachDialect, login } from '../../../test/harness.ts';
import { getCase, petitionWorld } from '../petitions/petitions.test-helper.ts';
import { answerCase, caseIdOf, citizen, submission, submitOk } from './portal.test-helper.ts';

// Return visits (回访) on both databases: opened by a dissatisfied rating for the unit that
// answered, due in 7 days; listed within scope (GET /api/v1/return-visits); completed by those who
// contact petitioners (POST …/complete), recorded on the case's timeline and in the audit trail;
// 401 / 400 / 403 / 404 / 409 where they apply.

describeEachDialect('portal: return visits', (env) => {
  it('opens a return visit on a dissatisfied rating only, lists it in scope and records its outcome on the case', async () => {
    const w = await petitionWorld(env());
    const staff = await w.people(w.t.townA.id, ['clerk', 'handler']);
    const supervisor = await w.people(w.t.county.id, ['supervisor']);
    const sibling = await w.people(w.t.townB.id, ['clerk', 'handler']);
    const admin = await makeUser(env(), { unitId: w.t.county.id, roles: ['sysadmin'] });
    const adminSession = await login(env().app, admin.username, admin.password);

    const c = citizen(env());
    const happy = await submitOk(c, submission(w.t.townA.id));
    const unhappy = await submitOk(c, submission(w.t.townA.id));
    const happyId = await caseIdOf(env(), happy.queryCode);
    const unhappyId = await caseIdOf(env(), unhappy.queryCode);
    await answerCase(staff.session, happyId, staff.id);
    await answerCase(staff.session, unhappyId, staff.id);
    await c.post(`/api/public/petitions/${happy.queryCode}/evaluation`, { rating: 'satisfied' });
    const rated = await c.post(`/api/public/petitions/${unhappy.queryCode}/evaluation`, {
      rating: 'dissatisfied',
      comment: '答复没有解决问题。',
    });
    expect(rated.json().returnVisitOpened).toBe(true);

    const list = async (s: { inject: typeof staff.session.inject }, query = '') => {
      const res = await s.inject({ method: 'GET', url: `/api/v1/return-visits${query}` });
      return res;
    };
    const mine = await list(staff.session);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().total).toBe(1);
    const visit = mine.json().items[0];
    expect(visit).toMatchObject({
      petitionId: unhappyId,
      petitionNumber: unhappy.number,
      unitId: w.t.townA.id,
      unitName: '东城镇',
      due: '2026-11-09',
      status: 'open',
      overdue: false,
      rating: 'dissatisfied',
      ratingLabel: '不满意',
      stage: 'answer',
      comment: '答复没有解决问题。',
      outcome: null,
      abilities: { complete: true },
    });
    const above = await list(supervisor.session);
    expect(above.json().items.map((v: { id: string }) => v.id)).toEqual([visit.id]);
    expect(above.json().items[0].abilities.complete).toBe(false);
    expect((await list(sibling.session)).json()).toEqual({ items: [], total: 0 });

    expect((await env().app.inject({ method: 'GET', url: '/api/v1/return-visits' })).statusCode).toBe(401);
    expect((await list(adminSession)).statusCode).toBe(403);
    expect((await list(staff.session, '?status=lost')).statusCode).toBe(400);
    expect((await list(staff.session, '?pageSize=500')).statusCode).toBe(400);

    const complete = (s: { inject: typeof staff.session.inject }, id: string, payload: object) =>
      s.inject({ method: 'POST', url: `/api/v1/return-visits/${id}/complete`, payload });
    const body = { outcome: 'explained', note: '电话回访，已说明维修安排，信访人表示理解。' };
    expect(
      (
        await env().app.inject({
          method: 'POST',
          url: `/api/v1/return-visits/${visit.id}/complete`,
          payload: body,
        })
      ).statusCode,
    ).toBe(401);
    expect((await complete(sibling.session, visit.id, body)).statusCode).toBe(404);
    expect((await complete(adminSession, visit.id, body)).statusCode).toBe(404);
    expect((await complete(staff.session, '00000000-0000-4000-8000-000000000000', body)).statusCode).toBe(
      404,
    );
    const forbidden = await complete(supervisor.session, visit.id, body);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.message).toMatch(/登记人员、经办人或领导/);
    const badOutcome = await complete(staff.session, visit.id, { outcome: 'fine', note: 'x' });
    expect(badOutcome.statusCode).toBe(400);
    expect(badOutcome.json().error.details.issues[0].field).toBe('body.outcome');
    expect((await complete(staff.session, visit.id, { outcome: 'explained', note: ' ' })).statusCode).toBe(
      400,
    );

    const done = await complete(staff.session, visit.id, body);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      id: visit.id,
      status: 'done',
      outcome: 'explained',
      outcomeLabel: '已解释说明',
      note: body.note,
      completedAt: '2026-11-02T02:00:00.000Z',
      completedByName: expect.any(String),
      abilities: { complete: false },
    });
    const twice = await complete(staff.session, visit.id, body);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'invalid_transition' });

    expect((await list(staff.session)).json().total).toBe(0);
    const finished = (await list(staff.session, '?status=done')).json();
    expect(finished.items.map((v: { id: string }) => v.id)).toEqual([visit.id]);

    const events = (await getCase(staff.session, unhappyId)).json().events;
    expect(events.at(-1)).toMatchObject({
      action: 'return_visit',
      label: '回访',
      note: body.note,
      data: { outcome: 'explained', outcomeLabel: '已解释说明', returnVisitId: visit.id },
    });
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select(['actor_id', 'before_json', 'after_json'])
      .where('action', '=', 'return_visit.complete')
      .where('subject_id', '=', visit.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(staff.id);
    expect(audit.after_json).not.toContain('信访人表示理解');
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({ status: 'done', outcome: 'explained' });
  });

  it('gives the return visit of a review opinion to the reviewing unit', async () => {
    const w = await petitionWorld(env());
    const staff = await w.people(w.t.townA.id, ['clerk', 'handler']);
    const countyLeader = await w.people(w.t.county.id, ['leader', 'clerk']);
    const c = citizen(env());
    const { queryCode } = await submitOk(c, submission(w.t.townA.id));
    const id = await caseIdOf(env(), queryCode);
    await answerCase(staff.session, id, staff.id);
    await c.post(`/api/public/petitions/${queryCode}/review-request`, { reason: '不服' });
    await countyLeader.session.inject({
      method: 'POST',
      url: `/api/v1/petitions/${id}/actions`,
      payload: { action: 'review', decision: 'upheld', text: '维持。' },
    });
    const rated = await c.post(`/api/public/petitions/${queryCode}/evaluation`, { rating: 'dissatisfied' });
    expect(rated.json()).toMatchObject({ stage: 'review', returnVisitOpened: true });
    const county = (
      await countyLeader.session.inject({ method: 'GET', url: '/api/v1/return-visits' })
    ).json();
    expect(county.items).toEqual([
      expect.objectContaining({ petitionId: id, unitId: w.t.county.id, stage: 'review' }),
    ]);
    expect((await staff.session.inject({ method: 'GET', url: '/api/v1/return-visits' })).json().total).toBe(
      0,
    );
  });
});
