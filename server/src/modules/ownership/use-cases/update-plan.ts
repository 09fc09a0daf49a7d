import type { z } from 'zod';
import type { UpdatePlanBody } from '../../../../../shared/contracts/ownership.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { inScope } from '../../../platform/authz/authorize.ts';
import { newId, sm3Hex } from '../../../platform/crypto/ids.ts';
import { AppError, forbidden } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import type { PetitionView } from '../../petitions/petitions.repository.ts';
import { canEditPlan } from '../ownership.policy.ts';
import { placeOfOwnership } from '../ownership.presenter.ts';
import {
  findPerson,
  listMeasures,
  type OwnershipView,
  replaceMeasures,
  updateOwnership,
} from '../ownership.repository.ts';
import type { OwnershipMeasuresTable } from '../ownership.tables.ts';
import { addTimelineEntry } from '../ownership-timeline.ts';

type PlanInput = z.infer<typeof UpdatePlanBody>;

/**
 * The owning leader edits the case plan ("一人一策"): demand, policy basis, next contact date and
 * the measures, each done by an active user in the leader's scope (never in the accused line of
 * an accusation) by a date. Only while open (409), at the version read (409 version_conflict);
 * on the timeline and audited as `ownership.plan_update` (texts as SM3 only).
 */
export async function updatePlan(
  ctx: Ctx,
  actor: Actor,
  p: PetitionView,
  o: OwnershipView,
  input: PlanInput,
) {
  const current = await listMeasures(ctx.db, p.id);
  const place = placeOfOwnership(
    p,
    o,
    current.map((m) => m.assignee_id),
  );
  if (!place.open) throw new AppError('invalid_transition', '本事项的包案结果已经记录，方案不能再修改。');
  if (!canEditPlan(actor, place)) forbidden(`只有包案领导（${o.leader_name}）可以修改包案方案。`);
  const today = chinaDate(ctx.clock.now());
  const now = ctx.clock.now().toISOString();

  let measures: OwnershipMeasuresTable[] | undefined;
  if (input.measures) {
    const byId = new Map(current.map((m) => [m.id, m]));
    measures = [];
    for (const [i, m] of input.measures.entries()) {
      const field = `measures.${i}.assigneeId`;
      const person = await findPerson(ctx.db, m.assigneeId);
      if (!person || !inScope(actor, person.unit_path) || person.disabled === 1)
        throw new AppError(
          'invalid_reference',
          `第${i + 1}项措施的责任人不存在、已停用或不在您的管辖范围内。`,
          {
            field,
          },
        );
      if (
        p.classification === 'accusation' &&
        ((p.accused_unit_path !== null && person.unit_path.startsWith(p.accused_unit_path)) ||
          p.accused_user_id === person.id)
      )
        throw new AppError('confidential_routing', undefined, { field });
      const before = m.id ? byId.get(m.id) : undefined;
      if (m.id && !before)
        throw new AppError('invalid_reference', `第${i + 1}项措施不属于本方案，请刷新页面后重试。`, {
          field: `measures.${i}.id`,
        });
      measures.push({
        id: before?.id ?? newId(),
        petition_id: p.id,
        sort_order: i + 1,
        text: m.text,
        assignee_id: m.assigneeId,
        due_on: m.dueOn,
        done: m.done ? 1 : 0,
        done_on: m.done ? (before?.done === 1 ? before.done_on : today) : null,
      });
    }
  }

  const patch = {
    ...(input.demand !== undefined ? { demand: input.demand } : {}),
    ...(input.policyBasis !== undefined ? { policy_basis: input.policyBasis } : {}),
    ...(input.nextContactOn !== undefined ? { next_contact_on: input.nextContactOn } : {}),
    updated_at: now,
  };
  if (!(await updateOwnership(ctx.db, p.id, input.version, patch))) throw new AppError('version_conflict');
  if (measures) await replaceMeasures(ctx.db, p.id, measures);

  const summary = (
    rows: ReadonlyArray<Pick<OwnershipMeasuresTable, 'id' | 'assignee_id' | 'due_on' | 'done' | 'text'>>,
  ) =>
    rows.map((m) => ({
      id: m.id,
      assigneeId: m.assignee_id,
      dueOn: m.due_on,
      done: m.done === 1,
      textSm3: sm3Hex(m.text),
    }));
  await addTimelineEntry(ctx, actor, p.id, {
    action: 'ownership_plan',
    note: measures
      ? `措施${measures.length}项，已完成${measures.filter((m) => m.done === 1).length}项`
      : null,
  });
  await recordAudit(ctx, {
    action: 'ownership.plan_update',
    subjectType: 'petition',
    subjectId: p.id,
    unitId: p.unit_id,
    before: {
      version: o.version,
      demandSm3: sm3Hex(o.demand),
      policyBasisSm3: sm3Hex(o.policy_basis),
      nextContactOn: o.next_contact_on,
      measures: summary(current),
    },
    after: {
      version: input.version + 1,
      demandSm3: sm3Hex(input.demand ?? o.demand),
      policyBasisSm3: sm3Hex(input.policyBasis ?? o.policy_basis),
      nextContactOn: input.nextContactOn !== undefined ? input.nextContactOn : o.next_contact_on,
      measures: summary(measures ?? current),
    },
  });
}
