import { addCalendarDays } from '../../../../../shared/calendar/dates.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId, sm3Hex } from '../../../platform/crypto/ids.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import {
  insertEvent,
  listDeadlines,
  type PetitionView,
  touchPetition,
} from '../../petitions/petitions.repository.ts';
import { currentOpinion, evaluationLastDay, RETURN_VISIT_DAYS } from '../portal.policy.ts';
import { RATING_LABELS } from '../portal.presenter.ts';
import { findEvaluation, insertEvaluation, insertReturnVisit } from '../portal.repository.ts';

/** How the timeline and the audit trail name the petitioner acting through the portal. */
const PETITIONER_NAME = '信访人（网上评价）';

const STAGE_NAMES = { answer: '处理意见', review: '复查意见', rereview: '复核意见' } as const;

/**
 * The petitioner's satisfaction with the latest opinion of a case (满意 / 基本满意 / 不满意), in
 * the caller's transaction: 409 not_answered before the answer, 409 already_evaluated the second
 * time for the same opinion, 409 time_limit_passed once the case is no longer open for review.
 * Stored apart from any unit assessment, noted on the timeline and audited (`petition.evaluate`,
 * the comment only as its SM3 hash); a dissatisfied rating opens a return visit (回访) for the
 * unit that gave the opinion, due in 7 days (audited `return_visit.open`).
 */
export async function evaluatePetition(
  ctx: Ctx,
  p: PetitionView,
  input: { rating: string; comment?: string },
) {
  const opinion = currentOpinion(p);
  if (!opinion) throw new AppError('not_answered', '该信访事项尚未作出书面答复，答复后才能评价。');
  const name = STAGE_NAMES[opinion.stage];
  const earlier = await findEvaluation(ctx.db, p.id, opinion.stage);
  const already = (e: { rating: string; created_at: string }) =>
    new AppError(
      'already_evaluated',
      `您已于${chinaDate(new Date(e.created_at))}对本次${name}作出“${RATING_LABELS[e.rating] ?? e.rating}”的评价，每次答复只能评价一次。`,
    );
  if (earlier) throw already(earlier);
  const today = chinaDate(ctx.clock.now());
  const lastDay = evaluationLastDay(opinion, await listDeadlines(ctx.db, p.id));
  if (lastDay !== null && today > lastDay)
    throw new AppError(
      'time_limit_passed',
      `对本次${name}的评价期限已于${lastDay}届满，不能再在网上评价；如有意见，请与作出该${name}的单位联系。`,
    );

  const now = ctx.clock.now().toISOString();
  const id = newId();
  const row = {
    id,
    petition_id: p.id,
    stage: opinion.stage,
    unit_id: opinion.unitId,
    rating: input.rating,
    comment: input.comment ?? null,
    created_at: now,
  };
  if (!(await insertEvaluation(ctx.db, row))) {
    const winner = await findEvaluation(ctx.db, p.id, opinion.stage);
    throw already(winner ?? row);
  }
  await touchPetition(ctx.db, p.id, now);
  await insertEvent(ctx.db, {
    id: newId(),
    petition_id: p.id,
    action: 'evaluate',
    at: now,
    happened_on: today,
    actor_id: null,
    actor_name: PETITIONER_NAME,
    actor_unit_id: null,
    note: input.comment ?? null,
    data_json: JSON.stringify({ stage: opinion.stage, rating: input.rating }),
    document_id: null,
  });
  await recordAudit(ctx, {
    action: 'petition.evaluate',
    subjectType: 'petition',
    subjectId: p.id,
    unitId: opinion.unitId,
    after: {
      evaluationId: id,
      stage: opinion.stage,
      rating: input.rating,
      ...(input.comment ? { commentSm3: sm3Hex(input.comment) } : {}),
    },
    actorId: null,
    actorName: PETITIONER_NAME,
  });

  let returnVisitOpened = false;
  if (input.rating === 'dissatisfied') {
    const visitId = newId();
    const due = addCalendarDays(today, RETURN_VISIT_DAYS);
    await insertReturnVisit(ctx.db, {
      id: visitId,
      petition_id: p.id,
      evaluation_id: id,
      unit_id: opinion.unitId,
      due,
      status: 'open',
      outcome: null,
      note: null,
      completed_by: null,
      completed_at: null,
      created_at: now,
    });
    await recordAudit(ctx, {
      action: 'return_visit.open',
      subjectType: 'return_visit',
      subjectId: visitId,
      unitId: opinion.unitId,
      after: { petitionId: p.id, evaluationId: id, due, status: 'open' },
      actorId: null,
      actorName: PETITIONER_NAME,
    });
    returnVisitOpened = true;
  }
  return {
    rating: input.rating as 'satisfied' | 'basically_satisfied' | 'dissatisfied',
    ratingLabel: RATING_LABELS[input.rating] ?? input.rating,
    stage: opinion.stage,
    createdAt: now,
    returnVisitOpened,
  };
}
