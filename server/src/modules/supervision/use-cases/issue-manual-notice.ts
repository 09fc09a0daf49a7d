import { authorize, inScope } from '../../../platform/authz/authorize.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { findVisiblePetition } from '../../petitions/petitions.repository.ts';
import { canSupervise } from '../supervision.policy.ts';
import type { NoticeView } from '../supervision.repository.ts';
import { issueNotice } from './issue-notice.ts';

/**
 * A supervisor issues a 督办单 for a case by hand: the case must be visible to them (else 404) and
 * its responsible unit in their scope; the notice comes from the supervisor's unit as the first
 * step of the ladder and escalates like any other.
 */
export async function issueManualNotice(
  ctx: Ctx,
  actor: Actor,
  body: { petitionId: string; reason: string; replyWorkingDays?: number },
): Promise<NoticeView> {
  const p = await findVisiblePetition(ctx.db, actor, body.petitionId);
  if (!p) throw new AppError('not_found', '找不到该信访事项，或它不在您的管辖范围内。');
  authorize(canSupervise(actor), '只有督查人员可以签发督办单。');
  const responsiblePath = p.handling_unit_path ?? p.unit_path;
  authorize(inScope(actor, responsiblePath), '只能督办本单位管辖范围内单位承办的事项。');
  const notice = await issueNotice(ctx, {
    petition: p,
    step: 0,
    reason: body.reason,
    dedupKey: null,
    deadlineKind: p.next_due_kind,
    deadlineDue: p.next_due,
    issuedBy: actor.userId,
    issuingUnitId: actor.unitId,
    replyWorkingDays: body.replyWorkingDays,
  });
  return notice as NoticeView;
}
