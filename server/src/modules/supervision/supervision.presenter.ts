import type { NoticeDetailWire, NoticeSummaryWire } from '../../../../shared/contracts/supervision.ts';
import type { Actor } from '../../platform/http/context.ts';
import { canClose, canReply } from './supervision.policy.ts';
import type { NoticeView } from './supervision.repository.ts';
import { LEVEL_LABELS, type Level, NOTICE_STATUS_LABELS, type NoticeStatus } from './supervision.ts';

function summary(n: NoticeView, today: string): Omit<NoticeSummaryWire, 'abilities'> {
  return {
    id: n.id,
    number: n.number,
    level: n.level as Level,
    levelLabel: LEVEL_LABELS[n.level as Level] ?? n.level,
    step: Number(n.step),
    status: n.status as NoticeStatus,
    statusLabel: NOTICE_STATUS_LABELS[n.status as NoticeStatus] ?? n.status,
    overdue: n.status === 'open' && n.reply_due < today,
    petitionId: n.petition_id,
    petitionNumber: n.petition_number,
    petitionTitle: n.petition_title,
    responsibleUnit: { id: n.responsible_unit_id, name: n.responsible_unit_name },
    issuingUnit: { id: n.issuing_unit_id, name: n.issuing_unit_name },
    issuedTo: n.issued_to ? { id: n.issued_to, name: n.issued_to_name ?? '' } : null,
    reason: n.reason,
    replyDue: n.reply_due,
    createdAt: n.created_at,
  };
}

/** A notice in a list, with what the actor may do with it. */
export function presentNoticeSummary(n: NoticeView, actor: Actor, today: string): NoticeSummaryWire {
  return { ...summary(n, today), abilities: { reply: canReply(actor, n), close: canClose(actor, n) } };
}

/** A notice with its reply, closing and the steps of its ladder. */
export function presentNoticeDetail(
  n: NoticeView,
  steps: NoticeView[],
  actor: Actor,
  today: string,
): NoticeDetailWire {
  return {
    ...presentNoticeSummary(n, actor, today),
    deadlineKind: n.deadline_kind,
    deadlineDue: n.deadline_due,
    replyText: n.reply_text,
    repliedAt: n.replied_at,
    closedAt: n.closed_at,
    closeNote: n.close_note,
    steps: steps.map((s) => summary(s, today)),
  };
}
