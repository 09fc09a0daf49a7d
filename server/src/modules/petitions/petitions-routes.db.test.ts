import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { act, getCase, letter, petitionWorld, register } from './petitions.test-helper.ts';

// 401 / 400 / 403 / 404 / 2xx of every petitions route (those of registration and reveal are in
// their own files), and the category dictionary.

describeEachDialect('petitions: routes', (env) => {
  it('answers each case route with 401, 400, 403, 404 and 200 where they apply', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const handler = await w.people(w.t.townA.id, ['handler']);
    const stranger = await w.people(w.t.townB.id, ['clerk']);
    const { id } = await register(clerk.session, letter(w.t.townA.id));
    const anonymous = (method: 'GET' | 'POST', url: string, payload?: object) =>
      env().app.inject({ method, url, ...(payload ? { payload } : {}) });

    // GET /api/v1/petitions
    expect((await anonymous('GET', '/api/v1/petitions')).statusCode).toBe(401);
    expect(
      (await clerk.session.inject({ method: 'GET', url: '/api/v1/petitions?pageSize=500' })).statusCode,
    ).toBe(400);
    expect(
      (await clerk.session.inject({ method: 'GET', url: '/api/v1/petitions?status=lost' })).statusCode,
    ).toBe(400);
    expect(
      (await clerk.session.inject({ method: 'GET', url: `/api/v1/petitions?unitId=${w.t.townB.id}` }))
        .statusCode,
    ).toBe(404);
    const list = await clerk.session.inject({ method: 'GET', url: '/api/v1/petitions?status=registered' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({
      id,
      status: 'registered',
      statusLabel: '已登记',
      unitName: '东城镇',
      category: '征地拆迁',
      nextDue: { kind: 'acceptance' },
      overdue: false,
      handlerName: null,
    });

    // GET /api/v1/petitions/{id}
    expect((await anonymous('GET', `/api/v1/petitions/${id}`)).statusCode).toBe(401);
    expect((await getCase(clerk.session, 'bad id!')).statusCode).toBe(400);
    expect((await getCase(stranger.session, id)).statusCode).toBe(404);
    expect((await getCase(clerk.session, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const detail = await getCase(clerk.session, id);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      id,
      queryCode: expect.stringMatching(/^[2-9A-Z]{12}$/),
      documents: [],
    });
    expect((await getCase(handler.session, id)).json().queryCode).toBeNull();

    // POST /api/v1/petitions/{id}/actions
    expect(
      (await anonymous('POST', `/api/v1/petitions/${id}/actions`, { action: 'accept' })).statusCode,
    ).toBe(401);
    expect((await act(clerk.session, id, { action: 'accept', on: 'today' })).statusCode).toBe(400);
    expect((await act(clerk.session, id, { action: 'redirect', route: 'court', note: 'x' })).statusCode).toBe(
      400,
    );
    expect((await act(handler.session, id, { action: 'accept' })).statusCode).toBe(403);
    expect((await act(stranger.session, id, { action: 'accept' })).statusCode).toBe(404);
    expect((await act(clerk.session, id, { action: 'accept' })).statusCode).toBe(200);

    // GET …/transfer-targets and …/handler-candidates
    for (const side of ['transfer-targets', 'handler-candidates']) {
      const url = `/api/v1/petitions/${id}/${side}`;
      expect((await anonymous('GET', url)).statusCode, side).toBe(401);
      expect((await handler.session.inject({ method: 'GET', url })).statusCode, side).toBe(403);
      expect((await stranger.session.inject({ method: 'GET', url })).statusCode, side).toBe(404);
      expect((await clerk.session.inject({ method: 'GET', url })).statusCode, side).toBe(200);
    }

    // GET …/receipt (受理凭证 with the query code: clerks and leaders)
    const receipt = `/api/v1/petitions/${id}/receipt`;
    expect((await anonymous('GET', receipt)).statusCode).toBe(401);
    expect((await handler.session.inject({ method: 'GET', url: receipt })).statusCode).toBe(403);
    expect((await stranger.session.inject({ method: 'GET', url: receipt })).statusCode).toBe(404);
    const printed = await clerk.session.inject({ method: 'GET', url: receipt });
    expect(printed.statusCode).toBe(200);
    expect(printed.headers['content-type']).toContain('text/html');
    expect(printed.headers['cache-control']).toContain('no-store');
    expect(printed.body).toContain(detail.json().queryCode);
    expect(printed.body).not.toContain('330102199001011234');

    // POST …/interests
    const interests = `/api/v1/petitions/${id}/interests`;
    expect((await anonymous('POST', interests, { reason: '亲属' })).statusCode).toBe(401);
    expect((await handler.session.inject({ method: 'POST', url: interests, payload: {} })).statusCode).toBe(
      400,
    );
    expect(
      (await stranger.session.inject({ method: 'POST', url: interests, payload: { reason: '亲属' } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await handler.session.inject({ method: 'POST', url: interests, payload: { reason: '亲属' } }))
        .statusCode,
    ).toBe(201);
  });

  it('lists newest first, pages, searches title, content and demands literally, and filters overdue cases', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townB.id, ['clerk']);
    const old = await register(
      clerk.session,
      letter(w.t.townB.id, { receivedOn: '2026-09-01', title: '旧的 100%事项' }),
    );
    const mid = await register(
      clerk.session,
      letter(w.t.townB.id, { receivedOn: '2026-10-01', demands: '要求修复水渠' }),
    );
    const fresh = await register(clerk.session, letter(w.t.townB.id, { receivedOn: '2026-11-01' }));
    const get = async (qs: string) =>
      (await clerk.session.inject({ method: 'GET', url: `/api/v1/petitions?${qs}` })).json();
    expect((await get('')).items.map((i: { id: string }) => i.id)).toEqual([fresh.id, mid.id, old.id]);
    const page2 = await get('pageSize=2&page=2');
    expect(page2).toMatchObject({ total: 3, items: [{ id: old.id }] });
    expect((await get('q=100%25')).items.map((i: { id: string }) => i.id)).toEqual([old.id]);
    // Punctuation alone cannot be searched for: a clear 400, not every case.
    const bare = await clerk.session.inject({ method: 'GET', url: '/api/v1/petitions?q=%25' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.code).toBe('validation_failed');
    expect((await get('q=修复水渠')).items.map((i: { id: string }) => i.id)).toEqual([mid.id]);
    // 2026-09-01 → acceptance due 2026-09-16, long past on 2026-11-02; 2026-10-01 → due 2026-10-16.
    const overdue = await get('overdue=true');
    expect(overdue.items.map((i: { id: string }) => i.id)).toEqual([mid.id, old.id]);
    expect(overdue.items[0]).toMatchObject({ overdue: true, dueSoon: false });
    const byDue = await get('sort=nextDue');
    expect(byDue.items.map((i: { id: string }) => i.id)).toEqual([old.id, mid.id, fresh.id]);
    const c = (await getCase(clerk.session, old.id)).json();
    expect(c.deadlines.find((d: { kind: string }) => d.kind === 'acceptance').status).toBe('overdue');
  });

  it('lets county leaders and unit administrators keep the category dictionary; others read it', async () => {
    const w = await petitionWorld(env());
    const countyLeader = await w.people(w.t.county.id, ['leader']);
    const townLeader = await w.people(w.t.townA.id, ['leader', 'clerk']);
    const auditor = await w.people(w.t.county.id, ['auditor']);
    const url = '/api/v1/petition-categories';
    expect((await env().app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await auditor.session.inject({ method: 'GET', url })).statusCode).toBe(403);
    expect(
      (await townLeader.session.inject({ method: 'GET', url: `${url}?includeInactive=maybe` })).statusCode,
    ).toBe(400);
    const seeded = (await townLeader.session.inject({ method: 'GET', url })).json();
    expect(seeded.items.map((c: { name: string }) => c.name).slice(0, 3)).toEqual([
      '劳资纠纷',
      '征地拆迁',
      '问题楼盘',
    ]);
    expect(seeded.items.map((c: { name: string }) => c.name)).toContain('涉军(退役军人)');
    expect(seeded.items[0].abilities.edit).toBe(false);

    const name = `物业管理${Date.now().toString(36)}`;
    expect((await townLeader.session.inject({ method: 'POST', url, payload: { name } })).statusCode).toBe(
      403,
    );
    expect(
      (await countyLeader.session.inject({ method: 'POST', url, payload: { name: '' } })).statusCode,
    ).toBe(400);
    const created = await countyLeader.session.inject({ method: 'POST', url, payload: { name } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name, active: true, abilities: { edit: true } });
    expect((await countyLeader.session.inject({ method: 'POST', url, payload: { name } })).statusCode).toBe(
      409,
    );

    const catId = created.json().id;
    const c = await register(townLeader.session, letter(w.t.townA.id, { category: name }));
    const patch = (s: typeof countyLeader.session, id: string, payload: object) =>
      s.inject({ method: 'PATCH', url: `${url}/${id}`, payload });
    expect((await patch(townLeader.session, catId, { active: false })).statusCode).toBe(403);
    expect((await patch(countyLeader.session, catId, {})).statusCode).toBe(400);
    expect((await patch(countyLeader.session, 'no-such-category', { active: false })).statusCode).toBe(404);
    const renamed = await patch(countyLeader.session, catId, { name: `${name}纠纷`, active: false });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: `${name}纠纷`, active: false });
    expect((await getCase(townLeader.session, c.id)).json().category).toBe(`${name}纠纷`);
    const refused = await townLeader.session.inject({
      method: 'POST',
      url: '/api/v1/petitions',
      payload: letter(w.t.townA.id, { category: `${name}纠纷` }),
    });
    expect(refused.statusCode).toBe(422);
    const all = (
      await townLeader.session.inject({ method: 'GET', url: `${url}?includeInactive=true` })
    ).json();
    expect(all.items.map((x: { id: string }) => x.id)).toContain(catId);
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', catId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['petition_category.create', 'petition_category.update']);
  });
});
