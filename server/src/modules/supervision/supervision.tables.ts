// Row types of the supervision tables (migration 2026-11-29T15-40-00-supervision), declared on the
// platform's Database by module augmentation. Dates 'YYYY-MM-DD', timestamps ISO text.

export interface SupervisionSettingsTable {
  /** A unit id, or '*' for the whole system. */
  unit_id: string;
  remind_days: number;
  reply_working_days: number;
  updated_by: string | null;
  updated_at: string;
}

export interface SupervisionCountersTable {
  unit_id: string;
  year: number;
  last: number;
}

export interface SupervisionNoticesTable {
  id: string;
  number: string;
  /** The first step of this matter's ladder (itself for the first step). */
  root_id: string;
  escalated_from_id: string | null;
  dedup_key: string | null;
  petition_id: string;
  deadline_kind: string | null;
  deadline_due: string | null;
  responsible_unit_id: string;
  issuing_unit_id: string;
  issued_to: string | null;
  /** null = issued by the sweep. */
  issued_by: string | null;
  /** supervise | interview | public_notice | listed */
  level: string;
  step: number;
  /** open | replied | escalated | closed */
  status: string;
  reason: string;
  reply_due: string;
  reply_text: string | null;
  replied_at: string | null;
  replied_by: string | null;
  closed_at: string | null;
  closed_by: string | null;
  close_note: string | null;
  created_at: string;
  updated_at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    supervision_settings: SupervisionSettingsTable;
    supervision_counters: SupervisionCountersTable;
    supervision_notices: SupervisionNoticesTable;
  }
}
