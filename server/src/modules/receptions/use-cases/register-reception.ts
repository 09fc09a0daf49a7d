import type { z } from 'zod';
import type { CreateReceptionBody } from '../../../../../shared/contracts/receptions.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { authorize } from '../../../platform/authz/authorize.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { findUnitInScope } from '../../org/org.repository.ts';
import { findVisiblePetition } from '../../petitions/petitions.repository.ts';
import { canManageReceptions, requiredLeaderLevel } from '../receptions.policy.ts';
import {
  findLeaderInScope,
  findReceptionById,
  insertReception,
  type ReceptionView,
} from '../receptions.repository.ts';

/**
 * Logs a walk-in or group visit: unit in scope (404), clerk/leader/unit_admin (403), `on` not after
 * today in China (400), the petition visible to the actor (404), the receiving leader a leader in
 * scope (422); the required leader level follows the group-size rules. Audited.
 */
export async function registerReception(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateReceptionBody>,
): Promise<ReceptionView> {
  const unit = await findUnitInScope(ctx.db, actor, input.unitId);
  if (!unit) notFound('单位');
  authorize(canManageReceptions(actor), '只有登记人员、领导或单位管理员可以登记接访。');
  if (input.on > chinaDate(ctx.clock.now()))
    throw new AppError('validation_failed', '接访日期不能晚于今天，请填写实际接访的日期。', { field: 'on' });
  if (input.petitionId && !(await findVisiblePetition(ctx.db, actor, input.petitionId))) notFound('信访事项');
  if (input.leaderId && !(await findLeaderInScope(ctx.db, actor, input.leaderId)))
    throw new AppError('invalid_reference', '接待领导须是本单位范围内具有“领导”角色的用户，请重新选择。', {
      field: 'leaderId',
    });
  const id = newId();
  // There is no case ownership yet (issue 4): only the group-size rules apply.
  const level = requiredLeaderLevel(input.peopleCount);
  await insertReception(ctx.db, {
    id,
    unit_id: unit.id,
    on_date: input.on,
    people_count: input.peopleCount,
    petition_id: input.petitionId ?? null,
    leader_id: input.leaderId ?? null,
    required_leader_level: level,
    note: input.note,
    recorded_by: actor.userId,
    recorded_at: ctx.clock.now().toISOString(),
  });
  await recordAudit(ctx, {
    action: 'reception.register',
    subjectType: 'reception',
    subjectId: id,
    unitId: unit.id,
    after: {
      on: input.on,
      peopleCount: input.peopleCount,
      petitionId: input.petitionId ?? null,
      leaderId: input.leaderId ?? null,
      requiredLeaderLevel: level,
    },
  });
  return (await findReceptionById(ctx.db, id)) as ReceptionView;
}
