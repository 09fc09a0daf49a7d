import type { PetitionAbilities } from '../../../../shared/contracts/petitions.ts';
import { hasRole } from '../../platform/authz/authorize.ts';
import type { Actor, Role } from '../../platform/http/context.ts';
import { checkTransition, type GuardFacts, type PetitionAction, type PetitionStatus } from './petition.ts';

// Who may see and act on a petition, as pure functions of (actor, petition). A petition reaches
// these functions only after the scope and confidentiality checks in SQL (the repository), so
// "the actor may see it" is already true; here only roles and the actor's place relative to the
// units of the case decide (in scope but not allowed → 403, ADR 0002).

/** Roles that read petition content; the administrators (and unit_admin alone) never do (petitions.md). */
export const PETITION_READ_ROLES: readonly Role[] = ['clerk', 'handler', 'leader', 'supervisor'];

/** Whether the actor reads petitions at all; everyone else gets 404 on every petition. */
export function canReadPetitions(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, ...PETITION_READ_ROLES);
}

/** Registering (登记) is the clerk's job; a leader may do everything a clerk can. */
export function canRegisterPetitions(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, 'clerk', 'leader');
}

/** Revealing an ID number or phone: roles that need to contact the petitioner (clerk, handler, leader). */
export function canRevealPersonal(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, 'clerk', 'handler', 'leader');
}

/** Adding attachments to a case: those who register and handle it (clerk, handler, leader), unless they declared an interest. */
export function canAttach(
  actor: Pick<Actor, 'roles' | 'userId'>,
  interestedUserIds: readonly string[],
): boolean {
  return hasRole(actor, 'clerk', 'handler', 'leader') && !interestedUserIds.includes(actor.userId);
}

/** The accuser's identity is for those handling the accusation, not for supervisors reading along. */
export function canSeeAccuserIdentity(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, 'clerk', 'handler', 'leader');
}

/** The query code is printed on receipts by those who register and decide: clerks and leaders. */
export function canSeeQueryCode(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, 'clerk', 'leader');
}

/** Reading the category dictionary: every staff role that registers, handles or supervises, and unit administrators. */
export function canReadCategories(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, 'clerk', 'handler', 'leader', 'supervisor', 'unit_admin', 'sysadmin');
}

/**
 * Editing the category dictionary, shared by the whole county tree: leaders and unit
 * administrators of a top-level unit (the county) only, so a village cannot change the county's list.
 */
export function canEditCategories(actor: Pick<Actor, 'roles' | 'unitPath'>): boolean {
  const topLevel = actor.unitPath.split('/').filter(Boolean).length === 1;
  return topLevel && hasRole(actor, 'leader', 'unit_admin');
}

/** What the policy needs to know of a case: its status and where it sits in the unit tree. */
export interface PetitionPlace {
  status: PetitionStatus;
  unitId: string;
  unitPath: string;
  senderUnitPath: string | null;
  handlingUnitPath: string | null;
  handlerId: string | null;
  coHandlerIds: readonly string[];
  reviewUnitId: string | null;
  rereviewUnitId: string | null;
  /** Staff who declared an interest (回避). */
  interestedUserIds: readonly string[];
}

function covers(actor: Pick<Actor, 'unitPath'>, path: string | null): boolean {
  return path?.startsWith(actor.unitPath) === true;
}

/**
 * Whether the actor's roles and unit allow the action on this case (the state is checked
 * separately): clerks and leaders decide at the unit that owns the case (accept, redirect,
 * transfer, reject, assign, close); the receiving unit itself objects to a transfer and the
 * sender (or a unit above it) decides the objection; the assigned handler or co-handler, or a
 * leader over the case, starts and answers; only a leader extends (approval, Art 34); the review
 * is decided at the unit one level above the answering unit and the re-review one level above
 * the reviewer, by their own clerks or leaders; anyone allowed to register may record a
 * petitioner's request for review or re-review; clerks and leaders over the registering unit link
 * a new registration into the same matter handled below (Art 19 ¶3), and merge a repeated
 * registration into the earlier case of the same matter. A user who declared an interest does
 * nothing (回避).
 */
export function mayAct(actor: Actor, action: PetitionAction, p: PetitionPlace): boolean {
  if (p.interestedUserIds.includes(actor.userId)) return false;
  const decider = hasRole(actor, 'clerk', 'leader');
  const leaderOver =
    hasRole(actor, 'leader') && (covers(actor, p.unitPath) || covers(actor, p.handlingUnitPath));
  const isHandler =
    hasRole(actor, 'handler', 'leader') &&
    (p.handlerId === actor.userId || p.coHandlerIds.includes(actor.userId));
  switch (action) {
    case 'accept':
    case 'redirect':
    case 'transfer':
    case 'reject':
    case 'assign':
    case 'close':
    case 'link':
    case 'merge':
      return decider && covers(actor, p.unitPath);
    case 'object':
      return decider && actor.unitId === p.unitId;
    case 'decide_objection':
      return decider && covers(actor, p.senderUnitPath);
    case 'start':
    case 'answer':
      return isHandler || leaderOver;
    case 'extend':
      return leaderOver;
    case 'request_review':
    case 'request_rereview':
      return decider;
    case 'review':
      return decider && p.reviewUnitId !== null && actor.unitId === p.reviewUnitId;
    case 'rereview':
    case 'finalize':
      return decider && p.rereviewUnitId !== null && actor.unitId === p.rereviewUnitId;
  }
}

/** The policy's refusal in Chinese, for the 403 of an action the actor may not take. */
export function refusalMessage(actor: Actor, action: PetitionAction, p: PetitionPlace): string {
  if (p.interestedUserIds.includes(actor.userId))
    return '您已申报与本事项有利害关系，应当回避，不能办理本事项（信访工作条例第28条）。';
  switch (action) {
    case 'object':
      return '只有收到转送的单位可以对转送提出异议。';
    case 'decide_objection':
      return '异议由转送单位作出决定。';
    case 'extend':
      return '延长办理期限须经领导批准，只有领导可以执行。';
    case 'start':
    case 'answer':
      return '只有本事项的经办人（主办、协办）或分管领导可以办理和答复。';
    case 'review':
      return '复查由作出处理意见单位的上一级单位办理。';
    case 'rereview':
    case 'finalize':
      return '复核由复查单位的上一级单位办理。';
    default:
      return '只有本单位的登记人员或领导可以执行该操作。';
  }
}

const ABILITY_OF: Record<PetitionAction, keyof PetitionAbilities> = {
  accept: 'accept',
  redirect: 'redirect',
  transfer: 'transfer',
  object: 'object',
  decide_objection: 'decideObjection',
  reject: 'reject',
  assign: 'assign',
  start: 'start',
  extend: 'extend',
  answer: 'answer',
  close: 'close',
  request_review: 'requestReview',
  review: 'review',
  request_rereview: 'requestRereview',
  rereview: 'rereview',
  finalize: 'finalize',
  link: 'link',
  merge: 'merge',
};

/**
 * The actions the web may offer on this case today: the state allows them, their guards hold
 * today (windows still open) and the policy lets the actor take them; plus reading rights.
 */
export function abilitiesFor(actor: Actor, p: PetitionPlace, facts: GuardFacts): PetitionAbilities {
  const out = {
    revealPersonal: canRevealPersonal(actor),
    downloadDocuments: canReadPetitions(actor),
    declareInterest: canReadPetitions(actor) && !p.interestedUserIds.includes(actor.userId),
    attach: canAttach(actor, p.interestedUserIds),
  } as PetitionAbilities;
  for (const [action, key] of Object.entries(ABILITY_OF) as Array<
    [PetitionAction, keyof PetitionAbilities]
  >) {
    out[key] = mayAct(actor, action, p) && checkTransition(p.status, action, facts).ok;
  }
  return out;
}
