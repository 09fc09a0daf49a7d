import type { Kysely } from 'kysely';

// Frozen once committed: imported holiday schedules (calendar years) and per-unit deadline settings.
// Timestamps are ISO-8601 UTC text and booleans are 0/1 integers on both dialects.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('schedule_json', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('revision', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('unit_deadline_settings')
    .addColumn('unit_id', 'text', (c) => c.primaryKey().references('units.id'))
    .addColumn('simple_track', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('overrides_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit_deadline_settings').ifExists().execute();
  await db.schema.dropTable('calendar_years').ifExists().execute();
}
