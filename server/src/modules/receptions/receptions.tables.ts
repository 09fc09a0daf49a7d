// Row types of the reception tables (migration 2026-11-29T13-30-00-receptions), declared on the
// platform's Database by module augmentation.

/** A leader's reception slot (领导接访日): `booked` is raised only while below `capacity`. */
export interface ReceptionSlotsTable {
  id: string;
  unit_id: string;
  leader_id: string;
  date: string;
  start_time: string;
  end_time: string;
  place: string;
  capacity: number;
  booked: number;
  created_by: string;
  created_at: string;
}

/** One booked place in a slot (约访); the phone only SM4-encrypted and masked. */
export interface ReceptionAppointmentsTable {
  id: string;
  slot_id: string;
  code: string;
  name: string;
  phone_enc: string;
  phone_masked: string;
  topic: string;
  /** portal | phone */
  channel: string;
  created_by: string | null;
  created_at: string;
  /** booked | attended | no_show (migration 2026-11-29T16-10-00-receptions-visits) */
  status: string;
  status_at: string | null;
  /** The visit the appointment became when the citizen came. */
  reception_id: string | null;
}

/** The reception log: a walk-in or group visit, who received it and which level was required. */
export interface ReceptionsTable {
  id: string;
  unit_id: string;
  on_date: string;
  people_count: number;
  petition_id: string | null;
  leader_id: string | null;
  required_leader_level: string;
  note: string;
  recorded_by: string;
  recorded_at: string;
  /** When the leader received the visitors (ISO instant); null on visits logged before it was kept. */
  received_at: string | null;
  /** The leader the rules named (the case's owning leader, or the unit's principal or deputy). */
  required_leader_id: string | null;
  appointment_id: string | null;
}

/** A unit's own group-size rules; units without a row inherit the nearest ancestor's (or the default). */
export interface ReceptionRulesTable {
  unit_id: string;
  principal_from: number;
  deputy_from: number;
  updated_by: string;
  updated_at: string;
}

/** A unit taking part in a visit: `lead` (牵头) or `co` (配合) in a joint reception (联合接访). */
export interface ReceptionUnitsTable {
  reception_id: string;
  unit_id: string;
  role: string;
}

/** A staff member present at a visit, with the unit they came for. */
export interface ReceptionStaffTable {
  reception_id: string;
  user_id: string;
  unit_id: string;
}

/** A field visit (下访 field / 带案下访 with_case / 上门走访 home) recorded on a case. */
export interface FieldVisitsTable {
  id: string;
  petition_id: string;
  kind: string;
  on_date: string;
  place: string;
  met_with: string;
  note: string;
  recorded_by: string;
  recorded_at: string;
}

/** A staff member who went on a field visit. */
export interface FieldVisitVisitorsTable {
  visit_id: string;
  user_id: string;
}

/** Something promised on a field visit, by when, and when it was done. */
export interface FieldVisitPromisesTable {
  id: string;
  visit_id: string;
  petition_id: string;
  sort_order: number;
  text: string;
  due_on: string;
  done_on: string | null;
  done_by: string | null;
}

/** The lead unit and co-units a case got from a joint reception. */
export interface PetitionJointUnitsTable {
  petition_id: string;
  unit_id: string;
  role: string;
  reception_id: string;
  created_at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    reception_slots: ReceptionSlotsTable;
    reception_appointments: ReceptionAppointmentsTable;
    receptions: ReceptionsTable;
    reception_rules: ReceptionRulesTable;
    reception_units: ReceptionUnitsTable;
    reception_staff: ReceptionStaffTable;
    field_visits: FieldVisitsTable;
    field_visit_visitors: FieldVisitVisitorsTable;
    field_visit_promises: FieldVisitPromisesTable;
    petition_joint_units: PetitionJointUnitsTable;
  }
}
