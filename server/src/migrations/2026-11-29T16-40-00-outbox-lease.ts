import type { Kysely } from 'kysely';

// Frozen once committed: the outbox delivery lease (ADR 0008). A delivery claims its row
// (pending → sending, lease_until = now + 1 min) in a short statement, sends with no transaction
// open, then marks the row in a second short transaction; a row left `sending` by a crashed
// worker is claimed again once its lease has expired.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notify_outbox').addColumn('lease_until', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notify_outbox').dropColumn('lease_until').execute();
}
