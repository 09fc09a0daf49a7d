import { expect, it } from 'vitest';
import { makeTree, makeUser } from '../../test/factories.ts';
import { describeEachDialect, login } from '../../test/harness.ts';
import { resetPasswordCommand } from './reset-password.ts';
import { runCommand } from './run-command.test-helper.ts';

describeEachDialect('huiyin reset-password', (env) => {
  it('gives a locked-out user a new password shown once, ends their sessions and audits it as cli', async () => {
    const { app } = env();
    const tree = await makeTree(env());
    const user = await makeUser(env(), { unitId: tree.townA.id, roles: ['clerk'], username: 'resetclerk' });
    const session = await login(app, user.username, user.password);
    const attempt = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { origin: 'http://localhost:80', host: 'localhost:80' },
        payload: { username: user.username, password },
      });
    for (let i = 0; i < 5; i++) {
      env().clock.advance(1000);
      await attempt('Wrong-Password-1');
    }
    env().clock.advance(1000);
    expect((await attempt(user.password)).statusCode).toBe(423);

    const r = await runCommand(resetPasswordCommand, env().config, [user.username], env().clock);
    expect(r.code, r.out).toBe(0);
    const password = /（只显示这一次）: (\S+)/.exec(r.out)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(10);

    expect((await session.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await attempt(user.password)).statusCode).toBe(401);
    const fresh = await login(app, user.username, password);
    const me = await fresh.inject({ method: 'GET', url: '/api/v1/me' });
    expect(me.json()).toMatchObject({ username: 'resetclerk', mustChangePassword: true });

    const entry = await env()
      .handle.db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.password_reset')
      .where('subject_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(entry.actor_id).toBeNull();
    expect(entry.actor_name).toBe('cli');
    expect(entry.after_json ?? '').not.toContain(password);
  });

  it('says so when there is no such user, and needs exactly one username', async () => {
    const missing = await runCommand(resetPasswordCommand, env().config, ['nobody-here']);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('nobody-here');
    expect((await runCommand(resetPasswordCommand, env().config, [])).code).toBe(1);
  });
});
