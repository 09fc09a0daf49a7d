import { hasRole, inScope } from '../../platform/authz/authorize.ts';
import type { Actor } from '../../platform/http/context.ts';
import type { NoticeView } from './supervision.repository.ts';

// Who may do what with supervision notices, as pure functions; the notice has passed the read
// check in SQL already (case visible and notice in scope or issued to the actor).

/** Reading notices: supervisors and leaders (and the leader a notice is issued to). */
export function canReadNotices(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, 'supervisor', 'leader');
}

/** Issuing a notice by hand, closing one and starting a sweep: supervisors. */
export function canSupervise(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, 'supervisor');
}

/** Replying in writing: the leader it is issued to, or a leader of the responsible unit when it names nobody. */
export function canReply(actor: Pick<Actor, 'roles' | 'userId' | 'unitPath'>, n: NoticeView): boolean {
  if (n.status !== 'open') return false;
  if (n.issued_to) return n.issued_to === actor.userId;
  return hasRole(actor, 'leader') && inScope(actor, n.responsible_unit_path);
}

/** Closing (办结): a supervisor whose scope holds the issuing unit, once the notice is open or answered. */
export function canClose(actor: Pick<Actor, 'roles' | 'unitPath'>, n: NoticeView): boolean {
  return (
    (n.status === 'open' || n.status === 'replied') &&
    canSupervise(actor) &&
    inScope(actor, n.issuing_unit_path)
  );
}

/** Changing the supervision settings of a unit: unit_admin and sysadmin in scope; the global row: sysadmin. */
export function canEditSettings(actor: Pick<Actor, 'roles'>, global: boolean): boolean {
  return global ? hasRole(actor, 'sysadmin') : hasRole(actor, 'unit_admin', 'sysadmin');
}
