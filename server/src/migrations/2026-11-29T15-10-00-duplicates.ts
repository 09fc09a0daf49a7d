import type { Kysely } from 'kysely';

// Frozen once committed: near-duplicate fingerprints (petitions/duplicates) — one row per petition
// with its sorted word shingles for the exact comparison, and one row per LSH band key (the key
// is band·2^32 + a 32-bit hash of the band's MinHash rows), indexed, so a new petition reads only
// the petitions that share a band with it. Merging (信访事项合并): the case a petition was merged
// into, null for every other case.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('petition_fingerprints')
    .addColumn('petition_id', 'text', (c) => c.primaryKey().references('petitions.id'))
    .addColumn('shingles', 'text', (c) => c.notNull())
    .addColumn('shingle_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('petition_fingerprint_bands')
    .addColumn('band_key', 'bigint', (c) => c.notNull())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id'))
    .addPrimaryKeyConstraint('petition_fingerprint_bands_pk', ['band_key', 'petition_id'])
    .execute();
  await db.schema
    .alterTable('petitions')
    .addColumn('merged_into_id', 'text', (c) => c.references('petitions.id'))
    .execute();
  await db.schema.createIndex('petitions_merged_into_idx').on('petitions').column('merged_into_id').execute();
}
