import type { z } from 'zod';
import type {
  CreateLeadershipGroupInput,
  CreateUnitInput,
  CreateUserInput,
  LeadershipGroup,
  LeadershipGroupComposition,
  LeadershipGroupListResponse,
  Unit,
  UnitListResponse,
  UpdateUnitInput,
  UpdateUserInput,
  User,
  UserListResponse,
} from '../../../../shared/contracts/org.ts';
import { http } from '../../lib/http.ts';
import type { Role } from '../auth/auth.api.ts';

export type { Position, UnitKind } from '../../../../shared/contracts/org.ts';
export { POSITIONS, UNIT_KINDS } from '../../../../shared/contracts/org.ts';
export type { LeadershipGroup, Unit, User };

export interface UserQuery {
  unitId?: string;
  subtree?: boolean;
  q?: string;
  role?: Role;
  includeDisabled?: boolean;
  page: number;
  pageSize: number;
}

export const orgKeys = {
  units: ['units'] as const,
  users: ['users'] as const,
  groups: ['leadership-groups'] as const,
};

const seg = encodeURIComponent;

export const orgApi = {
  units: () => http.get<z.infer<typeof UnitListResponse>>('/api/v1/units'),
  createUnit: (body: CreateUnitInput, key: string) => http.create<Unit>('/api/v1/units', body, key),
  updateUnit: (id: string, body: UpdateUnitInput) => http.patch<Unit>(`/api/v1/units/${seg(id)}`, body),

  users: (q: UserQuery) => http.get<z.infer<typeof UserListResponse>>('/api/v1/users', { ...q }),
  createUser: (body: CreateUserInput, key: string) => http.create<User>('/api/v1/users', body, key),
  updateUser: (id: string, body: UpdateUserInput) => http.patch<User>(`/api/v1/users/${seg(id)}`, body),
  setRoles: (id: string, roles: Role[]) => http.put<User>(`/api/v1/users/${seg(id)}/roles`, { roles }),
  resetPassword: (id: string) => http.post<{ password: string }>(`/api/v1/users/${seg(id)}/reset-password`),
  unlock: (id: string) => http.post<unknown>(`/api/v1/users/${seg(id)}/unlock`),
  resetSecondFactor: (id: string) => http.post<unknown>(`/api/v1/users/${seg(id)}/reset-second-factor`),

  groups: (unitId?: string) =>
    http.get<z.infer<typeof LeadershipGroupListResponse>>('/api/v1/leadership-groups', {
      unitId,
      pageSize: 200,
    }),
  createGroup: (body: CreateLeadershipGroupInput, key: string) =>
    http.create<LeadershipGroup>('/api/v1/leadership-groups', body, key),
  updateGroup: (id: string, body: LeadershipGroupComposition) =>
    http.put<LeadershipGroup>(`/api/v1/leadership-groups/${seg(id)}`, body),
};
