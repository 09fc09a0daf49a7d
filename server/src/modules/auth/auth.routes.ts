import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActivateResponse,
  ChangePasswordBody,
  DisableSecondFactorBody,
  EnrollResponse,
  LoginBody,
  LoginResponse,
  MeResponse,
  ResetPasswordResponse,
  SecondFactorCodeBody,
  VerifyResponse,
} from '../../../../shared/contracts/auth.ts';
import { ErrorResponse, IdParams } from '../../../../shared/contracts/common.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { notFound } from '../../platform/http/app-error.ts';
import { SESSION_COOKIE } from '../../platform/http/csrf.ts';
import { inTransaction, readCtx, requireActor } from '../../platform/http/request-context.ts';
import { canEditUser, canResetSecondFactor } from '../org/org.policy.ts';
import { findUserInScope, rolesOf } from '../org/org.repository.ts';
import { presentMe } from './auth.presenter.ts';
import { endSession } from './auth.repository.ts';
import { requireSession, sessionIdOf, setSessionCookie } from './session.ts';
import { activateSecondFactor } from './use-cases/activate-second-factor.ts';
import { changeOwnPassword } from './use-cases/change-password.ts';
import { disableSecondFactor } from './use-cases/disable-second-factor.ts';
import { enrollSecondFactor } from './use-cases/enroll-second-factor.ts';
import { logIn } from './use-cases/log-in.ts';
import { resetPassword } from './use-cases/reset-password.ts';
import { resetSecondFactor } from './use-cases/reset-second-factor.ts';
import { verifySecondFactor } from './use-cases/verify-second-factor.ts';

export { installAuthentication } from './session.ts';

const E = ErrorResponse;

/** Login, logout, second factor, passwords and the current user (api-contract: Auth). */
export async function authRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '登录',
        description:
          'Opens a session (HttpOnly cookie huiyin_session). With `secondFactor` the session may only call the second-factor endpoints and logout until the TOTP step is done.',
        body: LoginBody,
        response: { 200: LoginResponse, 400: E, 401: E, 423: E },
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

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: '退出登录',
        response: { 204: z.null().describe('No content'), 403: E },
      },
    },
    async (req, reply) => {
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
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/second-factor/enroll',
    {
      schema: {
        tags: ['auth'],
        summary: '设置动态口令：生成密钥和二维码',
        description:
          'For a session that owes enrolment, or a signed-in user without TOTP. The secret takes effect only after activation.',
        response: { 200: EnrollResponse, 401: E, 409: E },
      },
    },
    async (req) => {
      const session = requireSession(req);
      return inTransaction(req, (ctx) => enrollSecondFactor(ctx, session));
    },
  );

  app.post(
    '/api/v1/auth/second-factor/activate',
    {
      schema: {
        tags: ['auth'],
        summary: '激活动态口令并获取恢复码',
        description:
          'Checks a current 6-digit code, switches TOTP on and returns ten recovery codes (shown once). A session that owed enrolment becomes full.',
        body: SecondFactorCodeBody,
        response: { 200: ActivateResponse, 400: E, 401: E, 409: E, 423: E },
      },
    },
    async (req) => {
      const session = requireSession(req);
      const result = await inTransaction(req, (ctx) => activateSecondFactor(ctx, session, req.body.code));
      if ('error' in result) throw result.error;
      return result;
    },
  );

  app.post(
    '/api/v1/auth/second-factor/verify',
    {
      schema: {
        tags: ['auth'],
        summary: '登录时验证动态口令或恢复码',
        description:
          'A 6-digit TOTP code or an unused recovery code (then used up). Wrong codes count towards the login lockout.',
        body: SecondFactorCodeBody,
        response: { 200: VerifyResponse, 400: E, 401: E, 409: E, 423: E },
      },
    },
    async (req) => {
      const session = requireSession(req);
      const result = await inTransaction(req, (ctx) => verifySecondFactor(ctx, session, req.body.code));
      if ('error' in result) throw result.error;
      return result;
    },
  );

  app.post(
    '/api/v1/auth/second-factor/disable',
    {
      schema: {
        tags: ['auth'],
        summary: '关闭动态口令',
        description:
          'Confirmed with the current password; refused (403) when HUIYIN_2FA requires TOTP for the user.',
        body: DisableSecondFactorBody,
        response: { 204: z.null().describe('No content'), 400: E, 401: E, 403: E, 409: E, 422: E, 423: E },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const refusal = await inTransaction(req, (ctx) =>
        disableSecondFactor({ ...ctx, actor }, req.body.password),
      );
      if (refusal) throw refusal.error;
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    { schema: { tags: ['auth'], summary: '当前用户', response: { 200: MeResponse, 401: E } } },
    async (req) => {
      const actor = requireActor(req);
      const { config, handle } = req.server.deps;
      return presentMe(handle.db, config, actor.userId);
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改本人密码',
        description:
          'Confirms the current password (422 wrong_password), checks the policy and the last 5 passwords (422 password_policy), keeps this session and ends the others.',
        body: ChangePasswordBody,
        response: { 204: z.null().describe('No content'), 400: E, 401: E, 422: E, 423: E },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const refusal = await inTransaction(req, (ctx) => changeOwnPassword({ ...ctx, actor }, req.body));
      if (refusal) throw refusal.error;
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/users/:id/reset-password',
    {
      schema: {
        tags: ['org'],
        summary: '重置用户密码',
        description:
          'Sets a generated password (returned once) that the user must change at the next login, ends the user’s sessions and lifts a lockout.',
        params: IdParams,
        response: { 200: ResetPasswordResponse, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { db } = readCtx(req);
      const target = await findUserInScope(db, actor, req.params.id);
      if (!target) notFound('用户');
      const roles = (await rolesOf(db, [target.id])).get(target.id) ?? [];
      authorize(canEditUser(actor, { id: target.id, roles }), '您无权重置该用户的密码。');
      return inTransaction(req, (ctx) => resetPassword(ctx, target.id));
    },
  );

  app.post(
    '/api/v1/users/:id/reset-second-factor',
    {
      schema: {
        tags: ['org'],
        summary: '重置用户的动态口令（手机丢失时）',
        description:
          'Security administrator only: forgets the user’s TOTP secret and recovery codes and ends the user’s sessions; the next login enrols again where HUIYIN_2FA requires it.',
        params: IdParams,
        response: { 204: z.null(), 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const target = await findUserInScope(readCtx(req).db, actor, req.params.id);
      if (!target) notFound('用户');
      authorize(canResetSecondFactor(actor, target), '只有安全管理员可以重置其他用户的动态口令。');
      await inTransaction(req, (ctx) => resetSecondFactor(ctx, target.id));
      return reply.code(204).send(null);
    },
  );
}
