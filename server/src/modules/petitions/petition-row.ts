import type { PetitionsTable } from './petitions.tables.ts';

/** The columns a registration decides; everything the lifecycle fills in later may be given too. */
export type NewPetitionFields = Pick<
  PetitionsTable,
  | 'id'
  | 'number'
  | 'registered_unit_id'
  | 'number_year'
  | 'number_seq'
  | 'unit_id'
  | 'channel'
  | 'classification'
  | 'category_id'
  | 'title'
  | 'content'
  | 'demands'
  | 'people_count'
  | 'received_on'
  | 'query_code_enc'
  | 'query_code_index'
  | 'created_at'
> &
  Partial<PetitionsTable>;

/**
 * A new petition row as registered (status `registered`, version 1): every step the lifecycle
 * records later (acceptance, handling, answer, reviews, links) starts empty, `last_on` is the
 * received date and `updated_at` the creation time, unless given.
 */
export function newPetitionRow(f: NewPetitionFields): PetitionsTable {
  return {
    sender_unit_id: null,
    objection_raised: 0,
    status: 'registered',
    version: 1,
    simple_track: 0,
    handler_id: null,
    handling_unit_id: null,
    opinion: null,
    instruction: null,
    extended_days: null,
    redirect_route: null,
    redirect_note: null,
    rejection_reason: null,
    answer_unit_id: null,
    answer_on: null,
    answer_decision: null,
    answer_text: null,
    answer_facts: null,
    answer_reasons: null,
    answer_legal_basis: null,
    review_unit_id: null,
    review_requested_on: null,
    review_request_reason: null,
    review_on: null,
    review_decision: null,
    review_text: null,
    rereview_unit_id: null,
    rereview_requested_on: null,
    rereview_request_reason: null,
    rereview_on: null,
    rereview_decision: null,
    rereview_text: null,
    accused_unit_id: null,
    accused_user_id: null,
    accused_name: null,
    linked_into_id: null,
    last_on: f.received_on,
    next_due: null,
    next_due_kind: null,
    calendar_warning: 0,
    created_by: null,
    updated_at: f.created_at,
    ...f,
  };
}
