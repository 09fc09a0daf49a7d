import type { Kysely } from 'kysely';

// Frozen once committed: the public portal's abuse controls (rate events per hashed address and
// arithmetic challenges), the petitioner's satisfaction evaluations (kept apart from any unit
// assessment) and the return visits (回访) a dissatisfied rating opens. Addresses are stored only
// as keyed SM3 hashes. Timestamps ISO-8601 UTC text, dates 'YYYY-MM-DD' text, booleans 0/1.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('portal_rate_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ip_hash', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('portal_rate_events_key_idx')
    .on('portal_rate_events')
    .columns(['ip_hash', 'kind', 'at'])
    .execute();
  await db.schema.createIndex('portal_rate_events_at_idx').on('portal_rate_events').column('at').execute();

  await db.schema
    .createTable('portal_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ip_hash', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('portal_challenges_expires_idx')
    .on('portal_challenges')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('petition_evaluations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('petition_evaluations_stage_uq')
    .on('petition_evaluations')
    .columns(['petition_id', 'stage'])
    .unique()
    .execute();
  await db.schema
    .createIndex('petition_evaluations_unit_idx')
    .on('petition_evaluations')
    .columns(['unit_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('return_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id'))
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('petition_evaluations.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('note', 'text')
    .addColumn('completed_by', 'text', (c) => c.references('users.id'))
    .addColumn('completed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('return_visits_unit_idx')
    .on('return_visits')
    .columns(['unit_id', 'status', 'due'])
    .execute();
  await db.schema
    .createIndex('return_visits_petition_idx')
    .on('return_visits')
    .column('petition_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('return_visits').ifExists().execute();
  await db.schema.dropTable('petition_evaluations').ifExists().execute();
  await db.schema.dropTable('portal_challenges').ifExists().execute();
  await db.schema.dropTable('portal_rate_events').ifExists().execute();
}
