// Row types of the portal tables (migration 2026-11-29T13-00-00-portal), declared on the
// platform's Database by module augmentation. Addresses exist only as keyed SM3 hashes.

/** One counted request of a kind (submit, lookup, challenge) from a hashed address. */
export interface PortalRateEventsTable {
  id: string;
  ip_hash: string;
  kind: string;
  at: string;
}

/** An arithmetic question issued to a hashed address; answered once before it expires. */
export interface PortalChallengesTable {
  id: string;
  ip_hash: string;
  question: string;
  answer: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** The petitioner's satisfaction with one opinion (stage) of a case, once per opinion. */
export interface PetitionEvaluationsTable {
  id: string;
  petition_id: string;
  /** answer | review | rereview */
  stage: string;
  /** The unit whose opinion was rated. */
  unit_id: string;
  rating: string;
  comment: string | null;
  created_at: string;
}

/** A return visit (回访) owed by a unit after a dissatisfied rating. */
export interface ReturnVisitsTable {
  id: string;
  petition_id: string;
  evaluation_id: string;
  unit_id: string;
  due: string;
  /** open | done */
  status: string;
  outcome: string | null;
  note: string | null;
  completed_by: string | null;
  completed_at: string | null;
  created_at: string;
}

/**
 * A file uploaded in the portal before its submission (migration 2026-11-29T16-20-00-portal-uploads):
 * reachable by the SHA-256 of a random token, used by at most one submission before it expires.
 */
export interface PortalUploadsTable {
  id: string;
  token_hash: string;
  ip_hash: string;
  file_id: string;
  created_at: string;
  expires_at: string;
  petition_id: string | null;
  used_at: string | null;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    portal_rate_events: PortalRateEventsTable;
    portal_challenges: PortalChallengesTable;
    petition_evaluations: PetitionEvaluationsTable;
    return_visits: ReturnVisitsTable;
    portal_uploads: PortalUploadsTable;
  }
}
