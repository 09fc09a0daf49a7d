import type { Kysely } from 'kysely';

// Frozen once committed: supervision (督查督办). Settings per unit ('*' = the whole system) for the
// reminder window and the reply time of a notice; a counter per issuing unit and year for notice
// numbers; and the notices (督办单), one row per step of the ladder 督办 → 约谈 → 通报 → 挂牌督办,
// the steps of one matter sharing root_id. dedup_key makes the overdue notice of a (case,
// deadline, due) and the escalation of a step exist once, however many sweeps run.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supervision_settings')
    .addColumn('unit_id', 'text', (c) => c.primaryKey())
    .addColumn('remind_days', 'integer', (c) => c.notNull())
    .addColumn('reply_working_days', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('supervision_counters')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_counters_pk', ['unit_id', 'year'])
    .execute();

  await db.schema
    .createTable('supervision_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('root_id', 'text', (c) => c.notNull())
    .addColumn('escalated_from_id', 'text', (c) => c.references('supervision_notices.id'))
    .addColumn('dedup_key', 'text', (c) => c.unique())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id'))
    .addColumn('deadline_kind', 'text')
    .addColumn('deadline_due', 'text')
    .addColumn('responsible_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('issuing_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('issued_to', 'text', (c) => c.references('users.id'))
    .addColumn('issued_by', 'text', (c) => c.references('users.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reply_due', 'text', (c) => c.notNull())
    .addColumn('reply_text', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('replied_by', 'text', (c) => c.references('users.id'))
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .addColumn('close_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_notices_status_due_idx')
    .on('supervision_notices')
    .columns(['status', 'reply_due'])
    .execute();
  await db.schema
    .createIndex('supervision_notices_petition_idx')
    .on('supervision_notices')
    .column('petition_id')
    .execute();
  await db.schema
    .createIndex('supervision_notices_root_idx')
    .on('supervision_notices')
    .column('root_id')
    .execute();
  await db.schema
    .createIndex('supervision_notices_issued_to_idx')
    .on('supervision_notices')
    .column('issued_to')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('supervision_notices').ifExists().execute();
  await db.schema.dropTable('supervision_counters').ifExists().execute();
  await db.schema.dropTable('supervision_settings').ifExists().execute();
}
