import type { z } from 'zod';
import {
  ASSISTANCE_KIND_LABELS,
  OUTCOME_TYPE_LABELS,
  type OutcomeBody,
} from '../../../../../shared/contracts/ownership.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { sm3Hex } from '../../../platform/crypto/ids.ts';
import { AppError, forbidden } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import type { PetitionView } from '../../petitions/petitions.repository.ts';
import { canRecordOutcome } from '../ownership.policy.ts';
import { placeOfOwnership } from '../ownership.presenter.ts';
import { type OwnershipView, updateOwnership } from '../ownership.repository.ts';
import { addTimelineEntry } from '../ownership-timeline.ts';

/**
 * The owning leader records the outcome once (domain.md disposition types: resolved, explained,
 * redirected, assisted with living subsidy / temporary assistance / referral): a second time is
 * 409, a stale version 409 version_conflict, a future date or one before taking the case 400.
 * Closes the ownership (off the board); on the timeline and audited as `ownership.outcome`.
 */
export async function recordOutcome(
  ctx: Ctx,
  actor: Actor,
  p: PetitionView,
  o: OwnershipView,
  input: z.infer<typeof OutcomeBody>,
) {
  const place = placeOfOwnership(p, o, []);
  if (!place.open)
    throw new AppError(
      'invalid_transition',
      `本事项的包案结果已于${o.outcome_on ?? ''}记录，结果只能记录一次。`,
    );
  if (!canRecordOutcome(actor, place)) forbidden(`只有包案领导（${o.leader_name}）可以记录包案结果。`);
  const today = chinaDate(ctx.clock.now());
  if (input.on > today)
    throw new AppError('validation_failed', `结果日期不能晚于今天（${today}）。`, { field: 'on' });
  if (input.on < o.taken_on)
    throw new AppError('validation_failed', `结果日期不能早于包案日期（${o.taken_on}）。`, { field: 'on' });
  const after = {
    open: 0,
    outcome_type: input.type,
    outcome_assistance_kind: input.assistanceKind ?? null,
    outcome_amount: input.amount ?? null,
    outcome_note: input.note,
    outcome_on: input.on,
    outcome_by: actor.userId,
    updated_at: ctx.clock.now().toISOString(),
  };
  if (!(await updateOwnership(ctx.db, p.id, input.version, after))) throw new AppError('version_conflict');
  const label = OUTCOME_TYPE_LABELS[input.type];
  const kind = input.assistanceKind ? `（${ASSISTANCE_KIND_LABELS[input.assistanceKind]}）` : '';
  await addTimelineEntry(ctx, actor, p.id, {
    action: 'ownership_outcome',
    on: input.on,
    note: `${label}${kind}：${input.note}`,
    data: { type: input.type, assistanceKind: input.assistanceKind ?? null, amount: input.amount ?? null },
  });
  await recordAudit(ctx, {
    action: 'ownership.outcome',
    subjectType: 'petition',
    subjectId: p.id,
    unitId: p.unit_id,
    before: { open: true, version: o.version },
    after: {
      open: false,
      version: input.version + 1,
      type: input.type,
      assistanceKind: input.assistanceKind ?? null,
      amount: input.amount ?? null,
      on: input.on,
      noteSm3: sm3Hex(input.note),
    },
  });
}
