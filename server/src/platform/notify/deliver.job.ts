import { sql } from 'kysely';
import { z } from 'zod';
import { decryptField, loadKeyRing } from '../crypto/sm4.ts';
import type { Ctx } from '../http/context.ts';
import { enqueue, retryDelayMs } from '../jobs/queue.ts';
import { defineJob } from '../jobs/registry.ts';
import {
  dingTalkBody,
  postJson,
  type RobotMessage,
  type SmsGateway,
  signDingTalkUrl,
  smsGatewayFor,
  weComBody,
} from './channels.ts';
import { DELIVER_JOB } from './deliver-job-name.ts';
import { readOutboxPayload } from './outbox.ts';
import './notify.tables.ts';

/** Attempts before an outbox row is marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** Wait before the second attempt; each further attempt waits twice as long. */
export const DELIVERY_BACKOFF_MS = 60_000;

/** The aad binding a webhook secret token to its endpoint. */
export function endpointSecretAad(endpointId: string): string {
  return `webhook_endpoints:${endpointId}`;
}

let smsOverride: SmsGateway | null = null;

/** Replaces the configured SMS gateway (tests of the delivery path); null restores it. */
export function useSmsGateway(gateway: SmsGateway | null): void {
  smsOverride = gateway;
}

async function send(
  ctx: Ctx,
  row: { id: string; channel: string; endpoint_id: string | null; payload_enc: string },
) {
  const payload = readOutboxPayload(ctx, row);
  if (row.channel === 'sms') {
    const { phone, text } = payload as { phone: string; text: string };
    await (smsOverride ?? smsGatewayFor(ctx.config)).send(phone, text);
    return;
  }
  const endpoint = row.endpoint_id
    ? await ctx.db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('id', '=', row.endpoint_id)
        .executeTakeFirst()
    : undefined;
  if (!endpoint) throw new Error('webhook endpoint no longer exists');
  const message = payload as RobotMessage;
  if (endpoint.kind === 'dingtalk') {
    const secret = endpoint.secret_enc
      ? decryptField(loadKeyRing(ctx.config), endpoint.secret_enc, endpointSecretAad(endpoint.id))
      : null;
    const url = secret ? signDingTalkUrl(endpoint.url, secret, ctx.clock.now().getTime()) : endpoint.url;
    await postJson(url, dingTalkBody(message));
  } else {
    await postJson(endpoint.url, weComBody(message));
  }
}

/**
 * Delivers one outbox row: a row already delivered or failed is left alone (never twice); the row
 * is locked for the attempt (FOR UPDATE on PostgreSQL, the write lock on SQLite) and marked
 * delivered in the same transaction as the job. A failed send is recorded on the row and a new
 * attempt is queued after a doubling backoff, until MAX_DELIVERY_ATTEMPTS mark it failed.
 */
export async function deliverOutboxRow(
  ctx: Ctx,
  outboxId: string,
): Promise<'delivered' | 'retry' | 'failed' | 'skipped'> {
  const now = ctx.clock.now().toISOString();
  // Take the row lock first (a no-op write), so a concurrent attempt waits and then sees it delivered.
  await ctx.db.updateTable('notify_outbox').set({ status: sql`status` }).where('id', '=', outboxId).execute();
  const row = await ctx.db
    .selectFrom('notify_outbox')
    .selectAll()
    .where('id', '=', outboxId)
    .executeTakeFirst();
  if (row?.status !== 'pending') return 'skipped';
  const attempts = Number(row.attempts) + 1;
  try {
    await send(ctx, row);
  } catch (err) {
    const error = (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 1000);
    const failed = attempts >= MAX_DELIVERY_ATTEMPTS;
    await ctx.db
      .updateTable('notify_outbox')
      .set({ attempts, last_error: error, status: failed ? 'failed' : 'pending' })
      .where('id', '=', outboxId)
      .execute();
    if (failed) return 'failed';
    const runAt = new Date(ctx.clock.now().getTime() + retryDelayMs(DELIVERY_BACKOFF_MS, attempts));
    await enqueue(
      ctx.db,
      DELIVER_JOB,
      { outboxId },
      { id: `${DELIVER_JOB}:${outboxId}:${attempts + 1}`, runAt, clock: ctx.clock },
    );
    return 'retry';
  }
  await ctx.db
    .updateTable('notify_outbox')
    .set({ attempts, status: 'delivered', delivered_at: now, last_error: null })
    .where('id', '=', outboxId)
    .execute();
  return 'delivered';
}

/** The delivery job of one outbox row (queued with the row, in its transaction). */
export const deliverJob = defineJob({
  name: DELIVER_JOB,
  schema: z.object({ outboxId: z.string().min(1) }).strict(),
  handler: async (ctx, p) => {
    await deliverOutboxRow(ctx, p.outboxId);
  },
});
