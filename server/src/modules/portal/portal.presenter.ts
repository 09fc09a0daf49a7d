import type { PublicPetition, ReturnVisit } from '../../../../shared/contracts/portal.ts';
import type { PetitionDocument } from '../petitions/documents/index.ts';
import type { PetitionStatus } from '../petitions/petition.ts';
import { ANSWER_DECISION_LABELS, presentDeadline } from '../petitions/petitions.presenter.ts';
import type { PetitionView } from '../petitions/petitions.repository.ts';
import type { PetitionDeadlinesTable } from '../petitions/petitions.tables.ts';
import type { ReturnVisitRow } from './portal.repository.ts';
import type { PetitionEvaluationsTable } from './portal.tables.ts';

// Rows → the portal's wire shapes. The public view of a case carries no personal data, no accused,
// no internal notes and no staff names: status in plain words, deadlines, the opinions addressed
// to the petitioner and what they may do next. An accusation shows only status and deadlines.

/** The status of a case in plain words for the petitioner (not the staff's terms). */
export const CITIZEN_STATUS_LABELS: Record<PetitionStatus, string> = {
  registered: '已登记，待受理',
  accepted: '已受理，正在办理',
  redirected: '已告知通过法定途径解决',
  transferred: '已转送有权处理的单位，待其受理',
  objected: '正在确定办理单位',
  rejected: '不予受理',
  assigned: '已受理，正在办理',
  in_progress: '已受理，正在办理',
  extended: '正在办理（已延长办理期限）',
  answered: '已答复',
  closed: '已办结',
  review_requested: '已请求复查，正在复查',
  reviewed: '已作出复查意见',
  rereview_requested: '已请求复核，正在复核',
  rereviewed: '已作出复核意见',
  finalized: '已终结',
  merged: '已与其他信访事项合并办理',
  linked: '已并入正在办理的同一信访事项',
};

/** Decisions of review and re-review opinions in plain words. */
export const REVIEW_DECISION_LABELS: Record<string, string> = {
  upheld: '维持原处理意见',
  revised: '撤销或变更原处理意见',
};

/** Ratings in Chinese. */
export const RATING_LABELS: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

/** Outcomes of a return visit in Chinese. */
export const RETURN_VISIT_OUTCOME_LABELS: Record<string, string> = {
  resolved: '问题已解决，信访人认可',
  explained: '已解释说明',
  unresolved: '信访人仍不满意，已告知复查（复核）途径',
  unreachable: '无法联系到信访人',
};

/** Deadlines between offices (objection of a transfer, the extension ceiling) are not the petitioner's concern. */
const INTERNAL_DEADLINES = new Set(['objection', 'extension']);

/** The opinion documents a petitioner may download, by opinion. */
export const PUBLIC_DOCUMENT_KINDS = {
  answer: 'answer_opinion',
  review: 'review_opinion',
  rereview: 'rereview_opinion',
} as const;

/** Everything the public view of a case is built from, loaded by the use case. */
export interface PublicCaseBundle {
  p: PetitionView;
  /** The normalised query code (for document links). */
  code: string;
  deadlines: readonly PetitionDeadlinesTable[];
  documents: readonly PetitionDocument[];
  unitNames: ReadonlyMap<string, string>;
  /** The evaluation of the latest opinion, if given. */
  evaluation: PetitionEvaluationsTable | undefined;
  /** A linked case (Art 19 ¶3): the case it joined, whose progress the petitioner is shown. */
  linkedInto?: {
    number: string;
    status: PetitionStatus;
    /** The unit handling it now. */
    unitName: string;
    deadlines: readonly PetitionDeadlinesTable[];
  };
  canEvaluate: boolean;
  request?: {
    kind: 'review' | 'rereview';
    allowed: boolean;
    due: string | null;
    unitName: string | null;
  };
  today: string;
}

function documentUrl(b: PublicCaseBundle, kind: string): string | undefined {
  const doc = [...b.documents].reverse().find((d) => d.kind === kind);
  return doc
    ? `/api/public/petitions/${encodeURIComponent(b.code)}/documents/${encodeURIComponent(doc.id)}`
    : undefined;
}

function opinion(
  b: PublicCaseBundle,
  o: { on: string; decision: string; label: string; text: string | null; unitId: string; docKind: string },
) {
  const url = documentUrl(b, o.docKind);
  return {
    on: o.on,
    decision: o.decision,
    decisionLabel: o.label,
    text: o.text ?? '',
    unitName: b.unitNames.get(o.unitId) ?? '',
    ...(url ? { documentUrl: url } : {}),
  };
}

/** How a linked or merged case stands: where it was joined and the progress of that case in plain words. */
function linkedStatusLabel(
  own: 'linked' | 'merged',
  linked: NonNullable<PublicCaseBundle['linkedInto']>,
  confidential: boolean,
): string {
  const where = confidential ? '' : `（${linked.unitName}，编号${linked.number}）`;
  return `${CITIZEN_STATUS_LABELS[own]}${where}，该事项目前${CITIZEN_STATUS_LABELS[linked.status] ?? linked.status}`;
}

/** The public view of a case for whoever holds its query code; a linked or merged case shows the progress of the case it joined. */
export function presentPublicPetition(b: PublicCaseBundle): PublicPetition {
  const { p, linkedInto } = b;
  const confidential = p.classification === 'accusation';
  const out: PublicPetition = {
    number: p.number,
    status: p.status as PetitionStatus,
    statusLabel: linkedInto
      ? linkedStatusLabel(p.status === 'merged' ? 'merged' : 'linked', linkedInto, confidential)
      : (CITIZEN_STATUS_LABELS[p.status as PetitionStatus] ?? p.status),
    receivedOn: p.received_on,
    confidential,
    deadlines: (linkedInto?.deadlines ?? b.deadlines)
      .filter((d) => !INTERNAL_DEADLINES.has(d.kind))
      .map((d) => {
        const full = presentDeadline(d, b.today);
        return {
          kind: full.kind,
          label: full.label,
          due: full.due,
          status: full.status,
          ...(full.metOn ? { metOn: full.metOn } : {}),
        };
      }),
    canEvaluate: b.canEvaluate,
    canRequestReview: b.request?.allowed ?? false,
  };
  if (b.request) {
    out.reviewRequestKind = b.request.kind;
    if (b.request.due) out.reviewRequestDue = b.request.due;
    if (b.request.unitName && !confidential) out.reviewUnitName = b.request.unitName;
  }
  if (b.evaluation) {
    out.evaluation = {
      rating: b.evaluation.rating as NonNullable<PublicPetition['evaluation']>['rating'],
      ratingLabel: RATING_LABELS[b.evaluation.rating] ?? b.evaluation.rating,
      createdAt: b.evaluation.created_at,
    };
  }
  if (confidential) return out;

  out.unitName = linkedInto?.unitName ?? b.unitNames.get(p.handling_unit_id ?? p.unit_id) ?? '';
  if (p.answer_on && p.answer_decision) {
    out.answer = opinion(b, {
      on: p.answer_on,
      decision: p.answer_decision,
      label: ANSWER_DECISION_LABELS[p.answer_decision] ?? p.answer_decision,
      text: p.answer_text,
      unitId: p.answer_unit_id ?? p.handling_unit_id ?? p.unit_id,
      docKind: PUBLIC_DOCUMENT_KINDS.answer,
    });
  }
  if (p.review_requested_on && p.review_unit_id) {
    out.review = {
      requestedOn: p.review_requested_on,
      unitName: b.unitNames.get(p.review_unit_id) ?? '',
      ...(p.review_on && p.review_decision
        ? {
            opinion: opinion(b, {
              on: p.review_on,
              decision: p.review_decision,
              label: REVIEW_DECISION_LABELS[p.review_decision] ?? p.review_decision,
              text: p.review_text,
              unitId: p.review_unit_id,
              docKind: PUBLIC_DOCUMENT_KINDS.review,
            }),
          }
        : {}),
    };
  }
  if (p.rereview_requested_on && p.rereview_unit_id) {
    out.rereview = {
      requestedOn: p.rereview_requested_on,
      unitName: b.unitNames.get(p.rereview_unit_id) ?? '',
      ...(p.rereview_on && p.rereview_decision
        ? {
            opinion: opinion(b, {
              on: p.rereview_on,
              decision: p.rereview_decision,
              label: REVIEW_DECISION_LABELS[p.rereview_decision] ?? p.rereview_decision,
              text: p.rereview_text,
              unitId: p.rereview_unit_id,
              docKind: PUBLIC_DOCUMENT_KINDS.rereview,
            }),
          }
        : {}),
    };
  }
  return out;
}

/** A return visit as staff see it, with what the actor may do. */
export function presentReturnVisit(r: ReturnVisitRow, today: string, canComplete: boolean): ReturnVisit {
  return {
    id: r.id,
    petitionId: r.petition_id,
    petitionNumber: r.petition_number,
    petitionTitle: r.petition_title,
    unitId: r.unit_id,
    unitName: r.unit_name,
    due: r.due,
    status: r.status as ReturnVisit['status'],
    overdue: r.status === 'open' && r.due < today,
    rating: r.rating as ReturnVisit['rating'],
    ratingLabel: RATING_LABELS[r.rating] ?? r.rating,
    stage: r.stage as ReturnVisit['stage'],
    comment: r.comment,
    createdAt: r.created_at,
    outcome: r.outcome as ReturnVisit['outcome'],
    outcomeLabel: r.outcome ? (RETURN_VISIT_OUTCOME_LABELS[r.outcome] ?? r.outcome) : null,
    note: r.note,
    completedAt: r.completed_at,
    completedByName: r.completed_by_name,
    abilities: { complete: canComplete && r.status === 'open' },
  };
}
