import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { createDb, type DbHandle, type Dialect } from '../src/platform/db/create-db.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import type { Ctx } from '../src/platform/http/context.ts';

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];
export const TEST_NOW = '2026-11-02T02:00:00.000Z';

/** One database of one dialect, migrated, with an app built on it and a fixed clock. */
export interface TestEnv {
  dialect: Dialect;
  handle: DbHandle;
  app: FastifyInstance;
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  dataDir: string;
  /** A context for calling use cases and repositories directly (no actor, no transaction). */
  ctx(): Ctx;
}

export interface EnvOptions {
  env?: Record<string, string>;
}

let counter = 0;

/** Creates a fresh, migrated database of the dialect (a new PostgreSQL database each time). */
export async function freshDatabase(
  dialect: Dialect,
  dataDir: string,
): Promise<{ handle: DbHandle; url?: string }> {
  if (dialect === 'sqlite') {
    const handle = createDb({ dialect: 'sqlite', file: path.join(dataDir, 'huiyin.sqlite') });
    await migrateToLatest(handle.db);
    return { handle };
  }
  const base = inject('pgUrl');
  if (!base) throw new Error('PostgreSQL is not available');
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = base.replace(/\/[^/]*$/, `/${name}`);
  const handle = createDb({ dialect: 'postgres', url });
  await migrateToLatest(handle.db);
  return { handle, url };
}

/** Builds a complete test environment for one dialect. */
export async function createTestEnv(dialect: Dialect, opts: EnvOptions = {}): Promise<TestEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-test-'));
  const { handle, url } = await freshDatabase(dialect, dataDir);
  const config = loadConfig({
    HUIYIN_DATA_DIR: dataDir,
    HUIYIN_2FA: 'off',
    HUIYIN_LOG_LEVEL: 'silent',
    ...(url ? { DATABASE_URL: url } : {}),
    ...opts.env,
  });
  const clock = fixedClock(TEST_NOW);
  const app = await buildApp({ config, handle, clock });
  await app.ready();
  return {
    dialect,
    handle,
    app,
    config,
    clock,
    dataDir,
    ctx: () => ({ db: handle.db, actor: null, clock, config, meta: { ip: '127.0.0.1', requestId: null } }),
  };
}

/** Closes the app and database and removes the data directory. */
export async function destroyTestEnv(env: TestEnv): Promise<void> {
  await env.app.close();
  await env.handle.close();
  fs.rmSync(env.dataDir, { recursive: true, force: true });
}

/**
 * Runs a suite once per dialect (SQLite and PostgreSQL), each on its own fresh database, as the
 * architecture guide asks of every test that touches the database. The suite gets a getter for
 * its environment, valid inside tests and hooks.
 */
export function describeEachDialect(
  name: string,
  suite: (env: () => TestEnv) => void,
  opts: EnvOptions = {},
): void {
  for (const dialect of DIALECTS) {
    const pgMissing = dialect === 'postgres' && !inject('pgUrl');
    (pgMissing ? describe.skip : describe)(`${name} [${dialect}]`, () => {
      let env: TestEnv | undefined;
      beforeAll(async () => {
        env = await createTestEnv(dialect, opts);
      }, 60_000);
      afterAll(async () => {
        if (env) await destroyTestEnv(env);
      });
      suite(() => {
        if (!env) throw new Error('test environment not ready');
        return env;
      });
    });
  }
}

/** A logged-in staff session: call `inject` to send requests with its cookie and origin. */
export interface Session {
  cookie: string;
  userId: string;
  inject(opts: InjectOptions): Promise<import('light-my-request').Response>;
}

const ORIGIN = 'http://localhost:80';

/** Logs in through the API and returns a session helper that sends the cookie and a same-site Origin. */
export async function login(app: FastifyInstance, username: string, password: string): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { origin: ORIGIN, host: 'localhost:80' },
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  const cookie = String(raw).split(';')[0] as string;
  const userId = res.json().user.id as string;
  return {
    cookie,
    userId,
    inject: (opts) =>
      app.inject({
        ...opts,
        headers: {
          host: 'localhost:80',
          origin: ORIGIN,
          cookie,
          ...(opts.headers as Record<string, string> | undefined),
        },
      } as InjectOptions),
  };
}
