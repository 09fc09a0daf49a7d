import type { Config } from '../../../config.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Clock } from '../../../platform/clock.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import type { DbHandle } from '../../../platform/db/create-db.ts';
import type { Role } from '../../../platform/http/context.ts';
import { generatePassword, hashPassword, passwordProblems } from '../../auth/password.ts';
import { countUnits, insertUnit, insertUser } from '../org.repository.ts';

export const FIRST_ADMINISTRATORS: ReadonlyArray<{ username: string; name: string; role: Role }> = [
  { username: 'admin', name: '系统管理员', role: 'sysadmin' },
  { username: 'secadmin', name: '安全管理员', role: 'secadmin' },
  { username: 'auditor', name: '审计管理员', role: 'auditor' },
];

/**
 * On an empty database creates the root unit and the three separated administrators (等保 三员),
 * with HUIYIN_ADMIN_PASSWORD or a random password each, which the caller prints once.
 * Returns null when the database already has units.
 */
export async function bootstrapAdministrators(
  handle: DbHandle,
  config: Config,
  clock: Clock,
): Promise<Array<{ username: string; role: Role; password: string }> | null> {
  if (config.adminPassword) {
    const problems = passwordProblems(config.adminPassword);
    if (problems.length) throw new Error(`HUIYIN_ADMIN_PASSWORD: ${problems.join('；')}`);
  }
  const prepared = await Promise.all(
    FIRST_ADMINISTRATORS.map(async (a) => {
      const password = config.adminPassword ?? generatePassword();
      return { ...a, password, hash: await hashPassword(password) };
    }),
  );
  return handle.db.transaction().execute(async (db) => {
    if ((await countUnits(db)) > 0) return null;
    const now = clock.now().toISOString();
    const root = await insertUnit(db, {
      id: newId(),
      name: '本级（请改为县/区名称）',
      kind: 'county',
      parent: null,
      acceptsOnline: true,
      createdAt: now,
    });
    const ctx = { db, actor: null, clock, config, meta: { ip: null, requestId: null } };
    await recordAudit(ctx, {
      action: 'unit.create',
      subjectType: 'unit',
      subjectId: root.id,
      unitId: root.id,
      after: { name: root.name, kind: root.kind },
      actorName: 'system',
    });
    for (const a of prepared) {
      const id = newId();
      await insertUser(
        db,
        {
          id,
          username: a.username,
          name: a.name,
          unit_id: root.id,
          password_hash: a.hash,
          password_changed_at: now,
          created_at: now,
          mustChangePassword: !config.adminPassword,
        },
        [a.role],
        newId(),
      );
      await recordAudit(ctx, {
        action: 'user.create',
        subjectType: 'user',
        subjectId: id,
        unitId: root.id,
        after: { username: a.username, roles: [a.role] },
        actorName: 'system',
      });
    }
    return prepared.map(({ username, role, password }) => ({ username, role, password }));
  });
}
