import type { LeadershipGroup, LeadershipGroupComposition } from '../../../../../shared/contracts/org.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { groupSnapshot } from '../org.presenter.ts';
import { replaceComposition, updateLeadershipGroup as writeGroup } from '../org.repository.ts';
import { checkGroupComposition } from './check-group-composition.ts';
import { getLeadershipGroup } from './get-leadership-group.ts';

/**
 * Replaces the title, campaign, members and work groups of a leadership group under the same
 * rules as creating one; a work group sent with its id keeps it. Audited as
 * `leadership_group.update` with before/after.
 */
export async function updateLeadershipGroup(
  ctx: Ctx,
  before: LeadershipGroup,
  input: LeadershipGroupComposition,
): Promise<LeadershipGroup> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated');
  await checkGroupComposition(ctx, input);
  await writeGroup(ctx.db, before.id, { title: input.title, campaign: input.campaign || null });
  const kept = new Set(before.workGroups.map((w) => w.id));
  await replaceComposition(
    ctx.db,
    before.id,
    input.members,
    input.workGroups.map((w) => ({ ...w, id: w.id && kept.has(w.id) ? w.id : newId() })),
  );
  const after = await getLeadershipGroup(ctx.db, actor, before.id);
  if (!after) throw new Error('leadership group vanished during update');
  await recordAudit(ctx, {
    action: 'leadership_group.update',
    subjectType: 'leadership_group',
    subjectId: before.id,
    unitId: before.unitId,
    before: groupSnapshot(before),
    after: groupSnapshot(after),
  });
  return after;
}
