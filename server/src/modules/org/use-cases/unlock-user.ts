import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { liftLock } from '../../auth/lockout.ts';
import type { UserView } from '../org.repository.ts';

/**
 * Lifts the lock set after repeated login failures before its 15 minutes are over, so that the
 * failures behind it stop counting (auth lockout rule); audited as `user.unlock` when the
 * account was locked.
 */
export async function unlockUser(ctx: Ctx, target: UserView): Promise<UserView> {
  const now = ctx.clock.now().toISOString();
  if (!target.locked_until || target.locked_until <= now) return target;
  await liftLock(ctx, target.id);
  await recordAudit(ctx, {
    action: 'user.unlock',
    subjectType: 'user',
    subjectId: target.id,
    unitId: target.unit_id,
    before: { lockedUntil: target.locked_until },
    after: { lockedUntil: null },
  });
  return { ...target, locked_until: now };
}
