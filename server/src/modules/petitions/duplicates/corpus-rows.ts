import { newId } from '../../../platform/crypto/ids.ts';
import type { KeyRing } from '../../../platform/crypto/sm4.ts';
import type { Db } from '../../../platform/db/schema.ts';
import { idNumberIndex, maskIdNumber } from '../personal-data.ts';
import { newPetitionRow } from '../petition-row.ts';
import type { PetitionersTable, PetitionsTable } from '../petitions.tables.ts';
import type { CorpusPetition } from './corpus.ts';
import { encodeShingles, type Fingerprint } from './fingerprint.ts';

// Generated petitions as database rows, for the measurement test and the bench: a petition row
// at a unit (status registered, no deadlines), its petitioner with the ID number's blind index,
// and its fingerprint — the rows detection reads, written without the registration's other work.
// Numbered in the year 2000, apart from the numbers registration draws.

/** A petition row and its petitioner row for a generated petition. */
export function corpusRows(
  keys: KeyRing,
  p: CorpusPetition,
  at: { unitId: string; categoryId: string; now: string; prefix: string },
): { petition: PetitionsTable; petitioner: PetitionersTable } {
  const id = newId();
  const receivedOn = `2026-${String(1 + (Math.floor(p.index / 4000) % 10)).padStart(2, '0')}-${String(1 + (p.index % 28)).padStart(2, '0')}`;
  return {
    petition: newPetitionRow({
      id,
      number: `${at.prefix}〔2000〕${p.index + 1}号`,
      registered_unit_id: at.unitId,
      number_year: 2000,
      number_seq: p.index + 1,
      unit_id: at.unitId,
      channel: 'letter',
      classification: 'appeal',
      category_id: at.categoryId,
      title: p.title,
      content: p.content,
      demands: p.demands,
      people_count: 1,
      received_on: receivedOn,
      query_code_enc: 'generated',
      query_code_index: `generated-${id}`,
      last_on: receivedOn,
      created_at: at.now,
      updated_at: at.now,
    }),
    petitioner: {
      id: newId(),
      petition_id: id,
      sort_order: 1,
      name: p.petitionerName,
      id_number_enc: null,
      id_number_index: idNumberIndex(keys, p.idNumber),
      id_number_masked: maskIdNumber(p.idNumber),
      phone_enc: null,
      phone_index: null,
      phone_masked: null,
      address: null,
      is_representative: 0,
    },
  };
}

/**
 * Inserts generated petitions with their petitioners, fingerprints and band keys, one statement
 * per table (keep batches ≤ 400 rows: 24 band keys each stay under the databases' parameter limits).
 */
export async function insertCorpusRows(
  db: Db,
  rows: ReadonlyArray<{ petition: PetitionsTable; petitioner: PetitionersTable; fp: Fingerprint }>,
  now: string,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('petitions')
    .values(rows.map((r) => r.petition))
    .execute();
  await db
    .insertInto('petitioners')
    .values(rows.map((r) => r.petitioner))
    .execute();
  await db
    .insertInto('petition_fingerprints')
    .values(
      rows.map((r) => ({
        petition_id: r.petition.id,
        shingles: encodeShingles(r.fp.shingles),
        shingle_count: r.fp.shingles.length,
        created_at: now,
      })),
    )
    .execute();
  const bands = rows.flatMap((r) => r.fp.bands.map((band_key) => ({ band_key, petition_id: r.petition.id })));
  if (bands.length) await db.insertInto('petition_fingerprint_bands').values(bands).execute();
}
