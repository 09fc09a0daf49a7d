import { z } from 'zod';
import { PageQuery } from './common.ts';

// Wire shapes of in-app notifications and of the webhook endpoints (钉钉 / 企业微信 group robots)
// that units configure for outbound messages (docs/notifications.md).

const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, '编号格式不正确');

export const NotificationResponse = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationWire = z.infer<typeof NotificationResponse>;

/** `?page&pageSize&unread=1`: mine, unread first, newest first. */
export const NotificationListQuery = PageQuery.extend({
  unread: z.enum(['0', '1']).optional(),
});

export const NotificationListResponse = z.object({
  items: z.array(NotificationResponse),
  total: z.number().int(),
  unread: z.number().int(),
});

export const UnreadCountResponse = z.object({ count: z.number().int() });
export const ReadAllResponse = z.object({ updated: z.number().int() });

export const WEBHOOK_KINDS = ['dingtalk', 'wecom'] as const;

const WebhookUrl = z
  .string()
  .trim()
  .max(1000, '地址不能超过1000个字符')
  .url('请填写完整的机器人 Webhook 地址，例如 https://oapi.dingtalk.com/robot/send?access_token=…')
  .regex(/^https?:\/\//, '地址应以 https:// 或 http:// 开头');

const Secret = z.string().trim().min(1, '加签密钥不能为空').max(200, '加签密钥不能超过200个字符');

export const CreateWebhookBody = z.object({
  unitId: Id,
  kind: z.enum(WEBHOOK_KINDS, { message: '类型应为 dingtalk（钉钉）或 wecom（企业微信）' }),
  name: z.string().trim().min(1, '请填写名称').max(100, '名称不能超过100个字'),
  url: WebhookUrl,
  secret: Secret.optional(),
});

export const UpdateWebhookBody = z
  .object({
    name: z.string().trim().min(1, '请填写名称').max(100, '名称不能超过100个字').optional(),
    url: WebhookUrl.optional(),
    /** A new signing secret, or null to sign no more. */
    secret: Secret.nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: '请至少修改一项' });

export const WebhookResponse = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  kind: z.enum(WEBHOOK_KINDS),
  name: z.string(),
  /** The address with its access token hidden. */
  urlMasked: z.string(),
  hasSecret: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookWire = z.infer<typeof WebhookResponse>;

export const WebhookListQuery = z.object({ unitId: Id.optional() });
export const WebhookListResponse = z.object({ items: z.array(WebhookResponse), total: z.number().int() });

export const OutboxResponse = z.object({
  id: z.string(),
  channel: z.string(),
  summary: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export const OutboxListResponse = z.object({ items: z.array(OutboxResponse), total: z.number().int() });
