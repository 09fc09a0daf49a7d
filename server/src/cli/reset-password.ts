import type { Config } from '../config.ts';
import { resetPassword } from '../modules/auth/use-cases/reset-password.ts';
import { findUserByUsername, rolesOf } from '../modules/org/org.repository.ts';
import { type Clock, systemClock } from '../platform/clock.ts';
import { cliCtx, withMigratedDb } from './open-db.ts';

/**
 * `huiyin reset-password <username>`: the operator's way back in when nobody who may reset
 * passwords can log in. Sets a generated password that must be changed at the next login, ends
 * the user's sessions, lifts a lockout, audits it with the actor 'cli' and prints the password once.
 * Tests pass their fixed clock.
 */
export async function resetPasswordCommand(
  config: Config,
  args: string[],
  clock: Clock = systemClock,
): Promise<number> {
  const [username, ...extra] = args;
  if (!username || extra.length) {
    console.error('用法: huiyin reset-password <用户名>，例如 huiyin reset-password admin');
    return 1;
  }
  return withMigratedDb(config, async (handle) => {
    const result = await handle.db.transaction().execute(async (db) => {
      const user = await findUserByUsername(db, username);
      if (!user) return null;
      const roles = (await rolesOf(db, [user.id])).get(user.id) ?? [];
      const { password } = await resetPassword(cliCtx(db, config, clock), user.id);
      return { user, roles, password };
    });
    if (!result) {
      console.error(`没有用户名为“${username}”的账号，请检查拼写（用户名区分大小写）。`);
      return 1;
    }
    const { user, roles, password } = result;
    console.log(
      `已为 ${user.username}（${user.name}，${roles.join('、') || '无角色'}）设置新密码（只显示这一次）: ${password}\n` +
        '  该用户下次登录时必须修改密码；其所有会话已结束，登录锁定已解除。' +
        (user.disabled ? '\n  注意：该账号已被停用，需由管理员启用后才能登录。' : '') +
        (user.totp_enabled ? '\n  该账号已启用动态口令（第二因素），登录时仍需动态口令或恢复码。' : ''),
    );
    return 0;
  });
}
