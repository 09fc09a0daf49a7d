import type { Db } from '../../platform/db/schema.ts';
import type { Actor } from '../../platform/http/context.ts';
import { PETITION_OWNER } from '../petitions/documents/index.ts';
import { visiblePetitionIds } from '../petitions/petitions.repository.ts';
import type {
  PetitionEvaluationsTable,
  PortalChallengesTable,
  PortalRateEventsTable,
  PortalUploadsTable,
  ReturnVisitsTable,
} from './portal.tables.ts';

// All SQL of the portal module. Rate events and challenges are keyed by a hashed address only.
// Return visits are scoped like petitions: the visit's unit in the actor's subtree AND the case
// visible to the actor (so an accusation never reaches the accused unit this way either).

/** The owner type of a file uploaded in the portal and not yet submitted. */
export const UPLOAD_OWNER = 'portal_upload';

/** Units that accept online petitions, in tree order. */
export function listOnlineUnits(db: Db) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'kind', 'parent_id'])
    .where('accepts_online', '=', 1)
    .orderBy('depth')
    .orderBy('path')
    .execute();
}

/** How many events of a kind an address caused after an instant (indexed on ip_hash, kind, at). */
export async function countRateEvents(db: Db, ipHash: string, kind: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('portal_rate_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip_hash', '=', ipHash)
    .where('kind', '=', kind)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The time of the oldest event of a kind an address caused after an instant. */
export async function oldestRateEventSince(
  db: Db,
  ipHash: string,
  kind: string,
  since: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('portal_rate_events')
    .select('at')
    .where('ip_hash', '=', ipHash)
    .where('kind', '=', kind)
    .where('at', '>', since)
    .orderBy('at')
    .limit(1)
    .executeTakeFirst();
  return row?.at;
}

/** Records one counted event. */
export async function insertRateEvent(db: Db, row: PortalRateEventsTable): Promise<void> {
  await db.insertInto('portal_rate_events').values(row).execute();
}

/** Deletes an address's events older than an instant (or everybody's when ipHash is null). */
export async function purgeRateEvents(db: Db, ipHash: string | null, before: string): Promise<void> {
  let q = db.deleteFrom('portal_rate_events').where('at', '<', before);
  if (ipHash) q = q.where('ip_hash', '=', ipHash);
  await q.execute();
}

/** Stores an issued challenge. */
export async function insertChallenge(db: Db, row: PortalChallengesTable): Promise<void> {
  await db.insertInto('portal_challenges').values(row).execute();
}

/** A challenge of an address still unanswered and unexpired at `now`. */
export function findLiveChallenge(db: Db, id: string, ipHash: string, now: string) {
  return db
    .selectFrom('portal_challenges')
    .selectAll()
    .where('id', '=', id)
    .where('ip_hash', '=', ipHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Spends a challenge; false when it was already spent (another request won it). */
export async function spendChallenge(db: Db, id: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('portal_challenges')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Deletes challenges that expired before an instant. */
export async function purgeChallenges(db: Db, before: string): Promise<void> {
  await db.deleteFrom('portal_challenges').where('expires_at', '<', before).execute();
}

/** The evaluation of one opinion (stage) of a case, if given. */
export function findEvaluation(db: Db, petitionId: string, stage: string) {
  return db
    .selectFrom('petition_evaluations')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .where('stage', '=', stage)
    .executeTakeFirst();
}

/** Stores an evaluation; false when that opinion was already rated (unique per case and stage). */
export async function insertEvaluation(db: Db, row: PetitionEvaluationsTable): Promise<boolean> {
  const res = await db
    .insertInto('petition_evaluations')
    .values(row)
    .onConflict((oc) => oc.columns(['petition_id', 'stage']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Opens a return visit. */
export async function insertReturnVisit(db: Db, row: ReturnVisitsTable): Promise<void> {
  await db.insertInto('return_visits').values(row).execute();
}

type Actorish = Pick<Actor, 'userId' | 'unitPath' | 'roles'>;

/** Return visits with what their presentation needs, before any condition. */
function returnVisitRows(db: Db) {
  return db
    .selectFrom('return_visits as rv')
    .innerJoin('units as ru', 'ru.id', 'rv.unit_id')
    .innerJoin('petitions as p', 'p.id', 'rv.petition_id')
    .innerJoin('petition_evaluations as ev', 'ev.id', 'rv.evaluation_id')
    .leftJoin('users as cu', 'cu.id', 'rv.completed_by');
}

/** The scope of return visits: the unit in the actor's subtree and the case visible to the actor. */
function scoped(db: Db, actor: Actorish) {
  return returnVisitRows(db)
    .where('ru.path', 'like', `${actor.unitPath}%`)
    .where('rv.petition_id', 'in', visiblePetitionIds(db, actor));
}

const COLUMNS = [
  'rv.id',
  'rv.petition_id',
  'rv.unit_id',
  'rv.due',
  'rv.status',
  'rv.outcome',
  'rv.note',
  'rv.completed_at',
  'rv.created_at',
  'ru.name as unit_name',
  'p.number as petition_number',
  'p.title as petition_title',
  'ev.rating',
  'ev.stage',
  'ev.comment',
  'cu.name as completed_by_name',
] as const;

export type ReturnVisitRow = Pick<
  ReturnVisitsTable,
  'id' | 'petition_id' | 'unit_id' | 'due' | 'status' | 'outcome' | 'note' | 'completed_at' | 'created_at'
> & {
  unit_name: string;
  petition_number: string;
  petition_title: string;
  rating: string;
  stage: string;
  comment: string | null;
  completed_by_name: string | null;
};

/** One page of the return visits of a status the actor may see, earliest due first, and their total. */
export async function listReturnVisits(
  db: Db,
  actor: Actorish,
  f: { status: 'open' | 'done'; page: number; pageSize: number },
): Promise<{ rows: ReturnVisitRow[]; total: number }> {
  const q = scoped(db, actor).where('rv.status', '=', f.status);
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([...COLUMNS])
    .orderBy(f.status === 'open' ? 'rv.due' : 'rv.completed_at', f.status === 'open' ? 'asc' : 'desc')
    .orderBy('rv.created_at')
    .orderBy('rv.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(count.n) };
}

/** A return visit the actor may see, or undefined (404). */
export function findReturnVisitInScope(
  db: Db,
  actor: Actorish,
  id: string,
): Promise<ReturnVisitRow | undefined> {
  return scoped(db, actor)
    .where('rv.id', '=', id)
    .select([...COLUMNS])
    .executeTakeFirst();
}

/** Records the outcome of an open return visit; false when it was no longer open. */
export async function completeReturnVisit(
  db: Db,
  id: string,
  patch: { outcome: string; note: string; completed_by: string; completed_at: string },
): Promise<boolean> {
  const res = await db
    .updateTable('return_visits')
    .set({ ...patch, status: 'done' })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Stores a pending upload of the portal. */
export async function insertUpload(db: Db, row: PortalUploadsTable): Promise<void> {
  await db.insertInto('portal_uploads').values(row).execute();
}

/** The unused, unexpired upload of a token hash with its file's name, type and size, or undefined. */
export function findLiveUpload(db: Db, tokenHash: string, now: string) {
  return db
    .selectFrom('portal_uploads as u')
    .innerJoin('files as f', 'f.id', 'u.file_id')
    .select(['u.id', 'u.file_id', 'f.file_name', 'f.media_type', 'f.size', 'f.sha256'])
    .where('u.token_hash', '=', tokenHash)
    .where('u.used_at', 'is', null)
    .where('u.expires_at', '>', now)
    .executeTakeFirst();
}

/**
 * Marks an upload used by a petition and hands its file to the petition as an attachment; false
 * when a concurrent submission took it first (the conditional update changes no row).
 */
export async function claimUpload(
  db: Db,
  upload: { id: string; file_id: string },
  petitionId: string,
  fileKind: string,
  now: string,
): Promise<boolean> {
  const res = await db
    .updateTable('portal_uploads')
    .set({ used_at: now, petition_id: petitionId })
    .where('id', '=', upload.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await db
    .updateTable('files')
    .set({ owner_type: PETITION_OWNER, owner_id: petitionId, kind: fileKind })
    .where('id', '=', upload.file_id)
    .where('owner_type', '=', UPLOAD_OWNER)
    .execute();
  return true;
}

/** Up to `limit` uploads that expired unused before `now`, with their files' storage paths. */
export function listExpiredUploads(db: Db, now: string, limit: number) {
  return db
    .selectFrom('portal_uploads as u')
    .innerJoin('files as f', 'f.id', 'u.file_id')
    .select(['u.id', 'u.file_id', 'f.storage_path'])
    .where('u.used_at', 'is', null)
    .where('u.expires_at', '<=', now)
    .where('f.owner_type', '=', UPLOAD_OWNER)
    .orderBy('u.expires_at')
    .limit(limit)
    .execute();
}

/** Deletes unused uploads and their pending files' rows (never a file a petition owns). */
export async function deleteUploads(db: Db, uploads: readonly { id: string; file_id: string }[]) {
  if (!uploads.length) return;
  await db
    .deleteFrom('portal_uploads')
    .where(
      'id',
      'in',
      uploads.map((u) => u.id),
    )
    .where('used_at', 'is', null)
    .execute();
  await db
    .deleteFrom('files')
    .where(
      'id',
      'in',
      uploads.map((u) => u.file_id),
    )
    .where('owner_type', '=', UPLOAD_OWNER)
    .execute();
}
