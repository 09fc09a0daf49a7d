import { hasRole } from '../../platform/authz/authorize.ts';
import type { Actor } from '../../platform/http/context.ts';

// Who may do what with the official calendar and the deadline settings, as pure functions. Reading the
// calendar needs only a session: deadlines and their warnings are shown to every staff member.

/** Entering or importing a year's holiday schedule changes every deadline: sysadmin only (ADR 0005). */
export function canImportCalendar(actor: Actor): boolean {
  return hasRole(actor, 'sysadmin');
}

/** A unit's deadline settings (overrides, simple track): sysadmin or unit_admin, for units in their scope. */
export function canEditDeadlineSettings(actor: Actor): boolean {
  return hasRole(actor, 'sysadmin', 'unit_admin');
}
