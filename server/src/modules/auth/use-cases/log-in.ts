import type { Me } from '../../../../../shared/contracts/auth.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { randomToken } from '../../../platform/crypto/ids.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { findUserByUsername, rolesOf } from '../../org/org.repository.ts';
import { secondFactorOwed } from '../auth.policy.ts';
import { presentMe } from '../auth.presenter.ts';
import { insertSession } from '../auth.repository.ts';
import { currentLock, recordFailure, recordSuccess } from '../lockout.ts';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../password.ts';
import { sessionIdOf } from '../session.ts';

export interface LoginResult {
  token: string;
  user: Me;
  secondFactor?: 'enroll' | 'verify';
}

/**
 * Checks the password, counts failures (5 in 15 minutes lock the username for 15 minutes, even
 * for the right password), and opens a session that may still owe a TOTP step (api-contract:
 * Auth). Failures and successes are audited. Unknown users get the same answer after the same
 * password-hash work as known ones. A refusal is returned, not thrown, so that the route commits
 * the failure's audit entry before answering.
 */
export async function logIn(
  ctx: Ctx,
  input: { username: string; password: string; userAgent: string | null },
): Promise<LoginResult | { error: AppError }> {
  const nowIso = ctx.clock.now().toISOString();
  const user = await findUserByUsername(ctx.db, input.username);
  const ok = await verifyPassword(user?.password_hash ?? (await DUMMY_HASH_PROMISE), input.password);
  const failure = { username: input.username, user, action: 'auth.login_failed' };

  const locked = await currentLock(ctx, input.username, user);
  if (locked) {
    await recordFailure(ctx, { ...failure, reason: 'locked' });
    return { error: new AppError('account_locked', undefined, { lockedUntil: locked }) };
  }
  if (!user || !ok) {
    const lockedUntil = await recordFailure(ctx, {
      ...failure,
      reason: user ? 'wrong_password' : 'unknown_user',
    });
    if (lockedUntil) return { error: new AppError('account_locked', undefined, { lockedUntil }) };
    return { error: new AppError('invalid_credentials') };
  }
  if (user.disabled) {
    await recordFailure(ctx, { ...failure, reason: 'disabled' });
    return { error: new AppError('account_disabled') };
  }

  const roles = (await rolesOf(ctx.db, [user.id])).get(user.id) ?? [];
  const secondFactor = secondFactorOwed(ctx.config.twoFactor, roles, !!user.totp_enabled);
  const token = randomToken();
  await insertSession(ctx.db, {
    id: sessionIdOf(token),
    userId: user.id,
    at: nowIso,
    secondFactor: secondFactor ?? 'none',
    ip: ctx.meta.ip,
    userAgent: input.userAgent,
  });
  // With a second factor owed, authentication succeeds only at the TOTP step: until then the
  // failures keep counting, so logging in again does not reset the guesses at the code.
  if (!secondFactor) await recordSuccess(ctx, input.username);
  await recordAudit(ctx, {
    action: 'auth.login',
    subjectType: 'user',
    subjectId: user.id,
    unitId: user.unit_id,
    actorId: user.id,
    actorName: user.name,
    after: { secondFactor: secondFactor ?? null },
  });
  return { token, secondFactor, user: await presentMe(ctx.db, ctx.config, user.id) };
}
