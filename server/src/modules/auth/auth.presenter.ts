import type { Me } from '../../../../shared/contracts/auth.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../platform/db/schema.ts';
import { menuAbilities } from '../org/org.policy.ts';
import { findUserWithUnit, rolesOf } from '../org/org.repository.ts';
import { needsSecondFactor } from './auth.policy.ts';

/** The signed-in user's wire shape (GET /api/v1/me, login, verify), with the menu's abilities. */
export async function presentMe(db: Db, config: Config, userId: string): Promise<Me> {
  const user = await findUserWithUnit(db, userId);
  if (!user) throw new Error(`user ${userId} vanished`);
  const roles = (await rolesOf(db, [user.id])).get(user.id) ?? [];
  const actor = {
    userId: user.id,
    username: user.username,
    name: user.name,
    unitId: user.unit_id,
    unitPath: user.unit_path,
    roles,
    sessionId: '',
  };
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    unitId: user.unit_id,
    unitName: user.unit_name,
    roles,
    mustChangePassword: !!user.must_change_password,
    totpEnabled: !!user.totp_enabled,
    twoFactorRequired: needsSecondFactor(config.twoFactor, roles),
    abilities: menuAbilities(actor),
  };
}
