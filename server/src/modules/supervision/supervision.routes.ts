import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorResponse, IdParams } from '../../../../shared/contracts/common.ts';
import {
  CloseBody,
  IssueNoticeBody,
  NoticeDetail,
  NoticeListQuery,
  NoticeListResponse,
  ReplyBody,
  SettingsBody,
  SettingsQuery,
  SettingsResponse,
  SweepResponse,
} from '../../../../shared/contracts/supervision.ts';
import { authorize, hasRole } from '../../platform/authz/authorize.ts';
import { attachmentDisposition } from '../../platform/files/send-file.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../platform/http/context.ts';
import { created, inTransaction, readCtx, requireActor } from '../../platform/http/request-context.ts';
import { chinaDate } from '../../platform/jobs/china-time.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { supervisionSweepJob } from './jobs/sweep.job.ts';
import { NOTICE_DOCUMENT_TITLES, renderNoticeDocument } from './notice-document.ts';
import { effectiveSettings } from './settings.ts';
import { canReadNotices } from './supervision.policy.ts';
import { presentNoticeDetail, presentNoticeSummary } from './supervision.presenter.ts';
import {
  findVisibleNotice,
  listSteps,
  listVisibleNotices,
  type NoticeView,
} from './supervision.repository.ts';
import type { Level } from './supervision.ts';
import { closeNotice, replyToNotice } from './use-cases/answer-notice.ts';
import { issueManualNotice } from './use-cases/issue-manual-notice.ts';
import { updateSupervisionSettings } from './use-cases/update-settings.ts';

const tags = ['supervision'];
const security = [{ session: [] }];
const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};
const NOTICE_NOT_FOUND = '找不到该督办单，或它不在您的管辖范围内；请刷新督办列表。';

async function detail(ctx: Ctx, actor: Actor, n: NoticeView) {
  const steps = await listSteps(ctx.db, n.root_id);
  return presentNoticeDetail(n, steps, actor, chinaDate(ctx.clock.now()));
}

/** Sends generated .docx bytes as a download that is never cached or sniffed. */
function sendDocx(reply: FastifyReply, fileName: string, bytes: Buffer) {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    .header('content-length', String(bytes.length))
    .header('content-disposition', attachmentDisposition(fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

async function loadNotice(ctx: Ctx, actor: Actor, id: string): Promise<NoticeView> {
  const n = await findVisibleNotice(ctx.db, actor, id);
  if (!n) throw new AppError('not_found', NOTICE_NOT_FOUND);
  return n;
}

/** Supervision notices (督办单), their replies and ladder, settings and the on-demand sweep (docs/supervision.md). */
export async function supervisionRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/supervision/notices',
    {
      schema: {
        tags,
        summary: '督办单列表（本单位范围内及发给我的；待答复在前）',
        description: '督查人员与领导可见；案件须对其可见（检举控告不向被检举单位一线显示）。',
        security,
        querystring: NoticeListQuery,
        response: { 200: NoticeListResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(canReadNotices(actor), '只有督查人员和领导可以查看督办单。');
      const ctx = readCtx(req);
      const { rows, total } = await listVisibleNotices(ctx.db, actor, {
        status: req.query.status,
        level: req.query.level,
        mine: req.query.mine === '1',
        petitionId: req.query.petitionId,
        page: req.query.page,
        pageSize: req.query.pageSize,
      });
      const today = chinaDate(ctx.clock.now());
      return { items: rows.map((n) => presentNoticeSummary(n, actor, today)), total };
    },
  );

  app.get(
    '/api/v1/supervision/notices/:id',
    {
      schema: {
        tags,
        summary: '督办单详情（含答复与升级各级）',
        security,
        params: IdParams,
        response: { 200: NoticeDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const ctx = readCtx(req);
      const n = await loadNotice(ctx, actor, req.params.id);
      authorize(canReadNotices(actor), '只有督查人员和领导可以查看督办单。');
      return detail(ctx, actor, n);
    },
  );

  app.get(
    '/api/v1/supervision/notices/:id/document',
    {
      schema: {
        tags,
        summary: '下载督办单（.docx，公文格式）',
        description: '按当前这一级（督办、约谈、通报、挂牌督办）生成，写明案号、事由、此前各级和答复期限。',
        security,
        params: IdParams,
        response: errors,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const ctx = readCtx(req);
      const n = await loadNotice(ctx, actor, req.params.id);
      authorize(canReadNotices(actor), '只有督查人员和领导可以查看督办单。');
      const bytes = await renderNoticeDocument(n, await listSteps(ctx.db, n.root_id));
      const name = `${NOTICE_DOCUMENT_TITLES[n.level as Level] ?? '督办单'}-${n.petition_number}.docx`;
      return sendDocx(reply, name, bytes);
    },
  );

  app.post(
    '/api/v1/supervision/notices',
    {
      schema: {
        tags,
        summary: '签发督办单（督查人员，针对一件信访事项）',
        description:
          '案件须对督查人员可见（否则 404），承办单位须在其管辖范围内（否则 403）。由督查人员所在单位签发，答复期限默认为单位设置的工作日数。支持 Idempotency-Key。',
        security,
        body: IssueNoticeBody,
        response: { 201: NoticeDetail, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return created(req, reply, async (ctx) =>
        detail(ctx, actor, await issueManualNotice(ctx, actor, req.body)),
      );
    },
  );

  app.post(
    '/api/v1/supervision/notices/:id/reply',
    {
      schema: {
        tags,
        summary: '书面答复督办单（责任领导）',
        description: '只有待答复（open）的督办单可以答复（否则 409 invalid_transition）；答复后不再升级。',
        security,
        params: IdParams,
        body: ReplyBody,
        response: { 200: NoticeDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) => {
        const n = await loadNotice(ctx, actor, req.params.id);
        return detail(ctx, actor, await replyToNotice(ctx, actor, n, req.body.text));
      });
    },
  );

  app.post(
    '/api/v1/supervision/notices/:id/close',
    {
      schema: {
        tags,
        summary: '办结督办单（督办单位的督查人员）',
        security,
        params: IdParams,
        body: CloseBody,
        response: { 200: NoticeDetail, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) => {
        const n = await loadNotice(ctx, actor, req.params.id);
        return detail(ctx, actor, await closeNotice(ctx, actor, n, req.body.note));
      });
    },
  );

  app.get(
    '/api/v1/supervision/settings',
    {
      schema: {
        tags,
        summary: '督办设置（提前提醒天数、答复期限），含其来源',
        security,
        querystring: SettingsQuery,
        response: { 200: SettingsResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { db } = readCtx(req);
      const unitId = req.query.unitId ?? actor.unitId;
      const unit = await db
        .selectFrom('units')
        .select(['id', 'path'])
        .where('id', '=', unitId)
        .where('path', 'like', `${actor.unitPath}%`)
        .executeTakeFirst();
      if (!unit) throw new AppError('not_found', '找不到该单位，或它不在您的管辖范围内。');
      const s = await effectiveSettings(db, unit.path);
      return { unitId: unit.id, ...s };
    },
  );

  app.put(
    '/api/v1/supervision/settings',
    {
      schema: {
        tags,
        summary: '修改督办设置（单位管理员、系统管理员；不填单位为全局，仅系统管理员）',
        security,
        body: SettingsBody,
        response: { 200: SettingsResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, (ctx) => updateSupervisionSettings(ctx, actor, req.body));
    },
  );

  app.post(
    '/api/v1/supervision/sweep',
    {
      schema: {
        tags,
        summary: '立即运行督办巡检（提醒、逾期督办、升级）',
        description:
          '把巡检任务排入后台队列（同一分钟内只排一次），由任务执行，不在请求中执行。督查人员或系统管理员。',
        security,
        response: { 202: SweepResponse, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      authorize(hasRole(actor, 'supervisor', 'sysadmin'), '只有督查人员或系统管理员可以立即运行督办巡检。');
      const { deps } = req.server;
      const minute = deps.clock.now().toISOString().slice(0, 16);
      const r = await enqueue(
        deps.handle.db,
        supervisionSweepJob.name,
        {},
        { id: `supervision.sweep:manual:${minute}`, clock: deps.clock },
      );
      reply.code(202);
      return { jobId: r.id, enqueued: r.enqueued };
    },
  );
}
