import type { AppError } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { findUserById } from '../auth.repository.ts';
import { checkCurrentPassword } from '../reauthenticate.ts';
import { setPassword } from './set-password.ts';

/**
 * The signed-in user changes their own password: the current one is confirmed first (422
 * wrong_password, counted towards the lockout), then setPassword clears "must change", keeps
 * this session and ends the others. A refusal is returned so its audit entry commits.
 */
export async function changeOwnPassword(
  ctx: Ctx & { actor: Actor },
  input: { currentPassword: string; newPassword: string },
): Promise<{ error: AppError } | null> {
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (!user) throw new Error('the signed-in user vanished');
  const refusal = await checkCurrentPassword(ctx, user, input.currentPassword);
  if (refusal) return { error: refusal };
  await setPassword(ctx, user.id, input.newPassword, { mustChange: false });
  return null;
}
