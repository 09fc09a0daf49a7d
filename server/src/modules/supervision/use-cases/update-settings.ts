import { recordAudit } from '../../../platform/audit/audit.ts';
import { authorize } from '../../../platform/authz/authorize.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { effectiveSettings } from '../settings.ts';
import { canEditSettings } from '../supervision.policy.ts';
import { upsertSettings } from '../supervision.repository.ts';

/** Sets the reminder window and reply time of a unit in scope (unit_admin, sysadmin) or of the whole system ('*', sysadmin). */
export async function updateSupervisionSettings(
  ctx: Ctx,
  actor: Actor,
  body: { unitId?: string; remindDays: number; replyWorkingDays: number },
) {
  let key = '*';
  let path = '';
  if (body.unitId) {
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
    key = unit.id;
    path = unit.path;
  }
  authorize(
    canEditSettings(actor, key === '*'),
    key === '*' ? '只有系统管理员可以修改全局督办设置。' : '只有单位管理员或系统管理员可以修改督办设置。',
  );
  const before = path ? await effectiveSettings(ctx.db, path) : null;
  await upsertSettings(ctx.db, {
    unit_id: key,
    remind_days: body.remindDays,
    reply_working_days: body.replyWorkingDays,
    updated_by: actor.userId,
    updated_at: ctx.clock.now().toISOString(),
  });
  await recordAudit(ctx, {
    action: 'supervision.settings',
    subjectType: 'supervision_settings',
    subjectId: key,
    unitId: key === '*' ? null : key,
    before,
    after: { remindDays: body.remindDays, replyWorkingDays: body.replyWorkingDays },
  });
  return {
    unitId: key === '*' ? null : key,
    remindDays: body.remindDays,
    replyWorkingDays: body.replyWorkingDays,
    source: key,
  };
}
