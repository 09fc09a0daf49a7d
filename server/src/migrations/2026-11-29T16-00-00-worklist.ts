import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen once committed: the worklist at scale (issue 4 item 6).
// - `work_open` is 1 while a case still needs the office (its status is not final: not closed,
//   redirected, rejected, finalized, merged or linked). It is a generated column computed by the
//   database from `status`, so no code path can forget it (VIRTUAL on SQLite, STORED on PostgreSQL).
//   The menu counters read only `work_open = 1` rows through the two indexes below: O(open cases).
// - Keyset paging of the list walks (received_on, id) newest first, or (coalesce(next_due,
//   '9999-12-31'), id) earliest deadline first; both are unique orders thanks to the id.
// - saved_filters: a user's named list filters (the list's query parameters as JSON).

const OPEN_WORK = sql`CASE WHEN status IN ('closed', 'redirected', 'rejected', 'finalized', 'merged', 'linked') THEN 0 ELSE 1 END`;

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('petitions')
    .addColumn('work_open', 'integer', (c) => {
      const g = c.generatedAlwaysAs(OPEN_WORK);
      return postgres ? g.stored() : g;
    })
    .execute();
  await db.schema
    .createIndex('petitions_open_handler_idx')
    .on('petitions')
    .columns(['work_open', 'handler_id'])
    .execute();
  await db.schema
    .createIndex('petitions_open_due_idx')
    .on('petitions')
    .columns(['work_open', 'next_due'])
    .execute();
  await db.schema
    .createIndex('petitions_received_id_idx')
    .on('petitions')
    .columns(['received_on', 'id'])
    .execute();
  await db.schema
    .createIndex('petitions_due_key_id_idx')
    .on('petitions')
    .expression(sql`coalesce(next_due, '9999-12-31'), id`)
    .execute();

  await db.schema
    .createTable('saved_filters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('saved_filters_user_name_uq')
    .on('saved_filters')
    .columns(['user_id', 'name'])
    .unique()
    .execute();
}
