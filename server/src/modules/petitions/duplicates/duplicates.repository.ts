import type { Db } from '../../../platform/db/schema.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { visiblePetitionIds } from '../petitions.repository.ts';
import './duplicates.tables.ts';
import { encodeShingles, type Fingerprint } from './fingerprint.ts';

// All SQL of near-duplicate detection and merging. The raw lookups (band keys, petitioners'
// blind indexes) return ids only; every list shown to a user goes through `visibleCases`, which
// applies the petitions module's visibility rule (scope and confidentiality) in SQL.

type Actorish = Pick<Actor, 'userId' | 'unitPath' | 'roles'>;

/** Stores a petition's fingerprint and its band keys (in the caller's transaction). */
export async function insertFingerprint(db: Db, petitionId: string, fp: Fingerprint, at: string) {
  await db
    .insertInto('petition_fingerprints')
    .values({
      petition_id: petitionId,
      shingles: encodeShingles(fp.shingles),
      shingle_count: fp.shingles.length,
      created_at: at,
    })
    .execute();
  if (fp.bands.length)
    await db
      .insertInto('petition_fingerprint_bands')
      .values(fp.bands.map((band_key) => ({ band_key, petition_id: petitionId })))
      .execute();
}

/**
 * The petitions sharing at least one LSH band key with these, other than `exceptId`, with their
 * stored shingles: one indexed probe per band key, never a scan of all fingerprints.
 */
export async function bandNeighbours(db: Db, bands: readonly number[], exceptId?: string) {
  if (bands.length === 0) return [];
  let q = db
    .selectFrom('petition_fingerprints as f')
    .select(['f.petition_id', 'f.shingles'])
    .where('f.petition_id', 'in', (eb) =>
      eb
        .selectFrom('petition_fingerprint_bands as b')
        .select('b.petition_id')
        .where('b.band_key', 'in', [...bands]),
    );
  if (exceptId) q = q.where('f.petition_id', '!=', exceptId);
  return q.execute();
}

/** One page of all stored fingerprints after a petition id (the raw linear scan: the bench's limit, never used on a request). */
export function fingerprintPage(db: Db, after: string, size: number) {
  return db
    .selectFrom('petition_fingerprints')
    .select(['petition_id', 'shingles'])
    .where('petition_id', '>', after)
    .orderBy('petition_id')
    .limit(size)
    .execute();
}

/** Petitions without a fingerprint (oldest id first), with the text to fingerprint: the backfill's work. */
export function petitionsWithoutFingerprint(db: Db, limit: number) {
  return db
    .selectFrom('petitions')
    .select(['petitions.id', 'petitions.title', 'petitions.content', 'petitions.demands'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('petition_fingerprints as f')
            .select('f.petition_id')
            .whereRef('f.petition_id', '=', 'petitions.id'),
        ),
      ),
    )
    .orderBy('petitions.id')
    .limit(limit)
    .execute();
}

/**
 * Ids of the petitions naming the same petitioner: the same ID number (blind index), or the same
 * name together with the same phone (blind index); at most 50, newest first.
 */
export async function samePetitionerIds(
  db: Db,
  who: { idNumbers: readonly string[]; namePhones: ReadonlyArray<{ name: string; phone: string }> },
  exceptId?: string,
): Promise<string[]> {
  if (who.idNumbers.length === 0 && who.namePhones.length === 0) return [];
  let q = db
    .selectFrom('petitioners as pp')
    .innerJoin('petitions as p', 'p.id', 'pp.petition_id')
    .select(['p.id', 'p.received_on'])
    .distinct()
    .where((eb) =>
      eb.or([
        ...(who.idNumbers.length ? [eb('pp.id_number_index', 'in', [...who.idNumbers])] : []),
        ...who.namePhones.map((x) =>
          eb.and([eb('pp.phone_index', '=', x.phone), eb('pp.name', '=', x.name)]),
        ),
      ]),
    );
  if (exceptId) q = q.where('p.id', '!=', exceptId);
  const rows = await q.orderBy('p.received_on', 'desc').orderBy('p.id').limit(50).execute();
  return rows.map((r) => r.id);
}

/** The cases among `ids` the actor may see (visibility rule of the petitions module), with what a candidate list shows. */
export async function visibleCases(db: Db, actor: Actorish, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('petitions')
    .innerJoin('units as u', 'u.id', 'petitions.unit_id')
    .select([
      'petitions.id',
      'petitions.number',
      'petitions.title',
      'petitions.status',
      'petitions.received_on',
      'petitions.merged_into_id',
      'petitions.unit_id',
      'u.name as unit_name',
    ])
    .where('petitions.id', 'in', [...ids])
    .where('petitions.id', 'in', visiblePetitionIds(db, actor).where('petitions.id', 'in', [...ids]))
    .execute();
}

/** The cases merged into a case (oldest first), with their numbers, that the actor may see. */
export function mergedFrom(db: Db, actor: Actorish, petitionId: string) {
  return db
    .selectFrom('petitions')
    .select(['petitions.id', 'petitions.number', 'petitions.received_on', 'petitions.classification'])
    .where('petitions.merged_into_id', '=', petitionId)
    .where(
      'petitions.id',
      'in',
      visiblePetitionIds(db, actor).where('petitions.merged_into_id', '=', petitionId),
    )
    .orderBy('petitions.received_on')
    .orderBy('petitions.number')
    .execute();
}

/** The petitioners of cases merged into a case, for the target's view (masked fields only). */
export function petitionersOfMerged(db: Db, petitionIds: readonly string[]) {
  if (petitionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('petitioners')
    .selectAll()
    .where('petition_id', 'in', [...petitionIds])
    .orderBy('petition_id')
    .orderBy('sort_order')
    .execute();
}
