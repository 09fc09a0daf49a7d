// Row types of the ownership tables (migration 2026-11-29T15-20-00-ownership), declared on the
// platform's Database by module augmentation.

/** An owned case (领导包案): the owning leader, the case plan and, once recorded, the outcome. */
export interface OwnershipsTable {
  petition_id: string;
  leader_id: string;
  /** 1 until the outcome is recorded; the board reads only open rows of a leader. */
  open: number;
  /** Bumped by every change; an update names the version it read (409 when stale). */
  version: number;
  demand: string;
  policy_basis: string;
  next_contact_on: string | null;
  /** The date of the latest progress entry, kept so the board never reads the history. */
  last_progress_on: string | null;
  /** resolved | explained | redirected | assisted */
  outcome_type: string | null;
  /** living_subsidy | temporary_assistance | referral (only for assisted) */
  outcome_assistance_kind: string | null;
  /** Decimal amount in yuan as text (exact), e.g. '1200.00'. */
  outcome_amount: string | null;
  outcome_note: string | null;
  outcome_on: string | null;
  outcome_by: string | null;
  taken_on: string;
  taken_by: string;
  created_at: string;
  updated_at: string;
}

/** A measure of the plan: who does it by when, and whether it is done. */
export interface OwnershipMeasuresTable {
  id: string;
  petition_id: string;
  sort_order: number;
  text: string;
  assignee_id: string;
  due_on: string;
  done: number;
  done_on: string | null;
}

/** A dated progress entry of an owned case. */
export interface OwnershipProgressTable {
  id: string;
  petition_id: string;
  on_date: string;
  text: string;
  author_id: string;
  created_at: string;
}

/** A handover of an owned case from one leader to another, with who did it and why. */
export interface OwnershipHandoversTable {
  id: string;
  petition_id: string;
  from_leader_id: string;
  to_leader_id: string;
  reason: string;
  by_user_id: string;
  at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    ownerships: OwnershipsTable;
    ownership_measures: OwnershipMeasuresTable;
    ownership_progress: OwnershipProgressTable;
    ownership_handovers: OwnershipHandoversTable;
  }
}
