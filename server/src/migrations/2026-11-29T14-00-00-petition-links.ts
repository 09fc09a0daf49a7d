import type { Kysely } from 'kysely';

// Frozen once committed: a registration linked into the same matter already being handled at a
// lower level (信访工作条例 Art 19 ¶3) keeps the case it joined; null for every other case.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('petitions')
    .addColumn('linked_into_id', 'text', (c) => c.references('petitions.id'))
    .execute();
  await db.schema.createIndex('petitions_linked_into_idx').on('petitions').column('linked_into_id').execute();
}
