import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, type TestEnv } from '../../../test/harness.ts';
import { letter, petitionWorld, register } from '../../modules/petitions/petitions.test-helper.ts';
import { claimJob, runDueJobs } from '../jobs/queue.ts';
import { deliverOutboxRow, OUTBOX_LEASE_MS, useSmsGateway } from './deliver.job.ts';
import { DELIVER_JOB } from './deliver-job-name.ts';
import { enqueueSms, enqueueUnitWebhooks } from './outbox.ts';

// ADR 0008: a delivery claims its outbox row, sends with no transaction open, then marks the row.

/** Polls until `done` holds, for at most `limitMs`: deterministic waiting, no fixed sleeps. */
async function until(done: () => Promise<boolean> | boolean, limitMs = 30_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const outboxRow = (e: TestEnv, id: string) =>
  e.handle.db.selectFrom('notify_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describeEachDialect('notify outbox: delivery outside any transaction', (env) => {
  /** What happened, in order: the robot got the request, a write committed, the robot answered. */
  const events: string[] = [];
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    // A slow robot: it answers 2 s after the request arrives.
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        events.push('robot received');
        setTimeout(() => {
          events.push('robot answered');
          res.setHeader('content-type', 'application/json');
          res.end('{"errcode":0,"errmsg":"ok"}');
        }, 2000);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const sent: string[] = [];
  beforeAll(() => useSmsGateway({ send: async (_phone, text) => void sent.push(text) }));
  afterAll(() => useSmsGateway(null));

  const run = (e: TestEnv, workerId = 'w') =>
    runDueJobs({ db: e.handle.db, config: e.config, clock: e.clock }, { workerId });

  it('registers a petition while a slow robot is still answering: the delivery holds no database lock', async () => {
    const e = env();
    const w = await petitionWorld(e);
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const admin = await w.people(w.t.townA.id, ['unit_admin']);
    const res = await admin.session.inject({
      method: 'POST',
      url: '/api/v1/webhook-endpoints',
      payload: { unitId: w.t.townA.id, kind: 'wecom', name: '慢机器人群', url: `${base}/wecom?key=slow` },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [outboxId] = await e.handle.db.transaction().execute((db) =>
      enqueueUnitWebhooks(
        { ...e.ctx(), db },
        {
          unitId: w.t.townA.id,
          dedupKey: `slow-robot:${Date.now()}`,
          message: { title: '期限提醒', text: '案号 X，期限 2026-11-05' },
        },
      ),
    );
    events.length = 0;

    // The worker runs on the app's own database handle (on SQLite: the one connection).
    const delivering = run(e);
    await until(() => events.includes('robot received'));
    expect((await outboxRow(e, outboxId!)).status).toBe('sending');
    const petition = await register(clerk.session, letter(w.t.townA.id));
    events.push('petition registered');
    await delivering;

    expect(petition.number).toBeTruthy();
    expect(events).toEqual(['robot received', 'petition registered', 'robot answered']);
    expect(await outboxRow(e, outboxId!)).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lease_until: null,
      last_error: null,
    });
  });

  it('delivers a row left `sending` by a crashed worker once its lease has expired, and not before', async () => {
    const e = env();
    const enqueued = await e.handle.db
      .transaction()
      .execute((db) =>
        enqueueSms(
          { ...e.ctx(), db },
          { phone: '13600002222', text: `租约测试 ${Date.now()}`, dedupKey: `lease:${Date.now()}` },
        ),
      );
    const id = enqueued!.id;
    // A worker claims the delivery job and the row, then dies before sending.
    const job = await claimJob(e.handle.db, {
      workerId: 'crashed',
      now: e.clock.now(),
      lockMs: OUTBOX_LEASE_MS,
      names: [DELIVER_JOB],
    });
    expect(job?.id).toBe(`${DELIVER_JOB}:${id}:1`);
    await e.handle.db
      .updateTable('notify_outbox')
      .set({
        status: 'sending',
        attempts: 1,
        lease_until: new Date(e.clock.now().getTime() + OUTBOX_LEASE_MS).toISOString(),
      })
      .where('id', '=', id)
      .execute();
    const before = sent.length;

    // While the lease lives, nobody sends it: not the worker, not a direct attempt.
    await run(e, 'rescuer');
    const rootCtx = { ...e.ctx(), db: e.handle.db };
    await expect(deliverOutboxRow(rootCtx, id)).rejects.toThrow(/being sent by another attempt/);
    e.clock.advance(OUTBOX_LEASE_MS - 1);
    await expect(deliverOutboxRow(rootCtx, id)).rejects.toThrow(/being sent by another attempt/);
    expect(sent.length).toBe(before);
    expect((await outboxRow(e, id)).status).toBe('sending');

    // The lease (and the dead worker's job lock) expired: the next run delivers it, once.
    e.clock.advance(2);
    await run(e, 'rescuer');
    expect(sent.slice(before)).toHaveLength(1);
    expect(sent.at(-1)).toContain('租约测试');
    expect(await outboxRow(e, id)).toMatchObject({ status: 'delivered', attempts: 2, lease_until: null });
    const jobRow = await e.handle.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', `${DELIVER_JOB}:${id}:1`)
      .executeTakeFirstOrThrow();
    expect(jobRow).toMatchObject({ status: 'done', locked_by: 'rescuer' });

    // A further attempt finds it delivered and sends nothing.
    expect(await deliverOutboxRow(rootCtx, id)).toBe('skipped');
    await run(e, 'rescuer');
    expect(sent.slice(before)).toHaveLength(1);
  });
});
