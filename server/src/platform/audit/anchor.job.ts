import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import type { Ctx } from '../http/context.ts';
import { defineJob, defineSchedule } from '../jobs/registry.ts';
import { type AuditAnchor, anchorAuditHead, hasAnchorToday } from './anchors.ts';
import { recordAudit } from './audit.ts';

/**
 * Anchors the committed chain head in the anchors file, then records that it did
 * (`audit.anchor`); call it before any other write of the transaction (ADR 0003).
 */
export async function anchorAndRecord(ctx: Ctx): Promise<AuditAnchor> {
  const anchor = await anchorAuditHead(ctx.db, ctx.config, ctx.clock);
  await recordAudit(ctx, { action: 'audit.anchor', subjectType: 'audit_log', after: anchor });
  return anchor;
}

/** The daily anchor of the audit chain head (ADR 0003). */
export const anchorAuditHeadJob = defineJob({
  name: 'audit.anchor',
  schema: z.object({}).strict(),
  handler: async (ctx) => {
    await anchorAndRecord(ctx);
  },
});

/** Every day at 00:05 China Standard Time. */
export const anchorAuditHeadSchedule = defineSchedule({
  name: 'audit-anchor',
  jobName: anchorAuditHeadJob.name,
  every: 'daily',
  at: '00:05',
  payload: {},
});

/** At worker start: anchors the head unless the anchors file already has an anchor from today. */
export async function anchorOnStart(
  db: Kysely<Database>,
  config: Config,
  clock: Clock,
): Promise<AuditAnchor | null> {
  if (await hasAnchorToday(config, clock)) return null;
  return db
    .transaction()
    .execute((trx) =>
      anchorAndRecord({ db: trx, actor: null, clock, config, meta: { ip: null, requestId: 'worker:start' } }),
    );
}
