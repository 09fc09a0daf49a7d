import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { COMMANDS as MORE_COMMANDS } from './cli/commands.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { bootstrapAdministrators } from './modules/org/use-cases/bootstrap-administrators.ts';
import { systemClock } from './platform/clock.ts';
import { createDb, type DbHandle } from './platform/db/create-db.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { WEB_DIST } from './platform/http/web-app.ts';
import { startWorker } from './platform/jobs/worker.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const USAGE = `用法 / usage: huiyin <command>
  serve                 migrate, create the first administrators if needed, serve http://localhost:$PORT
  migrate               migrate the database to the latest schema
  demo [--seed N] [--password P]
                        fill an empty database with a realistic demo county and print the logins
  backup <file>         online backup (SQLite; for PostgreSQL use pg_dump, see README)
  restore <file>        restore a SQLite backup into an empty data directory
  audit-verify          recompute the audit hash chain and check the external anchors
  reset-password <user> set a new random password for a user and print it once`;

/** Loads the configuration or prints every problem and returns null. */
export function configOrExit(): Config | null {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return null;
    }
    throw err;
  }
}

/** Opens and migrates the configured database. */
export async function openMigrated(config: Config): Promise<DbHandle> {
  const handle = createDb(config.database);
  await migrateToLatest(handle.db);
  return handle;
}

function ensureWebBuilt(): void {
  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) return;
  console.log('首次启动：正在构建网页 (building the web app)…');
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) throw new Error('web build failed');
}

async function serve(config: Config): Promise<number> {
  ensureWebBuilt();
  const handle = await openMigrated(config);
  const created = await bootstrapAdministrators(handle, config, systemClock);
  if (created) {
    console.log('\n首次启动已创建管理员账号（密码只显示这一次，请立即妥善保存）:');
    for (const a of created)
      console.log(`  ${a.username.padEnd(9)} ${`(${a.role})`.padEnd(11)} 密码: ${a.password}`);
    console.log('');
  }
  const app = await buildApp(
    { config, handle, clock: systemClock },
    { logger: { level: config.logLevel }, serveWeb: true },
  );
  const worker = config.jobs ? startWorker({ config, handle, clock: systemClock }, app.log) : null;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    await worker?.stop();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  console.log(`回音 Huiyin 已启动: http://localhost:${config.port}  (数据库: ${handle.dialect})`);
  return new Promise<number>(() => {});
}

/** The CLI entry point; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = configOrExit();
  if (!config) return 1;
  if (command === 'serve') return serve(config);
  if (command === 'migrate') {
    const handle = createDb(config.database);
    try {
      const done = await migrateToLatest(handle.db);
      console.log(done.length ? `已迁移: ${done.join(', ')}` : '数据库已是最新结构。');
      return 0;
    } finally {
      await handle.close();
    }
  }
  const more = MORE_COMMANDS[command];
  if (more) return more(config, rest);
  console.error(`未知命令: ${command}\n${USAGE}`);
  return 1;
}
