import type { Me } from '../../../../../shared/contracts/auth.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { loadKeyRing } from '../../../platform/crypto/sm4.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { presentMe } from '../auth.presenter.ts';
import {
  claimTotpStep,
  completeSecondFactor,
  countUnusedRecoveryCodes,
  endSession,
  findUserById,
  spendRecoveryCode,
} from '../auth.repository.ts';
import { currentLock, recordFailure, recordSuccess } from '../lockout.ts';
import { normalizeRecoveryCode, recoveryCodeHash } from '../recovery-codes.ts';
import { openTotpSecret, type SecondFactorSession } from '../second-factor.ts';
import { verifyTotp } from '../totp.ts';

/**
 * Completes a login that owes the TOTP step, with a 6-digit code (±1 step, each step once) or an
 * unused recovery code, which is then used up. Wrong codes count towards the same lockout as
 * passwords; the lock ends this session (423). A refusal is returned so its audit entry commits.
 */
export async function verifySecondFactor(
  ctx: Ctx,
  session: SecondFactorSession,
  code: string,
): Promise<{ user: Me } | { error: AppError }> {
  if (session.owes !== 'verify')
    throw new AppError(
      'invalid_transition',
      session.owes === 'enroll' ? '请先设置动态口令（扫描二维码并激活）。' : '本次登录已完成验证。',
    );
  const user = await findUserById(ctx.db, session.userId);
  if (!user) throw new AppError('unauthenticated');
  const now = ctx.clock.now();
  const failure = { username: user.username, user, action: 'auth.2fa_failed', actorName: user.name };
  const refuse = async (reason: string): Promise<{ error: AppError }> => {
    const lockedUntil =
      (await recordFailure(ctx, { ...failure, reason })) ?? (await currentLock(ctx, user.username, user));
    if (!lockedUntil) return { error: new AppError('invalid_second_factor') };
    await endSession(ctx.db, session.id, now.toISOString());
    return { error: new AppError('account_locked', undefined, { lockedUntil }) };
  };

  if (await currentLock(ctx, user.username, user)) return refuse('locked');
  const keys = loadKeyRing(ctx.config);
  let method: 'totp' | 'recovery_code';
  if (/^\d{6}$/.test(code)) {
    method = 'totp';
    if (!user.totp_secret) return refuse('no_secret');
    const step = verifyTotp(openTotpSecret(keys, user.id, user.totp_secret), code, now, user.totp_last_step);
    if (step === null || !(await claimTotpStep(ctx.db, user.id, step))) return refuse('wrong_code');
  } else {
    method = 'recovery_code';
    const normal = normalizeRecoveryCode(code);
    const used =
      normal !== null &&
      (await spendRecoveryCode(ctx.db, user.id, recoveryCodeHash(keys, user.id, normal), now.toISOString()));
    if (!used) return refuse('wrong_recovery_code');
    await recordAudit(ctx, {
      action: 'auth.recovery_code_used',
      subjectType: 'user',
      subjectId: user.id,
      unitId: user.unit_id,
      actorId: user.id,
      actorName: user.name,
      after: { remaining: await countUnusedRecoveryCodes(ctx.db, user.id) },
    });
  }

  await completeSecondFactor(ctx.db, session.id);
  await recordSuccess(ctx, user.username);
  await recordAudit(ctx, {
    action: 'auth.2fa_verify',
    subjectType: 'user',
    subjectId: user.id,
    unitId: user.unit_id,
    actorId: user.id,
    actorName: user.name,
    after: { method },
  });
  return { user: await presentMe(ctx.db, ctx.config, user.id) };
}
