import { hasRole } from '../authz/authorize.ts';
import type { Actor } from '../http/context.ts';

/** Configuring a unit's webhook endpoints (and reading its outbox): unit_admin and sysadmin, within their scope. */
export function canManageWebhooks(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, 'unit_admin', 'sysadmin');
}
