import { newId } from '../../platform/crypto/ids.ts';
import type { Actor, Ctx } from '../../platform/http/context.ts';
import { chinaDate } from '../../platform/jobs/china-time.ts';
import { insertEvent, touchPetition } from '../petitions/petitions.repository.ts';

/** Timeline entries of the ownership module (labels in petitions' ACTION_LABELS). */
export type OwnershipEventAction =
  | 'ownership_take'
  | 'ownership_handover'
  | 'ownership_plan'
  | 'ownership_progress'
  | 'ownership_outcome';

/**
 * Puts an ownership step on the case's timeline; touches the case first so that, on PostgreSQL,
 * concurrent steps on one case queue on its row and never take the same timeline number.
 */
export async function addTimelineEntry(
  ctx: Ctx,
  actor: Actor,
  petitionId: string,
  entry: { action: OwnershipEventAction; on?: string; note?: string | null; data?: unknown },
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await touchPetition(ctx.db, petitionId, now);
  await insertEvent(ctx.db, {
    id: newId(),
    petition_id: petitionId,
    action: entry.action,
    at: now,
    happened_on: entry.on ?? chinaDate(ctx.clock.now()),
    actor_id: actor.userId,
    actor_name: actor.name,
    actor_unit_id: actor.unitId,
    note: entry.note ?? null,
    data_json: entry.data === undefined ? null : JSON.stringify(entry.data),
    document_id: null,
  });
}
