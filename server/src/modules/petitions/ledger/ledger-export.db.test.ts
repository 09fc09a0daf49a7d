import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../../test/harness.ts';
import { actOk, letter, petitionWorld, register } from '../petitions.test-helper.ts';
import { readBack } from './ledger.test-helper.ts';
import { LEDGER_COLUMNS } from './ledger-columns.ts';

describeEachDialect('ledger: export', (env) => {
  it('downloads the visible cases as a real .xlsx: title, frozen header, dates as dates, personal data masked', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk', 'leader']);
    const first = await register(
      clerk.session,
      letter(w.t.townA.id, { title: '台账导出甲', receivedOn: '2026-10-08' }),
    );
    await register(
      clerk.session,
      letter(w.t.villageA1.id, {
        title: '台账导出乙',
        receivedOn: '2026-10-12',
        channel: 'visit',
        peopleCount: 2,
        petitioners: [
          { name: '李四', phone: '13912345678' },
          { name: '王五', idNumber: '330102198001011234' },
        ],
      }),
    );
    await register(clerk.session, letter(w.t.townA.id, { title: '台账导出丙', receivedOn: '2026-10-30' }));
    await actOk(clerk.session, first.id, { action: 'accept' });
    // A case elsewhere in the county is outside the town clerk's ledger.
    const other = await w.people(w.t.townB.id, ['clerk']);
    await register(other.session, letter(w.t.townB.id, { title: '台账导出西山' }));

    const res = await clerk.session.inject({ method: 'GET', url: '/api/v1/petitions/export.xlsx' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="petition-ledger-2026-11-02.xlsx"; filename*=UTF-8''${encodeURIComponent('信访事项台账-2026-11-02.xlsx')}`,
    );
    const book = await readBack(res.rawPayload);
    expect(book.name).toBe('信访事项台账');
    expect(book.title).toContain('信访事项台账（导出日期：2026-11-02');
    expect(book.headers).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(book.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(book.rows.map((r) => r.标题)).toEqual(['台账导出甲', '台账导出乙', '台账导出丙']);
    const [a, b] = book.rows as [Record<string, unknown>, Record<string, unknown>];
    expect(a).toMatchObject({
      序号: 1,
      信访件号: first.number,
      来源渠道: '来信',
      信访人: '张三',
      身份证号: '3301**********1234',
      联系电话: '138****5678',
      人数: 1,
      信访分类: '申诉求决类',
      问题类别: '征地拆迁',
      责任单位: '东城镇',
      当前状态: '已受理',
      是否逾期: '否',
    });
    expect(a.收到日期).toEqual(new Date('2026-10-08T00:00:00Z'));
    expect(a.办理期限).toBeInstanceOf(Date);
    expect(b).toMatchObject({
      来源渠道: '来访',
      信访人: '李四、王五',
      联系电话: '139****5678、',
      身份证号: '、3301**********1234',
      责任单位: '东城一村',
      当前状态: '已登记',
    });
    // No plaintext personal data anywhere in the file.
    const everything = JSON.stringify(book.rows);
    expect(everything).not.toContain('13912345678');
    expect(everything).not.toContain('330102198001011234');

    const audit = await env()
      .handle.db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'petition.export')
      .where('actor_id', '=', clerk.session.userId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toEqual({
      format: 'xlsx',
      filters: {},
      rows: 3,
      complete: true,
    });
  });

  it('takes the list filters: status, unit, keyword, overdue; a unit out of scope is 404, an unknown status 400', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.townA.id, ['clerk', 'leader']);
    const accepted = await register(clerk.session, letter(w.t.townA.id, { title: '筛选已受理' }));
    await actOk(clerk.session, accepted.id, { action: 'accept' });
    await register(clerk.session, letter(w.t.villageA2.id, { title: '筛选二村噪音' }));
    // Received long ago and never accepted: its acceptance limit has passed.
    await register(clerk.session, letter(w.t.townA.id, { title: '筛选逾期', receivedOn: '2026-09-01' }));
    const titles = async (query: string) => {
      const res = await clerk.session.inject({
        method: 'GET',
        url: `/api/v1/petitions/export.xlsx?${query}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return (await readBack(res.rawPayload)).rows.map((r) => r.标题);
    };
    expect(await titles('status=accepted')).toEqual(['筛选已受理']);
    expect(await titles(`unitId=${w.t.villageA2.id}`)).toEqual(['筛选二村噪音']);
    expect(await titles(`q=${encodeURIComponent('噪音')}`)).toEqual(['筛选二村噪音']);
    expect(await titles('overdue=true')).toEqual(['筛选逾期']);
    const searched = await env()
      .handle.db.selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'petition.export')
      .where('actor_id', '=', clerk.session.userId)
      .where('after_json', 'like', '%keyword%')
      .execute();
    expect(searched).toHaveLength(1);
    expect(searched[0]?.after_json).not.toContain('噪音');
    const overdue = await clerk.session.inject({
      method: 'GET',
      url: '/api/v1/petitions/export.xlsx?overdue=true',
    });
    expect((await readBack(overdue.rawPayload)).rows[0]?.是否逾期).toBe('是');

    const outside = await clerk.session.inject({
      method: 'GET',
      url: `/api/v1/petitions/export.xlsx?unitId=${w.t.townB.id}`,
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('not_found');
    const bad = await clerk.session.inject({
      method: 'GET',
      url: '/api/v1/petitions/export.xlsx?status=nonsense',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    expect((await env().app.inject({ method: 'GET', url: '/api/v1/petitions/export.xlsx' })).statusCode).toBe(
      401,
    );
  });

  it('never exports an accusation to the accused person, and masks the accuser for a supervisor', async () => {
    const w = await petitionWorld(env());
    const clerk = await w.people(w.t.county.id, ['clerk']);
    const accusedLeader = await w.people(w.t.county.id, ['leader']);
    const supervisor = await w.people(w.t.county.id, ['supervisor']);
    await register(
      clerk.session,
      letter(w.t.county.id, {
        classification: 'accusation',
        title: '检举领导违规审批',
        accused: { unitId: w.t.dept.id, userId: accusedLeader.id },
        petitioners: [{ name: '检举人乙', phone: '13700001111' }],
      }),
    );
    await register(clerk.session, letter(w.t.county.id, { title: '普通来信事项' }));
    const titlesOf = async (s: typeof clerk.session) => {
      const res = await s.inject({ method: 'GET', url: '/api/v1/petitions/export.xlsx' });
      expect(res.statusCode, res.body).toBe(200);
      return (await readBack(res.rawPayload)).rows;
    };
    const forClerk = await titlesOf(clerk.session);
    expect(forClerk.map((r) => r.标题)).toContain('检举领导违规审批');
    const forAccused = await titlesOf(accusedLeader.session);
    expect(forAccused.map((r) => r.标题)).toContain('普通来信事项');
    expect(forAccused.map((r) => r.标题)).not.toContain('检举领导违规审批');
    // Nor to the accused unit's line (here the accused department's own leader).
    const deptLeader = await w.people(w.t.dept.id, ['leader', 'clerk']);
    await register(deptLeader.session, letter(w.t.dept.id, { title: '人社局自己的事项' }));
    const forDept = await titlesOf(deptLeader.session);
    expect(forDept.map((r) => r.标题)).toEqual(['人社局自己的事项']);
    const forSupervisor = await titlesOf(supervisor.session);
    expect(forSupervisor.find((r) => r.标题 === '检举领导违规审批')?.信访人).toBe('检***');
    expect(JSON.stringify(forSupervisor)).not.toContain('检举人乙');
  });

  it('refuses roles that never read petitions', async () => {
    const w = await petitionWorld(env());
    const admin = await w.people(w.t.county.id, ['sysadmin']);
    const res = await admin.session.inject({ method: 'GET', url: '/api/v1/petitions/export.xlsx' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('不能导出台账');
  });
});
