import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen once committed: the full-text index of petitions (ADR 0007). The same space-joined token
// string goes into an FTS5 table on SQLite and a GIN-indexed tsvector on PostgreSQL. Petitions
// registered before this migration are indexed by the job `search.reindex`, enqueued here (the
// migration cannot run application code); search misses them until that job has run.

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema
      .createTable('petition_search')
      .addColumn('petition_id', 'text', (c) => c.primaryKey().references('petitions.id'))
      .addColumn('vector', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`CREATE INDEX petition_search_vector_idx ON petition_search USING gin (vector)`.execute(db);
  } else {
    // FTS5 rows are keyed by an integer; this table maps them to petitions.
    await db.schema
      .createTable('petition_search_docs')
      .addColumn('doc', 'integer', (c) => c.primaryKey())
      .addColumn('petition_id', 'text', (c) => c.notNull().unique().references('petitions.id'))
      .execute();
    await sql`CREATE VIRTUAL TABLE petition_search USING fts5(tokens, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0')`.execute(
      db,
    );
    await sql`INSERT INTO petition_search (petition_search, rank) VALUES ('secure-delete', 1)`.execute(db);
  }
  const existing = await db.selectFrom('petitions').select('id').limit(1).executeTakeFirst();
  if (existing) {
    const now = new Date().toISOString();
    await db
      .insertInto('jobs')
      .values({
        id: 'search.reindex:2026-11-29T15-00-00-search',
        name: 'search.reindex',
        payload: JSON.stringify({ reason: 'migration 2026-11-29T15-00-00-search' }),
        status: 'queued',
        run_at: now,
        attempts: 0,
        max_attempts: 5,
        created_at: now,
      })
      .execute();
  }
}
