import type { Db } from '../../../platform/db/schema.ts';
import type { Actor, Ctx } from '../../../platform/http/context.ts';
import { MERGE_TARGET_STATUSES, type PetitionStatus, STATUS_LABELS } from '../petition.ts';
import { listPetitioners } from '../petitions.repository.ts';
import type { PetitionersTable } from '../petitions.tables.ts';
import {
  bandNeighbours,
  insertFingerprint,
  samePetitionerIds,
  visibleCases,
} from './duplicates.repository.ts';
import {
  decodeShingles,
  type Fingerprint,
  fingerprintOf,
  jaccard,
  SIMILARITY_THRESHOLD,
} from './fingerprint.ts';

// Candidates of the same matter (domain: Duplicates): the same petitioner (keyed hash of the ID
// number, or name with the keyed hash of the phone) and near-identical text (fingerprint.ts), in
// one list the actor may see, best first. Used at registration and by the case page.

/** At most this many candidates are shown. */
export const MAX_CANDIDATES = 10;
/** At most this many similar texts are checked for visibility (best first). */
export const MAX_SIMILAR = 200;

/** A case found similar to a fingerprint, before visibility: its id and word-set similarity. */
export interface SimilarCase {
  petitionId: string;
  score: number;
}

/**
 * The stored petitions whose text is near-identical to the fingerprint (similarity ≥ the
 * threshold), best first: the LSH band index gives the candidates, the exact word-set
 * similarity decides. No visibility here — callers filter with `visibleCases`.
 */
export async function similarCases(db: Db, fp: Fingerprint, exceptId?: string): Promise<SimilarCase[]> {
  const rows = await bandNeighbours(db, fp.bands, exceptId);
  const out: SimilarCase[] = [];
  for (const r of rows) {
    const score = jaccard(fp.shingles, decodeShingles(r.shingles));
    if (score >= SIMILARITY_THRESHOLD) out.push({ petitionId: r.petition_id, score });
  }
  return out.sort((a, b) => b.score - a.score || a.petitionId.localeCompare(b.petitionId));
}

/** Computes and stores a petition's fingerprint (registration, in its transaction); returns it. */
export async function fingerprintPetition(
  ctx: Ctx,
  petitionId: string,
  text: { title: string; content: string; demands: string },
): Promise<Fingerprint> {
  const fp = fingerprintOf(text);
  await insertFingerprint(ctx.db, petitionId, fp, ctx.clock.now().toISOString());
  return fp;
}

const FINAL = ['rereviewed', 'finalized'];

/** The Chinese reason of a candidate. */
function reasonOf(samePerson: boolean, score: number | undefined, status: string): string {
  const parts: string[] = [];
  if (samePerson) parts.push('同一信访人');
  if (score !== undefined) parts.push(`内容相近（相似度 ${score.toFixed(2)}）`);
  if (FINAL.includes(status)) parts.push('该事项已复核终结，同一事实和理由不再受理');
  return parts.join('；');
}

/** One candidate as the API shows it. */
export interface DuplicateCandidateView {
  id: string;
  number: string;
  score: number;
  reason: string;
  title: string;
  status: PetitionStatus;
  statusLabel: string;
  receivedOn: string;
  unitName: string;
  mergeable: boolean;
}

/**
 * The candidates of the same matter for a case the actor may see: cases of the same petitioner
 * (score 1) and cases with near-identical text (score = similarity), merged into one list sorted
 * by score then newest first, only those the actor may see (scope and confidentiality in SQL),
 * never cases already merged into another, at most 10. `mergeable` marks the cases `merge` could
 * join now (same unit, received no later, not yet answered).
 */
export async function duplicateCandidates(
  ctx: Ctx,
  actor: Actor,
  p: { id: string; unitId: string; receivedOn: string },
  petitioners: readonly Pick<PetitionersTable, 'name' | 'id_number_index' | 'phone_index'>[],
  fp: Fingerprint,
): Promise<DuplicateCandidateView[]> {
  const [sameIds, similar] = await Promise.all([
    samePetitionerIds(
      ctx.db,
      {
        idNumbers: petitioners.flatMap((x) => (x.id_number_index ? [x.id_number_index] : [])),
        namePhones: petitioners.flatMap((x) =>
          x.phone_index ? [{ name: x.name, phone: x.phone_index }] : [],
        ),
      },
      p.id,
    ),
    similarCases(ctx.db, fp, p.id),
  ]);
  // A letter campaign may match hundreds of cases: the best ones are enough to fill the list.
  const best = similar.slice(0, MAX_SIMILAR);
  const scoreOf = new Map(best.map((s) => [s.petitionId, s.score]));
  const same = new Set(sameIds);
  const rows = await visibleCases(ctx.db, actor, [
    ...new Set([...sameIds, ...best.map((s) => s.petitionId)]),
  ]);
  return rows
    .filter((r) => r.status !== 'merged')
    .map((r) => {
      const samePerson = same.has(r.id);
      const similarity = scoreOf.get(r.id);
      const status = r.status as PetitionStatus;
      return {
        id: r.id,
        number: r.number,
        score: samePerson ? 1 : Math.round((similarity ?? 0) * 100) / 100,
        reason: reasonOf(samePerson, similarity, r.status),
        title: r.title,
        status,
        statusLabel: STATUS_LABELS[status] ?? r.status,
        receivedOn: r.received_on,
        unitName: r.unit_name,
        mergeable:
          r.unit_id === p.unitId && r.received_on <= p.receivedOn && MERGE_TARGET_STATUSES.includes(status),
        precise: samePerson ? 2 : (similarity ?? 0),
      };
    })
    .sort(
      (a, b) =>
        b.precise - a.precise || b.receivedOn.localeCompare(a.receivedOn) || b.number.localeCompare(a.number),
    )
    .slice(0, MAX_CANDIDATES)
    .map(({ precise: _, ...c }) => c);
}

/** The candidates for an existing case (the case page), from the fingerprint of its (unchangeable) text. */
export async function duplicatesOfCase(
  ctx: Ctx,
  actor: Actor,
  p: { id: string; unit_id: string; received_on: string; title: string; content: string; demands: string },
): Promise<DuplicateCandidateView[]> {
  const fp = fingerprintOf(p);
  const petitioners = await listPetitioners(ctx.db, p.id);
  return duplicateCandidates(
    ctx,
    actor,
    { id: p.id, unitId: p.unit_id, receivedOn: p.received_on },
    petitioners,
    fp,
  );
}
