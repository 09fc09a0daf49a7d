import type { Config } from '../config.ts';
import { generatePassword, hashPassword, passwordProblems } from '../modules/auth/password.ts';
import { generateDemoCounty } from '../modules/demo/demo-county.ts';
import { DemoRefused, seedDemoCounty } from '../modules/demo/use-cases/seed-demo-county.ts';
import { ROLE_LABELS } from '../modules/org/org.labels.ts';
import { bootstrapAdministrators } from '../modules/org/use-cases/bootstrap-administrators.ts';
import { type Clock, systemClock } from '../platform/clock.ts';
import { cliCtx, withMigratedDb } from './open-db.ts';
import { formatTable } from './table.ts';

export const DEFAULT_DEMO_SEED = 1;

/** Reads `--seed N` and `--password P`; returns a problem in words instead when they are malformed. */
export function parseDemoArgs(args: readonly string[]): { seed: number; password?: string } | string {
  let seed = DEFAULT_DEMO_SEED;
  let password: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--seed') {
      const v = value();
      if (!v || !/^\d{1,9}$/.test(v)) return '--seed 后面须是一个非负整数，例如 --seed 7';
      seed = Number(v);
    } else if (flag === '--password') {
      const v = value();
      if (!v) return '--password 后面须给出演示密码';
      const problems = passwordProblems(v);
      if (problems.length) return `演示密码不符合密码规则：${problems.join('；')}`;
      password = v;
    } else {
      return `不认识的参数 ${arg}。用法: huiyin demo [--seed N] [--password 密码]`;
    }
  }
  return { seed, password };
}

/**
 * `huiyin demo [--seed N] [--password P]`: on an empty database (created here if needed, with the
 * first administrators) writes a demo county generated from the seed, and prints its logins and
 * the one password they share. Refuses a database that holds more than the first-start data.
 */
export async function demoCommand(
  config: Config,
  args: string[],
  clock: Clock = systemClock,
): Promise<number> {
  const parsed = parseDemoArgs(args);
  if (typeof parsed === 'string') {
    console.error(parsed);
    return 1;
  }
  const county = generateDemoCounty(parsed.seed);
  const password = parsed.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  return withMigratedDb(config, async (handle) => {
    const admins = await bootstrapAdministrators(handle, config, clock);
    let logins: Awaited<ReturnType<typeof seedDemoCounty>>;
    try {
      logins = await handle.db
        .transaction()
        .execute((db) => seedDemoCounty(cliCtx(db, config, clock), county, passwordHash));
    } catch (err) {
      if (err instanceof DemoRefused) {
        console.error(`未写入演示数据：${err.message}`);
        return 1;
      }
      throw err;
    }
    const kinds = (kind: string) => county.units.filter((u) => u.kind === kind).length;
    console.log(
      `已写入演示县「${county.countyName}」（种子 ${county.seed}）：乡镇/街道 ${kinds('township')} 个，` +
        `村/社区 ${kinds('village')} 个，部门 ${kinds('department')} 个，办公室 ${kinds('office')} 个，` +
        `工作人员 ${logins.length} 名，领导小组 ${county.groups.length} 个。\n`,
    );
    console.log(
      formatTable([
        ['用户名', '姓名', '角色', '单位', '职务'],
        ...logins.map((l) => [
          l.username,
          l.name,
          l.roles.map((r) => `${r}（${ROLE_LABELS[r] ?? r}）`).join('、'),
          l.unitName,
          l.title,
        ]),
      ]),
    );
    console.log(`\n以上演示账号共用密码（只显示这一次）: ${password}`);
    if (admins) {
      console.log('\n同时创建了管理员账号（密码只显示这一次，请立即妥善保存）:');
      for (const a of admins)
        console.log(`  ${a.username.padEnd(9)} ${`(${a.role})`.padEnd(11)} 密码: ${a.password}`);
    } else {
      console.log('管理员账号 admin、secadmin、auditor 保持首次启动时的密码不变。');
    }
    console.log(`启动: npm start，然后在 http://localhost:${config.port} 用以上任一账号登录。`);
    return 0;
  });
}
