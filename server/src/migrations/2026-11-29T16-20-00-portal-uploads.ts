import type { Kysely } from 'kysely';

// Frozen once committed: files a citizen uploads in the public portal before submitting. Each
// upload is a stored file (owner `portal_upload`) reachable only by a random token, whose SHA-256
// is kept here; it expires after a while and is used by at most one submission, which then owns
// the file. Timestamps ISO-8601 UTC text.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('portal_uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('ip_hash', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('petition_id', 'text', (c) => c.references('petitions.id'))
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('portal_uploads_expires_idx')
    .on('portal_uploads')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portal_uploads').ifExists().execute();
}
