import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LoginBody, LoginResponse, MeResponse } from '../../../../shared/contracts/auth.ts';
import { ErrorResponse } from '../../../../shared/contracts/common.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { SESSION_COOKIE } from '../../platform/http/csrf.ts';
import { inTransaction, requireActor } from '../../platform/http/request-context.ts';
import { findUnitById, findUserWithUnit } from '../org/org.repository.ts';
import { endSession } from './auth.repository.ts';
import { sessionIdOf, setSessionCookie } from './session.ts';
import { logIn } from './use-cases/log-in.ts';

export { installAuthentication } from './session.ts';

/** Login, logout and the current user (api-contract: Auth). */
export async function authRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: LoginBody,
        response: { 200: LoginResponse, 401: ErrorResponse, 423: ErrorResponse },
      },
    },
    async (req, reply) => {
      const result = await inTransaction(req, (ctx) =>
        logIn(ctx, { ...req.body, userAgent: req.headers['user-agent'] ?? null }),
      );
      if ('error' in result) throw result.error;
      setSessionCookie(req, reply, result.token);
      return { user: result.user, ...(result.secondFactor ? { secondFactor: result.secondFactor } : {}) };
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: '退出登录' } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      await inTransaction(req, async (ctx) => {
        const id = sessionIdOf(token);
        await endSession(ctx.db, id, ctx.clock.now().toISOString());
        const userId = req.actor?.userId ?? req.pendingSession?.userId;
        if (userId)
          await recordAudit(ctx, {
            action: 'auth.logout',
            subjectType: 'user',
            subjectId: userId,
            actorId: userId,
          });
      });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get(
    '/api/v1/me',
    { schema: { tags: ['auth'], summary: '当前用户', response: { 200: MeResponse, 401: ErrorResponse } } },
    async (req) => {
      const actor = requireActor(req);
      const { db } = req.server.deps.handle;
      const user = await findUserWithUnit(db, actor.userId);
      const unit = await findUnitById(db, actor.unitId);
      return {
        id: actor.userId,
        username: actor.username,
        name: actor.name,
        unitId: actor.unitId,
        unitName: unit?.name,
        roles: [...actor.roles],
        mustChangePassword: !!user?.must_change_password,
        totpEnabled: !!user?.totp_enabled,
      };
    },
  );
}
