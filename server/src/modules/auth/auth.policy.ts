import type { Config } from '../../config.ts';
import { ADMIN_ROLES, type Role } from '../../platform/http/context.ts';

// Who must use the second factor (api-contract: Configuration, HUIYIN_2FA), as pure functions.

/** Whether HUIYIN_2FA obliges this account to use TOTP: administrators by default, all, or none. */
export function needsSecondFactor(mode: Config['twoFactor'], roles: readonly Role[]): boolean {
  if (mode === 'off') return false;
  if (mode === 'all') return true;
  return roles.some((r) => ADMIN_ROLES.includes(r));
}

/**
 * The TOTP step a fresh login owes: 'verify' when the account has TOTP on (required or chosen),
 * 'enroll' when it is required but not yet set up, none otherwise or when HUIYIN_2FA is off.
 */
export function secondFactorOwed(
  mode: Config['twoFactor'],
  roles: readonly Role[],
  totpEnabled: boolean,
): 'enroll' | 'verify' | undefined {
  if (mode === 'off') return undefined;
  if (totpEnabled) return 'verify';
  return needsSecondFactor(mode, roles) ? 'enroll' : undefined;
}
