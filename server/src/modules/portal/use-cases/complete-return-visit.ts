import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId, sm3Hex } from '../../../platform/crypto/ids.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { insertEvent, touchPetition } from '../../petitions/petitions.repository.ts';
import { RETURN_VISIT_OUTCOME_LABELS } from '../portal.presenter.ts';
import { completeReturnVisit as markDone, type ReturnVisitRow } from '../portal.repository.ts';

/**
 * Records the outcome of a return visit (回访) already loaded in the actor's scope, in the
 * caller's transaction: 409 invalid_transition when it is done already (also when another
 * request finished it first); the outcome goes on the case's timeline (回访) and into the audit
 * trail as `return_visit.complete` (the note only as its SM3 hash).
 */
export async function completeReturnVisit(
  ctx: Ctx,
  actor: Actor,
  visit: ReturnVisitRow,
  input: { outcome: string; note: string },
): Promise<void> {
  const done = () =>
    new AppError(
      'invalid_transition',
      '该回访任务已经完成，不能重复记录；如需补充，请在信访事项中添加说明。',
    );
  if (visit.status !== 'open') throw done();
  const now = ctx.clock.now().toISOString();
  const ok = await markDone(ctx.db, visit.id, {
    outcome: input.outcome,
    note: input.note,
    completed_by: actor.userId,
    completed_at: now,
  });
  if (!ok) throw done();
  await touchPetition(ctx.db, visit.petition_id, now);
  await insertEvent(ctx.db, {
    id: newId(),
    petition_id: visit.petition_id,
    action: 'return_visit',
    at: now,
    happened_on: chinaDate(ctx.clock.now()),
    actor_id: actor.userId,
    actor_name: actor.name,
    actor_unit_id: actor.unitId,
    note: input.note,
    data_json: JSON.stringify({
      returnVisitId: visit.id,
      outcome: input.outcome,
      outcomeLabel: RETURN_VISIT_OUTCOME_LABELS[input.outcome] ?? input.outcome,
    }),
    document_id: null,
  });
  await recordAudit(ctx, {
    action: 'return_visit.complete',
    subjectType: 'return_visit',
    subjectId: visit.id,
    unitId: visit.unit_id,
    before: { status: 'open' },
    after: {
      status: 'done',
      petitionId: visit.petition_id,
      outcome: input.outcome,
      noteSm3: sm3Hex(input.note),
    },
  });
}
