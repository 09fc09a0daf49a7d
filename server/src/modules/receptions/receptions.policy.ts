import type { LeaderLevel } from '../../../../shared/contracts/receptions.ts';
import { hasRole } from '../../platform/authz/authorize.ts';
import type { Actor } from '../../platform/http/context.ts';

/** Group-size rules for who must receive a visit (domain.md "Receptions": 20+ principal, 5–19 deputy). */
export const DEFAULT_GROUP_RULES = { principalFrom: 20, deputyFrom: 5 } as const;

/**
 * The leader level a visit requires: a case with an owning leader → 'owner'; else by group size,
 * 20 or more → 'principal' (主要领导), 5–19 → 'deputy' (分管领导), fewer → 'none' (domain.md "Group visits").
 */
export function requiredLeaderLevel(
  peopleCount: number,
  opts: { owningLeaderId?: string | null; rules?: { principalFrom: number; deputyFrom: number } } = {},
): LeaderLevel {
  if (opts.owningLeaderId) return 'owner';
  const rules = opts.rules ?? DEFAULT_GROUP_RULES;
  if (peopleCount >= rules.principalFrom) return 'principal';
  if (peopleCount >= rules.deputyFrom) return 'deputy';
  return 'none';
}

/** Who schedules slots, books by phone and logs visits in scope: clerk, leader, unit_admin. */
export function canManageReceptions(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, 'clerk', 'leader', 'unit_admin');
}

/** Who reads slots, appointments and the reception log in scope: the managers plus handler and supervisor. */
export function canReadReceptions(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, 'clerk', 'leader', 'unit_admin', 'handler', 'supervisor');
}

/** Who sets a unit's group-size rules in scope: the unit's administrators (unit_admin, sysadmin). */
export function canEditReceptionRules(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, 'unit_admin', 'sysadmin');
}

/** Who reads the rules: whoever reads receptions, and the administrators who edit them. */
export function canReadReceptionRules(actor: Pick<Actor, 'roles'>): boolean {
  return canReadReceptions(actor) || canEditReceptionRules(actor);
}

/** Who records field visits (下访/带案下访/上门走访) and their promises on a visible case: clerk, handler, leader. */
export function canRecordFieldVisits(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, 'clerk', 'handler', 'leader');
}

/** A joint reception has exactly one lead unit, the visit's own, and no unit twice; the Chinese problem or null. */
export function jointUnitsProblem(
  visitUnitId: string,
  units: readonly { unitId: string; role: 'lead' | 'co' }[],
): string | null {
  const leads = units.filter((u) => u.role === 'lead');
  const lead = leads[0];
  if (!lead || leads.length !== 1) return '联合接访须有且只有一个牵头单位（role 为 lead）。';
  if (lead.unitId !== visitUnitId) return '联合接访的牵头单位应是登记接访的单位（unitId）。';
  if (new Set(units.map((u) => u.unitId)).size !== units.length) return '联合接访的单位不能重复。';
  return null;
}
