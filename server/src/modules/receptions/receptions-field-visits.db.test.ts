import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { getCase, letter, register } from '../petitions/petitions.test-helper.ts';
import { receptionWorld } from './receptions.test-helper.ts';

// Issue 5 item 4: field visits (下访/带案下访/上门走访) on the case — who went, where, with whom they
// spoke, what was promised by when — and the promises' done/undone on the case.

describeEachDialect('field visits and their promises', (env) => {
  it('records a field visit on the case with its promises, timeline entry and audit, and marks a promise done', async () => {
    const w = await receptionWorld(env());
    const handler = await w.people(w.t.townA.id, ['handler']);
    const petition = await register(w.clerk.session, letter(w.t.townA.id));
    const url = `/api/v1/petitions/${petition.id}/field-visits`;
    const res = await w.leader.session.inject({
      method: 'POST',
      url,
      payload: {
        kind: 'with_case',
        on: '2026-10-28',
        place: '东城一村3组张三家',
        visitors: [w.leader.id, handler.id],
        metWith: '信访人张三及其家属',
        promises: [
          { text: '核实补偿款发放名单', dueOn: '2026-11-01' },
          { text: '书面答复补偿标准', dueOn: '2026-11-20' },
        ],
        note: '信访人情绪平稳',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const visit = res.json();
    expect(visit).toMatchObject({ kind: 'with_case', on: '2026-10-28', metWith: '信访人张三及其家属' });
    expect(visit.visitors.map((v: { userId: string }) => v.userId).sort()).toEqual(
      [w.leader.id, handler.id].sort(),
    );
    expect(visit.promises.map((p: { text: string; overdue: boolean }) => [p.text, p.overdue])).toEqual([
      ['核实补偿款发放名单', true],
      ['书面答复补偿标准', false],
    ]);

    const list = await handler.session.inject({ method: 'GET', url });
    expect(list.json().items).toHaveLength(1);
    const c = (await getCase(w.clerk.session, petition.id)).json();
    const entry = c.events.find((e: { action: string }) => e.action === 'field_visit');
    expect(entry.note).toContain('带案下访');
    expect(entry.note).toContain('东城一村3组张三家');
    expect(entry.note).toContain('书面答复补偿标准（2026-11-20前）');

    const promises = (
      await w.clerk.session.inject({ method: 'GET', url: `/api/v1/petitions/${petition.id}/promises` })
    ).json().items;
    expect(promises.map((p: { dueOn: string }) => p.dueOn)).toEqual(['2026-11-01', '2026-11-20']);
    const doneUrl = `/api/v1/petitions/${petition.id}/promises/${promises[0].id}/done`;
    const done = await handler.session.inject({ method: 'POST', url: doneUrl, payload: {} });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ done: true, doneOn: '2026-11-02', overdue: false });
    expect((await handler.session.inject({ method: 'POST', url: doneUrl, payload: {} })).statusCode).toBe(
      409,
    );
    const after = (await getCase(w.clerk.session, petition.id)).json();
    expect(after.events.some((e: { action: string }) => e.action === 'promise_done')).toBe(true);
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', petition.id)
      .where('action', 'like', 'field_visit.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['field_visit.promise_done', 'field_visit.record']);
  });

  it('answers 400, 403, 404 and 422 for wrong field visits', async () => {
    const w = await receptionWorld(env());
    const petition = await register(w.clerk.session, letter(w.t.townA.id));
    const url = `/api/v1/petitions/${petition.id}/field-visits`;
    const body = {
      kind: 'home',
      on: '2026-11-02',
      place: '东城二村',
      visitors: [w.clerk.id],
      metWith: '村支书',
      promises: [],
      note: '',
    };
    const post = (s: typeof w.clerk, over: Record<string, unknown>, to = url) =>
      s.session.inject({ method: 'POST', url: to, payload: { ...body, ...over } });
    expect((await post(w.clerk, { kind: 'walk' })).statusCode).toBe(400);
    expect((await post(w.clerk, { on: '2026-11-03' })).statusCode).toBe(400);
    expect((await post(w.clerk, { promises: [{ text: '回复', dueOn: '2026-11-01' }] })).statusCode).toBe(400);
    expect((await post(w.clerk, { visitors: [] })).statusCode).toBe(400);
    expect((await post(w.clerk, { visitors: ['nobody'] })).statusCode).toBe(422);
    const supervisor = await w.people(w.t.townA.id, ['supervisor']);
    expect((await post(supervisor, {})).statusCode).toBe(403);
    const outside = await w.people(w.t.townB.id, ['clerk']);
    expect((await post(outside, {})).statusCode).toBe(404);
    expect((await outside.session.inject({ method: 'GET', url })).statusCode).toBe(404);
    expect(
      (await outside.session.inject({ method: 'GET', url: `/api/v1/petitions/${petition.id}/promises` }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await w.clerk.session.inject({
          method: 'POST',
          url: `/api/v1/petitions/${petition.id}/promises/nope/done`,
          payload: {},
        })
      ).statusCode,
    ).toBe(404);
  });
});
