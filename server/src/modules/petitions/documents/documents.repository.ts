import type { Db } from '../../../platform/db/schema.ts';
import type { OfficialDocumentsTable } from './documents.schema.ts';

/**
 * Takes the next document number of a unit in a year, atomically (an upsert that locks the
 * counter row until the transaction ends), so two documents never share a number.
 */
export async function nextDocumentSeq(db: Db, unitId: string, year: number): Promise<number> {
  const row = await db
    .insertInto('document_counters')
    .values({ unit_id: unitId, year, last_seq: 1 })
    .onConflict((oc) =>
      oc
        .columns(['unit_id', 'year'])
        .doUpdateSet((eb) => ({ last_seq: eb('document_counters.last_seq', '+', 1) })),
    )
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

/** Records an issued document. */
export async function insertOfficialDocument(db: Db, row: OfficialDocumentsTable): Promise<void> {
  await db.insertInto('official_documents').values(row).execute();
}

/** The documents of one owner, in the order they were issued. */
export async function listOfficialDocuments(
  db: Db,
  ownerType: string,
  ownerId: string,
): Promise<OfficialDocumentsTable[]> {
  return db
    .selectFrom('official_documents')
    .selectAll()
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .orderBy('created_at')
    .orderBy('year')
    .orderBy('seq')
    .execute();
}

/** One document by its file id, or undefined. */
export async function findOfficialDocument(
  db: Db,
  fileId: string,
): Promise<OfficialDocumentsTable | undefined> {
  return db.selectFrom('official_documents').selectAll().where('file_id', '=', fileId).executeTakeFirst();
}
