import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { type UserView, updateUser } from '../org.repository.ts';

/**
 * Lifts the lock set after repeated login failures before its 15 minutes are over; audited as
 * `user.unlock` when the account was locked.
 */
export async function unlockUser(ctx: Ctx, target: UserView): Promise<UserView> {
  const now = ctx.clock.now().toISOString();
  if (!target.locked_until || target.locked_until <= now) return { ...target, locked_until: null };
  await updateUser(ctx.db, target.id, { locked_until: null });
  await recordAudit(ctx, {
    action: 'user.unlock',
    subjectType: 'user',
    subjectId: target.id,
    unitId: target.unit_id,
    before: { lockedUntil: target.locked_until },
    after: { lockedUntil: null },
  });
  return { ...target, locked_until: null };
}
