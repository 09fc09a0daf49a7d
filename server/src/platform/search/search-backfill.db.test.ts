import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { fixedClock } from '../clock.ts';
import { createDb, type DbHandle, type Dialect } from '../db/create-db.ts';
import { runDueJobs } from '../jobs/queue.ts';
import './reindex.job.ts';
import { matchingPetitionIds } from './search-index.ts';

// The backfill of petitions registered before the search migration: the migration enqueues
// `search.reindex` (it cannot run application code), and the worker's run makes them findable.

/** The frozen migrations by file name, as platform/db/migrate.ts finds them. */
const provider: MigrationProvider = {
  async getMigrations() {
    const dir = new URL('../../migrations/', import.meta.url);
    const files = fs
      .readdirSync(dir)
      .filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'))
      .sort();
    const out: Record<string, Migration> = {};
    for (const f of files) out[f.replace(/\.ts$/, '')] = (await import(new URL(f, dir).href)) as Migration;
    return out;
  },
};

async function emptyDatabase(dialect: Dialect, dir: string): Promise<DbHandle> {
  if (dialect === 'sqlite') return createDb({ dialect, file: path.join(dir, 'backfill.sqlite') });
  const base = inject('pgUrl') as string;
  const name = `backfill_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return createDb({ dialect, url: base.replace(/\/[^/]*$/, `/${name}`) });
}

/** A petition row as the petitions migrations (up to petition-links) define it. */
async function insertOldPetition(db: Kysely<any>, id: string) {
  const now = '2026-11-01T00:00:00.000Z';
  const unitId = `unit-${id}`;
  await db
    .insertInto('units')
    .values({
      id: unitId,
      parent_id: null,
      name: `县${id}`,
      kind: 'county',
      path: `/${unitId}/`,
      depth: 0,
      created_at: now,
    })
    .execute();
  const category = await db.selectFrom('petition_categories').select('id').executeTakeFirstOrThrow();
  await db
    .insertInto('petitions')
    .values({
      id,
      number: `县信〔2026〕${id}号`,
      registered_unit_id: unitId,
      number_year: 2026,
      number_seq: 1,
      unit_id: unitId,
      objection_raised: 0,
      channel: 'letter',
      classification: 'appeal',
      category_id: category.id,
      title: '工地噪音扰民',
      content: '夜间施工，噪音很大。',
      demands: '停止夜间施工。',
      people_count: 1,
      received_on: '2026-10-30',
      status: 'registered',
      version: 1,
      query_code_enc: 'x',
      query_code_index: `qc-${id}`,
      simple_track: 0,
      last_on: '2026-10-30',
      calendar_warning: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('petitioners')
    .values({ id: `p-${id}`, petition_id: id, sort_order: 1, name: '欧阳娜娜', is_representative: 0 })
    .execute();
}

const dialects: Dialect[] = inject('pgUrl') ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(dialects)('search backfill [%s]', (dialect) => {
  it('indexes the petitions that existed before the search migration once the worker runs its job', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-backfill-'));
    const handle = await emptyDatabase(dialect, dir);
    try {
      const migrator = new Migrator({ db: handle.db, provider });
      const before = await migrator.migrateTo('2026-11-29T14-00-00-petition-links');
      expect(before.error).toBeUndefined();
      await insertOldPetition(handle.db, 'old-1');
      const after = await migrator.migrateToLatest();
      expect(after.error).toBeUndefined();

      const job = await handle.db
        .selectFrom('jobs')
        .select(['name', 'status'])
        .where('name', '=', 'search.reindex')
        .execute();
      expect(job).toEqual([{ name: 'search.reindex', status: 'queued' }]);
      const find = async (q: string) =>
        (
          await sql<{ petition_id: string }>`${matchingPetitionIds(handle.db, q)}`.execute(handle.db)
        ).rows.map((r) => r.petition_id);
      expect(await find('噪音')).toEqual([]);

      const config = loadConfig({ HUIYIN_DATA_DIR: dir, HUIYIN_2FA: 'off', HUIYIN_LOG_LEVEL: 'silent' });
      const ran = await runDueJobs(
        { db: handle.db, config, clock: fixedClock('2099-01-01T00:00:00.000Z') },
        { workerId: 'backfill-test' },
      );
      expect(ran).toBeGreaterThanOrEqual(1);
      expect(await find('噪音')).toEqual(['old-1']);
      expect(await find('娜娜')).toEqual(['old-1']);
      expect(await find('夜间施工')).toEqual(['old-1']);
    } finally {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
