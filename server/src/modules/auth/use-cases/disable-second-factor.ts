import { recordAudit } from '../../../platform/audit/audit.ts';
import { AppError, forbidden } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { rolesOf } from '../../org/org.repository.ts';
import { needsSecondFactor } from '../auth.policy.ts';
import { disableTotp, findUserById } from '../auth.repository.ts';
import { checkCurrentPassword } from '../reauthenticate.ts';

/**
 * The signed-in user switches TOTP off after confirming the password; refused (403) when
 * HUIYIN_2FA obliges this account to use it. Forgets the secret and the recovery codes. A wrong
 * password is returned as a refusal (422, counted towards the lockout) so its audit entry commits.
 */
export async function disableSecondFactor(
  ctx: Ctx & { actor: Actor },
  password: string,
): Promise<{ error: AppError } | null> {
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (!user) throw new Error('the signed-in user vanished');
  const roles = (await rolesOf(ctx.db, [user.id])).get(user.id) ?? [];
  if (needsSecondFactor(ctx.config.twoFactor, roles))
    forbidden('按本系统的安全设置，您的账号必须使用动态口令，不能关闭。');
  if (!user.totp_enabled && !user.totp_secret) throw new AppError('invalid_transition', '动态口令尚未启用。');
  const refusal = await checkCurrentPassword(ctx, user, password);
  if (refusal) return { error: refusal };
  await disableTotp(ctx.db, user.id);
  await recordAudit(ctx, {
    action: 'auth.2fa_disable',
    subjectType: 'user',
    subjectId: user.id,
    unitId: user.unit_id,
    before: { totpEnabled: !!user.totp_enabled },
    after: { totpEnabled: false },
  });
  return null;
}
