import { recordAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/crypto/ids.ts';
import type { Ctx, Role } from '../../../platform/http/context.ts';
import { unitSnapshot } from '../../org/org.presenter.ts';
import {
  insertLeadershipGroup,
  insertUnit,
  insertUser,
  replaceComposition,
  type UnitRow,
  updateUnit,
} from '../../org/org.repository.ts';
import { countContents, findRootUnit } from '../demo.repository.ts';
import { type DemoCounty, ROOT_KEY } from '../demo-county.ts';

/** Why the demo was not written, in words for the operator. */
export class DemoRefused extends Error {}

/** One printed login of the demo. */
export interface DemoLogin {
  username: string;
  name: string;
  roles: Role[];
  unitName: string;
  title: string;
}

/** The actor name the audit trail shows for everything the command line writes. */
export const CLI_ACTOR = 'cli';

/**
 * Writes a generated demo county into a database that holds only the first-start bootstrap (the
 * root unit and the three administrators); anything more is refused, so a demo never mixes with
 * real data. Renames the root unit, creates units, users (all with the one given password hash)
 * and leadership groups, each audited as the API would, plus one `demo.seed` summary entry.
 * Run it inside a transaction: all of it is written or none.
 */
export async function seedDemoCounty(
  ctx: Ctx,
  county: DemoCounty,
  passwordHash: string,
): Promise<DemoLogin[]> {
  const { db } = ctx;
  const contents = await countContents(db);
  const root = await findRootUnit(db);
  if (!root || contents.units !== 1 || contents.ordinaryUsers > 0 || contents.leadershipGroups > 0) {
    throw new DemoRefused(
      `数据库中已有数据（单位 ${contents.units} 个，用户 ${contents.users} 个，领导小组 ${contents.leadershipGroups} 个），` +
        '演示数据只能写入刚初始化的空数据库（只有根单位和三名管理员）。' +
        '请换一个空的数据目录（HUIYIN_DATA_DIR）或空的 PostgreSQL 数据库后重试。',
    );
  }
  const now = ctx.clock.now().toISOString();
  const audit = (event: Parameters<typeof recordAudit>[1]) =>
    recordAudit(ctx, { actorId: null, actorName: CLI_ACTOR, ...event });

  const renamed: UnitRow = { ...root, name: county.countyName };
  await updateUnit(db, root.id, { name: county.countyName });
  await audit({
    action: 'unit.update',
    subjectType: 'unit',
    subjectId: root.id,
    unitId: root.id,
    before: unitSnapshot(root),
    after: unitSnapshot(renamed),
  });

  const unitsByKey = new Map<string, UnitRow>([[ROOT_KEY, renamed]]);
  for (const u of county.units) {
    const parent = unitsByKey.get(u.parentKey);
    if (!parent) throw new Error(`demo unit ${u.key} comes before its parent ${u.parentKey}`);
    const row = await insertUnit(db, {
      id: newId(),
      name: u.name,
      kind: u.kind,
      parent,
      acceptsOnline: u.acceptsOnline,
      createdAt: now,
    });
    unitsByKey.set(u.key, row);
    await audit({
      action: 'unit.create',
      subjectType: 'unit',
      subjectId: row.id,
      unitId: row.id,
      after: unitSnapshot(row),
    });
  }

  const userIds = new Map<string, string>();
  const logins: DemoLogin[] = [];
  for (const u of county.users) {
    const unit = unitsByKey.get(u.unitKey);
    if (!unit) throw new Error(`demo user ${u.username} names an unknown unit ${u.unitKey}`);
    const id = newId();
    await insertUser(
      db,
      {
        id,
        username: u.username,
        name: u.name,
        unit_id: unit.id,
        password_hash: passwordHash,
        password_changed_at: now,
        created_at: now,
      },
      u.roles,
      newId(),
    );
    userIds.set(u.username, id);
    await audit({
      action: 'user.create',
      subjectType: 'user',
      subjectId: id,
      unitId: unit.id,
      after: { username: u.username, name: u.name, unitId: unit.id, roles: u.roles },
    });
    logins.push({ username: u.username, name: u.name, roles: u.roles, unitName: unit.name, title: u.title });
  }

  const idOf = (username: string) => {
    const id = userIds.get(username);
    if (!id) throw new Error(`demo group names an unknown user ${username}`);
    return id;
  };
  for (const g of county.groups) {
    const unit = unitsByKey.get(g.unitKey) as UnitRow;
    const id = newId();
    await insertLeadershipGroup(db, {
      id,
      unit_id: unit.id,
      title: g.title,
      campaign: null,
      created_at: now,
    });
    const members = g.members.map((m) => ({ userId: idOf(m.username), position: m.position }));
    const workGroups = g.workGroups.map((w) => ({
      id: newId(),
      name: w.name,
      duties: w.duties,
      memberIds: w.usernames.map(idOf),
    }));
    await replaceComposition(db, id, members, workGroups);
    await audit({
      action: 'leadership_group.create',
      subjectType: 'leadership_group',
      subjectId: id,
      unitId: unit.id,
      after: { title: g.title, members, workGroups },
    });
  }

  const kinds = (kind: string) => county.units.filter((u) => u.kind === kind).length;
  await audit({
    action: 'demo.seed',
    subjectType: 'unit',
    subjectId: root.id,
    unitId: root.id,
    after: {
      seed: county.seed,
      county: county.countyName,
      townships: kinds('township'),
      villages: kinds('village'),
      departments: kinds('department'),
      offices: kinds('office'),
      users: county.users.length,
      leadershipGroups: county.groups.length,
    },
  });
  return logins;
}
