// Benchmark #10 of performance.md: the ledger export (.xlsx, streaming) of N cases against its
// limits measured in the same job — a raw CSV of the same rows and raw exceljs streaming of the
// same rows — alternating limits and subject (L S L, L S L, …), each run in a fresh child process so
// that its peak RSS is its own. Prints absolute figures, the median of the per-round ratios, the
// peak RSS and the longest event-loop stall of the subject.
//
//   npx tsx bench/ledger-export.bench.ts --rows 100000 [--rounds 3]

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { loadConfig } from '../server/src/config.ts';
import { insertUnit, insertUser } from '../server/src/modules/org/org.repository.ts';
import { seedLedgerCases } from '../server/src/modules/petitions/ledger/ledger-fixture.test-helper.ts';
import { exportLedger } from '../server/src/modules/petitions/ledger/use-cases/export-ledger.ts';
import { findCategoryByName } from '../server/src/modules/petitions/petitions.repository.ts';
import { fixedClock } from '../server/src/platform/clock.ts';
import { newId } from '../server/src/platform/crypto/ids.ts';
import { createDb } from '../server/src/platform/db/create-db.ts';
import { migrateToLatest } from '../server/src/platform/db/migrate.ts';
import type { Actor } from '../server/src/platform/http/context.ts';

type Kind = 'csv' | 'exceljs' | 'subject';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** A sink that counts bytes and throws them away (the network is not measured). */
function sink() {
  let bytes = 0;
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  return { out, bytes: () => bytes };
}

function finished(w: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    w.on('finish', resolve);
    w.on('error', reject);
  });
}

/** One measured run inside a child process: prints a JSON line with its figures. */
async function child(kind: Kind, dir: string): Promise<void> {
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as {
    actor: Actor;
    rows: number;
  };
  const handle = createDb({ dialect: 'sqlite', file: path.join(dir, 'huiyin.sqlite') });
  const config = loadConfig({ HUIYIN_DATA_DIR: dir, HUIYIN_2FA: 'off', HUIYIN_LOG_LEVEL: 'silent' });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const { out, bytes } = sink();
  const done = finished(out);
  loop.enable();
  const t0 = performance.now();
  let rows = 0;
  const sqlite = handle.sqlite as NonNullable<typeof handle.sqlite>;
  const raw = () =>
    sqlite
      .prepare(
        `SELECT p.number, p.received_on, p.channel, pp.name, pp.id_number_masked, pp.phone_masked,
                p.people_count, p.classification, c.name AS category, p.title, p.demands, p.content,
                u.name AS unit, p.status, p.answer_on, p.answer_decision, p.answer_text
           FROM petitions p JOIN units u ON u.id = p.unit_id
           JOIN petition_categories c ON c.id = p.category_id
           LEFT JOIN petitioners pp ON pp.petition_id = p.id AND pp.sort_order = 1
          ORDER BY p.received_on, p.id`,
      )
      .raw()
      .iterate() as IterableIterator<unknown[]>;
  if (kind === 'csv') {
    const quote = (v: unknown) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`);
    let chunk = '';
    for (const r of raw()) {
      chunk += `${r.map(quote).join(',')}\n`;
      rows++;
      if (chunk.length > 1 << 16) {
        if (!out.write(chunk)) await new Promise((res) => out.once('drain', res));
        chunk = '';
      }
    }
    out.end(chunk);
  } else if (kind === 'exceljs') {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: false,
      useSharedStrings: false,
    });
    const ws = wb.addWorksheet('rows');
    for (const r of raw()) {
      ws.addRow(r).commit();
      rows++;
    }
    ws.commit();
    await wb.commit();
  } else {
    rows = await exportLedger(
      {
        db: handle.db,
        actor: meta.actor,
        clock: fixedClock(new Date().toISOString()),
        config,
        meta: { ip: null, requestId: null },
      },
      meta.actor,
      {
        filter: { mine: false, overdue: false, today: new Date().toISOString().slice(0, 10) },
        filters: {},
        description: '',
      },
      out,
    );
  }
  await done;
  const ms = performance.now() - t0;
  loop.disable();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await handle.close();
  process.stdout.write(
    `${JSON.stringify({ kind, ms, rows, bytes: bytes(), peakRssMb: peak / 2 ** 20, maxStallMs: loop.max / 1e6 })}\n`,
  );
}

async function seed(dir: string, count: number): Promise<void> {
  const handle = createDb({ dialect: 'sqlite', file: path.join(dir, 'huiyin.sqlite') });
  await migrateToLatest(handle.db);
  const now = new Date().toISOString();
  const county = await insertUnit(handle.db, {
    id: newId(),
    name: '基准县',
    kind: 'county',
    parent: null,
    acceptsOnline: true,
    createdAt: now,
  });
  const userId = newId();
  await insertUser(
    handle.db,
    {
      id: userId,
      username: 'bench',
      name: '基准登记员',
      unit_id: county.id,
      password_hash: 'x',
      password_changed_at: now,
      created_at: now,
    },
    ['clerk'],
    newId(),
  );
  const category = await findCategoryByName(handle.db, '征地拆迁');
  await seedLedgerCases(handle.db, county.id, category?.id ?? '', count);
  const actor: Actor = {
    userId,
    username: 'bench',
    name: '基准登记员',
    unitId: county.id,
    unitPath: county.path,
    roles: ['clerk'],
    sessionId: 'bench',
  };
  fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ actor, rows: count }));
  await handle.close();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

async function main(): Promise<void> {
  const childKind = arg('child', '');
  if (childKind) return child(childKind as Kind, arg('dir', ''));
  const count = Number(arg('rows', '100000'));
  const rounds = Number(arg('rounds', '3'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-ledger-bench-'));
  const self = fileURLToPath(import.meta.url);
  try {
    const s0 = performance.now();
    await seed(dir, count);
    console.log(`seeded ${count} cases in ${((performance.now() - s0) / 1000).toFixed(1)} s (${dir})`);
    const results: Record<
      Kind,
      Array<{ ms: number; rows: number; bytes: number; peakRssMb: number; maxStallMs: number }>
    > = { csv: [], exceljs: [], subject: [] };
    for (let r = 0; r < rounds; r++) {
      for (const kind of ['exceljs', 'subject', 'csv'] as const) {
        const run = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', kind, '--dir', dir], {
          encoding: 'utf8',
          maxBuffer: 1 << 24,
        });
        if (run.status !== 0) throw new Error(`${kind} run failed: ${run.stderr}`);
        const line = run.stdout.trim().split('\n').at(-1) as string;
        const fig = JSON.parse(line);
        results[kind as Kind].push(fig);
        console.log(
          `round ${r + 1} ${kind.padEnd(7)} ${(fig.ms / 1000).toFixed(2)} s  ${fig.rows} rows  ${(fig.bytes / 2 ** 20).toFixed(1)} MB out  peak RSS ${fig.peakRssMb.toFixed(0)} MB  max stall ${fig.maxStallMs.toFixed(0)} ms`,
        );
      }
    }
    const ratio = (a: Kind, b: Kind) =>
      median(results[a].map((x, i) => x.ms / (results[b][i]?.ms ?? Number.NaN)));
    const subj = results.subject;
    console.log('---');
    console.log(
      `node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, SQLite WAL synchronous=FULL, ${count} rows, ${rounds} rounds`,
    );
    for (const k of ['csv', 'exceljs', 'subject'] as const)
      console.log(
        `${k.padEnd(7)} median ${(median(results[k].map((x) => x.ms)) / 1000).toFixed(2)} s, peak RSS max ${Math.max(...results[k].map((x) => x.peakRssMb)).toFixed(0)} MB`,
      );
    console.log(
      `subject / raw exceljs streaming: median ratio ${ratio('subject', 'exceljs').toFixed(2)} (target ≤ 1.5)`,
    );
    console.log(`subject / raw CSV: median ratio ${ratio('subject', 'csv').toFixed(2)}`);
    console.log(
      `subject peak RSS ${Math.max(...subj.map((x) => x.peakRssMb)).toFixed(0)} MB (target ≤ 300), longest event-loop stall ${Math.max(...subj.map((x) => x.maxStallMs)).toFixed(0)} ms`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
