import { expect, it } from 'vitest';
import { makeTree, makeUser } from '../../../test/factories.ts';
import { describeEachDialect, login, type TestEnv } from '../../../test/harness.ts';
import type { Role } from '../../platform/http/context.ts';

const ORIGIN = { host: 'localhost:80', origin: 'http://localhost:80' };
const GOOD_PASSWORD = 'Qingshui-2026!';
let seq = 0;

/** A unique, valid username for this test run. */
function uname(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${++seq}`;
}

async function sessionAs(env: TestEnv, unitId: string, roles: Role[]) {
  const u = await makeUser(env, { unitId, roles });
  const s = await login(env.app, u.username, u.password);
  return Object.assign(s, { username: u.username });
}

async function auditOf(env: TestEnv, action: string, subjectId: string) {
  return env.handle.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('subject_id', '=', subjectId)
    .execute();
}

function newUser(unitId: string, roles: Role[], extra: Record<string, unknown> = {}) {
  return { username: uname('u'), password: GOOD_PASSWORD, name: '张晓红', unitId, roles, ...extra };
}

describeEachDialect('org: users', (env) => {
  it('answers 401 to every user endpoint without a session', async () => {
    const t = await makeTree(env());
    const target = await makeUser(env(), { unitId: t.townA.id, roles: ['clerk'] });
    const calls = [
      { method: 'GET' as const, url: '/api/v1/users' },
      { method: 'GET' as const, url: '/api/v1/users?pageSize=9999' },
      { method: 'GET' as const, url: `/api/v1/users/${target.id}` },
      { method: 'POST' as const, url: '/api/v1/users', payload: newUser(t.townA.id, ['clerk']) },
      { method: 'PATCH' as const, url: `/api/v1/users/${target.id}`, payload: { disabled: true } },
      { method: 'PUT' as const, url: `/api/v1/users/${target.id}/roles`, payload: { roles: ['leader'] } },
      { method: 'POST' as const, url: `/api/v1/users/${target.id}/unlock` },
    ];
    for (const c of calls) {
      const res = await env().app.inject({ ...c, headers: ORIGIN });
      expect(res.statusCode, `${c.method} ${c.url}`).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('documents the organisation routes in the OpenAPI document', async () => {
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const p of [
      '/api/v1/units',
      '/api/v1/units/{id}',
      '/api/v1/users',
      '/api/v1/users/{id}',
      '/api/v1/users/{id}/roles',
      '/api/v1/users/{id}/unlock',
      '/api/v1/leadership-groups',
      '/api/v1/leadership-groups/{id}',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
    const params = doc.paths['/api/v1/users'].get.parameters.map((x: { name: string }) => x.name);
    expect(params).toEqual(
      expect.arrayContaining(['unitId', 'q', 'role', 'includeDisabled', 'page', 'pageSize']),
    );
  });

  it('creates a user without revealing the password, audited, who must change it at first login', async () => {
    const t = await makeTree(env());
    const admin = await sessionAs(env(), t.county.id, ['sysadmin']);
    const body = newUser(t.villageA1.id, ['clerk', 'handler', 'clerk']);
    const res = await admin.inject({ method: 'POST', url: '/api/v1/users', payload: body });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({
      username: body.username,
      name: '张晓红',
      unitId: t.villageA1.id,
      unitName: '东城一村',
      roles: ['clerk', 'handler'],
      disabled: false,
      locked: false,
      totpEnabled: false,
      mustChangePassword: true,
      abilities: { edit: true, grantRoles: true, resetPassword: true, disable: true },
    });
    expect(JSON.stringify(user)).not.toContain(GOOD_PASSWORD);
    expect(JSON.stringify(user)).not.toContain('argon2');

    const audit = await auditOf(env(), 'user.create', user.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(admin.userId);
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toEqual({
      username: body.username,
      name: '张晓红',
      unitId: t.villageA1.id,
      roles: ['clerk', 'handler'],
    });
    expect(audit[0]?.after_json).not.toContain(GOOD_PASSWORD);

    const s = await login(env().app, body.username, GOOD_PASSWORD);
    const me = await s.inject({ method: 'GET', url: '/api/v1/me' });
    expect(me.json()).toMatchObject({ unitId: t.villageA1.id, mustChangePassword: true });
  });

  it('rejects bad user bodies with 400', async () => {
    const t = await makeTree(env());
    const admin = await sessionAs(env(), t.county.id, ['sysadmin']);
    const bad = [
      newUser(t.townA.id, ['clerk'], { username: 'ab' }),
      newUser(t.townA.id, ['clerk'], { username: 'has space' }),
      newUser(t.townA.id, ['clerk'], { username: '张三' }),
      newUser(t.townA.id, ['clerk'], { username: 'a'.repeat(33) }),
      newUser(t.townA.id, []),
      newUser(t.townA.id, ['mayor' as Role]),
      newUser(t.townA.id, ['clerk'], { name: ' ' }),
      newUser(t.townA.id, ['clerk'], { unitId: undefined }),
    ];
    for (const payload of bad) {
      const res = await admin.inject({ method: 'POST', url: '/api/v1/users', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });

  it('refuses account creation to staff without the right (403) and outside scope (404)', async () => {
    const t = await makeTree(env());
    const leader = await sessionAs(env(), t.townA.id, ['leader', 'clerk']);
    const res = await leader.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser(t.villageA1.id, ['clerk']),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');

    const adminB = await sessionAs(env(), t.townB.id, ['unit_admin']);
    const hidden = await adminB.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser(t.villageA1.id, ['clerk']),
    });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('not_found');

    const grantUnitAdmin = await adminB.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser(t.villageB1.id, ['unit_admin']),
    });
    expect(grantUnitAdmin.statusCode).toBe(403);
    const ok = await adminB.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser(t.villageB1.id, ['clerk']),
    });
    expect(ok.statusCode).toBe(201);
  });

  it('keeps the three administrators apart: sysadmin cannot create them, secadmin can, never two in one', async () => {
    const t = await makeTree(env());
    const sys = await sessionAs(env(), t.county.id, ['sysadmin']);
    for (const role of ['sysadmin', 'secadmin', 'auditor'] as Role[]) {
      const res = await sys.inject({
        method: 'POST',
        url: '/api/v1/users',
        payload: newUser(t.county.id, [role]),
      });
      expect(res.statusCode, role).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const sec = await sessionAs(env(), t.county.id, ['secadmin']);
    const auditor = await sec.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser(t.county.id, ['auditor']),
    });
    expect(auditor.statusCode).toBe(201);
    expect(auditor.json().roles).toEqual(['auditor']);
    const two = await sec.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser(t.county.id, ['sysadmin', 'auditor']),
    });
    expect(two.statusCode).toBe(422);
    expect(two.json().error.code).toBe('role_separation');
  });

  it('refuses a weak password (422) and a taken username (409)', async () => {
    const t = await makeTree(env());
    const admin = await sessionAs(env(), t.county.id, ['sysadmin']);
    const weak = await admin.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser(t.townA.id, ['clerk'], { password: 'short1' }),
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.code).toBe('password_policy');
    expect(weak.json().error.message).toContain('10');
    const lower = await admin.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser(t.townA.id, ['clerk'], { password: 'onlylowercaseletters' }),
    });
    expect(lower.statusCode).toBe(422);

    const taken = await admin.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser(t.townA.id, ['clerk'], { username: admin.username }),
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('conflict');
    expect(taken.json().error.message).toContain(admin.username);
  });

  it('creates one account for a retried request with the same Idempotency-Key', async () => {
    const t = await makeTree(env());
    const admin = await sessionAs(env(), t.county.id, ['sysadmin']);
    const payload = newUser(t.townA.id, ['clerk']);
    const req = {
      method: 'POST' as const,
      url: '/api/v1/users',
      headers: { 'idempotency-key': `user-${payload.username}` },
      payload,
    };
    const first = await admin.inject(req);
    const second = await admin.inject(req);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(await auditOf(env(), 'user.create', first.json().id)).toHaveLength(1);
  });

  it('lists users in scope only: a village sees its village, a township its villages, siblings nothing', async () => {
    const t = await makeTree(env());
    const inVillage = await makeUser(env(), { unitId: t.villageA1.id, roles: ['handler'] });
    const inVillage2 = await makeUser(env(), { unitId: t.villageA2.id, roles: ['handler'] });
    const inTownB = await makeUser(env(), { unitId: t.villageB1.id, roles: ['handler'] });
    const villageClerk = await sessionAs(env(), t.villageA1.id, ['clerk']);
    const townClerk = await sessionAs(env(), t.townA.id, ['clerk']);
    const siblingClerk = await sessionAs(env(), t.townB.id, ['clerk']);

    const ids = async (s: Awaited<ReturnType<typeof sessionAs>>) => {
      const res = await s.inject({ method: 'GET', url: '/api/v1/users?pageSize=200' });
      expect(res.statusCode).toBe(200);
      return (res.json().items as Array<{ id: string }>).map((u) => u.id).sort();
    };
    expect(await ids(villageClerk)).toEqual([inVillage.id, villageClerk.userId].sort());
    expect(await ids(townClerk)).toEqual(
      [inVillage.id, inVillage2.id, townClerk.userId, villageClerk.userId].sort(),
    );
    expect(await ids(siblingClerk)).toEqual([inTownB.id, siblingClerk.userId].sort());

    for (const id of [inVillage.id, townClerk.userId]) {
      const res = await siblingClerk.inject({ method: 'GET', url: `/api/v1/users/${id}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const up = await villageClerk.inject({ method: 'GET', url: `/api/v1/users/${townClerk.userId}` });
    expect(up.statusCode).toBe(404);
    const own = await townClerk.inject({ method: 'GET', url: `/api/v1/users/${inVillage.id}` });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      id: inVillage.id,
      unitName: '东城一村',
      roles: ['handler'],
      abilities: { edit: false, grantRoles: false, resetPassword: false, disable: false },
    });
  });

  it('filters and pages the user list in the query', async () => {
    const t = await makeTree(env());
    const admin = await sessionAs(env(), t.townA.id, ['unit_admin']);
    const a = await makeUser(env(), { unitId: t.villageA1.id, roles: ['leader'], name: '王建国' });
    const b = await makeUser(env(), {
      unitId: t.villageA1.id,
      roles: ['clerk'],
      name: '李秀英',
      username: `li_xy${Date.now().toString(36)}`,
    });
    await makeUser(env(), { unitId: t.villageA2.id, roles: ['clerk'], name: '王芳' });
    const get = (qs: string) => admin.inject({ method: 'GET', url: `/api/v1/users?${qs}` });

    const byName = (await get(`q=${encodeURIComponent('王')}`)).json();
    expect(byName.total).toBe(2);
    expect(byName.items.map((u: { name: string }) => u.name).sort()).toEqual(['王建国', '王芳'].sort());
    const byUsername = (await get(`q=${a.username.toUpperCase()}`)).json();
    expect(byUsername.items.map((u: { id: string }) => u.id)).toEqual([a.id]);
    const wildcard = (await get('q=%25')).json();
    expect(wildcard.total).toBe(0);
    const underscored = (await get('q=_')).json();
    expect(underscored.items.map((u: { id: string }) => u.id)).toEqual([b.id]);
    const leaders = (await get('role=leader')).json();
    expect(leaders.items.map((u: { id: string }) => u.id)).toEqual([a.id]);
    const inVillage = (await get(`unitId=${t.villageA1.id}`)).json();
    expect(inVillage.total).toBe(2);
    const inTown = (await get(`unitId=${t.townA.id}`)).json();
    expect(inTown.items.map((u: { id: string }) => u.id)).toEqual([admin.userId]);
    const subtree = (await get(`unitId=${t.townA.id}&subtree=true`)).json();
    expect(subtree.total).toBe(4);

    const page1 = (await get('pageSize=3&page=1')).json();
    const page2 = (await get('pageSize=3&page=2')).json();
    expect(page1.total).toBe(4);
    expect(page1.items).toHaveLength(3);
    expect(page2.items).toHaveLength(1);
    const all = [...page1.items, ...page2.items].map((u: { id: string }) => u.id);
    expect(new Set(all).size).toBe(4);

    expect((await get(`unitId=${t.townB.id}`)).statusCode).toBe(404);
    for (const qs of ['pageSize=201', 'page=0', 'role=mayor', 'includeDisabled=maybe']) {
      const res = await get(qs);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });

  it('edits a user, audited, and disabling ends their sessions and hides them by default', async () => {
    const t = await makeTree(env());
    const admin = await sessionAs(env(), t.county.id, ['sysadmin']);
    const target = await makeUser(env(), { unitId: t.villageA1.id, roles: ['clerk'] });
    const targetSession = await login(env().app, target.username, target.password);
    expect((await targetSession.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);

    const moved = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/users/${target.id}`,
      payload: { name: '赵敏', unitId: t.villageA2.id },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ name: '赵敏', unitId: t.villageA2.id, unitName: '东城二村' });
    const update = await auditOf(env(), 'user.update', target.id);
    expect(JSON.parse(update[0]?.before_json ?? '{}')).toMatchObject({ unitId: t.villageA1.id });
    expect(JSON.parse(update[0]?.after_json ?? '{}')).toMatchObject({ name: '赵敏', unitId: t.villageA2.id });

    const disabled = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/users/${target.id}`,
      payload: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().disabled).toBe(true);
    expect((await targetSession.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const open = await env()
      .handle.db.selectFrom('sessions')
      .select('id')
      .where('user_id', '=', target.id)
      .where('ended_at', 'is', null)
      .execute();
    expect(open).toHaveLength(0);
    expect(await auditOf(env(), 'user.disable', target.id)).toHaveLength(1);

    const list = (
      await admin.inject({ method: 'GET', url: `/api/v1/users?unitId=${t.villageA2.id}` })
    ).json();
    expect(list.items.map((u: { id: string }) => u.id)).not.toContain(target.id);
    const withDisabled = (
      await admin.inject({
        method: 'GET',
        url: `/api/v1/users?unitId=${t.villageA2.id}&includeDisabled=true`,
      })
    ).json();
    expect(withDisabled.items.map((u: { id: string }) => u.id)).toContain(target.id);
  });

  it('guards user edits: 400, 403 for self, for a clerk and for an administrator account, 404 out of scope', async () => {
    const t = await makeTree(env());
    const admin = await sessionAs(env(), t.county.id, ['sysadmin']);
    const target = await makeUser(env(), { unitId: t.townA.id, roles: ['clerk'] });
    const patch = (s: typeof admin, id: string, payload: unknown) =>
      s.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, payload: payload as object });

    expect((await patch(admin, target.id, {})).statusCode).toBe(400);
    expect((await patch(admin, target.id, { disabled: 'yes' })).statusCode).toBe(400);
    const self = await patch(admin, admin.userId, { disabled: true });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toContain('自己');

    const clerk = await sessionAs(env(), t.townA.id, ['clerk']);
    expect((await patch(clerk, target.id, { name: '改名' })).statusCode).toBe(403);

    const sec = await makeUser(env(), { unitId: t.county.id, roles: ['secadmin'] });
    expect((await patch(admin, sec.id, { disabled: true })).statusCode).toBe(403);

    const adminB = await sessionAs(env(), t.townB.id, ['unit_admin']);
    expect((await patch(adminB, target.id, { name: '改名' })).statusCode).toBe(404);
    const elsewhere = await makeUser(env(), { unitId: t.villageB1.id, roles: ['clerk'] });
    const moveOut = await patch(adminB, elsewhere.id, { unitId: t.villageA1.id });
    expect(moveOut.statusCode).toBe(404);
  });

  it('changes roles only within what the actor may grant, audited with before and after', async () => {
    const t = await makeTree(env());
    const sys = await sessionAs(env(), t.county.id, ['sysadmin']);
    const sec = await sessionAs(env(), t.county.id, ['secadmin']);
    const target = await makeUser(env(), { unitId: t.townA.id, roles: ['clerk'] });
    const put = (s: typeof sys, id: string, roles: unknown) =>
      s.inject({ method: 'PUT', url: `/api/v1/users/${id}/roles`, payload: { roles } });

    const ok = await put(sys, target.id, ['handler', 'leader']);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles).toEqual(['handler', 'leader']);
    const audit = await auditOf(env(), 'user.roles_change', target.id);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.before_json ?? '{}')).toEqual({ roles: ['clerk'] });
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toEqual({ roles: ['handler', 'leader'] });

    for (const role of ['sysadmin', 'secadmin', 'auditor']) {
      const res = await put(sys, target.id, ['handler', role]);
      expect(res.statusCode, role).toBe(403);
    }
    const granted = await put(sec, target.id, ['auditor']);
    expect(granted.statusCode).toBe(200);
    expect(granted.json().roles).toEqual(['auditor']);
    const two = await put(sec, target.id, ['auditor', 'secadmin']);
    expect(two.statusCode).toBe(422);
    expect(two.json().error.code).toBe('role_separation');
    const stillOne = await sec.inject({ method: 'GET', url: `/api/v1/users/${target.id}` });
    expect(stillOne.json().roles).toEqual(['auditor']);
    // Now an administrator: sysadmin may not touch its roles at all.
    expect((await put(sys, target.id, ['auditor', 'clerk'])).statusCode).toBe(403);
    expect((await put(sec, sec.userId, ['secadmin', 'clerk'])).statusCode).toBe(403);
  });

  it('guards role changes: 400 bad roles, 403 clerk, 404 out of scope', async () => {
    const t = await makeTree(env());
    const sys = await sessionAs(env(), t.county.id, ['sysadmin']);
    const target = await makeUser(env(), { unitId: t.villageA1.id, roles: ['clerk'] });
    const put = (s: typeof sys, id: string, body: unknown) =>
      s.inject({ method: 'PUT', url: `/api/v1/users/${id}/roles`, payload: body as object });
    expect((await put(sys, target.id, { roles: [] })).statusCode).toBe(400);
    expect((await put(sys, target.id, { roles: ['king'] })).statusCode).toBe(400);
    expect((await put(sys, target.id, {})).statusCode).toBe(400);
    const clerk = await sessionAs(env(), t.townA.id, ['clerk']);
    expect((await put(clerk, target.id, { roles: ['leader'] })).statusCode).toBe(403);
    const adminB = await sessionAs(env(), t.townB.id, ['unit_admin']);
    expect((await put(adminB, target.id, { roles: ['leader'] })).statusCode).toBe(404);
    const unitAdmin = await sessionAs(env(), t.townA.id, ['unit_admin']);
    expect((await put(unitAdmin, target.id, { roles: ['clerk', 'unit_admin'] })).statusCode).toBe(403);
    expect((await put(unitAdmin, target.id, { roles: ['clerk', 'handler'] })).statusCode).toBe(200);
  });

  it('unlocks an account locked by failed logins, audited; 403 for others, 404 out of scope', async () => {
    const t = await makeTree(env());
    const target = await makeUser(env(), { unitId: t.villageA1.id, roles: ['clerk'] });
    for (let i = 0; i < 5; i++) {
      await env().app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: ORIGIN,
        payload: { username: target.username, password: 'Wrong-password-1' },
      });
    }
    const refused = await env().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: ORIGIN,
      payload: { username: target.username, password: target.password },
    });
    expect(refused.statusCode).toBe(423);

    const sys = await sessionAs(env(), t.county.id, ['sysadmin']);
    const shown = await sys.inject({ method: 'GET', url: `/api/v1/users/${target.id}` });
    expect(shown.json()).toMatchObject({ locked: true, lockedUntil: expect.any(String) });

    const clerk = await sessionAs(env(), t.townA.id, ['clerk', 'unit_admin']);
    expect(
      (await clerk.inject({ method: 'POST', url: `/api/v1/users/${target.id}/unlock` })).statusCode,
    ).toBe(403);
    const other = await sessionAs(env(), t.townB.id, ['secadmin']);
    expect(
      (await other.inject({ method: 'POST', url: `/api/v1/users/${target.id}/unlock` })).statusCode,
    ).toBe(404);
    expect((await sys.inject({ method: 'POST', url: '/api/v1/users/bad%20id/unlock' })).statusCode).toBe(400);

    const res = await sys.inject({ method: 'POST', url: `/api/v1/users/${target.id}/unlock` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: target.id, locked: false, lockedUntil: null });
    const audit = await auditOf(env(), 'user.unlock', target.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(sys.userId);
    const oneMoreMistake = await env().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: ORIGIN,
      payload: { username: target.username, password: 'Wrong-password-1' },
    });
    expect(oneMoreMistake.statusCode).toBe(401);
    await login(env().app, target.username, target.password);
  });
});
