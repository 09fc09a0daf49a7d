import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { addCalendarDays } from '../../../../shared/calendar/dates.ts';
import { ErrorResponse } from '../../../../shared/contracts/common.ts';
import {
  AttachmentParams,
  AttachmentResponse,
  CategoryIdParams,
  CategoryListQuery,
  CategoryListResponse,
  CategoryResponse,
  CreateCategoryBody,
  CreatePetitionBody,
  CreatePetitionResponse,
  DuplicatesResponse,
  HandlerCandidatesResponse,
  InterestBody,
  PetitionActionBody,
  PetitionDocumentParams,
  PetitionerLookupBody,
  PetitionerLookupResponse,
  PetitionerParams,
  PetitionIdParams,
  PetitionListQuery,
  PetitionListResponse,
  PetitionResponse,
  RevealBody,
  RevealResponse,
  TransferTargetsResponse,
  UpdateCategoryBody,
  WorklistCountersResponse,
} from '../../../../shared/contracts/petitions.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { decryptField, loadKeyRing } from '../../platform/crypto/sm4.ts';
import { findFile, MAX_ATTACHMENT_BYTES, readFile, sendStoredFile } from '../../platform/files/index.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../platform/http/context.ts';
import { created, inTransaction, readCtx, requireActor } from '../../platform/http/request-context.ts';
import { chinaDate } from '../../platform/jobs/china-time.ts';
import { findUnitInScope } from '../org/org.repository.ts';
import {
  findOfficialDocument,
  PETITION_OWNER,
  renderReceiptHtml,
  sendReceiptHtml,
} from './documents/index.ts';
import { duplicatesOfCase } from './duplicates/find-duplicates.ts';
import { queryCodeAad } from './personal-data.ts';
import {
  canAttach,
  canEditCategories,
  canReadCategories,
  canRegisterPetitions,
  canRevealPersonal,
  canSeeQueryCode,
  mayAct,
  refusalMessage,
} from './petitions.policy.ts';
import {
  CHANNEL_LABELS,
  DUE_SOON_DAYS,
  placeOf,
  presentListItem,
  presentPetition,
} from './petitions.presenter.ts';
import {
  type CategoryRow,
  countWorklist,
  findCategory,
  findVisiblePetition,
  listCategories,
  listCoHandlers,
  listDeadlines,
  listHandlerCandidates,
  listInterests,
  listTransferTargets,
  listVisiblePetitions,
  type PetitionView,
} from './petitions.repository.ts';
import { ATTACHMENT_KIND, addAttachment } from './use-cases/add-attachment.ts';
import { applyPetitionAction } from './use-cases/apply-petition-action.ts';
import { declareInterest } from './use-cases/declare-interest.ts';
import { getPetition, loadCaseBundle } from './use-cases/get-petition.ts';
import { linkCandidates, lookUpPetitioner } from './use-cases/look-up-petitioner.ts';
import { createCategory, updateCategory } from './use-cases/manage-categories.ts';
import { registerPetition } from './use-cases/register-petition.ts';
import { revealPersonal } from './use-cases/reveal-personal.ts';
import { decodeCursor, encodeCursor } from './worklist/cursor.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};
const security = [{ session: [] }];
const tags = ['petitions'];

/** A visible case or 404 (out of scope, confidential to the actor, not a reading role, or missing). */
async function visibleOr404(ctx: Ctx, actor: Actor, id: string): Promise<PetitionView> {
  return (await findVisiblePetition(ctx.db, actor, id)) ?? notFound('信访事项');
}

/** The case as the actor sees it now, inside the same transaction as the change that preceded it. */
async function presentNow(ctx: Ctx, actor: Actor, id: string) {
  const p = await visibleOr404(ctx, actor, id);
  return presentPetition(actor, await loadCaseBundle(ctx, actor, p));
}

/** Where the case sits for the policy (co-handlers and declared interests loaded). */
async function placeFor(ctx: Ctx, p: PetitionView) {
  const [co, interests] = await Promise.all([listCoHandlers(ctx.db, p.id), listInterests(ctx.db, p.id)]);
  return placeOf(
    p,
    co.map((c) => c.user_id),
    interests.map((i) => i.user_id),
  );
}

function presentCategory(actor: Actor, c: CategoryRow) {
  return {
    id: c.id,
    name: c.name,
    sortOrder: c.sort_order,
    active: c.active === 1,
    abilities: { edit: canEditCategories(actor) },
  };
}

/** Petitions (api-contract: Petitions) and the category dictionary; every read scoped and confidential in SQL. */
export async function petitionsRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.addHook('preValidation', async (req) => {
    requireActor(req);
  });
  // Uploads of attachments only (this plugin's routes): one file, at most 20 MB plus one byte so
  // that checkAttachment names the limit; larger requests end as 413.
  await app.register(multipart, {
    limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: 1, fields: 0, parts: 1 },
  });

  // ---- Category dictionary ----

  app.get(
    '/api/v1/petition-categories',
    {
      schema: {
        tags,
        summary: '信访事项类别目录',
        security,
        querystring: CategoryListQuery,
        response: { 200: CategoryListResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(canReadCategories(actor), '您的角色不使用信访事项类别目录。');
      const rows = await listCategories(readCtx(req).db, req.query.includeInactive);
      return { items: rows.map((c) => presentCategory(actor, c)), total: rows.length };
    },
  );

  app.post(
    '/api/v1/petition-categories',
    {
      schema: {
        tags,
        summary: '新增类别',
        description: '类别目录由县级单位的领导或单位管理员维护；名称不能重复（409）。',
        security,
        body: CreateCategoryBody,
        response: { 201: CategoryResponse, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      authorize(canEditCategories(actor), '只有县级单位的领导或单位管理员可以维护类别目录。');
      return created(req, reply, async (ctx) => presentCategory(actor, await createCategory(ctx, req.body)));
    },
  );

  app.patch(
    '/api/v1/petition-categories/:id',
    {
      schema: {
        tags,
        summary: '修改类别（名称、顺序、停用）',
        description: '停用的类别不能再用于登记，已登记的事项不受影响；改名后所有事项显示新名称。',
        security,
        params: CategoryIdParams,
        body: UpdateCategoryBody,
        response: { 200: CategoryResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) => {
        const category = (await findCategory(ctx.db, req.params.id)) ?? notFound('类别');
        authorize(canEditCategories(actor), '只有县级单位的领导或单位管理员可以维护类别目录。');
        return presentCategory(actor, await updateCategory(ctx, category, req.body));
      });
    },
  );

  // ---- Petitions ----

  app.post(
    '/api/v1/petitions',
    {
      schema: {
        tags,
        summary: '登记信访事项',
        description:
          '登记后返回编号、查询码和各项期限。收到日期不能晚于今天（400）；多人来访只登记不超过5名代表；accused 只用于检举控告，且不能是受理单位本身或其上级（422 confidential_routing）。duplicateCandidates 列出可能重复的可见事项：同一信访人（身份证号，或姓名加电话）得分1，内容相近的得分为用词相似度，最多10件。',
        security,
        body: CreatePetitionBody,
        response: { 201: CreatePetitionResponse, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return created(req, reply, async (ctx) => {
        const unit = (await findUnitInScope(ctx.db, actor, req.body.unitId)) ?? notFound('单位');
        authorize(canRegisterPetitions(actor), '只有登记人员或领导可以登记信访事项。');
        return registerPetition(ctx, actor, unit, req.body);
      });
    },
  );

  app.get(
    '/api/v1/petitions',
    {
      schema: {
        tags,
        summary: '信访事项列表（本单位及下级）',
        description:
          '只含可见的事项：被检举控告的单位及其下级、被检举控告人本人看不到相应的检举控告事项。q 在标题、内容和诉求中查找；overdue=true 只列法定期限已过仍未办理的事项；open=true 只列尚未办结的事项，dueSoon=true 只列3日内到期的，unassigned=true 只列尚未交办的；sort=nextDue 按最近期限排序（同一期限按 id）。翻页：page/pageSize，或把上一页的 nextCursor 作为 after 传回（键集翻页，插入新事项也不会重复或遗漏）；count=false 不返回 total（统计总数的代价与符合条件的事项数成正比）。',
        security,
        querystring: PetitionListQuery,
        response: { 200: PetitionListResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { db, clock } = readCtx(req);
      const query = req.query;
      const after = query.after ? decodeCursor(query.after, query.sort) : undefined;
      const unit = query.unitId
        ? ((await findUnitInScope(db, actor, query.unitId)) ?? notFound('单位'))
        : undefined;
      const today = chinaDate(clock.now());
      const { rows, total, more } = await listVisiblePetitions(db, actor, {
        q: query.q || undefined,
        status: query.status,
        unitPath: unit?.path,
        classification: query.classification,
        mine: query.mine,
        overdue: query.overdue,
        open: query.open,
        dueBy: query.dueSoon ? addCalendarDays(today, DUE_SOON_DAYS) : undefined,
        unassigned: query.unassigned,
        today,
        sort: query.sort,
        page: query.page,
        pageSize: query.pageSize,
        after,
        count: query.count,
      });
      const last = rows.at(-1);
      return {
        items: rows.map((r) => presentListItem(r, today)),
        ...(total === undefined ? {} : { total }),
        ...(more && last ? { nextCursor: encodeCursor(query.sort, last.sort_key, last.id) } : {}),
      };
    },
  );

  app.get(
    '/api/v1/petitions/counters',
    {
      schema: {
        tags,
        summary: '菜单上的待办数字（我的待办、即将到期、已超期、待交办）',
        description:
          '只统计尚未办结的事项（每项一次带索引的计数，与历史事项的数量无关），可见范围与列表相同：被检举控告的单位及其下级、被检举控告人本人不计入相应的检举控告事项。myPending 与 mine=true&open=true 的列表一致，dueSoon 与 dueSoon=true&open=true 一致，overdue 与 overdue=true&open=true 一致；unassigned 只给登记人员和领导，与 unassigned=true&open=true 一致。',
        security,
        response: { 200: WorklistCountersResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { db, clock } = readCtx(req);
      const today = chinaDate(clock.now());
      return countWorklist(db, actor, today, addCalendarDays(today, DUE_SOON_DAYS));
    },
  );

  app.get(
    '/api/v1/petitions/:id',
    {
      schema: {
        tags,
        summary: '信访事项详情',
        description: '含时间线、各项期限（注明依据的规则）和当前用户可执行的操作；身份证号和电话均已脱敏。',
        security,
        params: PetitionIdParams,
        response: { 200: PetitionResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return (await getPetition(readCtx(req), actor, req.params.id)) ?? notFound('信访事项');
    },
  );

  app.post(
    '/api/v1/petitions/:id/actions',
    {
      schema: {
        tags,
        summary: '办理信访事项（受理、转送、交办、答复、复查等）',
        description:
          '返回更新后的事项。当前状态不允许该操作时 409 invalid_transition；法定期限已过 409 time_limit_passed；已复核终结 409 matter_finalized；on 不能是将来的日期（400）。',
        security,
        params: PetitionIdParams,
        body: PetitionActionBody,
        response: { 200: PetitionResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) => {
        const p = await visibleOr404(ctx, actor, req.params.id);
        await applyPetitionAction(ctx, actor, p, req.body);
        return presentNow(ctx, actor, p.id);
      });
    },
  );

  app.post(
    '/api/v1/petitions/petitioner-lookup',
    {
      schema: {
        tags,
        summary: '登记时查找信访人以往的信访事项',
        description:
          '按身份证号码和/或电话号码（放在请求体中，不进网址和日志）查找本人可见范围内同一信访人的事项，最新的在前，最多20件；不返回任何个人信息。',
        security,
        body: PetitionerLookupBody,
        response: { 200: PetitionerLookupResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(canRegisterPetitions(actor), '只有登记人员或领导可以查找信访人。');
      return lookUpPetitioner(readCtx(req), actor, req.body);
    },
  );

  app.post(
    '/api/v1/petitions/:id/petitioners/:petitionerId/reveal',
    {
      schema: {
        tags,
        summary: '查看信访人完整的身份证号或电话（留痕）',
        description: '仅登记人员、经办人和领导可用，须说明理由；每次查看都记入审计日志。',
        security,
        params: PetitionerParams,
        body: RevealBody,
        response: { 200: RevealResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) => {
        const p = await visibleOr404(ctx, actor, req.params.id);
        authorize(canRevealPersonal(actor), '只有登记人员、经办人或领导可以查看完整的个人信息。');
        return revealPersonal(ctx, p, req.params.petitionerId, req.body);
      });
    },
  );

  app.post(
    '/api/v1/petitions/:id/interests',
    {
      schema: {
        tags,
        summary: '申报本人与该事项的利害关系（回避）',
        description: '申报后本人不能被交办、也不能办理该事项。返回更新后的事项。',
        security,
        params: PetitionIdParams,
        body: InterestBody,
        response: { 201: PetitionResponse, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return created(req, reply, async (ctx) => {
        const p = await visibleOr404(ctx, actor, req.params.id);
        await declareInterest(ctx, actor, p, req.body);
        return presentNow(ctx, actor, p.id);
      });
    },
  );

  app.get(
    '/api/v1/petitions/:id/documents/:documentId',
    {
      schema: {
        tags,
        summary: '下载信访事项的公文（.docx）',
        description:
          '受理告知书、不予受理告知书、转送/交办单、延期告知书、处理意见书、复查/复核意见书等，以附件形式下载。',
        security,
        params: PetitionDocumentParams,
        response: errors,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const ctx = readCtx(req);
      const p = await visibleOr404(ctx, actor, req.params.id);
      const doc = await findOfficialDocument(ctx.db, req.params.documentId);
      if (!doc || doc.owner_type !== PETITION_OWNER || doc.owner_id !== p.id) notFound('公文');
      const file = (await readFile(ctx.db, ctx.config, req.params.documentId)) ?? notFound('公文');
      return sendStoredFile(reply, file.row, file.bytes);
    },
  );

  app.post(
    '/api/v1/petitions/:id/attachments',
    {
      schema: {
        tags,
        summary: '上传附件（multipart/form-data，字段 file）',
        description:
          '一次一个文件，不超过20 MB；只接受 PDF、图片（JPG、PNG、WEBP、GIF）、Word、Excel 和纯文本，且文件内容须与扩展名一致（422 attachment_rejected）。',
        security,
        params: PetitionIdParams,
        response: { 201: AttachmentResponse, 413: ErrorResponse, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const first = await visibleOr404(readCtx(req), actor, req.params.id);
      const place = await placeFor(readCtx(req), first);
      authorize(canAttach(actor, place.interestedUserIds), '只有登记人员、经办人或领导可以添加附件。');
      if (!req.isMultipart())
        throw new AppError('validation_failed', '请以 multipart/form-data 上传附件，文件字段名为 file。', {
          field: 'file',
        });
      const part = await req.file();
      if (part?.fieldname !== 'file')
        throw new AppError('validation_failed', '请选择要上传的文件（字段名 file）。', { field: 'file' });
      const bytes = await part.toBuffer();
      return created(req, reply, async (ctx) => {
        const p = await visibleOr404(ctx, actor, req.params.id);
        return addAttachment(ctx, actor, p, part.filename, bytes);
      });
    },
  );

  app.get(
    '/api/v1/petitions/:id/attachments/:fileId',
    {
      schema: {
        tags,
        summary: '下载附件',
        description: '以附件形式下载，按文件内容识别的类型发送，绝不作为网页打开。',
        security,
        params: AttachmentParams,
        response: errors,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const ctx = readCtx(req);
      const p = await visibleOr404(ctx, actor, req.params.id);
      const row = await findFile(ctx.db, req.params.fileId);
      if (!row || row.owner_type !== PETITION_OWNER || row.owner_id !== p.id || row.kind !== ATTACHMENT_KIND)
        notFound('附件');
      const file = (await readFile(ctx.db, ctx.config, req.params.fileId)) ?? notFound('附件');
      return sendStoredFile(reply, file.row, file.bytes);
    },
  );

  app.get(
    '/api/v1/petitions/:id/receipt',
    {
      schema: {
        tags,
        summary: '打印受理凭证（含查询码）',
        description:
          '可打印的 HTML 页面（A5），含事项编号、查询码、网上查询方式和受理期限；仅登记人员和领导可用。',
        security,
        params: PetitionIdParams,
        response: errors,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const ctx = readCtx(req);
      const p = await visibleOr404(ctx, actor, req.params.id);
      authorize(canSeeQueryCode(actor), '只有登记人员或领导可以打印受理凭证。');
      const deadlines = await listDeadlines(ctx.db, p.id);
      const html = renderReceiptHtml({
        unitName: p.unit_name,
        petitionNumber: p.number,
        receivedOn: p.received_on,
        channelLabel: CHANNEL_LABELS[p.channel],
        title: p.title,
        queryCode: decryptField(loadKeyRing(ctx.config), p.query_code_enc, queryCodeAad(p.id)),
        acceptanceDue: deadlines.find((d) => d.kind === 'acceptance')?.due ?? p.received_on,
        portalAddress: ctx.config.publicOrigin ? `${ctx.config.publicOrigin}/portal` : undefined,
        printedAt: ctx.clock.now().toISOString(),
      });
      return sendReceiptHtml(reply, html);
    },
  );

  app.get(
    '/api/v1/petitions/:id/link-targets',
    {
      schema: {
        tags,
        summary: '可关联的同一信访人正在办理的事项',
        description:
          '按本事项信访人的身份证号、电话（加密索引）查找本人可见、正在办理的同一信访人事项，供“关联”操作选择（信访工作条例第19条）。',
        security,
        params: PetitionIdParams,
        response: { 200: PetitionerLookupResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const ctx = readCtx(req);
      const p = await visibleOr404(ctx, actor, req.params.id);
      const place = await placeFor(ctx, p);
      authorize(mayAct(actor, 'link', place), refusalMessage(actor, 'link', place));
      return linkCandidates(ctx, actor, p.id);
    },
  );

  app.get(
    '/api/v1/petitions/:id/duplicates',
    {
      schema: {
        tags,
        summary: '可能重复的信访事项（同一信访人、内容相近）',
        description:
          '同一信访人（身份证号，或姓名加电话，均按加密索引比对）的事项得分1，内容相近的事项得分为用词相似度（0–1）；只含本人可见的事项，不含已合并的事项，按得分排列，最多10件。mergeable 表示可作为“合并”的目标（同一单位、收到不晚于本事项、尚未答复）。',
        security,
        params: PetitionIdParams,
        response: { 200: DuplicatesResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const ctx = readCtx(req);
      const p = await visibleOr404(ctx, actor, req.params.id);
      return { items: await duplicatesOfCase(ctx, actor, p) };
    },
  );

  app.get(
    '/api/v1/petitions/:id/transfer-targets',
    {
      schema: {
        tags,
        summary: '可转送的单位',
        description: '本县（区）范围内除本单位外的单位；检举控告事项不含被检举控告的单位及其下级。',
        security,
        params: PetitionIdParams,
        response: { 200: TransferTargetsResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const ctx = readCtx(req);
      const p = await visibleOr404(ctx, actor, req.params.id);
      const place = await placeFor(ctx, p);
      authorize(mayAct(actor, 'transfer', place), refusalMessage(actor, 'transfer', place));
      const root = `/${actor.unitPath.split('/').filter(Boolean)[0] ?? ''}/`;
      const rows = await listTransferTargets(
        ctx.db,
        root,
        p.unit_id,
        p.classification === 'accusation' ? p.accused_unit_path : null,
      );
      return {
        items: rows.map((u) => ({ id: u.id, parentId: u.parent_id, name: u.name, kind: u.kind })),
        total: rows.length,
      };
    },
  );

  app.get(
    '/api/v1/petitions/:id/handler-candidates',
    {
      schema: {
        tags,
        summary: '可交办的经办人',
        description:
          '管辖范围内的经办人和领导，不含已申报回避的人员；检举控告事项不含被检举控告的单位及人员。',
        security,
        params: PetitionIdParams,
        response: { 200: HandlerCandidatesResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const ctx = readCtx(req);
      const p = await visibleOr404(ctx, actor, req.params.id);
      const place = await placeFor(ctx, p);
      authorize(mayAct(actor, 'assign', place), refusalMessage(actor, 'assign', place));
      const accusation = p.classification === 'accusation';
      const rows = await listHandlerCandidates(ctx.db, actor, p.id, {
        path: accusation ? p.accused_unit_path : null,
        userId: accusation ? p.accused_user_id : null,
      });
      return {
        items: rows.map((u) => ({ id: u.id, name: u.name, unitId: u.unit_id, unitName: u.unit_name })),
        total: rows.length,
      };
    },
  );
}
