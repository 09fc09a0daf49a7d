import type { z } from 'zod';
import type { CreateWebhookBody, UpdateWebhookBody } from '../../../../shared/contracts/notifications.ts';
import { recordAudit } from '../audit/audit.ts';
import { authorize } from '../authz/authorize.ts';
import { newId } from '../crypto/ids.ts';
import { encryptField, loadKeyRing } from '../crypto/sm4.ts';
import { AppError } from '../http/app-error.ts';
import type { Actor, Ctx } from '../http/context.ts';
import { endpointSecretAad } from './deliver.job.ts';
import { canManageWebhooks } from './notify.policy.ts';
import { findWebhookInScope, insertWebhook, updateWebhook, type WebhookView } from './notify.repository.ts';

function auditShape(w: { kind: string; name: string; active: number; secret_enc: string | null }) {
  return { kind: w.kind, name: w.name, active: w.active === 1, hasSecret: w.secret_enc !== null };
}

/** Adds a robot endpoint to a unit in scope (unit_admin / sysadmin); the secret is stored SM4-encrypted. */
export async function createWebhook(
  ctx: Ctx,
  actor: Actor,
  body: z.infer<typeof CreateWebhookBody>,
): Promise<WebhookView> {
  const unit = await ctx.db
    .selectFrom('units')
    .select(['id', 'path'])
    .where('id', '=', body.unitId)
    .where('path', 'like', `${actor.unitPath}%`)
    .executeTakeFirst();
  if (!unit)
    throw new AppError('invalid_reference', '所选单位不存在或不在您的管辖范围内，请重新选择。', {
      field: 'unitId',
    });
  authorize(canManageWebhooks(actor), '只有单位管理员或系统管理员可以配置消息推送。');
  if (body.secret && body.kind !== 'dingtalk')
    throw new AppError('validation_failed', '只有钉钉机器人使用加签密钥；企业微信机器人请不要填写密钥。', {
      field: 'secret',
    });
  const id = newId();
  const now = ctx.clock.now().toISOString();
  const row = {
    id,
    unit_id: unit.id,
    kind: body.kind,
    name: body.name,
    url: body.url,
    secret_enc: body.secret
      ? encryptField(loadKeyRing(ctx.config), body.secret, endpointSecretAad(id))
      : null,
    active: 1,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  await insertWebhook(ctx.db, row);
  await recordAudit(ctx, {
    action: 'webhook.create',
    subjectType: 'webhook_endpoint',
    subjectId: id,
    unitId: unit.id,
    after: auditShape(row),
  });
  return (await findWebhookInScope(ctx.db, actor, id)) as WebhookView;
}

/** Changes a robot endpoint of a unit in scope: name, address, secret (null removes it), active. */
export async function changeWebhook(
  ctx: Ctx,
  actor: Actor,
  existing: WebhookView,
  body: z.infer<typeof UpdateWebhookBody>,
): Promise<WebhookView> {
  authorize(canManageWebhooks(actor), '只有单位管理员或系统管理员可以配置消息推送。');
  if (body.secret && existing.kind !== 'dingtalk')
    throw new AppError('validation_failed', '只有钉钉机器人使用加签密钥；企业微信机器人请不要填写密钥。', {
      field: 'secret',
    });
  const patch = {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.url !== undefined ? { url: body.url } : {}),
    ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
    ...(body.secret !== undefined
      ? {
          secret_enc: body.secret
            ? encryptField(loadKeyRing(ctx.config), body.secret, endpointSecretAad(existing.id))
            : null,
        }
      : {}),
    updated_at: ctx.clock.now().toISOString(),
  };
  await updateWebhook(ctx.db, existing.id, patch);
  const after = (await findWebhookInScope(ctx.db, actor, existing.id)) as WebhookView;
  await recordAudit(ctx, {
    action: 'webhook.update',
    subjectType: 'webhook_endpoint',
    subjectId: existing.id,
    unitId: existing.unit_id,
    before: { ...auditShape(existing), urlChanged: false },
    after: { ...auditShape(after), urlChanged: body.url !== undefined && body.url !== existing.url },
  });
  return after;
}
