import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId, randomToken } from '../../../platform/crypto/ids.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx, Role } from '../../../platform/http/context.ts';
import { ADMIN_ROLES } from '../../../platform/http/context.ts';
import { findUnitById, findUserByUsername, rolesOf } from '../../org/org.repository.ts';
import { countRecentFailures, insertLoginAttempt, insertSession } from '../auth.repository.ts';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../password.ts';
import { sessionIdOf } from '../session.ts';

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

export interface LoginResult {
  token: string;
  user: {
    id: string;
    username: string;
    name: string;
    unitId: string;
    unitName?: string;
    roles: Role[];
    mustChangePassword: boolean;
    totpEnabled: boolean;
  };
  secondFactor?: 'enroll' | 'verify';
}

/** Whether this account must pass a TOTP step, per HUIYIN_2FA (administrators by default). */
export function needsSecondFactor(mode: 'admins' | 'all' | 'off', roles: readonly Role[]): boolean {
  if (mode === 'off') return false;
  if (mode === 'all') return true;
  return roles.some((r) => ADMIN_ROLES.includes(r));
}

/**
 * Checks the password, counts failures (5 in 15 minutes lock the account for 15 minutes, even for
 * the right password), and opens a session. Failures and successes are audited. Unknown users
 * get the same answer after the same password-hash work as known ones. A refusal is returned,
 * not thrown, so that the route commits the failure's audit entry before answering.
 */
export async function logIn(
  ctx: Ctx,
  input: { username: string; password: string; userAgent: string | null },
): Promise<LoginResult | { error: AppError }> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const user = await findUserByUsername(ctx.db, input.username);
  const ok = await verifyPassword(user?.password_hash ?? (await DUMMY_HASH_PROMISE), input.password);

  const fail = async (reason: string) => {
    await insertLoginAttempt(ctx.db, {
      id: newId(),
      username: input.username,
      at: nowIso,
      success: false,
      ip: ctx.meta.ip,
    });
    await recordAudit(ctx, {
      action: 'auth.login_failed',
      subjectType: 'user',
      subjectId: user?.id ?? null,
      unitId: user?.unit_id ?? null,
      actorId: user?.id ?? null,
      actorName: input.username,
      after: { reason },
    });
  };

  if (user?.locked_until && user.locked_until > nowIso) {
    await fail('locked');
    return { error: new AppError('account_locked', undefined, { lockedUntil: user.locked_until }) };
  }
  if (!user || !ok) {
    await fail(user ? 'wrong_password' : 'unknown_user');
    if (user) {
      const failures = await countRecentFailures(
        ctx.db,
        input.username,
        new Date(now.getTime() - LOCKOUT_WINDOW_MS).toISOString(),
      );
      if (failures >= LOCKOUT_FAILURES) {
        const lockedUntil = new Date(now.getTime() + LOCKOUT_WINDOW_MS).toISOString();
        await ctx.db
          .updateTable('users')
          .set({ locked_until: lockedUntil })
          .where('id', '=', user.id)
          .execute();
        await recordAudit(ctx, {
          action: 'auth.account_locked',
          subjectType: 'user',
          subjectId: user.id,
          unitId: user.unit_id,
          actorId: null,
          actorName: 'system',
          after: { lockedUntil, failures },
        });
        return { error: new AppError('account_locked', undefined, { lockedUntil }) };
      }
    }
    return { error: new AppError('invalid_credentials') };
  }
  if (user.disabled) {
    await fail('disabled');
    return { error: new AppError('account_disabled') };
  }
  const roles = (await rolesOf(ctx.db, [user.id])).get(user.id) ?? [];
  const secondFactor = needsSecondFactor(ctx.config.twoFactor, roles)
    ? user.totp_enabled
      ? 'verify'
      : 'enroll'
    : undefined;
  const token = randomToken();
  const sessionId = sessionIdOf(token);
  await insertSession(ctx.db, {
    id: sessionId,
    userId: user.id,
    at: nowIso,
    secondFactor: secondFactor ?? 'none',
    ip: ctx.meta.ip,
    userAgent: input.userAgent,
  });
  await insertLoginAttempt(ctx.db, {
    id: newId(),
    username: input.username,
    at: nowIso,
    success: true,
    ip: ctx.meta.ip,
  });
  await recordAudit(ctx, {
    action: 'auth.login',
    subjectType: 'user',
    subjectId: user.id,
    unitId: user.unit_id,
    actorId: user.id,
    actorName: user.name,
    after: { secondFactor: secondFactor ?? null },
  });
  const unit = await findUnitById(ctx.db, user.unit_id);
  return {
    token,
    secondFactor,
    user: {
      id: user.id,
      username: user.username,
      name: user.name,
      unitId: user.unit_id,
      unitName: unit?.name,
      roles,
      mustChangePassword: !!user.must_change_password,
      totpEnabled: !!user.totp_enabled,
    },
  };
}
