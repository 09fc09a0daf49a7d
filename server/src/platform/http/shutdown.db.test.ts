import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';

describeEachDialect('graceful shutdown', (env) => {
  it('finishes an in-flight request before closing and refuses new ones', async () => {
    const { config, handle, clock } = env();
    const app = await buildApp({ config, handle, clock });
    let release: () => void = () => {};
    const started = new Promise<void>((resolveStarted) => {
      app.get('/api/test/slow', async () => {
        resolveStarted();
        await new Promise<void>((r) => {
          release = r;
        });
        return { done: true };
      });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const inflight = fetch(`http://127.0.0.1:${port}/api/test/slow`).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));
    await started;
    const closing = app.close();
    const refused = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(refused);
    release();
    expect(await inflight).toEqual({ status: 200, body: { done: true } });
    await closing;
  });
});
