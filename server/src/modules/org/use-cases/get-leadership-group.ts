import type { LeadershipGroup } from '../../../../../shared/contracts/org.ts';
import type { Db } from '../../../platform/db/schema.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { presentLeadershipGroups } from '../org.presenter.ts';
import { compositionsOf, findLeadershipGroupInScope } from '../org.repository.ts';

/** A leadership group with its composition, if its unit is in the actor's scope. */
export async function getLeadershipGroup(
  db: Db,
  actor: Actor,
  id: string,
): Promise<LeadershipGroup | undefined> {
  const row = await findLeadershipGroupInScope(db, actor, id);
  if (!row) return undefined;
  return presentLeadershipGroups(actor, [row], await compositionsOf(db, [row.id]))[0];
}
