// Row types of the petitions tables (migration 2026-11-29T12-20-00-petitions), declared on the
// platform's Database by module augmentation. Dates are 'YYYY-MM-DD' text, timestamps ISO text,
// booleans 0/1. Personal fields exist only as SM4 tokens, blind indexes and masked forms.

export interface PetitionCategoriesTable {
  id: string;
  name: string;
  sort_order: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface PetitionCountersTable {
  unit_id: string;
  year: number;
  last: number;
}

export interface PetitionsTable {
  id: string;
  number: string;
  registered_unit_id: string;
  number_year: number;
  number_seq: number;
  /** The unit that owns the case now (the receiving unit after a transfer). */
  unit_id: string;
  /** The unit that transferred it here (visible to the sender while transferred or objected). */
  sender_unit_id: string | null;
  objection_raised: number;
  channel: string;
  classification: string;
  category_id: string;
  title: string;
  content: string;
  demands: string;
  people_count: number;
  received_on: string;
  status: string;
  /** Bumped by every transition; an update names the version it read (no lost updates). */
  version: number;
  query_code_enc: string;
  query_code_index: string;
  simple_track: number;
  handler_id: string | null;
  handling_unit_id: string | null;
  opinion: string | null;
  instruction: string | null;
  extended_days: number | null;
  redirect_route: string | null;
  redirect_note: string | null;
  rejection_reason: string | null;
  answer_unit_id: string | null;
  answer_on: string | null;
  answer_decision: string | null;
  answer_text: string | null;
  answer_facts: string | null;
  answer_reasons: string | null;
  answer_legal_basis: string | null;
  review_unit_id: string | null;
  review_requested_on: string | null;
  review_request_reason: string | null;
  review_on: string | null;
  review_decision: string | null;
  review_text: string | null;
  rereview_unit_id: string | null;
  rereview_requested_on: string | null;
  rereview_request_reason: string | null;
  rereview_on: string | null;
  rereview_decision: string | null;
  rereview_text: string | null;
  accused_unit_id: string | null;
  accused_user_id: string | null;
  accused_name: string | null;
  /** The case this registration was linked into (same matter handled below, Art 19 ¶3; migration 2026-11-29T14-00-00-petition-links). */
  linked_into_id: string | null;
  /** The day of the latest step: a later step may not be dated before it. */
  last_on: string;
  /** The earliest open duty deadline, kept for sorting and the overdue filter. */
  next_due: string | null;
  next_due_kind: string | null;
  calendar_warning: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface PetitionersTable {
  id: string;
  petition_id: string;
  sort_order: number;
  name: string;
  id_number_enc: string | null;
  id_number_index: string | null;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_index: string | null;
  phone_masked: string | null;
  address: string | null;
  is_representative: number;
}

export interface PetitionEventsTable {
  id: string;
  petition_id: string;
  seq: number;
  action: string;
  at: string;
  happened_on: string;
  actor_id: string | null;
  actor_name: string;
  actor_unit_id: string | null;
  note: string | null;
  data_json: string | null;
  document_id: string | null;
}

export interface PetitionDeadlinesTable {
  petition_id: string;
  kind: string;
  due: string;
  rule: string;
  rule_id: string;
  label: string;
  start_on: string;
  flags_json: string;
  /** open or met; "overdue" is open past `due`, decided when read. */
  status: string;
  met_on: string | null;
}

export interface PetitionCoHandlersTable {
  petition_id: string;
  user_id: string;
}

export interface PetitionInterestsTable {
  id: string;
  petition_id: string;
  user_id: string;
  reason: string;
  created_at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    petition_categories: PetitionCategoriesTable;
    petition_counters: PetitionCountersTable;
    petitions: PetitionsTable;
    petitioners: PetitionersTable;
    petition_events: PetitionEventsTable;
    petition_deadlines: PetitionDeadlinesTable;
    petition_co_handlers: PetitionCoHandlersTable;
    petition_interests: PetitionInterestsTable;
  }
}
