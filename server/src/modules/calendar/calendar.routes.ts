import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addCalendarDays, builtInCalendar } from '../../../../shared/calendar/index.ts';
import {
  CalendarDaysQuery,
  CalendarDaysResponse,
  CalendarYearListResponse,
  CalendarYearParams,
  CalendarYearResponse,
  DeadlineSettingsResponse,
  ImportCalendarBody,
  ImportCalendarResponse,
  MAX_CALENDAR_DAYS,
  PutCalendarYearBody,
  PutCalendarYearQuery,
  PutDeadlineSettingsBody,
} from '../../../../shared/contracts/calendar.ts';
import { ErrorResponse } from '../../../../shared/contracts/common.ts';
import { OrgIdParams } from '../../../../shared/contracts/org.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Db } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { Actor } from '../../platform/http/context.ts';
import { created, inTransaction, readCtx, requireActor } from '../../platform/http/request-context.ts';
import { findUnitInScope } from '../org/org.repository.ts';
import { canEditDeadlineSettings, canImportCalendar } from './calendar.policy.ts';
import {
  presentDay,
  presentDeadlineSettings,
  presentYear,
  presentYearSummary,
} from './calendar.presenter.ts';
import {
  findCalendarYearWithImporter,
  listCalendarYearsWithImporter,
  unitName,
} from './calendar.repository.ts';
import { loadCalendar, missingCalendarYears, missingYearsWarning } from './load-calendar.ts';
import { effectiveUnitSettings } from './load-unit-rules.ts';
import { importCalendar } from './use-cases/import-calendar.ts';
import { putCalendarYear } from './use-cases/put-calendar-year.ts';
import { resetDeadlineSettings } from './use-cases/reset-deadline-settings.ts';
import { updateDeadlineSettings } from './use-cases/update-deadline-settings.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};
const security = [{ session: [] }];
const IMPORT_ONLY = '只有系统管理员可以录入或导入节假日安排。';

async function deadlineSettingsOf(db: Db, actor: Actor, unitId: string) {
  const settings = await effectiveUnitSettings(db, unitId);
  const inheritedFromName = settings.inheritedFrom ? await unitName(db, settings.inheritedFrom) : undefined;
  return presentDeadlineSettings(actor, unitId, settings, { inheritedFromName });
}

/** The official calendar (years, import, days) and each unit's deadline settings (ADR 0005). */
export async function calendarRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  // Every route here needs a session; answer 401 before looking at the request's content.
  app.addHook('preValidation', async (req) => {
    requireActor(req);
  });

  app.get(
    '/api/v1/calendar/years',
    {
      schema: {
        tags: ['calendar'],
        summary: '节假日安排年度列表',
        description:
          '系统内置与管理员录入、导入的全部年度，及今明两年中尚未录入安排的年度（missing）和给管理员、案件页面的提示（warning）。',
        security,
        response: { 200: CalendarYearListResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const ctx = readCtx(req);
      const [calendar, stored] = await Promise.all([
        loadCalendar(ctx.db),
        listCalendarYearsWithImporter(ctx.db),
      ]);
      const byYear = new Map(stored.map((r) => [r.year, r]));
      const items = calendar
        .schedules()
        .map((s) => presentYearSummary(s, byYear.get(s.year), builtInCalendar.hasSchedule(s.year)));
      const missing = missingCalendarYears(calendar, ctx.clock.now());
      const warning = missingYearsWarning(missing);
      return {
        items,
        total: items.length,
        missing,
        ...(warning ? { warning } : {}),
        abilities: { import: canImportCalendar(actor) },
      };
    },
  );

  app.get(
    '/api/v1/calendar/years/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: '某年度的节假日安排',
        security,
        params: CalendarYearParams,
        response: { 200: CalendarYearResponse, ...errors },
      },
    },
    async (req) => {
      const { db } = readCtx(req);
      const { year } = req.params;
      const calendar = await loadCalendar(db);
      const schedule = calendar.schedule(year) ?? notFound(`${year} 年的节假日安排（尚未录入）`);
      const stored = await findCalendarYearWithImporter(db, year);
      return presentYear(schedule, stored, builtInCalendar.hasSchedule(year));
    },
  );

  app.put(
    '/api/v1/calendar/years/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: '录入或更正某年度的节假日安排',
        description:
          '仅系统管理员。内容为 { holidays: [{ name, dates }], makeupWorkdays }；日期逐项检查，问题以中文列在 details.problems（422 invalid_schedule）。已录入的年度可直接修改；系统内置的年度须加 ?replace=true，否则 409 calendar_year_exists。审计为 calendar.import。',
        security,
        params: CalendarYearParams,
        querystring: PutCalendarYearQuery,
        body: PutCalendarYearBody,
        response: { 200: CalendarYearResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(canImportCalendar(actor), IMPORT_ONLY);
      const { year } = req.params;
      await inTransaction(req, (ctx) => putCalendarYear(ctx, year, req.body, { replace: req.query.replace }));
      const { db } = readCtx(req);
      const schedule = (await loadCalendar(db)).schedule(year) ?? notFound('节假日安排');
      return presentYear(
        schedule,
        await findCalendarYearWithImporter(db, year),
        builtInCalendar.hasSchedule(year),
      );
    },
  );

  app.post(
    '/api/v1/calendar/import',
    {
      schema: {
        tags: ['calendar'],
        summary: '导入节假日安排（JSON 或 .ics，可含多个年度）',
        description:
          '仅系统管理员。format 为 json（一个或多个 { year, holidays, makeupWorkdays }）或 ics（iCalendar，含“休”“班”的事件）。文件有误时 422 invalid_schedule，问题以中文列在 details.problems；文件中有已存在的年度（系统内置或已导入）且未给 replace: true 时 409 calendar_year_exists，什么也不导入。每个年度审计为 calendar.import。支持 Idempotency-Key。',
        security,
        body: ImportCalendarBody,
        response: { 200: ImportCalendarResponse, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      authorize(canImportCalendar(actor), IMPORT_ONLY);
      return created(req, reply, (ctx) => importCalendar(ctx, req.body), 200);
    },
  );

  app.get(
    '/api/v1/calendar/days',
    {
      schema: {
        tags: ['calendar'],
        summary: '逐日查看官方日历（休息日、调休上班日）',
        description: `from 至 to（含两端，最多 ${MAX_CALENDAR_DAYS} 天）每一天是否休息及原因；scheduled 为 false 表示该年度尚未录入安排，仅按周末推算。`,
        security,
        querystring: CalendarDaysQuery,
        response: { 200: CalendarDaysResponse, ...errors },
      },
    },
    async (req) => {
      const calendar = await loadCalendar(readCtx(req).db);
      const items = [];
      for (let day = req.query.from; day <= req.query.to; day = addCalendarDays(day, 1)) {
        items.push(presentDay(calendar.dayInfo(day)));
      }
      const missing = [...new Set(items.filter((d) => !d.scheduled).map((d) => Number(d.date.slice(0, 4))))];
      return { items, missing };
    },
  );

  app.get(
    '/api/v1/units/:id/deadline-settings',
    {
      schema: {
        tags: ['calendar'],
        summary: '单位的办理时限设置',
        description:
          '本单位自己的设置，没有时沿用最近一级上级单位的设置（inheritedFrom），都没有时为默认规则（信访工作条例）。rules 列出每条规则及其是否适用（active）。',
        security,
        params: OrgIdParams,
        response: { 200: DeadlineSettingsResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { db } = readCtx(req);
      const unit = (await findUnitInScope(db, actor, req.params.id)) ?? notFound('单位');
      return deadlineSettingsOf(db, actor, unit.id);
    },
  );

  app.put(
    '/api/v1/units/:id/deadline-settings',
    {
      schema: {
        tags: ['calendar'],
        summary: '修改单位的办理时限设置',
        description:
          '系统管理员或单位管理员，限管辖范围内的单位。simpleTrack 开启简易办理；overrides 按规则编号修改天数（count）、计算方式（unit）、是否顺延（rollPastRestDays）、依据条款（article）、名称（label）。规则编号不存在或重复时 422 invalid_deadline_rules。设置同样适用于没有自己设置的下级单位。审计为 deadline_settings.update。',
        security,
        params: OrgIdParams,
        body: PutDeadlineSettingsBody,
        response: { 200: DeadlineSettingsResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) => {
        const unit = (await findUnitInScope(ctx.db, actor, req.params.id)) ?? notFound('单位');
        authorize(canEditDeadlineSettings(actor), '只有系统管理员或单位管理员可以修改办理时限设置。');
        await updateDeadlineSettings(ctx, unit.id, req.body);
        return deadlineSettingsOf(ctx.db, actor, unit.id);
      });
    },
  );

  app.delete(
    '/api/v1/units/:id/deadline-settings',
    {
      schema: {
        tags: ['calendar'],
        summary: '删除单位自己的办理时限设置（恢复沿用上级或默认规则）',
        description: '系统管理员或单位管理员。审计为 deadline_settings.reset。',
        security,
        params: OrgIdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      await inTransaction(req, async (ctx) => {
        const unit = (await findUnitInScope(ctx.db, actor, req.params.id)) ?? notFound('单位');
        authorize(canEditDeadlineSettings(actor), '只有系统管理员或单位管理员可以修改办理时限设置。');
        await resetDeadlineSettings(ctx, unit.id);
      });
      return reply.code(204).send(null);
    },
  );
}
