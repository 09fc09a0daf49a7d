import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../../test/harness.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { findCategoryByName } from '../petitions.repository.ts';
import { petitionWorld } from '../petitions.test-helper.ts';
import { readBack } from './ledger.test-helper.ts';
import { seedLedgerCases } from './ledger-fixture.test-helper.ts';
import { EXPORT_BATCH, exportLedger } from './use-cases/export-ledger.ts';

const ROWS = 20_000;

describeEachDialect('ledger: streaming export', (env) => {
  it(`exports ${ROWS} cases in keyset batches of ${EXPORT_BATCH}, every one once, oldest first`, async () => {
    const w = await petitionWorld(env());
    const unit = await w.makeUnit({ name: '流式导出镇', kind: 'township', parentId: w.t.county.id });
    const clerk = await w.people(unit.id, ['clerk']);
    const category = await findCategoryByName(env().handle.db, '征地拆迁');
    await seedLedgerCases(env().handle.db, unit.id, category?.id ?? '', ROWS);

    const res = await clerk.session.inject({ method: 'GET', url: '/api/v1/petitions/export.xlsx' });
    expect(res.statusCode).toBe(200);
    const { rows } = await readBack(res.rawPayload);
    expect(rows).toHaveLength(ROWS);
    expect(rows[0]?.序号).toBe(1);
    expect(rows.at(-1)?.序号).toBe(ROWS);
    expect(new Set(rows.map((r) => r.信访件号)).size).toBe(ROWS);
    const days = rows.map((r) => (r.收到日期 as Date).toISOString());
    expect([...days].sort()).toEqual(days);
    expect(rows.find((r) => r.信访人 === '信访人1')).toMatchObject({
      联系电话: '138****5678',
      责任单位: '流式导出镇',
    });
  }, 240_000);

  it('stops reading when the download is broken off, and audits the export as incomplete', async () => {
    const w = await petitionWorld(env());
    const unit = await w.makeUnit({ name: '中断导出镇', kind: 'township', parentId: w.t.county.id });
    const clerk = await w.people(unit.id, ['clerk']);
    const category = await findCategoryByName(env().handle.db, '征地拆迁');
    await seedLedgerCases(env().handle.db, unit.id, category?.id ?? '', 8000);
    const out = new PassThrough();
    let received = 0;
    out.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > 20_000) out.destroy();
    });
    const actor: Actor = {
      userId: clerk.id,
      username: clerk.username,
      name: '中断导出员',
      unitId: unit.id,
      unitPath: unit.path,
      roles: ['clerk'],
      sessionId: 'test',
    };
    const rows = await exportLedger(
      { ...env().ctx(), actor },
      actor,
      { filter: { mine: false, overdue: false, today: '2026-11-02' }, filters: {}, description: '' },
      out,
    );
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(8000);
    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'petition.export')
      .where('actor_id', '=', clerk.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toEqual({
      format: 'xlsx',
      filters: {},
      rows,
      complete: false,
    });
  }, 120_000);
});
