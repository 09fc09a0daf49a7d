import { expect, it } from 'vitest';
import { makeTree, makeUnit, makeUser } from '../../../test/factories.ts';
import { describeEachDialect, login } from '../../../test/harness.ts';

const MINUTE = 60_000;

describeEachDialect('auth: sessions, CSRF and /me', (env) => {
  it('ends a session after 30 idle minutes', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    const s = await login(env().app, u.username, u.password);
    env().clock.advance(29 * MINUTE);
    expect((await s.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    env().clock.advance(29 * MINUTE);
    expect((await s.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    env().clock.advance(30 * MINUTE + 1000);
    const res = await s.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
    // Expired for good: coming back right away does not revive it.
    expect((await s.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('ends a session 12 hours after login even with activity every 20 minutes', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    const s = await login(env().app, u.username, u.password);
    for (let i = 1; i <= 35; i++) {
      env().clock.advance(20 * MINUTE);
      expect((await s.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    }
    env().clock.advance(21 * MINUTE);
    const res = await s.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('logs out with 204, clears the cookie, and the old cookie no longer works', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    const s = await login(env().app, u.username, u.password);
    const out = await s.inject({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^huiyin_session=;.*Expires=Thu, 01 Jan 1970/);
    const replay = await s.inject({ method: 'GET', url: '/api/v1/me' });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('unauthenticated');
    const replayPost = await s.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: u.password, newPassword: 'Another-Pass-2026' },
    });
    expect(replayPost.statusCode).toBe(401);
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select(['actor_id'])
      .where('action', '=', 'auth.logout')
      .where('subject_id', '=', u.id)
      .execute();
    expect(audit).toEqual([{ actor_id: u.id }]);
  });

  it('answers logout without a session with 204', async () => {
    const res = await env().app.inject({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(res.statusCode).toBe(204);
  });

  it('rejects a state-changing request with the cookie but no or a foreign Origin', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    const s = await login(env().app, u.username, u.password);
    const body = { currentPassword: 'Wrong-Password-1', newPassword: 'Another-Pass-2026' };
    for (const origin of [
      undefined,
      'http://evil.example',
      'https://localhost:80',
      'http://localhost:8080',
    ]) {
      const res = await env().app.inject({
        method: 'POST',
        url: '/api/v1/me/password',
        headers: { host: 'localhost:80', cookie: s.cookie, ...(origin ? { origin } : {}) },
        payload: body,
      });
      expect(res.statusCode, `origin ${origin}`).toBe(403);
      expect(res.json().error.code).toBe('csrf_rejected');
    }
    const logout = await env().app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { host: 'localhost:80', cookie: s.cookie },
    });
    expect(logout.statusCode).toBe(403);
    // The refused logout did not end the session; the same origin passes the guard.
    const same = await s.inject({ method: 'POST', url: '/api/v1/me/password', payload: body });
    expect(same.statusCode).toBe(422);
    expect(same.json().error.code).toBe('wrong_password');
    // Reads are not subject to the rule.
    const read = await env().app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { host: 'localhost:80', cookie: s.cookie, origin: 'http://evil.example' },
    });
    expect(read.statusCode).toBe(200);
  });

  it('does not apply the origin rule to a request without the cookie (login)', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    const res = await env().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'http://elsewhere.example' },
      payload: { username: u.username, password: u.password },
    });
    expect(res.statusCode).toBe(200);
  });

  it('answers GET /api/v1/me with the user, unit, flags and abilities', async () => {
    const t = await makeTree(env());
    const admin = await makeUser(env(), { unitId: t.county.id, roles: ['sysadmin'], name: '系统管理员甲' });
    const s = await login(env().app, admin.username, admin.password);
    const res = await s.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: admin.id,
      username: admin.username,
      name: '系统管理员甲',
      unitId: t.county.id,
      unitName: '测试县',
      roles: ['sysadmin'],
      mustChangePassword: false,
      totpEnabled: false,
      twoFactorRequired: false,
      abilities: expect.objectContaining({
        manageUnits: true,
        manageUsers: true,
        grantableRoles: expect.arrayContaining(['clerk', 'unit_admin']),
        readAudit: false,
      }),
    });
    expect(res.json().abilities.grantableRoles).not.toContain('sysadmin');
  });

  it('answers GET /api/v1/me without a session with 401 unauthenticated', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
    const bogus = await env().app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: 'huiyin_session=not-a-real-token' },
    });
    expect(bogus.statusCode).toBe(401);
  });

  it('ends the sessions of a disabled account', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    const s = await login(env().app, u.username, u.password);
    await env().handle.db.updateTable('users').set({ disabled: 1 }).where('id', '=', u.id).execute();
    expect((await s.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('documents every auth route in the OpenAPI document', async () => {
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const p of [
      '/api/v1/auth/login',
      '/api/v1/auth/logout',
      '/api/v1/auth/second-factor/enroll',
      '/api/v1/auth/second-factor/activate',
      '/api/v1/auth/second-factor/verify',
      '/api/v1/auth/second-factor/disable',
      '/api/v1/me',
      '/api/v1/me/password',
      '/api/v1/users/{id}/reset-password',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});
