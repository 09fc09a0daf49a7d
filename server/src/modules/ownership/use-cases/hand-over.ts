import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { AppError, forbidden } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import type { PetitionView } from '../../petitions/petitions.repository.ts';
import { canHandover } from '../ownership.policy.ts';
import { placeOfOwnership } from '../ownership.presenter.ts';
import { insertHandover, type OwnershipView, updateOwnership } from '../ownership.repository.ts';
import { addTimelineEntry } from '../ownership-timeline.ts';
import { checkOwnerCandidate } from './check-owner-candidate.ts';

/**
 * Hands an open owned case to another leader (the owner, or a leader of a unit above the owner's,
 * does it), recording who, to whom and why; the new owner must be a leader who may own it (see
 * checkOwnerCandidate). At the version read (409 version_conflict); on the timeline and audited
 * as `ownership.handover`. The plan, measures and progress stay with the case.
 */
export async function handOver(
  ctx: Ctx,
  actor: Actor,
  p: PetitionView,
  o: OwnershipView,
  input: { version: number; leaderId: string; reason: string },
) {
  const place = placeOfOwnership(p, o, []);
  if (!place.open) throw new AppError('invalid_transition', '本事项的包案结果已经记录，不能再移交。');
  if (!canHandover(actor, place))
    forbidden(`只有包案领导（${o.leader_name}）或其上级单位的领导可以移交包案。`);
  if (input.leaderId === o.leader_id)
    throw new AppError('validation_failed', `${o.leader_name}已经是本事项的包案领导，请选择另一位领导。`, {
      field: 'leaderId',
    });
  const leader = await checkOwnerCandidate(ctx, actor, p, input.leaderId);
  const now = ctx.clock.now().toISOString();
  if (!(await updateOwnership(ctx.db, p.id, input.version, { leader_id: leader.id, updated_at: now })))
    throw new AppError('version_conflict');
  await insertHandover(ctx.db, {
    id: newId(),
    petition_id: p.id,
    from_leader_id: o.leader_id,
    to_leader_id: leader.id,
    reason: input.reason,
    by_user_id: actor.userId,
    at: now,
  });
  await addTimelineEntry(ctx, actor, p.id, {
    action: 'ownership_handover',
    note: `由${o.leader_name}移交${leader.name}：${input.reason}`,
    data: { fromLeaderId: o.leader_id, toLeaderId: leader.id },
  });
  await recordAudit(ctx, {
    action: 'ownership.handover',
    subjectType: 'petition',
    subjectId: p.id,
    unitId: p.unit_id,
    before: { leaderId: o.leader_id, version: o.version },
    after: { leaderId: leader.id, version: input.version + 1, reason: input.reason },
  });
}
