import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../http/request-context.ts';

/** Starts the job worker and scheduler of this instance. */
export function startWorker(_deps: AppDeps, _log: FastifyBaseLogger): { stop(): Promise<void> } {
  return { stop: async () => {} };
}
