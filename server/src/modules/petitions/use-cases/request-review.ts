import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { findPetitionViewById } from '../petitions.repository.ts';
import { applyPetitionAction } from './apply-petition-action.ts';

/**
 * The petitioner's own request for review (复查, Art 35) — or, after a review opinion, for
 * re-review (复核, Art 36) — e.g. from the public portal after a query-code lookup (issue 5):
 * dated today, no staff actor, the same guards as a clerk's entry (409 invalid_transition when
 * not answered yet, time_limit_passed after 30 days, matter_finalized after re-review). Runs in
 * the caller's transaction (ctx.db) and is audited as `petition.request_review` or `petition.request_rereview`.
 */
export async function requestReview(
  ctx: Ctx,
  petitionId: string,
  input: { reason: string },
): Promise<{ action: 'request_review' | 'request_rereview' }> {
  const p = await findPetitionViewById(ctx.db, petitionId);
  if (!p) throw new AppError('not_found');
  const action = p.review_on !== null || p.status === 'reviewed' ? 'request_rereview' : 'request_review';
  await applyPetitionAction(ctx, null, p, { action, reason: input.reason });
  return { action };
}
