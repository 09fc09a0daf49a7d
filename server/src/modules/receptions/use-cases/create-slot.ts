import type { z } from 'zod';
import type { CreateSlotBody } from '../../../../../shared/contracts/receptions.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { authorize } from '../../../platform/authz/authorize.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { findUnitInScope } from '../../org/org.repository.ts';
import { canManageReceptions } from '../receptions.policy.ts';
import { findLeaderInScope, findSlotById, insertSlot, type SlotView } from '../receptions.repository.ts';

/**
 * Schedules a leader's reception slot: unit in scope (404), clerk/leader/unit_admin (403), the
 * leader a user with role leader in scope (422), not on a past China date (400). Audited.
 */
export async function createSlot(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateSlotBody>,
): Promise<SlotView> {
  const unit = await findUnitInScope(ctx.db, actor, input.unitId);
  if (!unit) notFound('单位');
  authorize(canManageReceptions(actor), '只有登记人员、领导或单位管理员可以安排接访。');
  if (input.date < chinaDate(ctx.clock.now()))
    throw new AppError('validation_failed', '接访日期不能早于今天，请选择今天或以后的日期。', {
      field: 'date',
    });
  const leader = await findLeaderInScope(ctx.db, actor, input.leaderId);
  if (!leader)
    throw new AppError('invalid_reference', '接访领导须是本单位范围内具有“领导”角色的用户，请重新选择。', {
      field: 'leaderId',
    });
  const id = newId();
  await insertSlot(ctx.db, {
    id,
    unit_id: unit.id,
    leader_id: leader.id,
    date: input.date,
    start_time: input.start,
    end_time: input.end,
    place: input.place,
    capacity: input.capacity,
    booked: 0,
    created_by: actor.userId,
    created_at: ctx.clock.now().toISOString(),
  });
  const after = { ...input };
  await recordAudit(ctx, {
    action: 'reception.slot_create',
    subjectType: 'reception_slot',
    subjectId: id,
    unitId: unit.id,
    after,
  });
  return (await findSlotById(ctx.db, id)) as SlotView;
}
