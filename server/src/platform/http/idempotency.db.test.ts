import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { insertUnit } from '../../modules/org/org.repository.ts';
import { recordAudit } from '../audit/audit.ts';
import { newId } from '../crypto/ids.ts';
import { created } from './request-context.ts';

describeEachDialect('Idempotency-Key on creates', (env) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const { config, handle, clock } = env();
    app = await buildApp({ config, handle, clock });
    // A create route like every other: one transaction, a record and its audit entry.
    app.post('/api/test/units', async (req, reply) =>
      created(req, reply, async (ctx) => {
        const unit = await insertUnit(ctx.db, {
          id: newId(),
          name: (req.body as { name: string }).name,
          kind: 'county',
          parent: null,
          acceptsOnline: true,
          createdAt: ctx.clock.now().toISOString(),
        });
        await recordAudit(ctx, { action: 'unit.create', subjectType: 'unit', subjectId: unit.id });
        return { id: unit.id, name: unit.name };
      }),
    );
    app.post('/api/test/other', async (req, reply) => created(req, reply, async () => ({ other: true })));
    await app.ready();
  });

  const count = async (name: string) =>
    Number(
      (
        await env()
          .handle.db.selectFrom('units')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('a retry with the same key returns the first result and creates nothing new', async () => {
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/api/test/units',
        headers: { 'idempotency-key': 'k-retry' },
        payload: { name: '重试单位' },
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replay']).toBe('true');
    expect(await count('重试单位')).toBe(1);
    // An anonymous caller (a citizen on the portal) is known by a keyed hash, never by address.
    const scopes = await env()
      .handle.db.selectFrom('idempotency_keys')
      .select('scope')
      .where('key', '=', 'k-retry')
      .execute();
    expect(scopes).toHaveLength(1);
    expect(scopes[0]?.scope).toMatch(/^ip:[0-9a-f]{64}$/);
    expect(scopes[0]?.scope).not.toContain('127.0.0.1');
  });

  it('concurrent requests with one key create one record', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        app.inject({
          method: 'POST',
          url: '/api/test/units',
          headers: { 'idempotency-key': 'k-race' },
          payload: { name: '并发单位' },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await count('并发单位')).toBe(1);
  });

  it('different keys create different records; no key always creates', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/test/units',
      headers: { 'idempotency-key': 'k-a' },
      payload: { name: '多键单位' },
    });
    await app.inject({
      method: 'POST',
      url: '/api/test/units',
      headers: { 'idempotency-key': 'k-b' },
      payload: { name: '多键单位' },
    });
    await app.inject({ method: 'POST', url: '/api/test/units', payload: { name: '多键单位' } });
    expect(await count('多键单位')).toBe(3);
  });

  it('a key reused for another path is refused with 400', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/test/units',
      headers: { 'idempotency-key': 'k-path' },
      payload: { name: '路径单位' },
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/test/other',
      headers: { 'idempotency-key': 'k-path' },
      payload: {},
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});
