import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sm3Hex } from '../../platform/crypto/ids.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { SESSION_COOKIE } from '../../platform/http/csrf.ts';
import { findUserWithUnit, rolesOf } from '../org/org.repository.ts';
import { endSession, findOpenSession, touchSession } from './auth.repository.ts';

/** Sessions end after 30 idle minutes (等保 level 3). */
export const IDLE_LIMIT_MS = 30 * 60 * 1000;
/** Sessions end 12 hours after login whatever the activity. */
export const ABSOLUTE_LIMIT_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most once a minute to keep reads cheap. */
const TOUCH_EVERY_MS = 60 * 1000;

declare module 'fastify' {
  interface FastifyRequest {
    /** A session that still owes its second factor ('enroll' | 'verify'); such a session has no actor. */
    pendingSession: { id: string; userId: string; secondFactor: string } | null;
  }
}

/** The session id stored in the database for a cookie token. */
export function sessionIdOf(token: string): string {
  return sm3Hex(`session:${token}`);
}

/** The request's session, full or still owing its TOTP step ('enroll' | 'verify'); 401 without one. */
export function requireSession(req: FastifyRequest): {
  id: string;
  userId: string;
  owes: 'enroll' | 'verify' | null;
} {
  if (req.actor) return { id: req.actor.sessionId, userId: req.actor.userId, owes: null };
  const p = req.pendingSession;
  if (p) return { id: p.id, userId: p.userId, owes: p.secondFactor === 'enroll' ? 'enroll' : 'verify' };
  throw new AppError('unauthenticated');
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure when served over HTTPS. */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: req.protocol === 'https',
  });
}

/** Resolves the session cookie into `req.actor` (or `req.pendingSession`) on every API request. */
export function installAuthentication(app: FastifyInstance): void {
  app.decorateRequest('pendingSession', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token || !req.url.startsWith('/api/')) return;
    const { db } = app.deps.handle;
    const now = app.deps.clock.now();
    const id = sessionIdOf(token);
    const session = await findOpenSession(db, id);
    if (!session) return;
    const idle = now.getTime() - Date.parse(session.last_seen_at) > IDLE_LIMIT_MS;
    const old = now.getTime() - Date.parse(session.created_at) > ABSOLUTE_LIMIT_MS;
    if (idle || old) {
      await endSession(db, id, now.toISOString());
      return;
    }
    const user = await findUserWithUnit(db, session.user_id);
    if (!user || user.disabled) return;
    if (now.getTime() - Date.parse(session.last_seen_at) > TOUCH_EVERY_MS)
      await touchSession(db, id, now.toISOString());
    if (session.second_factor !== 'done' && session.second_factor !== 'none') {
      req.pendingSession = { id, userId: user.id, secondFactor: session.second_factor };
      return;
    }
    const roles = (await rolesOf(db, [user.id])).get(user.id) ?? [];
    req.actor = {
      userId: user.id,
      username: user.username,
      name: user.name,
      unitId: user.unit_id,
      unitPath: user.unit_path,
      roles,
      sessionId: id,
    };
  });
}
