import { recordAudit } from '../../../platform/audit/audit.ts';
import { AppError, forbidden } from '../../../platform/http/app-error.ts';
import type { Ctx, Role } from '../../../platform/http/context.ts';
import { roleList } from '../org.labels.ts';
import { ungrantableChanges, violatesSeparation } from '../org.policy.ts';
import { replaceUserRoles, type UserView } from '../org.repository.ts';

/**
 * Replaces an account's roles. Every role added or removed must be one the actor may grant (403:
 * only secadmin touches sysadmin, secadmin and auditor); the result may not hold two administrator
 * roles (422 role_separation). Audited as `user.roles_change` with before/after.
 */
export async function changeUserRoles(
  ctx: Ctx,
  target: UserView,
  before: readonly Role[],
  roles: readonly Role[],
): Promise<Role[]> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated');
  const after = [...roles].sort();
  const denied = ungrantableChanges(actor, before, after);
  if (denied.length) forbidden(`您不能授予或收回以下角色：${roleList(denied)}。请联系有权限的管理员。`);
  if (violatesSeparation(after)) throw new AppError('role_separation');
  const previous = [...before].sort();
  if (JSON.stringify(previous) === JSON.stringify(after)) return previous;
  await replaceUserRoles(ctx.db, target.id, after);
  await recordAudit(ctx, {
    action: 'user.roles_change',
    subjectType: 'user',
    subjectId: target.id,
    unitId: target.unit_id,
    before: { roles: previous },
    after: { roles: after },
  });
  return after;
}
