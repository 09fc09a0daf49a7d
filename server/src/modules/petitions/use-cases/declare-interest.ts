import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId, sm3Hex } from '../../../platform/crypto/ids.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import {
  hasInterest,
  insertEvent,
  insertInterest,
  type PetitionView,
  touchPetition,
} from '../petitions.repository.ts';

/**
 * Records the actor's own declared interest in a visible case (回避, 信访工作条例 Art 28 ¶3): from
 * then on they cannot be assigned it nor take any step on it. Once per person (409 conflict);
 * on the timeline (without the reason) and audited as `petition.declare_interest` (reason as SM3 only).
 */
export async function declareInterest(ctx: Ctx, actor: Actor, p: PetitionView, input: { reason: string }) {
  const now = ctx.clock.now().toISOString();
  await touchPetition(ctx.db, p.id, now);
  if (await hasInterest(ctx.db, p.id, actor.userId))
    throw new AppError('conflict', '您已经申报过与本事项的利害关系（回避）。');
  const id = newId();
  await insertInterest(ctx.db, {
    id,
    petition_id: p.id,
    user_id: actor.userId,
    reason: input.reason,
    created_at: now,
  });
  await insertEvent(ctx.db, {
    id: newId(),
    petition_id: p.id,
    action: 'declare_interest',
    at: now,
    happened_on: chinaDate(ctx.clock.now()),
    actor_id: actor.userId,
    actor_name: actor.name,
    actor_unit_id: actor.unitId,
    note: null,
    data_json: JSON.stringify({ userId: actor.userId, userName: actor.name }),
    document_id: null,
  });
  await recordAudit(ctx, {
    action: 'petition.declare_interest',
    subjectType: 'petition',
    subjectId: p.id,
    unitId: p.unit_id,
    after: { userId: actor.userId, interestId: id, reasonSm3: sm3Hex(input.reason) },
  });
}
