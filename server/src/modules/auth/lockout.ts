import { recordAudit } from '../../platform/audit/audit.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { UsersTable } from '../../platform/db/schema.ts';
import type { Ctx } from '../../platform/http/context.ts';
import {
  attemptsSince,
  countFailuresAfter,
  insertLoginAttempt,
  lastSuccessSince,
  setLockedUntil,
} from './auth.repository.ts';

// Lockout (reliability: Identity and access): 5 failed authentications within 15 minutes lock
// the username for 15 minutes, even for the right password. Wrong passwords and wrong second
// factors count alike; failures made while locked do not count towards the next lock. Unknown
// usernames are locked by the same rule, so a lock does not reveal that an account exists.

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

type UserRow = Pick<UsersTable, 'id' | 'unit_id' | 'locked_until'>;

/**
 * The lock an attempt history implies, by the rule above: replays the attempts (oldest first)
 * and returns the end of the last lock, or null. Used for usernames without an account.
 */
export function lockedUntilFromAttempts(
  attempts: ReadonlyArray<{ at: string; success: number }>,
): string | null {
  let lockedUntil: number | null = null;
  let failures: number[] = [];
  for (const a of attempts) {
    const t = Date.parse(a.at);
    if (lockedUntil !== null && t < lockedUntil) continue;
    if (a.success) {
      failures = [];
      continue;
    }
    failures = failures.filter((f) => f > t - LOCKOUT_WINDOW_MS);
    failures.push(t);
    if (failures.length >= LOCKOUT_FAILURES) {
      lockedUntil = t + LOCKOUT_WINDOW_MS;
      failures = [];
    }
  }
  return lockedUntil === null ? null : new Date(lockedUntil).toISOString();
}

/** The latest of some ISO instants (nulls ignored). */
function latest(first: string, ...rest: Array<string | null>): string {
  return rest.reduce<string>((a, b) => (b !== null && b > a ? b : a), first);
}

/** History long enough to replay any lock that can still be in force now. */
function replayFrom(now: Date): string {
  return new Date(now.getTime() - 2 * LOCKOUT_WINDOW_MS).toISOString();
}

/** Until when the username is locked, or null when it is not locked now. */
export async function currentLock(
  ctx: Ctx,
  username: string,
  user: UserRow | undefined,
): Promise<string | null> {
  const now = ctx.clock.now();
  const until = user
    ? user.locked_until
    : lockedUntilFromAttempts(await attemptsSince(ctx.db, username, replayFrom(now)));
  return until && until > now.toISOString() ? until : null;
}

/**
 * Lifts a lock (administrator unlock, password reset): sets the lock's end to now rather than
 * null, so that the failures that caused it stop counting and one more mistake does not relock.
 */
export async function liftLock(ctx: Ctx, userId: string): Promise<void> {
  await setLockedUntil(ctx.db, userId, ctx.clock.now().toISOString());
}

/** Records a successful authentication: failures before it no longer count. */
export async function recordSuccess(ctx: Ctx, username: string): Promise<void> {
  await insertLoginAttempt(ctx.db, {
    id: newId(),
    username,
    at: ctx.clock.now().toISOString(),
    success: true,
    ip: ctx.meta.ip,
  });
}

/**
 * Records and audits a failed authentication (wrong password, wrong second factor, or any
 * attempt while locked) and locks the username when it is the fifth within 15 minutes. Returns
 * the end of the lock this failure started, or null.
 */
export async function recordFailure(
  ctx: Ctx,
  f: { username: string; user: UserRow | undefined; reason: string; action: string; actorName?: string },
): Promise<string | null> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const lockedBefore = await currentLock(ctx, f.username, f.user);
  await insertLoginAttempt(ctx.db, {
    id: newId(),
    username: f.username,
    at: nowIso,
    success: false,
    ip: ctx.meta.ip,
  });
  await recordAudit(ctx, {
    action: f.action,
    subjectType: 'user',
    subjectId: f.user?.id ?? null,
    unitId: f.user?.unit_id ?? null,
    actorId: f.user?.id ?? null,
    actorName: f.actorName ?? f.username,
    after: { reason: f.reason, username: f.username },
  });
  if (lockedBefore) return null;

  let lockedUntil: string | null = null;
  let failures: number | null = null;
  if (f.user) {
    const windowStart = new Date(now.getTime() - LOCKOUT_WINDOW_MS).toISOString();
    const lastSuccess = await lastSuccessSince(ctx.db, f.username, windowStart);
    const from = latest(windowStart, lastSuccess, f.user.locked_until);
    failures = await countFailuresAfter(ctx.db, f.username, from);
    if (failures >= LOCKOUT_FAILURES) {
      lockedUntil = new Date(now.getTime() + LOCKOUT_WINDOW_MS).toISOString();
      await setLockedUntil(ctx.db, f.user.id, lockedUntil);
    }
  } else {
    lockedUntil = await currentLock(ctx, f.username, undefined);
  }
  if (!lockedUntil) return null;
  await recordAudit(ctx, {
    action: 'auth.account_locked',
    subjectType: 'user',
    subjectId: f.user?.id ?? null,
    unitId: f.user?.unit_id ?? null,
    actorId: null,
    actorName: 'system',
    after: { username: f.username, lockedUntil, ...(failures === null ? {} : { failures }) },
  });
  return lockedUntil;
}
