import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, destroyTestEnv, login, type TestEnv } from '../../test/harness.ts';
import { loadConfig } from '../config.ts';
import { bootstrapAdministrators } from '../modules/org/use-cases/bootstrap-administrators.ts';
import { anchorAuditHead } from '../platform/audit/anchors.ts';
import { verifyAuditChain } from '../platform/audit/verify.ts';
import { createDb } from '../platform/db/create-db.ts';
import { readFile, storeFile } from '../platform/files/index.ts';
import { backupCommand } from './backup.ts';
import { restoreCommand } from './restore.ts';
import { runCommand } from './run-command.test-helper.ts';

const ADMIN_PASSWORD = 'Admin-Huiyin-2026';

/** Every row of every table, as sorted JSON lines per table: two dumps are equal when the data is. */
function dump(file: string): Record<string, string[]> {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as Array<{ name: string }>;
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (db.prepare(`SELECT * FROM "${name}"`).all() as object[]).map((r) => JSON.stringify(r)).sort(),
      ]),
    );
  } finally {
    db.close();
  }
}

/**
 * A second connection, in its own thread, that keeps committing transactions of two rows each
 * (a unit and a login attempt, both with id `w-<n>`) until told to stop; returns how many it wrote.
 */
function startWriter(file: string, root: { id: string; path: string }) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.driver);
    const db = new Database(workerData.file);
    db.pragma('busy_timeout = 5000');
    const flag = new Int32Array(workerData.flag);
    const unit = db.prepare('INSERT INTO units (id, parent_id, name, kind, path, depth, accepts_online, created_at) VALUES (?, ?, ?, ?, ?, 1, 0, ?)');
    const attempt = db.prepare('INSERT INTO login_attempts (id, username, at, success, ip) VALUES (?, ?, ?, 0, NULL)');
    const write = db.transaction((n) => {
      const at = new Date().toISOString();
      unit.run('w-' + n, workerData.root.id, '并发写入部门' + n, 'department', workerData.root.path + 'w-' + n + '/', at);
      attempt.run('w-' + n, 'writer', at);
    });
    let n = 0;
    while (Atomics.load(flag, 0) === 0) {
      write(++n);
      if (n === 20) parentPort.postMessage({ started: n });
    }
    db.close();
    parentPort.postMessage({ done: n });
    `,
    { eval: true, workerData: { file, root, driver, flag: flag.buffer } },
  );
  const messages: Array<{ started?: number; done?: number }> = [];
  const waitFor = (key: 'started' | 'done') =>
    new Promise<number>((resolve, reject) => {
      const seen = messages.find((m) => m[key] !== undefined);
      if (seen) return resolve(seen[key] as number);
      worker.on('message', (m) => {
        if (m[key] !== undefined) resolve(m[key]);
      });
      worker.on('error', reject);
    });
  worker.on('message', (m) => messages.push(m));
  return {
    started: () => waitFor('started'),
    stop: async () => {
      Atomics.store(flag, 0, 1);
      const n = await waitFor('done');
      await worker.terminate();
      return n;
    },
  };
}

function writerRows(file: string): number {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM units WHERE id LIKE 'w-%'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('huiyin backup / restore [sqlite only: these commands copy SQLite files; PostgreSQL uses pg_dump]', () => {
  let env: TestEnv;
  const dirs: string[] = [];
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-backup-'));
    dirs.push(d);
    return d;
  };
  const configFor = (dataDir: string) => loadConfig({ HUIYIN_DATA_DIR: dataDir, HUIYIN_LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    env = await createTestEnv('sqlite');
    await bootstrapAdministrators(env.handle, { ...env.config, adminPassword: ADMIN_PASSWORD }, env.clock);
    const admin = await login(env.app, 'admin', ADMIN_PASSWORD);
    const root = await env.handle.db
      .selectFrom('units')
      .selectAll()
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const township = await admin.inject({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: '备份镇', kind: 'township', parentId: root.id },
    });
    expect(township.statusCode).toBe(201);
    const user = await admin.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        username: 'backupclerk',
        password: 'Clerk-Huiyin-2026',
        name: '备份登记员',
        unitId: township.json().id,
        roles: ['clerk'],
      },
    });
    expect(user.statusCode).toBe(201);
    await login(env.app, 'backupclerk', 'Clerk-Huiyin-2026');
  }, 60_000);

  afterAll(async () => {
    await destroyTestEnv(env);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('backs up while another connection writes; a restore into an empty directory holds exactly the data of the backup moment', async () => {
    const source = (env.config.database as { file: string }).file;
    const root = await env.handle.db
      .selectFrom('units')
      .select(['id', 'path'])
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const file = path.join(tempDir(), 'huiyin-backup.sqlite');

    const writer = startWriter(source, root);
    await writer.started();
    const backup = await runCommand(backupCommand, env.config, [file]);
    const afterBackup = writerRows(source);
    while (writerRows(source) <= afterBackup) await new Promise((r) => setTimeout(r, 5));
    const written = await writer.stop();
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toContain('完整性检查: ok');
    expect(backup.out).toContain('secret.key');

    const target = configFor(path.join(tempDir(), 'data'));
    const restore = await runCommand(restoreCommand, target, [file]);
    expect(restore.code, restore.out).toBe(0);
    const restoredFile = (target.database as { file: string }).file;
    const restored = dump(restoredFile);

    // The writer's transactions in the copy are exactly the first k, both rows of each: one moment.
    const ids = (rows: string[]) =>
      rows.map((r) => JSON.parse(r).id as string).filter((id) => id.startsWith('w-'));
    const k = ids(restored.units ?? []).length;
    expect(k).toBeGreaterThanOrEqual(20);
    expect(k).toBeLessThan(written);
    const firstK = Array.from({ length: k }, (_, i) => `w-${i + 1}`).sort();
    expect(ids(restored.units ?? []).sort()).toEqual(firstK);
    expect(ids(restored.login_attempts ?? []).sort()).toEqual(firstK);

    // Every table equals the source without the writes that came after the backup moment.
    const later = (row: string) => {
      const id = JSON.parse(row).id;
      return typeof id === 'string' && /^w-\d+$/.test(id) && Number(id.slice(2)) > k;
    };
    const expected = Object.fromEntries(
      Object.entries(dump(source)).map(([table, rows]) => [table, rows.filter((r) => !later(r))]),
    );
    expect(Object.keys(restored)).toEqual(
      expect.arrayContaining(['units', 'users', 'user_roles', 'sessions', 'audit_log', 'audit_head']),
    );
    expect(restored).toEqual(expected);
    expect(restored.sessions).toHaveLength(2);
    expect(restored.users?.some((u) => u.includes('backupclerk'))).toBe(true);

    const handle = createDb(target.database);
    try {
      const chain = await verifyAuditChain(handle.db, target);
      expect(chain.ok).toBe(true);
      expect(chain.checked).toBe(restored.audit_log?.length);
    } finally {
      await handle.close();
    }
  });

  it('carries the stored files and the audit anchors: the restored installation reads the files and its chain verifies against its anchors', async () => {
    const bytes = Buffer.from('%PDF-1.4\n% 来信扫描件\n', 'utf8');
    const stored = await env.handle.db.transaction().execute((trx) =>
      storeFile(
        { ...env.ctx(), db: trx },
        {
          ownerType: 'petition',
          ownerId: 'p-1',
          kind: 'attachment',
          fileName: '来信.pdf',
          mediaType: 'application/pdf',
          bytes,
        },
      ),
    );
    await anchorAuditHead(env.handle.db, env.config, env.clock);
    const file = path.join(tempDir(), 'with-files.sqlite');
    const backup = await runCommand(backupCommand, env.config, [file]);
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toContain('附件与文书 1 个');

    const target = configFor(path.join(tempDir(), 'data'));
    const restore = await runCommand(restoreCommand, target, [file]);
    expect(restore.code, restore.out).toBe(0);
    const handle = createDb(target.database);
    try {
      const read = await readFile(handle.db, target, stored.id);
      expect(read?.bytes.equals(bytes)).toBe(true);
      const chain = await verifyAuditChain(handle.db, target);
      expect(chain).toMatchObject({ ok: true, anchors: { ok: true } });
      expect(chain.anchors.checked).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  });

  it('never overwrites: not an existing backup file, not a data directory that has a database', async () => {
    const file = path.join(tempDir(), 'existing.sqlite');
    fs.writeFileSync(file, 'an older backup');
    const again = await runCommand(backupCommand, env.config, [file]);
    expect(again.code).toBe(1);
    expect(again.out).toContain('已存在');
    expect(fs.readFileSync(file, 'utf8')).toBe('an older backup');

    const good = path.join(tempDir(), 'good.sqlite');
    expect((await runCommand(backupCommand, env.config, [good])).code).toBe(0);
    const before = dump((env.config.database as { file: string }).file);
    const refused = await runCommand(restoreCommand, env.config, [good]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('空数据目录');
    expect(dump((env.config.database as { file: string }).file)).toEqual(before);
  });

  it('refuses to restore a file that is not a sound Huiyin database and leaves the directory empty', async () => {
    const junk = path.join(tempDir(), 'junk.sqlite');
    fs.writeFileSync(junk, 'SQLite format 3\0 but not really');
    const target = configFor(path.join(tempDir(), 'data'));
    const r = await runCommand(restoreCommand, target, [junk]);
    expect(r.code).toBe(2);
    expect(fs.existsSync((target.database as { file: string }).file)).toBe(false);

    const foreign = path.join(tempDir(), 'foreign.sqlite');
    const db = new SqliteDatabase(foreign);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    db.close();
    const r2 = await runCommand(restoreCommand, target, [foreign]);
    expect(r2.code).toBe(2);
    expect(r2.out).toContain('不是回音的数据库');
    expect(fs.existsSync((target.database as { file: string }).file)).toBe(false);
  });

  it('on PostgreSQL names the pg_dump and pg_restore commands instead of copying files', async () => {
    const pg = loadConfig({ DATABASE_URL: 'postgres://huiyin@localhost/huiyin', HUIYIN_DATA_DIR: tempDir() });
    const b = await runCommand(backupCommand, pg, ['/srv/backup/huiyin.dump']);
    expect(b.code).toBe(1);
    expect(b.out).toContain('pg_dump --format=custom --file=/srv/backup/huiyin.dump "$DATABASE_URL"');
    const r = await runCommand(restoreCommand, pg, ['/srv/backup/huiyin.dump']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('pg_restore');
  });
});
