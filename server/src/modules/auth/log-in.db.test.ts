import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../../test/factories.ts';
import { describeEachDialect, type TestEnv } from '../../../test/harness.ts';

const MINUTE = 60_000;

function attempt(env: TestEnv, username: string, password: string) {
  return env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
}

async function auditOf(env: TestEnv, filter: { subjectId?: string; action?: string }) {
  let q = env.handle.db.selectFrom('audit_log').selectAll().orderBy('seq');
  if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId);
  if (filter.action) q = q.where('action', '=', filter.action);
  return q.execute();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

describeEachDialect('auth: login and lockout', (env) => {
  it('answers 200 with the user and an HttpOnly session cookie for the right password', async () => {
    const unit = await makeUnit(env(), { name: '登录测试镇', kind: 'township' });
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    const res = await attempt(env(), u.username, u.password);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: expect.objectContaining({
        id: u.id,
        username: u.username,
        unitId: unit.id,
        unitName: '登录测试镇',
        roles: ['clerk'],
        mustChangePassword: false,
        totpEnabled: false,
        twoFactorRequired: false,
        abilities: expect.objectContaining({ readAudit: false, manageUnits: false }),
      }),
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^huiyin_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    const [login] = await auditOf(env(), { subjectId: u.id, action: 'auth.login' });
    expect(login).toMatchObject({ actor_id: u.id, ip: '127.0.0.1', subject_type: 'user' });
  });

  it('gives the same 401 body for an unknown user and a wrong password, and audits both', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    const wrong = await attempt(env(), u.username, 'Wrong-Password-1');
    const unknown = await attempt(env(), `nobody-${u.username}`, 'Wrong-Password-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const failures = await auditOf(env(), { action: 'auth.login_failed' });
    const mine = failures.filter((f) => (f.after_json ?? '').includes(u.username));
    expect(mine.map((f) => JSON.parse(f.after_json as string).reason).sort()).toEqual([
      'unknown_user',
      'wrong_password',
    ]);
    expect(mine.find((f) => f.subject_id === u.id)?.actor_name).toBe(u.username);
  });

  it('takes similar time for an unknown user and a wrong password', async () => {
    const unit = await makeUnit(env());
    // One user per try, so that no account comes near the lockout.
    const users = await Promise.all(
      [1, 2, 3, 4, 5].map(() => makeUser(env(), { unitId: unit.id, roles: ['clerk'] })),
    );
    await attempt(env(), 'warm-up-user', 'Wrong-Password-1');
    const known: number[] = [];
    const unknown: number[] = [];
    for (const [i, u] of users.entries()) {
      let t = performance.now();
      expect((await attempt(env(), u.username, 'Wrong-Password-1')).statusCode).toBe(401);
      known.push(performance.now() - t);
      t = performance.now();
      expect((await attempt(env(), `ghost-${i}-${u.username}`, 'Wrong-Password-1')).statusCode).toBe(401);
      unknown.push(performance.now() - t);
    }
    const ratio = median(known) / median(unknown);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('locks after 5 failures for 15 minutes, even for the right password, then lets the user in', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    for (let i = 0; i < 4; i++) {
      expect((await attempt(env(), u.username, `Wrong-Password-${i}`)).statusCode).toBe(401);
      env().clock.advance(MINUTE);
    }
    const fifth = await attempt(env(), u.username, 'Wrong-Password-5');
    expect(fifth.statusCode).toBe(423);
    const lockedUntil = new Date(env().clock.now().getTime() + 15 * MINUTE).toISOString();
    expect(fifth.json().error).toMatchObject({ code: 'account_locked', details: { lockedUntil } });

    const right = await attempt(env(), u.username, TEST_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.headers['set-cookie']).toBeUndefined();
    env().clock.advance(14 * MINUTE);
    expect((await attempt(env(), u.username, TEST_PASSWORD)).statusCode).toBe(423);
    env().clock.advance(MINUTE + 1000);
    expect((await attempt(env(), u.username, TEST_PASSWORD)).statusCode).toBe(200);

    const actions = (await auditOf(env(), { subjectId: u.id })).map((a) => a.action);
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(7);
    expect(actions.filter((a) => a === 'auth.account_locked')).toHaveLength(1);
    expect(actions.at(-1)).toBe('auth.login');
    const [locked] = await auditOf(env(), { subjectId: u.id, action: 'auth.account_locked' });
    expect(JSON.parse(locked?.after_json as string)).toMatchObject({ lockedUntil, failures: 5 });
  });

  it('does not count the attempts made while locked towards the next lock', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    for (let i = 0; i < 5; i++) await attempt(env(), u.username, 'Wrong-Password-1');
    env().clock.advance(5 * MINUTE);
    for (let i = 0; i < 5; i++)
      expect((await attempt(env(), u.username, TEST_PASSWORD)).statusCode).toBe(423);
    env().clock.advance(10 * MINUTE + 1000);
    expect((await attempt(env(), u.username, 'Wrong-Password-1')).statusCode).toBe(401);
  });

  it('forgets earlier failures after a successful login', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    for (let i = 0; i < 4; i++) await attempt(env(), u.username, 'Wrong-Password-1');
    env().clock.advance(1000);
    expect((await attempt(env(), u.username, TEST_PASSWORD)).statusCode).toBe(200);
    env().clock.advance(1000);
    for (let i = 0; i < 4; i++)
      expect((await attempt(env(), u.username, 'Wrong-Password-1')).statusCode).toBe(401);
  });

  it('forgets failures older than 15 minutes', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    for (let i = 0; i < 4; i++) await attempt(env(), u.username, 'Wrong-Password-1');
    env().clock.advance(15 * MINUTE + 1000);
    expect((await attempt(env(), u.username, 'Wrong-Password-1')).statusCode).toBe(401);
  });

  it('locks an unknown username exactly like an account, so the lock reveals nothing', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    const ghost = `ghost-${u.username}`;
    const answers = async (name: string) => {
      const out: number[] = [];
      for (let i = 0; i < 6; i++) out.push((await attempt(env(), name, 'Wrong-Password-1')).statusCode);
      return out;
    };
    expect(await answers(u.username)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(await answers(ghost)).toEqual([401, 401, 401, 401, 423, 423]);
    const known = await attempt(env(), u.username, 'x');
    const unknown = await attempt(env(), ghost, 'x');
    expect(Object.keys(unknown.json().error.details)).toEqual(Object.keys(known.json().error.details));
    expect(unknown.json().error.message).toBe(known.json().error.message);
    env().clock.advance(15 * MINUTE + 1000);
    expect((await attempt(env(), ghost, 'Wrong-Password-1')).statusCode).toBe(401);
    expect((await attempt(env(), u.username, 'Wrong-Password-1')).statusCode).toBe(401);
  });

  it('refuses a disabled account with 423 only after the right password', async () => {
    const unit = await makeUnit(env());
    const u = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
    await env().handle.db.updateTable('users').set({ disabled: 1 }).where('id', '=', u.id).execute();
    expect((await attempt(env(), u.username, 'Wrong-Password-1')).json().error.code).toBe(
      'invalid_credentials',
    );
    const res = await attempt(env(), u.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(423);
    expect(res.json().error.code).toBe('account_disabled');
  });

  it('answers 400 validation_failed naming the missing field', async () => {
    const res = await env().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'someone' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.details.issues[0].field).toBe('body.password');
    const blank = await env().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: '   ', password: 'x' },
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details.issues[0].field).toBe('body.username');
  });
});
