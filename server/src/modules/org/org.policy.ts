import { hasRole } from '../../platform/authz/authorize.ts';
import { type Actor, ADMIN_ROLES, type Role } from '../../platform/http/context.ts';

// Who may do what in the organisation module, as pure functions of (actor, record). Records
// reach these functions only after the scope check in SQL, so "in scope" is already true.

/** The kinds a unit may have below a parent of the given kind (null: a root). */
export const CHILD_KINDS: Record<string, readonly string[]> = {
  root: ['county'],
  county: ['township', 'department', 'office'],
  township: ['village', 'department', 'office'],
  village: ['office'],
  department: ['office'],
  office: [],
};

/** sysadmin and unit_admin manage the unit tree below their own unit. */
export function canManageUnits(actor: Actor): boolean {
  return hasRole(actor, 'sysadmin', 'unit_admin');
}

/** A unit may be renamed or reconfigured by sysadmin or a unit_admin above it, never its own root by a unit_admin. */
export function canEditUnit(actor: Actor, unit: { id: string }): boolean {
  if (hasRole(actor, 'sysadmin')) return true;
  return hasRole(actor, 'unit_admin') && unit.id !== actor.unitId;
}

/** A unit may get children when the actor manages units and its kind allows any (CHILD_KINDS). */
export function canCreateChildUnit(actor: Actor, unit: { kind: string }): boolean {
  return canManageUnits(actor) && (CHILD_KINDS[unit.kind]?.length ?? 0) > 0;
}

/** Whether a unit of this kind accepts online petitions unless told otherwise (issue 2: county, township, department). */
export function defaultAcceptsOnline(kind: string): boolean {
  return kind === 'county' || kind === 'township' || kind === 'department';
}

/** Creating, editing and disabling accounts: sysadmin, or unit_admin for non-administrators. */
export function canManageUsers(actor: Actor): boolean {
  return hasRole(actor, 'sysadmin', 'unit_admin', 'secadmin');
}

/** Whether the actor may change this account (name, unit, disabled, password reset). */
export function canEditUser(actor: Actor, target: { id: string; roles: readonly Role[] }): boolean {
  const targetIsAdmin = target.roles.some((r) => ADMIN_ROLES.includes(r));
  if (target.id === actor.userId) return false;
  if (targetIsAdmin) return hasRole(actor, 'secadmin');
  return hasRole(actor, 'sysadmin', 'unit_admin');
}

/**
 * Which roles the actor may grant or revoke: sysadmin and unit_admin the ordinary roles, only
 * secadmin the administrator roles sysadmin, secadmin and auditor (api-contract: Organisation).
 */
export function grantableRoles(actor: Actor): Role[] {
  const ordinary: Role[] = ['clerk', 'handler', 'leader', 'supervisor', 'unit_admin'];
  const out = new Set<Role>();
  if (hasRole(actor, 'sysadmin')) for (const r of ordinary) out.add(r);
  if (hasRole(actor, 'unit_admin')) for (const r of ordinary) if (r !== 'unit_admin') out.add(r);
  if (hasRole(actor, 'secadmin')) for (const r of [...ordinary, ...ADMIN_ROLES]) out.add(r);
  return [...out];
}

/**
 * The roles a change from `before` to `after` adds or removes that the actor may not grant: a
 * change is allowed only when this is empty (only secadmin touches sysadmin, secadmin, auditor).
 */
export function ungrantableChanges(actor: Actor, before: readonly Role[], after: readonly Role[]): Role[] {
  const grantable = new Set(grantableRoles(actor));
  const changed = [...after.filter((r) => !before.includes(r)), ...before.filter((r) => !after.includes(r))];
  return changed.filter((r) => !grantable.has(r));
}

/**
 * Whether the actor may change this account's roles at all: never their own, an administrator's
 * only as secadmin, otherwise whoever may grant some role.
 */
export function canChangeRoles(actor: Actor, target: { id: string; roles: readonly Role[] }): boolean {
  if (target.id === actor.userId) return false;
  if (target.roles.some((r) => ADMIN_ROLES.includes(r)) && !hasRole(actor, 'secadmin')) return false;
  return grantableRoles(actor).length > 0;
}

/** Unlocking an account locked after failed logins: secadmin (security policy) or sysadmin. */
export function canUnlockUser(actor: Actor): boolean {
  return hasRole(actor, 'secadmin', 'sysadmin');
}

/** No account holds two of the three administrator roles (等保 三员分立). */
export function violatesSeparation(roles: readonly Role[]): boolean {
  return roles.filter((r) => ADMIN_ROLES.includes(r)).length > 1;
}

/** A lost authenticator (TOTP) is reset by the security administrator, never by the user's own hand. */
export function canResetSecondFactor(actor: Actor, target: { id: string }): boolean {
  return hasRole(actor, 'secadmin') && target.id !== actor.userId;
}

/** Leadership groups (领导小组) are organisation data kept by sysadmin, unit_admin and leaders. */
export function canManageLeadershipGroups(actor: Actor): boolean {
  return hasRole(actor, 'sysadmin', 'unit_admin', 'leader');
}

/** The auditor, and only the auditor, reads the audit trail. */
export function canReadAudit(actor: Actor): boolean {
  return hasRole(actor, 'auditor');
}

/** What the actor may use, sent with /api/v1/me so the menu never re-derives permissions. */
export function menuAbilities(actor: Actor) {
  return {
    manageUnits: canManageUnits(actor),
    manageUsers: canManageUsers(actor),
    grantableRoles: grantableRoles(actor),
    manageLeadershipGroups: canManageLeadershipGroups(actor),
    readAudit: canReadAudit(actor),
    /** The petitions worklist and case pages: the roles that work petitions (admin roles never read them). */
    petitions: hasRole(actor, 'clerk', 'handler', 'leader', 'supervisor'),
    /** Registering petitions (登记): clerks and leaders. */
    registerPetitions: hasRole(actor, 'clerk', 'leader'),
    /** Entering or importing the holiday schedule (节假日安排): sysadmin (ADR 0005). */
    manageCalendar: hasRole(actor, 'sysadmin'),
  };
}
export type MenuAbilities = ReturnType<typeof menuAbilities>;
