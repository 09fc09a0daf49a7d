// Benchmark #6 of performance.md: Chinese search through the real list function
// (listVisiblePetitions: visibility, match, total and the newest-first page of 20; and the same
// page without the total, as a keyset page asks it) against its limit in the same run, alternating
// limit and subject (L S L P …): the segmentation of the query plus the raw index query for the
// newest 20 matching ids. "page plan" is the plan the list chose for the first page with its
// total (walk = the list order probes each case against the matches; matches = the matches
// drive). Builds the petitions directly in batches (the generated corpus of test/fixtures/petition-corpus.ts, indexed by indexPetition's
// token string) on SQLite, and on PostgreSQL too when DATABASE_URL names a server (a database
// `huiyin_bench_<pid>` is created there and dropped afterwards). "ID fragment" is not a query
// kind here: ID numbers are stored encrypted and never indexed, so no fragment can be found.
//
//   npx tsx bench/search.bench.ts --rows 100000 [--iterations 15] [--keep /tmp/search.sqlite]
//   (--keep builds the SQLite database in that file once and reuses it on later runs;
//   --keep-pg <name> does the same with a PostgreSQL database of that name)
//   DATABASE_URL=postgres://user@127.0.0.1:5432/postgres npx tsx bench/search.bench.ts --rows 100000

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { newPetitionRow } from '../server/src/modules/petitions/petition-row.ts';
import { listVisiblePetitions } from '../server/src/modules/petitions/petitions.repository.ts';
import type { PetitionsTable } from '../server/src/modules/petitions/petitions.tables.ts';
import { createDb, type DbHandle } from '../server/src/platform/db/create-db.ts';
import { migrateToLatest } from '../server/src/platform/db/migrate.ts';
import type { Db } from '../server/src/platform/db/schema.ts';
import {
  indexPetition,
  isPostgres,
  matchingPetitionIds,
  petitionTokens,
  prepareSearch,
  tsQueryText,
  walksCases,
} from '../server/src/platform/search/search-index.ts';
import { queryPhrases } from '../server/src/platform/search/tokens.ts';
import { generateCorpus, PLANTED } from '../server/test/fixtures/petition-corpus.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROWS = arg('rows', 100_000);
const ITERATIONS = arg('iterations', 15);
const BATCH = 200;

const KINDS: [string, string][] = [
  ['rare word', PLANTED.rare],
  ['common word', PLANTED.common],
  ['2-character word', PLANTED.twoChar],
  ['name', PLANTED.name],
  ['phrase', PLANTED.phrase],
  ['two terms', PLANTED.twoTerms],
];

/** A day of the last ~3 years before 2026-11-02, so that many cases share a day. */
function day(key: number): string {
  return new Date(Date.UTC(2026, 10, 2) - (key % 1035) * 86_400_000).toISOString().slice(0, 10);
}

async function seed(handle: DbHandle): Promise<{ unitPath: string; seconds: number }> {
  const db = handle.db;
  const now = new Date().toISOString();
  const countyId = crypto.randomUUID();
  const townId = crypto.randomUUID();
  await db
    .insertInto('units')
    .values([
      {
        id: countyId,
        parent_id: null,
        name: '测试县',
        kind: 'county',
        path: `/${countyId}/`,
        depth: 0,
        accepts_online: 0,
        created_at: now,
      },
      {
        id: townId,
        parent_id: countyId,
        name: '东城镇',
        kind: 'township',
        path: `/${countyId}/${townId}/`,
        depth: 1,
        accepts_online: 0,
        created_at: now,
      },
    ])
    .execute();
  const categories = new Map(
    (await db.selectFrom('petition_categories').select(['id', 'name']).execute()).map((c) => [c.name, c.id]),
  );
  const started = Date.now();
  const corpus = generateCorpus(ROWS);
  for (let from = 0; from < ROWS; from += BATCH) {
    const batch = corpus.slice(from, from + BATCH);
    await db.transaction().execute(async (trx) => {
      const rows: PetitionsTable[] = batch.map((it) => {
        const id = crypto.randomUUID();
        const unitId = it.key % 3 === 0 ? countyId : townId;
        return newPetitionRow({
          id,
          number: `测试县信〔2026〕${it.key + 1}号`,
          registered_unit_id: unitId,
          number_year: 2026,
          number_seq: it.key + 1,
          unit_id: unitId,
          channel: 'letter',
          classification: it.classification === 'accusation' ? 'appeal' : it.classification,
          category_id: categories.get(it.category) as string,
          title: it.title,
          content: it.content,
          demands: it.demands,
          people_count: it.names.length,
          received_on: day(it.key),
          query_code_enc: 'bench',
          query_code_index: `bench-${it.key}`,
          last_on: day(it.key),
          created_at: now,
          updated_at: now,
        });
      });
      await trx.insertInto('petitions').values(rows).execute();
      await trx
        .insertInto('petitioners')
        .values(
          batch.flatMap((it, i) =>
            it.names.map((name, j) => ({
              id: crypto.randomUUID(),
              petition_id: (rows[i] as PetitionsTable).id,
              sort_order: j + 1,
              name,
              id_number_enc: null,
              id_number_index: null,
              id_number_masked: null,
              phone_enc: null,
              phone_index: null,
              phone_masked: null,
              address: null,
              is_representative: 0,
            })),
          ),
        )
        .execute();
      if (isPostgres(trx)) {
        // The same token string as indexPetition, in one statement per batch.
        const ids = rows.map((r) => r.id);
        const tokens = batch.map((it) => petitionTokens(it));
        await sql`INSERT INTO petition_search (petition_id, vector)
          SELECT x.id, to_tsvector('simple', x.t) FROM unnest(${ids}::text[], ${tokens}::text[]) AS x(id, t)`.execute(
          trx,
        );
      } else {
        for (let i = 0; i < batch.length; i++)
          await indexPetition(trx, (rows[i] as PetitionsTable).id, batch[i] as (typeof batch)[number]);
      }
    });
  }
  await sql`ANALYZE`.execute(db);
  return { unitPath: `/${countyId}/`, seconds: (Date.now() - started) / 1000 };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * The limit: the query's segmentation plus the raw index query for the newest 20 matching ids, in
 * both plans — matches first (as the list asks for them), or newest first probing each case (SQLite
 * `+p.id` keeps the planner off the id index; PostgreSQL without the OFFSET 0 fence) — counting the
 * faster one, so the limit is the best raw query for each kind.
 */
async function limitQuery(db: Db, q: string): Promise<number> {
  const pgMatches = (phrases: ReturnType<typeof queryPhrases>) =>
    sql`SELECT petition_id FROM petition_search WHERE vector @@ to_tsquery('simple', ${tsQueryText(phrases)})`;
  const run = (newestFirst: boolean) =>
    timed(() => {
      const phrases = queryPhrases(q);
      const id = newestFirst && !isPostgres(db) ? sql`+p.id` : sql`p.id`;
      const matches = newestFirst && isPostgres(db) ? pgMatches(phrases) : matchingPetitionIds(db, q);
      return sql`SELECT p.id FROM petitions p WHERE ${id} IN (${matches})
        ORDER BY p.received_on DESC, p.id DESC LIMIT 20`.execute(db);
    });
  return Math.min(await run(false), await run(true));
}

async function measure(label: string, handle: DbHandle, unitPath: string): Promise<void> {
  const db = handle.db;
  const actor = { userId: 'bench', unitPath, roles: ['leader' as const] };
  const options = (q: string, count: boolean) => ({
    q,
    mine: false,
    overdue: false,
    today: '2026-11-02',
    sort: 'receivedOn' as const,
    page: 1,
    pageSize: 20,
    count,
  });
  const subject = (q: string) => listVisiblePetitions(db, actor, options(q, true));
  const pageOnly = (q: string) => listVisiblePetitions(db, actor, options(q, false));
  console.log(`\n${label}`);
  console.log(
    '| query kind | query | matches | page plan | subject p50 ms | subject p99 ms | page only p50 ms | page only p99 ms | limit p50 ms | limit p99 ms | median ratio S/L | median ratio page/L |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [kind, q] of KINDS) {
    for (let i = 0; i < 3; i++) {
      await limitQuery(db, q);
      await subject(q);
      await pageOnly(q);
    }
    const s: number[] = [];
    const p: number[] = [];
    const l: number[] = [];
    const ratios: number[] = [];
    const pageRatios: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const lt = await limitQuery(db, q);
      const st = await timed(() => subject(q));
      const lt2 = await limitQuery(db, q);
      const pt = await timed(() => pageOnly(q));
      l.push(lt, lt2);
      s.push(st);
      p.push(pt);
      ratios.push(st / lt);
      pageRatios.push(pt / lt2);
    }
    const { total } = await subject(q);
    const plan = walksCases(await prepareSearch(db, q), 21, total) ? 'walk' : 'matches';
    const f = (xs: number[], pc: number) => percentile(xs, pc).toFixed(2);
    console.log(
      `| ${kind} | ${q} | ${total} | ${plan} | ${f(s, 50)} | ${f(s, 99)} | ${f(p, 50)} | ${f(p, 99)} | ${f(l, 50)} | ${f(l, 99)} | ${f(ratios, 50)} | ${f(pageRatios, 50)} |`,
    );
  }
}

async function main() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `search benchmark: ${ROWS} petitions, ${ITERATIONS} alternating pairs per kind; node ${process.version}; ${cpu} × ${os.cpus().length}`,
  );
  const keepAt = process.argv.indexOf('--keep');
  const keep = keepAt >= 0 ? process.argv[keepAt + 1] : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-search-bench-'));
  const file = keep ?? path.join(dir, 'bench.sqlite');
  const reuse = keep !== undefined && fs.existsSync(keep);
  const lite = createDb({ dialect: 'sqlite', file });
  try {
    await migrateToLatest(lite.db);
    const version = (lite.sqlite!.prepare('select sqlite_version() v').get() as { v: string }).v;
    const { unitPath, seconds } = reuse
      ? {
          unitPath: (
            await lite.db.selectFrom('units').select('path').where('depth', '=', 0).executeTakeFirstOrThrow()
          ).path,
          seconds: 0,
        }
      : await seed(lite);
    lite.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    const mb = fs.statSync(file).size / 1e6;
    await measure(
      `SQLite ${version} (WAL, synchronous=FULL): ${reuse ? 'reused' : `built in ${seconds.toFixed(1)} s`}, database ${mb.toFixed(0)} MB`,
      lite,
      unitPath,
    );
  } finally {
    await lite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('\nPostgreSQL: skipped (no DATABASE_URL)');
    return;
  }
  const keepPgAt = process.argv.indexOf('--keep-pg');
  const keepPg = keepPgAt >= 0 ? process.argv[keepPgAt + 1] : undefined;
  if (keepPg !== undefined && !/^[a-z_][a-z0-9_]*$/.test(keepPg))
    throw new Error('--keep-pg takes a plain name');
  const name = keepPg ?? `huiyin_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const pgReuse =
    keepPg !== undefined &&
    (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (!pgReuse) await admin.query(`CREATE DATABASE ${name}`);
  const handle = createDb({ dialect: 'postgres', url: url.replace(/\/[^/]*$/, `/${name}`) });
  try {
    await migrateToLatest(handle.db);
    const version = (
      await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(handle.db)
    ).rows[0]?.v;
    const commit = (
      await sql<{ v: string }>`SELECT current_setting('synchronous_commit') AS v`.execute(handle.db)
    ).rows[0]?.v;
    const { unitPath, seconds } = pgReuse
      ? {
          unitPath: (
            await handle.db
              .selectFrom('units')
              .select('path')
              .where('depth', '=', 0)
              .executeTakeFirstOrThrow()
          ).path,
          seconds: 0,
        }
      : await seed(handle);
    const size = (
      await sql<{ n: number }>`SELECT pg_database_size(current_database())::bigint AS n`.execute(handle.db)
    ).rows[0]?.n;
    await measure(
      `PostgreSQL ${version} (synchronous_commit=${commit}): ${pgReuse ? 'reused' : `built in ${seconds.toFixed(1)} s`}, database ${(Number(size) / 1e6).toFixed(0)} MB`,
      handle,
      unitPath,
    );
  } finally {
    await handle.close();
    if (keepPg === undefined) await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
  }
}

await main();
