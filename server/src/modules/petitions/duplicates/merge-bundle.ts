import type { Actor, Ctx } from '../../../platform/http/context.ts';
import type { CaseBundle } from '../petitions.presenter.ts';
import { findVisiblePetition, type PetitionView } from '../petitions.repository.ts';
import { mergedFrom, petitionersOfMerged } from './duplicates.repository.ts';

/**
 * What the case page shows of merging: on a merged case the case it joined (when the actor may
 * see it), on a target the repeated registrations merged into it that the actor may see, each
 * with its petitioners — one file for the matter, the history of every registration kept.
 */
export async function loadMergeBundle(
  ctx: Ctx,
  actor: Actor,
  p: PetitionView,
): Promise<Pick<CaseBundle, 'mergedInto' | 'mergedFrom'>> {
  const into = p.merged_into_id ? await findVisiblePetition(ctx.db, actor, p.merged_into_id) : undefined;
  const from = await mergedFrom(ctx.db, actor, p.id);
  const people = await petitionersOfMerged(
    ctx.db,
    from.map((m) => m.id),
  );
  return {
    ...(into ? { mergedInto: into } : {}),
    mergedFrom: from.map((m) => ({ ...m, petitioners: people.filter((x) => x.petition_id === m.id) })),
  };
}
