import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';

/** The ctx of a job that runs without a transaction: `db` is the root handle, to open short transactions on. */
export interface RootCtx extends Ctx {
  readonly db: Kysely<Database>;
}

/** A kind of background job: a typed payload and a handler that runs in one transaction (or none). */
export interface JobDefinition<P = unknown> {
  readonly name: string;
  readonly schema: z.ZodType;
  /**
   * Runs with no actor. With `transaction` (the default) `ctx.db` is the job's transaction, shared
   * with the move to `done`; without, `ctx.db` is the root handle (a RootCtx) and the handler opens
   * its own short transactions and must be idempotent (ADR 0004).
   */
  readonly handler: (ctx: Ctx, payload: P) => Promise<void>;
  /** Whether the handler runs inside the job's transaction (default true). */
  readonly transaction: boolean;
  /** Attempts before the job is marked failed (default 5). */
  readonly maxAttempts: number;
  /** Delay before the first retry; each further retry waits twice as long (default 30 s). */
  readonly backoffMs: number;
}

/** A job enqueued every day at a China Standard Time wall-clock time. */
export interface ScheduleDefinition {
  readonly name: string;
  readonly jobName: string;
  readonly every: 'daily';
  /** `HH:MM`, Asia/Shanghai. */
  readonly at: string;
  readonly payload: unknown;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 30_000;

const jobs = new Map<string, JobDefinition<any>>();
const schedules = new Map<string, ScheduleDefinition>();

interface JobOptions<S extends z.ZodType> {
  name: string;
  schema: S;
  maxAttempts?: number;
  backoffMs?: number;
}

/** Defines and registers a job kind; names are unique (ADR 0004). */
export function defineJob<S extends z.ZodType>(
  def: JobOptions<S> & {
    transaction?: true;
    handler: (ctx: Ctx, payload: z.infer<S>) => Promise<void>;
  },
): JobDefinition<z.infer<S>>;
/** Defines a job whose handler runs outside any transaction, on the root handle (ADR 0004): e.g. one that calls a remote service. */
export function defineJob<S extends z.ZodType>(
  def: JobOptions<S> & {
    transaction: false;
    handler: (ctx: RootCtx, payload: z.infer<S>) => Promise<void>;
  },
): JobDefinition<z.infer<S>>;
export function defineJob<S extends z.ZodType>(
  def: JobOptions<S> & {
    transaction?: boolean;
    handler:
      | ((ctx: Ctx, payload: z.infer<S>) => Promise<void>)
      | ((ctx: RootCtx, payload: z.infer<S>) => Promise<void>);
  },
): JobDefinition<z.infer<S>> {
  if (jobs.has(def.name)) throw new Error(`job "${def.name}" is defined twice`);
  const job: JobDefinition<z.infer<S>> = {
    name: def.name,
    schema: def.schema,
    // The runner gives a RootCtx exactly to the handlers declared with `transaction: false`.
    handler: def.handler as (ctx: Ctx, payload: z.infer<S>) => Promise<void>,
    transaction: def.transaction ?? true,
    maxAttempts: def.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    backoffMs: def.backoffMs ?? DEFAULT_BACKOFF_MS,
  };
  if (!Number.isInteger(job.maxAttempts) || job.maxAttempts < 1)
    throw new Error(`job "${def.name}": maxAttempts must be a positive integer`);
  if (!(job.backoffMs >= 0)) throw new Error(`job "${def.name}": backoffMs must not be negative`);
  jobs.set(def.name, job);
  return job;
}

/** The definition of a job kind, if this instance knows it. */
export function getJob(name: string): JobDefinition | undefined {
  return jobs.get(name);
}

/** The names of every job kind this instance can run; a worker claims only these. */
export function jobNames(): string[] {
  return [...jobs.keys()];
}

/** Defines and registers a daily schedule; its runs get deterministic ids (ADR 0004). */
export function defineSchedule(def: ScheduleDefinition): ScheduleDefinition {
  if (schedules.has(def.name)) throw new Error(`schedule "${def.name}" is defined twice`);
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(def.at))
    throw new Error(`schedule "${def.name}": at must be HH:MM (00:00–23:59)`);
  if (def.name.includes(':')) throw new Error(`schedule "${def.name}": the name must not contain ':'`);
  const s = Object.freeze({ ...def });
  schedules.set(def.name, s);
  return s;
}

/** Every registered schedule. */
export function allSchedules(): ScheduleDefinition[] {
  return [...schedules.values()];
}
