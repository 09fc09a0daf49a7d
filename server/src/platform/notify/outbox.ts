import { newId } from '../crypto/ids.ts';
import { decryptField, encryptField, loadKeyRing } from '../crypto/sm4.ts';
import type { Ctx } from '../http/context.ts';
import { enqueue } from '../jobs/queue.ts';
import { maskPhoneForLog, type RobotMessage } from './channels.ts';
import { DELIVER_JOB } from './deliver-job-name.ts';
// The delivery job must be registered wherever a message can be queued (also outside the app, e.g. CLI seeding).
import './deliver.job.ts';
import './notify.tables.ts';

// The outbox (architecture: notify/): every external message is a row written in the same
// transaction as what caused it, under a UNIQUE dedup key, so it exists once however many
// instances or sweeps cause it; a delivery job per row sends it outside any transaction
// (deliver.job.ts, ADR 0008).

/** The aad binding an outbox payload token to its row. */
export function outboxAad(outboxId: string): string {
  return `notify_outbox:${outboxId}`;
}

/** A message written to the outbox, or null when its dedup key already had one. */
export type Enqueued = { id: string } | null;

async function insertOutbox(
  ctx: Ctx,
  row: {
    dedupKey: string;
    channel: 'webhook' | 'sms';
    endpointId?: string | null;
    unitId?: string | null;
    summary: string;
    payload: unknown;
  },
): Promise<Enqueued> {
  const id = newId();
  const now = ctx.clock.now().toISOString();
  const inserted = await ctx.db
    .insertInto('notify_outbox')
    .values({
      id,
      dedup_key: row.dedupKey,
      channel: row.channel,
      endpoint_id: row.endpointId ?? null,
      unit_id: row.unitId ?? null,
      summary: row.summary,
      payload_enc: encryptField(loadKeyRing(ctx.config), JSON.stringify(row.payload), outboxAad(id)),
      status: 'pending',
      lease_until: null,
      attempts: 0,
      last_error: null,
      created_at: now,
      delivered_at: null,
    })
    .onConflict((oc) => oc.column('dedup_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  await enqueue(ctx.db, DELIVER_JOB, { outboxId: id }, { id: `${DELIVER_JOB}:${id}:1`, clock: ctx.clock });
  return { id };
}

/**
 * Queues a text message to a mobile phone, once per `dedupKey` (a second call with the same key
 * does nothing and returns null). Call it inside the transaction of what causes the message; the
 * phone and the text are stored SM4-encrypted and sent by the delivery job after commit.
 */
export async function enqueueSms(
  ctx: Ctx,
  msg: { phone: string; text: string; dedupKey: string; unitId?: string | null },
): Promise<Enqueued> {
  return insertOutbox(ctx, {
    dedupKey: `sms:${msg.dedupKey}`,
    channel: 'sms',
    unitId: msg.unitId ?? null,
    summary: `短信 ${maskPhoneForLog(msg.phone)}`,
    payload: { phone: msg.phone, text: msg.text },
  });
}

/**
 * Queues a robot message to every active webhook endpoint of a unit, once per (dedupKey,
 * endpoint). The text must carry no personal data and no petition content (case number and
 * deadline only). Returns the outbox ids written now.
 */
export async function enqueueUnitWebhooks(
  ctx: Ctx,
  msg: { unitId: string; dedupKey: string; message: RobotMessage },
): Promise<string[]> {
  const endpoints = await ctx.db
    .selectFrom('webhook_endpoints')
    .select(['id', 'kind', 'name'])
    .where('unit_id', '=', msg.unitId)
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  const out: string[] = [];
  for (const e of endpoints) {
    const r = await insertOutbox(ctx, {
      dedupKey: `webhook:${msg.dedupKey}:${e.id}`,
      channel: 'webhook',
      endpointId: e.id,
      unitId: msg.unitId,
      summary: `${e.kind === 'dingtalk' ? '钉钉' : '企业微信'}「${e.name}」${msg.message.title}`,
      payload: msg.message,
    });
    if (r) out.push(r.id);
  }
  return out;
}

/** The decrypted message of an outbox row. */
export function readOutboxPayload(
  ctx: Pick<Ctx, 'config'>,
  row: { id: string; payload_enc: string },
): unknown {
  return JSON.parse(decryptField(loadKeyRing(ctx.config), row.payload_enc, outboxAad(row.id)));
}
