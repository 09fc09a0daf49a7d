import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/registry.ts';
import { recomputeOpenDeadlines } from '../use-cases/recompute-deadlines.ts';

/**
 * Recomputes the stored deadlines of every unfinished case after the official calendar or a
 * unit's deadline rules changed (ADR 0005); a job, so the import itself stays quick.
 */
export const recomputeDeadlinesJob = defineJob({
  name: 'petitions.recompute_deadlines',
  schema: z.object({ reason: z.string().max(200) }).strict(),
  handler: async (ctx) => {
    await recomputeOpenDeadlines(ctx.db);
  },
});
