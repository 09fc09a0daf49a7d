import { describe, expect, it } from 'vitest';
import type { UnitRow } from '../../org/org.repository.ts';
import { validId } from './ledger.test-helper.ts';
import {
  channelCode,
  classificationCode,
  idNumberProblem,
  normalizePhone,
  parseLedgerDate,
  splitList,
} from './ledger-columns.ts';
import { checkLedgerRow, type LedgerSheetRow, markDuplicates, resolveUnit } from './ledger-rows.ts';

function unit(id: string, name: string, parent: string | null, path: string): UnitRow {
  return {
    id,
    name,
    parent_id: parent,
    path,
    kind: 'village',
    depth: path.split('/').length - 2,
    accepts_online: 0,
    created_at: '',
  };
}
const UNITS = [
  unit('c', '清河县', null, '/c/'),
  unit('a', '东城镇', 'c', '/c/a/'),
  unit('b', '西山乡', 'c', '/c/b/'),
  unit('a1', '新村', 'a', '/c/a/a1/'),
  unit('b1', '新村', 'b', '/c/b/b1/'),
];
const DICT = { today: '2026-11-02', categories: new Set(['劳资纠纷', '其他']), units: UNITS };

function sheetRow(row: number, over: LedgerSheetRow['cells'] = {}): LedgerSheetRow {
  return {
    row,
    cells: {
      receivedOn: '2026-10-01',
      channel: '来信',
      petitioners: '张三',
      classification: '申诉求决类',
      category: '劳资纠纷',
      title: '欠薪',
      content: '公司欠薪。',
      unit: '东城镇',
      ...over,
    },
  };
}

describe('ledger cell checks', () => {
  it('checks the GB 11643 check character and the birth date of ID numbers', () => {
    const good = validId('11010519491231002');
    expect(good).toBe('11010519491231002X');
    expect(idNumberProblem(good)).toBeNull();
    expect(idNumberProblem(good.toLowerCase())).toBeNull();
    expect(idNumberProblem('110105194912310021')).toContain('校验位不正确');
    expect(idNumberProblem(validId('11010519490230002'))).toContain('出生日期不存在');
    expect(idNumberProblem('110105491231002')).toBeNull();
    expect(idNumberProblem('12345')).toContain('18位');
  });

  it('takes mobile and landline numbers and refuses the rest', () => {
    expect(normalizePhone('138 0013 5678')).toBe('13800135678');
    expect(normalizePhone('+86 13800135678')).toBe('13800135678');
    expect(normalizePhone('0571-87654321')).toBe('057187654321');
    expect(normalizePhone('12800135678')).toBeUndefined();
    expect(normalizePhone('138****5678')).toBeUndefined();
  });

  it('reads dates from date cells, serial numbers and the ways offices write them', () => {
    expect(parseLedgerDate(new Date(Date.UTC(2026, 9, 20)))).toBe('2026-10-20');
    expect(parseLedgerDate(46315)).toBe('2026-10-20');
    for (const s of ['2026-10-20', '2026/10/20', '2026.10.20', '2026年10月20日', '20261020'])
      expect(parseLedgerDate(s)).toBe('2026-10-20');
    expect(parseLedgerDate('2026-02-30')).toBeUndefined();
    expect(parseLedgerDate('去年十月')).toBeUndefined();
  });

  it('knows the dictionaries by their Chinese names', () => {
    expect(channelCode('来电')).toBe('phone');
    expect(channelCode('电话')).toBe('phone');
    expect(channelCode('网上信访')).toBe('online');
    expect(classificationCode('检举控告')).toBe('accusation');
    expect(classificationCode('投诉')).toBeUndefined();
    expect(splitList('张三、李四，王五')).toEqual(['张三', '李四', '王五']);
    expect(splitList('、13800135678', true)).toEqual(['', '13800135678']);
  });

  it('resolves a unit by name in scope, asking for the parent when the name repeats', () => {
    expect(resolveUnit('东城镇', UNITS)).toEqual({ unit: UNITS[1] });
    expect(resolveUnit('西山乡/新村', UNITS)).toEqual({ unit: UNITS[4] });
    expect(resolveUnit('新村', UNITS)).toMatchObject({ problem: expect.stringContaining('2个名为“新村”') });
    expect(resolveUnit('北湖镇', UNITS)).toMatchObject({
      problem: expect.stringContaining('不是您管辖范围内'),
    });
  });
});

describe('ledger row check', () => {
  it('turns a good row into a registration with its people', () => {
    const c = checkLedgerRow(
      sheetRow(3, { petitioners: '张三、李四', phones: '13800135678', peopleCount: 2 }),
      DICT,
    );
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.value.unit.id).toBe('a');
    expect(c.value.status).toBe('registered');
    expect(c.value.input.petitioners).toEqual([
      {
        name: '张三',
        idNumber: undefined,
        phone: '13800135678',
        address: undefined,
        isRepresentative: undefined,
      },
      {
        name: '李四',
        idNumber: undefined,
        phone: undefined,
        address: undefined,
        isRepresentative: undefined,
      },
    ]);
  });

  it('asks a collective visit for at most 5 representatives and an answered case for its answer', () => {
    const crowd = checkLedgerRow(
      sheetRow(3, { petitioners: '甲、乙、丙、丁、戊、己', peopleCount: 30 }),
      DICT,
    );
    expect(crowd.ok).toBe(false);
    if (!crowd.ok) expect(crowd.errors.map((e) => e.message).join()).toContain('代表不超过5人');
    const answered = checkLedgerRow(sheetRow(4, { status: '已答复', answerOn: '2026-09-01' }), DICT);
    expect(answered.ok).toBe(false);
    if (!answered.ok)
      expect(answered.errors.map((e) => e.column).sort()).toEqual(
        ['办结日期', '处理结果', '答复意见'].sort(),
      );
    const stillOpen = checkLedgerRow(sheetRow(5, { status: '已受理' }), DICT);
    expect(stillOpen.ok).toBe(false);
  });

  it('reports a repeated original number on the later row', () => {
    const rows = [sheetRow(3, { number: 'A1' }), sheetRow(4, { number: 'A1', title: '另一件' })];
    const checked = markDuplicates(
      rows.map((r) => checkLedgerRow(r, DICT)),
      rows,
    );
    expect(checked[0]?.ok).toBe(true);
    expect(checked[1]).toMatchObject({ ok: false, errors: [{ column: '信访件号' }] });
  });
});
