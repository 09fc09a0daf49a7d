import type { CreateUserInput } from '../../../../../shared/contracts/org.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import { AppError, forbidden } from '../../../platform/http/app-error.ts';
import type { Ctx, Role } from '../../../platform/http/context.ts';
import { hashPassword, passwordProblems } from '../../auth/password.ts';
import { roleList } from '../org.labels.ts';
import { ungrantableChanges, violatesSeparation } from '../org.policy.ts';
import { findUserByUsername, insertUser, type UnitRow, type UserView } from '../org.repository.ts';

/**
 * Creates an account in a unit already known to be in the actor's scope: only roles the actor may
 * grant (403), never two administrator roles (422 role_separation, 等保 三员分立), a password that
 * meets the policy (422 password_policy), a free username (409). The password is stored as argon2id
 * and must be changed at first login. Audited as `user.create` (without the password).
 */
export async function createUser(
  ctx: Ctx,
  unit: UnitRow,
  input: CreateUserInput,
): Promise<{ user: UserView; roles: Role[] }> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated');
  const roles = input.roles as Role[];
  const denied = ungrantableChanges(actor, [], roles);
  if (denied.length) forbidden(`您不能授予以下角色：${roleList(denied)}。请联系有权限的管理员。`);
  if (violatesSeparation(roles)) throw new AppError('role_separation');
  const problems = passwordProblems(input.password);
  if (problems.length)
    throw new AppError('password_policy', `密码不符合安全要求：${problems.join('；')}。`, {
      field: 'password',
      problems,
    });
  if (await findUserByUsername(ctx.db, input.username)) {
    throw new AppError('conflict', `用户名“${input.username}”已被使用，请换一个。`, { field: 'username' });
  }
  const now = ctx.clock.now().toISOString();
  const id = newId();
  const passwordHash = await hashPassword(input.password);
  await insertUser(
    ctx.db,
    {
      id,
      username: input.username,
      name: input.name,
      unit_id: unit.id,
      password_hash: passwordHash,
      password_changed_at: now,
      created_at: now,
      mustChangePassword: true,
    },
    roles,
    newId(),
  );
  await recordAudit(ctx, {
    action: 'user.create',
    subjectType: 'user',
    subjectId: id,
    unitId: unit.id,
    after: { username: input.username, name: input.name, unitId: unit.id, roles },
  });
  const user: UserView = {
    id,
    username: input.username,
    name: input.name,
    unit_id: unit.id,
    unit_name: unit.name,
    password_hash: passwordHash,
    password_changed_at: now,
    must_change_password: 1,
    disabled: 0,
    locked_until: null,
    totp_secret: null,
    totp_enabled: 0,
    totp_last_step: null,
    created_at: now,
  };
  return { user, roles };
}
