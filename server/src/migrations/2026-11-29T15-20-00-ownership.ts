import type { Kysely } from 'kysely';

// Frozen once committed: case ownership (领导包案). One row per owned case holds the owning leader,
// the case plan ("一人一策、一事一案") and the outcome; `open` is 1 until the outcome is recorded, and
// the board reads only (leader_id, open = 1). Measures, progress entries and handovers hang off the
// case. Dates 'YYYY-MM-DD', timestamps ISO text, booleans 0/1.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ownerships')
    .addColumn('petition_id', 'text', (c) => c.primaryKey().references('petitions.id'))
    .addColumn('leader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('demand', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('policy_basis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_contact_on', 'text')
    .addColumn('last_progress_on', 'text')
    .addColumn('outcome_type', 'text')
    .addColumn('outcome_assistance_kind', 'text')
    .addColumn('outcome_amount', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('outcome_on', 'text')
    .addColumn('outcome_by', 'text', (c) => c.references('users.id'))
    .addColumn('taken_on', 'text', (c) => c.notNull())
    .addColumn('taken_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ownerships_leader_open_idx')
    .on('ownerships')
    .columns(['leader_id', 'open'])
    .execute();

  await db.schema
    .createTable('ownership_measures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('ownerships.petition_id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done_on', 'text')
    .execute();
  await db.schema
    .createIndex('ownership_measures_petition_idx')
    .on('ownership_measures')
    .column('petition_id')
    .execute();

  await db.schema
    .createTable('ownership_progress')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('ownerships.petition_id'))
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ownership_progress_petition_idx')
    .on('ownership_progress')
    .columns(['petition_id', 'on_date'])
    .execute();

  await db.schema
    .createTable('ownership_handovers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('ownerships.petition_id'))
    .addColumn('from_leader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('to_leader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ownership_handovers_petition_idx')
    .on('ownership_handovers')
    .column('petition_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ownership_handovers').ifExists().execute();
  await db.schema.dropTable('ownership_progress').ifExists().execute();
  await db.schema.dropTable('ownership_measures').ifExists().execute();
  await db.schema.dropTable('ownerships').ifExists().execute();
}
