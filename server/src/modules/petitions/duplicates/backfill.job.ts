import { z } from 'zod';
import type { Db } from '../../../platform/db/schema.ts';
import { defineJob, defineSchedule } from '../../../platform/jobs/registry.ts';
import { insertFingerprint, petitionsWithoutFingerprint } from './duplicates.repository.ts';
import { fingerprintOf } from './fingerprint.ts';

/** Petitions fingerprinted per run at most, so one run's transaction stays short. */
export const BACKFILL_LIMIT = 20_000;

/**
 * Fingerprints petitions that have none — registered before the duplicates migration, or
 * written by a path other than registration (e.g. a ledger import) — up to `limit`, oldest id
 * first; returns how many. Registration itself fingerprints in its own transaction.
 */
export async function backfillFingerprints(db: Db, at: string, limit = BACKFILL_LIMIT): Promise<number> {
  let done = 0;
  while (done < limit) {
    const rows = await petitionsWithoutFingerprint(db, Math.min(500, limit - done));
    if (rows.length === 0) break;
    for (const r of rows) await insertFingerprint(db, r.id, fingerprintOf(r), at);
    done += rows.length;
  }
  return done;
}

/** The job that runs the backfill (`duplicates.backfill`); safe to run at any time. */
export const backfillFingerprintsJob = defineJob({
  name: 'duplicates.backfill',
  schema: z.object({}).strict(),
  handler: async (ctx) => {
    await backfillFingerprints(ctx.db, ctx.clock.now().toISOString());
  },
});

/** Every night at 02:30 China Standard Time: petitions that reached the table without a fingerprint get one. */
export const backfillFingerprintsSchedule = defineSchedule({
  name: 'duplicates-backfill',
  jobName: backfillFingerprintsJob.name,
  every: 'daily',
  at: '02:30',
  payload: {},
});
