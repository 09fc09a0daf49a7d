import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ErrorResponse, IdParams } from '../../../../shared/contracts/common.ts';
import {
  AppointmentBody,
  AppointmentListResponse,
  AppointmentResponse,
  ArriveBody,
  CreateReceptionBody,
  CreateSlotBody,
  FieldVisitBody,
  FieldVisitListResponse,
  FieldVisitResponse,
  JointUnitsResponse,
  PromiseDoneBody,
  PromiseListResponse,
  PromiseParams,
  PromiseResponse,
  PublicAppointmentResponse,
  PublicSlotQuery,
  PublicSlotResponse,
  ReceptionListQuery,
  ReceptionListResponse,
  ReceptionResponse,
  ReceptionRulesBody,
  ReceptionRulesResponse,
  type ReceptionWire,
  RequiredLeaderQuery,
  RequiredLeaderResponse,
  SlotListQuery,
  SlotListResponse,
  SlotResponse,
  StaffAppointmentResponse,
} from '../../../../shared/contracts/receptions.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Db } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../platform/http/context.ts';
import { created, inTransaction, readCtx, requireActor } from '../../platform/http/request-context.ts';
import { chinaDate } from '../../platform/jobs/china-time.ts';
import { findUnitById, findUnitInScope } from '../org/org.repository.ts';
import { findVisiblePetition } from '../petitions/petitions.repository.ts';
import { addressHash } from '../portal/portal.rate-limit.ts';
import {
  canEditReceptionRules,
  canManageReceptions,
  canReadReceptionRules,
  canReadReceptions,
} from './receptions.policy.ts';
import {
  presentAppointment,
  presentFieldVisit,
  presentPromise,
  presentPublicSlot,
  presentReception,
  presentSlot,
} from './receptions.presenter.ts';
import { APPOINTMENTS_PER_HOUR, countAppointmentRequest } from './receptions.rate-limit.ts';
import {
  findSlotById,
  findSlotInScope,
  listAppointments,
  listFieldVisitors,
  listFieldVisits,
  listJointUnits,
  listPromises,
  listReceptionStaff,
  listReceptionsInScope,
  listReceptionUnits,
  listSlotsInScope,
  listUpcomingSlots,
  type ReceptionView,
  userNamesById,
} from './receptions.repository.ts';
import { effectiveRules, requiredLeaderFor } from './receptions.rules.ts';
import { bookAppointment } from './use-cases/book-appointment.ts';
import { completePromise } from './use-cases/complete-promise.ts';
import { createSlot } from './use-cases/create-slot.ts';
import { markNoShow } from './use-cases/mark-no-show.ts';
import { recordArrival } from './use-cases/record-arrival.ts';
import { recordFieldVisit } from './use-cases/record-field-visit.ts';
import { registerReception } from './use-cases/register-reception.ts';
import { setReceptionRules } from './use-cases/set-reception-rules.ts';

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

/** Visits with their staff present, joint units and the named leader's name, as the wire shapes. */
async function presentReceptions(db: Db, rows: readonly ReceptionView[]) {
  const ids = rows.map((r) => r.id);
  const [staff, units, names] = await Promise.all([
    listReceptionStaff(db, ids),
    listReceptionUnits(db, ids),
    userNamesById(db, [
      ...new Set(rows.flatMap((r) => (r.required_leader_id ? [r.required_leader_id] : []))),
    ]),
  ]);
  return rows.map((r) =>
    presentReception(r, {
      staff: staff
        .filter((x) => x.reception_id === r.id)
        .map((x) => ({ userId: x.user_id, name: x.name, unitId: x.unit_id })),
      units: units
        .filter((x) => x.reception_id === r.id)
        .map((x) => ({ unitId: x.unit_id, unitName: x.unit_name, role: x.role as 'lead' | 'co' })),
      requiredLeaderName: r.required_leader_id ? (names.get(r.required_leader_id) ?? null) : null,
    }),
  );
}

/** The answer of a visit just logged: its wire shape and, when it registered one, the new case. */
async function presentLogged(db: Db, result: Awaited<ReturnType<typeof registerReception>>) {
  const wire = (await presentReceptions(db, [result.view]))[0] as ReceptionWire;
  return result.createdPetition ? { ...wire, createdPetition: result.createdPetition } : wire;
}

/** A case the actor may see, or the 404 of every case that is not (scope and confidentiality in SQL). */
async function visibleCase(db: Db, actor: Actor, id: string) {
  const petition = await findVisiblePetition(db, actor, id);
  if (!petition) notFound('信访事项');
  return petition;
}

/** A case's field visits with visitors and promises, newest first. */
async function fieldVisitsOf(ctx: Pick<Ctx, 'db' | 'clock'>, petitionId: string) {
  const today = chinaDate(ctx.clock.now());
  const visits = await listFieldVisits(ctx.db, petitionId);
  const [visitors, promises] = await Promise.all([
    listFieldVisitors(
      ctx.db,
      visits.map((v) => v.id),
    ),
    listPromises(ctx.db, petitionId),
  ]);
  return visits.map((v) =>
    presentFieldVisit(
      v,
      visitors.filter((x) => x.visit_id === v.id).map((x) => ({ userId: x.user_id, name: x.name })),
      promises
        .filter((p) => p.visit_id === v.id)
        .sort((a, b) => Number(a.sort_order) - Number(b.sort_order))
        .map((p) => presentPromise(p, today)),
    ),
  );
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
        summary: '登记来访接待（个体访、集体访、联合接访）',
        description:
          '返回 requiredLeaderLevel：按本单位（或最近的上级单位）设置的接访规则，默认20人及以上 principal（主要领导），5–19人 deputy（分管领导），不足5人 none；关联的事项有包案领导时为 owner（包案领导）。requiredLeader 为规则指向的领导（包案领导，或领导小组的组长/副组长）。petitionId 关联您可见的已有事项（否则 404），或 petition（与 POST /api/v1/petitions 的请求体相同，渠道固定为 visit）在同一事务中登记新事项，答复中的 createdPetition 含查询码；二者只能选一。staffIds 为在场工作人员；units 为联合接访的单位（牵头单位须为 unitId，配合单位及其在场人员），事项因此记录牵头单位和配合单位。日期不能晚于今天，receivedAt 须在当天（400）。支持 Idempotency-Key。',
        security,
        body: CreateReceptionBody,
        response: { 201: ReceptionResponse, ...staffErrors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return created(req, reply, async (ctx) =>
        presentLogged(ctx.db, await registerReception(ctx, actor, req.body)),
      );
    },
  );

  app.get(
    '/api/v1/receptions',
    {
      schema: {
        tags,
        summary: '接访登记（本单位范围内）',
        description:
          '按接访日期倒序。可按单位（unitId）、接待领导（leaderId）、日期范围（from、to）筛选。关联信访事项的登记只在您能查看该事项时列出（检举控告不向被检举控告的单位显示）；联合接访也列给参加单位。',
        security,
        querystring: ReceptionListQuery,
        response: { 200: ReceptionListResponse, ...staffErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(canReadReceptions(actor));
      const { db } = readCtx(req);
      const { rows, total } = await listReceptionsInScope(db, actor, req.query);
      return { items: await presentReceptions(db, rows), total };
    },
  );

  app.post(
    '/api/v1/appointments/:id/arrive',
    {
      schema: {
        tags,
        summary: '预约人到访：登记接访',
        description:
          '把预约转为接访登记（接访单位和日期为该时段的，接待领导默认为该时段的领导），可同时登记新事项（petition；信访人、标题和内容默认取预约的姓名、手机号和反映事项）或关联已有事项（petitionId），预约标记为已到访。已到访或已标记未到、接访日期未到 409 invalid_transition。支持 Idempotency-Key。',
        security,
        params: IdParams,
        body: ArriveBody,
        response: { 201: ReceptionResponse, ...staffErrors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return created(req, reply, async (ctx) =>
        presentLogged(ctx.db, await recordArrival(ctx, actor, req.params.id, req.body)),
      );
    },
  );

  app.post(
    '/api/v1/appointments/:id/no-show',
    {
      schema: {
        tags,
        summary: '预约人未到',
        description: '接访日期当天或之后可标记；已到访或已标记未到 409 invalid_transition。',
        security,
        params: IdParams,
        response: { 200: AppointmentResponse, ...staffErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) =>
        presentAppointment(await markNoShow(ctx, actor, req.params.id)),
      );
    },
  );

  app.get(
    '/api/v1/units/:id/reception-rules',
    {
      schema: {
        tags,
        summary: '单位的集体访接待规则',
        description:
          'source：own（本单位设置）、inherited（继承最近的上级单位，fromUnitId/fromUnitName）、default（默认20人/5人）。',
        security,
        params: IdParams,
        response: { 200: ReceptionRulesResponse, ...staffErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { db } = readCtx(req);
      const unit = await findUnitInScope(db, actor, req.params.id);
      if (!unit) notFound('单位');
      authorize(canReadReceptionRules(actor));
      return {
        unitId: unit.id,
        ...(await effectiveRules(db, unit)),
        abilities: { edit: canEditReceptionRules(actor) },
      };
    },
  );

  app.put(
    '/api/v1/units/:id/reception-rules',
    {
      schema: {
        tags,
        summary: '设置单位的集体访接待规则',
        description:
          '单位管理员或系统管理员设置：principalFrom 人及以上由主要领导接待，deputyFrom 至 principalFrom−1 人由分管领导接待；下级单位未设置的继承此规则。',
        security,
        params: IdParams,
        body: ReceptionRulesBody,
        response: { 200: ReceptionRulesResponse, ...staffErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) => {
        const unit = await findUnitInScope(ctx.db, actor, req.params.id);
        if (!unit) notFound('单位');
        const rules = await setReceptionRules(ctx, actor, unit, req.body);
        return { unitId: unit.id, ...rules, abilities: { edit: true } };
      });
    },
  );

  app.get(
    '/api/v1/units/:id/required-leader',
    {
      schema: {
        tags,
        summary: '按人数预览应由哪位领导接待',
        description: '登记接访时实时显示：按单位规则和人数（关联事项有包案领导时为包案领导）。',
        security,
        params: IdParams,
        querystring: RequiredLeaderQuery,
        response: { 200: RequiredLeaderResponse, ...staffErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { db } = readCtx(req);
      const unit = await findUnitInScope(db, actor, req.params.id);
      if (!unit) notFound('单位');
      authorize(canReadReceptions(actor));
      const petitionId = req.query.petitionId
        ? (await visibleCase(db, actor, req.query.petitionId)).id
        : null;
      const r = await requiredLeaderFor(db, unit, req.query.peopleCount, petitionId);
      return {
        level: r.level,
        ...(r.leader ? { leader: r.leader } : {}),
        principalFrom: r.rules.principalFrom,
        deputyFrom: r.rules.deputyFrom,
      };
    },
  );

  app.post(
    '/api/v1/petitions/:id/field-visits',
    {
      schema: {
        tags,
        summary: '记录下访、带案下访或上门走访',
        description:
          'kind：field（下访）、with_case（带案下访）、home（上门走访）。记录走访人员（visitors）、地点、接谈对象（metWith）和承诺事项及期限（promises）；写入事项时间线并记入审计日志。事项须为您可见（否则 404）；登记人员、经办人或领导可记录（403）；日期不能晚于今天，承诺期限不能早于走访日期（400）。支持 Idempotency-Key。',
        security,
        params: IdParams,
        body: FieldVisitBody,
        response: { 201: FieldVisitResponse, ...staffErrors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return created(req, reply, async (ctx) => {
        const petition = await visibleCase(ctx.db, actor, req.params.id);
        const id = await recordFieldVisit(ctx, actor, petition, req.body);
        return (await fieldVisitsOf(ctx, petition.id)).find((v) => v.id === id) as z.infer<
          typeof FieldVisitResponse
        >;
      });
    },
  );

  app.get(
    '/api/v1/petitions/:id/field-visits',
    {
      schema: {
        tags,
        summary: '事项的下访记录',
        security,
        params: IdParams,
        response: { 200: FieldVisitListResponse, ...staffErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const ctx = readCtx(req);
      const petition = await visibleCase(ctx.db, actor, req.params.id);
      return { items: await fieldVisitsOf(ctx, petition.id) };
    },
  );

  app.get(
    '/api/v1/petitions/:id/promises',
    {
      schema: {
        tags,
        summary: '事项的承诺事项（按期限）',
        description: 'done 是否已兑现；overdue 未兑现且已过期限。',
        security,
        params: IdParams,
        response: { 200: PromiseListResponse, ...staffErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { db, clock } = readCtx(req);
      const petition = await visibleCase(db, actor, req.params.id);
      const today = chinaDate(clock.now());
      return { items: (await listPromises(db, petition.id)).map((p) => presentPromise(p, today)) };
    },
  );

  app.post(
    '/api/v1/petitions/:id/promises/:pid/done',
    {
      schema: {
        tags,
        summary: '登记承诺已兑现',
        description:
          'on 为兑现日期（默认今天，不能晚于今天）；已兑现的 409 invalid_transition。写入事项时间线并记入审计日志。',
        security,
        params: PromiseParams,
        body: PromiseDoneBody,
        response: { 200: PromiseResponse, ...staffErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) => {
        const petition = await visibleCase(ctx.db, actor, req.params.id);
        const done = await completePromise(ctx, actor, petition, req.params.pid, req.body?.on);
        return presentPromise(done as NonNullable<typeof done>, chinaDate(ctx.clock.now()));
      });
    },
  );

  app.get(
    '/api/v1/petitions/:id/joint-units',
    {
      schema: {
        tags,
        summary: '事项的牵头单位和配合单位（联合接访）',
        security,
        params: IdParams,
        response: { 200: JointUnitsResponse, ...staffErrors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { db } = readCtx(req);
      const petition = await visibleCase(db, actor, req.params.id);
      const rows = await listJointUnits(db, petition.id);
      return {
        items: rows.map((r) => ({
          unitId: r.unit_id,
          unitName: r.unit_name,
          role: r.role as 'lead' | 'co',
          receptionId: r.reception_id,
        })),
      };
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
        description: `无需登录。返回预约码（请妥善保存）。手机号须为11位大陆手机号（400）。名额已满或时段已过 409 slot_full，并发预约也绝不超约。同一网络地址每小时最多预约${APPOINTMENTS_PER_HOUR}次，超过 429 rate_limited（带 Retry-After）。支持 Idempotency-Key。`,
        security: [],
        body: AppointmentBody,
        response: {
          201: PublicAppointmentResponse,
          400: ErrorResponse,
          404: ErrorResponse,
          409: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    async (req, reply) => {
      const { deps } = req.server;
      try {
        await countAppointmentRequest(deps.handle.db, deps.clock, addressHash(deps.config, req.ip));
      } catch (err) {
        const wait = err instanceof AppError ? (err.details as { retryAfterSeconds?: number }) : undefined;
        if (wait?.retryAfterSeconds) reply.header('retry-after', String(wait.retryAfterSeconds));
        throw err;
      }
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
