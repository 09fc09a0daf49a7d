// Benchmark #9 of performance.md: duplicate detection of one new petition against all stored
// ones. Subject: the detection as registration runs it — segmentation, shingles and MinHash of the
// text, the LSH band lookup in SQL, the exact word-set similarity of the candidates
// (find-duplicates.ts similarCases) — against its limit in the same run, alternating limit and
// subject (L S L S …): the same segmentation plus a raw scan of every stored fingerprint with the
// same similarity. Also the quality on the generated corpus (duplicates/corpus.ts): recall of the
// planted near-duplicates (5–10 % of characters changed, one sentence moved), precision of all
// pairs found, same-ID repeats found, and SimHash over the same shingles for comparison.
//
//   npx tsx bench/duplicates.bench.ts --rows 100000 [--quality 10000] [--pairs 20] [--lookups 1000]
//   DATABASE_URL=postgres://user@127.0.0.1:5432/postgres npx tsx bench/duplicates.bench.ts --rows 100000

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../server/src/config.ts';
import {
  type CorpusPetition,
  generateCorpus,
  rng,
  scorePairs,
} from '../server/src/modules/petitions/duplicates/corpus.ts';
import { corpusRows, insertCorpusRows } from '../server/src/modules/petitions/duplicates/corpus-rows.ts';
import {
  fingerprintPage,
  samePetitionerIds,
} from '../server/src/modules/petitions/duplicates/duplicates.repository.ts';
import { similarCases } from '../server/src/modules/petitions/duplicates/find-duplicates.ts';
import {
  decodeShingles,
  fingerprintOf,
  jaccard,
  petitionText,
  SIMILARITY_THRESHOLD,
  shinglesOf,
} from '../server/src/modules/petitions/duplicates/fingerprint.ts';
import { hammingDistance, simhash } from '../server/src/modules/petitions/duplicates/simhash.ts';
import { idNumberIndex } from '../server/src/modules/petitions/personal-data.ts';
import { loadKeyRing } from '../server/src/platform/crypto/sm4.ts';
import { createDb, type DbHandle } from '../server/src/platform/db/create-db.ts';
import { migrateToLatest } from '../server/src/platform/db/migrate.ts';
import type { Db } from '../server/src/platform/db/schema.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROWS = arg('rows', 100_000);
const QUALITY = arg('quality', 10_000);
const PAIRS = arg('pairs', 20);
const LOOKUPS = arg('lookups', 1000);
const SIMHASH_ROWS = Math.min(ROWS, arg('simhash', 4000));
const BATCH = 400;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-dup-bench-'));
const config = loadConfig({ HUIYIN_DATA_DIR: dataDir, HUIYIN_LOG_LEVEL: 'silent' });
const keys = loadKeyRing(config);

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function seed(db: Db, corpus: readonly CorpusPetition[]): Promise<{ ids: string[]; seconds: number }> {
  const now = new Date().toISOString();
  const countyId = crypto.randomUUID();
  await db
    .insertInto('units')
    .values({
      id: countyId,
      parent_id: null,
      name: '测试县',
      kind: 'county',
      path: `/${countyId}/`,
      depth: 0,
      accepts_online: 0,
      created_at: now,
    })
    .execute();
  const category = await db.selectFrom('petition_categories').select('id').executeTakeFirstOrThrow();
  const started = Date.now();
  const ids: string[] = [];
  for (let from = 0; from < corpus.length; from += BATCH) {
    const batch = corpus.slice(from, from + BATCH).map((p) => ({
      ...corpusRows(keys, p, { unitId: countyId, categoryId: category.id, now, prefix: '测试县信' }),
      fp: fingerprintOf(p),
    }));
    await db.transaction().execute((trx) => insertCorpusRows(trx, batch, now));
    for (const r of batch) ids.push(r.petition.id);
  }
  await sql`ANALYZE`.execute(db);
  return { ids, seconds: (Date.now() - started) / 1000 };
}

/** The subject: detection of one petition's text against all stored petitions. */
function detect(db: Db, p: CorpusPetition, id: string) {
  return similarCases(db, fingerprintOf(p), id);
}

/** The limit: the same segmentation and shingles, then every stored fingerprint read and compared. */
async function rawScan(db: Db, p: CorpusPetition): Promise<number> {
  const mine = shinglesOf(petitionText(p));
  let after = '';
  let hits = 0;
  for (;;) {
    const page = await fingerprintPage(db, after, 5000);
    for (const r of page) if (jaccard(mine, decodeShingles(r.shingles)) >= SIMILARITY_THRESHOLD) hits++;
    if (page.length < 5000) return hits;
    after = (page.at(-1) as { petition_id: string }).petition_id;
  }
}

async function measure(label: string, handle: DbHandle, corpus: readonly CorpusPetition[], ids: string[]) {
  const db = handle.db;
  const r = rng(99);
  const sample = (n: number) => Array.from({ length: n }, () => Math.floor(r() * corpus.length));
  console.log(`\n${label}`);

  // Quality: detection for a uniform sample of petitions; pairs are (later, earlier).
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const chosen = [...new Set(sample(Math.min(QUALITY, corpus.length)))];
  const detected: Array<[number, number]> = [];
  for (const i of chosen) {
    for (const s of await detect(db, corpus[i] as CorpusPetition, ids[i] as string)) {
      const j = indexOf.get(s.petitionId) as number;
      if (j < i) detected.push([i, j]);
    }
  }
  const inSample = new Set(chosen);
  const sampled = corpus.map((p) => (inSample.has(p.index) ? p : { ...p, duplicateOf: null }));
  const q = scorePairs(sampled, detected);
  let sameTotal = 0;
  let sameFound = 0;
  for (const p of corpus) {
    if (p.samePetitionerAs === null) continue;
    sameTotal++;
    const found = await samePetitionerIds(db, {
      idNumbers: [idNumberIndex(keys, p.idNumber)],
      namePhones: [],
    });
    if (found.includes(ids[p.samePetitionerAs] as string)) sameFound++;
  }
  console.log(
    `quality over ${chosen.length} sampled petitions (threshold ${SIMILARITY_THRESHOLD}): recall ${q.recall.toFixed(4)} (${q.found}/${q.planted} planted pairs), precision ${q.precision.toFixed(4)} (${q.detected - q.wrong}/${q.detected} pairs); same-ID repeats ${sameFound}/${sameTotal}`,
  );

  // Timing: limit and subject alternating, then the subject alone for its tail.
  const l: number[] = [];
  const s: number[] = [];
  const ratios: number[] = [];
  for (const i of sample(3)) await detect(db, corpus[i] as CorpusPetition, ids[i] as string);
  for (const i of sample(PAIRS)) {
    const p = corpus[i] as CorpusPetition;
    let t0 = process.hrtime.bigint();
    await rawScan(db, p);
    const lt = ms(t0);
    t0 = process.hrtime.bigint();
    await detect(db, p, ids[i] as string);
    const st = ms(t0);
    l.push(lt);
    s.push(st);
    ratios.push(st / lt);
  }
  const alone: number[] = [];
  let candidates = 0;
  for (const i of sample(LOOKUPS)) {
    const t0 = process.hrtime.bigint();
    const fp = fingerprintOf(corpus[i] as CorpusPetition);
    const found = await similarCases(db, fp, ids[i] as string);
    alone.push(ms(t0));
    candidates += found.length;
  }
  console.log('| measure | p50 ms | p99 ms | max ms |');
  console.log('| --- | --- | --- | --- |');
  const row = (name: string, xs: number[]) =>
    console.log(
      `| ${name} | ${percentile(xs, 50).toFixed(2)} | ${percentile(xs, 99).toFixed(2)} | ${Math.max(...xs).toFixed(2)} |`,
    );
  row(`limit: segmentation + raw scan of ${corpus.length} fingerprints (${PAIRS} pairs)`, l);
  row(`subject: segmentation + band lookup + exact similarity (${PAIRS} pairs)`, s);
  row(`subject alone (${LOOKUPS} lookups, ${(candidates / LOOKUPS).toFixed(2)} matches each)`, alone);
  console.log(`median ratio subject/limit: ${percentile(ratios, 50).toFixed(4)}`);
}

/** SimHash over the same shingles, all pairs of the first rows, at the distances a band index can serve. */
function simhashComparison(corpus: readonly CorpusPetition[]) {
  const part = corpus.slice(0, SIMHASH_ROWS);
  const sh = part.map((p) => shinglesOf(petitionText(p)));
  const hashes = sh.map(simhash);
  console.log(
    `\nSimHash (64 bits) vs MinHash-LSH + exact similarity, all pairs of the first ${part.length} petitions:`,
  );
  console.log('| detector | recall | precision | pairs found |');
  console.log('| --- | --- | --- | --- |');
  const report = (name: string, hit: (i: number, j: number) => boolean) => {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < part.length; i++) for (let j = 0; j < i; j++) if (hit(i, j)) pairs.push([i, j]);
    const q = scorePairs(part, pairs);
    console.log(`| ${name} | ${q.recall.toFixed(4)} | ${q.precision.toFixed(4)} | ${q.detected} |`);
  };
  for (const k of [3, 6, 10, 14])
    report(
      `SimHash, Hamming distance ≤ ${k}`,
      (i, j) => hammingDistance(hashes[i] as [number, number], hashes[j] as [number, number]) <= k,
    );
  report(
    `word-set Jaccard ≥ ${SIMILARITY_THRESHOLD} (chosen)`,
    (i, j) => jaccard(sh[i] as Uint32Array, sh[j] as Uint32Array) >= SIMILARITY_THRESHOLD,
  );
}

async function main() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `duplicates benchmark: ${ROWS} petitions; node ${process.version}; ${cpu} × ${os.cpus().length}`,
  );
  const t0 = Date.now();
  const corpus = generateCorpus({ size: ROWS });
  console.log(
    `corpus generated in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${corpus.filter((p) => p.duplicateOf !== null).length} planted near-duplicates, ${corpus.filter((p) => p.samePetitionerAs !== null).length} same-ID repeats, mean ${Math.round(corpus.reduce((a, p) => a + petitionText(p).length, 0) / corpus.length)} characters`,
  );
  simhashComparison(corpus);

  const file = path.join(dataDir, 'bench.sqlite');
  const lite = createDb({ dialect: 'sqlite', file });
  try {
    await migrateToLatest(lite.db);
    const version = (lite.sqlite?.prepare('select sqlite_version() v').get() as { v: string } | undefined)?.v;
    const { ids, seconds } = await seed(lite.db, corpus);
    lite.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    const mb = fs.statSync(file).size / 1e6;
    await measure(
      `SQLite ${version} (WAL, synchronous=FULL): built in ${seconds.toFixed(1)} s (segmentation included), database ${mb.toFixed(0)} MB`,
      lite,
      corpus,
      ids,
    );
  } finally {
    await lite.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('\nPostgreSQL: skipped (no DATABASE_URL)');
    return;
  }
  const name = `huiyin_dup_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const handle = createDb({ dialect: 'postgres', url: url.replace(/\/[^/]*$/, `/${name}`) });
  try {
    await migrateToLatest(handle.db);
    const version = (
      await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(handle.db)
    ).rows[0]?.v;
    const { ids, seconds } = await seed(handle.db, corpus);
    await measure(`PostgreSQL ${version}: built in ${seconds.toFixed(1)} s`, handle, corpus, ids);
  } finally {
    await handle.close();
    await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
  }
}

await main();
