import type { Db } from '../../platform/db/schema.ts';

/**
 * The leader who owns a case (领导包案), for the rule "a case with an owning leader → that leader"
 * (domain.md Receptions). Case ownership is not available yet: no case has an owning leader.
 */
export async function owningLeaderOf(
  _db: Db,
  _petitionId: string,
): Promise<{ userId: string; name: string } | undefined> {
  return undefined;
}
