import fc from 'fast-check';
import { expect, it } from 'vitest';
import { makeTree, makeUser } from './factories.ts';
import { describeEachDialect, login } from './harness.ts';

// Reliability promise "hostile input: never a 5xx": every route of the OpenAPI document gets
// arbitrary JSON bodies, query strings and path ids, from a session that may use most of them.

const junk = fc.oneof(
  fc.jsonValue(),
  fc.string(),
  fc.constantFrom(
    '',
    '\u0000',
    "'; DROP TABLE users; --",
    '<script>alert(1)</script>',
    '9'.repeat(400),
    '../../etc/passwd',
    '𠀀𠀁',
    '2026-02-30',
  ),
);

describeEachDialect('hostile input', (env) => {
  it('no route answers 5xx to arbitrary bodies, queries and ids', async () => {
    const t = await makeTree(env());
    const admin = await makeUser(env(), { unitId: t.county.id, roles: ['sysadmin'] });
    const session = await login(env().app, admin.username, admin.password);
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        // Logging out, or five wrong current passwords (a lockout), would end the session the
        // rest of the run needs; those routes have their own tests.
        .filter(
          () =>
            !['/api/v1/auth/logout', '/api/v1/me/password', '/api/v1/auth/second-factor/disable'].includes(
              path,
            ),
        )
        .map((method) => ({ method: method.toUpperCase(), path })),
    );
    expect(routes.length).toBeGreaterThan(15);
    const failures: string[] = [];
    for (const route of routes) {
      await fc
        .assert(
          fc.asyncProperty(
            junk,
            fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 }), { maxKeys: 4 }),
            fc.oneof(fc.string({ maxLength: 40 }), fc.constant(t.villageA1.id), fc.constant(admin.id)),
            async (body, query, id) => {
              const url = route.path.replace(/\{[^}]+\}/g, encodeURIComponent(id) || 'x');
              const qs = new URLSearchParams(query).toString();
              const res = await session.inject({
                method: route.method as 'GET',
                url: qs ? `${url}?${qs}` : url,
                ...(route.method === 'GET'
                  ? {}
                  : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
              });
              if (res.statusCode >= 500)
                failures.push(
                  `${route.method} ${route.path} ${JSON.stringify(body).slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`,
                );
              return res.statusCode < 500;
            },
          ),
          { numRuns: 25, seed: 20261129 },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
    // The session survived the whole run, so every route was reached with it.
    expect((await session.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
  }, 180_000);
});
