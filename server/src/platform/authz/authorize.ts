import { forbidden } from '../http/app-error.ts';
import type { Actor, Role } from '../http/context.ts';

/** Whether the actor holds any of the roles. */
export function hasRole(actor: Pick<Actor, 'roles'>, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** Whether a unit (by materialised path) lies in the actor's subtree. */
export function inScope(actor: Pick<Actor, 'unitPath'>, unitPath: string): boolean {
  return unitPath.startsWith(actor.unitPath);
}

/** Throws 403 unless the policy allows: the record is already known to be in scope (ADR 0002). */
export function authorize(allowed: boolean, message?: string): void {
  if (!allowed) forbidden(message);
}
