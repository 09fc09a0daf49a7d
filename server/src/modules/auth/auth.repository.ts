import type { Db } from '../../platform/db/schema.ts';

// All SQL of the auth module: sessions and login attempts.

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

/** Failed attempts for a username since the given instant and since its last success. */
export async function countRecentFailures(db: Db, username: string, since: string): Promise<number> {
  const lastSuccess = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('username', '=', username)
    .where('success', '=', 1)
    .where('at', '>=', since)
    .executeTakeFirst();
  const from = lastSuccess?.at && lastSuccess.at > since ? lastSuccess.at : since;
  const r = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', '=', username)
    .where('success', '=', 0)
    .where('at', '>', from)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
