import { sql } from 'kysely';
import { z } from 'zod';
import { decryptField, loadKeyRing } from '../crypto/sm4.ts';
import { enqueue, retryDelayMs, retryOnContention } from '../jobs/queue.ts';
import { defineJob, type RootCtx } from '../jobs/registry.ts';
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
import type { NotifyOutboxTable } from './notify.tables.ts';
import { readOutboxPayload } from './outbox.ts';

/** Attempts before an outbox row is marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** Wait before the second attempt; each further attempt waits twice as long. */
export const DELIVERY_BACKOFF_MS = 60_000;
/** How long a claimed row stays `sending` before another attempt may take it (its worker crashed). */
export const OUTBOX_LEASE_MS = 60_000;

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
  ctx: RootCtx,
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

/** What one delivery run did with its outbox row. */
export type DeliveryOutcome = 'delivered' | 'retry' | 'failed' | 'skipped';

/**
 * Delivers one outbox row in three steps, none of which holds a transaction while the remote side
 * is awaited (ADR 0008): (1) one atomic conditional UPDATE … RETURNING claims the row — only if it
 * is `pending`, or `sending` with an expired lease (a crashed attempt) — as `sending` with
 * `lease_until` = now + OUTBOX_LEASE_MS and one more attempt; (2) the message is sent with no
 * transaction open; (3) a short transaction marks it delivered, or records the error and queues the
 * next attempt after a doubling backoff (failed after MAX_DELIVERY_ATTEMPTS). Step 3 changes the
 * row only while it is still this attempt's claim. A row delivered, failed or claimed by a live
 * attempt is never sent again; a live claim makes this run throw, so the job retries after it.
 */
export async function deliverOutboxRow(ctx: RootCtx, outboxId: string): Promise<DeliveryOutcome> {
  const now = ctx.clock.now();
  const claimed = await retryOnContention(() =>
    ctx.db
      .updateTable('notify_outbox')
      .set({
        status: 'sending',
        lease_until: new Date(now.getTime() + OUTBOX_LEASE_MS).toISOString(),
        attempts: sql<number>`attempts + 1`,
      })
      .where('id', '=', outboxId)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'pending'),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now.toISOString())]),
        ]),
      )
      .returningAll()
      .executeTakeFirst(),
  );
  if (!claimed) {
    const row = await ctx.db
      .selectFrom('notify_outbox')
      .select(['status', 'lease_until'])
      .where('id', '=', outboxId)
      .executeTakeFirst();
    if (row?.status === 'sending')
      throw new Error(`outbox row ${outboxId} is being sent by another attempt until ${row.lease_until}`);
    return 'skipped';
  }
  const attempts = Number(claimed.attempts);

  let error: string | null = null;
  try {
    await send(ctx, claimed);
  } catch (err) {
    error = (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 1000);
  }

  return retryOnContention(() =>
    ctx.db.transaction().execute(async (trx): Promise<DeliveryOutcome> => {
      const stillOurs = (set: Partial<NotifyOutboxTable>) =>
        trx
          .updateTable('notify_outbox')
          .set({ ...set, lease_until: null })
          .where('id', '=', outboxId)
          .where('status', '=', 'sending')
          .where('attempts', '=', attempts)
          .executeTakeFirst();
      if (error === null) {
        const r = await stillOurs({
          status: 'delivered',
          delivered_at: ctx.clock.now().toISOString(),
          last_error: null,
        });
        return Number(r.numUpdatedRows) === 0 ? 'skipped' : 'delivered';
      }
      const failed = attempts >= MAX_DELIVERY_ATTEMPTS;
      const r = await stillOurs({ status: failed ? 'failed' : 'pending', last_error: error });
      if (Number(r.numUpdatedRows) === 0) return 'skipped';
      if (failed) return 'failed';
      const runAt = new Date(ctx.clock.now().getTime() + retryDelayMs(DELIVERY_BACKOFF_MS, attempts));
      await enqueue(
        trx,
        DELIVER_JOB,
        { outboxId },
        { id: `${DELIVER_JOB}:${outboxId}:${attempts + 1}`, runAt, clock: ctx.clock },
      );
      return 'retry';
    }),
  );
}

/**
 * The delivery job of one outbox row (queued with the row, in its transaction). It runs without a
 * job transaction (`transaction: false`), so no database lock is held while a robot or the SMS
 * gateway answers.
 */
export const deliverJob = defineJob({
  name: DELIVER_JOB,
  schema: z.object({ outboxId: z.string().min(1) }).strict(),
  transaction: false,
  // Enough job-level retries to outlast a live lease (30 s, 1 min, 2 min, …).
  maxAttempts: 8,
  handler: async (ctx, p) => {
    await deliverOutboxRow(ctx, p.outboxId);
  },
});
