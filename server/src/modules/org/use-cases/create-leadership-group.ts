import type { CreateLeadershipGroupInput, LeadershipGroup } from '../../../../../shared/contracts/org.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { groupSnapshot } from '../org.presenter.ts';
import { insertLeadershipGroup, replaceComposition, type UnitRow } from '../org.repository.ts';
import { checkGroupComposition } from './check-group-composition.ts';
import { getLeadershipGroup } from './get-leadership-group.ts';

/**
 * Sets up a leadership group (领导小组) of a unit in the actor's scope: one head, deputies,
 * members, the office (主任/副主任) and work groups with duties (domain: The organisation).
 * Audited as `leadership_group.create` with the composition.
 */
export async function createLeadershipGroup(
  ctx: Ctx,
  unit: UnitRow,
  input: CreateLeadershipGroupInput,
): Promise<LeadershipGroup> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated');
  await checkGroupComposition(ctx, input);
  const id = newId();
  await insertLeadershipGroup(ctx.db, {
    id,
    unit_id: unit.id,
    title: input.title,
    campaign: input.campaign || null,
    created_at: ctx.clock.now().toISOString(),
  });
  await replaceComposition(
    ctx.db,
    id,
    input.members,
    input.workGroups.map((w) => ({ ...w, id: newId() })),
  );
  const group = await getLeadershipGroup(ctx.db, actor, id);
  if (!group) throw new Error('leadership group vanished after insert');
  await recordAudit(ctx, {
    action: 'leadership_group.create',
    subjectType: 'leadership_group',
    subjectId: id,
    unitId: unit.id,
    after: groupSnapshot(group),
  });
  return group;
}
