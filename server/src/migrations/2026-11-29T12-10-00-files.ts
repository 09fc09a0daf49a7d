import type { Kysely } from 'kysely';

// Frozen: the file store (attachments and generated documents, bytes under <dataDir>/files) and
// the official documents with their numbers (文号), counted per issuing unit and year.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_path', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('files_owner_idx').on('files').columns(['owner_type', 'owner_id']).execute();

  await db.schema
    .createTable('document_counters')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_counters_pk', ['unit_id', 'year'])
    .execute();

  await db.schema
    .createTable('official_documents')
    .addColumn('file_id', 'text', (c) => c.primaryKey().references('files.id'))
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('official_documents_seq_uq', ['unit_id', 'year', 'seq'])
    .execute();
  await db.schema
    .createIndex('official_documents_owner_idx')
    .on('official_documents')
    .columns(['owner_type', 'owner_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['official_documents', 'document_counters', 'files']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
