import { type Kysely, sql } from 'kysely';

// Frozen once committed: reception slots (领导接访日) with their capacity and a booked counter that
// is only ever raised by a guarded UPDATE (never overbooked), appointments (约访) with the phone
// SM4-encrypted, and the reception log of walk-in and group visits. Dates 'YYYY-MM-DD', times 'HH:MM'.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reception_slots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('leader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('booked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('reception_slots_booked_ck', sql`booked >= 0 AND booked <= capacity`)
    .execute();
  await db.schema
    .createIndex('reception_slots_unit_date_idx')
    .on('reception_slots')
    .columns(['unit_id', 'date'])
    .execute();
  await db.schema.createIndex('reception_slots_date_idx').on('reception_slots').column('date').execute();

  await db.schema
    .createTable('reception_appointments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slot_id', 'text', (c) => c.notNull().references('reception_slots.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('phone_masked', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reception_appointments_slot_idx')
    .on('reception_appointments')
    .column('slot_id')
    .execute();

  await db.schema
    .createTable('receptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('people_count', 'integer', (c) => c.notNull())
    .addColumn('petition_id', 'text', (c) => c.references('petitions.id'))
    .addColumn('leader_id', 'text', (c) => c.references('users.id'))
    .addColumn('required_leader_level', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('receptions_unit_on_idx')
    .on('receptions')
    .columns(['unit_id', 'on_date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('receptions').ifExists().execute();
  await db.schema.dropTable('reception_appointments').ifExists().execute();
  await db.schema.dropTable('reception_slots').ifExists().execute();
}
