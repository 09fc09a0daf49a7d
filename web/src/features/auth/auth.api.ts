import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Abilities,
  ActivateResponse,
  EnrollResponse,
  LoginResult,
  Me,
  RoleSchema,
  VerifyResponse,
} from '../../../../shared/contracts/auth.ts';
import { http } from '../../lib/http.ts';

export type { LoginResult, Me };
export type Role = z.infer<typeof RoleSchema>;
export type MeAbilities = Abilities;
export type SecondFactorStep = NonNullable<LoginResult['secondFactor']>;
export type Enrollment = z.infer<typeof EnrollResponse>;

export const ME_KEY = ['me'] as const;

const SECOND_FACTOR_STEP = 'huiyin.secondFactor';

/** Remembers which second-factor step the login answered, so a reload shows the same step. */
export function rememberSecondFactorStep(step: SecondFactorStep | null): void {
  if (step) sessionStorage.setItem(SECOND_FACTOR_STEP, step);
  else sessionStorage.removeItem(SECOND_FACTOR_STEP);
}

/** The second-factor step owed by this browser's session (verify when unknown). */
export function pendingSecondFactorStep(): SecondFactorStep {
  return sessionStorage.getItem(SECOND_FACTOR_STEP) === 'enroll' ? 'enroll' : 'verify';
}

export const authApi = {
  me: () => http.get<Me>('/api/v1/me'),
  login: (body: { username: string; password: string }) =>
    http.post<LoginResult>('/api/v1/auth/login', body, { noAuthRedirect: true }),
  logout: () => http.post<void>('/api/v1/auth/logout', undefined, { noAuthRedirect: true }),
  enroll: () => http.post<Enrollment>('/api/v1/auth/second-factor/enroll'),
  activate: (code: string) =>
    http.post<z.infer<typeof ActivateResponse>>('/api/v1/auth/second-factor/activate', { code }),
  verify: (code: string) =>
    http.post<z.infer<typeof VerifyResponse>>('/api/v1/auth/second-factor/verify', { code }),
  disable: (password: string) => http.post<void>('/api/v1/auth/second-factor/disable', { password }),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    http.post<void>('/api/v1/me/password', body),
};

/** The signed-in user; a 401 sends the browser to the login page through the fetch wrapper. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: authApi.me, staleTime: 60_000 });
}
