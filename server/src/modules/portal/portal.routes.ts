import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorResponse } from '../../../../shared/contracts/common.ts';
import {
  CompleteReturnVisitBody,
  EvaluationBody,
  EvaluationResponse,
  PortalUploadResponse,
  PublicDocumentParams,
  PublicPetitionResponse,
  PublicReviewRequestBody,
  PublicReviewRequestResponse,
  PublicUnitsResponse,
  QueryCodeParams,
  ReturnVisitIdParams,
  ReturnVisitListQuery,
  ReturnVisitListResponse,
  ReturnVisitResponse,
  SubmitPetitionBody,
  SubmitPetitionResponse,
} from '../../../../shared/contracts/portal.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { readFile, sendStoredFile } from '../../platform/files/index.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { created, inTransaction, readCtx, requireActor } from '../../platform/http/request-context.ts';
import { chinaDate } from '../../platform/jobs/china-time.ts';
import { findOfficialDocument, PETITION_OWNER } from '../petitions/documents/index.ts';
import type { PetitionView } from '../petitions/petitions.repository.ts';
import {
  CHALLENGES_PER_HOUR,
  canCompleteReturnVisit,
  canReadReturnVisits,
  LOOKUPS_PER_MINUTE,
  PORTAL_ATTACHMENTS,
  RETURN_VISIT_DAYS,
  SUBMISSION_LIMITS,
} from './portal.policy.ts';
import { PUBLIC_DOCUMENT_KINDS, presentReturnVisit } from './portal.presenter.ts';
import { addressHash, ChallengeNeeded, countLookup, issueChallenge } from './portal.rate-limit.ts';
import {
  findReturnVisitInScope,
  listOnlineUnits,
  listReturnVisits,
  spendChallenge,
} from './portal.repository.ts';
import { completeReturnVisit } from './use-cases/complete-return-visit.ts';
import { evaluatePetition } from './use-cases/evaluate-petition.ts';
import { findCaseByQueryCode } from './use-cases/find-case-by-query-code.ts';
import { getPublicPetition } from './use-cases/get-public-petition.ts';
import { requestPublicReview } from './use-cases/request-public-review.ts';
import { submitPetition } from './use-cases/submit-petition.ts';
import { uploadAttachment, uploadTooLarge } from './use-cases/upload-attachment.ts';

const tags = ['portal'];
const staffTags = ['portal', 'return-visits'];
const security = [{ session: [] }];
const publicErrors = {
  400: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
  429: ErrorResponse,
};
const staffErrors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

/** The 400 of an upload with more than the one file field. */
const ONE_FILE = '每次只能上传一个文件（字段名 file），不要附带其他内容；多个附件请逐个上传。';

/** The one answer to every code that opens nothing: identical for unknown, wrong and malformed codes. */
const CODE_NOT_FOUND = '查询码不正确或没有对应的信访事项，请核对查询码（12位数字和大写字母）后重试。';

/**
 * A portal request's context: no staff actor even if a staff cookie came along, and no plaintext
 * address in the audit trail (citizens' addresses are kept only hashed, for the limits).
 */
function portalCtx(ctx: Ctx): Ctx {
  return { ...ctx, actor: null, meta: { ip: null, requestId: ctx.meta.requestId } };
}

/** Runs a portal handler; a 429 carries Retry-After (seconds until the window has room). */
async function withRetryAfter<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.code === 'rate_limited') {
      const wait = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (wait) reply.header('retry-after', String(wait));
    }
    throw err;
  }
}

/** Counts a code request of the caller's address (429 when over the limit). */
async function countCodeRequest(req: FastifyRequest): Promise<void> {
  const { deps } = req.server;
  await countLookup(deps.handle.db, deps.clock, addressHash(deps.config, req.ip));
}

/** The case of a query code, or the one 404 of every code that opens nothing. */
async function caseOf(ctx: Ctx, code: string): Promise<{ view: PetitionView; code: string }> {
  const found = await findCaseByQueryCode(ctx, code);
  if (!found) throw new AppError('not_found', CODE_NOT_FOUND);
  return found;
}

/** The public portal (api-contract: Public portal (no account)) and the staff's return visits (回访). */
export async function portalRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  // Uploads of the portal (this plugin's routes only): one file of at most 5 MB; a larger one ends
  // as the 413 that names the limit.
  await app.register(multipart, {
    limits: { fileSize: PORTAL_ATTACHMENTS.maxBytes, files: 1, fields: 0, parts: 1 },
  });

  app.get(
    '/api/public/units',
    {
      schema: {
        tags,
        summary: '受理网上信访的单位',
        description: '无需登录。只列出开通网上信访的单位。',
        security: [],
        response: { 200: PublicUnitsResponse },
      },
    },
    async (req) => {
      const rows = await listOnlineUnits(readCtx(req).db);
      return { items: rows.map((u) => ({ id: u.id, name: u.name, kind: u.kind, parentId: u.parent_id })) };
    },
  );

  app.post(
    '/api/public/petitions',
    {
      schema: {
        tags,
        summary: '网上提交信访事项',
        description: `无需登录。返回事项编号和查询码（请信访人妥善保存）。手机号须为11位大陆手机号；身份证号可不填，填写时须为18位且校验位正确（400 指明字段）；标题不超过100字、内容不超过5000字、诉求不超过2000字。检举控告可以提交，被检举控告人信息由登记人员核实后补充。单位不存在 404；单位未开通网上信访 422 online_not_accepted。同一网络地址一小时内提交${SUBMISSION_LIMITS.challengeAfter}件后，再提交须回答验证问题：428 challenge_required（或答错时 challenge_failed），error.details.challenge = { id, question, expiresAt }，回答后连同 challengeId、challengeAnswer 重新提交（每题10分钟内有效，只能用一次；每小时最多${CHALLENGES_PER_HOUR}题）。每小时超过${SUBMISSION_LIMITS.perHour}件或每天超过${SUBMISSION_LIMITS.perDay}件 429 rate_limited（带 Retry-After）。支持 Idempotency-Key。`,
        security: [],
        body: SubmitPetitionBody,
        response: { 201: SubmitPetitionResponse, 428: ErrorResponse, ...publicErrors },
      },
    },
    async (req, reply) => {
      const { deps } = req.server;
      const ipHash = addressHash(deps.config, req.ip);
      return withRetryAfter(reply, async () => {
        try {
          return await created(req, reply, (ctx) => submitPetition(portalCtx(ctx), ipHash, req.body));
        } catch (err) {
          if (!(err instanceof ChallengeNeeded)) throw err;
          const { db } = deps.handle;
          if (err.spentChallengeId)
            await spendChallenge(db, err.spentChallengeId, deps.clock.now().toISOString());
          const challenge = await issueChallenge(db, deps.clock, ipHash);
          if (err.reason === 'wrong') throw new AppError('challenge_failed', undefined, { challenge });
          throw new AppError(
            'challenge_required',
            err.reason === 'expired' ? '验证问题已过期或已经使用，请回答新的问题后重新提交。' : undefined,
            { challenge },
          );
        }
      });
    },
  );

  app.post(
    '/api/public/uploads',
    {
      schema: {
        tags,
        summary: '上传附件（网上信访，multipart/form-data，字段 file）',
        description: `无需登录。先逐个上传附件，再把返回的 token 放进提交信访事项的 attachments（最多${PORTAL_ATTACHMENTS.maxFiles}个）。只接受 JPG、PNG 和 PDF，文件内容须与扩展名一致（422 attachment_rejected）；每个不超过${PORTAL_ATTACHMENTS.maxBytes / 1024 / 1024} MB（413 payload_too_large）。token 两小时内有效、只能用于一次提交。同一网络地址每小时最多上传${PORTAL_ATTACHMENTS.perHour}个，超过 429 rate_limited（带 Retry-After）。支持 Idempotency-Key。`,
        security: [],
        consumes: ['multipart/form-data'],
        response: { 201: PortalUploadResponse, 413: ErrorResponse, ...publicErrors },
      },
    },
    async (req, reply) => {
      const { deps } = req.server;
      if (!req.isMultipart())
        throw new AppError('validation_failed', '请以 multipart/form-data 上传附件，文件字段名为 file。', {
          field: 'file',
        });
      let fileName: string | undefined;
      let bytes: Buffer | undefined;
      try {
        for await (const part of req.parts()) {
          if (bytes) throw new AppError('validation_failed', ONE_FILE, { field: 'file' });
          if (part.type !== 'file' || part.fieldname !== 'file')
            throw new AppError('validation_failed', '请以字段名 file 上传文件。', { field: 'file' });
          fileName = part.filename;
          bytes = await part.toBuffer();
        }
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') throw uploadTooLarge(fileName);
        if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT')
          throw new AppError('validation_failed', ONE_FILE, { field: 'file' });
        throw err;
      }
      if (!bytes || fileName === undefined)
        throw new AppError('validation_failed', '请选择要上传的文件（字段名 file）。', { field: 'file' });
      const file = { name: fileName, bytes };
      const ipHash = addressHash(deps.config, req.ip);
      return withRetryAfter(reply, () =>
        created(req, reply, (ctx) => uploadAttachment(portalCtx(ctx), ipHash, file.name, file.bytes)),
      );
    },
  );

  app.get(
    '/api/public/petitions/:queryCode',
    {
      schema: {
        tags,
        summary: '凭查询码查询办理情况',
        description: `无需登录。返回办理状态（通俗说明）、各项期限及最后一天、答复（处理意见书可下载）、能否评价、能否请求复查（复核）及最后一天；不含任何个人信息、被检举控告人、内部意见或经办人姓名。检举控告事项只显示状态和期限（confidential: true）。查询码不存在与查询码错误的回答完全相同（404）。同一网络地址每分钟最多查询${LOOKUPS_PER_MINUTE}次（凭查询码的所有请求合计），超过 429。`,
        security: [],
        params: QueryCodeParams,
        response: { 200: PublicPetitionResponse, ...publicErrors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return withRetryAfter(reply, async () => {
        await countCodeRequest(req);
        const ctx = portalCtx(readCtx(req));
        const { view, code } = await caseOf(ctx, req.params.queryCode);
        return getPublicPetition(ctx, view, code);
      });
    },
  );

  app.get(
    '/api/public/petitions/:queryCode/documents/:documentId',
    {
      schema: {
        tags,
        summary: '下载答复文书（.docx）',
        description:
          '无需登录。只提供写给信访人的处理意见书、复查意见书和复核意见书（查询结果中的 documentUrl）；其他文书和检举控告事项的文书 404。计入查询次数限制。',
        security: [],
        params: PublicDocumentParams,
        response: publicErrors,
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return withRetryAfter(reply, async () => {
        await countCodeRequest(req);
        const ctx = portalCtx(readCtx(req));
        const { view } = await caseOf(ctx, req.params.queryCode);
        const doc = await findOfficialDocument(ctx.db, req.params.documentId);
        const publicKinds: readonly string[] = Object.values(PUBLIC_DOCUMENT_KINDS);
        if (
          !doc ||
          doc.owner_type !== PETITION_OWNER ||
          doc.owner_id !== view.id ||
          !publicKinds.includes(doc.kind) ||
          view.classification === 'accusation'
        )
          throw new AppError('not_found', '找不到该文书。');
        const file = await readFile(ctx.db, ctx.config, doc.file_id);
        if (!file) throw new AppError('not_found', '找不到该文书。');
        return sendStoredFile(reply, file.row, file.bytes);
      });
    },
  );

  app.post(
    '/api/public/petitions/:queryCode/evaluation',
    {
      schema: {
        tags,
        summary: '对答复作出满意度评价',
        description: `无需登录。评价最新的答复（处理意见、复查意见或复核意见），每次答复只能评价一次（再次评价 409 already_evaluated）；尚未答复 409 not_answered；超过可请求复查（复核）的期限 409 time_limit_passed。评价“不满意”时，作出答复的单位须在${RETURN_VISIT_DAYS}日内回访。满意度评价单独保存，不并入单位自评。支持 Idempotency-Key。`,
        security: [],
        params: QueryCodeParams,
        body: EvaluationBody,
        response: { 201: EvaluationResponse, ...publicErrors },
      },
    },
    async (req, reply) =>
      withRetryAfter(reply, async () => {
        await countCodeRequest(req);
        return created(req, reply, async (raw) => {
          const ctx = portalCtx(raw);
          const { view } = await caseOf(ctx, req.params.queryCode);
          return evaluatePetition(ctx, view, req.body);
        });
      }),
  );

  app.post(
    '/api/public/petitions/:queryCode/review-request',
    {
      schema: {
        tags,
        summary: '请求复查（已有复查意见时为请求复核）',
        description:
          '无需登录。对处理意见不服的，自收到书面答复之日起30日内请求复查；对复查意见不服的，30日内请求复核（信访工作条例第35、36条）。尚未答复 409 not_answered；超过期限 409 time_limit_passed（message 写明最后一天，details.lastDay）；已请求过 409 invalid_transition；已复核终结 409 matter_finalized；系统中没有上一级单位 422 no_higher_unit。支持 Idempotency-Key。',
        security: [],
        params: QueryCodeParams,
        body: PublicReviewRequestBody,
        response: { 201: PublicReviewRequestResponse, ...publicErrors },
      },
    },
    async (req, reply) =>
      withRetryAfter(reply, async () => {
        await countCodeRequest(req);
        return created(req, reply, async (raw) => {
          const ctx = portalCtx(raw);
          const { view } = await caseOf(ctx, req.params.queryCode);
          return requestPublicReview(ctx, view, req.body);
        });
      }),
  );

  // ---- Return visits (回访), staff ----

  app.get(
    '/api/v1/return-visits',
    {
      schema: {
        tags: staffTags,
        summary: '回访任务（本单位及下级）',
        description:
          '信访人评价“不满意”后产生的回访任务，默认只列未完成的（status=open），按回访期限排序；status=done 列已完成的。登记人员、经办人、领导和督查人员可查看。',
        security,
        querystring: ReturnVisitListQuery,
        response: { 200: ReturnVisitListResponse, ...staffErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(canReadReturnVisits(actor), '您的角色不处理回访任务。');
      const { db, clock } = readCtx(req);
      const { rows, total } = await listReturnVisits(db, actor, req.query);
      const today = chinaDate(clock.now());
      const mayComplete = canCompleteReturnVisit(actor);
      return { items: rows.map((r) => presentReturnVisit(r, today, mayComplete)), total };
    },
  );

  app.post(
    '/api/v1/return-visits/:id/complete',
    {
      schema: {
        tags: staffTags,
        summary: '记录回访结果',
        description:
          '登记人员、经办人或领导记录回访结果和情况；结果写入信访事项的时间线并记入审计日志。已完成的回访 409 invalid_transition。',
        security,
        params: ReturnVisitIdParams,
        body: CompleteReturnVisitBody,
        response: { 200: ReturnVisitResponse, ...staffErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) => {
        const visit = await findReturnVisitInScope(ctx.db, actor, req.params.id);
        if (!visit) throw new AppError('not_found', '找不到该回访任务，或您无权查看。');
        authorize(canCompleteReturnVisit(actor), '只有登记人员、经办人或领导可以记录回访结果。');
        await completeReturnVisit(ctx, actor, visit, req.body);
        const fresh = (await findReturnVisitInScope(ctx.db, actor, visit.id)) ?? visit;
        return presentReturnVisit(fresh, chinaDate(ctx.clock.now()), true);
      });
    },
  );
}
