import type { UpdateUserInput } from '../../../../../shared/contracts/org.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { userSnapshot } from '../org.presenter.ts';
import {
  endUserSessions,
  findUnitInScope,
  type UserView,
  updateUser as writeUser,
} from '../org.repository.ts';

/**
 * Changes an account's name, unit (which must be in the actor's scope, else 404) or disabled flag.
 * Disabling ends the account's open sessions at once. Audited as `user.disable`, `user.enable` or
 * `user.update` with before/after when anything changed.
 */
export async function updateUser(ctx: Ctx, target: UserView, input: UpdateUserInput): Promise<UserView> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated');
  let unitName = target.unit_name;
  if (input.unitId !== undefined && input.unitId !== target.unit_id) {
    const unit = (await findUnitInScope(ctx.db, actor, input.unitId)) ?? notFound('单位');
    unitName = unit.name;
  }
  const next: UserView = {
    ...target,
    name: input.name ?? target.name,
    unit_id: input.unitId ?? target.unit_id,
    unit_name: unitName,
    disabled: input.disabled === undefined ? target.disabled : input.disabled ? 1 : 0,
  };
  const before = userSnapshot(target);
  const after = userSnapshot(next);
  if (JSON.stringify(before) === JSON.stringify(after)) return target;
  await writeUser(ctx.db, target.id, { name: next.name, unit_id: next.unit_id, disabled: next.disabled });
  const now = ctx.clock.now().toISOString();
  if (next.disabled && !target.disabled) await endUserSessions(ctx.db, target.id, now);
  const action =
    next.disabled !== target.disabled ? (next.disabled ? 'user.disable' : 'user.enable') : 'user.update';
  await recordAudit(ctx, {
    action,
    subjectType: 'user',
    subjectId: target.id,
    unitId: next.unit_id,
    before,
    after,
  });
  return next;
}
