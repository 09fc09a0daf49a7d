import {
  ASSISTANCE_KIND_LABELS,
  type ASSISTANCE_KINDS,
  type BoardItemWire,
  OUTCOME_TYPE_LABELS,
  type OUTCOME_TYPES,
  type OwnershipWire,
} from '../../../../shared/contracts/ownership.ts';
import type { Db } from '../../platform/db/schema.ts';
import type { Actor } from '../../platform/http/context.ts';
import { type PetitionStatus, STATUS_LABELS } from '../petitions/petition.ts';
import type { PetitionView } from '../petitions/petitions.repository.ts';
import { type OwnershipPlace, ownershipAbilities } from './ownership.policy.ts';
import {
  type BoardRow,
  findOwnership,
  listHandovers,
  listMeasures,
  listProgress,
  type OwnershipView,
} from './ownership.repository.ts';
import { measureOverdue, STALE_AFTER_DAYS, staleness } from './stale.ts';

type OutcomeType = (typeof OUTCOME_TYPES)[number];
type AssistanceKind = (typeof ASSISTANCE_KINDS)[number];

/** Everything the case page shows about a case's ownership, loaded together. */
export interface OwnershipBundle {
  ownership: OwnershipView | undefined;
  measures: Awaited<ReturnType<typeof listMeasures>>;
  progress: Awaited<ReturnType<typeof listProgress>>;
  handovers: Awaited<ReturnType<typeof listHandovers>>;
}

/** Loads the ownership of a case with its measures, progress entries and handovers. */
export async function loadOwnershipBundle(db: Db, petitionId: string): Promise<OwnershipBundle> {
  const [ownership, measures, progress, handovers] = await Promise.all([
    findOwnership(db, petitionId),
    listMeasures(db, petitionId),
    listProgress(db, petitionId),
    listHandovers(db, petitionId),
  ]);
  return { ownership, measures, progress, handovers };
}

/** Where the case stands for the ownership policy. */
export function placeOfOwnership(
  p: Pick<PetitionView, 'status'>,
  o: OwnershipView | undefined,
  assigneeIds: readonly string[],
): OwnershipPlace {
  return {
    petitionStatus: p.status,
    owned: o !== undefined,
    open: o?.open === 1,
    leaderId: o?.leader_id ?? null,
    leaderUnitPath: o?.leader_unit_path ?? null,
    assigneeIds,
  };
}

/** The wire shape of a case's ownership (plan, progress, outcome, handovers, stale flag, abilities). */
export function presentOwnership(
  actor: Actor,
  p: Pick<PetitionView, 'id' | 'status'>,
  b: OwnershipBundle,
  today: string,
): OwnershipWire {
  const o = b.ownership;
  const place = placeOfOwnership(
    p,
    o,
    b.measures.map((m) => m.assignee_id),
  );
  const measures = b.measures.map((m) => ({
    id: m.id,
    text: m.text,
    assigneeId: m.assignee_id,
    assigneeName: m.assignee_name,
    dueOn: m.due_on,
    done: m.done === 1,
    doneOn: m.done_on,
    overdue: measureOverdue({ done: m.done === 1, dueOn: m.due_on }, today),
  }));
  const stale =
    o && o.open === 1
      ? staleness({
          today,
          takenOn: o.taken_on,
          lastProgressOn: o.last_progress_on,
          nextContactOn: o.next_contact_on,
          overdueMeasures: measures.filter((m) => m.overdue).length,
        })
      : { stale: false, reasons: [] };
  return {
    petitionId: p.id,
    owned: o !== undefined,
    open: o?.open === 1,
    version: o?.version ?? 0,
    leader: o ? { id: o.leader_id, name: o.leader_name, unitName: o.leader_unit_name } : null,
    takenOn: o?.taken_on ?? null,
    plan: {
      demand: o?.demand ?? '',
      policyBasis: o?.policy_basis ?? '',
      nextContactOn: o?.next_contact_on ?? null,
      measures,
    },
    progress: b.progress.map((e) => ({
      id: e.id,
      on: e.on_date,
      text: e.text,
      authorName: e.author_name,
      createdAt: e.created_at,
    })),
    lastProgressOn: o?.last_progress_on ?? null,
    outcome:
      o?.outcome_type && o.outcome_on
        ? {
            type: o.outcome_type as OutcomeType,
            typeLabel: OUTCOME_TYPE_LABELS[o.outcome_type as OutcomeType],
            assistanceKind: (o.outcome_assistance_kind as AssistanceKind | null) ?? null,
            assistanceKindLabel: o.outcome_assistance_kind
              ? ASSISTANCE_KIND_LABELS[o.outcome_assistance_kind as AssistanceKind]
              : null,
            amount: o.outcome_amount,
            note: o.outcome_note ?? '',
            on: o.outcome_on,
            byName: o.outcome_by_name ?? '',
          }
        : null,
    handovers: b.handovers.map((h) => ({
      at: h.at,
      fromName: h.from_name,
      toName: h.to_name,
      reason: h.reason,
      byName: h.by_name,
    })),
    stale: stale.stale,
    staleReasons: stale.reasons,
    abilities: ownershipAbilities(actor, place),
  };
}

/** A board row with the stale rule applied (STALE_AFTER_DAYS, calendar days). */
export function presentBoardItem(r: BoardRow, today: string): BoardItemWire {
  const s = staleness(
    {
      today,
      takenOn: r.taken_on,
      lastProgressOn: r.last_progress_on,
      nextContactOn: r.next_contact_on,
      overdueMeasures: r.overdue_measures,
    },
    STALE_AFTER_DAYS,
  );
  return {
    petitionId: r.petition_id,
    number: r.number,
    title: r.title,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status as PetitionStatus] ?? r.status,
    takenOn: r.taken_on,
    nextContactOn: r.next_contact_on,
    lastProgressOn: r.last_progress_on,
    overdueMeasures: r.overdue_measures,
    openMeasures: r.open_measures,
    stale: s.stale,
    staleReason: s.stale ? s.reasons.join('；') : null,
  };
}

/** Board order: stale cases first, then by next contact date (none last), then by when taken. */
export function boardOrder(a: BoardItemWire, b: BoardItemWire): number {
  if (a.stale !== b.stale) return a.stale ? -1 : 1;
  const an = a.nextContactOn ?? '9999-12-31';
  const bn = b.nextContactOn ?? '9999-12-31';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.takenOn < b.takenOn ? -1 : a.takenOn > b.takenOn ? 1 : a.number.localeCompare(b.number);
}
