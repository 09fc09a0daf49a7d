import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { letter, register } from '../petitions/petitions.test-helper.ts';
import { receptionWorld } from './receptions.test-helper.ts';

describeEachDialect('reception log of walk-in and group visits', (env) => {
  const visit = (unitId: string, over: Record<string, unknown> = {}) => ({
    unitId,
    on: '2026-11-02',
    peopleCount: 1,
    note: '来访反映征地补偿问题',
    ...over,
  });

  it('computes the required leader from the group size and records who received it', async () => {
    const w = await receptionWorld(env());
    const post = (body: Record<string, unknown>) =>
      w.clerk.session.inject({ method: 'POST', url: '/api/v1/receptions', payload: body });
    const group = await post(visit(w.t.townA.id, { peopleCount: 25, leaderId: w.leader.id }));
    expect(group.statusCode, group.body).toBe(201);
    expect(group.json()).toMatchObject({
      unitId: w.t.townA.id,
      on: '2026-11-02',
      peopleCount: 25,
      requiredLeaderLevel: 'principal',
      leaderId: w.leader.id,
      recordedBy: w.clerk.id,
      recordedAt: '2026-11-02T02:00:00.000Z',
    });
    expect((await post(visit(w.t.townA.id, { peopleCount: 5 }))).json().requiredLeaderLevel).toBe('deputy');
    expect((await post(visit(w.t.townA.id, { peopleCount: 4 }))).json().requiredLeaderLevel).toBe('none');

    const petition = await register(w.clerk.session, letter(w.t.townA.id));
    const linked = await post(visit(w.t.townA.id, { petitionId: petition.id, on: '2026-10-30' }));
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json().petitionId).toBe(petition.id);

    const list = await w.leader.session.inject({
      method: 'GET',
      url: `/api/v1/receptions?unitId=${w.t.townA.id}&from=2026-11-01`,
    });
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((r: { peopleCount: number }) => r.peopleCount)
        .sort((a: number, b: number) => a - b),
    ).toEqual([4, 5, 25]); // the visit of 30 October lies before `from`
    const outside = await w.people(w.t.townB.id, ['clerk']);
    const theirs = await outside.session.inject({ method: 'GET', url: '/api/v1/receptions' });
    expect(theirs.json().items.map((r: { id: string }) => r.id)).not.toContain(group.json().id);
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'reception.register')
      .where('subject_id', '=', group.json().id)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('answers 401, 400, 403, 404 and 422 for wrong visits', async () => {
    const w = await receptionWorld(env());
    const body = visit(w.t.townA.id);
    expect(
      (await env().app.inject({ method: 'POST', url: '/api/v1/receptions', payload: body })).statusCode,
    ).toBe(401);
    expect((await env().app.inject({ method: 'GET', url: '/api/v1/receptions' })).statusCode).toBe(401);
    const post = (s: typeof w.clerk, over: Record<string, unknown>) =>
      s.session.inject({ method: 'POST', url: '/api/v1/receptions', payload: { ...body, ...over } });
    const future = await post(w.clerk, { on: '2026-11-03' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details).toMatchObject({ field: 'on' });
    expect((await post(w.clerk, { peopleCount: 0 })).statusCode).toBe(400);
    expect((await post(w.clerk, { on: '2026-02-30' })).statusCode).toBe(400);
    const handler = await w.people(w.t.townA.id, ['handler']);
    expect((await post(handler, {})).statusCode).toBe(403);
    const outside = await w.people(w.t.townB.id, ['clerk']);
    expect((await post(outside, {})).statusCode).toBe(404);
    const elsewhere = await register(outside.session, letter(w.t.townB.id));
    const hidden = await post(w.clerk, { petitionId: elsewhere.id });
    expect(hidden.statusCode).toBe(404);
    const notLeader = await post(w.clerk, { leaderId: handler.id });
    expect(notLeader.statusCode).toBe(422);
    const admin = await w.people(w.t.townA.id, ['sysadmin']);
    expect((await admin.session.inject({ method: 'GET', url: '/api/v1/receptions' })).statusCode).toBe(403);
  });
});
