import type { NotificationWire, WebhookWire } from '../../../../shared/contracts/notifications.ts';
import type { WebhookView } from './notify.repository.ts';
import type { NotificationsTable } from './notify.tables.ts';

/** A notification row as the wire shape. */
export function presentNotification(r: NotificationsTable): NotificationWire {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

/** A robot address with its token hidden: scheme, host and path, then the last 4 characters. */
export function maskWebhookUrl(url: string): string {
  try {
    const u = new URL(url);
    const tail = url.slice(-4);
    return u.search ? `${u.origin}${u.pathname}?…${tail}` : `${u.origin}${u.pathname}`;
  } catch {
    return '…';
  }
}

/** A webhook endpoint as the wire shape: never the secret, never the full token. */
export function presentWebhook(r: WebhookView): WebhookWire {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    kind: r.kind as WebhookWire['kind'],
    name: r.name,
    urlMasked: maskWebhookUrl(r.url),
    hasSecret: r.secret_enc !== null,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
