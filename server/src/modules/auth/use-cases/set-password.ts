import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { endSessionsOfUser, findUserById, recentPasswordHashes, updatePassword } from '../auth.repository.ts';
import { hashPassword, passwordProblems, verifyPassword } from '../password.ts';

/** A new password may not equal any of the last 5 (等保 level 3; reliability: Identity and access). */
export const PASSWORD_HISTORY = 5;

/**
 * Sets a user's password: checks the policy (≥ 10 characters, three classes) and the last 5
 * passwords, stores the argon2id hash, sets or clears "must change at next login", ends the
 * user's other sessions (all of them when someone else sets it) and audits the change.
 */
export async function setPassword(
  ctx: Ctx,
  userId: string,
  newPassword: string,
  opts: { mustChange: boolean; action?: 'user.password_change' | 'user.password_reset' },
): Promise<void> {
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new AppError('not_found', '找不到该用户。');
  const problems = passwordProblems(newPassword);
  if (problems.length)
    throw new AppError('password_policy', `新密码不符合要求：${problems.join('；')}。请换一个密码。`, {
      problems,
    });
  const recent = await recentPasswordHashes(ctx.db, userId, PASSWORD_HISTORY);
  const reused = await Promise.all(recent.map((h) => verifyPassword(h, newPassword)));
  if (reused.some(Boolean))
    throw new AppError('password_policy', '新密码不能与最近5次使用过的密码相同，请换一个密码。', {
      problems: ['不能与最近5次使用过的密码相同'],
    });

  const at = ctx.clock.now().toISOString();
  await updatePassword(ctx.db, {
    historyId: newId(),
    userId,
    hash: await hashPassword(newPassword),
    at,
    mustChange: opts.mustChange,
  });
  const keep = ctx.actor?.userId === userId ? ctx.actor.sessionId : undefined;
  await endSessionsOfUser(ctx.db, userId, at, keep);
  await recordAudit(ctx, {
    action: opts.action ?? 'user.password_change',
    subjectType: 'user',
    subjectId: userId,
    unitId: user.unit_id,
    after: { mustChangePassword: opts.mustChange },
    ...(ctx.actor ? {} : { actorName: 'cli' }),
  });
}
