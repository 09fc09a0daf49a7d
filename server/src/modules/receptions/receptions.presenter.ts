import type { ReceptionWire, SlotWire } from '../../../../shared/contracts/receptions.ts';
import type { ReceptionView, SlotView } from './receptions.repository.ts';
import type {
  FieldVisitPromisesTable,
  FieldVisitsTable,
  ReceptionAppointmentsTable,
} from './receptions.tables.ts';

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
    status: a.status as 'booked' | 'attended' | 'no_show',
    statusAt: a.status_at,
    receptionId: a.reception_id,
  };
}

/** What a visit's row lacks for its wire shape: staff present, joint units and the named leader. */
export interface ReceptionExtras {
  staff: { userId: string; name: string; unitId: string }[];
  units: { unitId: string; unitName: string; role: 'lead' | 'co' }[];
  requiredLeaderName: string | null;
}

/** A reception-log row → its wire shape. */
export function presentReception(r: ReceptionView, extras: ReceptionExtras): ReceptionWire {
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
    requiredLeaderLevel: r.required_leader_level as ReceptionWire['requiredLeaderLevel'],
    ...(r.required_leader_id && extras.requiredLeaderName
      ? { requiredLeader: { userId: r.required_leader_id, name: extras.requiredLeaderName } }
      : {}),
    receivedAt: r.received_at,
    staff: extras.staff,
    units: extras.units,
    appointmentId: r.appointment_id,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  };
}

/** A promise → its wire shape; overdue when not done and its day is before today (China date). */
export function presentPromise(p: FieldVisitPromisesTable, today: string) {
  return {
    id: p.id,
    visitId: p.visit_id,
    text: p.text,
    dueOn: p.due_on,
    done: p.done_on !== null,
    doneOn: p.done_on,
    overdue: p.done_on === null && p.due_on < today,
  };
}

/** A field visit → its wire shape with visitors and promises. */
export function presentFieldVisit(
  v: FieldVisitsTable & { recorded_by_name: string },
  visitors: { userId: string; name: string }[],
  promises: ReturnType<typeof presentPromise>[],
) {
  return {
    id: v.id,
    petitionId: v.petition_id,
    kind: v.kind as 'field' | 'with_case' | 'home',
    on: v.on_date,
    place: v.place,
    visitors,
    metWith: v.met_with,
    promises,
    note: v.note,
    recordedBy: v.recorded_by,
    recordedByName: v.recorded_by_name,
    recordedAt: v.recorded_at,
  };
}
