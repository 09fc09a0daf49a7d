import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId, sm3Hex } from '../../../platform/crypto/ids.ts';
import { AppError, forbidden } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import type { PetitionView } from '../../petitions/petitions.repository.ts';
import { canAddProgress } from '../ownership.policy.ts';
import { placeOfOwnership } from '../ownership.presenter.ts';
import { insertProgress, listMeasures, type OwnershipView } from '../ownership.repository.ts';
import { addTimelineEntry } from '../ownership-timeline.ts';

/**
 * A dated progress entry on an owned case, by the owning leader or someone doing one of its
 * measures, while open: dated neither in the future nor before the case was taken (400); on the
 * timeline and audited as `ownership.progress_add` (text as SM3 only).
 */
export async function addProgress(
  ctx: Ctx,
  actor: Actor,
  p: PetitionView,
  o: OwnershipView,
  input: { on: string; text: string },
): Promise<string> {
  const measures = await listMeasures(ctx.db, p.id);
  const place = placeOfOwnership(
    p,
    o,
    measures.map((m) => m.assignee_id),
  );
  if (!place.open) throw new AppError('invalid_transition', '本事项的包案结果已经记录，不能再添加进展。');
  if (!canAddProgress(actor, place))
    forbidden(`只有包案领导（${o.leader_name}）或措施责任人可以记录包案进展。`);
  const today = chinaDate(ctx.clock.now());
  if (input.on > today)
    throw new AppError('validation_failed', `进展日期不能晚于今天（${today}）。`, { field: 'on' });
  if (input.on < o.taken_on)
    throw new AppError('validation_failed', `进展日期不能早于包案日期（${o.taken_on}）。`, { field: 'on' });
  const id = newId();
  await insertProgress(ctx.db, {
    id,
    petition_id: p.id,
    on_date: input.on,
    text: input.text,
    author_id: actor.userId,
    created_at: ctx.clock.now().toISOString(),
  });
  await addTimelineEntry(ctx, actor, p.id, { action: 'ownership_progress', on: input.on, note: input.text });
  await recordAudit(ctx, {
    action: 'ownership.progress_add',
    subjectType: 'petition',
    subjectId: p.id,
    unitId: p.unit_id,
    after: { progressId: id, on: input.on, textSm3: sm3Hex(input.text) },
  });
  return id;
}
