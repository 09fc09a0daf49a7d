// Benchmark #6 of performance.md: Chinese search through the real list function
// (listVisiblePetitions: visibility, match, total and the newest-first page of 20) against its
// limit in the same run, alternating limit and subject (L S L S …): the segmentation of the query
// plus the raw index query for the newest 20 matching ids. Builds the petitions directly in
// batches (the generated corpus of test/fixtures/petition-corpus.ts, indexed by indexPetition's
// token string) on SQLite, and on PostgreSQL too when DATABASE_URL names a server (a database
// `huiyin_bench_<pid>` is created there and dropped afterwards). "ID fragment" is not a query
// kind here: ID numbers are stored encrypted and never indexed, so no fragment can be found.
//
//   npx tsx bench/search.bench.ts --rows 100000 [--iterations 30] [--keep /tmp/search.sqlite]
//   (--keep builds the SQLite database in that file once and reuses it on later runs)
//   DATABASE_URL=postgres://user@127.0.0.1:5432/postgres npx tsx bench/search.bench.ts --rows 100000

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
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
} from '../server/src/platform/search/search-index.ts';
import { queryPhrases } from '../server/src/platform/search/tokens.ts';
import { generateCorpus, PLANTED } from '../server/test/fixtures/petition-corpus.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROWS = arg('rows', 100_000);
const ITERATIONS = arg('iterations', 30);
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
        return {
          id,
          number: `测试县信〔2026〕${it.key + 1}号`,
          registered_unit_id: unitId,
          number_year: 2026,
          number_seq: it.key + 1,
          unit_id: unitId,
          sender_unit_id: null,
          objection_raised: 0,
          channel: 'letter',
          classification: it.classification === 'accusation' ? 'appeal' : it.classification,
          category_id: categories.get(it.category) as string,
          title: it.title,
          content: it.content,
          demands: it.demands,
          people_count: it.names.length,
          received_on: day(it.key),
          status: 'registered',
          version: 1,
          query_code_enc: 'bench',
          query_code_index: `bench-${it.key}`,
          simple_track: 0,
          handler_id: null,
          handling_unit_id: null,
          opinion: null,
          instruction: null,
          extended_days: null,
          redirect_route: null,
          redirect_note: null,
          rejection_reason: null,
          answer_unit_id: null,
          answer_on: null,
          answer_decision: null,
          answer_text: null,
          answer_facts: null,
          answer_reasons: null,
          answer_legal_basis: null,
          review_unit_id: null,
          review_requested_on: null,
          review_request_reason: null,
          review_on: null,
          review_decision: null,
          review_text: null,
          rereview_unit_id: null,
          rereview_requested_on: null,
          rereview_request_reason: null,
          rereview_on: null,
          rereview_decision: null,
          rereview_text: null,
          accused_unit_id: null,
          accused_user_id: null,
          accused_name: null,
          linked_into_id: null,
          last_on: day(it.key),
          next_due: null,
          next_due_kind: null,
          calendar_warning: 0,
          created_by: null,
          created_at: now,
          updated_at: now,
        };
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

/** The limit: the query's segmentation plus the raw index query for the newest 20 matching ids. */
function limitQuery(db: Db, q: string) {
  queryPhrases(q);
  return sql`SELECT p.id FROM petitions p WHERE p.id IN (${matchingPetitionIds(db, q)})
    ORDER BY p.received_on DESC, p.id DESC LIMIT 20`.execute(db);
}

async function measure(label: string, handle: DbHandle, unitPath: string): Promise<void> {
  const db = handle.db;
  const actor = { userId: 'bench', unitPath, roles: ['leader' as const] };
  const subject = (q: string) =>
    listVisiblePetitions(db, actor, {
      q,
      mine: false,
      overdue: false,
      today: '2026-11-02',
      sort: 'receivedOn',
      page: 1,
      pageSize: 20,
    });
  console.log(`\n${label}`);
  console.log(
    '| query kind | query | matches | subject p50 ms | subject p99 ms | limit p50 ms | limit p99 ms | median ratio S/L |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [kind, q] of KINDS) {
    for (let i = 0; i < 3; i++) {
      await limitQuery(db, q);
      await subject(q);
    }
    const s: number[] = [];
    const l: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const lt = await timed(() => limitQuery(db, q));
      const st = await timed(() => subject(q));
      l.push(lt);
      s.push(st);
      ratios.push(st / lt);
    }
    const { total } = await subject(q);
    console.log(
      `| ${kind} | ${q} | ${total} | ${percentile(s, 50).toFixed(2)} | ${percentile(s, 99).toFixed(2)} | ${percentile(l, 50).toFixed(2)} | ${percentile(l, 99).toFixed(2)} | ${percentile(ratios, 50).toFixed(2)} |`,
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
  const name = `huiyin_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const handle = createDb({ dialect: 'postgres', url: url.replace(/\/[^/]*$/, `/${name}`) });
  try {
    await migrateToLatest(handle.db);
    const version = (
      await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(handle.db)
    ).rows[0]?.v;
    const commit = (
      await sql<{ v: string }>`SELECT current_setting('synchronous_commit') AS v`.execute(handle.db)
    ).rows[0]?.v;
    const { unitPath, seconds } = await seed(handle);
    const size = (
      await sql<{ n: number }>`SELECT pg_database_size(current_database())::bigint AS n`.execute(handle.db)
    ).rows[0]?.n;
    await measure(
      `PostgreSQL ${version} (synchronous_commit=${commit}): built in ${seconds.toFixed(1)} s, database ${(Number(size) / 1e6).toFixed(0)} MB`,
      handle,
      unitPath,
    );
  } finally {
    await handle.close();
    await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
  }
}

await main();
