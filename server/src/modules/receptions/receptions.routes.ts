import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorResponse, IdParams } from '../../../../shared/contracts/common.ts';
import {
  AppointmentBody,
  AppointmentListResponse,
  CreateReceptionBody,
  CreateSlotBody,
  PublicAppointmentResponse,
  PublicSlotQuery,
  PublicSlotResponse,
  ReceptionListResponse,
  ReceptionResponse,
  SlotListQuery,
  SlotListResponse,
  SlotResponse,
  StaffAppointmentResponse,
} from '../../../../shared/contracts/receptions.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { created, readCtx, requireActor } from '../../platform/http/request-context.ts';
import { chinaDate } from '../../platform/jobs/china-time.ts';
import { findUnitById } from '../org/org.repository.ts';
import { canManageReceptions, canReadReceptions } from './receptions.policy.ts';
import {
  presentAppointment,
  presentPublicSlot,
  presentReception,
  presentSlot,
} from './receptions.presenter.ts';
import {
  findSlotById,
  findSlotInScope,
  listAppointments,
  listReceptionsInScope,
  listSlotsInScope,
  listUpcomingSlots,
} from './receptions.repository.ts';
import { bookAppointment } from './use-cases/book-appointment.ts';
import { createSlot } from './use-cases/create-slot.ts';
import { registerReception } from './use-cases/register-reception.ts';

const tags = ['receptions'];
const security = [{ session: [] }];
const staffErrors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

const SLOT_NOT_FOUND = '找不到该接访时段，请刷新接访安排后重新选择。';

/** A portal request's context: no staff actor and no plaintext address in the audit trail. */
function publicCtx(ctx: Ctx): Ctx {
  return { ...ctx, actor: null, meta: { ip: null, requestId: ctx.meta.requestId } };
}

/** Reception slots, appointments and the reception log (api-contract: Receptions and appointments). */
export async function receptionsRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/reception-slots',
    {
      schema: {
        tags,
        summary: '安排领导接访时段',
        description:
          '登记人员、领导或单位管理员在本单位范围内安排。接访领导须为范围内具有 leader 角色的用户（否则 422 invalid_reference）；日期不早于今天（中国时间），结束晚于开始，名额 1–200（否则 400）。支持 Idempotency-Key。',
        security,
        body: CreateSlotBody,
        response: { 201: SlotResponse, ...staffErrors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return created(req, reply, async (ctx) => presentSlot(await createSlot(ctx, actor, req.body)));
    },
  );

  app.get(
    '/api/v1/reception-slots',
    {
      schema: {
        tags,
        summary: '接访安排（本单位范围内）',
        security,
        querystring: SlotListQuery,
        response: { 200: SlotListResponse, ...staffErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(canReadReceptions(actor));
      const { rows, total } = await listSlotsInScope(readCtx(req).db, actor, req.query);
      return { items: rows.map(presentSlot), total };
    },
  );

  app.get(
    '/api/v1/reception-slots/:id/appointments',
    {
      schema: {
        tags,
        summary: '某接访时段的预约（手机号脱敏）',
        security,
        params: IdParams,
        response: { 200: AppointmentListResponse, ...staffErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { db } = readCtx(req);
      const slot = await findSlotInScope(db, actor, req.params.id);
      if (!slot) throw new AppError('not_found', SLOT_NOT_FOUND);
      authorize(canReadReceptions(actor));
      const rows = await listAppointments(db, slot.id);
      return { items: rows.map(presentAppointment), total: rows.length };
    },
  );

  app.post(
    '/api/v1/appointments',
    {
      schema: {
        tags,
        summary: '电话预约（工作人员代约）',
        description:
          '与网上预约相同的名额规则：名额已满或时段已过 409 slot_full，绝不超约。支持 Idempotency-Key。',
        security,
        body: AppointmentBody,
        response: { 201: StaffAppointmentResponse, ...staffErrors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      // Read before the transaction, so that its first statement takes the place (SQLite then
      // waits for the write lock instead of failing to upgrade a read snapshot).
      const slot = await findSlotInScope(readCtx(req).db, actor, req.body.slotId);
      if (!slot) throw new AppError('not_found', SLOT_NOT_FOUND);
      authorize(canManageReceptions(actor), '只有登记人员、领导或单位管理员可以代为预约。');
      return created(req, reply, async (ctx) => {
        const booked = await bookAppointment(ctx, slot, req.body, { actor, channel: 'phone' });
        return { id: booked.id, code: booked.code, slotId: slot.id };
      });
    },
  );

  app.post(
    '/api/v1/receptions',
    {
      schema: {
        tags,
        summary: '登记来访接待（个体访或集体访）',
        description:
          '返回 requiredLeaderLevel：20人及以上 principal（主要领导），5–19人 deputy（分管领导），不足5人 none。日期不能晚于今天（400）；petitionId 须为您可见的信访事项（否则 404）。支持 Idempotency-Key。',
        security,
        body: CreateReceptionBody,
        response: { 201: ReceptionResponse, ...staffErrors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return created(req, reply, async (ctx) =>
        presentReception(await registerReception(ctx, actor, req.body)),
      );
    },
  );

  app.get(
    '/api/v1/receptions',
    {
      schema: {
        tags,
        summary: '接访登记（本单位范围内）',
        security,
        querystring: SlotListQuery,
        response: { 200: ReceptionListResponse, ...staffErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(canReadReceptions(actor));
      const { rows, total } = await listReceptionsInScope(readCtx(req).db, actor, req.query);
      return { items: rows.map(presentReception), total };
    },
  );

  app.get(
    '/api/public/reception-slots',
    {
      schema: {
        tags: ['portal', ...tags],
        summary: '可预约的领导接访时段',
        description: '无需登录。列出该单位今天及以后的接访时段和剩余名额。',
        security: [],
        querystring: PublicSlotQuery,
        response: { 200: PublicSlotResponse, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (req) => {
      const { db, clock } = readCtx(req);
      if (!(await findUnitById(db, req.query.unitId))) notFound('单位');
      const rows = await listUpcomingSlots(db, req.query.unitId, chinaDate(clock.now()));
      return { items: rows.map(presentPublicSlot) };
    },
  );

  app.post(
    '/api/public/appointments',
    {
      schema: {
        tags: ['portal', ...tags],
        summary: '网上预约领导接访',
        description:
          '无需登录。返回预约码（请妥善保存）。手机号须为11位大陆手机号（400）。名额已满或时段已过 409 slot_full，并发预约也绝不超约。支持 Idempotency-Key。',
        security: [],
        body: AppointmentBody,
        response: {
          201: PublicAppointmentResponse,
          400: ErrorResponse,
          404: ErrorResponse,
          409: ErrorResponse,
        },
      },
    },
    async (req, reply) => {
      const slot = await findSlotById(readCtx(req).db, req.body.slotId);
      if (!slot) throw new AppError('not_found', SLOT_NOT_FOUND);
      return created(req, reply, async (ctx) => {
        const { code } = await bookAppointment(publicCtx(ctx), slot, req.body, {
          actor: null,
          channel: 'portal',
        });
        return { code };
      });
    },
  );
}
