import type { Ctx } from '../../platform/http/context.ts';
import { enqueue } from '../../platform/jobs/queue.ts';

/**
 * Asks for the stored deadlines of unfinished cases to be recomputed, in the same transaction as
 * the calendar or rule change that makes it necessary (the job is defined by the petitions module).
 */
export async function requestDeadlineRecompute(ctx: Ctx, reason: string): Promise<void> {
  await enqueue(ctx.db, 'petitions.recompute_deadlines', { reason }, { clock: ctx.clock });
}
