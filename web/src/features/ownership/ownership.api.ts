import type { z } from 'zod';
import type {
  BoardResponse,
  OutcomeBody,
  OwnershipPeopleResponse,
  OwnershipResponse,
} from '../../../../shared/contracts/ownership.ts';
import { http } from '../../lib/http.ts';

export { ASSISTANCE_KINDS, OUTCOME_TYPES } from '../../../../shared/contracts/ownership.ts';
export type Ownership = z.infer<typeof OwnershipResponse>;
export type Measure = Ownership['plan']['measures'][number];
export type Board = z.infer<typeof BoardResponse>;
export type BoardItem = Board['items'][number];
export type OwnershipPeople = z.infer<typeof OwnershipPeopleResponse>;
export type OutcomeInput = z.input<typeof OutcomeBody>;

/** A measure as the plan form sends it. */
export interface MeasureInput {
  id?: string;
  text: string;
  assigneeId: string;
  dueOn: string;
  done: boolean;
}

/** A plan change as PATCH …/ownership/plan takes it. */
export interface PlanInput {
  version: number;
  demand?: string;
  policyBasis?: string;
  nextContactOn?: string | null;
  measures?: MeasureInput[];
}

export const ownershipKeys = {
  one: (petitionId: string) => ['ownership', petitionId] as const,
  people: (petitionId: string) => ['ownership', petitionId, 'people'] as const,
  board: (leaderId?: string) => ['ownership', 'board', leaderId ?? 'me'] as const,
};

const url = (id: string, rest = '') => `/api/v1/petitions/${encodeURIComponent(id)}/ownership${rest}`;

export const ownershipApi = {
  get: (petitionId: string) => http.get<Ownership>(url(petitionId)),
  people: (petitionId: string) => http.get<OwnershipPeople>(url(petitionId, '/people')),
  take: (petitionId: string, leaderId: string | undefined, key: string) =>
    http.create<Ownership>(url(petitionId), leaderId ? { leaderId } : {}, key),
  updatePlan: (petitionId: string, body: PlanInput) => http.patch<Ownership>(url(petitionId, '/plan'), body),
  addProgress: (petitionId: string, body: { on: string; text: string }, key: string) =>
    http.create<Ownership>(url(petitionId, '/progress'), body, key),
  recordOutcome: (petitionId: string, body: OutcomeInput, key: string) =>
    http.create<Ownership>(url(petitionId, '/outcome'), body, key),
  handover: (petitionId: string, body: { version: number; leaderId: string; reason: string }, key: string) =>
    http.create<Ownership>(url(petitionId, '/handover'), body, key),
  board: (leaderId?: string) => http.get<Board>('/api/v1/ownership/board', { leaderId }),
};
