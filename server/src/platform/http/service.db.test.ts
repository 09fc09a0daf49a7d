import { expect, it } from 'vitest';
import { makeTree, makeUser } from '../../../test/factories.ts';
import { describeEachDialect, login } from '../../../test/harness.ts';

describeEachDialect('service', (env) => {
  it('answers /api/health with the dialect and version', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      db: env().dialect,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it('serves the OpenAPI document of the routes', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/auth/login');
  });

  it('answers an unknown path with a JSON 404', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('rejects malformed JSON with 400 validation_failed', async () => {
    const res = await env().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('sends the security headers', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('logs in and answers /api/v1/me', async () => {
    const t = await makeTree(env());
    const u = await makeUser(env(), { unitId: t.townA.id, roles: ['clerk'] });
    const s = await login(env().app, u.username, u.password);
    const me = await s.inject({ method: 'GET', url: '/api/v1/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: u.username, unitId: t.townA.id, roles: ['clerk'] });
  });
});
