import { expect, it } from 'vitest';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../../test/factories.ts';
import { describeEachDialect, type Session, type TestEnv } from '../../../test/harness.ts';
import type { Role } from '../../platform/http/context.ts';
import { totpAt } from './totp.ts';

const MINUTE = 60_000;
const STEP = 30_000;
const ORIGIN = 'http://localhost:80';

/** Logs in and returns the answer together with a session helper for its cookie. */
async function start(env: TestEnv, username: string, password = TEST_PASSWORD) {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { origin: ORIGIN, host: 'localhost:80' },
    payload: { username, password },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = String(res.headers['set-cookie']).split(';')[0] as string;
  const session: Session = {
    cookie,
    userId: res.json().user.id,
    inject: (opts) =>
      env.app.inject({
        ...opts,
        headers: { host: 'localhost:80', origin: ORIGIN, cookie, ...(opts.headers as object | undefined) },
      } as never),
  };
  return { body: res.json(), session };
}

async function newUser(env: TestEnv, roles: Role[]) {
  const unit = await makeUnit(env);
  return makeUser(env, { unitId: unit.id, roles });
}

/** Enrols and activates TOTP for the user through the API; returns the secret and recovery codes. */
async function withTotp(env: TestEnv, username: string) {
  const { session } = await start(env, username);
  const { secret } = (
    await session.inject({ method: 'POST', url: '/api/v1/auth/second-factor/enroll' })
  ).json();
  const act = await session.inject({
    method: 'POST',
    url: '/api/v1/auth/second-factor/activate',
    payload: { code: totpAt(secret, env.clock.now()) },
  });
  expect(act.statusCode, act.body).toBe(200);
  await session.inject({ method: 'POST', url: '/api/v1/auth/logout' });
  // Let the activation's step pass, so the next code is a fresh one.
  env.clock.advance(STEP);
  return { secret: secret as string, recoveryCodes: act.json().recoveryCodes as string[] };
}

async function actions(env: TestEnv, userId: string) {
  const rows = await env.handle.db
    .selectFrom('audit_log')
    .select('action')
    .where('subject_id', '=', userId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

const code =
  (env: TestEnv, offsetMs = 0) =>
  (secret: string) =>
    totpAt(secret, new Date(env.clock.now().getTime() + offsetMs));

describeEachDialect(
  'auth: second factor (HUIYIN_2FA=admins)',
  (env) => {
    it('makes an administrator enrol before anything else, then activates TOTP with recovery codes', async () => {
      const admin = await newUser(env(), ['sysadmin']);
      const { body, session } = await start(env(), admin.username);
      expect(body.secondFactor).toBe('enroll');
      expect(body.user).toMatchObject({ twoFactorRequired: true, totpEnabled: false });

      for (const [method, url] of [
        ['GET', '/api/v1/me'],
        ['POST', '/api/v1/me/password'],
        ['POST', '/api/v1/auth/second-factor/disable'],
      ] as const) {
        const res = await session.inject({
          method,
          url,
          payload: method === 'POST' ? { currentPassword: 'x', newPassword: 'y', password: 'z' } : undefined,
        });
        expect(res.statusCode, url).toBe(401);
        expect(res.json().error.code).toBe('second_factor_required');
      }
      const early = await session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/verify',
        payload: { code: '123456' },
      });
      expect(early.statusCode).toBe(409);

      const enroll = await session.inject({ method: 'POST', url: '/api/v1/auth/second-factor/enroll' });
      expect(enroll.statusCode).toBe(200);
      const { secret, otpauthUri, qrDataUrl } = enroll.json();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(otpauthUri).toBe(`otpauth://totp/Huiyin:${admin.username}?secret=${secret}&issuer=Huiyin`);
      expect(qrDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);

      const row = await env()
        .handle.db.selectFrom('users')
        .select(['totp_secret', 'totp_enabled'])
        .where('id', '=', admin.id)
        .executeTakeFirstOrThrow();
      expect(row.totp_enabled).toBe(0);
      expect(row.totp_secret).toMatch(/^v1\./);
      expect(row.totp_secret).not.toContain(secret);

      const wrong = await session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/activate',
        payload: { code: code(env(), 5 * STEP)(secret) },
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe('invalid_second_factor');

      const act = await session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/activate',
        payload: { code: code(env())(secret) },
      });
      expect(act.statusCode).toBe(200);
      const codes: string[] = act.json().recoveryCodes;
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      for (const c of codes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}$/);
      const stored = await env()
        .handle.db.selectFrom('recovery_codes')
        .select('code_hash')
        .where('user_id', '=', admin.id)
        .execute();
      expect(stored).toHaveLength(10);
      for (const s of stored) expect(s.code_hash).toMatch(/^[0-9a-f]{64}$/);

      const me = await session.inject({ method: 'GET', url: '/api/v1/me' });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ totpEnabled: true, twoFactorRequired: true });
      expect(await actions(env(), admin.id)).toEqual([
        'auth.login',
        'auth.2fa_enroll',
        'auth.2fa_failed',
        'auth.2fa_activate',
      ]);
    });

    it('asks an enrolled administrator to verify, accepts ±1 step and refuses a reused step', async () => {
      const admin = await newUser(env(), ['secadmin']);
      const { secret } = await withTotp(env(), admin.username);

      const { body, session } = await start(env(), admin.username);
      expect(body.secondFactor).toBe('verify');
      expect((await session.inject({ method: 'GET', url: '/api/v1/me' })).json().error.code).toBe(
        'second_factor_required',
      );
      const far = await session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/verify',
        payload: { code: code(env(), 2 * STEP)(secret) },
      });
      expect(far.statusCode).toBe(401);
      expect(far.json().error.code).toBe('invalid_second_factor');
      const next = await session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/verify',
        payload: { code: code(env(), STEP)(secret) },
      });
      expect(next.statusCode).toBe(200);
      expect(next.json().user).toMatchObject({ id: admin.id, totpEnabled: true });
      expect((await session.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
      const again = await session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/verify',
        payload: { code: code(env())(secret) },
      });
      expect(again.statusCode).toBe(409);

      // The step used above (now + 1) cannot be used again, not even by a new login.
      const second = await start(env(), admin.username);
      const reuse = await second.session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/verify',
        payload: { code: code(env(), STEP)(secret) },
      });
      expect(reuse.statusCode).toBe(401);
      // Two steps later the used step is the previous one, still refused; one more and the
      // previous step is a fresh one, accepted within the ±1 window.
      env().clock.advance(2 * STEP);
      const stale = await second.session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/verify',
        payload: { code: code(env(), -STEP)(secret) },
      });
      expect(stale.statusCode).toBe(401);
      env().clock.advance(STEP);
      const previous = await second.session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/verify',
        payload: { code: code(env(), -STEP)(secret) },
      });
      expect(previous.statusCode).toBe(200);

      const log = await actions(env(), admin.id);
      expect(log.filter((a) => a === 'auth.2fa_verify')).toHaveLength(2);
      expect(log.filter((a) => a === 'auth.2fa_failed')).toHaveLength(3);
    });

    it('accepts a recovery code once, in any case and with or without the hyphen', async () => {
      const admin = await newUser(env(), ['auditor']);
      const { recoveryCodes } = await withTotp(env(), admin.username);
      const [first] = recoveryCodes as [string];
      const a = await start(env(), admin.username);
      const res = await a.session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/verify',
        payload: { code: first.replace('-', '').toUpperCase() },
      });
      expect(res.statusCode).toBe(200);
      expect((await a.session.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
      const used = await env()
        .handle.db.selectFrom('audit_log')
        .select('after_json')
        .where('subject_id', '=', admin.id)
        .where('action', '=', 'auth.recovery_code_used')
        .execute();
      expect(used.map((u) => JSON.parse(u.after_json as string))).toEqual([{ remaining: 9 }]);

      const b = await start(env(), admin.username);
      const again = await b.session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/verify',
        payload: { code: first },
      });
      expect(again.statusCode).toBe(401);
      expect(again.json().error.code).toBe('invalid_second_factor');
    });

    it('counts wrong codes towards the password lockout; logging in again does not reset it', async () => {
      const admin = await newUser(env(), ['sysadmin']);
      const { secret } = await withTotp(env(), admin.username);
      const wrongCode = code(env(), 10 * STEP)(secret);
      const bad = await env().app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: admin.username, password: 'Wrong-Password-1' },
      });
      expect(bad.statusCode).toBe(401);

      const a = await start(env(), admin.username);
      for (let i = 0; i < 2; i++) {
        const res = await a.session.inject({
          method: 'POST',
          url: '/api/v1/auth/second-factor/verify',
          payload: { code: wrongCode },
        });
        expect(res.statusCode).toBe(401);
      }
      await a.session.inject({ method: 'POST', url: '/api/v1/auth/logout' });
      const b = await start(env(), admin.username);
      const fourth = await b.session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/verify',
        payload: { code: 'aaaa-bbbb' },
      });
      expect(fourth.statusCode).toBe(401);
      const fifth = await b.session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/verify',
        payload: { code: wrongCode },
      });
      expect(fifth.statusCode).toBe(423);
      expect(fifth.json().error.code).toBe('account_locked');

      // The lock ends the pending session, and the password no longer opens one.
      const after = await b.session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/verify',
        payload: { code: code(env())(secret) },
      });
      expect(after.statusCode).toBe(401);
      expect(after.json().error.code).toBe('unauthenticated');
      const relogin = await env().app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: admin.username, password: TEST_PASSWORD },
      });
      expect(relogin.statusCode).toBe(423);
      env().clock.advance(15 * MINUTE + 1000);
      const c = await start(env(), admin.username);
      const ok = await c.session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/verify',
        payload: { code: code(env())(secret) },
      });
      expect(ok.statusCode).toBe(200);
      const log = await actions(env(), admin.id);
      expect(log.filter((x) => x === 'auth.2fa_failed')).toHaveLength(4);
      expect(log).toContain('auth.account_locked');
    });

    it('lets a user whom the policy does not oblige switch TOTP on and off', async () => {
      const clerk = await newUser(env(), ['clerk']);
      const first = await start(env(), clerk.username);
      expect(first.body.secondFactor).toBeUndefined();
      expect(first.body.user.twoFactorRequired).toBe(false);
      const { secret } = await withTotp(env(), clerk.username);

      const { body, session } = await start(env(), clerk.username);
      expect(body.secondFactor).toBe('verify');
      const verified = await session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/verify',
        payload: { code: code(env())(secret) },
      });
      expect(verified.statusCode).toBe(200);

      const twice = await session.inject({ method: 'POST', url: '/api/v1/auth/second-factor/enroll' });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.code).toBe('invalid_transition');

      const wrong = await session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/disable',
        payload: { password: 'Wrong-Password-1' },
      });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().error.code).toBe('wrong_password');
      const off = await session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/disable',
        payload: { password: TEST_PASSWORD },
      });
      expect(off.statusCode).toBe(204);
      expect((await session.inject({ method: 'GET', url: '/api/v1/me' })).json().totpEnabled).toBe(false);
      const left = await env()
        .handle.db.selectFrom('recovery_codes')
        .select('id')
        .where('user_id', '=', clerk.id)
        .execute();
      expect(left).toEqual([]);
      expect((await start(env(), clerk.username)).body.secondFactor).toBeUndefined();
      expect(await actions(env(), clerk.id)).toEqual(
        expect.arrayContaining([
          'auth.2fa_enroll',
          'auth.2fa_activate',
          'auth.2fa_verify',
          'auth.2fa_disable',
        ]),
      );
    });

    it('refuses to switch TOTP off for an administrator (403)', async () => {
      const admin = await newUser(env(), ['sysadmin']);
      const { secret } = await withTotp(env(), admin.username);
      const { session } = await start(env(), admin.username);
      await session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/verify',
        payload: { code: code(env())(secret) },
      });
      const res = await session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/disable',
        payload: { password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect((await session.inject({ method: 'GET', url: '/api/v1/me' })).json().totpEnabled).toBe(true);
    });

    it('lets a session that owes its second factor log out', async () => {
      const admin = await newUser(env(), ['sysadmin']);
      const { session } = await start(env(), admin.username);
      expect((await session.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
      const res = await session.inject({ method: 'POST', url: '/api/v1/auth/second-factor/enroll' });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    });

    it('answers 401 without a session and 400 naming the field on a bad body', async () => {
      for (const url of ['enroll', 'activate', 'verify', 'disable']) {
        const res = await env().app.inject({
          method: 'POST',
          url: `/api/v1/auth/second-factor/${url}`,
          payload: { code: '123456', password: 'x' },
        });
        expect(res.statusCode, url).toBe(401);
        expect(res.json().error.code).toBe('unauthenticated');
      }
      const admin = await newUser(env(), ['sysadmin']);
      const { session } = await start(env(), admin.username);
      for (const [url, payload, field] of [
        ['activate', {}, 'body.code'],
        ['verify', { code: '   ' }, 'body.code'],
        ['verify', { code: 'x'.repeat(40) }, 'body.code'],
      ] as const) {
        const res = await session.inject({
          method: 'POST',
          url: `/api/v1/auth/second-factor/${url}`,
          payload,
        });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error.details.issues[0].field).toBe(field);
      }
      const activateFirst = await session.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/activate',
        payload: { code: '123456' },
      });
      expect(activateFirst.statusCode).toBe(409);
    });

    it('lets the security administrator reset a lost authenticator: the user enrols again at the next login', async () => {
      const unit = await makeUnit(env());
      const admin = await makeUser(env(), { unitId: unit.id, roles: ['sysadmin'] });
      const sec = await makeUser(env(), { unitId: unit.id, roles: ['secadmin'] });
      const { secret } = await withTotp(env(), admin.username);
      const { session: secSession } = await start(env(), sec.username);
      const codeNow = code(env());
      await secSession
        .inject({ method: 'POST', url: '/api/v1/auth/second-factor/enroll' })
        .then(async (r) => {
          const act = await secSession.inject({
            method: 'POST',
            url: '/api/v1/auth/second-factor/activate',
            payload: { code: codeNow(r.json().secret) },
          });
          expect(act.statusCode, act.body).toBe(200);
        });
      // The admin's open session ends with the reset.
      const { session: adminSession } = await start(env(), admin.username);
      await adminSession.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor/verify',
        payload: { code: code(env(), STEP)(secret) },
      });
      expect((await adminSession.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);

      const users = await secSession.inject({ method: 'GET', url: `/api/v1/users?unitId=${unit.id}` });
      expect(
        users.json().items.find((u: { id: string }) => u.id === admin.id).abilities.resetSecondFactor,
      ).toBe(true);
      const reset = await secSession.inject({
        method: 'POST',
        url: `/api/v1/users/${admin.id}/reset-second-factor`,
      });
      expect(reset.statusCode, reset.body).toBe(204);
      expect((await adminSession.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
      const again = await start(env(), admin.username);
      expect(again.body.secondFactor).toBe('enroll');
      expect(await actions(env(), admin.id)).toContain('user.2fa_reset');
      const twice = await secSession.inject({
        method: 'POST',
        url: `/api/v1/users/${admin.id}/reset-second-factor`,
      });
      expect(twice.statusCode).toBe(409);
    });

    it('refuses the reset of a second factor to anyone but the security administrator (403), outside scope 404, without session 401', async () => {
      const unit = await makeUnit(env());
      const other = await makeUnit(env());
      const sys = await makeUser(env(), { unitId: unit.id, roles: ['sysadmin'] });
      const target = await makeUser(env(), { unitId: unit.id, roles: ['clerk'] });
      const outsider = await makeUser(env(), { unitId: other.id, roles: ['clerk'] });
      await withTotp(env(), sys.username);
      const { session } = await start(env(), sys.username);
      expect(
        (
          await env().app.inject({
            method: 'POST',
            url: `/api/v1/users/${target.id}/reset-second-factor`,
            headers: { origin: ORIGIN, host: 'localhost:80' },
          })
        ).statusCode,
      ).toBe(401);
      // The sysadmin still owes the TOTP step: nothing but the second-factor endpoints answer.
      expect(
        (await session.inject({ method: 'POST', url: `/api/v1/users/${target.id}/reset-second-factor` }))
          .statusCode,
      ).toBe(401);
      const township = await makeUnit(env(), { parentId: unit.id, kind: 'township' });
      const townAdmin = await makeUser(env(), { unitId: township.id, roles: ['unit_admin'] });
      const { session: ua } = await start(env(), townAdmin.username);
      expect(
        (await ua.inject({ method: 'POST', url: `/api/v1/users/${target.id}/reset-second-factor` }))
          .statusCode,
      ).toBe(404);
      const unitAdmin = await makeUser(env(), { unitId: unit.id, roles: ['unit_admin'] });
      const { session: ua2 } = await start(env(), unitAdmin.username);
      expect(
        (await ua2.inject({ method: 'POST', url: `/api/v1/users/${target.id}/reset-second-factor` }))
          .statusCode,
      ).toBe(403);
      expect(
        (await ua2.inject({ method: 'POST', url: `/api/v1/users/${outsider.id}/reset-second-factor` }))
          .statusCode,
      ).toBe(404);
    });
  },
  { env: { HUIYIN_2FA: 'admins' } },
);

describeEachDialect(
  'auth: second factor (HUIYIN_2FA=all)',
  (env) => {
    it('makes every account enrol', async () => {
      const clerk = await newUser(env(), ['clerk']);
      const { body, session } = await start(env(), clerk.username);
      expect(body.secondFactor).toBe('enroll');
      expect(body.user.twoFactorRequired).toBe(true);
      expect((await session.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    });
  },
  { env: { HUIYIN_2FA: 'all' } },
);

describeEachDialect('auth: second factor (HUIYIN_2FA=off)', (env) => {
  it('asks nobody for a second factor, administrators included', async () => {
    const admin = await newUser(env(), ['sysadmin']);
    const { body, session } = await start(env(), admin.username);
    expect(body.secondFactor).toBeUndefined();
    expect(body.user.twoFactorRequired).toBe(false);
    expect((await session.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
  });
});
