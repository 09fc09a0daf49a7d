import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId, sm3Hex } from '../../../platform/crypto/ids.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { checkMergeTarget, type PetitionStatus } from '../petition.ts';
import { petitionSnapshot } from '../petitions.presenter.ts';
import {
  findVisiblePetition,
  insertEvent,
  listCoHandlers,
  type PetitionView,
  touchPetition,
} from '../petitions.repository.ts';

// The `merge` action's own checks and its entry on the joined case (信访事项合并: a repeated
// registration of the same matter joins the earlier case — one file, one answer, both histories
// kept). The transition table, the policy and the row update are apply-petition-action's.

/** Whether an accusation's accused line (the accused unit's subtree, or the accused person) reaches a case's handling. */
async function reachesAccused(ctx: Ctx, accusation: PetitionView, other: PetitionView): Promise<boolean> {
  if (accusation.classification !== 'accusation') return false;
  const inLine = (path: string | null) =>
    accusation.accused_unit_path !== null && path?.startsWith(accusation.accused_unit_path) === true;
  if (inLine(other.unit_path) || inLine(other.handling_unit_path)) return true;
  if (accusation.accused_user_id === null) return false;
  if (other.handler_id === accusation.accused_user_id) return true;
  const co = await listCoHandlers(ctx.db, other.id);
  return co.some((c) => c.user_id === accusation.accused_user_id);
}

/**
 * The earlier case a repeated registration joins, checked and locked: visible to the actor (404),
 * another case (422), at the same unit (422; the same matter handled below is linked instead),
 * never across an accusation's accused line in either direction (422 confidential_routing), not
 * itself merged, received no later, not yet answered (see checkMergeTarget).
 */
export async function mergeTarget(ctx: Ctx, actor: Actor, p: PetitionView, intoId: string) {
  if (intoId === p.id)
    throw new AppError('invalid_reference', '不能合并到本事项自身，请选择先前登记的同一事项。', {
      field: 'intoId',
    });
  if (!(await findVisiblePetition(ctx.db, actor, intoId))) notFound('要合并到的信访事项');
  await touchPetition(ctx.db, intoId, ctx.clock.now().toISOString());
  const target = (await findVisiblePetition(ctx.db, actor, intoId)) ?? notFound('要合并到的信访事项');
  if (target.unit_id !== p.unit_id)
    throw new AppError(
      'invalid_reference',
      `所选事项（${target.number}）由${target.unit_name}办理，不是${p.unit_name}的事项；只能合并本单位登记的同一事项，下级单位正在办理的同一事项请使用“关联”。`,
      { field: 'intoId' },
    );
  if ((await reachesAccused(ctx, p, target)) || (await reachesAccused(ctx, target, p)))
    throw new AppError(
      'confidential_routing',
      `所选事项（${target.number}）由被检举控告的单位（或其下级单位、被检举控告人）办理，或检举控告的正是办理本事项的单位或人员；检举控告事项不得与之合并，请分别办理。`,
      { field: 'intoId' },
    );
  const merged = target.merged_into_id
    ? await findVisiblePetition(ctx.db, actor, target.merged_into_id)
    : null;
  const check = checkMergeTarget(
    {
      number: target.number,
      status: target.status as PetitionStatus,
      receivedOn: target.received_on,
      mergedIntoNumber: merged?.number ?? null,
    },
    p.received_on,
  );
  if (!check.ok)
    throw new AppError(
      check.code,
      check.message,
      check.code === 'invalid_reference' ? { field: 'intoId' } : {},
    );
  return target;
}

/**
 * The joined case's side of a merge, after the merged case's own writes: an entry
 * `merged_from` ("合并了 X") on its timeline and the audit entry `petition.merge` on it, both
 * naming the merged case; the note is kept on the timeline and only as its SM3 hash in the audit.
 */
export async function recordMergedFrom(
  ctx: Ctx,
  actor: Actor,
  target: PetitionView,
  from: PetitionView,
  on: string,
  note: string | undefined,
): Promise<void> {
  const data = { fromId: from.id, fromNumber: from.number, fromReceivedOn: from.received_on };
  const event = await insertEvent(ctx.db, {
    id: newId(),
    petition_id: target.id,
    action: 'merged_from',
    at: ctx.clock.now().toISOString(),
    happened_on: on,
    actor_id: actor.userId,
    actor_name: actor.name,
    actor_unit_id: actor.unitId,
    note: note ? `合并了${from.number}：${note}` : `合并了${from.number}`,
    data_json: JSON.stringify(data),
    document_id: null,
  });
  await recordAudit(ctx, {
    action: 'petition.merge',
    subjectType: 'petition',
    subjectId: target.id,
    unitId: target.unit_id,
    before: petitionSnapshot(target),
    after: {
      ...petitionSnapshot(target),
      on,
      eventId: event.id,
      data: { ...data, role: 'target' },
      ...(note ? { noteSm3: sm3Hex(note) } : {}),
    },
  });
}
