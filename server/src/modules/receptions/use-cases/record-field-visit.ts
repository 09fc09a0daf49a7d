import type { z } from 'zod';
import type { FieldVisitBody } from '../../../../../shared/contracts/receptions.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { authorize } from '../../../platform/authz/authorize.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import type { PetitionView } from '../../petitions/petitions.repository.ts';
import { insertEvent, touchPetition } from '../../petitions/petitions.repository.ts';
import { canRecordFieldVisits } from '../receptions.policy.ts';
import { findActiveUsers, insertFieldVisit } from '../receptions.repository.ts';

/** The Chinese name of each kind of field visit. */
export const FIELD_VISIT_KIND_NAMES = { field: '下访', with_case: '带案下访', home: '上门走访' } as const;

/**
 * Records a field visit (下访/带案下访/上门走访) on a case the actor sees (checked by the caller):
 * clerk, handler or leader (403); not on a future day (400); visitors active staff (422). Stores
 * who went, where, with whom they spoke and what was promised by when; adds a timeline entry to
 * the case and audits it. Returns the new visit's id.
 */
export async function recordFieldVisit(
  ctx: Ctx,
  actor: Actor,
  petition: PetitionView,
  input: z.infer<typeof FieldVisitBody>,
): Promise<string> {
  authorize(canRecordFieldVisits(actor), '只有登记人员、经办人或领导可以记录下访。');
  if (input.on > chinaDate(ctx.clock.now()))
    throw new AppError('validation_failed', '走访日期不能晚于今天，请填写实际走访的日期。', { field: 'on' });
  const ids = [...new Set(input.visitors)];
  const found = await findActiveUsers(ctx.db, ids);
  if (found.length !== ids.length)
    throw new AppError('invalid_reference', '走访人员须是在职的工作人员，请重新选择。', {
      field: 'visitors',
    });
  const id = newId();
  const at = ctx.clock.now().toISOString();
  await insertFieldVisit(
    ctx.db,
    {
      id,
      petition_id: petition.id,
      kind: input.kind,
      on_date: input.on,
      place: input.place,
      met_with: input.metWith,
      note: input.note,
      recorded_by: actor.userId,
      recorded_at: at,
    },
    ids,
    input.promises.map((p, i) => ({
      id: newId(),
      visit_id: id,
      petition_id: petition.id,
      sort_order: i + 1,
      text: p.text,
      due_on: p.dueOn,
      done_on: null,
      done_by: null,
    })),
  );
  const names = found.map((u) => u.name).join('、');
  const promised = input.promises.map((p) => `${p.text}（${p.dueOn}前）`).join('；');
  await insertEvent(ctx.db, {
    id: newId(),
    petition_id: petition.id,
    action: 'field_visit',
    at,
    happened_on: input.on,
    actor_id: actor.userId,
    actor_name: actor.name,
    actor_unit_id: actor.unitId,
    note: `${FIELD_VISIT_KIND_NAMES[input.kind]}：${names}到${input.place}，接谈${input.metWith}${promised ? `；承诺：${promised}` : ''}`,
    data_json: JSON.stringify({ fieldVisitId: id, kind: input.kind, promises: input.promises.length }),
    document_id: null,
  });
  await touchPetition(ctx.db, petition.id, at);
  await recordAudit(ctx, {
    action: 'field_visit.record',
    subjectType: 'petition',
    subjectId: petition.id,
    unitId: petition.unit_id,
    after: {
      fieldVisitId: id,
      kind: input.kind,
      on: input.on,
      visitors: ids,
      promises: input.promises.length,
    },
  });
  return id;
}
