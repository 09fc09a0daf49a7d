import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AuditListQuery,
  AuditListResponse,
  AuditVerifyResponse,
} from '../../../../shared/contracts/audit.ts';
import { ErrorResponse } from '../../../../shared/contracts/common.ts';
import { verifyAuditChain } from '../../platform/audit/verify.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { inTransaction, readCtx, requireActor } from '../../platform/http/request-context.ts';
import { canReadAudit } from '../org/org.policy.ts';
import { presentAuditEntry } from './audit.presenter.ts';
import { listAuditEntries } from './audit.repository.ts';
import { recordAuditVerification } from './use-cases/record-audit-verification.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

/** The audit trail for auditors (api-contract: Audit). */
export async function auditRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志（仅审计管理员，全机构范围，最新在前）',
        description:
          'Filters: actorId, action (exact), subjectType, subjectId, from/to (YYYY-MM-DD, China Standard Time days, inclusive). `id` is the entry’s position in the hash chain.',
        querystring: AuditListQuery,
        response: { 200: AuditListResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(canReadAudit(actor), '只有审计管理员可以查看审计日志。');
      const { page, pageSize, ...filter } = req.query;
      const { rows, total } = await listAuditEntries(readCtx(req).db, filter, { page, pageSize });
      return { items: rows.map(presentAuditEntry), total };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: '校验审计日志哈希链与外部锚点（仅审计管理员）',
        description:
          'Recomputes every entry’s SM3 hash and link in seq order, checks the chain head and the external anchors; `brokenAt` names the first entry changed, removed, inserted or moved, or where the chain was truncated. The run itself is audited (`audit.verify`).',
        response: { 200: AuditVerifyResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(canReadAudit(actor), '只有审计管理员可以校验审计日志。');
      const result = await verifyAuditChain(readCtx(req).db, req.server.deps.config);
      await inTransaction(req, (ctx) => recordAuditVerification(ctx, result));
      return result;
    },
  );
}
