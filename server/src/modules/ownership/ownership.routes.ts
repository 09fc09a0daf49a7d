import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorResponse } from '../../../../shared/contracts/common.ts';
import {
  BoardQuery,
  BoardResponse,
  HandoverBody,
  OutcomeBody,
  OwnershipPeopleResponse,
  OwnershipResponse,
  ProgressBody,
  TakeOwnershipBody,
  UpdatePlanBody,
} from '../../../../shared/contracts/ownership.ts';
import { PetitionIdParams } from '../../../../shared/contracts/petitions.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../platform/http/context.ts';
import { created, inTransaction, readCtx, requireActor } from '../../platform/http/request-context.ts';
import { chinaDate } from '../../platform/jobs/china-time.ts';
import { canReadPetitions } from '../petitions/petitions.policy.ts';
import { findVisiblePetition, type PetitionView } from '../petitions/petitions.repository.ts';
import { canReadBoardOf } from './ownership.policy.ts';
import {
  boardOrder,
  loadOwnershipBundle,
  presentBoardItem,
  presentOwnership,
} from './ownership.presenter.ts';
import {
  findOwnership,
  findPerson,
  listBoard,
  listPeopleInScope,
  type OwnershipView,
} from './ownership.repository.ts';
import { STALE_AFTER_DAYS } from './stale.ts';
import { addProgress } from './use-cases/add-progress.ts';
import { checkOwnerCandidate } from './use-cases/check-owner-candidate.ts';
import { handOver } from './use-cases/hand-over.ts';
import { recordOutcome } from './use-cases/record-outcome.ts';
import { takeOwnership } from './use-cases/take-ownership.ts';
import { updatePlan } from './use-cases/update-plan.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};
const security = [{ session: [] }];
const tags = ['ownership'];

/** A visible case or 404 (out of scope, confidential to the actor, not a reading role, or missing). */
async function visibleOr404(ctx: Ctx, actor: Actor, id: string): Promise<PetitionView> {
  return (await findVisiblePetition(ctx.db, actor, id)) ?? notFound('信访事项');
}

/** The ownership of a visible case, or 409 when nobody has taken it yet. */
async function ownershipOr409(ctx: Ctx, p: PetitionView): Promise<OwnershipView> {
  const o = await findOwnership(ctx.db, p.id);
  if (!o) throw new AppError('invalid_transition', '本事项还没有包案领导，请先包案。');
  return o;
}

/** The ownership of a case as the actor sees it now (inside the transaction of a change). */
async function presentNow(ctx: Ctx, actor: Actor, id: string) {
  const p = await visibleOr404(ctx, actor, id);
  return presentOwnership(actor, p, await loadOwnershipBundle(ctx.db, p.id), chinaDate(ctx.clock.now()));
}

/** Case ownership (领导包案, issue 4 item 3): plan, progress, outcome, handover and the leader's board. */
export async function ownershipRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preValidation', async (req) => {
    requireActor(req);
  });

  app.get(
    '/api/v1/petitions/:id/ownership',
    {
      schema: {
        tags,
        summary: '包案情况（方案、进展、结果、移交记录）',
        description:
          '任何能看到该事项的人员都可查看；无人包案时 owned 为 false，abilities.take 表示能否包案。stale 与看板的规则相同。',
        security,
        params: PetitionIdParams,
        response: { 200: OwnershipResponse, ...errors },
      },
    },
    async (req) => presentNow(readCtx(req), requireActor(req), req.params.id),
  );

  app.post(
    '/api/v1/petitions/:id/ownership',
    {
      schema: {
        tags,
        summary: '领导包案',
        description:
          '领导本人包案（不填 leaderId），或为管辖范围内能看到本事项的领导指定包案。每个事项同一时间只有一位包案领导：已包案时 409 conflict（更换请用移交）；检举控告事项不能交被检举控告单位（含下级）或本人包案（422 confidential_routing）；申报回避的领导不能包案（422 conflict_of_interest）。',
        security,
        params: PetitionIdParams,
        body: TakeOwnershipBody,
        response: { 201: OwnershipResponse, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return created(req, reply, async (ctx) => {
        const p = await visibleOr404(ctx, actor, req.params.id);
        await takeOwnership(ctx, actor, p, req.body);
        return presentNow(ctx, actor, p.id);
      });
    },
  );

  app.patch(
    '/api/v1/petitions/:id/ownership/plan',
    {
      schema: {
        tags,
        summary: '修改包案方案（一人一策）',
        description:
          '包案领导修改诉求、政策依据、下次联系日期和措施（整表替换；已有措施带 id）。须带读取时的 version，已被他人修改时 409 version_conflict；记录结果后 409。',
        security,
        params: PetitionIdParams,
        body: UpdatePlanBody,
        response: { 200: OwnershipResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return inTransaction(req, async (ctx) => {
        const p = await visibleOr404(ctx, actor, req.params.id);
        await updatePlan(ctx, actor, p, await ownershipOr409(ctx, p), req.body);
        return presentNow(ctx, actor, p.id);
      });
    },
  );

  app.post(
    '/api/v1/petitions/:id/ownership/progress',
    {
      schema: {
        tags,
        summary: '记录包案进展',
        description: '包案领导或措施责任人记录进展（日期不晚于今天、不早于包案日期）；记录结果后 409。',
        security,
        params: PetitionIdParams,
        body: ProgressBody,
        response: { 201: OwnershipResponse, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return created(req, reply, async (ctx) => {
        const p = await visibleOr404(ctx, actor, req.params.id);
        await addProgress(ctx, actor, p, await ownershipOr409(ctx, p), req.body);
        return presentNow(ctx, actor, p.id);
      });
    },
  );

  app.post(
    '/api/v1/petitions/:id/ownership/outcome',
    {
      schema: {
        tags,
        summary: '记录包案结果（化解类型）',
        description:
          '包案领导记录一次结果：resolved 解决到位、explained 解释到位、redirected 导入法定途径、assisted 帮扶救助到位（assistanceKind：living_subsidy 生活补助、temporary_assistance 临时救助、referral 转介；可填金额）。再次记录 409 invalid_transition；version 过期 409 version_conflict。',
        security,
        params: PetitionIdParams,
        body: OutcomeBody,
        response: { 201: OwnershipResponse, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return created(req, reply, async (ctx) => {
        const p = await visibleOr404(ctx, actor, req.params.id);
        await recordOutcome(ctx, actor, p, await ownershipOr409(ctx, p), req.body);
        return presentNow(ctx, actor, p.id);
      });
    },
  );

  app.post(
    '/api/v1/petitions/:id/ownership/handover',
    {
      schema: {
        tags,
        summary: '移交包案',
        description:
          '包案领导或其上级单位的领导把包案移交给另一位可以包案的领导，须说明原因；方案、措施和进展随事项保留。version 过期 409 version_conflict。',
        security,
        params: PetitionIdParams,
        body: HandoverBody,
        response: { 201: OwnershipResponse, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return created(req, reply, async (ctx) => {
        const p = await visibleOr404(ctx, actor, req.params.id);
        await handOver(ctx, actor, p, await ownershipOr409(ctx, p), req.body);
        return presentNow(ctx, actor, p.id);
      });
    },
  );

  app.get(
    '/api/v1/petitions/:id/ownership/people',
    {
      schema: {
        tags,
        summary: '可包案的领导和可承担措施的人员',
        description:
          'leaders：管辖范围内能看到本事项、未申报回避的领导（包案、移交时选择）；assignees：管辖范围内的登记员、经办人和领导（措施责任人）。检举控告事项排除被检举控告单位（含下级）和本人。',
        security,
        params: PetitionIdParams,
        response: { 200: OwnershipPeopleResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const ctx = readCtx(req);
      const p = await visibleOr404(ctx, actor, req.params.id);
      const accusedLine = (u: { id: string; unit_path: string }) =>
        p.classification === 'accusation' &&
        ((p.accused_unit_path !== null && u.unit_path.startsWith(p.accused_unit_path)) ||
          p.accused_user_id === u.id);
      const leaders = [];
      for (const l of await listPeopleInScope(ctx.db, actor, ['leader'])) {
        if (accusedLine(l)) continue;
        const ok = await checkOwnerCandidate(ctx, actor, p, l.id).then(
          () => true,
          (err: unknown) => {
            if (err instanceof AppError) return false;
            throw err;
          },
        );
        if (ok) leaders.push({ id: l.id, name: l.name, unitName: l.unit_name });
      }
      const assignees = (await listPeopleInScope(ctx.db, actor, ['clerk', 'handler', 'leader']))
        .filter((u) => !accusedLine(u))
        .map((u) => ({ id: u.id, name: u.name, unitName: u.unit_name }));
      return { leaders, assignees };
    },
  );

  app.get(
    '/api/v1/ownership/board',
    {
      schema: {
        tags,
        summary: '我的包案（包案看板）',
        description: `一位领导包案中（尚未记录结果）的事项，只含调用者能看到的事项。stale（需关注）：${STALE_AFTER_DAYS}天没有进展记录（无进展时自包案日起算）、下次联系日期已过或有措施超期未完成，staleReason 说明原因；需关注的排在前面。leaderId 默认为本人，也可查看管辖范围内领导的看板。`,
        security,
        querystring: BoardQuery,
        response: { 200: BoardResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(canReadPetitions(actor), '您的角色不查看信访事项，没有包案看板。');
      const ctx = readCtx(req);
      const leader = (await findPerson(ctx.db, req.query.leaderId ?? actor.userId)) ?? notFound('领导');
      if (!canReadBoardOf(actor, { id: leader.id, unitPath: leader.unit_path })) notFound('领导');
      const today = chinaDate(ctx.clock.now());
      const rows = await listBoard(ctx.db, actor, leader.id, today);
      return {
        leader: { id: leader.id, name: leader.name, unitName: leader.unit_name },
        staleAfterDays: STALE_AFTER_DAYS,
        items: rows.map((r) => presentBoardItem(r, today)).sort(boardOrder),
      };
    },
  );
}
