import { recordAudit } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { disableTotp, endSessionsOfUser, findUserById } from '../auth.repository.ts';

/**
 * The security administrator switches off a user's lost authenticator: the secret and recovery
 * codes are forgotten and every session of the user ends, so the next login enrols anew where
 * HUIYIN_2FA requires it. The caller has checked scope and canResetSecondFactor.
 */
export async function resetSecondFactor(ctx: Ctx, userId: string): Promise<void> {
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new AppError('not_found');
  if (!user.totp_enabled && !user.totp_secret)
    throw new AppError('invalid_transition', '该用户尚未启用动态口令，无需重置。');
  await disableTotp(ctx.db, user.id);
  await endSessionsOfUser(ctx.db, user.id, ctx.clock.now().toISOString());
  await recordAudit(ctx, {
    action: 'user.2fa_reset',
    subjectType: 'user',
    subjectId: user.id,
    unitId: user.unit_id,
    before: { totpEnabled: !!user.totp_enabled },
    after: { totpEnabled: false },
  });
}
