import { sql } from 'kysely';
import type { Db } from '../../../platform/db/schema.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { type PetitionFilter, visiblePetitionQuery, withListColumns } from '../petitions.repository.ts';

// SQL of the ledger: the export reads the cases the actor may see with the list's own filtered
// query (scope and confidentiality in SQL), in keyset batches by (received_on, id) so that no
// more than one batch is ever in memory; the import resolves unit names in the caller's scope.

type Actorish = Pick<Actor, 'userId' | 'unitPath' | 'roles'>;

/** Where the previous batch ended: the last row's received date and id. */
export interface LedgerCursor {
  receivedOn: string;
  id: string;
}

/**
 * The next batch of ledger rows the actor may see that match the list's filter, oldest received
 * first (ties by id), strictly after the cursor.
 */
export function ledgerBatch(
  db: Db,
  actor: Actorish,
  filter: PetitionFilter,
  after: LedgerCursor | null,
  limit: number,
) {
  let q = withListColumns(visiblePetitionQuery(db, actor, filter)).select([
    'petitions.content',
    'petitions.demands',
    'petitions.people_count',
    'petitions.handler_id',
    'petitions.answer_on',
    'petitions.answer_decision',
    'petitions.answer_text',
    'hu.name as handling_unit_name',
  ]);
  // A row-value comparison, so both databases seek in the (received_on, id) index instead of scanning from the start.
  if (after)
    q = q.where(sql<boolean>`(petitions.received_on, petitions.id) > (${after.receivedOn}, ${after.id})`);
  return q.orderBy('petitions.received_on').orderBy('petitions.id').limit(limit).execute();
}

export type LedgerBatchRow = Awaited<ReturnType<typeof ledgerBatch>>[number];

/** The petitioners of the cases (names and masked personal fields only), in their order. */
export function ledgerPetitioners(db: Db, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('petitioners')
    .select(['petition_id', 'name', 'id_number_masked', 'phone_masked'])
    .where('petition_id', 'in', [...ids])
    .orderBy('petition_id')
    .orderBy('sort_order')
    .execute();
}

/** The acceptance and handling deadlines of the cases. */
export function ledgerDeadlines(db: Db, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('petition_deadlines')
    .select(['petition_id', 'kind', 'due'])
    .where('petition_id', 'in', [...ids])
    .where('kind', 'in', ['acceptance', 'handling'])
    .execute();
}

/** The petitioners' evaluations of the cases (oldest first: the last one per case counts). */
export function ledgerEvaluations(db: Db, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('petition_evaluations')
    .select(['petition_id', 'rating', 'created_at'])
    .where('petition_id', 'in', [...ids])
    .orderBy('created_at')
    .execute();
}

/** The registration entries of the cases, whose data carry what a ledger import recorded. */
export function ledgerRegistrations(db: Db, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('petition_events')
    .select(['petition_id', 'data_json'])
    .where('petition_id', 'in', [...ids])
    .where('seq', '=', 1)
    .where('action', '=', 'register')
    .execute();
}

/** Adds what the import recorded (original number, remark, satisfaction, row) to a case's registration entry. */
export async function setRegistrationData(db: Db, petitionId: string, data: unknown): Promise<void> {
  await db
    .updateTable('petition_events')
    .set({ data_json: JSON.stringify(data) })
    .where('petition_id', '=', petitionId)
    .where('seq', '=', 1)
    .execute();
}
