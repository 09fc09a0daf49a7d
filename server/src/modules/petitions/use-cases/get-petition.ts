import type { Petition } from '../../../../../shared/contracts/petitions.ts';
import { decryptField, loadKeyRing } from '../../../platform/crypto/sm4.ts';
import type { Db } from '../../../platform/db/schema.ts';
import { listFiles } from '../../../platform/files/index.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { chinaDate } from '../../../platform/jobs/china-time.ts';
import { listPetitionDocuments, PETITION_OWNER } from '../documents/index.ts';
import { loadMergeBundle } from '../duplicates/merge-bundle.ts';
import { queryCodeAad } from '../personal-data.ts';
import { canSeeQueryCode } from '../petitions.policy.ts';
import { type CaseBundle, presentPetition } from '../petitions.presenter.ts';
import {
  findUnit,
  findVisiblePetition,
  listCoHandlers,
  listDeadlines,
  listEvents,
  listInterests,
  listPetitioners,
  type PetitionView,
  unitNames,
  userNames,
} from '../petitions.repository.ts';
import { ATTACHMENT_KIND, presentAttachment } from './add-attachment.ts';

/** The name of a unit's parent, if it has one in the system. */
async function parentName(db: Db, unitId: string | null): Promise<string | null> {
  if (!unitId) return null;
  const unit = await findUnit(db, unitId);
  if (!unit?.parent_id) return null;
  return (await findUnit(db, unit.parent_id))?.name ?? null;
}

/** Documents in the order of the steps that issued them (issue times may tie; the timeline does not). */
function inTimelineOrder<D extends { id: string }>(
  documents: readonly D[],
  events: readonly { document_id: string | null }[],
): D[] {
  const rank = new Map(events.flatMap((e, i) => (e.document_id ? [[e.document_id, i] as const] : [])));
  const at = (d: D) => rank.get(d.id) ?? Number.MAX_SAFE_INTEGER;
  return [...documents].sort((a, b) => at(a) - at(b));
}

/** Everything the case page shows of a visible case (and of the case it was linked into, if visible), for the presenter. */
export async function loadCaseBundle(ctx: Ctx, actor: Actor, p: PetitionView): Promise<CaseBundle> {
  const { db } = ctx;
  const [petitioners, events, deadlines, coHandlers, interests, documents, attachments] = await Promise.all([
    listPetitioners(db, p.id),
    listEvents(db, p.id),
    listDeadlines(db, p.id),
    listCoHandlers(db, p.id),
    listInterests(db, p.id),
    listPetitionDocuments(db, p.id),
    listFiles(db, PETITION_OWNER, p.id, ATTACHMENT_KIND),
  ]);
  const units = await unitNames(db, [
    p.unit_id,
    p.sender_unit_id,
    p.handling_unit_id,
    p.answer_unit_id,
    p.review_unit_id,
    p.rereview_unit_id,
    p.accused_unit_id,
  ]);
  const users = await userNames(db, [p.handler_id]);
  const reviewUnitName = p.review_unit_id
    ? (units.get(p.review_unit_id) ?? null)
    : await parentName(db, p.answer_unit_id);
  const rereviewUnitName = p.rereview_unit_id
    ? (units.get(p.rereview_unit_id) ?? null)
    : await parentName(db, p.review_unit_id);
  const linkedInto = p.linked_into_id ? await findVisiblePetition(db, actor, p.linked_into_id) : undefined;
  const queryCode = canSeeQueryCode(actor)
    ? decryptField(loadKeyRing(ctx.config), p.query_code_enc, queryCodeAad(p.id))
    : null;
  return {
    p,
    petitioners,
    events,
    deadlines,
    coHandlers,
    interests,
    documents: inTimelineOrder(documents, events),
    attachments: attachments.map(presentAttachment),
    unitNames: units,
    userNames: users,
    reviewUnitName,
    rereviewUnitName,
    queryCode,
    ...(linkedInto ? { linkedInto } : {}),
    ...(await loadMergeBundle(ctx, actor, p)),
    today: chinaDate(ctx.clock.now()),
  };
}

/** A case as the actor may see it (404 is the caller's when undefined: out of scope, confidential or missing). */
export async function getPetition(ctx: Ctx, actor: Actor, id: string): Promise<Petition | undefined> {
  const p = await findVisiblePetition(ctx.db, actor, id);
  if (!p) return undefined;
  return presentPetition(actor, await loadCaseBundle(ctx, actor, p));
}
