import type { Db } from '../../platform/db/schema.ts';
import './ownership.tables.ts';

// All SQL of the ownership module (领导包案).

/**
 * The leader who owns a case (包案领导; still that leader after the outcome is recorded), or undefined:
 * used by the receptions group-visit rule ("a case with an owning leader → that leader", domain.md).
 */
export async function findOwningLeader(
  db: Db,
  petitionId: string,
): Promise<{ userId: string; name: string } | undefined> {
  const row = await db
    .selectFrom('ownerships as o')
    .innerJoin('users as l', 'l.id', 'o.leader_id')
    .select(['l.id as userId', 'l.name as name'])
    .where('o.petition_id', '=', petitionId)
    .executeTakeFirst();
  return row ? { userId: row.userId, name: row.name } : undefined;
}
