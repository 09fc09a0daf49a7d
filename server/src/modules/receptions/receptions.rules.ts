import type { LeaderLevel } from '../../../../shared/contracts/receptions.ts';
import type { Db } from '../../platform/db/schema.ts';
import type { UnitRow } from '../org/org.repository.ts';
import { findOwningLeader } from '../ownership/ownership.repository.ts';
import { DEFAULT_GROUP_RULES, requiredLeaderLevel } from './receptions.policy.ts';
import { listGroupLeaders, listRulesOf } from './receptions.repository.ts';

// Which rules apply at a unit and which leader they name (domain.md Receptions: group visits).

/** The rules that apply at a unit: its own, else the nearest ancestor's, else the default. */
export interface EffectiveRules {
  principalFrom: number;
  deputyFrom: number;
  source: 'own' | 'inherited' | 'default';
  fromUnitId: string | null;
  fromUnitName: string | null;
}

/** The unit and its ancestors, nearest first, from its materialised path '/root/…/unit/'. */
export function lineOf(unit: Pick<UnitRow, 'path'>): string[] {
  return unit.path.split('/').filter(Boolean).reverse();
}

/** A unit's group-size rules, inherited from the nearest ancestor that has some (else 20 / 5). */
export async function effectiveRules(db: Db, unit: Pick<UnitRow, 'id' | 'path'>): Promise<EffectiveRules> {
  const line = lineOf(unit);
  const rows = await listRulesOf(db, line);
  for (const id of line) {
    const r = rows.find((x) => x.unit_id === id);
    if (r)
      return {
        principalFrom: Number(r.principal_from),
        deputyFrom: Number(r.deputy_from),
        source: id === unit.id ? 'own' : 'inherited',
        fromUnitId: id,
        fromUnitName: r.unit_name,
      };
  }
  return { ...DEFAULT_GROUP_RULES, source: 'default', fromUnitId: null, fromUnitName: null };
}

/** The leader a level names at a unit: the head (principal) or deputy of its — or the nearest ancestor's — leadership group. */
async function groupLeader(db: Db, unit: Pick<UnitRow, 'path'>, level: 'principal' | 'deputy') {
  const line = lineOf(unit);
  const rows = await listGroupLeaders(db, line, level === 'principal' ? 'head' : 'deputy');
  for (const id of line) {
    const mine = rows.filter((r) => r.unit_id === id);
    const pick = mine.find((r) => r.campaign === null) ?? mine[0];
    if (pick) return { userId: pick.user_id, name: pick.name };
  }
  return undefined;
}

/**
 * Who must receive a visit: a case with an owning leader → that leader ('owner'); otherwise the
 * unit's rules by group size, naming the principal or deputy from the leadership groups when known.
 */
export async function requiredLeaderFor(
  db: Db,
  unit: Pick<UnitRow, 'id' | 'path'>,
  peopleCount: number,
  petitionId: string | null,
): Promise<{ level: LeaderLevel; leader?: { userId: string; name: string }; rules: EffectiveRules }> {
  const rules = await effectiveRules(db, unit);
  const owner = petitionId ? await findOwningLeader(db, petitionId) : undefined;
  const level = requiredLeaderLevel(peopleCount, { owningLeaderId: owner?.userId, rules });
  if (owner) return { level, leader: owner, rules };
  const leader = level === 'principal' || level === 'deputy' ? await groupLeader(db, unit, level) : undefined;
  return { level, ...(leader ? { leader } : {}), rules };
}
