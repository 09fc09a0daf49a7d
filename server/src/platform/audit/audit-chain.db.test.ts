import fs from 'node:fs';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { makeUnit, makeUser } from '../../../test/factories.ts';
import {
  createTestEnv,
  describeEachDialect,
  destroyTestEnv,
  login,
  type TestEnv,
} from '../../../test/harness.ts';
import { sm3Hex } from '../crypto/ids.ts';
import type { AuditLogTable } from '../db/schema.ts';
import { anchorOnStart } from './anchor.job.ts';
import { anchorAuditHead, anchorsPath, readAnchors } from './anchors.ts';
import { hashEntry, recordAudit } from './audit.ts';
import { verifyAuditChain } from './verify.ts';

/** Records `n` entries, each in its own transaction, as use cases do. */
async function recordMany(env: TestEnv, n: number, tag: string): Promise<void> {
  for (let i = 1; i <= n; i++) {
    await env.handle.db
      .transaction()
      .execute((trx) =>
        recordAudit(
          { ...env.ctx(), db: trx },
          { action: 'test.event', subjectType: 'test', subjectId: `${tag}-${i}`, after: { i } },
        ),
      );
  }
}

async function countRows(env: TestEnv): Promise<number> {
  const r = await env.handle.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function row(env: TestEnv, seq: number): Promise<AuditLogTable> {
  return env.handle.db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
}

/** What an attacker with database access does first: remove the append-only protection. */
async function dropProtection(env: TestEnv): Promise<void> {
  if (env.dialect === 'sqlite') {
    await sql`DROP TRIGGER audit_log_no_update`.execute(env.handle.db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(env.handle.db);
  } else {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER ALL`.execute(env.handle.db);
    await sql`GRANT UPDATE, DELETE ON audit_log TO CURRENT_USER`.execute(env.handle.db);
  }
}

/** Moves rows with seq >= from one place up, as an attacker must to slip a row into the middle. */
async function shiftUp(env: TestEnv, from: number): Promise<void> {
  await sql`UPDATE audit_log SET seq = -seq WHERE seq >= ${from}`.execute(env.handle.db);
  await sql`UPDATE audit_log SET seq = 1 - seq WHERE seq < 0`.execute(env.handle.db);
}

describeEachDialect('audit chain', (env) => {
  const throwaway: TestEnv[] = [];
  /** A database of its own, for tests that break the chain or the protection for good. */
  async function ownEnv(): Promise<TestEnv> {
    const e = await createTestEnv(env().dialect);
    throwaway.push(e);
    return e;
  }
  afterEach(async () => {
    for (const e of throwaway.splice(0)) await destroyTestEnv(e);
  });

  it('links every entry to the previous one and verifies an intact chain', async () => {
    await recordMany(env(), 5, 'intact');
    const n = await countRows(env());
    const result = await verifyAuditChain(env().handle.db, env().config);
    expect(result).toEqual({ ok: true, checked: n, anchors: { checked: 0, ok: true } });
    const last = await row(env(), n);
    const prev = await row(env(), n - 1);
    expect(last.prev_hash).toBe(prev.hash);
    expect(last.alg).toBe('SM3');
    expect(last.hash).toBe(hashEntry(last));
  });

  it('verifies in batches without holding the table in memory', async () => {
    const e = await ownEnv();
    await recordMany(e, 7, 'batch');
    expect(await verifyAuditChain(e.handle.db, e.config, { batchSize: 2 })).toMatchObject({
      ok: true,
      checked: 7,
    });
    await dropProtection(e);
    await sql`UPDATE audit_log SET actor_name = 'x' WHERE seq = 6`.execute(e.handle.db);
    expect(await verifyAuditChain(e.handle.db, e.config, { batchSize: 2 })).toMatchObject({
      ok: false,
      brokenAt: 6,
      checked: 7,
    });
  });

  it('refuses UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit rows in the database itself', async () => {
    await recordMany(env(), 1, 'protect');
    const db = env().handle.db;
    await expect(sql`UPDATE audit_log SET action = 'forged' WHERE seq = 1`.execute(db)).rejects.toThrow(
      env().dialect === 'sqlite' ? /append-only/ : /permission denied/,
    );
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(db)).rejects.toThrow(
      env().dialect === 'sqlite' ? /append-only/ : /permission denied/,
    );
    if (env().dialect === 'postgres') {
      await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/permission denied/);
    }
    expect((await row(env(), 1)).action).not.toBe('forged');
    expect((await verifyAuditChain(db, env().config)).ok).toBe(true);
  });

  it('through the HTTP route, names the entry an attacker edited directly in the database', async () => {
    const e = await ownEnv();
    const unit = await makeUnit(e, { kind: 'county' });
    const auditor = await makeUser(e, { unitId: unit.id, roles: ['auditor'] });
    await recordMany(e, 8, 'done-means');
    const s = await login(e.app, auditor.username, auditor.password);
    const before = await s.inject({ method: 'GET', url: '/api/v1/audit/verify' });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ ok: true });

    await dropProtection(e);
    await sql`UPDATE audit_log SET action = 'unit.create' WHERE seq = 5`.execute(e.handle.db);

    const res = await s.inject({ method: 'GET', url: '/api/v1/audit/verify' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, brokenAt: 5, reason: expect.stringContaining('第 5 条') });
  });

  describe('detects every manipulation once the protection is dropped', () => {
    it('1. an edited entry', async () => {
      const e = await ownEnv();
      await recordMany(e, 10, 'edit');
      await dropProtection(e);
      await sql`UPDATE audit_log SET after_json = '{"i":99}' WHERE seq = 4`.execute(e.handle.db);
      expect(await verifyAuditChain(e.handle.db, e.config)).toMatchObject({ ok: false, brokenAt: 4 });
    });

    it('2. a deleted entry in the middle', async () => {
      const e = await ownEnv();
      await recordMany(e, 10, 'delete');
      await dropProtection(e);
      await sql`DELETE FROM audit_log WHERE seq = 5`.execute(e.handle.db);
      expect(await verifyAuditChain(e.handle.db, e.config)).toMatchObject({
        ok: false,
        brokenAt: 5,
        reason: expect.stringContaining('删除'),
      });
    });

    it('3. a forged entry slipped into the middle with a correct hash of its own', async () => {
      const e = await ownEnv();
      await recordMany(e, 10, 'insert');
      await dropProtection(e);
      const four = await row(e, 4);
      await shiftUp(e, 5);
      const forged = {
        ...four,
        seq: 5,
        action: 'user.roles_change',
        subject_id: 'forged',
        prev_hash: four.hash,
      };
      await e.handle.db
        .insertInto('audit_log')
        .values({ ...forged, hash: hashEntry(forged) })
        .execute();
      // The forged entry itself is consistent; the original fifth entry, now sixth, is not.
      expect(await verifyAuditChain(e.handle.db, e.config)).toMatchObject({ ok: false, brokenAt: 6 });
    });

    it('4. two entries whose contents were swapped', async () => {
      const e = await ownEnv();
      await recordMany(e, 10, 'swap');
      await dropProtection(e);
      const { seq: _a, ...three } = await row(e, 3);
      const { seq: _b, ...seven } = await row(e, 7);
      await e.handle.db.updateTable('audit_log').set(seven).where('seq', '=', 3).execute();
      await e.handle.db.updateTable('audit_log').set(three).where('seq', '=', 7).execute();
      expect(await verifyAuditChain(e.handle.db, e.config)).toMatchObject({ ok: false, brokenAt: 3 });
    });

    it('5. a changed prev_hash', async () => {
      const e = await ownEnv();
      await recordMany(e, 10, 'prev');
      await dropProtection(e);
      await e.handle.db
        .updateTable('audit_log')
        .set({ prev_hash: sm3Hex('forged') })
        .where('seq', '=', 6)
        .execute();
      expect(await verifyAuditChain(e.handle.db, e.config)).toMatchObject({ ok: false, brokenAt: 6 });
    });

    it('6. a tail cut off after the head was anchored, even with the head row adjusted', async () => {
      const e = await ownEnv();
      await recordMany(e, 10, 'truncate');
      await anchorAuditHead(e.handle.db, e.config, e.clock);
      await dropProtection(e);
      const seven = await row(e, 7);
      await sql`DELETE FROM audit_log WHERE seq > 7`.execute(e.handle.db);
      await e.handle.db
        .updateTable('audit_head')
        .set({ seq: 7, hash: seven.hash })
        .where('id', '=', 1)
        .execute();
      expect(await verifyAuditChain(e.handle.db, e.config)).toEqual({
        ok: false,
        checked: 7,
        brokenAt: 8,
        reason: expect.stringContaining('截断'),
        anchors: { checked: 1, ok: false },
      });
    });

    it('and a rewritten history whose hashes were all recomputed, through the anchor', async () => {
      const e = await ownEnv();
      await recordMany(e, 6, 'rewrite');
      await anchorAuditHead(e.handle.db, e.config, e.clock);
      await dropProtection(e);
      let prev = (await row(e, 2)).hash;
      for (let seq = 3; seq <= 6; seq++) {
        const r = await row(e, seq);
        const changed = { ...r, action: seq === 3 ? 'nothing.happened' : r.action, prev_hash: prev };
        const hash = hashEntry(changed);
        await e.handle.db
          .updateTable('audit_log')
          .set({ action: changed.action, prev_hash: prev, hash })
          .where('seq', '=', seq)
          .execute();
        prev = hash;
      }
      await e.handle.db.updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute();
      expect(await verifyAuditChain(e.handle.db, e.config)).toMatchObject({
        ok: false,
        brokenAt: 6,
        anchors: { checked: 1, ok: false },
      });
    });

    it('and entries appended behind the head', async () => {
      const e = await ownEnv();
      await recordMany(e, 3, 'behind');
      const three = await row(e, 3);
      const forged = { ...three, seq: 4, prev_hash: three.hash, action: 'forged.entry' };
      await e.handle.db
        .insertInto('audit_log')
        .values({ ...forged, hash: hashEntry(forged) })
        .execute();
      expect(await verifyAuditChain(e.handle.db, e.config)).toMatchObject({ ok: false, brokenAt: 4 });
    });
  });

  describe('anchors', () => {
    it('appends the head as a JSON line and checks every anchor', async () => {
      const e = await ownEnv();
      await recordMany(e, 3, 'anchor');
      const a = await anchorAuditHead(e.handle.db, e.config, e.clock);
      expect(a).toEqual({ seq: 3, hash: (await row(e, 3)).hash, at: e.clock.now().toISOString() });
      await recordMany(e, 2, 'anchor-more');
      await anchorAuditHead(e.handle.db, e.config, e.clock);
      const lines = fs.readFileSync(anchorsPath(e.config), 'utf8').trim().split('\n');
      expect(lines.map((l) => JSON.parse(l).seq)).toEqual([3, 5]);
      expect(await verifyAuditChain(e.handle.db, e.config)).toEqual({
        ok: true,
        checked: 5,
        anchors: { checked: 2, ok: true },
      });
    });

    it('writes at most one start-up anchor per China Standard Time day, and records it', async () => {
      const e = await ownEnv();
      await recordMany(e, 2, 'start-up');
      e.clock.set('2026-11-02T15:30:00.000Z'); // 23:30 in Beijing
      expect(await anchorOnStart(e.handle.db, e.config, e.clock)).toMatchObject({ seq: 2 });
      expect(await anchorOnStart(e.handle.db, e.config, e.clock)).toBeNull();
      e.clock.set('2026-11-02T16:10:00.000Z'); // 00:10 the next day in Beijing
      expect(await anchorOnStart(e.handle.db, e.config, e.clock)).toMatchObject({ seq: 3 });
      expect((await readAnchors(e.config)).anchors.map((a) => a.seq)).toEqual([2, 3]);
      const recorded = await e.handle.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'audit.anchor')
        .execute();
      expect(recorded.map((r) => JSON.parse(r.after_json ?? 'null').seq)).toEqual([2, 3]);
      expect(await verifyAuditChain(e.handle.db, e.config)).toEqual({
        ok: true,
        checked: 4,
        anchors: { checked: 2, ok: true },
      });
    });

    it('reports a garbled anchor file', async () => {
      const e = await ownEnv();
      await recordMany(e, 2, 'garbled');
      await anchorAuditHead(e.handle.db, e.config, e.clock);
      fs.appendFileSync(anchorsPath(e.config), '{"seq": "not a number"}\n');
      expect(await verifyAuditChain(e.handle.db, e.config)).toMatchObject({
        ok: false,
        reason: expect.stringContaining('第 2 行'),
        anchors: { checked: 1, ok: false },
      });
    });
  });

  describe('fail-closed', () => {
    it('rolls the change back when the audit row cannot be written', async () => {
      const e = await ownEnv();
      const before = await e.handle.db
        .selectFrom('units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const changeAndAudit = () =>
        e.handle.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('units')
            .values({
              id: `fail-closed-${Date.now()}`,
              parent_id: null,
              name: '不应存在的单位',
              kind: 'county',
              path: `/fail-closed-${Date.now()}/`,
              depth: 0,
              accepts_online: 1,
              created_at: e.clock.now().toISOString(),
            })
            .execute();
          await recordAudit({ ...e.ctx(), db: trx }, { action: 'unit.create', subjectType: 'unit' });
        });

      // A head that points at an existing entry: the audit insert collides and fails.
      await recordMany(e, 2, 'fail-closed');
      await e.handle.db.updateTable('audit_head').set({ seq: 1 }).where('id', '=', 1).execute();
      await expect(changeAndAudit()).rejects.toThrow();
      // No head at all.
      await e.handle.db.deleteFrom('audit_head').execute();
      await expect(changeAndAudit()).rejects.toThrow(/audit_head/);

      const after = await e.handle.db
        .selectFrom('units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      expect(await countRows(e)).toBe(2);
    });

    it('refuses a login whose audit entry cannot be written, and opens no session', async () => {
      const e = await ownEnv();
      const unit = await makeUnit(e, { kind: 'county' });
      const user = await makeUser(e, { unitId: unit.id, roles: ['clerk'] });
      await login(e.app, user.username, user.password);
      const sessions = async () =>
        Number(
          (
            await e.handle.db
              .selectFrom('sessions')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await sessions()).toBe(1);
      await e.handle.db.deleteFrom('audit_head').execute();
      const res = await e.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { origin: 'http://localhost:80', host: 'localhost:80' },
        payload: { username: user.username, password: user.password },
      });
      expect(res.statusCode).toBe(500);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(await sessions()).toBe(1);
    });
  });

  it('keeps one valid chain when 20 transactions record entries at the same time', async () => {
    const start = await countRows(env());
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        env()
          .handle.db.transaction()
          .execute(async (trx) => {
            await recordAudit(
              { ...env().ctx(), db: trx },
              { action: 'test.parallel', subjectType: 'test', subjectId: `p-${i}` },
            );
            // Hold the transaction open a moment so that the others really queue on the head.
            await sql`SELECT 1`.execute(trx);
          }),
      ),
    );
    const result = await verifyAuditChain(env().handle.db, env().config);
    expect(result).toMatchObject({ ok: true, checked: start + 20 });
    const seqs = await env()
      .handle.db.selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'test.parallel')
      .execute();
    expect(new Set(seqs.map((s) => s.seq)).size).toBe(20);
  });
});
