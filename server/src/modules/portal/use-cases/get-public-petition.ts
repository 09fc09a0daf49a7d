import type { PublicPetition } from '../../../../../shared/contracts/portal.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { listPetitionDocuments } from '../../petitions/documents/index.ts';
import { checkTransition, isAllowed, type PetitionStatus } from '../../petitions/petition.ts';
import { guardFactsOf } from '../../petitions/petitions.presenter.ts';
import {
  findPetitionViewById,
  findUnit,
  listDeadlines,
  type PetitionView,
  unitNames,
} from '../../petitions/petitions.repository.ts';
import { currentOpinion, evaluationLastDay } from '../portal.policy.ts';
import { presentPublicPetition } from '../portal.presenter.ts';
import { findEvaluation } from '../portal.repository.ts';

/** The name of the unit one level above a unit (where a review or re-review goes), if any. */
async function parentName(ctx: Ctx, unitId: string | null): Promise<string | null> {
  const unit = unitId ? await findUnit(ctx.db, unitId) : undefined;
  const parent = unit?.parent_id ? await findUnit(ctx.db, unit.parent_id) : undefined;
  return parent?.name ?? null;
}

/**
 * The public view of a case found by its query code: status in plain words, deadlines, the
 * opinions addressed to the petitioner, whether the latest opinion may still be rated (once,
 * while the case is open for review) and whether review — or after a review opinion, re-review —
 * may be requested today under the guards of 信访工作条例 (Art 35, 36) and where it would go.
 * A case linked into the same matter handled below (Art 19 ¶3) shows that case's progress.
 */
export async function getPublicPetition(ctx: Ctx, p: PetitionView, code: string): Promise<PublicPetition> {
  const today = chinaDate(ctx.clock.now());
  const [deadlines, documents, names] = await Promise.all([
    listDeadlines(ctx.db, p.id),
    listPetitionDocuments(ctx.db, p.id),
    unitNames(ctx.db, [
      p.unit_id,
      p.handling_unit_id,
      p.answer_unit_id,
      p.review_unit_id,
      p.rereview_unit_id,
    ]),
  ]);
  const latest = currentOpinion(p);
  const evaluation = latest ? await findEvaluation(ctx.db, p.id, latest.stage) : undefined;
  const lastDay = latest ? evaluationLastDay(latest, deadlines) : null;
  const canEvaluate = latest !== null && !evaluation && (lastDay === null || today <= lastDay);

  const status = p.status as PetitionStatus;
  const rereview = p.review_on !== null || status === 'reviewed';
  const action = rereview ? 'request_rereview' : 'request_review';
  let request: Parameters<typeof presentPublicPetition>[0]['request'];
  if (isAllowed(status, action) && p.rereview_on === null) {
    const check = checkTransition(status, action, guardFactsOf(p, deadlines, today));
    const unitName = rereview
      ? await parentName(ctx, p.review_unit_id ?? p.unit_id)
      : await parentName(ctx, p.answer_unit_id ?? p.unit_id);
    request = {
      kind: rereview ? 'rereview' : 'review',
      allowed: check.ok && unitName !== null,
      due: deadlines.find((d) => d.kind === (rereview ? 'rereview_request' : 'review_request'))?.due ?? null,
      unitName,
    };
  }
  const joinedId = p.linked_into_id ?? p.merged_into_id;
  const target = joinedId ? await findPetitionViewById(ctx.db, joinedId) : undefined;
  const linkedInto = target
    ? {
        number: target.number,
        status: target.status as PetitionStatus,
        unitName:
          (await findUnit(ctx.db, target.handling_unit_id ?? target.unit_id))?.name ?? target.unit_name,
        deadlines: await listDeadlines(ctx.db, target.id),
      }
    : undefined;
  return presentPublicPetition({
    p,
    code,
    deadlines,
    documents,
    unitNames: names,
    evaluation,
    ...(linkedInto ? { linkedInto } : {}),
    canEvaluate,
    request,
    today,
  });
}
