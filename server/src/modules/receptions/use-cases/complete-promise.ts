import { recordAudit } from '../../../platform/audit/audit.ts';
import { authorize } from '../../../platform/authz/authorize.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import type { PetitionView } from '../../petitions/petitions.repository.ts';
import { insertEvent, touchPetition } from '../../petitions/petitions.repository.ts';
import { canRecordFieldVisits } from '../receptions.policy.ts';
import { findPromise, markPromiseDone } from '../receptions.repository.ts';

/**
 * Marks a field visit's promise done (承诺已兑现) on a case the actor sees: the promise of that
 * case (404), clerk/handler/leader (403), `on` not in the future (400), not already done (409
 * invalid_transition). Timeline entry on the case; audited.
 */
export async function completePromise(
  ctx: Ctx,
  actor: Actor,
  petition: PetitionView,
  promiseId: string,
  on: string | undefined,
) {
  const promise = await findPromise(ctx.db, petition.id, promiseId);
  if (!promise) throw new AppError('not_found', '找不到该承诺事项，请刷新页面后重试。');
  authorize(canRecordFieldVisits(actor), '只有登记人员、经办人或领导可以登记承诺兑现。');
  const today = chinaDate(ctx.clock.now());
  const doneOn = on ?? today;
  if (doneOn > today) throw new AppError('validation_failed', '兑现日期不能晚于今天。', { field: 'on' });
  if (!(await markPromiseDone(ctx.db, promise.id, doneOn, actor.userId)))
    throw new AppError('invalid_transition', '该承诺事项已登记为兑现，不能重复登记。');
  const at = ctx.clock.now().toISOString();
  await insertEvent(ctx.db, {
    id: newId(),
    petition_id: petition.id,
    action: 'promise_done',
    at,
    happened_on: doneOn,
    actor_id: actor.userId,
    actor_name: actor.name,
    actor_unit_id: actor.unitId,
    note: `承诺已兑现：${promise.text}（承诺期限 ${promise.due_on}）`,
    data_json: JSON.stringify({ promiseId: promise.id, fieldVisitId: promise.visit_id }),
    document_id: null,
  });
  await touchPetition(ctx.db, petition.id, at);
  await recordAudit(ctx, {
    action: 'field_visit.promise_done',
    subjectType: 'petition',
    subjectId: petition.id,
    unitId: petition.unit_id,
    before: { promiseId: promise.id, done: false },
    after: { promiseId: promise.id, done: true, doneOn },
  });
  return findPromise(ctx.db, petition.id, promise.id);
}
