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
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    reception_slots: ReceptionSlotsTable;
    reception_appointments: ReceptionAppointmentsTable;
    receptions: ReceptionsTable;
  }
}
