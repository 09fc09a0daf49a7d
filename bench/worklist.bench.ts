// Benchmarks #3 and #5 of performance.md: the worklist page (scope, sort, keyset) and the menu
// counters of one user at N petitions of which only `--open` still need the office, against their
// limits measured in the same process, alternating limit and subject (L S L S …):
//   #3 subject: GET /api/v1/petitions?count=false&pageSize=20 (first page and a keyset page deep
//      in the list) through the whole app (session, scope, zod, presenter); limits: the same SQL run
//      directly on better-sqlite3, and a bare Fastify route returning the same JSON.
//   #5 subject: GET /api/v1/petitions/counters; limit: one indexed count per counter, no scope.
// Two actors: the county clerk-leader (the whole tree) and a township handler (a narrow scope).
//
//   npx tsx bench/worklist.bench.ts --rows 100000 --open 1000 [--rounds 300]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { hashPassword } from '../server/src/modules/auth/password.ts';
import { insertUnit, insertUser, type UnitRow } from '../server/src/modules/org/org.repository.ts';
import {
  countWorklist,
  findCategoryByName,
  listVisiblePetitions,
} from '../server/src/modules/petitions/petitions.repository.ts';
import {
  FINAL_STATUSES,
  type FixtureCase,
  generateCase,
  prng,
} from '../server/src/modules/petitions/worklist/worklist.test-fixture.ts';
import { fixedClock } from '../server/src/platform/clock.ts';
import { newId } from '../server/src/platform/crypto/ids.ts';
import { createDb } from '../server/src/platform/db/create-db.ts';
import { migrateToLatest } from '../server/src/platform/db/migrate.ts';
import type { Actor, Role } from '../server/src/platform/http/context.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const ROWS = Number(arg('rows', '100000'));
const OPEN = Number(arg('open', '1000'));
const ROUNDS = Number(arg('rounds', '300'));
const NOW = '2026-11-02T02:00:00.000Z';
const TODAY = '2026-11-02';
const SOON = '2026-11-05';
const PASSWORD = 'Bench-Worklist-2026';

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}
const fmt = (n: number) => n.toFixed(2).padStart(7);

/** The position an opaque list cursor names (see worklist/cursor.ts). */
function positionOf(cursor: string): { key: string; id: string } {
  const c = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { k: string; i: string };
  return { key: c.k, id: c.i };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-worklist-bench-'));
  const handle = createDb({ dialect: 'sqlite', file: path.join(dir, 'huiyin.sqlite') });
  const sqlite = handle.sqlite as NonNullable<typeof handle.sqlite>;
  await migrateToLatest(handle.db);
  const db = handle.db;

  // ---- seed: county → 10 townships → 5 villages each; 24 staff; ROWS cases, OPEN of them open
  const t0 = performance.now();
  const unit = (name: string, kind: string, parent: UnitRow | null) =>
    insertUnit(db, { id: newId(), name, kind, parent, acceptsOnline: true, createdAt: NOW });
  const county = await unit('基准县', 'county', null);
  const units: UnitRow[] = [county];
  for (let i = 0; i < 10; i++) {
    const town = await unit(`基准镇${i}`, 'township', county);
    units.push(town);
    for (let j = 0; j < 5; j++) units.push(await unit(`基准村${i}-${j}`, 'village', town));
  }
  const hash = await hashPassword(PASSWORD);
  const staff: { id: string; username: string; unit: UnitRow; roles: Role[] }[] = [];
  const addUser = async (username: string, u: UnitRow, roles: Role[]) => {
    const id = newId();
    await insertUser(
      db,
      {
        id,
        username,
        name: username,
        unit_id: u.id,
        password_hash: hash,
        password_changed_at: NOW,
        created_at: NOW,
      },
      roles,
      newId(),
    );
    staff.push({ id, username, unit: u, roles });
    return staff[staff.length - 1] as (typeof staff)[number];
  };
  const countyLead = await addUser('county.lead', county, ['clerk', 'leader']);
  const townHandler = await addUser('town.handler', units[1] as UnitRow, ['handler']);
  for (let i = 0; i < 22; i++) await addUser(`staff${i}`, units[1 + (i % 55)] as UnitRow, ['handler']);
  const category = await findCategoryByName(db, '征地拆迁');
  const options = {
    units: units.map((u) => ({ id: u.id, path: u.path })),
    userIds: staff.map((s) => s.id),
    categoryId: category?.id ?? '',
    count: ROWS,
    openShare: 1,
    seed: 7,
    receivedDates: Array.from({ length: 1500 }, (_, i) =>
      new Date(Date.parse('2026-11-01') - i * 86_400_000).toISOString().slice(0, 10),
    ),
    dueDates: Array.from({ length: 60 }, (_, i) =>
      new Date(Date.parse('2026-10-03') + i * 86_400_000).toISOString().slice(0, 10),
    ),
  };
  const rnd = prng(7);
  const insertRows = sqlite.transaction((batch: FixtureCase[]) => {
    for (const c of batch) {
      const cols = Object.keys(c.row);
      const stmt = sqlite.prepare(
        `INSERT INTO petitions (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`,
      );
      stmt.run(Object.values(c.row));
      for (const u of c.coHandlers)
        sqlite
          .prepare('INSERT INTO petition_co_handlers (petition_id, user_id) VALUES (?, ?)')
          .run(c.row.id, u);
    }
  });
  let batch: FixtureCase[] = [];
  for (let i = 0; i < ROWS; i++) {
    const c = generateCase(options, rnd, i);
    // every OPEN-th… no: the first OPEN are open, the history is final (open cases spread in time)
    if (i >= OPEN) {
      c.row.status = FINAL_STATUSES[i % FINAL_STATUSES.length] as string;
      c.row.next_due = null;
      c.row.next_due_kind = null;
    }
    c.row.received_on = options.receivedDates[Math.floor((i / ROWS) * 1500)] as string;
    batch.push(c);
    if (batch.length === 1000) {
      insertRows(batch);
      batch = [];
    }
  }
  if (batch.length) insertRows(batch);
  if (process.argv.includes('--analyze')) sqlite.exec('ANALYZE');
  const seedMs = performance.now() - t0;

  // ---- the app, two sessions
  const config = loadConfig({ HUIYIN_DATA_DIR: dir, HUIYIN_2FA: 'off', HUIYIN_LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, handle, clock: fixedClock(NOW) });
  await app.ready();
  const session = async (username: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: PASSWORD },
      headers: { origin: 'http://localhost' },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  };
  const actorOf = (s: (typeof staff)[number]): Actor => ({
    userId: s.id,
    username: s.username,
    name: s.username,
    unitId: s.unit.id,
    unitPath: s.unit.path,
    roles: s.roles,
    sessionId: 'bench',
  });

  // captures the SQL and parameters Kysely sends to better-sqlite3 for one call
  const capture = async (fn: () => Promise<unknown>) => {
    const seen: { sql: string; params: unknown[] }[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    (sqlite as any).prepare = (text: string) => {
      const stmt = prepare(text);
      return new Proxy(stmt, {
        get(target, prop) {
          const v = (target as any)[prop];
          if (prop === 'all' && typeof v === 'function')
            return (params: unknown[]) => {
              seen.push({ sql: text, params });
              return v.call(target, params);
            };
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    };
    try {
      await fn();
    } finally {
      (sqlite as any).prepare = prepare;
    }
    return seen;
  };

  const report: string[] = [];
  const line = (s: string) => {
    report.push(s);
    process.stdout.write(`${s}\n`);
  };
  line(
    `worklist bench: ${ROWS} petitions, ${OPEN} open, SQLite ${String((sqlite.prepare('select sqlite_version() v').get() as { v: string }).v)}, node ${process.version}, ${os.cpus().length} cpu; seeded in ${(seedMs / 1000).toFixed(1)} s; ${ROUNDS} rounds, alternating L S L`,
  );
  line('case                                   |  p50 ms |  p99 ms | limit p50 | limit p99 | ratio p50');

  for (const who of [countyLead, townHandler]) {
    const cookie = await session(who.username);
    const headers = { cookie, origin: 'http://localhost' };
    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res;
    };
    // a keyset position deep in the list: follow 50 pages (or to the end)
    let deep = '';
    let url = '/api/v1/petitions?count=false&pageSize=20&sort=receivedOn';
    for (let i = 0; i < 50; i++) {
      const next = (await get(url)).json().nextCursor as string | undefined;
      if (!next) break;
      deep = next;
      url = `/api/v1/petitions?count=false&pageSize=20&sort=receivedOn&after=${encodeURIComponent(next)}`;
    }
    const pages = [
      { name: 'page 1, nextDue', url: '/api/v1/petitions?count=false&pageSize=20&sort=nextDue' },
      {
        name: 'page 51, receivedOn (keyset)',
        url: `/api/v1/petitions?count=false&pageSize=20&sort=receivedOn${deep ? `&after=${encodeURIComponent(deep)}` : ''}`,
      },
      {
        name: 'page 1, mine+open, nextDue',
        url: '/api/v1/petitions?count=false&pageSize=20&sort=nextDue&mine=true&open=true',
      },
    ];
    for (const p of pages) {
      const body = (await get(p.url)).body;
      const q = new URL(p.url, 'http://x').searchParams;
      const after = q.get('after');
      const actor = actorOf(who);
      const stmts = await capture(() =>
        listVisiblePetitions(db, actor, {
          mine: q.get('mine') === 'true',
          open: q.get('open') === 'true',
          overdue: false,
          today: TODAY,
          sort: q.get('sort') === 'nextDue' ? 'nextDue' : 'receivedOn',
          page: 1,
          pageSize: 20,
          count: false,
          after: after ? positionOf(after) : undefined,
        }),
      );
      const raw = stmts.map((s) => ({ stmt: sqlite.prepare(s.sql), params: s.params }));
      if (process.argv.includes('--plans'))
        for (const s of stmts)
          line(
            `   plan: ${(sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(s.params) as { detail: string }[]).map((r) => r.detail).join(' | ')}`,
          );
      const bare = Fastify();
      bare.get('/bare', async (_req, reply) => reply.type('application/json').send(body));
      await bare.ready();
      const subject: number[] = [];
      const sqlOnly: number[] = [];
      const bareRoute: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        let t = performance.now();
        for (const s of raw) s.stmt.all(s.params);
        sqlOnly.push(performance.now() - t);
        t = performance.now();
        await get(p.url);
        subject.push(performance.now() - t);
        t = performance.now();
        await bare.inject({ method: 'GET', url: '/bare' });
        bareRoute.push(performance.now() - t);
      }
      await bare.close();
      const items = JSON.parse(body).items.length as number;
      line(
        `#3 ${who.username.padEnd(12)} ${p.name.padEnd(24)}|${fmt(pct(subject, 50))} |${fmt(pct(subject, 99))} | sql ${fmt(pct(sqlOnly, 50))}| sql ${fmt(pct(sqlOnly, 99))}| ${(pct(subject, 50) / pct(sqlOnly, 50)).toFixed(1)}× sql (${items} rows)`,
      );
      line(
        `   ${''.padEnd(12)} ${''.padEnd(24)}|         |         | bare${fmt(pct(bareRoute, 50))}| bare${fmt(pct(bareRoute, 99))}| ${(pct(bareRoute, 50) / pct(subject, 50)).toFixed(2)} of bare route's rate`,
      );
    }

    // the platform's cost of any authenticated request (session, CSRF, hooks, logging): GET /api/v1/me
    const me: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now();
      await get('/api/v1/me');
      me.push(performance.now() - t);
    }
    line(
      `   ${who.username.padEnd(12)} ${'GET /api/v1/me (reference)'.padEnd(24)}|${fmt(pct(me, 50))} |${fmt(pct(me, 99))} |`,
    );

    // #5 counters against one indexed count per counter (no scope joins)
    const counts = [
      sqlite.prepare('SELECT count(*) FROM petitions WHERE work_open = 1 AND handler_id = ?'),
      sqlite.prepare(
        'SELECT count(*) FROM petitions WHERE work_open = 1 AND next_due >= ? AND next_due <= ?',
      ),
      sqlite.prepare('SELECT count(*) FROM petitions WHERE work_open = 1 AND next_due < ?'),
      sqlite.prepare('SELECT count(*) FROM petitions WHERE work_open = 1 AND handler_id IS NULL'),
    ];
    const subject: number[] = [];
    const limit: number[] = [];
    const counters = (await get('/api/v1/petitions/counters')).json();
    const counterSql = await capture(() => countWorklist(db, actorOf(who), TODAY, SOON));
    const counterRaw = counterSql.map((s) => ({ stmt: sqlite.prepare(s.sql), params: s.params }));
    const rawTimes: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now();
      for (const s of counterRaw) s.stmt.all(s.params);
      rawTimes.push(performance.now() - t);
    }
    line(
      `   ${who.username.padEnd(12)} ${'counters SQL, raw'.padEnd(24)}|${fmt(pct(rawTimes, 50))} |${fmt(pct(rawTimes, 99))} |`,
    );
    if (process.argv.includes('--keep'))
      fs.writeFileSync(path.join(dir, `counters-${who.username}.json`), JSON.stringify(counterSql));
    if (process.argv.includes('--plans'))
      for (const s of counterSql)
        line(
          `   plan: ${(sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(s.params) as { detail: string }[]).map((r) => r.detail).join(' | ')}`,
        );
    const direct: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now();
      await countWorklist(db, actorOf(who), TODAY, SOON);
      direct.push(performance.now() - t);
    }
    line(
      `   ${who.username.padEnd(12)} ${'countWorklist in-process'.padEnd(24)}|${fmt(pct(direct, 50))} |${fmt(pct(direct, 99))} |`,
    );
    for (let r = 0; r < ROUNDS; r++) {
      let t = performance.now();
      counts[0]?.pluck().get(who.id);
      counts[1]?.pluck().get(TODAY, SOON);
      counts[2]?.pluck().get(TODAY);
      counts[3]?.pluck().get();
      limit.push(performance.now() - t);
      t = performance.now();
      await get('/api/v1/petitions/counters');
      subject.push(performance.now() - t);
    }
    line(
      `#5 ${who.username.padEnd(12)} ${'counters'.padEnd(24)}|${fmt(pct(subject, 50))} |${fmt(pct(subject, 99))} |    ${fmt(pct(limit, 50))}|    ${fmt(pct(limit, 99))}| ${(pct(subject, 50) / pct(limit, 50)).toFixed(1)}× ${JSON.stringify(counters)}`,
    );
  }

  // the plans: index scans, not a scan of the history
  const plan = (text: string, ...params: unknown[]) =>
    (sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');
  line(
    `plan overdue count: ${plan('SELECT count(*) FROM petitions WHERE work_open = 1 AND next_due < ?', TODAY)}`,
  );
  line(
    `plan mine count:    ${plan('SELECT count(*) FROM petitions WHERE work_open = 1 AND handler_id = ?', 'x')}`,
  );
  await app.close();
  if (process.argv.includes('--keep')) line(`kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

await main();
