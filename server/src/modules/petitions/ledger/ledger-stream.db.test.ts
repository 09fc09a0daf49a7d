import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../../test/harness.ts';
import { findCategoryByName } from '../petitions.repository.ts';
import { petitionWorld } from '../petitions.test-helper.ts';
import { readBack } from './ledger.test-helper.ts';
import { seedLedgerCases } from './ledger-fixture.test-helper.ts';
import { EXPORT_BATCH } from './use-cases/export-ledger.ts';

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
});
