import { sql } from 'kysely';
import type { Db } from '../db/schema.ts';
import type { Actor } from '../http/context.ts';
import type { NotificationsTable, WebhookEndpointsTable } from './notify.tables.ts';
import './notify.tables.ts';

// All SQL of notify: a user's own notifications (index recipient_id, read_at, created_at), the
// webhook endpoints of units in the actor's scope, and the outbox rows of those units.

/** A user's notifications, unread first, then newest first; optionally only the unread. */
export async function listMyNotifications(
  db: Db,
  userId: string,
  opts: { unreadOnly: boolean; page: number; pageSize: number },
): Promise<{ rows: NotificationsTable[]; total: number; unread: number }> {
  let q = db.selectFrom('notifications').where('recipient_id', '=', userId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  const rows = await q
    .selectAll()
    .orderBy(sql`CASE WHEN read_at IS NULL THEN 0 ELSE 1 END`)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .execute();
  const total = Number(
    (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  return { rows, total, unread: await countUnread(db, userId) };
}

/** The unread count of a user: an index-only range on (recipient_id, read_at IS NULL). */
export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('recipient_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the user's notifications read (kept read if it already was); undefined when not theirs. */
export async function markRead(db: Db, userId: string, id: string, at: string) {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('recipient_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .where('recipient_id', '=', userId)
    .executeTakeFirst();
}

/** Marks all of the user's unread notifications read; returns how many. */
export async function markAllRead(db: Db, userId: string, at: string): Promise<number> {
  const res = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('recipient_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * Of the given users, the active ones outside an accused line: not in the accused unit's subtree
 * and not the accused person (petitions.md: an accusation never reaches the accused).
 */
export async function recipientsOutsideAccused(
  db: Db,
  userIds: readonly string[],
  accused: { unitId?: string | null; userId?: string | null } = {},
): Promise<string[]> {
  if (userIds.length === 0) return [];
  let q = db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select('users.id')
    .where('users.id', 'in', [...new Set(userIds)])
    .where('users.disabled', '=', 0);
  if (accused.userId) q = q.where('users.id', '!=', accused.userId);
  if (accused.unitId) {
    const au = await db
      .selectFrom('units')
      .select('path')
      .where('id', '=', accused.unitId)
      .executeTakeFirst();
    if (au) q = q.where('units.path', 'not like', `${au.path}%`);
  }
  return (await q.orderBy('users.id').execute()).map((r) => r.id);
}

/**
 * Whether a unit's robots must not hear of an accusation: the unit lies in the accused unit's
 * subtree, or the accused person works in it (its group chat would include them).
 */
export async function unitInAccusedLine(
  db: Db,
  unitId: string,
  accused: { unitId?: string | null; userId?: string | null },
): Promise<boolean> {
  if (accused.userId) {
    const u = await db
      .selectFrom('users')
      .select('unit_id')
      .where('id', '=', accused.userId)
      .executeTakeFirst();
    if (u?.unit_id === unitId) return true;
  }
  if (!accused.unitId) return false;
  const [u, au] = await Promise.all([
    db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst(),
    db.selectFrom('units').select('path').where('id', '=', accused.unitId).executeTakeFirst(),
  ]);
  return !!u && !!au && u.path.startsWith(au.path);
}

/** Inserts one notification unless its dedup key exists; returns whether it was inserted. */
export async function insertNotification(db: Db, row: NotificationsTable): Promise<boolean> {
  const r = await db
    .insertInto('notifications')
    .values(row)
    .onConflict((oc) => oc.column('dedup_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export type WebhookView = WebhookEndpointsTable & { unit_name: string; unit_path: string };

function webhookViews(db: Db) {
  return db
    .selectFrom('webhook_endpoints as w')
    .innerJoin('units as u', 'u.id', 'w.unit_id')
    .selectAll('w')
    .select(['u.name as unit_name', 'u.path as unit_path']);
}

/** The webhook endpoints of units in the actor's scope (optionally one unit), by unit then name. */
export function listWebhooksInScope(db: Db, actor: Pick<Actor, 'unitPath'>, unitId?: string) {
  let q = webhookViews(db).where('u.path', 'like', `${actor.unitPath}%`);
  if (unitId) q = q.where('w.unit_id', '=', unitId);
  return q.orderBy('u.path').orderBy('w.name').orderBy('w.id').execute();
}

/** One webhook endpoint if its unit is in the actor's scope. */
export function findWebhookInScope(db: Db, actor: Pick<Actor, 'unitPath'>, id: string) {
  return webhookViews(db)
    .where('w.id', '=', id)
    .where('u.path', 'like', `${actor.unitPath}%`)
    .executeTakeFirst();
}

/** Inserts a webhook endpoint. */
export async function insertWebhook(db: Db, row: WebhookEndpointsTable): Promise<void> {
  await db.insertInto('webhook_endpoints').values(row).execute();
}

/** Updates a webhook endpoint. */
export async function updateWebhook(
  db: Db,
  id: string,
  patch: Partial<Omit<WebhookEndpointsTable, 'id' | 'unit_id'>>,
): Promise<void> {
  await db.updateTable('webhook_endpoints').set(patch).where('id', '=', id).execute();
}

/** The latest outbox rows of units in the actor's scope (newest first). */
export async function listOutboxInScope(db: Db, actor: Pick<Actor, 'unitPath'>, limit: number) {
  return db
    .selectFrom('notify_outbox as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .select([
      'o.id',
      'o.channel',
      'o.summary',
      'o.status',
      'o.attempts',
      'o.last_error',
      'o.created_at',
      'o.delivered_at',
    ])
    .where('u.path', 'like', `${actor.unitPath}%`)
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(limit)
    .execute();
}
