import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import { anchorOnStart } from '../audit/anchor.job.ts';
import { randomToken } from '../crypto/ids.ts';
import type { AppDeps } from '../http/request-context.ts';
import './catalogue.ts';
import { DEFAULT_LOCK_MS, isTransient, runDueJobs } from './queue.ts';
import { tickSchedules } from './scheduler.ts';

export interface WorkerOptions {
  /** Pause between polls when nothing is due (default 1 s). */
  pollMs?: number;
  /** Identifies this worker in `jobs.locked_by` (default host:pid:random). */
  workerId?: string;
  /** How long a claim lasts before another worker may take a crashed worker's job over. */
  lockMs?: number;
  /** Anchor the audit chain head at start unless today already has an anchor (default true). */
  anchorOnStart?: boolean;
}

/** A running worker; `stop` lets the job in hand finish and then resolves. */
export interface Worker {
  readonly id: string;
  stop(): Promise<void>;
}

/**
 * Starts the job worker and scheduler of this instance (ADR 0004): each round ticks the
 * schedules, then claims and runs due jobs until none is left, then waits `pollMs`. Safe to run
 * on several instances against one database. At start it anchors the audit chain head unless
 * today already has an anchor (ADR 0003).
 */
export function startWorker(deps: AppDeps, log: FastifyBaseLogger, opts: WorkerOptions = {}): Worker {
  const id = opts.workerId ?? `${os.hostname()}:${process.pid}:${randomToken(4)}`;
  const pollMs = opts.pollMs ?? 1000;
  const run = { db: deps.handle.db, config: deps.config, clock: deps.clock };
  const seen = new Map<string, string>();
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  const guarded = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      if (isTransient(err)) log.debug({ err, worker: id }, `${what}: database busy, will retry`);
      else log.error({ err, worker: id }, `${what} failed`);
    }
  };

  const round = async () => {
    await guarded('scheduler tick', () => tickSchedules(deps.handle.db, deps.clock, seen));
    await guarded('running jobs', () =>
      runDueJobs(run, { workerId: id, lockMs: opts.lockMs ?? DEFAULT_LOCK_MS, shouldStop: () => stopping }),
    );
  };

  const loop = (first: Promise<void>): Promise<void> =>
    first.then(() => {
      if (stopping) return;
      timer = setTimeout(() => {
        current = loop(round());
      }, pollMs);
    });

  const start = async () => {
    if (opts.anchorOnStart ?? true)
      await guarded('start-up audit anchor', () => anchorOnStart(deps.handle.db, deps.config, deps.clock));
    await round();
  };
  let current = loop(start());
  log.info({ worker: id, pollMs }, 'job worker started');

  return {
    id,
    stop: async () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      await current;
      log.info({ worker: id }, 'job worker stopped');
    },
  };
}
