import type { z } from 'zod';
import type {
  CategoryListResponse,
  CreatePetitionInput,
  CreatePetitionResponse,
  DeadlineView,
  DuplicatesResponse,
  HandlerCandidatesResponse,
  Petition,
  PetitionActionInput,
  PetitionerLookupResponse,
  PetitionListItem,
  PetitionListResponse,
  TransferTargetsResponse,
} from '../../../../shared/contracts/petitions.ts';
import { http } from '../../lib/http.ts';

export {
  ANSWER_DECISIONS,
  CLASSIFICATIONS,
  PETITION_CHANNELS,
  PETITION_STATUS_VALUES,
  REDIRECT_ROUTES,
  REVIEW_DECISIONS,
} from '../../../../shared/contracts/petitions.ts';
export type { CreatePetitionInput, DeadlineView, Petition, PetitionActionInput, PetitionListItem };
export type Registered = z.infer<typeof CreatePetitionResponse>;
export type PetitionStatus = Petition['status'];
export type Channel = Petition['channel'];
export type Classification = Petition['classification'];
export type PetitionAbilities = Petition['abilities'];
export type PetitionEvent = Petition['events'][number];
export type PetitionDocument = Petition['documents'][number];
export type Petitioner = Petition['petitioners'][number];

/** The list filters and page as GET /api/v1/petitions takes them. */
export interface PetitionQuery {
  q?: string;
  status?: PetitionStatus;
  unitId?: string;
  classification?: Classification;
  overdue?: boolean;
  /** Cases the caller handles; still open; due within 3 days; nobody handles yet (menu counters). */
  mine?: boolean;
  open?: boolean;
  dueSoon?: boolean;
  unassigned?: boolean;
  sort?: 'receivedOn' | 'nextDue';
  page: number;
  pageSize: number;
}

export const petitionKeys = {
  all: ['petitions'] as const,
  list: (q: PetitionQuery) => ['petitions', 'list', q] as const,
  one: (id: string) => ['petitions', 'one', id] as const,
  categories: ['petition-categories'] as const,
  handlers: (id: string) => ['petitions', 'handlers', id] as const,
  transferTargets: (id: string) => ['petitions', 'transfer-targets', id] as const,
  linkTargets: (id: string) => ['petitions', 'link-targets', id] as const,
  duplicates: (id: string) => ['petitions', 'duplicates', id] as const,
};

const seg = encodeURIComponent;

/** Where the printable receipt (受理凭证) of a case is served. */
export function receiptUrl(id: string): string {
  return `/api/v1/petitions/${seg(id)}/receipt`;
}

/** Where a document of a case (.docx) is downloaded. */
export function documentUrl(id: string, documentId: string): string {
  return `/api/v1/petitions/${seg(id)}/documents/${seg(documentId)}`;
}

export const petitionsApi = {
  categories: () => http.get<z.infer<typeof CategoryListResponse>>('/api/v1/petition-categories'),
  list: (q: PetitionQuery) =>
    http.get<z.infer<typeof PetitionListResponse>>('/api/v1/petitions', {
      ...q,
      overdue: q.overdue ? 'true' : undefined,
      mine: q.mine ? 'true' : undefined,
      open: q.open ? 'true' : undefined,
      dueSoon: q.dueSoon ? 'true' : undefined,
      unassigned: q.unassigned ? 'true' : undefined,
    }),
  get: (id: string) => http.get<Petition>(`/api/v1/petitions/${seg(id)}`),
  register: (body: CreatePetitionInput, key: string) =>
    http.create<Registered>('/api/v1/petitions', body, key),
  act: (id: string, body: PetitionActionInput) =>
    http.post<Petition>(`/api/v1/petitions/${seg(id)}/actions`, body),
  reveal: (id: string, petitionerId: string, body: { field: 'idNumber' | 'phone'; reason: string }) =>
    http.post<{ value: string }>(
      `/api/v1/petitions/${seg(id)}/petitioners/${seg(petitionerId)}/reveal`,
      body,
    ),
  declareInterest: (id: string, reason: string, key: string) =>
    http.create<Petition>(`/api/v1/petitions/${seg(id)}/interests`, { reason }, key),
  handlerCandidates: (id: string) =>
    http.get<z.infer<typeof HandlerCandidatesResponse>>(`/api/v1/petitions/${seg(id)}/handler-candidates`),
  lookUpPetitioner: (body: { idNumber?: string; phone?: string }) =>
    http.post<z.infer<typeof PetitionerLookupResponse>>('/api/v1/petitions/petitioner-lookup', body),
  linkTargets: (id: string) =>
    http.get<z.infer<typeof PetitionerLookupResponse>>(`/api/v1/petitions/${seg(id)}/link-targets`),
  transferTargets: (id: string) =>
    http.get<z.infer<typeof TransferTargetsResponse>>(`/api/v1/petitions/${seg(id)}/transfer-targets`),
  duplicates: (id: string) =>
    http.get<z.infer<typeof DuplicatesResponse>>(`/api/v1/petitions/${seg(id)}/duplicates`),
};
