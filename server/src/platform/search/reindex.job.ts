import { z } from 'zod';
import { defineJob } from '../jobs/registry.ts';
import { reindexAll } from './search-index.ts';

/**
 * Rebuilds the full-text index of every petition in one transaction (ADR 0007): enqueued by the
 * search migration for petitions registered before it; safe to run again at any time.
 */
export const reindexSearchJob = defineJob({
  name: 'search.reindex',
  schema: z.object({ reason: z.string().max(200) }).strict(),
  handler: async (ctx) => {
    await reindexAll(ctx.db);
  },
});
