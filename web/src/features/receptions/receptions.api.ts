import type { z } from 'zod';
import type { ReturnVisitListResponse, ReturnVisitResponse } from '../../../../shared/contracts/portal.ts';
import type {
  AppointmentListResponse,
  ArriveBody,
  CreateReceptionBody,
  CreateSlotBody,
  FieldVisitBody,
  FieldVisitListResponse,
  JointUnitsResponse,
  PromiseResponse,
  ReceptionListResponse,
  ReceptionResponse,
  RequiredLeaderResponse,
  SlotListResponse,
  SlotResponse,
  StaffAppointmentResponse,
} from '../../../../shared/contracts/receptions.ts';
import { http } from '../../lib/http.ts';

export type Slot = z.infer<typeof SlotResponse>;
export type Appointment = z.infer<typeof AppointmentListResponse>['items'][number];
export type Reception = z.infer<typeof ReceptionResponse>;
export type RequiredLeader = z.infer<typeof RequiredLeaderResponse>;
export type FieldVisit = z.infer<typeof FieldVisitListResponse>['items'][number];
export type ReturnVisit = z.infer<typeof ReturnVisitResponse>;
export type VisitBody = z.input<typeof CreateReceptionBody>;
export type ArriveInput = z.input<typeof ArriveBody>;
export type FieldVisitInput = z.input<typeof FieldVisitBody>;

/** A unit or user as the pickers list them. */
export interface Option {
  id: string;
  name: string;
}

const seg = encodeURIComponent;

export const receptionKeys = {
  all: ['receptions'] as const,
  slots: (q: object) => ['receptions', 'slots', q] as const,
  appointments: (slotId: string) => ['receptions', 'appointments', slotId] as const,
  log: (q: object) => ['receptions', 'log', q] as const,
  required: (unitId: string, people: number, petitionId?: string) =>
    ['receptions', 'required', unitId, people, petitionId ?? ''] as const,
  fieldVisits: (petitionId: string) => ['receptions', 'field-visits', petitionId] as const,
  jointUnits: (petitionId: string) => ['receptions', 'joint-units', petitionId] as const,
  units: ['receptions', 'units'] as const,
  users: (role: string, unitId?: string) => ['receptions', 'users', role, unitId ?? ''] as const,
  returnVisits: (status: string) => ['return-visits', status] as const,
};

export const receptionsApi = {
  units: () => http.get<{ items: (Option & { kind: string; parentId: string | null })[] }>('/api/v1/units'),
  users: (q: { role?: string; unitId?: string; subtree?: boolean; q?: string }) =>
    http.get<{ items: (Option & { unitId: string; unitName?: string })[] }>('/api/v1/users', {
      ...q,
      subtree: q.subtree ? 'true' : undefined,
      pageSize: 200,
    }),
  slots: (q: { unitId?: string; from: string; to: string }) =>
    http.get<z.infer<typeof SlotListResponse>>('/api/v1/reception-slots', { ...q, pageSize: 200 }),
  createSlot: (body: z.input<typeof CreateSlotBody>, key: string) =>
    http.create<Slot>('/api/v1/reception-slots', body, key),
  appointments: (slotId: string) =>
    http.get<z.infer<typeof AppointmentListResponse>>(`/api/v1/reception-slots/${seg(slotId)}/appointments`),
  book: (body: { slotId: string; name: string; phone: string; topic: string }, key: string) =>
    http.create<z.infer<typeof StaffAppointmentResponse>>('/api/v1/appointments', body, key),
  arrive: (id: string, body: ArriveInput, key: string) =>
    http.create<Reception>(`/api/v1/appointments/${seg(id)}/arrive`, body, key),
  noShow: (id: string) => http.post<Appointment>(`/api/v1/appointments/${seg(id)}/no-show`),
  register: (body: VisitBody, key: string) => http.create<Reception>('/api/v1/receptions', body, key),
  log: (q: {
    unitId?: string;
    leaderId?: string;
    from?: string;
    to?: string;
    page: number;
    pageSize: number;
  }) => http.get<z.infer<typeof ReceptionListResponse>>('/api/v1/receptions', q),
  required: (unitId: string, peopleCount: number, petitionId?: string) =>
    http.get<RequiredLeader>(`/api/v1/units/${seg(unitId)}/required-leader`, { peopleCount, petitionId }),
  fieldVisits: (petitionId: string) =>
    http.get<z.infer<typeof FieldVisitListResponse>>(`/api/v1/petitions/${seg(petitionId)}/field-visits`),
  recordFieldVisit: (petitionId: string, body: FieldVisitInput, key: string) =>
    http.create<FieldVisit>(`/api/v1/petitions/${seg(petitionId)}/field-visits`, body, key),
  promiseDone: (petitionId: string, promiseId: string) =>
    http.post<z.infer<typeof PromiseResponse>>(
      `/api/v1/petitions/${seg(petitionId)}/promises/${seg(promiseId)}/done`,
      {},
    ),
  jointUnits: (petitionId: string) =>
    http.get<z.infer<typeof JointUnitsResponse>>(`/api/v1/petitions/${seg(petitionId)}/joint-units`),
  returnVisits: (status: 'open' | 'done') =>
    http.get<z.infer<typeof ReturnVisitListResponse>>('/api/v1/return-visits', { status, pageSize: 200 }),
  completeReturnVisit: (id: string, body: { outcome: string; note: string }) =>
    http.post<ReturnVisit>(`/api/v1/return-visits/${seg(id)}/complete`, body),
};

export type ReceptionRules = {
  unitId: string;
  principalFrom: number;
  deputyFrom: number;
  source: 'own' | 'inherited' | 'default';
  fromUnitId: string | null;
  fromUnitName: string | null;
  abilities: { edit: boolean };
};

/** GET and PUT of a unit's group-size rules. */
export const rulesApi = {
  get: (unitId: string) => http.get<ReceptionRules>(`/api/v1/units/${seg(unitId)}/reception-rules`),
  put: (unitId: string, body: { principalFrom: number; deputyFrom: number }) =>
    http.put<ReceptionRules>(`/api/v1/units/${seg(unitId)}/reception-rules`, body),
};
