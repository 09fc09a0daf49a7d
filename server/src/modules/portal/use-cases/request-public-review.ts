import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import {
  findPetitionViewById,
  listDeadlines,
  type PetitionView,
  unitNames,
} from '../../petitions/petitions.repository.ts';
import { requestReview } from '../../petitions/use-cases/request-review.ts';

const ANSWERED_STATUSES = new Set([
  'answered',
  'closed',
  'review_requested',
  'reviewed',
  'rereview_requested',
]);

/** The petitions module's refusal in words for the petitioner (409 keeps its code; the message names the last day). */
function forPetitioner(err: AppError, p: PetitionView, dueByKind: Map<string, string>): AppError {
  const rereview = p.review_on !== null || p.status === 'reviewed';
  const step = rereview ? '复核' : '复查';
  if (err.code === 'time_limit_passed') {
    const due = dueByKind.get(rereview ? 'rereview_request' : 'review_request');
    const basis = rereview
      ? '收到复查意见之日起30日内（信访工作条例第36条）'
      : '收到书面答复之日起30日内（信访工作条例第35条）';
    return new AppError(
      'time_limit_passed',
      `请求${step}须在${basis}提出，最后一天是${due ?? '（未知）'}，现已超过期限，不能再在网上请求${step}。`,
      { lastDay: due ?? null },
    );
  }
  if (err.code === 'invalid_transition') {
    if (!p.answer_on || !ANSWERED_STATUSES.has(p.status))
      return new AppError('not_answered', '该信访事项尚未作出书面答复，答复后才能请求复查。');
    if (p.status === 'review_requested')
      return new AppError(
        'invalid_transition',
        `您已于${p.review_requested_on ?? ''}请求复查，正在复查中，无需重复提交。`,
      );
    if (p.status === 'rereview_requested')
      return new AppError(
        'invalid_transition',
        `您已于${p.rereview_requested_on ?? ''}请求复核，正在复核中，无需重复提交。`,
      );
  }
  return err;
}

/**
 * The petitioner's review request through the portal: 复查 after the answer, 复核 after a review
 * opinion, via the petitions module's `requestReview` (no staff actor, its guards) in the caller's
 * transaction. Its refusals stay 409 but speak to the petitioner: not_answered before the answer,
 * time_limit_passed naming the last day, a repeated request, matter_finalized after re-review.
 */
export async function requestPublicReview(ctx: Ctx, p: PetitionView, input: { reason: string }) {
  const deadlines = await listDeadlines(ctx.db, p.id);
  const dueByKind = new Map(deadlines.map((d) => [d.kind, d.due]));
  let action: 'request_review' | 'request_rereview';
  try {
    ({ action } = await requestReview(ctx, p.id, input));
  } catch (err) {
    if (err instanceof AppError) throw forPetitioner(err, p, dueByKind);
    throw err;
  }
  const after = (await findPetitionViewById(ctx.db, p.id)) ?? p;
  const fresh = await listDeadlines(ctx.db, p.id);
  const rereview = action === 'request_rereview';
  const unitId = rereview ? after.rereview_unit_id : after.review_unit_id;
  const names = await unitNames(ctx.db, [unitId]);
  return {
    kind: rereview ? ('rereview' as const) : ('review' as const),
    requestedOn:
      (rereview ? after.rereview_requested_on : after.review_requested_on) ?? chinaDate(ctx.clock.now()),
    unitName: unitId ? (names.get(unitId) ?? '') : '',
    opinionDue: fresh.find((d) => d.kind === (rereview ? 'rereview' : 'review'))?.due ?? null,
  };
}
