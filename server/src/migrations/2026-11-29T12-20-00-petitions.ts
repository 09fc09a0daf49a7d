import crypto from 'node:crypto';
import type { Kysely } from 'kysely';

// Frozen once committed: petitions (信访事项) with their petitioners, timeline, deadlines,
// co-handlers, declared interests (回避), the per-unit number counters and the category
// dictionary. Timestamps are ISO-8601 UTC text, dates 'YYYY-MM-DD' text, booleans 0/1 integers.
// ID numbers and phones are stored only as SM4 tokens, keyed-SM3 blind indexes and masked forms.

/** The seed of the category dictionary (domain.md "Intake"). */
const CATEGORIES = [
  '劳资纠纷',
  '征地拆迁',
  '问题楼盘',
  '医患纠纷',
  '涉众型金融',
  '涉军(退役军人)',
  '涉法涉诉',
  '外嫁女权益',
  '社会保障',
  '城乡建设',
  '农业农村',
  '生态环境',
  '教育',
  '卫生健康',
  '其他',
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('petition_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  await db
    .insertInto('petition_categories')
    .values(
      CATEGORIES.map((name, i) => ({
        id: crypto.randomUUID(),
        name,
        sort_order: (i + 1) * 10,
        active: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();

  // Case numbers per registering unit and year: incremented inside the registering transaction,
  // never decremented, so a committed number is never given again.
  await db.schema
    .createTable('petition_counters')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('petition_counters_pk', ['unit_id', 'year'])
    .execute();

  await db.schema
    .createTable('petitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('registered_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('number_year', 'integer', (c) => c.notNull())
    .addColumn('number_seq', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('sender_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('objection_raised', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull().references('petition_categories.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('demands', 'text', (c) => c.notNull())
    .addColumn('people_count', 'integer', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('query_code_enc', 'text', (c) => c.notNull())
    .addColumn('query_code_index', 'text', (c) => c.notNull().unique())
    .addColumn('simple_track', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('handler_id', 'text', (c) => c.references('users.id'))
    .addColumn('handling_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('opinion', 'text')
    .addColumn('instruction', 'text')
    .addColumn('extended_days', 'integer')
    .addColumn('redirect_route', 'text')
    .addColumn('redirect_note', 'text')
    .addColumn('rejection_reason', 'text')
    .addColumn('answer_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('answer_on', 'text')
    .addColumn('answer_decision', 'text')
    .addColumn('answer_text', 'text')
    .addColumn('answer_facts', 'text')
    .addColumn('answer_reasons', 'text')
    .addColumn('answer_legal_basis', 'text')
    .addColumn('review_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('review_requested_on', 'text')
    .addColumn('review_request_reason', 'text')
    .addColumn('review_on', 'text')
    .addColumn('review_decision', 'text')
    .addColumn('review_text', 'text')
    .addColumn('rereview_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('rereview_requested_on', 'text')
    .addColumn('rereview_request_reason', 'text')
    .addColumn('rereview_on', 'text')
    .addColumn('rereview_decision', 'text')
    .addColumn('rereview_text', 'text')
    .addColumn('accused_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('accused_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('accused_name', 'text')
    .addColumn('last_on', 'text', (c) => c.notNull())
    .addColumn('next_due', 'text')
    .addColumn('next_due_kind', 'text')
    .addColumn('calendar_warning', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('petitions_number_uq')
    .on('petitions')
    .columns(['registered_unit_id', 'number_year', 'number_seq'])
    .unique()
    .execute();
  await db.schema
    .createIndex('petitions_unit_idx')
    .on('petitions')
    .columns(['unit_id', 'received_on'])
    .execute();
  await db.schema
    .createIndex('petitions_handling_unit_idx')
    .on('petitions')
    .column('handling_unit_id')
    .execute();
  await db.schema.createIndex('petitions_sender_unit_idx').on('petitions').column('sender_unit_id').execute();
  await db.schema.createIndex('petitions_status_idx').on('petitions').column('status').execute();
  await db.schema.createIndex('petitions_next_due_idx').on('petitions').column('next_due').execute();
  await db.schema.createIndex('petitions_received_idx').on('petitions').column('received_on').execute();

  await db.schema
    .createTable('petitioners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_index', 'text')
    .addColumn('id_number_masked', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_index', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('address', 'text')
    .addColumn('is_representative', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('petitioners_petition_idx').on('petitioners').column('petition_id').execute();
  await db.schema
    .createIndex('petitioners_id_number_idx')
    .on('petitioners')
    .column('id_number_index')
    .execute();
  await db.schema.createIndex('petitioners_phone_idx').on('petitioners').column('phone_index').execute();

  await db.schema
    .createTable('petition_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('happened_on', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('actor_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('note', 'text')
    .addColumn('data_json', 'text')
    .addColumn('document_id', 'text')
    .execute();
  await db.schema
    .createIndex('petition_events_seq_uq')
    .on('petition_events')
    .columns(['petition_id', 'seq'])
    .unique()
    .execute();

  await db.schema
    .createTable('petition_deadlines')
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('start_on', 'text', (c) => c.notNull())
    .addColumn('flags_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('met_on', 'text')
    .addPrimaryKeyConstraint('petition_deadlines_pk', ['petition_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('petition_deadlines_due_idx')
    .on('petition_deadlines')
    .columns(['status', 'due'])
    .execute();

  await db.schema
    .createTable('petition_co_handlers')
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('petition_co_handlers_pk', ['petition_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('petition_co_handlers_user_idx')
    .on('petition_co_handlers')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('petition_interests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petitions.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('petition_interests_uq')
    .on('petition_interests')
    .columns(['petition_id', 'user_id'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'petition_interests',
    'petition_co_handlers',
    'petition_deadlines',
    'petition_events',
    'petitioners',
    'petitions',
    'petition_counters',
    'petition_categories',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
