import { addCalendarDays } from '../../../../shared/calendar/dates.ts';
import type { DeadlineView, Petition, PetitionListItem } from '../../../../shared/contracts/petitions.ts';
import { type DeadlineKind, describeFlag } from '../../../../shared/deadlines/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { deadlineStatusOn } from './case-deadlines.ts';
import type { PetitionDocument } from './documents/index.ts';
import { maskName } from './personal-data.ts';
import {
  ACTION_LABELS,
  type GuardFacts,
  type PetitionStatus,
  STATUS_LABELS,
  type TimelineAction,
} from './petition.ts';
import { abilitiesFor, canSeeAccuserIdentity, type PetitionPlace } from './petitions.policy.ts';
import type { PetitionListRow, PetitionView } from './petitions.repository.ts';
import type { PetitionDeadlinesTable, PetitionEventsTable, PetitionersTable } from './petitions.tables.ts';

// Rows → wire shapes (camelCase) with the caller's abilities. ID numbers and phones leave the
// server only in their masked forms; the plaintext is returned by the audited reveal alone.

/** The statutory channels of 诉访分离 in Chinese, with the organ each leads to. */
export const REDIRECT_ROUTE_LABELS: Record<string, string> = {
  litigation: '诉讼（人民法院）',
  arbitration: '仲裁（劳动人事争议或其他仲裁机构）',
  reconsideration: '行政复议（行政复议机关）',
  party_procedure: '党内程序（党组织、纪检监察机关）',
  other: '其他法定途径',
};

/** Chinese names of the channels (来信, 来访 …). */
export const CHANNEL_LABELS: Record<string, string> = {
  letter: '来信',
  visit: '来访',
  phone: '来电',
  online: '网上信访',
  transfer: '转送交办',
};

/** The decisions of a 处理意见书 (Art 32) in Chinese. */
export const ANSWER_DECISION_LABELS: Record<string, string> = {
  support: '支持',
  explain: '解释说明',
  not_support: '不予支持',
};

/** When the next duty deadline counts as due soon: within this many days. */
export const DUE_SOON_DAYS = 3;

/** The fallback name of the reviewing organ when the system has no parent unit. */
export const HIGHER_ORGAN = '上一级机关';

/** Everything a case page shows, loaded by the use case. */
export interface CaseBundle {
  p: PetitionView;
  petitioners: readonly PetitionersTable[];
  events: readonly PetitionEventsTable[];
  deadlines: readonly PetitionDeadlinesTable[];
  coHandlers: ReadonlyArray<{ user_id: string; name: string }>;
  interests: ReadonlyArray<{ user_id: string; name: string; created_at: string }>;
  /** The official documents issued so far. */
  documents: readonly PetitionDocument[];
  attachments: ReadonlyArray<Petition['attachments'][number]>;
  unitNames: ReadonlyMap<string, string>;
  userNames: ReadonlyMap<string, string>;
  /** The unit one level above the answering unit (where to ask for review), if any. */
  reviewUnitName: string | null;
  /** The unit one level above the reviewing unit (where to ask for re-review), if any. */
  rereviewUnitName: string | null;
  /** The decrypted query code, only for actors who may see it. */
  queryCode: string | null;
  /** On a merged case: the case it joined, when the actor may see it. */
  mergedInto?: Pick<PetitionView, 'id' | 'number' | 'unit_name' | 'status'>;
  /** Repeated registrations merged into this case that the actor may see, with their petitioners. */
  mergedFrom?: ReadonlyArray<{
    id: string;
    number: string;
    received_on: string;
    classification: string;
    petitioners: readonly PetitionersTable[];
  }>;
  /** On a linked case: the case it joined, when the actor may see it. */
  linkedInto?: Pick<PetitionView, 'id' | 'number' | 'unit_name' | 'status' | 'next_due' | 'next_due_kind'>;
  today: string;
}

/** A stored deadline as the API shows it today. */
export function presentDeadline(d: PetitionDeadlinesTable, today: string): DeadlineView {
  return {
    kind: d.kind as DeadlineKind,
    due: d.due,
    rule: d.rule,
    ruleId: d.rule_id,
    label: d.label,
    start: d.start_on,
    flags: JSON.parse(d.flags_json) as string[],
    status: deadlineStatusOn({ status: d.status as 'open' | 'met', due: d.due }, today),
    ...(d.met_on ? { metOn: d.met_on } : {}),
    duty: ['acceptance', 'handling', 'review', 'rereview'].includes(d.kind),
  };
}

/** The Chinese warnings for deadlines still open that rest on years without a holiday schedule. */
export function calendarWarningsOf(deadlines: readonly PetitionDeadlinesTable[]): string[] {
  const flags = new Set<string>();
  for (const d of deadlines) {
    if (d.status !== 'open') continue;
    for (const f of JSON.parse(d.flags_json) as string[]) flags.add(f);
  }
  return [...flags].sort().map(describeFlag);
}

/** Where the case sits for the policy. */
export function placeOf(
  p: PetitionView,
  coHandlerIds: readonly string[],
  interestedUserIds: readonly string[],
): PetitionPlace {
  return {
    status: p.status as PetitionStatus,
    unitId: p.unit_id,
    unitPath: p.unit_path,
    senderUnitPath: p.status === 'transferred' || p.status === 'objected' ? p.sender_unit_path : null,
    handlingUnitPath: p.handling_unit_path,
    handlerId: p.handler_id,
    coHandlerIds,
    reviewUnitId: p.review_unit_id,
    rereviewUnitId: p.rereview_unit_id,
    interestedUserIds,
  };
}

/** The guard facts of a case on a day (`on`), from its row and stored deadlines. */
export function guardFactsOf(
  p: Pick<PetitionView, 'extended_days' | 'objection_raised' | 'review_on' | 'rereview_on'>,
  deadlines: readonly Pick<PetitionDeadlinesTable, 'kind' | 'due'>[],
  on: string,
): GuardFacts {
  const due: GuardFacts['due'] = {};
  for (const d of deadlines) {
    if (
      d.kind === 'objection' ||
      d.kind === 'handling' ||
      d.kind === 'review_request' ||
      d.kind === 'rereview_request'
    )
      due[d.kind] = d.due;
  }
  return {
    on,
    extended: p.extended_days !== null,
    objectionRaised: p.objection_raised === 1,
    reviewedOn: p.review_on,
    rereviewedOn: p.rereview_on,
    due,
  };
}

/** The sentence the answer gives about review: the last day and the organ (Art 35). */
export function reviewNotice(due: string | null, unitName: string): string {
  const when = due ? `自收到本处理意见之日起30日内（最迟于${due}）` : '自收到本处理意见之日起30日内';
  return `如对本处理意见不服，可以${when}向${unitName}请求复查。`;
}

function dueOf(b: CaseBundle, kind: DeadlineKind): string | null {
  return b.deadlines.find((d) => d.kind === kind)?.due ?? null;
}

/**
 * Timeline entries the actor may see: a `merged_from` entry only when the actor may see the merged
 * registration (listed in mergedFrom), so that an accusation merged into a case never reaches the
 * accused through that case's timeline.
 */
function mergedFromShown(b: CaseBundle) {
  const visible = new Set((b.mergedFrom ?? []).map((m) => m.id));
  return (e: PetitionEventsTable) =>
    e.action !== 'merged_from' ||
    visible.has((JSON.parse(e.data_json ?? '{}') as { fromId?: string }).fromId ?? '');
}

/** A case as the API shows it to the actor: masked personal data, timeline, deadlines and abilities. */
export function presentPetition(actor: Actor, b: CaseBundle): Petition {
  const { p } = b;
  const unitName = (id: string | null) => (id ? (b.unitNames.get(id) ?? '') : null);
  const accuserHidden = p.classification === 'accusation' && !canSeeAccuserIdentity(actor);
  const place = placeOf(
    p,
    b.coHandlers.map((c) => c.user_id),
    b.interests.map((i) => i.user_id),
  );
  const reviewUnitName = b.reviewUnitName ?? HIGHER_ORGAN;
  const out: Petition = {
    id: p.id,
    number: p.number,
    unitId: p.unit_id,
    unitName: p.unit_name,
    channel: p.channel as Petition['channel'],
    classification: p.classification as Petition['classification'],
    category: p.category_name,
    categoryId: p.category_id,
    title: p.title,
    content: p.content,
    demands: p.demands,
    peopleCount: p.people_count,
    receivedOn: p.received_on,
    status: p.status as PetitionStatus,
    statusLabel: STATUS_LABELS[p.status as PetitionStatus] ?? p.status,
    queryCode: b.queryCode,
    simpleTrack: p.simple_track === 1,
    petitioners: b.petitioners.map((x) => ({
      id: x.id,
      name: accuserHidden ? maskName(x.name) : x.name,
      idNumber: x.id_number_masked,
      phone: x.phone_masked,
      address: accuserHidden ? null : x.address,
      isRepresentative: x.is_representative === 1,
    })),
    handlerId: p.handler_id,
    handlerName: p.handler_id ? (b.userNames.get(p.handler_id) ?? null) : null,
    handlingUnitId: p.handling_unit_id,
    handlingUnitName: unitName(p.handling_unit_id),
    coHandlers: [
      ...(p.handler_id
        ? [{ userId: p.handler_id, name: b.userNames.get(p.handler_id) ?? '', role: 'lead' as const }]
        : []),
      ...b.coHandlers.map((c) => ({ userId: c.user_id, name: c.name, role: 'assist' as const })),
    ],
    opinion: p.opinion,
    instruction: p.instruction,
    extendedDays: p.extended_days,
    deadlines: b.deadlines.map((d) => presentDeadline(d, b.today)),
    calendarWarnings: calendarWarningsOf(b.deadlines),
    events: b.events.filter(mergedFromShown(b)).map((e) => {
      const data = e.data_json ? (JSON.parse(e.data_json) as Record<string, unknown>) : undefined;
      return {
        id: e.id,
        at: e.at,
        on: e.happened_on,
        action: e.action,
        label: ACTION_LABELS[e.action as TimelineAction] ?? e.action,
        actorName: e.actor_name,
        ...(e.note ? { note: e.note } : {}),
        ...(data ? { data } : {}),
        ...(e.document_id ? { documentId: e.document_id } : {}),
      };
    }),
    documents: b.documents.map((d) => ({ ...d })),
    attachments: [...b.attachments],
    mergedFrom: (b.mergedFrom ?? []).map((m) => {
      const hidden = m.classification === 'accusation' && !canSeeAccuserIdentity(actor);
      return {
        id: m.id,
        number: m.number,
        receivedOn: m.received_on,
        petitioners: m.petitioners.map((x) => ({
          id: x.id,
          name: hidden ? maskName(x.name) : x.name,
          idNumber: x.id_number_masked,
          phone: x.phone_masked,
        })),
      };
    }),
    interests: b.interests.map((i) => ({ userId: i.user_id, name: i.name, declaredAt: i.created_at })),
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    abilities: abilitiesFor(actor, place, guardFactsOf(p, b.deadlines, b.today)),
  };
  if (p.classification === 'accusation') {
    out.accused = {
      unitId: p.accused_unit_id,
      unitName: unitName(p.accused_unit_id),
      userId: p.accused_user_id,
      name: p.accused_name,
    };
  }
  if (place.senderUnitPath !== null && p.sender_unit_id) {
    out.sender = { unitId: p.sender_unit_id, unitName: unitName(p.sender_unit_id) ?? '' };
  }
  if (p.redirect_route) {
    out.redirect = {
      on: p.last_on,
      route: p.redirect_route as NonNullable<Petition['redirect']>['route'],
      routeLabel: REDIRECT_ROUTE_LABELS[p.redirect_route] ?? p.redirect_route,
      note: p.redirect_note ?? '',
    };
  }
  if (b.linkedInto) {
    const t = b.linkedInto;
    out.linkedInto = {
      id: t.id,
      number: t.number,
      unitName: t.unit_name,
      status: t.status as PetitionStatus,
      statusLabel: STATUS_LABELS[t.status as PetitionStatus] ?? t.status,
      nextDue:
        t.next_due && t.next_due_kind ? { kind: t.next_due_kind as DeadlineKind, due: t.next_due } : null,
    };
  }
  if (b.mergedInto) {
    const t = b.mergedInto;
    out.mergedInto = {
      id: t.id,
      number: t.number,
      unitName: t.unit_name,
      status: t.status as PetitionStatus,
      statusLabel: STATUS_LABELS[t.status as PetitionStatus] ?? t.status,
    };
  }
  if (p.rejection_reason) out.rejection = { on: p.last_on, reason: p.rejection_reason };
  if (p.answer_on && p.answer_decision && p.answer_unit_id) {
    const due = dueOf(b, 'review_request');
    out.answer = {
      on: p.answer_on,
      decision: p.answer_decision as NonNullable<Petition['answer']>['decision'],
      decisionLabel: ANSWER_DECISION_LABELS[p.answer_decision] ?? p.answer_decision,
      text: p.answer_text ?? '',
      facts: p.answer_facts,
      reasons: p.answer_reasons,
      legalBasis: p.answer_legal_basis,
      unitId: p.answer_unit_id,
      unitName: unitName(p.answer_unit_id) ?? '',
      reviewRequestDue: due,
      reviewUnitName,
      reviewNotice: reviewNotice(due, reviewUnitName),
    };
  }
  if (p.review_requested_on && p.review_unit_id) {
    out.review = {
      requestedOn: p.review_requested_on,
      reason: p.review_request_reason ?? '',
      unitId: p.review_unit_id,
      unitName: unitName(p.review_unit_id) ?? '',
      on: p.review_on,
      decision: p.review_decision as NonNullable<Petition['review']>['decision'],
      text: p.review_text,
      rereviewRequestDue: p.review_on ? dueOf(b, 'rereview_request') : null,
      rereviewUnitName: p.review_on ? (b.rereviewUnitName ?? HIGHER_ORGAN) : null,
    };
  }
  if (p.rereview_requested_on && p.rereview_unit_id) {
    out.rereview = {
      requestedOn: p.rereview_requested_on,
      reason: p.rereview_request_reason ?? '',
      unitId: p.rereview_unit_id,
      unitName: unitName(p.rereview_unit_id) ?? '',
      on: p.rereview_on,
      decision: p.rereview_decision as NonNullable<Petition['rereview']>['decision'],
      text: p.rereview_text,
    };
  }
  return out;
}

/** A row of the case list, with the deadline colours of today. */
export function presentListItem(r: PetitionListRow, today: string): PetitionListItem {
  const soon = addCalendarDays(today, DUE_SOON_DAYS);
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    unitId: r.unit_id,
    unitName: r.unit_name,
    channel: r.channel as PetitionListItem['channel'],
    classification: r.classification as PetitionListItem['classification'],
    category: r.category_name,
    status: r.status as PetitionStatus,
    statusLabel: STATUS_LABELS[r.status as PetitionStatus] ?? r.status,
    receivedOn: r.received_on,
    ...(r.next_due && r.next_due_kind
      ? { nextDue: { kind: r.next_due_kind as DeadlineKind, due: r.next_due } }
      : {}),
    overdue: r.next_due !== null && r.next_due < today,
    dueSoon: r.next_due !== null && r.next_due >= today && r.next_due <= soon,
    calendarWarning: r.calendar_warning === 1,
    handlerName: r.handler_name,
  };
}

/** What the audit trail keeps of a case's state: never personal data or free text. */
export function petitionSnapshot(
  p: Pick<PetitionView, 'status' | 'unit_id' | 'handler_id' | 'handling_unit_id'>,
): Record<string, unknown> {
  return {
    status: p.status,
    unitId: p.unit_id,
    ...(p.handler_id ? { handlerId: p.handler_id } : {}),
    ...(p.handling_unit_id ? { handlingUnitId: p.handling_unit_id } : {}),
  };
}
