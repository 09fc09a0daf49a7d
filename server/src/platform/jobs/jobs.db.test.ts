import { afterEach, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestEnv, describeEachDialect, destroyTestEnv, type TestEnv } from '../../../test/harness.ts';
import { recordAudit } from '../audit/audit.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import { createDb, type DbHandle } from '../db/create-db.ts';
import { claimJob, enqueue, runClaimedJob, runDueJobs } from './queue.ts';
import { defineJob, type ScheduleDefinition } from './registry.ts';
import { tickSchedules } from './scheduler.ts';
import { startWorker } from './worker.ts';

/** Handler invocations by job id (the handler's ctx carries `job:<id>` as its request id). */
const calls = new Map<string, number>();
const invoked = (jobId: string) => calls.get(`job:${jobId}`) ?? 0;
function count(ctxRequestId: string | null) {
  const key = String(ctxRequestId);
  calls.set(key, (calls.get(key) ?? 0) + 1);
}

defineJob({
  name: 'test.count',
  schema: z.object({ k: z.string() }),
  handler: async (ctx, p) => {
    count(ctx.meta.requestId);
    // Let the other worker run while this transaction is open.
    await new Promise((r) => setImmediate(r));
    await recordAudit(ctx, { action: 'test.job', subjectType: 'test', subjectId: p.k });
  },
});

/** Records an audit entry, then fails the first `failTimes` attempts. */
defineJob({
  name: 'test.flaky',
  schema: z.object({ k: z.string(), failTimes: z.number().int() }),
  maxAttempts: 3,
  backoffMs: 1000,
  handler: async (ctx, p) => {
    count(ctx.meta.requestId);
    await recordAudit(ctx, { action: 'test.flaky', subjectType: 'test', subjectId: p.k });
    const n = calls.get(String(ctx.meta.requestId)) ?? 0;
    if (n <= p.failTimes) throw new Error(`attempt ${n} failed on purpose`);
  },
});

const gate: { open?: () => void; started?: () => void } = {};
defineJob({
  name: 'test.gated',
  schema: z.object({}),
  handler: async (ctx) => {
    count(ctx.meta.requestId);
    gate.started?.();
    await new Promise<void>((r) => {
      gate.open = r;
    });
  },
});

/** A job without a transaction: commits an audit entry itself, waits at a gate, then maybe fails. */
const outside: { open?: () => void; started?: () => void } = {};
defineJob({
  name: 'test.outside',
  schema: z.object({ k: z.string(), fail: z.boolean() }),
  transaction: false,
  backoffMs: 1000,
  handler: async (ctx, p) => {
    count(ctx.meta.requestId);
    // ctx.db is the root handle: a transaction inside a transaction would throw here.
    await ctx.db
      .transaction()
      .execute((db) =>
        recordAudit({ ...ctx, db }, { action: 'test.outside', subjectType: 'test', subjectId: p.k }),
      );
    outside.started?.();
    await new Promise<void>((r) => {
      outside.open = r;
    });
    if (p.fail) throw new Error('the remote side refused');
  },
});

describeEachDialect('jobs', (env) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function ownEnv(): Promise<TestEnv> {
    const e = await createTestEnv(env().dialect);
    cleanup.push(() => destroyTestEnv(e));
    return e;
  }

  /**
   * Another independent handle on the same database, as a second app instance has. Both SQLite
   * handles live in this one process, where a busy wait would block the very thread that holds
   * the lock, so they give up at once and the worker retries (ADR 0004).
   */
  function secondHandle(e: TestEnv): DbHandle {
    const h = createDb(e.config.database);
    h.sqlite?.pragma('busy_timeout = 0');
    cleanup.push(() => h.close());
    return h;
  }

  const deps = (e: TestEnv, db = e.handle.db) => ({ db, config: e.config, clock: e.clock });

  async function jobRow(e: TestEnv, id: string) {
    return e.handle.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  async function auditCount(e: TestEnv, action: string, subjectId?: string) {
    let q = e.handle.db.selectFrom('audit_log').where('action', '=', action);
    if (subjectId) q = q.where('subject_id', '=', subjectId);
    return Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  }

  /** Polls until `done` holds, for at most `limitMs`: deterministic waiting, no fixed sleeps. */
  async function until(done: () => Promise<boolean>, limitMs = 30_000): Promise<void> {
    const end = Date.now() + limitMs;
    while (!(await done())) {
      if (Date.now() > end) throw new Error('condition not reached in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('checks the payload against the job schema and enqueues a given id only once', async () => {
    const e = await ownEnv();
    await expect(enqueue(e.handle.db, 'test.count', { k: 1 })).rejects.toThrow();
    await expect(enqueue(e.handle.db, 'no.such.job', {})).rejects.toThrow(/unknown job/);
    const first = await enqueue(e.handle.db, 'test.count', { k: 'a' }, { id: 'fixed-id', clock: e.clock });
    const again = await enqueue(e.handle.db, 'test.count', { k: 'b' }, { id: 'fixed-id', clock: e.clock });
    expect(first).toEqual({ id: 'fixed-id', enqueued: true });
    expect(again).toEqual({ id: 'fixed-id', enqueued: false });
    expect(JSON.parse((await jobRow(e, 'fixed-id')).payload)).toEqual({ k: 'a' });
  });

  it('retries with exponential backoff, rolls back failed attempts, then marks the job failed', async () => {
    const e = await ownEnv();
    const { id } = await enqueue(
      e.handle.db,
      'test.flaky',
      { k: 'always', failTimes: 99 },
      { clock: e.clock },
    );
    const t0 = e.clock.now().getTime();
    expect(await runDueJobs(deps(e), { workerId: 'w' })).toBe(1);
    let job = await jobRow(e, id);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, locked_by: null });
    expect(job.run_at).toBe(new Date(t0 + 1000).toISOString());
    expect(job.last_error).toContain('attempt 1 failed on purpose');

    expect(await runDueJobs(deps(e), { workerId: 'w' })).toBe(0);
    e.clock.advance(999);
    expect(await runDueJobs(deps(e), { workerId: 'w' })).toBe(0);
    e.clock.advance(1);
    expect(await runDueJobs(deps(e), { workerId: 'w' })).toBe(1);
    job = await jobRow(e, id);
    expect(job).toMatchObject({ status: 'queued', attempts: 2 });
    expect(job.run_at).toBe(new Date(t0 + 1000 + 2000).toISOString());

    e.clock.advance(1999);
    expect(await runDueJobs(deps(e), { workerId: 'w' })).toBe(0);
    e.clock.advance(1);
    expect(await runDueJobs(deps(e), { workerId: 'w' })).toBe(1);
    job = await jobRow(e, id);
    expect(job).toMatchObject({ status: 'failed', attempts: 3, finished_at: e.clock.now().toISOString() });
    expect(job.last_error).toContain('attempt 3 failed on purpose');
    expect(invoked(id)).toBe(3);

    e.clock.advance(24 * 3600 * 1000);
    expect(await runDueJobs(deps(e), { workerId: 'w' })).toBe(0);
    expect(await auditCount(e, 'test.flaky', 'always')).toBe(0);
  });

  it('runs the handler in a transaction without an actor: a retry that succeeds commits once', async () => {
    const e = await ownEnv();
    const { id } = await enqueue(e.handle.db, 'test.flaky', { k: 'once', failTimes: 1 }, { clock: e.clock });
    await runDueJobs(deps(e), { workerId: 'w' });
    e.clock.advance(1000);
    await runDueJobs(deps(e), { workerId: 'w' });
    expect(await jobRow(e, id)).toMatchObject({
      status: 'done',
      attempts: 2,
      last_error: null,
      locked_by: 'w',
    });
    expect(invoked(id)).toBe(2);
    const entries = await e.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_id', '=', 'once')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_id: null, request_id: `job:${id}` });
  });

  it('takes over the job of a crashed worker once its lock expires, and the late worker backs off', async () => {
    const e = await ownEnv();
    const { id } = await enqueue(e.handle.db, 'test.count', { k: 'crash' }, { clock: e.clock });
    const claimed = await claimJob(e.handle.db, { workerId: 'crashed', now: e.clock.now(), lockMs: 60_000 });
    expect(claimed).toMatchObject({ id, status: 'running', locked_by: 'crashed', attempts: 1 });

    expect(await runDueJobs(deps(e), { workerId: 'rescuer', lockMs: 60_000 })).toBe(0);
    e.clock.advance(60_001);
    expect(await runDueJobs(deps(e), { workerId: 'rescuer', lockMs: 60_000 })).toBe(1);
    expect(await jobRow(e, id)).toMatchObject({ status: 'done', attempts: 2, locked_by: 'rescuer' });

    // The "crashed" worker wakes up with its stale claim: it must not run the job again.
    expect(await runClaimedJob(deps(e), claimed!, { workerId: 'crashed' })).toBe('lost');
    expect(invoked(id)).toBe(1);
  });

  it('marks failed a job whose every attempt died with its worker', async () => {
    const e = await ownEnv();
    const { id } = await enqueue(e.handle.db, 'test.flaky', { k: 'dies', failTimes: 0 }, { clock: e.clock });
    for (let i = 1; i <= 3; i++) {
      expect(
        await claimJob(e.handle.db, { workerId: `dead-${i}`, now: e.clock.now(), lockMs: 1000 }),
      ).toMatchObject({ id, attempts: i });
      e.clock.advance(1001);
    }
    expect(await runDueJobs(deps(e), { workerId: 'w', lockMs: 1000 })).toBe(1);
    const job = await jobRow(e, id);
    expect(job).toMatchObject({ status: 'failed', attempts: 4 });
    expect(job.last_error).toContain('lock expired');
    expect(invoked(id)).toBe(0);
  });

  it('fails a job with an unreadable stored payload at once, without retries', async () => {
    const e = await ownEnv();
    const now = e.clock.now().toISOString();
    await e.handle.db
      .insertInto('jobs')
      .values({
        id: 'bad-payload',
        name: 'test.count',
        payload: '{"k": 42}',
        status: 'queued',
        run_at: now,
        attempts: 0,
        max_attempts: 5,
        created_at: now,
      })
      .execute();
    await runDueJobs(deps(e), { workerId: 'w' });
    const job = await jobRow(e, 'bad-payload');
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
    expect(job.last_error).toContain('invalid payload');
  });

  it('enqueues a scheduled run once when two schedulers tick at the same moment', async () => {
    const e = await ownEnv();
    const other = secondHandle(e);
    const schedule: ScheduleDefinition = {
      name: 'test-daily',
      jobName: 'test.count',
      every: 'daily',
      at: '08:30',
      payload: { k: 'daily' },
    };
    e.clock.set('2026-11-02T02:00:00.000Z'); // 10:00 in Beijing
    for (let round = 0; round < 5; round++) {
      const both = await Promise.all([
        tickSchedules(e.handle.db, e.clock, new Map(), [schedule]),
        tickSchedules(other.db, e.clock, new Map(), [schedule]),
      ]);
      expect(both.flat()).toEqual(round === 0 ? ['test-daily:2026-11-02T08:30'] : []);
    }
    e.clock.set('2026-11-03T00:29:00.000Z'); // 08:29 the next day: still the same run
    expect(await tickSchedules(e.handle.db, e.clock, new Map(), [schedule])).toEqual([]);
    e.clock.set('2026-11-03T00:30:00.000Z');
    expect(await tickSchedules(other.db, e.clock, new Map(), [schedule])).toEqual([
      'test-daily:2026-11-03T08:30',
    ]);
    const rows = await e.handle.db.selectFrom('jobs').selectAll().where('name', '=', 'test.count').execute();
    expect(rows.map((r) => [r.id, r.run_at])).toEqual([
      ['test-daily:2026-11-02T08:30', '2026-11-02T00:30:00.000Z'],
      ['test-daily:2026-11-03T08:30', '2026-11-03T00:30:00.000Z'],
    ]);
  });

  it('runs each of 200 jobs exactly once with two workers on one database', async () => {
    const e = await ownEnv();
    const a = secondHandle(e);
    const b = secondHandle(e);
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      ids.push((await enqueue(e.handle.db, 'test.count', { k: `storm-${i}` }, { clock: e.clock })).id);
    }
    const log = e.app.log;
    const workerA = startWorker({ config: e.config, handle: a, clock: e.clock }, log, {
      pollMs: 5,
      workerId: 'A',
    });
    const workerB = startWorker({ config: e.config, handle: b, clock: e.clock }, log, {
      pollMs: 5,
      workerId: 'B',
    });
    cleanup.push(async () => {
      await workerA.stop();
      await workerB.stop();
    });
    const doneCount = async () =>
      Number(
        (
          await e.handle.db
            .selectFrom('jobs')
            .where('name', '=', 'test.count')
            .where('status', '=', 'done')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await until(async () => (await doneCount()) === 200);
    await workerA.stop();
    await workerB.stop();

    expect(ids.filter((id) => invoked(id) !== 1)).toEqual([]);
    const rows = await e.handle.db.selectFrom('jobs').selectAll().where('name', '=', 'test.count').execute();
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
    const byWorker = new Map<string, number>();
    for (const r of rows) byWorker.set(String(r.locked_by), (byWorker.get(String(r.locked_by)) ?? 0) + 1);
    // Both workers took part (each yields between jobs), and nobody else ran a job.
    expect([...byWorker.keys()].sort()).toEqual(['A', 'B']);
    expect(await auditCount(e, 'test.job')).toBe(200);
    expect(await verifyAuditChain(e.handle.db, e.config)).toMatchObject({ ok: true });
  });

  it('runs a `transaction: false` handler on the root handle: writes commit while it waits, its own writes survive a failure', async () => {
    const e = await ownEnv();
    for (const fail of [false, true]) {
      const { id } = await enqueue(
        e.handle.db,
        'test.outside',
        { k: `outside-${fail}`, fail },
        { clock: e.clock },
      );
      const started = new Promise<void>((r) => {
        outside.started = r;
      });
      const running = runDueJobs(deps(e), { workerId: 'w' });
      await started;
      // The same handle (on SQLite the app's one connection) commits a write while the handler waits.
      await e.handle.db
        .transaction()
        .execute((db) =>
          recordAudit({ ...e.ctx(), db }, { action: 'test.meanwhile', subjectType: 'test', subjectId: id }),
        );
      expect(await jobRow(e, id)).toMatchObject({ status: 'running', locked_by: 'w' });
      outside.open?.();
      await running;
      expect(await auditCount(e, 'test.meanwhile', id)).toBe(1);
      expect(await auditCount(e, 'test.outside', `outside-${fail}`)).toBe(1);
      expect(invoked(id)).toBe(1);
      const job = await jobRow(e, id);
      if (fail) {
        expect(job).toMatchObject({ status: 'queued', attempts: 1, locked_by: null });
        expect(job.run_at).toBe(new Date(e.clock.now().getTime() + 1000).toISOString());
        expect(job.last_error).toContain('the remote side refused');
      } else {
        expect(job).toMatchObject({ status: 'done', attempts: 1, last_error: null, locked_by: 'w' });
      }
    }
    expect(await verifyAuditChain(e.handle.db, e.config)).toMatchObject({ ok: true });
  });

  it('anchors the audit chain at start, and stop() lets the job in hand finish', async () => {
    const e = await ownEnv();
    const { id } = await enqueue(e.handle.db, 'test.gated', {}, { clock: e.clock });
    const started = new Promise<void>((r) => {
      gate.started = r;
    });
    const worker = startWorker({ config: e.config, handle: e.handle, clock: e.clock }, e.app.log, {
      pollMs: 5,
    });
    await started;
    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    // Read through another connection: on SQLite the job's transaction holds the app's one.
    const reader = secondHandle(e).db;
    expect(
      (await reader.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirstOrThrow())
        .status,
    ).toBe('running');
    gate.open?.();
    await stopping;
    expect(await jobRow(e, id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(invoked(id)).toBe(1);
    // The start-up anchor, and today's scheduled anchor run (00:05 Beijing) under its deterministic id.
    expect(await jobRow(e, 'audit-anchor:2026-11-02T00:05')).toMatchObject({
      name: 'audit.anchor',
      status: 'done',
    });
    expect(await auditCount(e, 'audit.anchor')).toBe(2);
  });
});
