import type { PetitionActionInput } from '../../../../../shared/contracts/petitions.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId, sm3Hex } from '../../../platform/crypto/ids.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { mergeTarget, recordMergedFrom } from '../duplicates/merge-target.ts';
import {
  checkLinkTarget,
  checkStepDate,
  checkTransition,
  isAllowed,
  type PetitionStatus,
} from '../petition.ts';
import { mayAct, refusalMessage } from '../petitions.policy.ts';
import { guardFactsOf, petitionSnapshot, placeOf } from '../petitions.presenter.ts';
import {
  findUnit,
  findUserForCase,
  findVisiblePetition,
  insertEvent,
  listCoHandlers,
  listDeadlines,
  listInterests,
  type PetitionRow,
  type PetitionView,
  replaceCoHandlers,
  setEventDocument,
  touchPetition,
  updatePetition,
} from '../petitions.repository.ts';
import { issueDocument } from './issue-document.ts';
import { recomputeDeadlines } from './recompute-deadlines.ts';

/** Who takes a step: a staff member, or the petitioner through the portal (no account). */
export type StepActor = Actor | null;

/** What an action changes: the row patch, and what the timeline and the audit trail keep of it. */
interface Outcome {
  patch: Partial<Omit<PetitionRow, 'id' | 'version'>>;
  /** Free text of the step (reason, note); kept on the timeline, only its SM3 hash in the audit trail. */
  note?: string;
  /** Non-personal details for the timeline and the audit trail. */
  data?: Record<string, unknown>;
  /** Writes that belong to another case (its timeline and audit entry), after this case's own. */
  followUp?: () => Promise<void>;
}

const PORTAL_ACTOR_NAME = '信访人（网上提交）';

function invalidOn(message: string): never {
  throw new AppError('validation_failed', message, { field: 'on', issues: [{ field: 'body.on', message }] });
}

/** The top-level unit path of a unit path ('/county/…/' → '/county/'): the county tree. */
function rootPath(path: string): string {
  return `/${path.split('/').filter(Boolean)[0] ?? ''}/`;
}

/** The parent of a unit, or 422 no_higher_unit with where to go instead. */
async function parentUnit(ctx: Ctx, unitId: string, step: '复查' | '复核') {
  const unit = await findUnit(ctx.db, unitId);
  const parent = unit?.parent_id ? await findUnit(ctx.db, unit.parent_id) : undefined;
  if (!unit || !parent)
    throw new AppError(
      'no_higher_unit',
      `系统中没有“${unit?.name ?? ''}”的上一级单位，无法在本系统中${step}；请告知信访人向上一级机关提出${step}请求。`,
    );
  return parent;
}

/** Whether a unit path lies in the line of an accusation's accused unit (that unit or below it). */
function inAccusedLine(p: PetitionView, path: string | null): boolean {
  return (
    p.classification === 'accusation' &&
    p.accused_unit_path !== null &&
    path?.startsWith(p.accused_unit_path) === true
  );
}

/**
 * The case a higher-level registration joins (Art 19 ¶3), checked and locked: visible to the actor
 * (404), another case (422), owned by a unit below the registering unit (422), for an accusation
 * outside the accused unit's line and not handled by the accused (422 confidential_routing),
 * accepted and still being handled within its current duty deadline (409, see checkLinkTarget).
 */
async function linkTarget(ctx: Ctx, actor: Actor, p: PetitionView, intoId: string, on: string) {
  if (intoId === p.id)
    throw new AppError('invalid_reference', '不能关联到本事项自身，请选择下级单位正在办理的同一事项。', {
      field: 'intoId',
    });
  if (!(await findVisiblePetition(ctx.db, actor, intoId))) notFound('要关联的信访事项');
  await touchPetition(ctx.db, intoId, ctx.clock.now().toISOString());
  const target = (await findVisiblePetition(ctx.db, actor, intoId)) ?? notFound('要关联的信访事项');
  if (!target.unit_path.startsWith(p.unit_path) || target.unit_id === p.unit_id)
    throw new AppError(
      'invalid_reference',
      `所选事项（${target.number}）不是${p.unit_name}下级单位正在办理的事项；只能关联下级单位已经受理的同一事项，本单位重复登记的同一事项应合并办理。`,
      { field: 'intoId' },
    );
  const coHandlers = await listCoHandlers(ctx.db, target.id);
  const byAccused =
    p.accused_user_id !== null &&
    (target.handler_id === p.accused_user_id || coHandlers.some((c) => c.user_id === p.accused_user_id));
  if (
    p.classification === 'accusation' &&
    (inAccusedLine(p, target.unit_path) || inAccusedLine(p, target.handling_unit_path) || byAccused)
  )
    throw new AppError(
      'confidential_routing',
      `所选事项（${target.number}）由被检举控告的单位（或其下级单位、被检举控告人）办理，检举控告事项不得关联到该事项；请将本次登记作为新事项办理，或转送其上级机关或纪检监察机关。`,
      { field: 'intoId' },
    );
  const deadlines = await listDeadlines(ctx.db, target.id);
  const next = target.next_due
    ? {
        kind: target.next_due_kind ?? '',
        due: target.next_due,
        label: deadlines.find((d) => d.kind === target.next_due_kind)?.label ?? '办理期限',
      }
    : null;
  const check = checkLinkTarget(
    { number: target.number, status: target.status as PetitionStatus, nextDue: next },
    on,
  );
  if (!check.ok) throw new AppError(check.code, check.message);
  return target;
}

/** Checks a user for handling an accusation or a case with declared interests (回避): 422 otherwise. */
async function checkHandler(ctx: Ctx, actor: Actor, p: PetitionView, userId: string, field: string) {
  const user = await findUserForCase(ctx.db, userId);
  if (!user?.unit_path.startsWith(actor.unitPath) || user.disabled === 1)
    throw new AppError('invalid_reference', '所选经办人不存在、已停用或不在您的管辖范围内，请重新选择。', {
      field,
    });
  if (!user.roles.some((r) => r === 'handler' || r === 'leader'))
    throw new AppError('invalid_reference', `“${user.name}”不是经办人或领导，不能承办信访事项。`, { field });
  const interests = await listInterests(ctx.db, p.id);
  if (interests.some((i) => i.user_id === user.id))
    throw new AppError(
      'conflict_of_interest',
      `“${user.name}”已申报与本事项有利害关系，应当回避（信访工作条例第28条），请另选经办人。`,
      { field },
    );
  if (
    p.classification === 'accusation' &&
    (user.id === p.accused_user_id ||
      (p.accused_unit_path !== null && user.unit_path.startsWith(p.accused_unit_path)))
  )
    throw new AppError(
      'confidential_routing',
      `“${user.name}”属于被检举控告的单位或本人，检举控告事项不得交其办理。`,
      { field },
    );
  return user;
}

/** The change each action makes; 422 for references the action cannot use. */
async function outcomeOf(
  ctx: Ctx,
  actor: StepActor,
  p: PetitionView,
  input: PetitionActionInput,
  on: string,
) {
  switch (input.action) {
    case 'accept':
    case 'start':
    case 'close':
    case 'finalize':
      return {} as Outcome;
    case 'redirect':
      return {
        patch: { redirect_route: input.route, redirect_note: input.note },
        note: input.note,
        data: { route: input.route },
      } as Outcome;
    case 'transfer': {
      const who = actor as Actor;
      const target = await findUnit(ctx.db, input.unitId);
      if (!target?.path.startsWith(rootPath(who.unitPath)))
        throw new AppError('invalid_reference', '转送的单位不存在或不在本县（区）范围内，请重新选择。', {
          field: 'unitId',
        });
      if (target.id === p.unit_id)
        throw new AppError('invalid_reference', '不能转送给本单位，请选择其他单位。', { field: 'unitId' });
      if (inAccusedLine(p, target.path))
        throw new AppError(
          'confidential_routing',
          `“${target.name}”是被检举控告的单位或其下级单位，检举控告事项不得转送给它。`,
          { field: 'unitId' },
        );
      return {
        patch: { unit_id: target.id, sender_unit_id: p.unit_id, objection_raised: 0 },
        note: input.note,
        data: {
          fromUnitId: p.unit_id,
          fromUnitName: p.unit_name,
          toUnitId: target.id,
          toUnitName: target.name,
        },
      } as Outcome;
    }
    case 'object':
      return { patch: { objection_raised: 1 }, note: input.reason } as Outcome;
    case 'decide_objection':
      return {
        patch: input.uphold && p.sender_unit_id ? { unit_id: p.sender_unit_id, sender_unit_id: null } : {},
        note: input.note,
        data: { uphold: input.uphold },
      } as Outcome;
    case 'reject':
      return { patch: { rejection_reason: input.reason }, note: input.reason } as Outcome;
    case 'assign': {
      const who = actor as Actor;
      const handler = await checkHandler(ctx, who, p, input.handlerId, 'handlerId');
      if (input.unitId && input.unitId !== handler.unit_id)
        throw new AppError('invalid_reference', `经办人“${handler.name}”不属于所选的承办单位，请重新选择。`, {
          field: 'unitId',
        });
      const coIds = [...new Set(input.coHandlerIds)].filter((id) => id !== handler.id);
      for (const id of coIds) await checkHandler(ctx, who, p, id, 'coHandlerIds');
      await replaceCoHandlers(ctx.db, p.id, coIds);
      const unit = await findUnit(ctx.db, handler.unit_id);
      return {
        patch: {
          handler_id: handler.id,
          handling_unit_id: handler.unit_id,
          opinion: input.opinion,
          instruction: input.instruction ?? null,
        },
        note: input.opinion,
        data: {
          handlerId: handler.id,
          handlerName: handler.name,
          unitId: handler.unit_id,
          unitName: unit?.name ?? '',
          coHandlerIds: coIds,
          ...(input.instruction ? { instruction: true } : {}),
        },
      } as Outcome;
    }
    case 'extend':
      return {
        patch: { extended_days: input.days },
        note: input.reason,
        data: { days: input.days },
      } as Outcome;
    case 'answer':
      return {
        patch: {
          answer_unit_id: p.handling_unit_id ?? p.unit_id,
          answer_on: on,
          answer_decision: input.decision,
          answer_text: input.text,
          answer_facts: input.facts ?? null,
          answer_reasons: input.reasons ?? null,
          answer_legal_basis: input.legalBasis ?? null,
        },
        data: { decision: input.decision },
      } as Outcome;
    case 'request_review': {
      const parent = await parentUnit(ctx, p.answer_unit_id ?? p.unit_id, '复查');
      return {
        patch: { review_unit_id: parent.id, review_requested_on: on, review_request_reason: input.reason },
        note: input.reason,
        data: { unitId: parent.id, unitName: parent.name },
      } as Outcome;
    }
    case 'review':
      return {
        patch: { review_on: on, review_decision: input.decision, review_text: input.text },
        data: { decision: input.decision },
      } as Outcome;
    case 'request_rereview': {
      const parent = await parentUnit(ctx, p.review_unit_id ?? p.unit_id, '复核');
      return {
        patch: {
          rereview_unit_id: parent.id,
          rereview_requested_on: on,
          rereview_request_reason: input.reason,
        },
        note: input.reason,
        data: { unitId: parent.id, unitName: parent.name },
      } as Outcome;
    }
    case 'rereview':
      return {
        patch: { rereview_on: on, rereview_decision: input.decision, rereview_text: input.text },
        data: { decision: input.decision },
      } as Outcome;
    case 'link': {
      const who = actor as Actor;
      const target = await linkTarget(ctx, who, p, input.intoId, on);
      const from = { fromId: p.id, fromNumber: p.number, fromUnitId: p.unit_id, fromUnitName: p.unit_name };
      return {
        patch: { linked_into_id: target.id },
        note: input.note,
        data: {
          intoId: target.id,
          intoNumber: target.number,
          intoUnitId: target.unit_id,
          intoUnitName: target.unit_name,
        },
        followUp: async () => {
          const event = await insertEvent(ctx.db, {
            id: newId(),
            petition_id: target.id,
            action: 'linked_from',
            at: ctx.clock.now().toISOString(),
            happened_on: on,
            actor_id: who.userId,
            actor_name: who.name,
            actor_unit_id: who.unitId,
            note: input.note ?? null,
            data_json: JSON.stringify(from),
            document_id: null,
          });
          await recordAudit(ctx, {
            action: 'petition.linked_from',
            subjectType: 'petition',
            subjectId: target.id,
            unitId: target.unit_id,
            before: petitionSnapshot(target),
            after: {
              ...petitionSnapshot(target),
              on,
              eventId: event.id,
              data: from,
              ...(input.note ? { noteSm3: sm3Hex(input.note) } : {}),
            },
          });
        },
      } as Outcome;
    }
    case 'merge': {
      const who = actor as Actor;
      const target = await mergeTarget(ctx, who, p, input.intoId);
      return {
        patch: { merged_into_id: target.id },
        note: input.note,
        data: { intoId: target.id, intoNumber: target.number },
        followUp: () => recordMergedFrom(ctx, who, target, p, on, input.note),
      } as Outcome;
    }
  }
}

/**
 * Takes one lifecycle step on a case (already loaded within the actor's scope, or by query code
 * for the petitioner, `actor` null): `on` a real day not in the future nor before the previous
 * step (400); the transition table (409 invalid_transition); the policy (403); the guards of
 * 信访工作条例 (409 time_limit_passed / matter_finalized); the action's own checks (422). Then,
 * in the caller's transaction: the row (only if unchanged since read), a timeline entry, every
 * deadline recomputed, the official document of the step (issue-document.ts) linked to the
 * timeline entry, and the audit entry `petition.<action>` with the status before and after; a
 * link also writes `linked_from` on the joined case's timeline and audits it (`petition.linked_from`),
 * a merge writes `merged_from` on the joined case and audits `petition.merge` on it too.
 */
export async function applyPetitionAction(
  ctx: Ctx,
  actor: StepActor,
  p: PetitionView,
  input: PetitionActionInput,
): Promise<void> {
  if (!actor && input.action !== 'request_review' && input.action !== 'request_rereview')
    throw new AppError('forbidden', '信访人只能通过查询码请求复查或复核。');
  const today = chinaDate(ctx.clock.now());
  const on = input.on ?? today;
  const dateProblem = checkStepDate(on, today, p.last_on);
  if (dateProblem) invalidOn(dateProblem);

  const status = p.status as PetitionStatus;
  const deadlines = await listDeadlines(ctx.db, p.id);
  const options = {
    ...(input.action === 'decide_objection' ? { uphold: input.uphold } : {}),
    ...(input.action === 'extend' ? { days: input.days } : {}),
  };
  const check = checkTransition(status, input.action, guardFactsOf(p, deadlines, on), options);
  if (!check.ok && (check.code === 'matter_finalized' || !isAllowed(status, input.action)))
    throw new AppError(check.code, check.message);
  if (actor) {
    const [coHandlers, interests] = await Promise.all([
      listCoHandlers(ctx.db, p.id),
      listInterests(ctx.db, p.id),
    ]);
    const place = placeOf(
      p,
      coHandlers.map((c) => c.user_id),
      interests.map((i) => i.user_id),
    );
    if (!mayAct(actor, input.action, place))
      throw new AppError('forbidden', refusalMessage(actor, input.action, place));
  }
  if (!check.ok) throw new AppError(check.code, check.message);

  const outcome = await outcomeOf(ctx, actor, p, input, on);
  const now = ctx.clock.now().toISOString();
  const patch = { ...outcome.patch, status: check.next, last_on: on, updated_at: now };
  if (!(await updatePetition(ctx.db, p.id, p.version, patch)))
    throw new AppError('invalid_transition', '该信访事项刚被他人更新，请刷新页面查看最新状态后再操作。');
  const event = await insertEvent(ctx.db, {
    id: newId(),
    petition_id: p.id,
    action: input.action,
    at: now,
    happened_on: on,
    actor_id: actor?.userId ?? null,
    actor_name: actor?.name ?? PORTAL_ACTOR_NAME,
    actor_unit_id: actor?.unitId ?? null,
    note: outcome.note ?? null,
    data_json: outcome.data ? JSON.stringify(outcome.data) : null,
    document_id: null,
  });
  const fresh = await recomputeDeadlines(ctx.db, { id: p.id, unit_id: patch.unit_id ?? p.unit_id });
  const document = await issueDocument(ctx, input, { view: p, deadlines }, fresh, on);
  if (document) await setEventDocument(ctx.db, event.id, document.fileId);
  await recordAudit(ctx, {
    action: `petition.${input.action}`,
    subjectType: 'petition',
    subjectId: p.id,
    unitId: patch.unit_id ?? p.unit_id,
    before: petitionSnapshot(p),
    after: {
      ...petitionSnapshot({ ...p, ...patch }),
      on,
      eventId: event.id,
      ...(outcome.note ? { noteSm3: sm3Hex(outcome.note) } : {}),
      ...(outcome.data ? { data: outcome.data } : {}),
      ...(document ? { documentId: document.fileId, documentNumber: document.number } : {}),
    },
    ...(actor ? {} : { actorId: null, actorName: PORTAL_ACTOR_NAME }),
  });
  await outcome.followUp?.();
}
