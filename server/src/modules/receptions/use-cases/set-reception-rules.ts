import type { z } from 'zod';
import type { ReceptionRulesBody } from '../../../../../shared/contracts/receptions.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { authorize } from '../../../platform/authz/authorize.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import type { UnitRow } from '../../org/org.repository.ts';
import { canEditReceptionRules } from '../receptions.policy.ts';
import { saveRules } from '../receptions.repository.ts';
import { effectiveRules } from '../receptions.rules.ts';

/**
 * Sets a unit's own group-size rules (unit already in scope): unit_admin or sysadmin (403); the
 * unit's subtree inherits them unless a unit below sets its own. Audited with before and after.
 */
export async function setReceptionRules(
  ctx: Ctx,
  actor: Actor,
  unit: UnitRow,
  input: z.infer<typeof ReceptionRulesBody>,
) {
  authorize(canEditReceptionRules(actor), '只有单位管理员或系统管理员可以设置接访规则。');
  const before = await effectiveRules(ctx.db, unit);
  await saveRules(ctx.db, {
    unit_id: unit.id,
    principal_from: input.principalFrom,
    deputy_from: input.deputyFrom,
    updated_by: actor.userId,
    updated_at: ctx.clock.now().toISOString(),
  });
  await recordAudit(ctx, {
    action: 'reception.rules_update',
    subjectType: 'unit',
    subjectId: unit.id,
    unitId: unit.id,
    before: { principalFrom: before.principalFrom, deputyFrom: before.deputyFrom, source: before.source },
    after: { principalFrom: input.principalFrom, deputyFrom: input.deputyFrom },
  });
  return effectiveRules(ctx.db, unit);
}
