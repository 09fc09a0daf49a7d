import { hasRole } from '../../platform/authz/authorize.ts';
import type { Actor } from '../../platform/http/context.ts';

// Who may do what with a case's ownership (领导包案), as pure functions. A case reaches these only
// after the scope and confidentiality checks in SQL, so "the actor may see it" is already true.

/** Where an owned (or not yet owned) case stands, as the rules need it. */
export interface OwnershipPlace {
  petitionStatus: string;
  owned: boolean;
  /** False once the outcome is recorded. */
  open: boolean;
  leaderId: string | null;
  leaderUnitPath: string | null;
  /** Users doing a measure of the plan. */
  assigneeIds: readonly string[];
}

type Who = Pick<Actor, 'userId' | 'unitPath' | 'roles'>;

/** Statuses whose matter lives on in another case (merged, linked): nobody takes ownership of them. */
export const NOT_OWNABLE_STATUSES: readonly string[] = ['merged', 'linked'];

/** Taking (or giving) ownership: a leader, of a case nobody owns yet that is not merged or linked into another. */
export function canTake(actor: Who, place: OwnershipPlace): boolean {
  return hasRole(actor, 'leader') && !place.owned && !NOT_OWNABLE_STATUSES.includes(place.petitionStatus);
}

/** Whether the actor owns the case. */
export function isOwner(actor: Who, place: OwnershipPlace): boolean {
  return place.owned && place.leaderId === actor.userId;
}

/** The plan (demand, policy basis, measures, next contact) is edited by the owning leader while open. */
export function canEditPlan(actor: Who, place: OwnershipPlace): boolean {
  return place.open && isOwner(actor, place);
}

/** Progress is recorded by the owning leader or by someone doing a measure, while open. */
export function canAddProgress(actor: Who, place: OwnershipPlace): boolean {
  return place.open && (isOwner(actor, place) || place.assigneeIds.includes(actor.userId));
}

/** The outcome is recorded once, by the owning leader. */
export function canRecordOutcome(actor: Who, place: OwnershipPlace): boolean {
  return place.open && isOwner(actor, place);
}

/** A handover is made by the owning leader or by a leader of a unit above the owner's, while open. */
export function canHandover(actor: Who, place: OwnershipPlace): boolean {
  if (!place.open || !hasRole(actor, 'leader')) return false;
  if (isOwner(actor, place)) return true;
  const path = place.leaderUnitPath;
  return path !== null && path !== actor.unitPath && path.startsWith(actor.unitPath);
}

/** Whose board the actor may read: their own, or a leader's in a unit of their subtree. */
export function canReadBoardOf(actor: Who, leader: { id: string; unitPath: string }): boolean {
  return leader.id === actor.userId || leader.unitPath.startsWith(actor.unitPath);
}

/** The abilities shown beside the ownership of a case. */
export function ownershipAbilities(actor: Who, place: OwnershipPlace) {
  const take = canTake(actor, place);
  return {
    take,
    assign: take,
    editPlan: canEditPlan(actor, place),
    addProgress: canAddProgress(actor, place),
    recordOutcome: canRecordOutcome(actor, place),
    handover: canHandover(actor, place),
  };
}
