import type { SlotWire } from '../../../../shared/contracts/receptions.ts';
import type { ReceptionView, SlotView } from './receptions.repository.ts';
import type { ReceptionAppointmentsTable } from './receptions.tables.ts';

/** A slot row → its staff wire shape, with the places still free. */
export function presentSlot(s: SlotView): SlotWire {
  return {
    id: s.id,
    unitId: s.unit_id,
    unitName: s.unit_name,
    leaderId: s.leader_id,
    leaderName: s.leader_name,
    date: s.date,
    start: s.start_time,
    end: s.end_time,
    place: s.place,
    capacity: Number(s.capacity),
    booked: Number(s.booked),
    remaining: Number(s.capacity) - Number(s.booked),
  };
}

/** A slot row → the portal's shape (no ids of staff, only the leader's name). */
export function presentPublicSlot(s: SlotView) {
  return {
    id: s.id,
    date: s.date,
    start: s.start_time,
    end: s.end_time,
    place: s.place,
    leaderName: s.leader_name,
    remaining: Number(s.capacity) - Number(s.booked),
  };
}

/** An appointment row → the staff shape: the phone only masked. */
export function presentAppointment(a: ReceptionAppointmentsTable) {
  return {
    id: a.id,
    slotId: a.slot_id,
    code: a.code,
    name: a.name,
    phone: a.phone_masked,
    topic: a.topic,
    channel: a.channel as 'portal' | 'phone',
    createdAt: a.created_at,
  };
}

/** A reception-log row → its wire shape. */
export function presentReception(r: ReceptionView) {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    on: r.on_date,
    peopleCount: Number(r.people_count),
    petitionId: r.petition_id,
    leaderId: r.leader_id,
    leaderName: r.leader_name,
    note: r.note,
    requiredLeaderLevel: r.required_leader_level as 'principal' | 'deputy' | 'owner' | 'none',
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  };
}
