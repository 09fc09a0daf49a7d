import { expect, it } from 'vitest';
import { makeTree, makeUser } from '../../../test/factories.ts';
import { describeEachDialect, login, type TestEnv } from '../../../test/harness.ts';
import type { Role } from '../../platform/http/context.ts';

const ORIGIN = { host: 'localhost:80', origin: 'http://localhost:80' };

async function sessionAs(env: TestEnv, unitId: string, roles: Role[]) {
  const u = await makeUser(env, { unitId, roles });
  return login(env.app, u.username, u.password);
}

async function auditOf(env: TestEnv, action: string, subjectId: string) {
  return env.handle.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('subject_id', '=', subjectId)
    .execute();
}

describeEachDialect('org: units', (env) => {
  it('answers 401 to every unit endpoint without a session, before looking at the body', async () => {
    const t = await makeTree(env());
    const { app } = env();
    const calls = [
      { method: 'GET' as const, url: '/api/v1/units' },
      { method: 'GET' as const, url: `/api/v1/units/${t.townA.id}` },
      { method: 'POST' as const, url: '/api/v1/units', payload: { name: '新村', kind: 'village' } },
      { method: 'PATCH' as const, url: `/api/v1/units/${t.townA.id}`, payload: { name: '改名镇' } },
    ];
    for (const c of calls) {
      const res = await app.inject({ ...c, headers: ORIGIN });
      expect(res.statusCode, `${c.method} ${c.url}`).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('shows a village clerk only their village, with its parent id as stored', async () => {
    const t = await makeTree(env());
    const s = await sessionAs(env(), t.villageA1.id, ['clerk']);
    const res = await s.inject({ method: 'GET', url: '/api/v1/units' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [
        {
          id: t.villageA1.id,
          parentId: t.townA.id,
          name: '东城一村',
          kind: 'village',
          acceptsOnline: false,
          abilities: { edit: false, createChild: false },
        },
      ],
      total: 1,
    });
    for (const other of [t.townA, t.villageA2, t.county]) {
      const one = await s.inject({ method: 'GET', url: `/api/v1/units/${other.id}` });
      expect(one.statusCode).toBe(404);
      expect(one.json().error.code).toBe('not_found');
    }
  });

  it('shows a township its villages and never its sibling township', async () => {
    const t = await makeTree(env());
    const a = await sessionAs(env(), t.townA.id, ['handler']);
    const b = await sessionAs(env(), t.townB.id, ['handler']);
    const listA = (await a.inject({ method: 'GET', url: '/api/v1/units' })).json();
    expect(listA.items.map((u: { name: string }) => u.name)).toEqual(['东城镇', '东城一村', '东城二村']);
    const listB = (await b.inject({ method: 'GET', url: '/api/v1/units' })).json();
    expect(listB.items.map((u: { name: string }) => u.name)).toEqual(['西山乡', '西山一村']);
    expect((await b.inject({ method: 'GET', url: `/api/v1/units/${t.townA.id}` })).statusCode).toBe(404);
    expect((await b.inject({ method: 'GET', url: `/api/v1/units/${t.villageA1.id}` })).statusCode).toBe(404);
    expect((await a.inject({ method: 'GET', url: `/api/v1/units/${t.villageB1.id}` })).statusCode).toBe(404);
    const own = await a.inject({ method: 'GET', url: `/api/v1/units/${t.villageA2.id}` });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: t.villageA2.id, parentId: t.townA.id, name: '东城二村' });
  });

  it('gives the county sysadmin the whole tree with edit and create abilities', async () => {
    const t = await makeTree(env());
    const s = await sessionAs(env(), t.county.id, ['sysadmin']);
    const res = await s.inject({ method: 'GET', url: '/api/v1/units' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ id: string; abilities: unknown; acceptsOnline: boolean }>;
    expect(items).toHaveLength(7);
    expect(items[0]).toMatchObject({ id: t.county.id, parentId: null, kind: 'county' });
    expect(items.find((u) => u.id === t.dept.id)).toMatchObject({
      acceptsOnline: true,
      abilities: { edit: true, createChild: true },
    });
  });

  it('filters the unit list by kind, and rejects an unknown kind or a malformed id with 400', async () => {
    const t = await makeTree(env());
    const s = await sessionAs(env(), t.county.id, ['sysadmin']);
    const towns = await s.inject({ method: 'GET', url: '/api/v1/units?kind=township' });
    expect(
      towns
        .json()
        .items.map((u: { id: string }) => u.id)
        .sort(),
    ).toEqual([t.townA.id, t.townB.id].sort());
    const badKind = await s.inject({ method: 'GET', url: '/api/v1/units?kind=province' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.code).toBe('validation_failed');
    const res = await s.inject({ method: 'GET', url: '/api/v1/units/not%20an%20id' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('creates units with kind defaults for acceptsOnline, audited', async () => {
    const t = await makeTree(env());
    const s = await sessionAs(env(), t.county.id, ['sysadmin']);
    const town = await s.inject({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: '  南湖街道 ', kind: 'township', parentId: t.county.id },
    });
    expect(town.statusCode).toBe(201);
    expect(town.json()).toMatchObject({
      parentId: t.county.id,
      name: '南湖街道',
      kind: 'township',
      acceptsOnline: true,
      abilities: { edit: true, createChild: true },
    });
    const village = await s.inject({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: '南湖社区', kind: 'village', parentId: town.json().id },
    });
    expect(village.statusCode).toBe(201);
    expect(village.json()).toMatchObject({ kind: 'village', acceptsOnline: false });
    const office = await s.inject({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: '南湖信访办', kind: 'office', parentId: town.json().id, acceptsOnline: true },
    });
    expect(office.json()).toMatchObject({ acceptsOnline: true, abilities: { createChild: false } });

    const audit = await auditOf(env(), 'unit.create', town.json().id);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toEqual({
      name: '南湖街道',
      kind: 'township',
      parentId: t.county.id,
      acceptsOnline: true,
    });
    const list = (await s.inject({ method: 'GET', url: '/api/v1/units' })).json();
    expect(list.total).toBe(10);
  });

  it('lets a unit_admin create below their own unit', async () => {
    const t = await makeTree(env());
    const s = await sessionAs(env(), t.townA.id, ['unit_admin']);
    const res = await s.inject({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: '东城三村', kind: 'village', parentId: t.townA.id },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ abilities: { edit: true } });
  });

  it('rejects bad unit bodies with 400 naming the field', async () => {
    const t = await makeTree(env());
    const s = await sessionAs(env(), t.county.id, ['sysadmin']);
    const bad = [
      { name: '', kind: 'township', parentId: t.county.id },
      { name: '   ', kind: 'township', parentId: t.county.id },
      { name: '镇'.repeat(61), kind: 'township', parentId: t.county.id },
      { name: '某镇', kind: 'province', parentId: t.county.id },
      { name: '某镇', kind: 'township' },
      { name: '某镇', kind: 'township', parentId: t.county.id, acceptsOnline: 'yes' },
    ];
    for (const payload of bad) {
      const res = await s.inject({ method: 'POST', url: '/api/v1/units', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const res = await s.inject({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: '', kind: 'township', parentId: t.county.id },
    });
    expect(res.json().error.message).toContain('body.name');
  });

  it('forbids creating units to staff without the right (403) and hides other subtrees (404)', async () => {
    const t = await makeTree(env());
    const clerk = await sessionAs(env(), t.townA.id, ['clerk', 'leader']);
    const forbidden = await clerk.inject({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: '东城四村', kind: 'village', parentId: t.townA.id },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('forbidden');

    const adminB = await sessionAs(env(), t.townB.id, ['unit_admin']);
    const hidden = await adminB.inject({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: '东城五村', kind: 'village', parentId: t.townA.id },
    });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('not_found');
  });

  it('refuses a kind the parent cannot have (422) and a duplicate sibling name (409)', async () => {
    const t = await makeTree(env());
    const s = await sessionAs(env(), t.county.id, ['sysadmin']);
    const wrong = await s.inject({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: '某县', kind: 'county', parentId: t.villageA1.id },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toMatchObject({ code: 'invalid_hierarchy' });
    expect(wrong.json().error.message).toContain('东城一村');
    const villageUnderCounty = await s.inject({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: '直属村', kind: 'village', parentId: t.county.id },
    });
    expect(villageUnderCounty.statusCode).toBe(422);

    const dup = await s.inject({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: '东城一村', kind: 'village', parentId: t.townA.id },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('conflict');
    expect(dup.json().error.message).toContain('东城一村');
    const sameNameElsewhere = await s.inject({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: '东城一村', kind: 'village', parentId: t.townB.id },
    });
    expect(sameNameElsewhere.statusCode).toBe(201);
  });

  it('creates one unit for a retried request with the same Idempotency-Key', async () => {
    const t = await makeTree(env());
    const s = await sessionAs(env(), t.county.id, ['sysadmin']);
    const req = {
      method: 'POST' as const,
      url: '/api/v1/units',
      headers: { 'idempotency-key': `unit-${t.county.id}` },
      payload: { name: '重试镇', kind: 'township', parentId: t.county.id },
    };
    const first = await s.inject(req);
    const second = await s.inject(req);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    const units = await env()
      .handle.db.selectFrom('units')
      .select('id')
      .where('name', '=', '重试镇')
      .where('parent_id', '=', t.county.id)
      .execute();
    expect(units).toHaveLength(1);
  });

  it('renames a unit and switches online petitions, audited with before and after', async () => {
    const t = await makeTree(env());
    const s = await sessionAs(env(), t.county.id, ['sysadmin']);
    const res = await s.inject({
      method: 'PATCH',
      url: `/api/v1/units/${t.villageA2.id}`,
      payload: { name: '东城新村', acceptsOnline: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: t.villageA2.id, name: '东城新村', acceptsOnline: true });
    const again = await s.inject({ method: 'GET', url: `/api/v1/units/${t.villageA2.id}` });
    expect(again.json()).toMatchObject({ name: '东城新村', acceptsOnline: true });
    const audit = await auditOf(env(), 'unit.update', t.villageA2.id);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.before_json ?? '{}')).toMatchObject({
      name: '东城二村',
      acceptsOnline: false,
    });
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({ name: '东城新村', acceptsOnline: true });
  });

  it('guards unit edits: 400 empty, 403 not allowed, 404 out of scope, 409 sibling name', async () => {
    const t = await makeTree(env());
    const admin = await sessionAs(env(), t.townA.id, ['unit_admin']);
    const empty = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/units/${t.villageA1.id}`,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    const own = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/units/${t.townA.id}`,
      payload: { name: '东城街道' },
    });
    expect(own.statusCode).toBe(403);
    const clerk = await sessionAs(env(), t.townA.id, ['clerk']);
    const byClerk = await clerk.inject({
      method: 'PATCH',
      url: `/api/v1/units/${t.villageA1.id}`,
      payload: { name: '改名村' },
    });
    expect(byClerk.statusCode).toBe(403);
    const sibling = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/units/${t.villageB1.id}`,
      payload: { name: '改名村' },
    });
    expect(sibling.statusCode).toBe(404);
    const dup = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/units/${t.villageA1.id}`,
      payload: { name: '东城二村' },
    });
    expect(dup.statusCode).toBe(409);
    const ok = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/units/${t.villageA1.id}`,
      payload: { name: '东城一社区' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().name).toBe('东城一社区');
  });
});
