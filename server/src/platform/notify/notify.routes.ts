import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorResponse, IdParams } from '../../../../shared/contracts/common.ts';
import {
  CreateWebhookBody,
  NotificationListQuery,
  NotificationListResponse,
  NotificationResponse,
  OutboxListResponse,
  ReadAllResponse,
  UnreadCountResponse,
  UpdateWebhookBody,
  WebhookListQuery,
  WebhookListResponse,
  WebhookResponse,
} from '../../../../shared/contracts/notifications.ts';
import { authorize } from '../authz/authorize.ts';
import { AppError } from '../http/app-error.ts';
import { created, inTransaction, readCtx, requireActor } from '../http/request-context.ts';
import { canManageWebhooks } from './notify.policy.ts';
import { presentNotification, presentWebhook } from './notify.presenter.ts';
import {
  countUnread,
  findWebhookInScope,
  listMyNotifications,
  listOutboxInScope,
  listWebhooksInScope,
  markAllRead,
  markRead,
} from './notify.repository.ts';
import { changeWebhook, createWebhook } from './webhooks.ts';

const security = [{ session: [] }];
const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};
const NOTIFICATION_NOT_FOUND = '找不到该提醒，可能已被删除；请刷新提醒列表。';
const WEBHOOK_NOT_FOUND = '找不到该推送地址，或它不在您的管辖范围内；请刷新列表。';

/** In-app notifications of the signed-in user, and the webhook endpoints units configure (docs/notifications.md). */
export async function notifyRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];

  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: '我的提醒（未读在前，最新在前，分页）',
        security,
        querystring: NotificationListQuery,
        response: { 200: NotificationListResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { rows, total, unread } = await listMyNotifications(readCtx(req).db, actor.userId, {
        unreadOnly: req.query.unread === '1',
        page: req.query.page,
        pageSize: req.query.pageSize,
      });
      return { items: rows.map(presentNotification), total, unread };
    },
  );

  app.get(
    '/api/v1/notifications/unread-count',
    {
      schema: {
        tags,
        summary: '未读提醒数（铃铛上的数字）',
        security,
        response: { 200: UnreadCountResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return { count: await countUnread(readCtx(req).db, actor.userId) };
    },
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags,
        summary: '标记一条提醒为已读',
        description: '只能标记自己的提醒；别人的或不存在的 404。已读的保持原已读时间。',
        security,
        params: IdParams,
        response: { 200: NotificationResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const row = await inTransaction(req, (ctx) =>
        markRead(ctx.db, actor.userId, req.params.id, ctx.clock.now().toISOString()),
      );
      if (!row) throw new AppError('not_found', NOTIFICATION_NOT_FOUND);
      return presentNotification(row);
    },
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      schema: { tags, summary: '全部标记为已读', security, response: { 200: ReadAllResponse, ...errors } },
    },
    async (req) => {
      const actor = requireActor(req);
      const updated = await inTransaction(req, (ctx) =>
        markAllRead(ctx.db, actor.userId, ctx.clock.now().toISOString()),
      );
      return { updated };
    },
  );

  const hooks = ['notifications'];
  app.get(
    '/api/v1/webhook-endpoints',
    {
      schema: {
        tags: hooks,
        summary: '消息推送地址（钉钉、企业微信机器人；本单位范围内）',
        description: '单位管理员、系统管理员可见。地址中的令牌被隐藏，密钥从不返回。',
        security,
        querystring: WebhookListQuery,
        response: { 200: WebhookListResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(canManageWebhooks(actor), '只有单位管理员或系统管理员可以查看消息推送配置。');
      const rows = await listWebhooksInScope(readCtx(req).db, actor, req.query.unitId);
      return { items: rows.map(presentWebhook), total: rows.length };
    },
  );

  app.post(
    '/api/v1/webhook-endpoints',
    {
      schema: {
        tags: hooks,
        summary: '添加消息推送地址',
        description:
          'kind = dingtalk（钉钉自定义机器人，可选加签密钥）或 wecom（企业微信群机器人）。单位须在范围内（否则 422 invalid_reference）。支持 Idempotency-Key。',
        security,
        body: CreateWebhookBody,
        response: { 201: WebhookResponse, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return created(req, reply, async (ctx) => presentWebhook(await createWebhook(ctx, actor, req.body)));
    },
  );

  app.patch(
    '/api/v1/webhook-endpoints/:id',
    {
      schema: {
        tags: hooks,
        summary: '修改消息推送地址（名称、地址、密钥、停用/启用）',
        security,
        params: IdParams,
        body: UpdateWebhookBody,
        response: { 200: WebhookResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) => {
        const existing = await findWebhookInScope(ctx.db, actor, req.params.id);
        if (!existing) throw new AppError('not_found', WEBHOOK_NOT_FOUND);
        return presentWebhook(await changeWebhook(ctx, actor, existing, req.body));
      });
    },
  );

  app.get(
    '/api/v1/webhook-endpoints/outbox',
    {
      schema: {
        tags: hooks,
        summary: '最近的外发消息（推送与短信）及其投递状态',
        description: '本单位范围内最近100条；只显示摘要，不含手机号与正文。',
        security,
        response: { 200: OutboxListResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(canManageWebhooks(actor), '只有单位管理员或系统管理员可以查看外发消息。');
      const rows = await listOutboxInScope(readCtx(req).db, actor, 100);
      return {
        items: rows.map((r) => ({
          id: r.id,
          channel: r.channel,
          summary: r.summary,
          // A row being sent right now is still pending to the reader (the wire keeps three states).
          status: (r.status === 'sending' ? 'pending' : r.status) as 'pending' | 'delivered' | 'failed',
          attempts: Number(r.attempts),
          lastError: r.last_error,
          createdAt: r.created_at,
          deliveredAt: r.delivered_at,
        })),
        total: rows.length,
      };
    },
  );
}
