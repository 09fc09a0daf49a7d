import { newId } from '../crypto/ids.ts';
import type { Ctx } from '../http/context.ts';
import { insertNotification, recipientsOutsideAccused } from './notify.repository.ts';

/** What an in-app notification says and what it is about. */
export interface NotificationInput {
  readonly kind: string;
  readonly title: string;
  readonly body: string;
  readonly link?: string | null;
  readonly subjectType?: string | null;
  readonly subjectId?: string | null;
  /** Makes it once per recipient: the key gets `:<userId>` appended. */
  readonly dedupKey?: string | null;
}

/**
 * Notifies users in-app inside the caller's transaction: disabled accounts are skipped, and for an
 * accusation every user in the accused unit's subtree and the accused person are left out
 * (petitions.md). With a dedup key each recipient gets it once. Returns who was notified now.
 */
export async function notifyUsers(
  ctx: Ctx,
  userIds: readonly string[],
  n: NotificationInput,
  accused: { unitId?: string | null; userId?: string | null } = {},
): Promise<string[]> {
  const recipients = await recipientsOutsideAccused(ctx.db, userIds, accused);
  const now = ctx.clock.now().toISOString();
  const out: string[] = [];
  for (const userId of recipients) {
    const inserted = await insertNotification(ctx.db, {
      id: newId(),
      recipient_id: userId,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link ?? null,
      subject_type: n.subjectType ?? null,
      subject_id: n.subjectId ?? null,
      dedup_key: n.dedupKey ? `${n.dedupKey}:${userId}` : null,
      created_at: now,
      read_at: null,
    });
    if (inserted) out.push(userId);
  }
  return out;
}
