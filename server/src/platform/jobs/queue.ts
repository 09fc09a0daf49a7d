import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Config } from '../../config.ts';
import { type Clock, systemClock } from '../clock.ts';
import { newId } from '../crypto/ids.ts';
import type { Database, Db, JobsTable } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { getJob, type JobDefinition, jobNames, type RootCtx } from './registry.ts';

/** The states of a job row: queued → running → done, or back to queued for a retry, or failed. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** How long a claim lasts before another worker may take the job over (a crashed worker's job). */
export const DEFAULT_LOCK_MS = 5 * 60 * 1000;
/** How long a worker keeps retrying through lock contention before it leaves the job to its lock expiry. */
export const CONTENTION_LIMIT_MS = 30_000;
/** Retries never wait longer than this. */
export const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000;

/**
 * Enqueues a job after checking its payload against the job's schema. With an `id` the insert is
 * insert-or-ignore (`ON CONFLICT (id) DO NOTHING`), so the same scheduled run is never enqueued
 * twice, by this instance or another; `enqueued` says whether this call created it.
 */
export async function enqueue(
  db: Db,
  name: string,
  payload: unknown,
  opts: { id?: string; runAt?: Date; clock?: Clock } = {},
): Promise<{ id: string; enqueued: boolean }> {
  const def = getJob(name);
  if (!def) throw new Error(`unknown job "${name}"`);
  const parsed = def.schema.parse(payload);
  const now = (opts.clock ?? systemClock).now();
  const id = opts.id ?? newId();
  const inserted = await db
    .insertInto('jobs')
    .values({
      id,
      name,
      payload: JSON.stringify(parsed ?? null),
      status: 'queued',
      run_at: (opts.runAt ?? now).toISOString(),
      attempts: 0,
      max_attempts: def.maxAttempts,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return { id, enqueued: inserted !== undefined };
}

/** The wait before retry number `attempt + 1`: backoff, doubling with each attempt, capped. */
export function retryDelayMs(backoffMs: number, attempt: number): number {
  return Math.min(backoffMs * 2 ** Math.max(0, attempt - 1), MAX_RETRY_DELAY_MS);
}

/**
 * Claims the next due job of a known kind for this worker, or a running one whose lock expired
 * (its worker crashed), in one atomic statement: `UPDATE … WHERE id = (SELECT … LIMIT 1)
 * RETURNING *` on SQLite (writers are serialised), with `FOR UPDATE SKIP LOCKED` on PostgreSQL so
 * concurrent workers never take the same row. The claim counts as an attempt.
 */
export async function claimJob(
  db: Kysely<Database>,
  opts: { workerId: string; now: Date; lockMs?: number; names?: string[] },
): Promise<JobsTable | undefined> {
  const names = opts.names ?? jobNames();
  if (names.length === 0) return undefined;
  const now = opts.now.toISOString();
  const until = new Date(opts.now.getTime() + (opts.lockMs ?? DEFAULT_LOCK_MS)).toISOString();
  const skipLocked = isPostgres(db) ? sql`FOR UPDATE SKIP LOCKED` : sql``;
  const result = await sql<JobsTable>`
    UPDATE jobs SET status = 'running', locked_by = ${opts.workerId}, locked_until = ${until},
      attempts = attempts + 1
    WHERE id = (
      SELECT id FROM jobs
      WHERE name IN (${sql.join(names)})
        AND ((status = 'queued' AND run_at <= ${now}) OR (status = 'running' AND locked_until < ${now}))
      ORDER BY run_at, id
      LIMIT 1
      ${skipLocked}
    )
    RETURNING *`.execute(db);
  const row = result.rows[0];
  return row ? { ...row, attempts: Number(row.attempts), max_attempts: Number(row.max_attempts) } : undefined;
}

/** What became of a claimed job. */
export type RunOutcome = 'done' | 'retry' | 'failed' | 'lost';

export interface RunDeps {
  readonly db: Kysely<Database>;
  readonly config: Config;
  readonly clock: Clock;
}

/**
 * Runs one claimed job: the handler and the move to `done` share one transaction, which first
 * re-asserts this worker's claim (a job taken over after an expired lock is left alone, so no job
 * completes twice). A failure rolls the handler's writes back and schedules a retry after
 * `retryDelayMs`, or marks the job `failed` with its last error once the attempts are used up.
 * A finished job keeps `locked_by`: the worker that ran it last. A job declared
 * `transaction: false` runs outside any transaction instead (runWithoutTransaction).
 */
export async function runClaimedJob(
  deps: RunDeps,
  job: JobsTable,
  opts: { workerId: string; lockMs?: number; pauseMs?: number },
): Promise<RunOutcome> {
  const def = getJob(job.name);
  if (!def) return finish(deps, job, opts, 'failed', `unknown job "${job.name}"`);
  if (job.attempts > job.max_attempts)
    return finish(deps, job, opts, 'failed', 'the worker stopped during the last attempt (lock expired)');
  const parsed = safeParse(def.schema, job.payload);
  if (!parsed.ok) return finish(deps, job, opts, 'failed', `invalid payload: ${parsed.error}`);
  if (!def.transaction) return runWithoutTransaction(deps, job, def, parsed.value, opts);

  let started = false;
  const giveUpAt = Date.now() + CONTENTION_LIMIT_MS;
  for (;;) {
    try {
      return await deps.db.transaction().execute(async (trx) => {
        const now = deps.clock.now();
        // Writing first takes SQLite's write lock before anything is read, and on PostgreSQL
        // holds the job row, so no other worker can take it over while the handler runs.
        const own = await trx
          .updateTable('jobs')
          .set({ locked_until: new Date(now.getTime() + (opts.lockMs ?? DEFAULT_LOCK_MS)).toISOString() })
          .where('id', '=', job.id)
          .where('locked_by', '=', opts.workerId)
          .where('status', '=', 'running')
          .executeTakeFirst();
        if (Number(own.numUpdatedRows) === 0) return 'lost' as const;
        started = true;
        const ctx: Ctx = {
          db: trx,
          actor: null,
          clock: deps.clock,
          config: deps.config,
          meta: { ip: null, requestId: `job:${job.id}` },
        };
        await def.handler(ctx, parsed.value);
        await trx
          .updateTable('jobs')
          .set({
            status: 'done',
            finished_at: deps.clock.now().toISOString(),
            locked_until: null,
            last_error: null,
          })
          .where('id', '=', job.id)
          .execute();
        return 'done' as const;
      });
    } catch (err) {
      // Lock contention before the handler started is not the job's fault: try again shortly.
      if (!started && isTransient(err) && Date.now() < giveUpAt) {
        await pause(opts.pauseMs ?? 20);
        continue;
      }
      const message = errorMessage(err);
      if (job.attempts >= job.max_attempts) return finish(deps, job, opts, 'failed', message);
      return finish(deps, job, opts, 'retry', message, retryDelayMs(def.backoffMs, job.attempts));
    }
  }
}

/**
 * Runs a claimed job declared `transaction: false`: the claim is re-asserted in its own short
 * statement, the handler runs on the root handle (it opens its own short transactions, so nothing
 * is locked while it waits for a remote side), then the job moves to `done` only if this worker
 * still holds it. A failure schedules a retry or marks the job failed, as for any job; the
 * handler's committed writes stay, so it must be idempotent (ADR 0004).
 */
async function runWithoutTransaction(
  deps: RunDeps,
  job: JobsTable,
  def: JobDefinition,
  payload: unknown,
  opts: { workerId: string; lockMs?: number; pauseMs?: number },
): Promise<RunOutcome> {
  const ours = (set: Partial<JobsTable>) =>
    retryOnContention(
      () =>
        deps.db
          .updateTable('jobs')
          .set(set)
          .where('id', '=', job.id)
          .where('locked_by', '=', opts.workerId)
          .where('status', '=', 'running')
          .executeTakeFirst(),
      opts.pauseMs,
    );
  try {
    const own = await ours({
      locked_until: new Date(deps.clock.now().getTime() + (opts.lockMs ?? DEFAULT_LOCK_MS)).toISOString(),
    });
    if (Number(own.numUpdatedRows) === 0) return 'lost';
    const ctx: RootCtx = {
      db: deps.db,
      actor: null,
      clock: deps.clock,
      config: deps.config,
      meta: { ip: null, requestId: `job:${job.id}` },
    };
    await def.handler(ctx, payload);
    const done = await ours({
      status: 'done',
      finished_at: deps.clock.now().toISOString(),
      locked_until: null,
      last_error: null,
    });
    return Number(done.numUpdatedRows) === 0 ? 'lost' : 'done';
  } catch (err) {
    const message = errorMessage(err);
    if (job.attempts >= job.max_attempts) return finish(deps, job, opts, 'failed', message);
    return finish(deps, job, opts, 'retry', message, retryDelayMs(def.backoffMs, job.attempts));
  }
}

/**
 * Runs `fn` again while it fails with lock contention (isTransient), for at most
 * CONTENTION_LIMIT_MS: for the short statements and transactions of a job without a transaction.
 */
export async function retryOnContention<T>(fn: () => Promise<T>, pauseMs = 20): Promise<T> {
  const giveUpAt = Date.now() + CONTENTION_LIMIT_MS;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (!isTransient(err) || Date.now() >= giveUpAt) throw err;
      await pause(pauseMs);
    }
  }
}

/**
 * Claims and runs due jobs one after another until none is due (or `shouldStop` says so);
 * returns how many were run. Lock contention on claiming ends the round quietly.
 */
export async function runDueJobs(
  deps: RunDeps,
  opts: { workerId: string; lockMs?: number; pauseMs?: number; shouldStop?: () => boolean },
): Promise<number> {
  let n = 0;
  while (!opts.shouldStop?.()) {
    let job: JobsTable | undefined;
    try {
      job = await claimJob(deps.db, { workerId: opts.workerId, now: deps.clock.now(), lockMs: opts.lockMs });
    } catch (err) {
      if (isTransient(err)) break;
      throw err;
    }
    if (!job) break;
    await runClaimedJob(deps, job, opts);
    n++;
    // Give requests on the same event loop (and SQLite connection) their turn between jobs.
    await new Promise((r) => setImmediate(r));
  }
  return n;
}

async function finish(
  deps: RunDeps,
  job: JobsTable,
  opts: { workerId: string; pauseMs?: number },
  outcome: 'retry' | 'failed',
  message: string,
  delayMs = 0,
): Promise<RunOutcome> {
  const giveUpAt = Date.now() + CONTENTION_LIMIT_MS;
  for (;;) {
    const now = deps.clock.now();
    try {
      await deps.db
        .updateTable('jobs')
        .set(
          outcome === 'failed'
            ? { status: 'failed', finished_at: now.toISOString(), locked_until: null }
            : {
                status: 'queued',
                run_at: new Date(now.getTime() + delayMs).toISOString(),
                locked_by: null,
                locked_until: null,
              },
        )
        .set({ last_error: message.slice(0, 2000) })
        .where('id', '=', job.id)
        .where('locked_by', '=', opts.workerId)
        .where('status', '=', 'running')
        .execute();
      return outcome;
    } catch (err) {
      // Giving up leaves the job running until its lock expires; then it is claimed again.
      if (!isTransient(err) || Date.now() >= giveUpAt) throw err;
      await pause(opts.pauseMs ?? 20);
    }
  }
}

function safeParse(schema: { safeParse(v: unknown): any }, payload: string) {
  try {
    const r = schema.safeParse(JSON.parse(payload));
    return r.success ? { ok: true as const, value: r.data } : { ok: false as const, error: r.error.message };
  } catch (err) {
    return { ok: false as const, error: errorMessage(err) };
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** Lock contention that goes away by trying again: SQLite busy/locked, PostgreSQL lock conflicts. */
export function isTransient(err: unknown): boolean {
  const code = String((err as { code?: unknown })?.code ?? '');
  return (
    code.startsWith('SQLITE_BUSY') ||
    code.startsWith('SQLITE_LOCKED') ||
    code === '40001' ||
    code === '40P01' ||
    code === '55P03'
  );
}

function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
