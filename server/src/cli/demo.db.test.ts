import { expect, it } from 'vitest';
import { describeEachDialect, login } from '../../test/harness.ts';
import { generateDemoCounty } from '../modules/demo/demo-county.ts';
import { countUnits } from '../modules/org/org.repository.ts';
import { bootstrapAdministrators } from '../modules/org/use-cases/bootstrap-administrators.ts';
import { demoCommand } from './demo.ts';
import { runCommand } from './run-command.test-helper.ts';

const SEED = 7;
const PASSWORD = 'Demo-Huiyin-2026';

describeEachDialect('huiyin demo', (env) => {
  const county = generateDemoCounty(SEED);
  const userOf = (title: string, unitKeyPrefix = '') => {
    const u = county.users.find((x) => x.title === title && x.unitKey.startsWith(unitKeyPrefix));
    if (!u) throw new Error(`no demo user ${title}`);
    return u;
  };
  const unitOf = (key: string) => county.units.find((u) => u.key === key);

  it('refuses malformed arguments without touching the database', async () => {
    const r = await runCommand(demoCommand, env().config, ['--seed', 'seven'], env().clock);
    expect(r.code).toBe(1);
    expect(r.out).toContain('--seed');
    const weak = await runCommand(demoCommand, env().config, ['--password', 'short'], env().clock);
    expect(weak.code).toBe(1);
    expect(weak.out).toContain('密码规则');
    expect(await countUnits(env().handle.db)).toBe(0);
  });

  it('fills a freshly bootstrapped database with the county of the seed and prints the logins', async () => {
    const { db } = env().handle;
    await bootstrapAdministrators(env().handle, env().config, env().clock);
    const r = await runCommand(
      demoCommand,
      env().config,
      ['--seed', String(SEED), '--password', PASSWORD],
      env().clock,
    );
    expect(r.code).toBe(0);

    const units = await db.selectFrom('units').select(['name', 'kind', 'parent_id']).execute();
    expect(units.map((u) => u.name).sort()).toEqual(
      [county.countyName, ...county.units.map((u) => u.name)].sort(),
    );
    expect(units.find((u) => u.parent_id === null)?.name).toBe(county.countyName);
    const count = (kind: string) => units.filter((u) => u.kind === kind).length;
    expect(count('township')).toBeGreaterThanOrEqual(11);
    expect(count('village')).toBeGreaterThanOrEqual(140);
    expect(count('department')).toBeGreaterThanOrEqual(23);

    const users = await db.selectFrom('users').select(['username', 'name']).execute();
    expect(users).toHaveLength(3 + county.users.length);
    const roles = await db.selectFrom('user_roles').select(['role']).execute();
    expect(new Set(roles.map((r) => r.role))).toEqual(
      new Set(['clerk', 'handler', 'leader', 'supervisor', 'unit_admin', 'sysadmin', 'secadmin', 'auditor']),
    );
    const groups = await db.selectFrom('leadership_groups').select(['title']).execute();
    expect(groups.map((g) => g.title).sort()).toEqual(county.groups.map((g) => g.title).sort());
    const workGroups = await db.selectFrom('work_groups').select(['name']).execute();
    expect(workGroups).toHaveLength(4 * county.groups.length);

    for (const u of county.users) expect(r.out).toContain(u.username);
    expect(r.out).toContain(PASSWORD);
    expect(r.out).toContain(county.countyName);

    const seeded = await db.selectFrom('audit_log').selectAll().where('action', '=', 'demo.seed').execute();
    expect(seeded).toHaveLength(1);
    expect(seeded[0]?.actor_name).toBe('cli');
    expect(JSON.parse(seeded[0]?.after_json ?? '{}')).toMatchObject({
      seed: SEED,
      county: county.countyName,
    });
    const created = await db
      .selectFrom('audit_log')
      .select(['subject_id'])
      .where('action', '=', 'user.create')
      .execute();
    expect(created).toHaveLength(3 + county.users.length);
  });

  it('lets the printed accounts log in, each seeing only their own part of the county', async () => {
    const { app } = env();
    const names = async (username: string) => {
      const s = await login(app, username, PASSWORD);
      const me = (await s.inject({ method: 'GET', url: '/api/v1/me' })).json();
      const list = (await s.inject({ method: 'GET', url: '/api/v1/units' })).json();
      return { me, units: (list.items as Array<{ name: string }>).map((u) => u.name).sort() };
    };

    const leader = await names(userOf('县委副书记、县长').username);
    expect(leader.me.roles).toEqual(['leader']);
    expect(leader.units).toHaveLength(county.units.length + 1);

    const townshipClerk = userOf('信访专干', 'town:0');
    const township = await names(townshipClerk.username);
    expect(township.me.unitName).toBe(unitOf('town:0')?.name);
    expect(township.me.roles).toEqual(['clerk']);
    expect(township.units).toEqual(
      [
        unitOf('town:0')?.name,
        ...county.units.filter((u) => u.parentKey === 'town:0').map((u) => u.name),
      ].sort(),
    );

    const cadre = county.users.find((u) => u.unitKey.startsWith('village:')) as (typeof county.users)[number];
    const village = await names(cadre.username);
    expect(village.units).toEqual([unitOf(cadre.unitKey)?.name]);

    const registrar = await names(userOf('来访接待登记员').username);
    expect(registrar.me.unitName).toBe('县信访局');
    expect(registrar.units).toEqual(['县信访局']);
  });

  it('refuses a database that holds more than the first-start data, and changes nothing', async () => {
    const { db } = env().handle;
    const before = await countUnits(db);
    const r = await runCommand(
      demoCommand,
      env().config,
      ['--seed', '8', '--password', PASSWORD],
      env().clock,
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('已有数据');
    expect(await countUnits(db)).toBe(before);
    const seeds = await db
      .selectFrom('audit_log')
      .select(['seq'])
      .where('action', '=', 'demo.seed')
      .execute();
    expect(seeds).toHaveLength(1);
  });
});
