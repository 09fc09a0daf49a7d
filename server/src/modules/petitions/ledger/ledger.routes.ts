import { PassThrough } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { addCalendarDays } from '../../../../../shared/calendar/dates.ts';
import { ErrorResponse } from '../../../../../shared/contracts/common.ts';
import {
  LedgerExportQuery,
  LedgerImportQuery,
  LedgerImportReport,
} from '../../../../../shared/contracts/ledger.ts';
import { authorize } from '../../../platform/authz/authorize.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { created, readCtx, requireActor } from '../../../platform/http/request-context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { findUnitInScope } from '../../org/org.repository.ts';
import { STATUS_LABELS } from '../petition.ts';
import { canReadPetitions, canRegisterPetitions } from '../petitions.policy.ts';
import { DUE_SOON_DAYS } from '../petitions.presenter.ts';
import { listCategories } from '../petitions.repository.ts';
import { CLASSIFICATION_NAMES } from './ledger-columns.ts';
import { buildTemplate, MAX_IMPORT_BYTES, readLedgerSheet, XLSX_TYPE } from './ledger-workbook.ts';
import { exportLedger } from './use-cases/export-ledger.ts';
import { checkLedger, importLedger, reportOf } from './use-cases/import-ledger.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  413: ErrorResponse,
  422: ErrorResponse,
};
const security = [{ session: [] }];
const tags = ['petitions'];

/** `Content-Disposition: attachment` with an ASCII fallback and the Chinese name in `filename*` (RFC 5987). */
export function ledgerDisposition(fileName: string, fallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Sends an .xlsx download (a stream or bytes) under the given file names; never cached, never sniffed. */
function sendXlsx(reply: FastifyReply, payload: PassThrough | Buffer, fileName: string, fallback: string) {
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', ledgerDisposition(fileName, fallback))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(payload);
}

/** The petition ledger (信访事项台账) in Excel: export with the list's filters, import template, import (docs/ledger.md). */
export async function ledgerRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preValidation', async (req) => {
    requireActor(req);
  });
  // One .xlsx per request, at most 10 MB plus one byte so that the handler can name the limit.
  await app.register(multipart, {
    limits: { fileSize: MAX_IMPORT_BYTES + 1, files: 1, fields: 0, parts: 1 },
  });

  app.get(
    '/api/v1/petitions/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出信访事项台账（.xlsx）',
        description:
          '筛选条件与信访事项列表相同（q、status、unitId、classification、mine、overdue、open、dueSoon、unassigned），只含本人可见的事项（被检举控告的单位及其下级、被检举控告人本人看不到相应的检举控告事项）；按收到日期从早到晚，边查询边写出，行数不限。身份证号和电话均为脱敏形式。每次导出记入审计日志（筛选条件和行数）。',
        security,
        querystring: LedgerExportQuery,
        response: errors,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      authorize(canReadPetitions(actor), '您的角色不查阅信访事项，不能导出台账。');
      const ctx = readCtx(req);
      const query = req.query;
      const unit = query.unitId
        ? ((await findUnitInScope(ctx.db, actor, query.unitId)) ?? notFound('单位'))
        : undefined;
      const today = chinaDate(ctx.clock.now());
      const description = [
        unit ? `单位：${unit.name}` : '',
        query.status ? `状态：${STATUS_LABELS[query.status]}` : '',
        query.classification ? `分类：${CLASSIFICATION_NAMES[query.classification]}` : '',
        query.q ? `关键词：${query.q}` : '',
        query.mine ? '本人承办' : '',
        query.open ? '未办结' : '',
        query.dueSoon ? '3日内到期' : '',
        query.unassigned ? '未交办' : '',
        query.overdue ? '已逾期' : '',
      ]
        .filter(Boolean)
        .join('；');
      const out = new PassThrough();
      exportLedger(
        ctx,
        actor,
        {
          filter: {
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
          },
          filters: {
            // The keyword may be a person's name: the audit trail notes only that one was used.
            ...(query.q ? { keyword: true } : {}),
            ...(query.status ? { status: query.status } : {}),
            ...(query.unitId ? { unitId: query.unitId } : {}),
            ...(query.classification ? { classification: query.classification } : {}),
            ...(query.mine ? { mine: true } : {}),
            ...(query.overdue ? { overdue: true } : {}),
            ...(query.open ? { open: true } : {}),
            ...(query.dueSoon ? { dueSoon: true } : {}),
            ...(query.unassigned ? { unassigned: true } : {}),
          },
          description,
        },
        out,
      ).catch((err) => {
        req.log.error({ err }, 'ledger export failed');
        out.destroy(err);
      });
      return sendXlsx(reply, out, `信访事项台账-${today}.xlsx`, `petition-ledger-${today}.xlsx`);
    },
  );

  app.get(
    '/api/v1/petitions/import-template.xlsx',
    {
      schema: {
        tags,
        summary: '下载信访事项台账导入模板（.xlsx）',
        description: '与导出的台账列相同；带下拉选项和“填写说明”工作表。',
        security,
        response: errors,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      authorize(canRegisterPetitions(actor), '只有登记人员或领导可以导入台账。');
      const categories = await listCategories(readCtx(req).db, false);
      const bytes = await buildTemplate(categories.map((c) => c.name));
      return sendXlsx(reply, bytes, '信访事项台账导入模板.xlsx', 'petition-ledger-template.xlsx');
    },
  );

  app.post(
    '/api/v1/petitions/import',
    {
      schema: {
        tags,
        summary: '导入历史信访事项台账（multipart/form-data，字段 file，.xlsx）',
        description:
          '默认试导入（dryRun=true）：逐行检查并返回检查结果，不写入任何数据。mode=all：全部行都通过才写入（否则 422 import_invalid，details.report 为检查结果）；mode=valid_only：只写入通过的行，并列出未通过的行及原因。每行通过登记流程写入（编号、查询码、期限、审计），已答复、已办结的事项同时记录答复。文件不超过10 MB、20000行（413）。支持 Idempotency-Key。',
        security,
        querystring: LedgerImportQuery,
        response: { 200: LedgerImportReport, 201: LedgerImportReport, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      authorize(canRegisterPetitions(actor), '只有登记人员或领导可以导入台账。');
      if (!req.isMultipart())
        throw new AppError(
          'validation_failed',
          '请以 multipart/form-data 上传台账文件，文件字段名为 file。',
          {
            field: 'file',
          },
        );
      const part = await req.file();
      if (part?.fieldname !== 'file')
        throw new AppError('validation_failed', '请选择要导入的台账文件（字段名 file）。', { field: 'file' });
      const tooLarge = () =>
        new AppError('payload_too_large', '台账文件不能超过10 MB；请分成几个文件分别导入。', {
          field: 'file',
          maxBytes: MAX_IMPORT_BYTES,
        });
      const bytes = await part.toBuffer().catch((err: { statusCode?: number }) => {
        throw err.statusCode === 413 ? tooLarge() : err;
      });
      if (bytes.length > MAX_IMPORT_BYTES || part.file.truncated) throw tooLarge();
      if (!/\.xlsx$/i.test(part.filename))
        throw new AppError(
          'import_file_unreadable',
          `“${part.filename}”不是 .xlsx 文件。请使用导入模板，在 Excel 或 WPS 中另存为“Excel 工作簿（.xlsx）”后上传。`,
          { field: 'file' },
        );
      const sheet = await readLedgerSheet(bytes);
      const { dryRun, mode } = req.query;
      const write = dryRun === 'false' || (dryRun === undefined && mode !== undefined);
      if (!write) {
        const checked = await checkLedger(readCtx(req), actor, sheet);
        return reply.code(200).send(reportOf(checked, true));
      }
      return created(req, reply, async (ctx) =>
        importLedger(ctx, actor, await checkLedger(ctx, actor, sheet), mode ?? 'all', part.filename),
      );
    },
  );
}
