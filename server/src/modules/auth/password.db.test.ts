import { expect, it } from 'vitest';
import { makeTree, makeUnit, makeUser, TEST_PASSWORD } from '../../../test/factories.ts';
import { describeEachDialect, login, type TestEnv } from '../../../test/harness.ts';
import { passwordProblems } from './password.ts';
import { resetPassword } from './use-cases/reset-password.ts';

const MINUTE = 60_000;

function attempt(env: TestEnv, username: string, password: string) {
  return env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
}

async function auditRows(env: TestEnv, subjectId: string, action: string) {
  return env.handle.db
    .selectFrom('audit_log')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .where('action', '=', action)
    .execute();
}

describeEachDialect('auth: passwords', (env) => {
  it('changes the own password, keeps this session and ends the others', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    await env()
      .handle.db.updateTable('users')
      .set({ must_change_password: 1 })
      .where('id', '=', u.id)
      .execute();
    const other = await login(env().app, u.username, u.password);
    const s = await login(env().app, u.username, u.password);
    expect((await s.inject({ method: 'GET', url: '/api/v1/me' })).json().mustChangePassword).toBe(true);

    const res = await s.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Brand-New-Pass-1' },
    });
    expect(res.statusCode).toBe(204);
    const me = await s.inject({ method: 'GET', url: '/api/v1/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json().mustChangePassword).toBe(false);
    expect((await other.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await attempt(env(), u.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await attempt(env(), u.username, 'Brand-New-Pass-1')).statusCode).toBe(200);
    const [audit] = await auditRows(env(), u.id, 'user.password_change');
    expect(audit).toMatchObject({ actor_id: u.id });
    expect(audit?.after_json).not.toContain('Brand-New');
  });

  it('answers 422 wrong_password for a wrong current password and keeps the session', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    const s = await login(env().app, u.username, u.password);
    const res = await s.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: 'Not-My-Password-1', newPassword: 'Brand-New-Pass-1' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('wrong_password');
    expect((await s.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    expect(await auditRows(env(), u.id, 'auth.password_check_failed')).toHaveLength(1);
    expect((await attempt(env(), u.username, 'Brand-New-Pass-1')).statusCode).toBe(401);
  });

  it('locks the account and ends its sessions after 5 wrong current passwords', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    const s = await login(env().app, u.username, u.password);
    env().clock.advance(1000);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await s.inject({
        method: 'POST',
        url: '/api/v1/me/password',
        payload: { currentPassword: `Guess-Number-${i}`, newPassword: 'Brand-New-Pass-1' },
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([422, 422, 422, 422, 423]);
    expect((await s.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await attempt(env(), u.username, TEST_PASSWORD)).statusCode).toBe(423);
  });

  it('refuses a new password that breaks the policy with 422 password_policy listing the problems', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    const s = await login(env().app, u.username, u.password);
    for (const weak of ['Short-1a', 'alllowercaseletters', 'ALLUPPER12345']) {
      const res = await s.inject({
        method: 'POST',
        url: '/api/v1/me/password',
        payload: { currentPassword: TEST_PASSWORD, newPassword: weak },
      });
      expect(res.statusCode, weak).toBe(422);
      expect(res.json().error.code).toBe('password_policy');
      expect(res.json().error.details.problems).toEqual(passwordProblems(weak));
    }
    expect((await attempt(env(), u.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses any of the last 5 passwords and allows an older one', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    const s = await login(env().app, u.username, u.password);
    const change = (currentPassword: string, newPassword: string) =>
      s.inject({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword, newPassword } });
    let current = TEST_PASSWORD;
    const used: string[] = [];
    for (let i = 1; i <= 5; i++) {
      env().clock.advance(1000);
      const next = `History-Pass-${i}x`;
      expect((await change(current, next)).statusCode).toBe(204);
      used.push(next);
      current = next;
    }
    // The last five are History-Pass-1x … 5x (the current one included).
    for (const old of used) {
      const res = await change(current, old);
      expect(res.statusCode, old).toBe(422);
      expect(res.json().error.code).toBe('password_policy');
    }
    env().clock.advance(1000);
    expect((await change(current, TEST_PASSWORD)).statusCode).toBe(204);
  });

  it('answers 401 without a session and 400 naming a missing field', async () => {
    const none = await env().app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: 'a', newPassword: 'b' },
    });
    expect(none.statusCode).toBe(401);
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    const s = await login(env().app, u.username, u.password);
    const res = await s.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.details.issues[0].field).toBe('body.newPassword');
  });
});

describeEachDialect('auth: password reset', (env) => {
  it('gives an in-scope user a new password to change at next login and ends their sessions', async () => {
    const t = await makeTree(env());
    const admin = await makeUser(env(), { unitId: t.county.id, roles: ['sysadmin'] });
    const target = await makeUser(env(), { unitId: t.villageA1.id, roles: ['clerk'] });
    const targetSession = await login(env().app, target.username, target.password);
    const s = await login(env().app, admin.username, admin.password);

    const res = await s.inject({ method: 'POST', url: `/api/v1/users/${target.id}/reset-password` });
    expect(res.statusCode).toBe(200);
    const { password } = res.json();
    expect(passwordProblems(password)).toEqual([]);
    expect((await targetSession.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await attempt(env(), target.username, TEST_PASSWORD)).statusCode).toBe(401);
    const again = await attempt(env(), target.username, password);
    expect(again.statusCode).toBe(200);
    expect(again.json().user.mustChangePassword).toBe(true);
    const [audit] = await auditRows(env(), target.id, 'user.password_reset');
    expect(audit).toMatchObject({ actor_id: admin.id, unit_id: t.villageA1.id });
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it('lifts a lockout, and the old failures do not relock the account', async () => {
    const t = await makeTree(env());
    const admin = await makeUser(env(), { unitId: t.county.id, roles: ['unit_admin'] });
    const target = await makeUser(env(), { unitId: t.townB.id, roles: ['handler'] });
    for (let i = 0; i < 5; i++) await attempt(env(), target.username, 'Wrong-Password-1');
    expect((await attempt(env(), target.username, TEST_PASSWORD)).statusCode).toBe(423);
    const s = await login(env().app, admin.username, admin.password);
    const { password } = (
      await s.inject({ method: 'POST', url: `/api/v1/users/${target.id}/reset-password` })
    ).json();
    env().clock.advance(1000);
    expect((await attempt(env(), target.username, 'Wrong-Password-1')).statusCode).toBe(401);
    expect((await attempt(env(), target.username, password)).statusCode).toBe(200);
  });

  it('answers 404 for a user outside the caller’s scope', async () => {
    const t = await makeTree(env());
    const townAdmin = await makeUser(env(), { unitId: t.townB.id, roles: ['unit_admin'] });
    const elsewhere = await makeUser(env(), { unitId: t.villageA1.id, roles: ['clerk'] });
    const s = await login(env().app, townAdmin.username, townAdmin.password);
    for (const id of [elsewhere.id, 'no-such-user']) {
      const res = await s.inject({ method: 'POST', url: `/api/v1/users/${id}/reset-password` });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await attempt(env(), elsewhere.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('answers 403 when the caller may not edit that account', async () => {
    const t = await makeTree(env());
    const clerk = await makeUser(env(), { unitId: t.county.id, roles: ['clerk'] });
    const sysadmin = await makeUser(env(), { unitId: t.county.id, roles: ['sysadmin'] });
    const secadmin = await makeUser(env(), { unitId: t.county.id, roles: ['secadmin'] });
    const villager = await makeUser(env(), { unitId: t.villageB1.id, roles: ['clerk'] });
    const cases: Array<[{ username: string; password: string }, string]> = [
      [clerk, villager.id],
      [sysadmin, secadmin.id],
      [sysadmin, sysadmin.id],
    ];
    for (const [actor, targetId] of cases) {
      const s = await login(env().app, actor.username, actor.password);
      const res = await s.inject({ method: 'POST', url: `/api/v1/users/${targetId}/reset-password` });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    // Only the security administrator resets an administrator's password.
    const s = await login(env().app, secadmin.username, secadmin.password);
    expect(
      (await s.inject({ method: 'POST', url: `/api/v1/users/${sysadmin.id}/reset-password` })).statusCode,
    ).toBe(200);
  });

  it('answers 401 without a session and 400 for an empty id or a malformed body', async () => {
    const none = await env().app.inject({ method: 'POST', url: '/api/v1/users/x/reset-password' });
    expect(none.statusCode).toBe(401);
    const t = await makeTree(env());
    const admin = await makeUser(env(), { unitId: t.county.id, roles: ['sysadmin'] });
    const s = await login(env().app, admin.username, admin.password);
    const empty = await s.inject({ method: 'POST', url: '/api/v1/users//reset-password' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.issues[0].field).toBe('params.id');
    const res = await s.inject({
      method: 'POST',
      url: `/api/v1/users/${admin.id}/reset-password`,
      headers: { 'content-type': 'application/json' },
      payload: '{"x":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('body');
  });

  it('resets from the command line, audited as cli', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['secadmin'] });
    const s = await login(env().app, u.username, u.password);
    env().clock.advance(MINUTE);
    const { password } = await env()
      .handle.db.transaction()
      .execute((trx) => resetPassword({ ...env().ctx(), db: trx }, u.id));
    expect((await s.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await attempt(env(), u.username, password)).json().user.mustChangePassword).toBe(true);
    const [audit] = await auditRows(env(), u.id, 'user.password_reset');
    expect(audit).toMatchObject({ actor_id: null, actor_name: 'cli' });
  });
});
