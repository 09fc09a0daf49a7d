import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { loadKeyRing } from '../../../platform/crypto/sm4.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import {
  claimTotpStep,
  completeSecondFactor,
  enableTotp,
  endSession,
  findUserById,
  replaceRecoveryCodes,
} from '../auth.repository.ts';
import { recordFailure, recordSuccess } from '../lockout.ts';
import { newRecoveryCodes, recoveryCodeHash } from '../recovery-codes.ts';
import { openTotpSecret, type SecondFactorSession } from '../second-factor.ts';
import { verifyTotp } from '../totp.ts';

/**
 * Switches TOTP on once the user proves the app works with a current code (±1 step, each step
 * once), issues ten recovery codes (shown once, stored as keyed hashes) and completes a session
 * that owed enrolment. A wrong code during a login counts towards the lockout. A refusal is
 * returned so that its audit entry commits.
 */
export async function activateSecondFactor(
  ctx: Ctx,
  session: SecondFactorSession,
  code: string,
): Promise<{ recoveryCodes: string[] } | { error: AppError }> {
  const user = await findUserById(ctx.db, session.userId);
  if (!user) throw new AppError('unauthenticated');
  if (user.totp_enabled || session.owes === 'verify')
    throw new AppError('invalid_transition', '动态口令已启用，无需再次激活。');
  if (!user.totp_secret)
    throw new AppError('invalid_transition', '请先获取动态口令密钥（扫描二维码），再输入口令激活。');
  const keys = loadKeyRing(ctx.config);
  const secret = openTotpSecret(keys, user.id, user.totp_secret);
  const step = verifyTotp(secret, code, ctx.clock.now(), user.totp_last_step);
  if (step === null || !(await claimTotpStep(ctx.db, user.id, step))) {
    const failure = { username: user.username, user, action: 'auth.2fa_failed', actorName: user.name };
    if (session.owes) {
      const lockedUntil = await recordFailure(ctx, { ...failure, reason: 'wrong_code_at_activation' });
      if (lockedUntil) {
        await endSession(ctx.db, session.id, ctx.clock.now().toISOString());
        return { error: new AppError('account_locked', undefined, { lockedUntil }) };
      }
    } else {
      await recordAudit(ctx, {
        action: 'auth.2fa_failed',
        subjectType: 'user',
        subjectId: user.id,
        unitId: user.unit_id,
        after: { reason: 'wrong_code_at_activation' },
      });
    }
    return {
      error: new AppError('invalid_second_factor', '动态口令不正确，请输入手机应用中当前显示的6位数字。'),
    };
  }

  await enableTotp(ctx.db, user.id);
  const recoveryCodes = newRecoveryCodes();
  await replaceRecoveryCodes(
    ctx.db,
    user.id,
    recoveryCodes.map((c) => ({ id: newId(), hash: recoveryCodeHash(keys, user.id, c) })),
  );
  if (session.owes) {
    await completeSecondFactor(ctx.db, session.id);
    await recordSuccess(ctx, user.username);
  }
  await recordAudit(ctx, {
    action: 'auth.2fa_activate',
    subjectType: 'user',
    subjectId: user.id,
    unitId: user.unit_id,
    actorId: user.id,
    actorName: user.name,
    after: { totpEnabled: true, recoveryCodes: recoveryCodes.length },
  });
  return { recoveryCodes };
}
