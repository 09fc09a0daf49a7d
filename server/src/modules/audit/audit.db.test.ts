import { afterEach, expect, it } from 'vitest';
import { makeUnit, makeUser } from '../../../test/factories.ts';
import { describeEachDialect, login, TEST_NOW, type TestEnv } from '../../../test/harness.ts';
import { recordAudit } from '../../platform/audit/audit.ts';

let n = 0;

describeEachDialect('audit routes', (env) => {
  afterEach(() => env().clock.set(TEST_NOW));

  async function auditorSession() {
    const unit = await makeUnit(env(), { kind: 'county' });
    const user = await makeUser(env(), { unitId: unit.id, roles: ['auditor'] });
    return login(env().app, user.username, user.password);
  }

  async function record(e: TestEnv, event: Parameters<typeof recordAudit>[1], at?: string) {
    if (at) e.clock.set(at);
    await e.handle.db.transaction().execute((trx) => recordAudit({ ...e.ctx(), db: trx }, event));
  }

  it('answers 401 without a session', async () => {
    for (const url of ['/api/v1/audit', '/api/v1/audit/verify']) {
      const res = await env().app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('answers 403 to every role but the auditor, the system administrator included', async () => {
    const unit = await makeUnit(env(), { kind: 'county' });
    for (const role of ['sysadmin', 'secadmin', 'clerk', 'leader'] as const) {
      const user = await makeUser(env(), { unitId: unit.id, roles: [role] });
      const s = await login(env().app, user.username, user.password);
      for (const url of ['/api/v1/audit', '/api/v1/audit/verify']) {
        const res = await s.inject({ method: 'GET', url });
        expect(res.statusCode, `${role} ${url}`).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
      }
    }
  });

  it('lists entries newest first with who, when, from where, what and before/after', async () => {
    const s = await auditorSession();
    const subject = `u-${++n}`;
    await record(env(), {
      action: 'user.update',
      subjectType: 'user',
      subjectId: subject,
      unitId: 'unit-1',
      before: { name: '张三' },
      after: { name: '张叁' },
      actorId: 'actor-1',
      actorName: '李四',
    });
    await record(env(), { action: 'user.disable', subjectType: 'user', subjectId: subject });
    const res = await s.inject({ method: 'GET', url: `/api/v1/audit?subjectId=${subject}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items.map((i: { action: string }) => i.action)).toEqual(['user.disable', 'user.update']);
    expect(body.items[1]).toEqual({
      id: expect.any(Number),
      at: TEST_NOW,
      actorId: 'actor-1',
      actorName: '李四',
      ip: '127.0.0.1',
      requestId: null,
      action: 'user.update',
      subjectType: 'user',
      subjectId: subject,
      unitId: 'unit-1',
      before: { name: '张三' },
      after: { name: '张叁' },
    });
    expect(body.items[0].id).toBe(body.items[1].id + 1);
  });

  it('shows the auditor the whole institution, logins included', async () => {
    const s = await auditorSession();
    const other = await makeUnit(env(), { kind: 'county', name: `另一县${++n}` });
    const clerk = await makeUser(env(), { unitId: other.id, roles: ['clerk'] });
    await login(env().app, clerk.username, clerk.password);
    const res = await s.inject({ method: 'GET', url: `/api/v1/audit?actorId=${clerk.id}&action=auth.login` });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(1);
    expect(res.json().items[0]).toMatchObject({ actorId: clerk.id, subjectId: clerk.id });
  });

  it('paginates in SQL and filters by action, subject type and actor', async () => {
    const s = await auditorSession();
    const tag = `page-${++n}`;
    for (let i = 1; i <= 5; i++) {
      await record(env(), {
        action: i % 2 ? 'unit.create' : 'unit.update',
        subjectType: tag,
        subjectId: `${tag}-${i}`,
        actorId: i === 5 ? `${tag}-actor` : null,
      });
    }
    const page2 = await s.inject({
      method: 'GET',
      url: `/api/v1/audit?subjectType=${tag}&page=2&pageSize=2`,
    });
    expect(page2.json().total).toBe(5);
    expect(page2.json().items.map((i: { subjectId: string }) => i.subjectId)).toEqual([
      `${tag}-3`,
      `${tag}-2`,
    ]);
    const page3 = await s.inject({
      method: 'GET',
      url: `/api/v1/audit?subjectType=${tag}&page=3&pageSize=2`,
    });
    expect(page3.json().items.map((i: { subjectId: string }) => i.subjectId)).toEqual([`${tag}-1`]);
    const updates = await s.inject({
      method: 'GET',
      url: `/api/v1/audit?subjectType=${tag}&action=unit.update`,
    });
    expect(updates.json().total).toBe(2);
    const byActor = await s.inject({ method: 'GET', url: `/api/v1/audit?actorId=${tag}-actor` });
    expect(byActor.json().items.map((i: { subjectId: string }) => i.subjectId)).toEqual([`${tag}-5`]);
  });

  it('filters by China Standard Time days, both ends inclusive', async () => {
    const s = await auditorSession();
    const tag = `days-${++n}`;
    // 2026-11-01 23:59 and 2026-11-02 00:01 in Beijing, then 2026-11-03 23:59.
    await record(
      env(),
      { action: 'x.a', subjectType: tag, subjectId: 'late-1st' },
      '2026-11-01T15:59:00.000Z',
    );
    await record(
      env(),
      { action: 'x.b', subjectType: tag, subjectId: 'early-2nd' },
      '2026-11-01T16:01:00.000Z',
    );
    await record(
      env(),
      { action: 'x.c', subjectType: tag, subjectId: 'late-3rd' },
      '2026-11-03T15:59:00.000Z',
    );
    env().clock.set(TEST_NOW);
    const ids = async (query: string) =>
      (await s.inject({ method: 'GET', url: `/api/v1/audit?subjectType=${tag}&${query}` }))
        .json()
        .items.map((i: { subjectId: string }) => i.subjectId);
    expect(await ids('from=2026-11-02&to=2026-11-02')).toEqual(['early-2nd']);
    expect(await ids('to=2026-11-01')).toEqual(['late-1st']);
    expect(await ids('from=2026-11-02&to=2026-11-03')).toEqual(['late-3rd', 'early-2nd']);
    expect(await ids('from=2026-11-04')).toEqual([]);
  });

  it('answers 400 naming the field for bad filters', async () => {
    const s = await auditorSession();
    for (const [query, field] of [
      ['from=2026-13-01', 'from'],
      ['to=yesterday', 'to'],
      ['pageSize=500', 'pageSize'],
      ['page=0', 'page'],
      ['from=2026-11-03&to=2026-11-02', 'from'],
    ] as const) {
      const res = await s.inject({ method: 'GET', url: `/api/v1/audit?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(JSON.stringify(res.json().error.details), query).toContain(field);
    }
  });

  it('verifies the chain, and records the verification but not the reading', async () => {
    const s = await auditorSession();
    await s.inject({ method: 'GET', url: '/api/v1/audit?pageSize=1' });
    const countOf = async (action: string) =>
      (await s.inject({ method: 'GET', url: `/api/v1/audit?actorId=${s.userId}&action=${action}` })).json()
        .total;
    const res = await s.inject({ method: 'GET', url: '/api/v1/audit/verify' });
    expect(res.statusCode).toBe(200);
    const total = (await s.inject({ method: 'GET', url: '/api/v1/audit?pageSize=1' })).json().total;
    // Every entry but the verification just recorded was checked.
    expect(res.json()).toEqual({ ok: true, checked: total - 1, anchors: { checked: 0, ok: true } });
    expect(await countOf('audit.verify')).toBe(1);
    expect(await countOf('auth.login')).toBe(1);
    expect((await s.inject({ method: 'GET', url: `/api/v1/audit?actorId=${s.userId}` })).json().total).toBe(
      2,
    );
    const entry = (
      await s.inject({ method: 'GET', url: `/api/v1/audit?actorId=${s.userId}&action=audit.verify` })
    ).json().items[0];
    expect(entry.after).toEqual({ ok: true, checked: total - 1, anchors: { checked: 0, ok: true } });
  });

  it('documents both routes in the OpenAPI document', async () => {
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/audit', '/api/v1/audit/verify']));
  });
});
