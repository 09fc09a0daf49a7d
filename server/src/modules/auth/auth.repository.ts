import type { Db } from '../../platform/db/schema.ts';

// All SQL of the auth module: sessions, login attempts, passwords, TOTP and recovery codes.

/** An open session by its id (the SM3 of the cookie token). */
export function findOpenSession(db: Db, id: string) {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

/** Records activity on a session (sliding idle timeout). */
export async function touchSession(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

/** Ends a session (logout, expiry, password change). */
export async function endSession(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ ended_at: at })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .execute();
}

/** Ends every open session of a user, optionally keeping one. */
export async function endSessionsOfUser(db: Db, userId: string, at: string, keepId?: string): Promise<void> {
  let q = db
    .updateTable('sessions')
    .set({ ended_at: at })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null);
  if (keepId) q = q.where('id', '!=', keepId);
  await q.execute();
}

/** Starts a session. */
export async function insertSession(
  db: Db,
  s: {
    id: string;
    userId: string;
    at: string;
    secondFactor: string;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      created_at: s.at,
      last_seen_at: s.at,
      second_factor: s.secondFactor,
      ip: s.ip,
      user_agent: s.userAgent,
      ended_at: null,
    })
    .execute();
}

/** Records a login attempt (success or failure) for lockout counting. */
export async function insertLoginAttempt(
  db: Db,
  a: { id: string; username: string; at: string; success: boolean; ip: string | null },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({ ...a, success: a.success ? 1 : 0 })
    .execute();
}

/**
 * Failed attempts for a username after `from`: the caller passes the latest of the window start,
 * the last success and the end of the last lock, so that only failures since then count.
 */
export async function countFailuresAfter(db: Db, username: string, from: string): Promise<number> {
  const r = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', '=', username)
    .where('success', '=', 0)
    .where('at', '>', from)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The latest successful attempt of a username at or after the given instant. */
export async function lastSuccessSince(db: Db, username: string, since: string): Promise<string | null> {
  const r = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('username', '=', username)
    .where('success', '=', 1)
    .where('at', '>=', since)
    .executeTakeFirst();
  return r?.at ?? null;
}

/** Every attempt of a username since the given instant, oldest first. */
export function attemptsSince(db: Db, username: string, since: string) {
  return db
    .selectFrom('login_attempts')
    .select(['at', 'success'])
    .where('username', '=', username)
    .where('at', '>=', since)
    .orderBy('at')
    .execute();
}

/** Locks an account until the given instant (null unlocks). */
export async function setLockedUntil(db: Db, userId: string, until: string | null): Promise<void> {
  await db.updateTable('users').set({ locked_until: until }).where('id', '=', userId).execute();
}

/** A user row by id, ignoring scope (the user's own authentication). */
export function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks a session's second factor as done: from now on it is a full session. */
export async function completeSecondFactor(db: Db, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ second_factor: 'done' }).where('id', '=', sessionId).execute();
}

/** Stores a new, not yet active TOTP secret (encrypted) and forgets the last used step. */
export async function saveTotpSecret(db: Db, userId: string, encrypted: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: encrypted, totp_enabled: 0, totp_last_step: null })
    .where('id', '=', userId)
    .execute();
}

/**
 * Records the time step of an accepted TOTP code, only if it is later than the last one; false
 * when another request used this step (or a later one) first, so a code works exactly once.
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Switches TOTP on for a user whose secret is stored. */
export async function enableTotp(db: Db, userId: string): Promise<void> {
  await db.updateTable('users').set({ totp_enabled: 1 }).where('id', '=', userId).execute();
}

/** Switches TOTP off and forgets the secret and the recovery codes. */
export async function disableTotp(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_enabled: 0, totp_secret: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

/** Replaces a user's recovery codes with new ones (their keyed hashes). */
export async function replaceRecoveryCodes(
  db: Db,
  userId: string,
  codes: ReadonlyArray<{ id: string; hash: string }>,
): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(codes.map((c) => ({ id: c.id, user_id: userId, code_hash: c.hash, used_at: null })))
    .execute();
}

/** Uses up an unused recovery code by its hash; false when there is no such unused code. */
export async function spendRecoveryCode(db: Db, userId: string, hash: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('recovery_codes')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Number of recovery codes a user has not used yet. */
export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The hashes of a user's latest passwords, newest first. */
export async function recentPasswordHashes(db: Db, userId: string, count: number): Promise<string[]> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(count)
    .execute();
  return rows.map((r) => r.password_hash);
}

/** Sets a user's password hash, remembers it in the history and sets or clears "must change". */
export async function updatePassword(
  db: Db,
  p: { historyId: string; userId: string; hash: string; at: string; mustChange: boolean },
): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: p.hash, password_changed_at: p.at, must_change_password: p.mustChange ? 1 : 0 })
    .where('id', '=', p.userId)
    .execute();
  await db
    .insertInto('password_history')
    .values({ id: p.historyId, user_id: p.userId, password_hash: p.hash, created_at: p.at })
    .execute();
}
