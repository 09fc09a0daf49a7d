import type { Ctx } from '../../../platform/http/context.ts';
import { liftLock } from '../lockout.ts';
import { generatePassword } from '../password.ts';
import { setPassword } from './set-password.ts';

/**
 * Gives a user a generated password that must be changed at the next login, ends all the user's
 * sessions and lifts a lockout; audited as `user.password_reset` (by 'cli' without an actor).
 * The caller has checked scope and canEditUser; the password is returned to be shown once.
 */
export async function resetPassword(ctx: Ctx, userId: string): Promise<{ password: string }> {
  const password = generatePassword();
  await setPassword(ctx, userId, password, { mustChange: true, action: 'user.password_reset' });
  await liftLock(ctx, userId);
  return { password };
}
