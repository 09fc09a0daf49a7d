import { recordAudit } from '../../../platform/audit/audit.ts';
import { hasRole } from '../../../platform/authz/authorize.ts';
import { AppError, forbidden } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { type PetitionView, touchPetition } from '../../petitions/petitions.repository.ts';
import { NOT_OWNABLE_STATUSES } from '../ownership.policy.ts';
import { findOwnership, insertOwnership } from '../ownership.repository.ts';
import { addTimelineEntry } from '../ownership-timeline.ts';
import { checkOwnerCandidate } from './check-owner-candidate.ts';

/**
 * A leader takes ownership of a visible case (领导包案), for themself or for a leader in their scope:
 * one owner per case (409 conflict when owned — a change of owner is a handover), not for a case
 * merged or linked into another (409); on the timeline and audited as `ownership.take`.
 */
export async function takeOwnership(ctx: Ctx, actor: Actor, p: PetitionView, input: { leaderId?: string }) {
  if (!hasRole(actor, 'leader')) forbidden('只有领导可以包案。');
  const now = ctx.clock.now();
  await touchPetition(ctx.db, p.id, now.toISOString());
  const existing = await findOwnership(ctx.db, p.id);
  if (existing)
    throw new AppError(
      'conflict',
      existing.open === 1
        ? `本事项已由${existing.leader_name}包案；如需更换包案领导，请办理移交。`
        : `本事项已由${existing.leader_name}包案并记录了结果，不能再次包案。`,
    );
  if (NOT_OWNABLE_STATUSES.includes(p.status))
    throw new AppError('invalid_transition', '本事项已并入或关联至另一事项，请对那一事项包案。');
  const leader = await checkOwnerCandidate(ctx, actor, p, input.leaderId ?? actor.userId);
  const today = chinaDate(now);
  await insertOwnership(ctx.db, {
    petition_id: p.id,
    leader_id: leader.id,
    open: 1,
    version: 1,
    demand: '',
    policy_basis: '',
    next_contact_on: null,
    last_progress_on: null,
    outcome_type: null,
    outcome_assistance_kind: null,
    outcome_amount: null,
    outcome_note: null,
    outcome_on: null,
    outcome_by: null,
    taken_on: today,
    taken_by: actor.userId,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
  await addTimelineEntry(ctx, actor, p.id, {
    action: 'ownership_take',
    note: leader.id === actor.userId ? `${leader.name}包案` : `指定${leader.name}包案`,
    data: { leaderId: leader.id, leaderName: leader.name },
  });
  await recordAudit(ctx, {
    action: 'ownership.take',
    subjectType: 'petition',
    subjectId: p.id,
    unitId: p.unit_id,
    after: { leaderId: leader.id, takenOn: today },
  });
}
