// Row types of the notify tables (migrations 2026-11-29T15-30-00-notify and
// 2026-11-29T16-40-00-outbox-lease), declared on the platform's Database by module augmentation.
// Timestamps ISO text, booleans 0/1.

export interface NotificationsTable {
  id: string;
  recipient_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  subject_type: string | null;
  subject_id: string | null;
  /** Makes a notification idempotent (e.g. one reminder per case, deadline and due); null = none. */
  dedup_key: string | null;
  created_at: string;
  read_at: string | null;
}

export interface WebhookEndpointsTable {
  id: string;
  unit_id: string;
  /** dingtalk | wecom */
  kind: string;
  name: string;
  url: string;
  /** DingTalk signing secret, SM4 token (aad = endpoint id); null = unsigned. */
  secret_enc: string | null;
  active: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotifyOutboxTable {
  id: string;
  /** UNIQUE: the same message is written once, whichever instance and however often it is caused. */
  dedup_key: string;
  /** webhook | sms */
  channel: string;
  endpoint_id: string | null;
  unit_id: string | null;
  /** What the row is, without personal data (e.g. "短信 138****5678"). */
  summary: string;
  /** SM4 token (aad = outbox id) of the JSON message: { title, text } or { phone, text }. */
  payload_enc: string;
  /** pending | sending (claimed by a delivery attempt until lease_until) | delivered | failed */
  status: string;
  /** While `sending`: when the claim expires and another attempt may take the row (migration 2026-11-29T16-40-00-outbox-lease). */
  lease_until: string | null;
  /** Delivery attempts claimed so far (the claim counts one). */
  attempts: number;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

declare module '../db/schema.ts' {
  interface Database {
    notifications: NotificationsTable;
    webhook_endpoints: WebhookEndpointsTable;
    notify_outbox: NotifyOutboxTable;
  }
}
