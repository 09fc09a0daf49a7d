import { type Kysely, sql } from 'kysely';

// Frozen once committed: visits that create or join a case, per-unit group-size rules, who was
// present at a reception (staff of one or several units: joint reception 联合接访), appointments
// turned into visits or marked as no-shows, field visits (下访/带案下访/上门走访) with their
// promises, and the lead and co-units a case got from a joint reception.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reception_rules')
    .addColumn('unit_id', 'text', (c) => c.primaryKey().references('units.id'))
    .addColumn('principal_from', 'integer', (c) => c.notNull())
    .addColumn('deputy_from', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('reception_rules_order_ck', sql`deputy_from >= 1 AND principal_from > deputy_from`)
    .execute();

  await db.schema.alterTable('receptions').addColumn('received_at', 'text').execute();
  await db.schema
    .alterTable('receptions')
    .addColumn('required_leader_id', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.alterTable('receptions').addColumn('appointment_id', 'text').execute();
  await db.schema.createIndex('receptions_leader_idx').on('receptions').column('leader_id').execute();
  await db.schema.createIndex('receptions_petition_idx').on('receptions').column('petition_id').execute();

  await db.schema
    .createTable('reception_units')
    .addColumn('reception_id', 'text', (c) => c.notNull().references('receptions.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reception_units_pk', ['reception_id', 'unit_id'])
    .execute();
  await db.schema
    .createTable('reception_staff')
    .addColumn('reception_id', 'text', (c) => c.notNull().references('receptions.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('reception_staff_pk', ['reception_id', 'user_id'])
    .execute();

  await db.schema
    .alterTable('reception_appointments')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('booked'))
    .execute();
  await db.schema.alterTable('reception_appointments').addColumn('status_at', 'text').execute();
  await db.schema.alterTable('reception_appointments').addColumn('reception_id', 'text').execute();

  await db.schema
    .createTable('field_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('met_with', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('field_visits_petition_idx').on('field_visits').column('petition_id').execute();
  await db.schema
    .createTable('field_visit_visitors')
    .addColumn('visit_id', 'text', (c) => c.notNull().references('field_visits.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('field_visit_visitors_pk', ['visit_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('field_visit_promises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('field_visits.id'))
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('done_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('field_visit_promises_petition_idx')
    .on('field_visit_promises')
    .columns(['petition_id', 'due_on'])
    .execute();

  await db.schema
    .createTable('petition_joint_units')
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('reception_id', 'text', (c) => c.notNull().references('receptions.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('petition_joint_units_pk', ['petition_id', 'unit_id'])
    .execute();
}
