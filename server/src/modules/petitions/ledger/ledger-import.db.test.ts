import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEachDialect, type TestEnv } from '../../../../test/harness.ts';
import { getCase, petitionWorld } from '../petitions.test-helper.ts';
import { ledgerFile, readBack, uploadLedger, validId } from './ledger.test-helper.ts';
import type { LedgerKey } from './ledger-columns.ts';

type Row = Partial<Record<LedgerKey, unknown>>;

/** A historical ledger row at a unit; override any column. */
function row(unit: string, over: Row = {}): Row {
  return {
    number: `历史${Math.random().toString(36).slice(2, 8)}`,
    receivedOn: new Date(Date.UTC(2026, 5, 3)),
    channel: '来信',
    petitioners: '赵六',
    idNumbers: validId('33010219850607123'),
    phones: '13811112222',
    peopleCount: 1,
    classification: '申诉求决类',
    category: '劳资纠纷',
    title: `拖欠工资${Math.random().toString(36).slice(2, 6)}`,
    demands: '请求支付拖欠的工资',
    content: '某公司拖欠工资三个月。',
    unit,
    ...over,
  };
}

async function petitionsAt(env: TestEnv, unitId: string): Promise<number> {
  const r = await env.handle.db
    .selectFrom('petitions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', '=', unitId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describeEachDialect('ledger: import', (env) => {
  it('a dry run reports every row with its problems by column and writes nothing', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const file = await ledgerFile([
      row('东城镇', { title: '第三行没问题' }),
      row('东城一村', {
        receivedOn: '2026-13-40',
        idNumbers: '330102198506071230',
        phones: '138****2222',
        category: '不存在的类别',
      }),
      row('西山乡', { answerOn: '2026-12-01', status: '已办结' }),
      row('东城镇', { title: '第三行没问题', number: '另一个件号' }),
    ]);
    const res = await uploadLedger(clerk.session, '', file);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ total: 4, valid: 1, invalid: 3, dryRun: true, imported: [] });
    expect(report.rows[0]).toEqual({ row: 3, ok: true, errors: [], title: '第三行没问题' });
    const columns = (i: number) => report.rows[i].errors.map((e: { column: string }) => e.column);
    expect(columns(1).sort()).toEqual(['收到日期', '身份证号', '联系电话', '问题类别'].sort());
    const messages = report.rows[1].errors.map((e: { message: string }) => e.message).join('\n');
    expect(messages).toContain('不是有效日期');
    expect(messages).toContain('校验位不正确');
    expect(messages).toContain('已脱敏');
    expect(columns(2)).toEqual(expect.arrayContaining(['责任单位', '办结日期', '处理结果', '答复意见']));
    expect(report.rows[2].errors.find((e: { column: string }) => e.column === '办结日期').message).toContain(
      '晚于今天',
    );
    expect(report.rows[3].errors).toEqual([
      { column: '标题', message: '与第3行重复（收到日期、信访人和标题都相同），请删除重复的一行。' },
    ]);
    expect(await petitionsAt(env(), w.t.townA.id)).toBe(0);
  });

  it('mode=all with one bad row writes nothing (422 import_invalid with the report); valid_only writes the rest and lists the bad one', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const file = await ledgerFile([
      row('东城镇', { title: '有效行一' }),
      row('东城镇', { title: '有效行二', channel: '来访' }),
      row('东城镇', { title: '无效行', channel: '飞鸽传书' }),
    ]);
    const all = await uploadLedger(clerk.session, '?mode=all', file);
    expect(all.statusCode).toBe(422);
    expect(all.json().error.code).toBe('import_invalid');
    expect(all.json().error.message).toContain('有1行未通过检查');
    expect(all.json().error.details.report).toMatchObject({ total: 3, valid: 2, invalid: 1 });
    expect(await petitionsAt(env(), w.t.townA.id)).toBe(0);

    const some = await uploadLedger(clerk.session, '?mode=valid_only', file);
    expect(some.statusCode, some.body).toBe(201);
    const report = some.json();
    expect(report).toMatchObject({ total: 3, valid: 2, invalid: 1, dryRun: false });
    expect(report.imported.map((i: { row: number }) => i.row)).toEqual([3, 4]);
    expect(report.rows[2]).toMatchObject({ row: 5, ok: false, title: '无效行' });
    expect(report.rows[2].errors[0]).toMatchObject({ column: '来源渠道' });
    expect(await petitionsAt(env(), w.t.townA.id)).toBe(2);

    const c = (await getCase(clerk.session, report.imported[0].id)).json();
    expect(c).toMatchObject({
      title: '有效行一',
      status: 'registered',
      receivedOn: '2026-06-03',
      channel: 'letter',
    });
    expect(c.petitioners[0]).toMatchObject({
      name: '赵六',
      idNumber: `3301**********${validId('33010219850607123').slice(-4)}`,
    });
    expect(c.events[0].note).toContain('依历史台账导入（第3行，原件号历史');
  });

  it('imports answered and closed history with its answer, met deadlines and audit; a retry with the same Idempotency-Key imports once', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk', 'leader']);
    const file = await ledgerFile([
      row('东城一村', {
        title: '历史已办结',
        status: '已办结',
        answerOn: '2026-07-20',
        decision: '支持',
        answerText: '已督促公司支付工资。',
        satisfaction: '满意',
        remark: '2019年台账',
      }),
    ]);
    const headers = { 'idempotency-key': `ledger-${Math.random()}` };
    const first = await uploadLedger(clerk.session, '?mode=all', file, '台账.xlsx', headers);
    expect(first.statusCode, first.body).toBe(201);
    const again = await uploadLedger(clerk.session, '?mode=all', file, '台账.xlsx', headers);
    expect(again.statusCode).toBe(201);
    expect(again.json().imported).toEqual(first.json().imported);
    expect(await petitionsAt(env(), w.t.villageA1.id)).toBe(1);

    const id = first.json().imported[0].id;
    const c = (await getCase(clerk.session, id)).json();
    expect(c).toMatchObject({
      status: 'closed',
      answer: { on: '2026-07-20', decision: 'support', text: '已督促公司支付工资。' },
    });
    expect(c.events.map((e: { action: string }) => e.action)).toEqual([
      'register',
      'accept',
      'answer',
      'close',
    ]);
    const duty = c.deadlines.filter((d: { duty: boolean }) => d.duty);
    expect(duty.length).toBeGreaterThan(0);
    expect(duty.every((d: { status: string }) => d.status === 'met')).toBe(true);

    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .select(['action', 'subject_id', 'after_json'])
      .where('actor_id', '=', clerk.session.userId)
      .where('action', 'in', ['petition.import', 'petition.register'])
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['petition.register', 'petition.import', 'petition.import']);
    expect(audit.map((a) => a.after_json).join('')).not.toContain('13811112222');
  });

  it('round-trips: what was imported comes back in the export with the same values', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk', 'leader']);
    const id1 = validId('33010219900101002');
    const file = await ledgerFile([
      row('东城二村', {
        number: '东信〔2026〕88号',
        receivedOn: '2026-08-15',
        channel: '来访',
        petitioners: '钱七、孙八',
        idNumbers: `${id1}、`,
        phones: '、0571-87654321',
        peopleCount: 2,
        classification: '建议意见类',
        category: '生态环境',
        title: '往返导出标题',
        demands: '请求治理河道',
        content: '村口河道污染严重。',
        status: '已答复',
        answerOn: '2026-09-10',
        decision: '解释说明',
        answerText: '已安排清淤。',
        satisfaction: '基本满意',
        remark: '纸质台账补录',
      }),
    ]);
    const res = await uploadLedger(clerk.session, '?mode=all', file);
    expect(res.statusCode, res.body).toBe(201);
    const exported = await clerk.session.inject({
      method: 'GET',
      url: `/api/v1/petitions/export.xlsx?unitId=${w.t.villageA2.id}`,
    });
    const rows = (await readBack(exported.rawPayload)).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      信访件号: res.json().imported[0].number,
      收到日期: new Date('2026-08-15T00:00:00Z'),
      来源渠道: '来访',
      信访人: '钱七、孙八',
      身份证号: `3301**********${id1.slice(-4)}、`,
      联系电话: '、057*****4321',
      人数: 2,
      信访分类: '建议意见类',
      问题类别: '生态环境',
      标题: '往返导出标题',
      主要诉求: '请求治理河道',
      内容摘要: '村口河道污染严重。',
      责任单位: '东城二村',
      当前状态: '已答复',
      办结日期: new Date('2026-09-10T00:00:00Z'),
      处理结果: '解释说明',
      答复意见: '已安排清淤。',
      满意度: '基本满意',
      是否逾期: '否',
      备注: '纸质台账补录',
    });
  });

  it('answers a wrong file with a 4xx and a Chinese message, never a 500', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const handler = await w.people(w.t.townA.id, ['handler']);
    const csv = Buffer.from('标题,内容\n一,二\n', 'utf8');
    const cases: Array<[string, Buffer, number, string]> = [
      ['台账.csv', csv, 422, 'import_file_unreadable'],
      ['台账.xlsx', csv, 422, 'import_file_unreadable'],
      [
        '台账.xlsx',
        Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]),
        422,
        'import_file_unreadable',
      ],
      ['台账.xlsx', await ledgerFile([]), 422, 'import_file_unreadable'],
    ];
    for (const [name, bytes, status, code] of cases) {
      const res = await uploadLedger(clerk.session, '', bytes, name);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const missingColumns = await uploadLedger(
      clerk.session,
      '',
      await (async () => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('Sheet1');
        ws.addRow(['序号', '标题', '收到日期', '信访人']);
        ws.addRow([1, '某事', '2026-10-01', '张三']);
        return Buffer.from(await wb.xlsx.writeBuffer());
      })(),
    );
    expect(missingColumns.statusCode).toBe(422);
    expect(missingColumns.json().error.message).toContain(
      '缺少必需的列：来源渠道、信访分类、问题类别、内容摘要、责任单位',
    );
    const notMultipart = await clerk.session.inject({
      method: 'POST',
      url: '/api/v1/petitions/import',
      payload: {},
    });
    expect(notMultipart.statusCode).toBe(400);
    const badMode = await uploadLedger(clerk.session, '?mode=some', await ledgerFile([row('东城镇')]));
    expect(badMode.statusCode).toBe(400);
    const refused = await uploadLedger(handler.session, '', await ledgerFile([row('东城镇')]));
    expect(refused.statusCode).toBe(403);
  });

  it('serves the import template with the layout, drop-downs and a sheet of rules', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk']);
    const res = await clerk.session.inject({ method: 'GET', url: '/api/v1/petitions/import-template.xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('信访事项台账导入模板.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['信访事项台账', '填写说明']);
    const book = await readBack(res.rawPayload);
    expect(book.rows).toEqual([]);
    expect(book.headers).toContain('收到日期');
    // The empty template itself imports as "no data rows", not as an error of the server.
    const back = await uploadLedger(clerk.session, '', res.rawPayload);
    expect(back.statusCode).toBe(422);
    expect(back.json().error.message).toContain('没有数据行');
  });
});
