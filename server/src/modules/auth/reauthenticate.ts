import type { UsersTable } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { endSessionsOfUser } from './auth.repository.ts';
import { recordFailure } from './lockout.ts';
import { verifyPassword } from './password.ts';

/**
 * Confirms the signed-in user's current password before a sensitive change. A wrong password is
 * audited and counts towards the lockout; the fifth within 15 minutes locks the account and ends
 * its sessions (423). Returns the refusal, to be answered after the audit entry commits.
 */
export async function checkCurrentPassword(
  ctx: Ctx,
  user: Pick<UsersTable, 'id' | 'username' | 'name' | 'unit_id' | 'locked_until' | 'password_hash'>,
  password: string,
): Promise<AppError | null> {
  if (await verifyPassword(user.password_hash, password)) return null;
  const lockedUntil = await recordFailure(ctx, {
    username: user.username,
    user,
    reason: 'wrong_current_password',
    action: 'auth.password_check_failed',
    actorName: user.name,
  });
  if (!lockedUntil) return new AppError('wrong_password');
  await endSessionsOfUser(ctx.db, user.id, ctx.clock.now().toISOString());
  return new AppError('account_locked', undefined, { lockedUntil });
}
