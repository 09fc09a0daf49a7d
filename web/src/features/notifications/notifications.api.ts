import type { z } from 'zod';
import type {
  CreateWebhookBody,
  NotificationListResponse,
  NotificationResponse,
  OutboxListResponse,
  UpdateWebhookBody,
  WebhookListResponse,
  WebhookResponse,
} from '../../../../shared/contracts/notifications.ts';
import { http } from '../../lib/http.ts';

export type Notification = z.infer<typeof NotificationResponse>;
export type Webhook = z.infer<typeof WebhookResponse>;
export type WebhookInput = z.input<typeof CreateWebhookBody>;
export type WebhookPatch = z.input<typeof UpdateWebhookBody>;
export type OutboxRow = z.infer<typeof OutboxListResponse>['items'][number];

const seg = encodeURIComponent;

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  list: (q: object) => ['notifications', 'list', q] as const,
  webhooks: ['webhooks'] as const,
  outbox: ['webhooks', 'outbox'] as const,
  units: ['webhooks', 'units'] as const,
};

export const notificationsApi = {
  unreadCount: () => http.get<{ count: number }>('/api/v1/notifications/unread-count'),
  list: (q: { page?: number; pageSize?: number; unread?: boolean }) =>
    http.get<z.infer<typeof NotificationListResponse>>('/api/v1/notifications', {
      page: q.page,
      pageSize: q.pageSize,
      unread: q.unread ? '1' : undefined,
    }),
  read: (id: string) => http.post<Notification>(`/api/v1/notifications/${seg(id)}/read`),
  readAll: () => http.post<{ updated: number }>('/api/v1/notifications/read-all'),
  webhooks: () => http.get<z.infer<typeof WebhookListResponse>>('/api/v1/webhook-endpoints'),
  createWebhook: (body: WebhookInput, key: string) =>
    http.create<Webhook>('/api/v1/webhook-endpoints', body, key),
  updateWebhook: (id: string, body: WebhookPatch) =>
    http.patch<Webhook>(`/api/v1/webhook-endpoints/${seg(id)}`, body),
  outbox: () => http.get<z.infer<typeof OutboxListResponse>>('/api/v1/webhook-endpoints/outbox'),
  units: () => http.get<{ items: { id: string; name: string }[] }>('/api/v1/units'),
};
