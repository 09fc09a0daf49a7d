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
